"""Make templates/reference.docx: pandoc's reference document with Dutch house styles.

Run from the repository root: `python tools/make_reference_docx.py`. The output is
deterministic (same pandoc and python-docx → same bytes); tests/render/test_render_docx.py checks that
the shipped file is what this script makes.

What it sets:
* language nl-NL on the document defaults and every style; Verdana (the Rijksoverheid's
  traditional office face) instead of theme fonts; body 9 pt; colours from the Rijkshuisstijl;
* A4, margins, a header with a placeholder the DOCX renderer replaces by the edition title,
  a footer "Pagina N van M", and an empty header/footer on the first page (the cover);
* styles pandoc does not have: TOC 1-3 (the table of contents entries), "Deel" (the part label
  above a chapter), "Concept" (the CONCEPT mark on the cover), a table style with a header row.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from staatc.render.ooxml import NSMAP, W, W_NS, read_parts, write_parts  # noqa: E402
from staatc.render.pandoc import default_data_file  # noqa: E402

OUT = ROOT / "templates" / "reference.docx"
# The shipped file was made with these; other versions may give other (equally good) bytes.
MADE_WITH = {"pandoc": "3.9", "python-docx": "1.2.0"}
HEADER_PLACEHOLDER = "STAATC-KOPTEKST"  # replaced by staatc.render.rapportage_docx

FONT = "Verdana"
CODE_FONT = "Courier New"
BLUE = "154273"       # Rijkshuisstijl lintblauw
LINK = "01689B"       # hemelblauw
GREY = "535353"
RED = "D52B1E"
LANG = '<w:lang w:val="nl-NL" w:eastAsia="nl-NL" w:bidi="ar-SA"/>'

# style id -> (name, type, basedOn, pPr inner xml, rPr inner xml)
STYLES: dict[str, tuple[str, str, str | None, str, str]] = {
    "Normal": ("Normal", "paragraph", None, '<w:spacing w:after="0" w:line="300" w:lineRule="auto"/>', ""),
    "BodyText": ("Body Text", "paragraph", "Normal", '<w:spacing w:before="0" w:after="180"/>', ""),
    "Compact": ("Compact", "paragraph", "BodyText", '<w:spacing w:before="40" w:after="40"/>', ""),
    "Title": ("Title", "paragraph", "Normal",
              '<w:spacing w:before="3600" w:after="240" w:line="240" w:lineRule="auto"/>',
              f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="56"/><w:szCs w:val="56"/>'),
    "Subtitle": ("Subtitle", "paragraph", "Title", '<w:spacing w:before="0" w:after="720"/>',
                 f'<w:b w:val="0"/><w:color w:val="{BLUE}"/><w:sz w:val="32"/><w:szCs w:val="32"/>'),
    "Author": ("Author", "paragraph", "BodyText", '<w:spacing w:before="0" w:after="60"/>',
               '<w:sz w:val="22"/><w:szCs w:val="22"/>'),
    "Date": ("Date", "paragraph", "BodyText", '<w:spacing w:before="0" w:after="60"/>',
             '<w:sz w:val="22"/><w:szCs w:val="22"/>'),
    "Heading1": ("heading 1", "paragraph", "Normal",
                 '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="360" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>',
                 f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="40"/><w:szCs w:val="40"/>'),
    "Heading2": ("heading 2", "paragraph", "Normal",
                 '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/>',
                 f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    "Heading3": ("heading 3", "paragraph", "Normal",
                 '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/>',
                 f'<w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="20"/><w:szCs w:val="20"/>'),
    "Heading4": ("heading 4", "paragraph", "Normal",
                 '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="3"/>',
                 f'<w:b/><w:i/><w:color w:val="{BLUE}"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
    "TOCHeading": ("TOC Heading", "paragraph", "Heading1",
                   '<w:pageBreakBefore/><w:spacing w:before="0" w:after="360"/><w:outlineLvl w:val="9"/>',
                   f'<w:b/><w:color w:val="{BLUE}"/>'),
    "TOC1": ("toc 1", "paragraph", "Normal",
             '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:before="120" w:after="40"/>',
             '<w:b/>'),
    "TOC2": ("toc 2", "paragraph", "Normal",
             '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:before="0" w:after="40"/><w:ind w:left="284"/>', ""),
    "TOC3": ("toc 3", "paragraph", "Normal",
             '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:spacing w:before="0" w:after="40"/><w:ind w:left="567"/>', ""),
    "Deel": ("Deel", "paragraph", "Normal",
             '<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="0" w:after="120"/>',
             f'<w:b/><w:caps/><w:color w:val="{LINK}"/><w:spacing w:val="20"/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
    "Concept": ("Concept", "paragraph", "Normal", '<w:spacing w:before="720" w:after="0"/>',
                f'<w:b/><w:color w:val="{RED}"/><w:spacing w:val="40"/><w:sz w:val="48"/><w:szCs w:val="48"/>'),
    "Caption": ("caption", "paragraph", "Normal", '<w:spacing w:before="120" w:after="120"/>',
                f'<w:i/><w:color w:val="{BLUE}"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    "Header": ("header", "paragraph", "Normal", '<w:jc w:val="right"/>',
               f'<w:color w:val="{GREY}"/><w:sz w:val="14"/><w:szCs w:val="14"/>'),
    "Footer": ("footer", "paragraph", "Normal", '<w:jc w:val="right"/>',
               f'<w:color w:val="{GREY}"/><w:sz w:val="14"/><w:szCs w:val="14"/>'),
    "FootnoteText": ("footnote text", "paragraph", "Normal", '<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>',
                     '<w:sz w:val="14"/><w:szCs w:val="14"/>'),
    "BlockText": ("Block Text", "paragraph", "BodyText",
                  f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{LINK}"/></w:pBdr><w:ind w:left="284" w:right="284"/>',
                  '<w:i/>'),
    "Hyperlink": ("Hyperlink", "character", None, "",
                  f'<w:color w:val="{LINK}"/><w:u w:val="single"/>'),
    "VerbatimChar": ("Verbatim Char", "character", None, "",
                     f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}" w:cs="{CODE_FONT}"/><w:sz w:val="17"/>'),
}

TABLE_STYLE = f"""
<w:style xmlns:w="{W_NS}" w:type="table" w:default="1" w:styleId="Table">
  <w:name w:val="Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  <w:tblPr>
    <w:tblInd w:w="0" w:type="dxa"/>
    <w:tblBorders>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{BLUE}"/>
      <w:insideH w:val="single" w:sz="2" w:space="0" w:color="B2C7D9"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
    <w:tcPr>
      <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{BLUE}"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="{BLUE}"/>
      <w:vAlign w:val="bottom"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>
