"""PDF output: pandoc writes Typst markup for the body, our template frames it, Typst compiles.

The PDF is tagged and conforms to PDF/A-2a and PDF/UA-1 at once (Typst checks both while it
writes: alt text on every image, document title, language, embedded fonts). Fonts are the
bundled Noto Sans plus Typst's own embedded fonts; system fonts are never looked at, so the
same input gives the same bytes on every machine.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from staatc.errors import RenderLimitError
from staatc.dutch import dutch_date
from staatc.render.base import (
    Document,
    DocumentMeta,
    RenderError,
    epoch_of,
    lang_parts,
)
from staatc.render.limits import run_limited
from staatc.render.media import stage_media
from staatc.render.pandoc import TEMPLATES, start_pandoc

TEMPLATE = TEMPLATES / "rapportage.typ"
FONTS = TEMPLATES / "fonts"
PDF_STANDARDS = ["a-2a", "ua-1"]
WORKER = Path(__file__).with_name("typst_worker.py")


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
            inputs = typst_inputs(meta)  # while pandoc runs (babel's date formats)
            body_markup = escape_block_markers(body.result().decode("utf-8"))
            source = f"{template_source()}\n#show: rapportage\n\n{body_markup}"
            return compile_typst(source, root, inputs, epoch)


# A content block (a table cell) that starts with "/ ", "= ", "+ ", "- " or "1. " is a term
# list, heading or list in Typst. Pandoc escapes these at the start of a paragraph but not of a
# cell, where "/ x" even stops the compile ("expected colon"). Pandoc escapes every literal
# "[", so an unescaped one always opens a content block.
_BLOCK_MARKER = re.compile(r"(?<!\\)\[(?=(?:[/=+\-]|\d+\.)[ \t\n])")
_BLOCK_MARKER_AFTER = re.compile(r"(?<!\\)\[(\d+)\.(?=[ \t\n])")


def escape_block_markers(markup: str) -> str:
    """Make a cell's leading "/ ", "= ", "+ ", "- " or "1. " literal text."""
    markup = _BLOCK_MARKER_AFTER.sub(r"[\1\\.", markup)
    return _BLOCK_MARKER.sub(r"[\\", markup)


def compile_typst(source: str, root: Path, inputs: dict[str, str], epoch: int) -> bytes:
    """Compile in a worker process (render/typst_worker.py) under the render limits.

    Typst reads only inside `root` (the renderer's temp dir) and only the bundled fonts.
    """
    request = {
        "source": source,
        "root": str(root),
        "font_paths": [str(FONTS)],
        "inputs": inputs,
        "standards": PDF_STANDARDS,
        "timestamp": epoch,
    }
    cmd = [sys.executable, "-E", "-P", str(WORKER)]
    proc = run_limited(cmd, json.dumps(request).encode("utf-8"), env=None,
                       what="making the PDF (Typst)")
    if proc.returncode == 0:
        return proc.stdout
    try:
        error = json.loads(proc.stderr)
    except ValueError:
        raise RenderError(f"Typst kon de PDF niet maken (code {proc.returncode}): "
                          f"{proc.stderr.decode('utf-8', 'replace').strip()}") from None
    if "depth exceeded" in error["message"]:  # check limits nesting; this is the backstop
        raise RenderLimitError(
            f"the text is nested too deeply for Typst ({error['message']}), so the build "
            "stopped: flatten deep lists, quotes and emphasis"
        )
    detail = "; ".join([error["message"], *error["hints"]])
    raise RenderError(f"Typst kon de PDF niet maken: {detail}")
