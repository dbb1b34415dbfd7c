"""The kamerbrief as Word: pandoc makes the body, then we lay out the letter around it.

Pandoc converts the body with the rapportage's reference document (Verdana 9 pt, nl-NL, the
same styles). On the package we then add what a Rijksoverheid letter has, with real Word layout
(styles, tab stops, a floating table, frames; never spaces):

* page 1: the ministry's word mark (first-page header), the return address and the addressee,
  *Datum* and *Betreft* on a tab stop (*Betreft* the one level-1 heading, in a style based on
  Heading 1, above the body's Heading 2), and the sender column as one paragraph a line in a
  frame in the right margin (no layout table that a screen reader announces as data);
* the closing with the signatory after the body;
* page 2 and later: *Datum* and *Ons kenmerk* at the top of the right column, "Pagina 2 van 3"
  (PAGE and NUMPAGES fields) at its foot; page 1 has neither (a different first page);
* core properties (title = Betreft, author = publisher, nl-NL, fixed dates) and a zip with
  fixed dates and order, so the same letter gives the same bytes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from lxml import etree

from staatc.assemble.kamerbrief import Field, Letter
from staatc.render.base import CONCEPT_MARK, DocumentMeta, epoch_of
from staatc.render.rapportage_docx import core_properties, dutch_settings, stage_reference_doc
from staatc.render.media import stage_media
from staatc.render.ooxml import NSMAP, W, W_NS, child, read_parts, write_parts
from staatc.render.ooxml import xml_escape as escape
from staatc.render.pandoc import run_pandoc

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def cm(value: float) -> int:
    """Centimetres in twips (1/20 pt), Word's unit for page geometry."""
    return round(value * 1440 / 2.54)


# The grid, as in kamerbrief.typ: a 11.9 cm text column from 2.4 cm, the sender column at
# 15.3 cm (4.5 cm wide); page 1's head starts 5.2 cm from the top.
LEFT, TEXT_WIDTH, TOP, BOTTOM = cm(2.4), cm(11.9), cm(3.0), cm(2.5)
RIGHT = cm(21.0) - LEFT - TEXT_WIDTH
COLOFON_X, COLOFON_WIDTH, HEAD_Y = cm(15.3), cm(4.5), cm(5.2)
LABEL_TAB = cm(2.2)  # Datum / Betreft: the value starts here

STYLES = f"""
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefRetouradres">
  <w:name w:val="Kamerbrief retouradres"/><w:basedOn w:val="Normal"/><w:next w:val="KamerbriefAdres"/>
  <w:pPr><w:spacing w:before="{HEAD_Y - TOP}" w:after="120" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:color w:val="535353"/><w:sz w:val="13"/><w:szCs w:val="13"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefAdres">
  <w:name w:val="Kamerbrief adres"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:keepLines/><w:spacing w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefVeld">
  <w:name w:val="Kamerbrief veld"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:tabs><w:tab w:val="left" w:pos="{LABEL_TAB}"/></w:tabs><w:spacing w:after="60"/>
  <w:ind w:left="{LABEL_TAB}" w:hanging="{LABEL_TAB}"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefBetreft">
  <w:name w:val="Kamerbrief betreft"/><w:basedOn w:val="Heading1"/><w:next w:val="BodyText"/>
  <w:pPr><w:keepNext/><w:tabs><w:tab w:val="left" w:pos="{LABEL_TAB}"/></w:tabs>
  <w:spacing w:before="0" w:after="60" w:line="300" w:lineRule="auto"/>
  <w:ind w:left="{LABEL_TAB}" w:hanging="{LABEL_TAB}"/><w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="000000"/>{{body_size}}</w:rPr></w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="KamerbriefLabel">
  <w:name w:val="Kamerbrief label"/>
  <w:rPr><w:color w:val="535353"/><w:sz w:val="14"/><w:szCs w:val="14"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefColofon">
  <w:name w:val="Kamerbrief colofon"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:keepLines/><w:spacing w:after="180" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="14"/><w:szCs w:val="14"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefColofonRegel">
  <w:name w:val="Kamerbrief colofon regel"/><w:basedOn w:val="KamerbriefColofon"/>
  <w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefWoordmerk">
  <w:name w:val="Kamerbrief woordmerk"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:pBdr><w:left w:val="single" w:sz="96" w:space="10" w:color="154273"/></w:pBdr>
  <w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefSlot">
  <w:name w:val="Kamerbrief slot"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="400" w:after="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="KamerbriefOndertekenaar">
  <w:name w:val="Kamerbrief ondertekenaar"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:keepLines/><w:spacing w:before="900" w:after="0"/></w:pPr></w:style>
"""


class KamerbriefDocxRenderer:
    name = "docx"
    suffix = ".docx"

    def render(self, letter: Letter) -> bytes:
        with tempfile.TemporaryDirectory(prefix="staatc-kamerbrief-docx-") as tmp:
            args = [f"--reference-doc={stage_reference_doc(letter.style, Path(tmp))}",
                    f"--metadata=lang={letter.lang}"]
            manifest = stage_media(letter.media, Path(tmp)) if letter.media else None
            raw = run_pandoc(letter.body, "docx+native_numbering", args,
                             epoch=epoch_of(letter.date), media_manifest=manifest,
                             heading_base=1)  # below Betreft, as in the PDF
        return finish_package(raw, letter)


