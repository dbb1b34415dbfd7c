"""Render stage: one assembled `Document` in, the bytes of a .docx or .pdf out.

    from staatc.render import RENDERERS, Document, DocumentMeta
    pdf_bytes = RENDERERS["pdf"].render(doc)

Renderers import their heavy dependencies lazily, so importing this package is cheap.
"""

from staatc.render.base import Document, DocumentMeta, Renderer, RenderError
from staatc.render.docx import DocxRenderer
from staatc.render.pdf import PdfRenderer

RENDERERS: dict[str, Renderer] = {"docx": DocxRenderer(), "pdf": PdfRenderer()}

__all__ = [
    "RENDERERS",
    "Document",
    "DocumentMeta",
    "DocxRenderer",
    "PdfRenderer",
    "RenderError",
    "Renderer",
]
