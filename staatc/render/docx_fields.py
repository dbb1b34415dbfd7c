"""Word fields the way Word itself writes them: the table of contents and the caption numbers.

* The table of contents is one TOC field whose cached result has an entry per heading, as
  Word's own "Update table" makes it: a hyperlink to a `_Toc…` bookmark around the heading,
  the heading text, a tab (the TOC styles put a dotted right tab there) and a PAGEREF field
  to the same bookmark. Word computes the page numbers when it updates the fields, which
  `w:updateFields` in the settings asks for on opening (one prompt).
* Caption numbers: pandoc writes "Tabel " + a simple SEQ field. Readers that do not compute
  fields (pandoc's own docx reader, for one) drop a simple field and the label with it, so
  the number becomes a complex field (begin, instruction, separate, cached "1", end): the
  number is in the text and Word still renumbers it.
"""

from __future__ import annotations

from staatc.render.ooxml import NSMAP, W, W_NS
from staatc.render.ooxml import xml_escape as escape

TOC_BOOKMARK = "_Toc"  # Word's prefix for the hidden bookmarks its TOC entries point at


def _el(xml: str):
    from lxml import etree

    return etree.fromstring(f'<w:x xmlns:w="{W_NS}">{xml}</w:x>')[0]


def _field(instruction: str, result_xml: str) -> str:
    """Runs of one complex field with `result_xml` (runs) as its cached result."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{result_xml}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def mark_headings(root, headings: list) -> list[tuple[int, str, str]]:
    """Put a `_Toc…` bookmark around each heading paragraph; return (level, text, bookmark).

    Word's own names: short (Word keeps at most 40 characters), no hyphens, hidden from the
    reader's bookmark list; pandoc's bookmarks stay for the cross references.
    """
    next_id = 1 + max((int(b.get(f"{W}id")) for b in root.iter(f"{W}bookmarkStart")
                       if (b.get(f"{W}id") or "").isdigit()), default=0)
    entries = []
    for index, (level, paragraph) in enumerate(headings, start=1):
        name = f"{TOC_BOOKMARK}{index:06d}"
        bookmark_id = str(next_id + index)
        start = _el(f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>')
        ppr = paragraph.find("w:pPr", NSMAP)
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph.insert(0, start)
        paragraph.append(_el(f'<w:bookmarkEnd w:id="{bookmark_id}"/>'))
        entries.append((level, _text(paragraph), name))
    return entries


def fill_toc(sdt, entries: list[tuple[int, str, str]]) -> None:
    """Replace pandoc's empty TOC field by one whose cached result lists the headings."""
    content = sdt.find("w:sdtContent", NSMAP)
    field_paragraph = None
    for p in content.findall("w:p", NSMAP):
        if p.find(".//w:instrText", NSMAP) is not None:
            field_paragraph = p
    if field_paragraph is None:
        return
    instruction = "".join(t.text or "" for t in field_paragraph.iter(f"{W}instrText")).strip()
    begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    paragraphs = []
    for index, (level, text, bookmark) in enumerate(entries):
        # The cached page number is empty: only Word's layout knows it, and a guessed one
        # would stay wrong in every reader that does not update fields.
        page = _field(f"PAGEREF {bookmark} \\h", "")
        entry = (f'<w:hyperlink w:anchor="{bookmark}" w:history="1">'
                 f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
                 f'<w:r><w:tab/></w:r>{page}</w:hyperlink>')
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC{level}"/></w:pPr>'
            f'{begin if index == 0 else ""}{entry}{end if index == len(entries) - 1 else ""}</w:p>'
        )
    if not paragraphs:
        paragraphs = [f"<w:p>{begin}{end}</w:p>"]
    for xml in paragraphs:
        field_paragraph.addprevious(_el(xml))
    content.remove(field_paragraph)


def complex_seq_fields(root) -> None:
    """Every simple SEQ field (pandoc's caption numbers) as a complex field, same result."""
    for simple in list(root.iter(f"{W}fldSimple")):
        instruction = (simple.get(f"{W}instr") or "").strip()
        if not instruction.startswith("SEQ "):
            continue
        from lxml import etree

        result = "".join(etree.tostring(run, encoding="unicode")
                         for run in simple.findall("w:r", NSMAP))
        parent, at = simple.getparent(), simple.getparent().index(simple)
        parent.remove(simple)
        wrapper = etree.fromstring(f'<w:x xmlns:w="{W_NS}">{_field(instruction, result)}</w:x>')
        for offset, run in enumerate(list(wrapper)):
            parent.insert(at + offset, run)


# settings.xml is a schema sequence: a new element goes before the first of the elements that
# must follow it (only those pandoc's and Word's settings have are listed).
_LATER = {
    "autoHyphenation": ("doNotHyphenateCaps", "evenAndOddHeaders", "drawingGridHorizontalSpacing",
                        "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
                        "displayVerticalDrawingGridEvery", "characterSpacingControl",
                        "savePreviewPicture", "updateFields", "footnotePr", "endnotePr", "compat",
                        "docVars", "rsids"),
    "updateFields": ("footnotePr", "endnotePr", "compat", "docVars", "rsids"),
}
_LATER["doNotHyphenateCaps"] = _LATER["autoHyphenation"][1:]


def word_settings(xml: bytes, *, update_fields: bool) -> bytes:
    """Hyphenation on (Dutch, as the text's language; never words in capitals such as
    acronyms), and with `update_fields` Word's one question on opening whether to update the
    fields, which fills in the table of contents' page numbers."""
    from lxml import etree

    root = etree.fromstring(xml)
    wanted = [("autoHyphenation", '<w:autoHyphenation/>'),
              ("doNotHyphenateCaps", '<w:doNotHyphenateCaps/>')]
    if update_fields:
        wanted.append(("updateFields", '<w:updateFields w:val="true"/>'))
    for name, element_xml in wanted:
        if root.find(f"w:{name}", NSMAP) is not None:
            continue
        element = _el(element_xml)
        later = next((c for c in root if c.tag.split("}")[-1] in _LATER[name]), None)
        if later is not None:
            later.addprevious(element)
        else:
            root.append(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
