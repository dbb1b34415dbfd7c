"""Render stage: one assembled `Document` in, the bytes of a .docx or .pdf out.

    from staatc.render import Document, DocumentMeta, render_all
    outputs = render_all(doc, ["docx", "pdf"])   # {"docx": b"PK...", "pdf": b"%PDF..."}

`render_all` runs the renderers side by side in threads: each spends its time in a pandoc
subprocess or in Typst's compiler, and neither holds the GIL there, so two formats take about
as long as the slower one. Renderers return bytes and write nothing; the writer does that.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from staatc.render.base import Document, DocumentMeta, Renderer, RenderError
from staatc.render.docx import DocxRenderer
from staatc.render.pdf import PdfRenderer

RENDERERS: dict[str, Renderer] = {"docx": DocxRenderer(), "pdf": PdfRenderer()}


def render_all(doc: Document, formats: list[str] | tuple[str, ...]) -> dict[str, bytes]:
    """Render `doc` in every named format at once; raise the first failure (a RenderError)."""
    unknown = [name for name in formats if name not in RENDERERS]
    if unknown:
        raise ValueError(f"onbekend formaat: {', '.join(unknown)}")
    if len(formats) == 1:
        return {formats[0]: RENDERERS[formats[0]].render(doc)}
    with ThreadPoolExecutor(max_workers=len(formats), thread_name_prefix="staatc-render") as pool:
        # The slowest first (the PDF: pandoc, then Typst), so it never waits for a free worker.
        ordered = sorted(formats, key=lambda name: name != "pdf")
        futures = {name: pool.submit(RENDERERS[name].render, doc) for name in ordered}
        return {name: futures[name].result() for name in formats}


__all__ = [
    "RENDERERS",
    "Document",
    "DocumentMeta",
    "DocxRenderer",
    "PdfRenderer",
    "RenderError",
    "Renderer",
    "render_all",
]
