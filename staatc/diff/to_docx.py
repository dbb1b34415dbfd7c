"""EditionDiff → a Word document with Word's own tracked changes.

Reviewers work in Word: this writes the new edition's changed texts with every
edit as a tracked change (`w:ins`, `w:del`, author "staatc"), so they can accept
or reject each one under Controleren › Wijzigingen. Accepting all gives the new
text, rejecting all the old one; joined and split paragraphs are tracked as
inserted or deleted paragraph marks, the way Word itself records them.

The bytes are reproducible: the change date comes from the new edition's data
(its aanbieding), not the clock, and the zip entries get a fixed time. A
reference document (for the house styles) can be passed in; its body is cleared.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

from staatc.diff.types import DocDiff, EditionDiff, FieldChange, shown_value
from staatc.diff.layout import layout
from staatc.diff.words import Kind
from staatc.dutch import dutch_date

AUTHOR = "staatc"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
GROUPS = (("chapter", "Hoofdstukken"), ("stand", "Standen"), ("onderzoek", "Onderzoeken"),
          ("kamerbrief", "Kamerbrief"))
WHAT = {"added": "nieuw", "removed": "verwijderd", "changed": "gewijzigd"}
# Front-matter keys are the editors' own (Dutch) words; these two are staatc's.
LABEL = {"number": "nummer", "slug": "bestand"}


def render(diff: EditionDiff, reference: Path | None = None) -> bytes:
    from docx import Document

    doc = Document(str(reference)) if reference else Document()
    _clear_body(doc)
    stamp = diff.date or date(2000, 1, 1)
    writer = _Writer(doc, f"{stamp.isoformat()}T00:00:00Z")
    _set_properties(doc, diff, stamp)

    writer.heading(f"Wijzigingen: {diff.old_label} → {diff.new_label}", 0)
    writer.plain(
        f"De gewijzigde teksten van {diff.new_label}, vergeleken met {diff.old_label}. Elke "
        "wijziging is een bijgehouden wijziging: accepteer of weiger ze onder Controleren › "
        "Wijzigingen."
    )
    if not diff.documents:
        writer.plain("Er zijn geen teksten gewijzigd.")
    for kind, label in GROUPS:
        docs = [d for d in diff.documents if d.kind == kind]
        if docs:
            writer.heading(label, 1)
        for item in docs:
            _document(writer, item)

    buffer = io.BytesIO()
    doc.save(buffer)
    return _reproducible_zip(buffer.getvalue())


def _document(writer: _Writer, item: DocDiff) -> None:
    name = item.title
    if item.kind == "chapter":
        name = f"Hoofdstuk {item.number}: {item.title}"
    elif item.kind == "stand":
        name = f"Stand: {item.title}"
    whole = {"added": "insert", "removed": "delete"}.get(item.change)
    writer.heading(name, 2, whole)
    if item.change == "changed":
        writer.plain(f"({WHAT[item.change]}; bestand {item.slug})", italic=True)
    for f in item.fields:
        writer.field(f)
    for k in item.knelpunten_added:
        writer.paragraph([("insert", f"Knelpunt ({k.thema}): {k.titel}")], "insert")
    for k in item.knelpunten_removed:
        writer.paragraph([("delete", f"Knelpunt ({k.thema}): {k.titel}")], "delete")
    for old, new in item.knelpunten_changed:
        writer.paragraph([("equal", "Knelpunt "), ("delete", f"({old.thema}): {old.titel}"),
                          ("insert", f"({new.thema}): {new.titel}")], None)
    paragraphs = layout(item.text)
    for i, para in enumerate(paragraphs):
        last = i == len(paragraphs) - 1
        # A document added or removed as a whole takes its last paragraph mark with it.
        mark = whole if last and whole else para.mark
        if last and not para.pieces and not whole:
            continue
        writer.paragraph(list(para.pieces), mark)


class _Writer:
    """Appends paragraphs whose runs are wrapped in w:ins / w:del, numbering each change."""

    def __init__(self, doc, stamp: str):
        self.doc = doc
        self.stamp = stamp
        self.next_id = 1

    def heading(self, text: str, level: int, whole: Kind | None = None) -> None:
        style = "Title" if level == 0 else f"Heading {level}"
        self.paragraph([(whole or "equal", text)], whole, style)

    def plain(self, text: str, italic: bool = False) -> None:
        self.paragraph([("equal", text)], None, italic=italic)

    def field(self, f: FieldChange) -> None:
        self.paragraph([("equal", f"{LABEL.get(f.field, f.field)}: "), ("delete", _value(f.old)),
                        ("insert", _value(f.new))], None)

    def paragraph(self, pieces: list[tuple[Kind, str]], mark: Kind | None,
                  style: str | None = None, italic: bool = False) -> None:
        from docx.oxml import OxmlElement

        paragraph = self.doc.add_paragraph()
        if style:
            try:
                paragraph.style = self.doc.styles[style]
            except KeyError:  # a reference document without this style: plain text is fine
                pass
        p = paragraph._p
        for kind, text in pieces:
            if not text:
                continue
            run = OxmlElement("w:r")
            if italic:
                rpr = OxmlElement("w:rPr")
                rpr.append(OxmlElement("w:i"))
                run.append(rpr)
            t = OxmlElement("w:delText" if kind == "delete" else "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = text
            run.append(t)
            if kind == "equal":
                p.append(run)
            else:
                change = self._change(kind)
                change.append(run)
                p.append(change)
        if mark in ("insert", "delete"):
            rpr = OxmlElement("w:rPr")
            rpr.append(self._change(mark))
            p.get_or_add_pPr().append(rpr)  # rPr is the last child pPr may have here

    def _change(self, kind: Kind):
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        element = OxmlElement("w:ins" if kind == "insert" else "w:del")
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.stamp)
        self.next_id += 1
        return element


def _value(value) -> str:
    return dutch_date(value) if isinstance(value, date) else shown_value(value, empty="")


def _clear_body(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)


def _set_properties(doc, diff: EditionDiff, stamp: date) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    moment = datetime(stamp.year, stamp.month, stamp.day, tzinfo=timezone.utc)
    props = doc.core_properties
    props.title = f"Wijzigingen: {diff.old_label} → {diff.new_label}"
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1
    props.language = "nl-NL"
    # Dutch spelling for the whole document, so Word does not flag every word.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), "nl-NL")


def _reproducible_zip(data: bytes) -> bytes:
    """The same entries in the same order, with a fixed time: equal input, equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
