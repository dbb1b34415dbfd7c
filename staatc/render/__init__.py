"""Render stage: one assembled `Document` in, the bytes of a .docx or .pdf out.

    from staatc.render import RENDERERS
    pdf_bytes = RENDERERS["pdf"].render(doc)

Renderers return bytes and write nothing; the writer (staatc.output) does that. The web
edition is `staatc.render.web.SiteRenderer`: a `Site` in, every file of the site out. The build
(staatc.commands.build.render_all) runs them side by side in threads.
"""

from __future__ import annotations

from staatc.render.base import Document, DocumentMeta, Renderer, RenderError
from staatc.render.rapportage_docx import DocxRenderer
from staatc.render.rapportage_pdf import PdfRenderer

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
