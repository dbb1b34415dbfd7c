"""PDF output: pandoc writes Typst markup for the body, our template frames it, Typst compiles.

The PDF is tagged and conforms to PDF/A-2a and PDF/UA-1 at once (Typst checks both while it
writes: alt text on every image, document title, language, embedded fonts). Fonts are the
bundled Noto Sans plus Typst's own embedded fonts; system fonts are never looked at, so the
same input gives the same bytes on every machine.
"""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

from staatc.templating import dutch_date
from staatc.render.base import (
    Document,
    DocumentMeta,
    RenderError,
    epoch_of,
    lang_parts,
)
from staatc.render.media import stage_media
from staatc.render.pandoc import TEMPLATES, start_pandoc

TEMPLATE = TEMPLATES / "rapportage.typ"
FONTS = TEMPLATES / "fonts"
PDF_STANDARDS = ["a-2a", "ua-1"]


@lru_cache(maxsize=1)
def bundled_fonts():
    """Noto Sans and Typst's embedded fonts, scanned once per process."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(FONTS)])


@lru_cache(maxsize=1)
def template_source() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def typst_inputs(meta: DocumentMeta) -> dict[str, str]:
    """The metadata as one JSON string for the template's `sys.inputs` (data, not markup)."""
    language, region = lang_parts(meta.lang)
    data = {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "publisher": meta.publisher,
        "date-text": dutch_date(meta.date, meta.lang),
        "year": meta.date.year,
        "month": meta.date.month,
        "day": meta.date.day,
        "language": language,
        "region": region,
        "concept": meta.concept,
        "subject": meta.subject,
        "keywords": list(meta.keywords),
    }
    return {"staatc-meta": json.dumps(data, ensure_ascii=False, sort_keys=True)}


class PdfRenderer:
    name = "pdf"
    suffix = ".pdf"

    def render(self, doc: Document) -> bytes:
        meta = doc.meta
        epoch = epoch_of(meta.date)
        with tempfile.TemporaryDirectory(prefix="staatc-pdf-") as tmp:
            root = Path(tmp)
            manifest = stage_media(doc.media, root) if doc.media else None
            body = start_pandoc(doc.markdown, "typst", [], epoch=epoch, media_manifest=manifest)
            # While pandoc runs: fonts (first call only), the template, the metadata (babel).
            fonts = bundled_fonts()
            inputs = typst_inputs(meta)
            source = f"{template_source()}\n#show: rapportage\n\n{body.result().decode('utf-8')}"
            return compile_typst(source, root, fonts, inputs, epoch)


def compile_typst(source: str, root: Path, fonts, inputs: dict[str, str], epoch: int) -> bytes:
    import typst

    # A file, not bytes: Typst memoises by file identity (the path inside the root), so a second
    # render of the same or a similar document in this process reuses most of the first's work.
    main = root / "main.typ"
    main.write_text(source, encoding="utf-8")
    compiler = typst.Compiler(
        root=str(root), font_paths=fonts, ignore_system_fonts=True, sys_inputs=inputs
    )
    try:
        pdf, _warnings = compiler.compile_with_warnings(
            input=str(main),
            format="pdf",
            pdf_standards=PDF_STANDARDS,
            timestamp=epoch,
        )
    except typst.TypstError as exc:
        detail = "; ".join([exc.message, *exc.hints])
        raise RenderError(f"Typst kon de PDF niet maken: {detail}") from exc
    return pdf
