"""The render interface: one assembled document in, the bytes of one output format out.

Every renderer turns a document made by `staatc.assemble` into bytes and never writes
output files itself (the writer does atomic writes). The Markdown a `Document` may
contain is described in `staatc.assemble.document`.
"""

from __future__ import annotations

import datetime as _dt
from datetime import date
from typing import Protocol, TypeVar

from staatc.assemble.document import Document, DocumentMeta


DocT = TypeVar("DocT", contravariant=True)


class Renderer(Protocol[DocT]):
    """Renders one product's document (a `Document`, a `Letter`) as one format."""

    name: str        # "docx" / "pdf"
    suffix: str      # ".docx" / ".pdf"

    def render(self, doc: DocT) -> bytes: ...


class RenderError(RuntimeError):
    """A render failed for a reason that is not the user's (pandoc or Typst broke)."""


TOC_TITLE = "Inhoudsopgave"
CONCEPT_MARK = "CONCEPT"


def epoch_of(d: date) -> int:
    """A fixed timestamp for reproducible output: noon UTC on the document date."""
    moment = _dt.datetime(d.year, d.month, d.day, 12, 0, 0, tzinfo=_dt.timezone.utc)
    return int(moment.timestamp())


def lang_parts(lang: str) -> tuple[str, str | None]:
    """'nl-NL' -> ('nl', 'NL')."""
    language, _, region = lang.partition("-")
    return language.lower(), (region.upper() or None)