def finish_package(raw: bytes, letter: Letter) -> bytes:
    parts = read_parts(raw)
    document = etree.fromstring(parts["word/document.xml"])
    headers = header_footer_parts(document, parts["word/_rels/document.xml.rels"])
    lay_out_letter(document, letter)
    parts["word/document.xml"] = _xml(document)
    parts[headers["header", "first"]] = _part("hdr", woordmerk(letter))
    parts[headers["footer", "first"]] = _part("ftr", '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p>')
    parts[headers["header", "default"]] = _part("hdr", running_colofon(letter))
    parts[headers["footer", "default"]] = _part("ftr", page_numbers())
    parts["word/styles.xml"] = letter_styles(parts["word/styles.xml"])
    parts["word/settings.xml"] = dutch_settings(parts["word/settings.xml"])
    parts["docProps/core.xml"] = core_properties(DocumentMeta(
        title=letter.title, subtitle=None, publisher=letter.publisher, date=letter.date,
        lang=letter.lang, concept=letter.concept, subject=letter.subject,
    ))
    return write_parts(parts)


# --- XML helpers ------------------------------------------------------------------------------

def _fragment(xml: str) -> list:
    wrapper = etree.fromstring(f'<w:x xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:x>')
    return list(wrapper)


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _part(kind: str, body: str) -> bytes:
    """A header or footer part. It ends in an empty paragraph: LibreOffice only turns a
    paragraph with a frame into a frame when another paragraph follows it."""
    body += '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p>' if kind == "hdr" else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:{kind} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:{kind}>').encode("utf-8")


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _lines(lines, props: str = "") -> str:
    """Runs with a line break between them (one paragraph, several lines)."""
    return "<w:r><w:br/></w:r>".join(_run(line, props) for line in lines)


def _p(style: str, content: str, extra_ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra_ppr}</w:pPr>{content}</w:p>'


def _colofon_field(f: Field, extra_ppr: str = "") -> str:
    """A label in bold, its value in the paragraph below it (kept together)."""
    return (_p("KamerbriefColofonRegel", _run(f.label, "<w:b/><w:bCs/>"), extra_ppr)
            + _p("KamerbriefColofon", _run(f.value), extra_ppr))


def header_footer_parts(document, rels_xml: bytes) -> dict[tuple[str, str], str]:
    """('header'|'footer', 'default'|'first') → part name, from the section and its relations."""
    targets = {rel.get("Id"): rel.get("Target")
               for rel in etree.fromstring(rels_xml).iter(f"{{{REL_NS}}}Relationship")}
    found = {}
    sect = document.find("w:body/w:sectPr", NSMAP)
    for kind in ("header", "footer"):
        for ref in sect.findall(f"w:{kind}Reference", NSMAP):
            target = targets[ref.get(f"{{{R_NS}}}id")]
            found[kind, ref.get(f"{W}type")] = str(PurePosixPath("word") / target)
    return found


# --- word/document.xml ------------------------------------------------------------------------

def lay_out_letter(document, letter: Letter) -> None:
    body = document.find("w:body", NSMAP)
    head = []
    if letter.concept:
        # A frame at the top of the text column: visible, and no shift of the addressee.
        head.append(_p("Concept", _run(CONCEPT_MARK, '<w:sz w:val="28"/><w:szCs w:val="28"/>'),
                       f'<w:framePr w:w="{TEXT_WIDTH}" w:hAnchor="margin" w:x="0" w:vAnchor="page"'
                       f' w:y="{cm(3.4)}" w:wrap="notBeside"/><w:spacing w:before="0"/>'))
    if letter.return_address:
        head.append(_p("KamerbriefRetouradres", _run(letter.return_address)))
        head.append(_p("KamerbriefAdres", _lines(letter.addressee)))
    else:
        head.append(_p("KamerbriefAdres", _lines(letter.addressee),
                       f'<w:spacing w:before="{HEAD_Y - TOP}"/>'))
    head.append(sender_column(letter))
    for i, f in enumerate(letter.letter_fields):
        ppr = f'<w:spacing w:before="{cm(1.5)}"/>' if i == 0 else ""
        # Betreft: the heading in Word's navigation pane, as it is in the PDF's bookmarks.
        head.append(_p("KamerbriefBetreft" if f.heading else "KamerbriefVeld",
                       _run(f.label, '<w:rStyle w:val="KamerbriefLabel"/>')
                       + "<w:r><w:tab/></w:r>" + _run(f.value), ppr))
    first_body = next((c for c in body if c.tag == f"{W}p"), None)
    if first_body is not None:  # room between the letter head and the body, as on paper
        spacing = child(child(first_body, "pPr", first=True), "spacing")
        spacing.set(f"{W}before", str(cm(1.1)))
    for element in reversed([e for xml in head for e in _fragment(xml)]):
        body.insert(0, element)

    sect = body.find("w:sectPr", NSMAP)
    for xml in (_p("KamerbriefSlot", _run(letter.closing)),
                _p("KamerbriefOndertekenaar", _run(letter.signatory))):
        sect.addprevious(_fragment(xml)[0])
    margins = sect.find("w:pgMar", NSMAP)
    for key, value in (("top", TOP), ("bottom", BOTTOM), ("left", LEFT), ("right", RIGHT),
                       ("header", cm(1.0)), ("footer", cm(1.25))):
        margins.set(f"{W}{key}", str(value))


