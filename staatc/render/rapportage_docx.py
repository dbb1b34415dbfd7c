"""Word output: pandoc with our reference document, then a short pass over the package.

Pandoc makes the body, the cover paragraphs (Title, Subtitle, Author, Date), native "Tabel 1" /
"Figuur 1" captions and an empty table-of-contents field. What pandoc cannot do, we do on the
XML (lxml, already there through python-docx) before zipping it again with fixed dates:

* the table of contents as Word writes it: an entry per heading with a PAGEREF field to a
  bookmark on the heading, so it shows at once and Word fills in the page numbers when it
  updates the fields (it asks once on opening: `w:updateFields`), see render/docx_fields.py;
* caption numbers as complex SEQ fields, so "Tabel 1" is text to any reader too;
* table columns as wide as their content asks (render/docx_tables.py), hyphenation on;
* the CONCEPT mark on the cover, the edition title in the running header;
* a page break before each chapter;
* the generated charts as native Word charts (render/docx_chart.py);
* core properties (title, subject, author, keywords, nl-NL, fixed dates), Dutch settings.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from staatc.assemble.chart import BarChart
from staatc.dutch import dutch_date
from staatc.model import HouseStyle
from staatc.render.base import (
    CONCEPT_MARK,
    TOC_TITLE,
    Document,
    DocumentMeta,
    epoch_of,
)
from staatc.render.docx_chart import native_charts
from staatc.render.docx_fields import complex_seq_fields, fill_toc, mark_headings, word_settings
from staatc.render.docx_tables import fit_columns
from staatc.render.media import stage_media
from staatc.render.ooxml import NSMAP, W, W_NS, read_parts, write_parts
from staatc.render.ooxml import xml_escape as escape
from staatc.render.pandoc import TEMPLATES, Background, run_pandoc

REFERENCE_DOCX = TEMPLATES / "reference.docx"  # the bundled one; a document may bring its own
HEADER_PLACEHOLDER = b"STAATC-KOPTEKST"  # put in the header by tools/make_reference_docx.py
TOC_DEPTH = 3
COVER_STYLES = {"Title", "Subtitle", "Author", "Date", "Concept"}
NS = {
    **NSMAP,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}


class DocxRenderer:
    name = "docx"
    suffix = ".docx"

    def render(self, doc: Document) -> bytes:
        meta = doc.meta
        with tempfile.TemporaryDirectory(prefix="staatc-docx-") as tmp:
            args = [f"--reference-doc={stage_reference_doc(doc.style, Path(tmp))}", "--toc",
                    f"--toc-depth={TOC_DEPTH}", *pandoc_metadata(meta)]
            manifest = stage_media(doc.media, Path(tmp), doc.charts) if doc.media or doc.charts else None
            job = Background(run_pandoc, doc.markdown, "docx+native_numbering", args,
                             epoch=epoch_of(meta.date), media_manifest=manifest)
            # While pandoc runs: lxml and babel's Dutch month names (each costs an import).
            _etree()
            date_text = dutch_date(meta.date, meta.lang)
            raw = job.result()
        return finish_package(raw, meta, date_text, doc.charts)


def stage_reference_doc(style: HouseStyle, folder: Path) -> Path:
    """A copy of the house style's reference.docx in the renderer's temp dir, for pandoc.

    An override was checked by `check` (staatc.load.house_style); pandoc reads the copy, so
    what it reads is what was checked, in its private folder.
    """
    path = folder / "reference.docx"
    path.write_bytes(style.reference_docx.read_bytes())
    return path


def pandoc_metadata(meta: DocumentMeta) -> list[str]:
    """-M options: pandoc reads these as plain strings, never as Markdown.

    The date is not among them: finish_document puts it on the cover, so that formatting it
    (babel) happens while pandoc runs.
    """
    values = {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "author": meta.publisher,
        "lang": meta.lang,
        "toc-title": TOC_TITLE,
    }
    return [f"--metadata={key}={value}" for key, value in values.items() if value]


def _etree():
    from lxml import etree  # python-docx's own dependency; imported while pandoc runs

    return etree


def finish_package(raw: bytes, meta: DocumentMeta, date_text: str,
                   charts: dict[str, BarChart] | None = None) -> bytes:
    parts = read_parts(raw)
    parts["word/document.xml"] = finish_document(parts["word/document.xml"], meta, date_text,
                                                 parts.get("word/styles.xml"))
    if charts:
        native_charts(parts, charts)
    header = escape(meta.title + (f" \u00b7 {CONCEPT_MARK}" if meta.concept else "")).encode()
    for name in parts:
        if name.startswith("word/header") and name.endswith(".xml"):
            parts[name] = parts[name].replace(HEADER_PLACEHOLDER, header)
    parts["word/settings.xml"] = word_settings(dutch_settings(parts["word/settings.xml"]),
                                               update_fields=True)
    parts["docProps/core.xml"] = core_properties(meta)
    return write_parts(parts)


# --- word/document.xml ------------------------------------------------------------------------

def _style(paragraph) -> str | None:
    node = paragraph.find("w:pPr/w:pStyle", NSMAP)
    return None if node is None else node.get(f"{W}val")


def _el(xml: str):
    return _etree().fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0]


def finish_document(xml: bytes, meta: DocumentMeta, date_text: str,
                    styles: bytes | None = None) -> bytes:
    etree = _etree()
    root = etree.fromstring(xml)
    body = root.find("w:body", NSMAP)
    toc = body.find("w:sdt", NSMAP)
    # The rest of the cover, after pandoc's Title, Subtitle and Author: the date, the mark.
    cover = [f'<w:p><w:pPr><w:pStyle w:val="Date"/></w:pPr>'
             f'<w:r><w:t xml:space="preserve">{escape(date_text)}</w:t></w:r></w:p>']
    if meta.concept:
        cover.append(f'<w:p><w:pPr><w:pStyle w:val="Concept"/></w:pPr>'
                     f'<w:r><w:t>{CONCEPT_MARK}</w:t></w:r></w:p>')
    for xml_text in cover:
        paragraph = _el(xml_text)
        if toc is not None:
            toc.addprevious(paragraph)
        else:
            body.insert(len([p for p in body if _style(p) in COVER_STYLES]), paragraph)
    headings = chapter_breaks_and_headings(body)
    if toc is not None:
        fill_toc(toc, mark_headings(root, headings))
    drop_duplicate_bookmarks(root)
    describe_pictures(root)
    complex_seq_fields(root)
    fit_columns(root, styles)
    number_revisions(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def chapter_breaks_and_headings(body) -> list:
    """Start each chapter on a new page, space out tables; return the TOC's (level, paragraph)."""
    headings = []
    previous_style = None
    for child in body:
        if child.tag in (f"{W}bookmarkStart", f"{W}bookmarkEnd"):
            continue
        if child.tag != f"{W}p":
            previous_style = child.tag
            continue
        if previous_style == f"{W}tbl":
            set_ppr(child, '<w:spacing w:before="200"/>')  # Word adds no space after a table
        style = _style(child)
        if style and style.startswith("Heading") and style[7:].isdigit():
            level = int(style[7:])
            if level == 1:
                set_ppr(child, "<w:pageBreakBefore/>")
            if level <= TOC_DEPTH:
                headings.append((level, child))
        previous_style = style
    return headings


