"""Render stage: one assembled document in, the bytes of one output format out.

    from staatc.render.registry import renderer
    pdf_bytes = renderer("rapportage", "pdf").render(doc)

Renderers return bytes and write nothing; the writer (staatc.output) does that. The web
edition is `staatc.render.web.SiteRenderer`: a `Site` in, every file of the site out. The build
(staatc.render.parallel) runs them side by side in threads.
"""

from __future__ import annotations


_LAZY = {"DocxRenderer": "staatc.render.rapportage_docx", "PdfRenderer": "staatc.render.rapportage_pdf",
         # Even these load the models: `build --format` reads the registry's names without them.
         **dict.fromkeys(("Document", "DocumentMeta", "Renderer", "RenderError"), "staatc.render.base")}


def __getattr__(name: str):
    # The renderers pull in python-docx and Typst: load them only when asked for by name.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'staatc.render' has no attribute {name!r}")


__all__ = ["Document", "DocumentMeta", "DocxRenderer", "PdfRenderer", "RenderError", "Renderer"]