"""

# Children of w:style that must come after pPr/rPr (schema order).
AFTER_RPR = {f"{W}tblPr", f"{W}trPr", f"{W}tcPr", f"{W}tblStylePr"}
BEFORE_PPR = ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
              "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
              "personalCompose", "personalReply", "rsid"]


def _el(xml: str):
    return parse_xml(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')


def set_style(styles, style_id: str, name: str, kind: str, based_on: str | None,
              ppr: str, rpr: str) -> None:
    style = styles.find(f"w:style[@w:styleId='{style_id}']", NSMAP)
    if style is None:
        style = parse_xml(f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:customStyle="1" '
                          f'w:styleId="{style_id}"><w:name w:val="{name}"/><w:qFormat/></w:style>')
        styles.append(style)
    if based_on:
        for old in style.findall("w:basedOn", NSMAP):
            style.remove(old)
        name_el = style.find("w:name", NSMAP)
        name_el.addnext(parse_xml(f'<w:basedOn xmlns:w="{W_NS}" w:val="{based_on}"/>'))
    for tag in ("pPr", "rPr"):
        for old in style.findall(f"w:{tag}", NSMAP):
            style.remove(old)
    anchor = next((c for c in style if c.tag in AFTER_RPR), None)
    for tag, inner in (("pPr", ppr), ("rPr", rpr)):
        if tag == "pPr" and kind != "paragraph":
            continue
        element = _el(f"<w:{tag}>{inner}</w:{tag}>")[0]
        if anchor is None:
            style.append(element)
        else:
            anchor.addprevious(element)


def restyle(styles) -> None:
    # Document defaults: Verdana 9 pt, Dutch.
    rpr_default = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NSMAP)
    for child in list(rpr_default):
        rpr_default.remove(child)
    for child in _el(f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
                     f'<w:sz w:val="18"/><w:szCs w:val="18"/>{LANG}'):
        rpr_default.append(child)
    # No theme fonts or theme colours anywhere: they would override Verdana and our blues.
    for rfonts in styles.iter(f"{W}rFonts"):
        if any(k.endswith("Theme") or k.endswith("theme") for k in rfonts.attrib):
            rfonts.getparent().remove(rfonts)
    for style_id, (name, kind, based_on, ppr, rpr) in STYLES.items():
        set_style(styles, style_id, name, kind, based_on, ppr, rpr)
    old_table = styles.find("w:style[@w:styleId='Table']", NSMAP)
    old_table.addprevious(parse_xml(TABLE_STYLE))
    styles.remove(old_table)
    # Every paragraph and character style speaks Dutch (Word's proofing reads the style's lang).
    for style in styles.findall("w:style", NSMAP):
        if style.get(f"{W}type") not in ("paragraph", "character"):
            continue
        rpr = style.find("w:rPr", NSMAP)
        if rpr is None:
            rpr = _el("<w:rPr/>")[0]
            anchor = next((c for c in style if c.tag in AFTER_RPR), None)
            style.append(rpr) if anchor is None else anchor.addprevious(rpr)
        for old in rpr.findall("w:lang", NSMAP):
            rpr.remove(old)
        rpr.append(_el(LANG)[0])
        _sort_rpr(rpr)


RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
             "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
             "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang"]


def _sort_rpr(rpr) -> None:
    """rPr children in schema order (Word is strict about it)."""
    def key(el):
        local = el.tag.split("}")[1]
        return RPR_ORDER.index(local) if local in RPR_ORDER else len(RPR_ORDER)
    children = sorted(rpr, key=key)
    for child in children:
        rpr.append(child)


def field_run(paragraph, instruction: str, placeholder: str) -> None:
    paragraph._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W_NS}" w:instr="{instruction}"><w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>'))


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3), Cm(2.5)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.25)
    section.different_first_page_header_footer = True  # the cover has neither
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run(HEADER_PLACEHOLDER)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Pagina ")
    field_run(footer, "PAGE", "1")
    footer.add_run(" van ")
    field_run(footer, "NUMPAGES", "1")
    section.first_page_header.paragraphs[0].style = doc.styles["Header"]
    section.first_page_footer.paragraphs[0].style = doc.styles["Footer"]


def settings(doc) -> None:
    el = doc.settings.element
    for tag, value in (("themeFontLang", "nl-NL"), ("decimalSymbol", ","), ("listSeparator", ";")):
        node = el.find(f"w:{tag}", NSMAP)
        if node is not None:
            node.set(f"{W}val", value)


def build() -> bytes:
    doc = Document(io.BytesIO(default_data_file("reference.docx")))
    restyle(doc.styles.element)
    page_setup(doc)
    settings(doc)
    props = doc.core_properties
    props.title, props.author, props.language = "Staat van de Uitvoering", "staatc", "nl-NL"
    props.last_modified_by, props.revision, props.comments = "staatc", 1, ""
    import datetime as dt
    props.created = props.modified = dt.datetime(2024, 1, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    return write_parts(read_parts(buffer.getvalue()))  # fixed zip dates and order


def versions() -> dict[str, str]:
    """The versions of the tools that shape the bytes, to compare with MADE_WITH."""
    import subprocess
    from importlib.metadata import version

    from staatc.render.pandoc import pandoc_path

    first_line = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True,
                                check=True).stdout.splitlines()[0]
    return {"pandoc": first_line.split()[-1], "python-docx": version("python-docx")}


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