def sender_column(letter: Letter) -> str:
    """The colofon of page 1: paragraphs sharing one frame in the right margin (Word puts
    consecutive paragraphs with the same frame in one), each line a paragraph of its own."""
    frame = _in_colofon_column(HEAD_Y)
    ministry, *address = letter.sender
    lines = [_p("KamerbriefColofonRegel", _run(ministry, "<w:b/><w:bCs/>"), frame)]
    lines += [_p("KamerbriefColofonRegel", _run(line), frame) for line in address[:-1]]
    if address:
        lines.append(_p("KamerbriefColofon", _run(address[-1]), frame + '<w:spacing w:after="360"/>'))
    return "".join(lines) + "".join(_colofon_field(f, frame) for f in letter.sender_fields)


# --- headers and footers ----------------------------------------------------------------------

def _in_colofon_column(y: int) -> str:
    """A frame in the sender column, `y` from the top of the page (it does not push text down)."""
    return (f'<w:framePr w:w="{COLOFON_WIDTH}" w:hAnchor="page" w:x="{COLOFON_X}"'
            f' w:vAnchor="page" w:y="{y}" w:wrap="around"/>')


def woordmerk(letter: Letter) -> str:
    """Page 1: the blue ribbon down from the top edge (a left border) with the ministry beside it."""
    frame = (f'<w:framePr w:w="{cm(7.8)}" w:hAnchor="page" w:x="{cm(10.65)}" w:vAnchor="page"'
             ' w:y="0" w:wrap="around"/>')
    content = "<w:r><w:br/></w:r><w:r><w:br/></w:r>" + _run(letter.publisher)
    return _p("KamerbriefWoordmerk", content, frame)


def running_colofon(letter: Letter) -> str:
    """Page 2 and later: the date and our reference at the top of the sender column."""
    frame = _in_colofon_column(TOP)  # consecutive paragraphs with the same frame share it
    paragraphs = [_colofon_field(f, frame) for f in letter.running_fields]
    if letter.concept:
        mark = _run(CONCEPT_MARK, '<w:b/><w:bCs/><w:color w:val="D52B1E"/>')
        paragraphs.insert(0, _p("KamerbriefColofon", mark, frame))
    return "".join(paragraphs)


def page_numbers() -> str:
    """'Pagina 2 van 3' in the sender column: PAGE and NUMPAGES fields that Word fills in."""
    indent = f'<w:ind w:left="{COLOFON_X - LEFT}" w:right="{-(RIGHT - cm(1.2))}"/><w:jc w:val="left"/>'
    return _p("Footer",
              _run("Pagina ") + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
              + _run(" van ") + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>2</w:t></w:r></w:fldSimple>',
              indent)


# --- word/styles.xml --------------------------------------------------------------------------

def letter_styles(xml: bytes) -> bytes:
    """Add the letter's styles; headings in a letter are body-sized, bold, black."""
    root = etree.fromstring(xml)
    for style in root.findall("w:style", NSMAP):
        style_id = style.get(f"{W}styleId")
        # The linked character styles too: LibreOffice sizes heading text by them.
        if style_id not in ("Heading2", "Heading3", "Heading2Char", "Heading3Char"):
            continue
        rpr = style.find("w:rPr", NSMAP)
        for node in rpr.findall("w:sz", NSMAP) + rpr.findall("w:szCs", NSMAP) + rpr.findall("w:color", NSMAP):
            rpr.remove(node)
        if style_id == "Heading3":  # w:i comes after w:b and w:bCs in a run's properties
            bold = rpr.findall("w:b", NSMAP) + rpr.findall("w:bCs", NSMAP)
            rpr.insert(rpr.index(bold[-1]) + 1 if bold else 0, _fragment("<w:i/>")[0])
        spacing = style.find("w:pPr/w:spacing", NSMAP)
        if spacing is not None:
            spacing.set(f"{W}before", "240")
            spacing.set(f"{W}after", "60")
    for element in _fragment(STYLES.replace("{body_size}", _body_size(root))):
        root.append(element)
    return _xml(root)


def _body_size(styles) -> str:
    """The body text's size from the document defaults, for Betreft (a house style may differ)."""
    sizes = styles.findall("w:docDefaults/w:rPrDefault/w:rPr/w:sz", NSMAP)
    size = sizes[0].get(f"{W}val", "") if sizes else ""
    size = size if size.isdigit() else "18"  # a house style's file: only a number goes in
    return f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
