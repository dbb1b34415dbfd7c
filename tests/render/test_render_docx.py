"""The Word renderer, read back with python-docx the way Word would open it."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx

from helpers.render_fixture import fixture_document
from staatc.render import Document, DocumentMeta, DocxRenderer

ROOT = Path(__file__).resolve().parent.parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
HEADINGS = [
    (1, "Inleiding"),
    (2, "Drie bronnen"),
    (3, "Leeswijzer"),
    (1, "Deel 1: Complexiteitsreductie"),
    (2, "Stapeling van regelingen"),
    (3, "Een kader onder een te diepe kop"),
    (1, "Gegevensuitwisseling"),
    (2, "Stand van UWV"),
    (1, "Deel 2: Betrek de uitvoering vanaf het begin"),
]


def text_of(element) -> str:
    """All w:t text inside an element, including fields and hyperlinks."""
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return DocxRenderer().render(fixture_document())


@pytest.fixture(scope="module")
def word(rendered):
    return open_docx(io.BytesIO(rendered))


def body_paragraphs(word):
    return word.element.body.findall(".//w:p", NS)


def style_of(p) -> str | None:
    node = p.find("w:pPr/w:pStyle", NS)
    return None if node is None else node.get(f"{W}val")


def test_headings_in_order(word):
    headings = [
        (int(p.style.name.split()[-1]), p.text)
        for p in word.paragraphs
        if p.style.name.lower().startswith("heading")
    ]
    assert headings == HEADINGS


def test_cover_has_title_publisher_dutch_date_and_concept(word):
    cover = [(p.style.name, p.text) for p in word.paragraphs[:5]]
    assert cover == [
        ("Title", "Staat van de Uitvoering 2024"),
        ("Subtitle", "Een kwestie van doen"),
        ("Author", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
        ("Date", "9 september 2024"),
        ("Concept", "CONCEPT"),
    ]


def test_definitive_edition_has_no_concept_mark():
    data = DocxRenderer().render(fixture_document(concept=False))
    word = open_docx(io.BytesIO(data))
    assert all("CONCEPT" not in p.text for p in word.paragraphs)
    header = word.sections[0].header
    assert "CONCEPT" not in "".join(p.text for p in header.paragraphs)


def test_table_with_header_row_and_dutch_caption(word):
    table = word.tables[0]
    first_row = table.rows[0]._tr
    assert first_row.find("w:trPr/w:tblHeader", NS) is not None  # repeats on each page
    assert [c.text for c in table.rows[0].cells] == [
        "Organisatie", "Departement", "Knelpunten", "Waarvan complexiteit"]
    # pandoc keeps "Tabel" and its number together with a no-break space
    captions = [text_of(p).replace("\u00a0", " ") for p in body_paragraphs(word)
                if style_of(p) == "TableCaption"]
    assert captions == ["Tabel 1: Knelpunten per organisatie (illustratief)",
                        "Tabel 2: Knelpunten van UWV"]
    figures = [text_of(p).replace("\u00a0", " ") for p in body_paragraphs(word) if style_of(p) == "ImageCaption"]
    assert figures and figures[0].startswith("Figuur 1: Staafdiagram")


def test_html_comments_are_not_shown(rendered):
    assert b"Notitie voor de redactie" not in zipfile.ZipFile(io.BytesIO(rendered)).read(
        "word/document.xml")


def test_headerless_table_has_no_header_row(word):
    headerless = word.tables[1]
    assert [c.text for c in headerless.rows[0].cells] == ["Peildatum", "1 mei 2024"]
    assert headerless.rows[0]._tr.find("w:trPr/w:tblHeader", NS) is None


def test_references_become_dutch_links(word):
    texts = [text_of(p) for p in body_paragraphs(word)]
    assert "Het diagram (Figuur 1) toont dezelfde cijfers als Tabel 1." in texts
    anchors = {h.get(f"{W}anchor") for h in word.element.body.iter(f"{W}hyperlink")}
    assert {"tbl-knelpunten", "fig-knelpunten", "stand-uwv"} <= anchors
    bookmarks = [b.get(f"{W}name") for b in word.element.body.iter(f"{W}bookmarkStart")]
    assert len(bookmarks) == len(set(bookmarks)), "bookmark names are unique"
    assert "tbl-knelpunten" in bookmarks and "stand-uwv" in bookmarks


def test_toc_entries_are_word_toc_entries_with_page_fields(rendered, word):
    """Word's own TOC: one TOC field whose entries link to a bookmark on the heading and hold
    a PAGEREF field to it, so Word puts the page numbers in; it asks once on opening."""
    body = word.element.body
    sdt = body.find("w:sdt", NS)
    gallery = sdt.find(".//w:docPartGallery", NS)
    assert gallery.get(f"{W}val") == "Table of Contents"
    paragraphs = sdt.findall(".//w:p", NS)
    assert style_of(paragraphs[0]) == "TOCHeading" and text_of(paragraphs[0]) == "Inhoudsopgave"
    instructions = [t.text.strip() for t in sdt.iter(f"{W}instrText")]
    assert instructions[0].startswith("TOC ") and "\\h" in instructions[0]
    entries = [(style_of(p), text_of(p)) for p in paragraphs[1:]]
    assert entries == [(f"TOC{level}", text) for level, text in HEADINGS]
    headings_by_bookmark = {}
    for p in body.iter(f"{W}p"):
        if (style_of(p) or "").startswith("Heading"):
            for b in p.iter(f"{W}bookmarkStart"):
                headings_by_bookmark[b.get(f"{W}name")] = text_of(p)
    for p, (_, text) in zip(paragraphs[1:], HEADINGS):
        link = p.find("w:hyperlink", NS)
        target = link.get(f"{W}anchor")
        assert headings_by_bookmark[target] == text  # the link goes to its heading
        page = [t.text.strip() for t in link.iter(f"{W}instrText")]
        assert page == [f"PAGEREF {target} \\h"]
        assert link.find(".//w:tab", NS) is not None  # the dotted tab to the page number
    # The TOC field opens in the first entry and closes in the last: Word replaces it whole.
    assert paragraphs[1].find("w:r/w:fldChar", NS).get(f"{W}fldCharType") == "begin"
    assert paragraphs[-1].findall("w:r/w:fldChar", NS)[-1].get(f"{W}fldCharType") == "end"
    settings = zipfile.ZipFile(io.BytesIO(rendered)).read("word/settings.xml")
    assert b'<w:updateFields w:val="true"/>' in settings


def test_captions_keep_their_numbers_when_read_back(rendered, tmp_path):
    """Pandoc reading the Word file back (as any tool without a field engine) keeps the
    numbers; in Word they are SEQ fields with the number as cached result."""
    from staatc.render.pandoc import pandoc_path

    path = tmp_path / "rapportage.docx"
    path.write_bytes(rendered)
    markdown = subprocess.run([pandoc_path(), "--sandbox", "-f", "docx", "-t", "markdown", str(path)],
                              capture_output=True, check=True, text=True).stdout
    text = " ".join(markdown.replace("\u00a0", " ").split())
    assert "Tabel 1: Knelpunten per organisatie (illustratief)" in text
    assert "Tabel 2: Knelpunten van UWV" in text
    assert "Figuur 1: Staafdiagram" in text
    document = open_docx(io.BytesIO(rendered)).element.body
    seq = [t.text.strip() for t in document.iter(f"{W}instrText") if "SEQ" in t.text]
    assert sorted(seq) == ["SEQ Figure \\* ARABIC", "SEQ Table \\* ARABIC", "SEQ Table \\* ARABIC"]


def test_chapters_start_on_a_new_page_and_a_part_is_in_its_heading(word):
    order = [(style_of(p), text_of(p), p.find("w:pPr/w:pageBreakBefore", NS) is not None)
             for p in body_paragraphs(word) if style_of(p).startswith("Heading1")]
    assert order == [
        ("Heading1", "Inleiding", True),
        ("Heading1", "Deel 1: Complexiteitsreductie", True),
        ("Heading1", "Gegevensuitwisseling", True),
        ("Heading1", "Deel 2: Betrek de uitvoering vanaf het begin", True),
    ]
    assert not [p for p in body_paragraphs(word) if style_of(p) == "Deel"]


def test_core_properties(word):
    props = word.core_properties
    assert props.title == "Staat van de Uitvoering 2024"
    assert props.author == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert props.subject == "Staat van de Uitvoering"
    assert props.language == "nl-NL"
    assert props.keywords == "uitvoering; Standen"
    utc_noon = dt.datetime(2024, 9, 9, 12, 0, tzinfo=dt.timezone.utc)
    assert props.created.replace(tzinfo=dt.timezone.utc) == utc_noon
    assert props.modified.replace(tzinfo=dt.timezone.utc) == utc_noon


def test_dutch_on_document_defaults_and_styles(word):
    styles = word.styles.element
    default_lang = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default_lang.get(f"{W}val") == "nl-NL"
    for name in ("Normal", "Body Text", "Heading 1", "Title", "Table Caption", "Deel"):
        lang = word.styles[name].element.find("w:rPr/w:lang", NS)
        assert lang is not None and lang.get(f"{W}val") == "nl-NL", name


def test_header_title_and_footer_page_field(word):
    section = word.sections[0]
    assert section.different_first_page_header_footer  # the cover stays clean
    header = "".join(p.text for p in section.header.paragraphs)
    assert header == "Staat van de Uitvoering 2024 \u00b7 CONCEPT"
    footer = section.footer._element
    instructions = [f.get(f"{W}instr").strip() for f in footer.iter(f"{W}fldSimple")]
    instructions += [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert "PAGE" in instructions
    assert "Pagina" in text_of(footer)


def test_image_has_alt_text(rendered, word):
    descriptions = [d.get("descr") for d in word.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert descriptions == [
        "Staafdiagram van het aantal knelpunten per organisatie: UWV 6, SVB 4, DUO 3, IND 5, CJIB 2."]
    names = zipfile.ZipFile(io.BytesIO(rendered)).namelist()
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names)


def test_two_renders_give_identical_bytes(rendered):
    assert DocxRenderer().render(fixture_document()) == rendered
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(rendered)).infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}


def test_special_characters_in_title_and_text_stay_text():
    title = 'Staat #set text(red) \\ "x" <b>&amp;</b>'
    doc = Document(
        meta=DocumentMeta(title=title, subtitle=None, publisher="BZK & co", date=date(2024, 1, 31)),
        markdown='# Kop {#kop}\n\nTekst #set text(red) en \\\\ en $5 en <b>html</b> en @onbekend.\n\n'
                 '```{=openxml}\n<w:p><w:r><w:t>ingespoten</w:t></w:r></w:p>\n```\n',
    )
    word = open_docx(io.BytesIO(DocxRenderer().render(doc)))
    assert word.core_properties.title == title
    assert word.paragraphs[0].text == title
    assert "".join(p.text for p in word.sections[0].header.paragraphs) == title
    texts = [p.text for p in word.paragraphs]
    assert "Tekst #set text(red) en \\ en $5 en <b>html</b> en @onbekend." in texts
    assert "ingespoten" not in texts  # raw OpenXML is shown as code, not injected
    assert any("<w:t>ingespoten</w:t>" in t for t in texts)


def test_shipped_reference_docx_is_what_the_tool_makes():
    spec = importlib.util.spec_from_file_location("make_reference_docx",
                                                  ROOT / "tools" / "make_reference_docx.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    if tool.versions() != tool.MADE_WITH:
        pytest.skip(f"reference.docx was made with {tool.MADE_WITH}, not {tool.versions()}")
    assert tool.build() == (ROOT / "templates" / "reference.docx").read_bytes()
