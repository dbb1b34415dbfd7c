"""The one interface every renderer implements (Sphinx's builders, made small)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class DocumentMeta:
    title: str                 # "Staat van de Uitvoering 2024"
    subtitle: str | None
    publisher: str             # author/core properties
    date: date                 # aanbieding date; shown on the cover in Dutch
    lang: str = "nl-NL"
    concept: bool = False      # True -> a visible CONCEPT mark (cover + header/watermark)
    subject: str = "Staat van de Uitvoering"
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    markdown: str                              # pandoc Markdown, assembled; body only
    media: dict[str, bytes] = field(default_factory=dict)   # image path in the Markdown -> bytes


class Renderer(Protocol):
    name: str        # "docx" / "pdf"
    suffix: str      # ".docx" / ".pdf"

    def render(self, doc: Document) -> bytes: ...
