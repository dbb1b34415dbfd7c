"""What every editorial check gets: the edition, each document's lines, the settings.

Built once per run, so the Markdown of a chapter is scanned once however many
checks read it. Nothing here reads files: the word list and the spelling
dictionary are handed in by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Callable

from staatc.model import Chapter, Edition, Kamerbrief, Onderzoek, Readability, Stand, _Document
from staatc.markdown.headings import Heading, headings
from staatc.markdown.links import Link, find_links
from staatc.validate.editorial.text import Line, Paragraph, paragraphs, readable, source_lines

Speller = Callable[[str], bool]  # word → is it spelled right


@dataclass(eq=False)
class Document:
    doc: _Document
    rendered: str | None  # the body with expressions rendered; None when they failed

    @property
    def path(self) -> Path:
        return self.doc.source.path

    @property
    def kind(self) -> str:
        kinds = {Chapter: "chapter", Stand: "stand", Onderzoek: "onderzoek", Kamerbrief: "kamerbrief"}
        return kinds.get(type(self.doc), "document")

    @cached_property
    def lines(self) -> list[Line]:
        """The rendered text, line by line, with source line numbers."""
        return source_lines(self.doc.body, self.rendered, self.doc.source.body_line)

    @cached_property
    def links(self) -> list[Link]:
        """Links and images of the rendered text, at their line in the source file."""
        lines = self.lines
        return [replace(link, line=lines[link.line - 1].number)
                for link in find_links(readable(self.doc.body, self.rendered))]

    @cached_property
    def headings(self) -> list[Heading]:
        """Headings of the rendered text, at their line in the source file."""
        lines = self.lines
        return [replace(h, line=lines[h.line - 1].number)
                for h in headings(readable(self.doc.body, self.rendered))]

    @cached_property
    def raw_lines(self) -> list[Line]:
        """The body as typed (expressions not rendered), with source line numbers."""
        return source_lines(self.doc.body, self.doc.body, self.doc.source.body_line)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return paragraphs(self.lines)


@dataclass(eq=False)
class Context:
    edition: Edition
    documents: list[Document]
    readability: Readability = field(default_factory=Readability)
    woordenlijst: frozenset[str] = frozenset()
    speller: Speller | None = None

    @property
    def chapters(self) -> list[Document]:
        return [d for d in self.documents if d.kind == "chapter"]


def make_context(edition: Edition, texts: dict[Path, str], woordenlijst: frozenset[str] = frozenset(),
                 speller: Speller | None = None) -> Context:
    documents = [Document(doc, texts.get(doc.source.path)) for doc in edition.documents()]
    settings = edition.config.readability if edition.config else Readability()
    return Context(edition, documents, settings, woordenlijst, speller)
