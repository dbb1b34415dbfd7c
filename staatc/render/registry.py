"""(product, format) → renderer: the one place that says which class renders what.

Entries are "module:Class" strings, imported only when a build asks for them, so
`staatc --help` and `staatc check` never load pandoc, python-docx or Typst.
Adding a format is one renderer module and one line per product here.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `build --format` asks for the names without loading any renderer
    from staatc.render.base import Renderer

RENDERERS: dict[tuple[str, str], str] = {
    ("rapportage", "docx"): "staatc.render.rapportage_docx:DocxRenderer",
    ("rapportage", "pdf"): "staatc.render.rapportage_pdf:PdfRenderer",
    ("kamerbrief", "docx"): "staatc.render.kamerbrief_docx:KamerbriefDocxRenderer",
    ("kamerbrief", "pdf"): "staatc.render.kamerbrief_pdf:KamerbriefPdfRenderer",
    ("web", "html"): "staatc.render.web:SiteRenderer",
}


def formats() -> tuple[str, ...]:
    """Every format the registry offers, in registry order: what `build --format` accepts."""
    return tuple(dict.fromkeys(fmt for _, fmt in RENDERERS))


def has_renderer(product: str, fmt: str) -> bool:
    return (product, fmt) in RENDERERS


def renderer(product: str, fmt: str) -> Renderer:
    try:
        target = RENDERERS[(product, fmt)]
    except KeyError:  # the CLI only offers registered formats: reaching this is a bug
        raise ValueError(f"no renderer for {product!r} as {fmt!r}") from None
    module, _, cls = target.partition(":")
    return getattr(import_module(module), cls)()
