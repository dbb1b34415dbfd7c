"""The PDF renderer, read back the way a reader's tools read it (pypdf)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from helpers.render_fixture import fixture_document
from staatc.render import Document, DocumentMeta, PdfRenderer
from helpers.pdf import struct_elements

CHAPTERS = [
    "Inleiding",
    "Deel 1: Complexiteitsreductie",
    "Gegevensuitwisseling",
    "Deel 2: Betrek de uitvoering vanaf het begin",
]
SUBHEADINGS = ["Drie bronnen", "Leeswijzer", "Stapeling van regelingen",
               "Een kader onder een te diepe kop", "Stand van UWV"]


def render(doc: Document) -> tuple[bytes, PdfReader]:
    data = PdfRenderer().render(doc)
    return data, PdfReader(io.BytesIO(data))


def page_text(reader: PdfReader, index: int) -> str:
    # Join soft-hyphenated words and normalise spaces, as a reader's search does.
    text = reader.pages[index].extract_text().replace("\u00ad\n", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text)


def all_text(reader: PdfReader) -> str:
    return " ".join(page_text(reader, i) for i in range(len(reader.pages)))


@pytest.fixture(scope="module")
def rendered() -> tuple[bytes, PdfReader]:
    return render(fixture_document())


def test_pages_and_outline(rendered):
    _, reader = rendered
    assert len(reader.pages) > 2
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top_level == CHAPTERS
    nested = [item.title for sub in reader.outline if isinstance(sub, list) for item in sub
              if not isinstance(item, list)]
    assert "Drie bronnen" in nested and "Stand van UWV" in nested


def test_text_has_headings_cover_and_toc(rendered):
    _, reader = rendered
    text = all_text(reader)
    for heading in CHAPTERS + SUBHEADINGS:
        assert heading in text
    assert "Notitie voor de redactie" not in text  # HTML comments are for editors only
    cover = page_text(reader, 0)
    assert "Staat van de Uitvoering 2024" in cover
    assert "9 september 2024" in cover
    assert "CONCEPT" in cover
    toc = page_text(reader, 1)
    assert "Inhoudsopgave" in toc
    assert all(chapter in toc for chapter in CHAPTERS)


def test_running_header_and_page_numbers(rendered):
    _, reader = rendered
    last = len(reader.pages)
    body_page = page_text(reader, 2)
    assert "Staat van de Uitvoering 2024" in body_page
    assert f"Pagina 3 van {last}" in body_page
    assert "Pagina" not in page_text(reader, 0)  # the cover has no footer


def test_dutch_captions_and_resolved_references(rendered):
    _, reader = rendered
    text = all_text(reader)
    assert "Tabel 1: Knelpunten per organisatie (illustratief)" in text
    assert "Tabel 2: Knelpunten van UWV" in text  # the uncaptioned table in between is not counted
    assert "Figuur 1: Staafdiagram" in text
    assert "Het diagram (Figuur 1) toont dezelfde cijfers als Tabel 1." in text
    assert "@tbl" not in text and "@fig" not in text


def test_catalog_language_metadata_and_pdfua(rendered):
    _, reader = rendered
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert "/StructTreeRoot" in root
    # pypdf's BooleanObject(False) is truthy: compare, never just test it.
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    info = reader.metadata
    assert info.title == "Staat van de Uitvoering 2024"
    assert info.author == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert info["/CreationDate"].startswith("D:20240909")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>", xmp)
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp)
    assert re.search(r"<pdfaid:conformance>A</pdfaid:conformance>", xmp)


def test_tags_for_headings_tables_and_figures(rendered):
    _, reader = rendered
    elements = struct_elements(reader)
    kinds = [str(e["/S"]) for e in elements]
    assert kinds.count("/H1") == len(CHAPTERS) + 1  # the chapters and "Inhoudsopgave"
    assert kinds.count("/H3") == 2  # "Leeswijzer" and the #### heading, lifted to level 3
    assert "/H4" not in kinds
    assert kinds.count("/Table") == 4 and kinds.count("/THead") == 3  # one table has no header
    assert "/TH" in kinds and "/THead" in kinds
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == [
        "Staafdiagram van het aantal knelpunten per organisatie: UWV 6, SVB 4, DUO 3, IND 5, CJIB 2."
    ]


def test_fonts_are_embedded_and_bundled(rendered):
    _, reader = rendered
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert any("NotoSans" in name for name in fonts)


def test_internal_links_point_inside_the_document(rendered):
    _, reader = rendered
    targets = []
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot["/Subtype"] == "/Link":
                assert "/URI" not in annot.get("/A", {})
                targets.append(annot.get("/Dest"))
    # Cross references by name (the fixture links to #stand-uwv and #hoofdstuk-01-inleiding),
    # each a destination of this document; table of contents entries point at one of its pages.
    assert {"stand-uwv", "hoofdstuk-01-inleiding"} <= set(targets)
    named = set(reader.named_destinations)
    pages = {page.indirect_reference.idnum for page in reader.pages}
    for target in targets:
        if isinstance(target, str):
            assert target in named, target
        else:
            assert target[0].idnum in pages, target
    assert len(targets) >= 5


def test_two_renders_give_identical_bytes(rendered):
    data, _ = rendered
    again, _ = render(fixture_document())
    assert again == data


def test_typst_syntax_in_title_and_text_stays_text():
    title = 'Staat #set text(red) \\ "x" ] #panic("titel") $a$ <b>'
    markdown = (
        "# Hoofdstuk {#h1}\n\n"
        'Tekst #panic(1) en #set page(width: 1cm) en \\\\ en $5 en $x$ en <i>html</i>\n\n'
        '```{=typst}\n#panic("raw blok")\n```\n\n'
        'En `#panic("raw inline")`{=typst} en @onbekend en [link](#bestaat-niet).\n\n'
        "![Ontbrekende afbeelding](images/weg.png)\n"
    )
    doc = Document(
        meta=DocumentMeta(title=title, subtitle=None, publisher="BZK", date=date(2024, 1, 31)),
        markdown=markdown,
    )
    _, reader = render(doc)
    assert reader.metadata.title == title
    text = all_text(reader)
    assert title in page_text(reader, 0)
    assert "31 januari 2024" in page_text(reader, 0)
    for literal in ("#panic(1)", "#set page(width: 1cm)", "$5", "$x$", "<i>html</i>",
                    '#panic("raw blok")', '#panic("raw inline")', "@onbekend", "link"):
        assert literal in text, literal
    assert "[Afbeelding ontbreekt: Ontbrekende afbeelding]" in text
    assert "CONCEPT" not in text


def test_a_part_is_in_its_first_chapters_heading_and_the_outline(rendered):
    _, reader = rendered
    text = all_text(reader)
    assert text.count("Deel 1: Complexiteitsreductie") == 2  # the contents and the heading
    assert "Deel 2: Betrek de uitvoering vanaf het begin" in text
    assert "Gegevensuitwisseling" in text and "Deel 1: Gegevensuitwisseling" not in text
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Deel 1: Complexiteitsreductie" in outline
    assert "DEEL 1" not in text  # no separate label above the heading any more


def test_render_all_runs_both_formats_side_by_side(rendered):
    from staatc.render.parallel import Job, render_all
    from staatc.render import DocxRenderer
    from staatc.render.registry import renderer

    doc = fixture_document()
    outputs = render_all([Job("a.docx", doc, renderer("rapportage", "docx")),
                          Job("a.pdf", doc, renderer("rapportage", "pdf"))])
    assert outputs["a.pdf"] == rendered[0]
    assert outputs["a.docx"] == DocxRenderer().render(doc)
    with pytest.raises(ValueError):
        renderer("rapportage", "html")


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # The attribute's value is the "Deel" label, quotes and #panic( included, as text.
        ('# Kop {deel="1\\") #panic(\\"x"}\n\nTekst\n', ['Deel 1") #panic("x: Kop Tekst']),
        # So is the chapter number's, in front of it.
        ('# Kop {nummer="2\\") #panic(\\"x" deel="1"}\n\nTekst\n', ['2") #panic("x Deel 1: Kop Tekst']),
        # A missing image is a visible placeholder; its alt text (with #panic()) is the caption.
        ('![alt " \\ ) #panic()](images/x".png){width="50%) #panic(1"}\n',
         ["[Afbeelding ontbreekt: alt \u201d ) #panic()]", "Figuur 1: alt \u201d ) #panic()"]),
        ("| a | b |\n|---|---|\n| `#panic()` | $x$ |\n\n: Bijschrift #panic() {#tbl-x}\n",
         ["Tabel 1: Bijschrift #panic() a b #panic() $x$"]),
        ("::: {#blok}\nIn een blok met #panic()\n:::\n\n[naar blok](#blok) [span]{#sp} [naar span](#sp)\n",
         ["In een blok met #panic() naar blok span naar span"]),
        ("Term\n:   Definitie #panic()\n\n| een\n|   twee\n\n[^n]\n\n[^n]: noot met [link](#nergens)\n",
         ["Term Definitie #panic() een twee", "noot met link"]),
        # Levels made consecutive, all three in the contents; @een shows the heading's text.
        ("# Een\n\n#### Vier\n\n## Twee\n\n[zie @een]\n", ["Een Vier Twee zie Een Pagina 3"]),
    ],
    ids=["part-attribute", "number-attribute", "image", "table", "div-span-links", "misc", "heading-levels"],
)
def test_hostile_markdown_compiles_and_stays_text(markdown, expected):
    doc = Document(
        meta=DocumentMeta(title="T", subtitle=None, publisher="P", date=date(2024, 1, 1)),
        markdown=markdown,
    )
    _, reader = render(doc)  # Typst would raise on a #panic() that ran, or on a broken label
    text = all_text(reader)
    for fragment in expected:
        assert fragment in text, (fragment, text)


def test_table_cells_that_start_like_markup_stay_text():
    # Found by fuzzing whole editions: a cell "/ x" stopped Typst ("expected colon"), and
    # "= y" or "- w" in a cell became a heading or a list.
    cells = ["/ schuin", "= gelijk", "+ plus", "- streep", "1. eerste"]
    table = "| Kolom |\n|---|\n" + "".join(f"| {c} |\n" for c in cells)
    doc = Document(
        meta=DocumentMeta(title="T", subtitle=None, publisher="P", date=date(2024, 1, 1)),
        markdown=table,
    )
    _, reader = render(doc)
    text = all_text(reader)
    for cell in cells:
        assert cell in text, cell