# Children of w:pPr in schema order (Word refuses a file whose elements are out of order).
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
]


def set_ppr(paragraph, xml: str) -> None:
    """Add one property to a paragraph (unless it has it), at its place in the schema order."""
    new = _el(xml)
    local = new.tag.split("}")[1]
    ppr = paragraph.find("w:pPr", NSMAP)
    if ppr is None:
        ppr = _el("<w:pPr/>")
        paragraph.insert(0, ppr)
    if ppr.find(f"w:{local}", NSMAP) is not None:
        return
    rank = PPR_ORDER.index(local)
    for child in ppr:
        name = child.tag.split("}")[1]
        if name in PPR_ORDER and PPR_ORDER.index(name) > rank:
            child.addprevious(new)
            return
    ppr.append(new)


def drop_duplicate_bookmarks(root) -> None:
    """Pandoc writes a table's bookmark twice (around the table and in its caption)."""
    seen: set[str] = set()
    dropped: set[str] = set()
    for start in list(root.iter(f"{W}bookmarkStart")):
        name = start.get(f"{W}name")
        if name in seen:
            dropped.add(start.get(f"{W}id"))
            start.getparent().remove(start)
        seen.add(name)
    if dropped:
        for end in list(root.iter(f"{W}bookmarkEnd")):
            if end.get(f"{W}id") in dropped:
                end.getparent().remove(end)


def number_revisions(root) -> None:
    """Tracked changes (the redline's) each with an id of their own, after the bookmarks'
    (pandoc gives a deletion and the insertion after it the same id)."""
    ids = [int(b.get(f"{W}id")) for b in root.iter(f"{W}bookmarkStart")
           if (b.get(f"{W}id") or "").isdigit()]
    for number, change in enumerate(root.iter(f"{W}ins", f"{W}del"), start=max(ids, default=0) + 1):
        change.set(f"{W}id", str(number))


def describe_pictures(root) -> None:
    """Give the picture element the alt text too (pandoc puts the file name there)."""
    for doc_pr in root.iter(f"{{{NS['wp']}}}docPr"):
        drawing = doc_pr.getparent()
        c_nv_pr = drawing.find(".//pic:cNvPr", NS)
        if c_nv_pr is not None:
            c_nv_pr.set("descr", doc_pr.get("descr", ""))


# --- other parts ------------------------------------------------------------------------------

def dutch_settings(xml: bytes) -> bytes:
    for old, new in (
        (b'<w:themeFontLang w:val="en-US"', b'<w:themeFontLang w:val="nl-NL"'),
        (b'<w:decimalSymbol w:val="."', b'<w:decimalSymbol w:val=","'),
        (b'<w:listSeparator w:val=","', b'<w:listSeparator w:val=";"'),
    ):
        xml = xml.replace(old, new)
    return xml


def core_properties(meta: DocumentMeta) -> bytes:
    stamp = f"{meta.date.isoformat()}T12:00:00Z"
    keywords = "; ".join(meta.keywords)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties'
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(meta.title)}</dc:title>"
        f"<dc:subject>{escape(meta.subject)}</dc:subject>"
        f"<dc:creator>{escape(meta.publisher)}</dc:creator>"
        f"<cp:keywords>{escape(keywords)}</cp:keywords>"
        f"<dc:language>{escape(meta.lang)}</dc:language>"
        f"<cp:lastModifiedBy>{escape(meta.publisher)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")
