"""PDF output: pandoc writes Typst markup for the body, our template frames it, Typst compiles.

The PDF is tagged and conforms to PDF/A-2a and PDF/UA-1 at once (Typst checks both while it
writes: alt text on every image, document title, language, embedded fonts). Fonts are the
bundled Noto Sans plus Typst's own embedded fonts; system fonts are never looked at, so the
same input gives the same bytes on every machine.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from staatc.errors import HouseStyleError, RenderLimitError
from staatc.dutch import dutch_date
from staatc.render.base import (
    Document,
    DocumentMeta,
    RenderError,
    epoch_of,
    lang_parts,
)
from staatc.load.house_style import stage_fonts
from staatc.model import HouseStyle, bundled_fonts
from staatc.render.media import stage_media
from staatc.render.pandoc import TEMPLATES, Background
from staatc.render.typst_sections import typst_sections
from staatc.render.typst_service import WORKER, Worker, one_off, typst_root

PDF_STANDARDS = ["a-2a", "ua-1"]
log = logging.getLogger("staatc")  # --verbose shows every call
CHART_TYP = TEMPLATES / "chart.typ"  # bundled, never overridden: the filter calls into it
# In the Typst root (a temp dir), beside media/: the paths in the markup are relative to it.
DEFINITIONS = "staatc-definitions.typ"


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
        with typst_root("rapportage-pdf") as (root, worker):
            manifest = stage_media(doc.media, root, doc.charts) if doc.media or doc.charts else None
            body = Background(typst_sections, doc, epoch, manifest)
            inputs = typst_inputs(meta)  # while pandoc runs (babel's date formats)
            sections = [escape_block_markers(markup) for markup in body.result()]
            return compile_with_template(doc.style, doc.style.rapportage_typ, "rapportage",
                                         sections, root, inputs, epoch, worker)


def compile_with_template(style: HouseStyle, template: Path, show: str, sections: list[str],
                          root: Path, inputs: dict[str, str], epoch: int,
                          worker: Worker | None = None) -> bytes:
    """The template (`#let <show>(body)`) in front of the body, compiled with the style's fonts.

    Typst gets the template as part of its source and the fonts copied into its root, so it
    still reads nothing outside its temp folder. A template from the editions' own templates/
    that Typst cannot compile is the user's to fix: a message naming the file, not a crash.

    The body comes as its sections (render/typst_sections.py), a file each in the root that the
    main file includes. Typst numbers the syntax of each file apart: after an edit to one
    section a kept compiler (a watch) lays out from its memo, where in one long file the first
    edit at a place made it lay out everything after it again (for a new paragraph: 0.09 s
    instead of 0.45 s). The PDF is the same, to the byte. Each section imports the template's
    definitions (such as `headerless` and the chart); the main file holds the template itself,
    so that its own rules apply to the whole.
    """
    definitions = f"{CHART_TYP.read_text(encoding='utf-8')}\n{template.read_text(encoding='utf-8')}"
    (root / DEFINITIONS).write_text(definitions, encoding="utf-8")
    includes, size = [], 0  # the bytes of the section files, for the render limits
    for number, markup in enumerate(sections):
        name = f"staatc-section-{number:03d}.typ"
        data = f'#import "/{DEFINITIONS}": *\n{markup}\n'.encode("utf-8")
        (root / name).write_bytes(data)
        includes.append(f'#include "/{name}"\n')
        size += len(data)
    source = f"{definitions}\n#show: {show}\n\n{''.join(includes)}"
    fonts = stage_fonts(style.fonts, root)
    size += len(source.encode("utf-8"))
    try:
        return compile_typst(source, root, inputs, epoch, fonts, worker, size)
    except RenderError as exc:
        if style.is_override(template):
            raise HouseStyleError(f"the PDF could not be made with this template: {exc}",
                                  template) from None
        raise


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


def compile_typst(source: str, root: Path, inputs: dict[str, str], epoch: int,
                  fonts: Path | None = None, worker: Worker | None = None,
                  source_bytes: int | None = None) -> bytes:
    """Compile with `worker` (render/typst_service.py; by default one started for this call)
    under the render limits, which follow `source_bytes` (by default the size of `source`; more
    when the source includes files in `root`).

    Typst reads only inside `root` (the renderer's temp dir) and only the fonts in `fonts`
    (a folder inside it; by default the bundled fonts are copied there) and its own embedded ones.
    """
    if fonts is None:
        fonts = stage_fonts(bundled_fonts(), root)
    if worker is None:
        with one_off(root) as started:
            return compile_typst(source, root, inputs, epoch, fonts, started, source_bytes)
    request = {
        "source": source,
        "root": str(root),
        "font_paths": [str(fonts)],
        "inputs": inputs,
        "standards": PDF_STANDARDS,
        "timestamp": epoch,
    }
    payload = json.dumps(request).encode("utf-8")
    source_bytes = source_bytes or len(payload)
    log.info("Typst: compile %d bytes of markup to %s in %s (worker: %s --serve)",
             source_bytes, " + ".join(PDF_STANDARDS), root, WORKER)
    status, data = worker.compile(payload, "making the PDF (Typst)", source_bytes)
    if status == 0:
        return data
    try:
        error = json.loads(data)
    except ValueError:
        raise RenderError(f"Typst could not make the PDF (code {status}): "
                          f"{data.decode('utf-8', 'replace').strip()}") from None
    if "depth exceeded" in error["message"]:  # check limits nesting; this is the backstop
        raise RenderLimitError(
            f"the text is nested too deeply for Typst ({error['message']}), so the build "
            "stopped: flatten deep lists, quotes and emphasis"
        )
    detail = "; ".join([error["message"], *error["hints"]])
    raise RenderError(f"Typst could not make the PDF: {detail}")
