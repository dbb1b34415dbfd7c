"""The kamerbrief: assembled from the edition, written as Word and PDF beside the rapportage.

One build of a fixture edition (a long letter, so it runs over three pages) serves most tests;
the variants render only the letter, which takes a fraction of a second.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from helpers import copy_root
from staatc.commands.build import build_edition
from staatc.validate.check import check_edition
from staatc.errors import InvalidEdition
from staatc.assemble.kamerbrief import assemble_letter
from staatc.render.kamerbrief_docx import KamerbriefDocxRenderer
from staatc.render.kamerbrief_pdf import KamerbriefPdfRenderer
from helpers.pdf import struct_elements

AS_OF = date(2024, 5, 1)
MINISTRY = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
BETREFT = "#set text(red) Aanbieding \\ Staat van de Uitvoering 2024"
ADDRESSEE = [
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Postbus 20018",
    "2500 EA  Den Haag",
]
PARAGRAPH = (
    "De uitvoering verdient een stevige plek in het beleid. Organisaties noemen hun knelpunten "
    "steeds opener, en het gesprek met de departementen wordt beter. Toch zijn de grote "
    "knelpunten nog niet opgelost, en daarom scherpt deze Staat de oproepen aan."
)
LONG_BODY = "\n\n".join(
    [
        "Hierbij bied ik u de *Staat van de Uitvoering 2024* aan, met {{ standen | length }} "
        "Standen. Meer op [de website](https://www.rijksoverheid.nl/).",
        "- eerste punt\n- tweede punt",
        "## Vervolg",
    ]
    + [PARAGRAPH] * 28
)


def write_kamerbrief(root: Path, *, betreft: str | None = None, datum: str | None = None,
                     uw_kenmerk: str = "", bijlagen: int = 1, body: str = "Hierbij bied ik u de Staat aan.") -> None:
    lines = ["---"]
    if betreft is not None:
        lines.append(f"betreft: '{betreft}'")
    lines += ["ons_kenmerk: 2024-0000412345", f"uw_kenmerk: '{uw_kenmerk}'"]
    if datum is not None:
        lines.append(f"datum: {datum}")
    lines += [f"bijlagen: {bijlagen}",
              "ondertekenaar: De minister van Binnenlandse Zaken en Koninkrijksrelaties",
              "naam: Mr. A.B. Voorbeeld", "---", body, ""]
    (root / "kamerbrief.md").write_text("\n".join(lines), encoding="utf-8")


def set_status(root: Path, status: str) -> None:
    path = root / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: concept", f"status: {status}"),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """`staatc build` of an edition with a three-page letter; returns the output folder."""
    tmp = tmp_path_factory.mktemp("kamerbrief")
    root = copy_root("minimal", tmp)
    write_kamerbrief(root, betreft=BETREFT, datum="2024-09-17", body=LONG_BODY)
    out = tmp / "out"
    build_edition(root, out, AS_OF)
    return out


@pytest.fixture(scope="module")
def pdf(built) -> pypdf.PdfReader:
    return pypdf.PdfReader(built / "kamerbrief-2024.pdf")


@pytest.fixture(scope="module")
def word(built) -> docx.document.Document:
    return docx.Document(str(built / "kamerbrief-2024.docx"))


def render_variant(tmp_path: Path, status: str = "concept", **kamerbrief) -> tuple[pypdf.PdfReader, docx.document.Document]:
    root = copy_root("minimal", tmp_path)
    set_status(root, status)
    write_kamerbrief(root, **kamerbrief)
    letter = assemble_letter(check_edition(root, AS_OF))
    pdf_bytes = KamerbriefPdfRenderer().render(letter)
    docx_bytes = KamerbriefDocxRenderer().render(letter)
    return pypdf.PdfReader(io.BytesIO(pdf_bytes)), docx.Document(io.BytesIO(docx_bytes))


def page_text(reader: pypdf.PdfReader, index: int) -> str:
    return reader.pages[index].extract_text()


def placed_lines(reader: pypdf.PdfReader, index: int) -> dict[str, tuple[float, float]]:
    """Each line of text on a page with its position (x, y from the bottom left, in points)."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip() and text.strip() not in found:
            found[text.strip()] = (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5])

    reader.pages[index].extract_text(visitor_text=visit)
    return found


def structure_types(reader: pypdf.PdfReader) -> list[str]:
    """The tag of every element of the tagged PDF's structure tree, in reading order."""
    return [str(e["/S"]) for e in struct_elements(reader)]


def word_fields(document) -> dict[str, str]:
    """'Datum' → '17 september 2024' from the tab-separated fields under the addressee."""
    return dict(p.text.split("\t", 1) for p in document.paragraphs
                if p.style.name in ("Kamerbrief veld", "Kamerbrief betreft"))


def sender_lines(document) -> list[str]:
    """The sender column of page 1: one paragraph a line, in the frame in the right margin."""
    return [p.text for p in document.paragraphs if p.style.name.startswith("Kamerbrief colofon")]


# --- the build ---------------------------------------------------------------------------------

def test_build_writes_the_letter_beside_the_rapportage(built) -> None:
    names = sorted(p.name for p in built.iterdir() if not p.name.startswith("."))
    assert names == ["kamerbrief-2024.docx", "kamerbrief-2024.pdf",
                     "staat-van-de-uitvoering-2024.docx", "staat-van-de-uitvoering-2024.pdf"]


def test_format_option_applies_to_the_letter_too(edition, run) -> None:
    result = run("build", "2024", "--format", "docx", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (edition.parent.parent / "build" / "2024").glob("[!.]*"))
    assert written == ["kamerbrief-2024.docx", "staat-van-de-uitvoering-2024.docx"]
    assert "kamerbrief-2024.docx" in result.stdout


@pytest.mark.slow  # three builds
def test_a_changed_letter_is_rebuilt_an_unchanged_one_is_not(edition, tmp_path) -> None:
    out = tmp_path / "out"
    build_edition(edition, out, AS_OF, formats=("docx",))
    assert build_edition(edition, out, AS_OF, formats=("docx",)).skipped
    path = edition / "kamerbrief.md"
    path.write_text(path.read_text(encoding="utf-8").replace("naam: (naam)", "naam: C. Nieuw"),
                    encoding="utf-8")
    rebuilt = build_edition(edition, out, AS_OF, formats=("docx",))
    assert not rebuilt.skipped
    letter = docx.Document(str(out / "kamerbrief-2024.docx"))
    assert "C. Nieuw" in [p.text for p in letter.paragraphs]


def test_rendering_is_deterministic(tmp_path) -> None:
    root = copy_root("minimal", tmp_path)
    letter = assemble_letter(check_edition(root, AS_OF))
    assert KamerbriefDocxRenderer().render(letter) == KamerbriefDocxRenderer().render(letter)
    assert KamerbriefPdfRenderer().render(letter) == KamerbriefPdfRenderer().render(letter)


# --- PDF --------------------------------------------------------------------------------------

def test_pdf_addressee_block_in_order(pdf) -> None:
    text = page_text(pdf, 0)
    start = text.index(ADDRESSEE[0])
    assert re.search(r"\s+".join(re.escape(line) for line in ADDRESSEE), text[start:])
    assert text.index("Retouradres Postbus 20011 2500 EA  Den Haag") < start


def test_pdf_sender_column_stands_right_of_the_addressee(pdf) -> None:
    lines = placed_lines(pdf, 0)
    addressee_x, addressee_y = lines[ADDRESSEE[0]]
    sender_x, sender_y = lines["Postbus 20011"]
    assert addressee_x < 100 and sender_x > 400  # points from the left edge of the paper
    assert abs(sender_y - addressee_y) < 40  # side by side, not one below the other
    for label, value in (("Ons kenmerk", "2024-0000412345"), ("Bijlage(n)", "1"),
                         ("www.rijksoverheid.nl", None)):
        assert lines[label][0] == pytest.approx(sender_x)
        if value:
            assert lines[value][0] == pytest.approx(sender_x)


def test_pdf_sender_column_fields(pdf) -> None:
    text = page_text(pdf, 0)
    assert re.search(r"Ministerie van Binnenlandse Zaken\s+en Koninkrijksrelaties", text)
    assert re.search(r"Postbus 20011\s+2500 EA\s+Den Haag\s+www\.rijksoverheid\.nl", text)
    assert re.search(r"Ons kenmerk\s+2024-0000412345", text)
    assert re.search(r"Bijlage\(n\)\s+1(?!\d)", text)
    assert "Uw kenmerk" not in text  # empty in kamerbrief.md, so left out


def test_pdf_datum_and_betreft_show_as_text(pdf) -> None:
    text = page_text(pdf, 0)
    assert re.search(r"Datum\s+17 september 2024", text)
    assert "#set text(red) Aanbieding \\ Staat van de Uitvoering 2024" in text
    assert pdf.metadata.title == BETREFT


def test_pdf_body_expressions_lists_and_links(pdf) -> None:
    text = page_text(pdf, 0)
    assert "met 2 Standen" in text and "{{" not in text
    assert "eerste punt" in text and "tweede punt" in text
    uris = [a.get_object()["/A"].get("/URI") for a in pdf.pages[0].get("/Annots", [])]
    assert "https://www.rijksoverheid.nl/" in uris


def test_pdf_page_numbers_from_page_two(pdf) -> None:
    pages = len(pdf.pages)
    assert pages >= 3
    assert "Pagina" not in page_text(pdf, 0)
    assert f"Pagina 2 van {pages}" in page_text(pdf, 1)
    assert f"Pagina {pages} van {pages}" in page_text(pdf, pages - 1)
    assert re.search(r"Ons kenmerk\s+2024-0000412345", page_text(pdf, 1))  # the running colofon


def test_pdf_signature_at_the_end(pdf) -> None:
    text = page_text(pdf, len(pdf.pages) - 1)
    closing = text.index("De minister van Binnenlandse Zaken en Koninkrijksrelaties,")
    assert closing < text.index("Mr. A.B. Voorbeeld")


def test_pdf_is_tagged_pdf_ua_in_dutch(pdf) -> None:
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712  pypdf's BooleanObject(False) is truthy
    tags = structure_types(pdf)
    # The letter head is paragraphs, Betreft the one level-1 heading, before the body's H2.
    assert tags.count("/H1") == 1 and tags.index("/H1") < tags.index("/H2")
    assert tags[: tags.index("/H1")].count("/P") >= 4
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"pdfuaid:part(>|=\")1", xmp)
    assert pdf.metadata.author == MINISTRY


def test_pdf_bookmarks_are_betreft_with_the_body_headings_below_it(pdf) -> None:
    betreft, below = pdf.outline
    assert betreft.title == BETREFT
    assert [item.title for item in below] == ["Vervolg"]


def test_pdf_concept_mark(pdf) -> None:
    assert "CONCEPT" in page_text(pdf, 0).replace(" ", "")


# --- Word -------------------------------------------------------------------------------------

def test_word_addressee_block(word) -> None:
    addressee = [p.text for p in word.paragraphs if p.style.name == "Kamerbrief adres"]
    assert addressee == ["\n".join(ADDRESSEE)]


def test_word_sender_column_is_paragraphs_in_a_frame(word) -> None:
    assert word.tables == []  # no layout table for a screen reader to announce as data
    assert sender_lines(word) == [MINISTRY, "Postbus 20011", "2500 EA  Den Haag", "www.rijksoverheid.nl",
                                  "Ons kenmerk", "2024-0000412345", "Bijlage(n)", "1"]
    frames = [p._p.pPr.find(docx.oxml.ns.qn("w:framePr")) for p in word.paragraphs
              if p.style.name.startswith("Kamerbrief colofon")]
    # One frame: Word keeps consecutive paragraphs with the same frame together.
    assert len({tuple(sorted(f.attrib.items())) for f in frames}) == 1
    assert frames[0].get(docx.oxml.ns.qn("w:hAnchor")) == "page"  # in the right margin


def test_word_betreft_is_the_letters_heading_above_the_body_headings(word, built) -> None:
    """Word's navigation pane lists Betreft (a style based on Heading 1, outline level 1) and
    the body's own headings below it; pandoc reads the same structure back."""
    [betreft] = [p for p in word.paragraphs if p.style.name == "Kamerbrief betreft"]
    assert betreft.style.base_style.name == "Heading 1"
    assert betreft.style.element.pPr.find(docx.oxml.ns.qn("w:outlineLvl")).get(
        docx.oxml.ns.qn("w:val")) == "0"
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 2"] == ["Vervolg"]
    import pypandoc

    native = pypandoc.convert_file(str(built / "kamerbrief-2024.docx"), "markdown", extra_args=["--wrap=none"])
    headings = [line.split(" {")[0] for line in native.splitlines() if line.startswith("#")]
    assert len(headings) == 2 and headings[0].startswith("# Betreft #set text(red) Aanbieding")
    assert headings[1] == "## Vervolg"


def test_word_datum_and_betreft(word) -> None:
    assert word_fields(word) == {"Datum": "17 september 2024", "Betreft": BETREFT}


def test_word_body_and_signature(word) -> None:
    texts = [p.text for p in word.paragraphs]
    assert any("met 2 Standen" in t for t in texts)
    assert "eerste punt" in texts
    assert texts[-2:] == ["De minister van Binnenlandse Zaken en Koninkrijksrelaties,", "Mr. A.B. Voorbeeld"]
    assert texts.index("Betreft\t" + BETREFT) < texts.index("eerste punt")


def test_word_page_numbers_not_on_the_first_page(word) -> None:
    section = word.sections[0]
    assert section.different_first_page_header_footer
    footer = section.footer._element.xml
    assert re.search(r'w:instr=" ?PAGE ?"', footer) and re.search(r'w:instr=" ?NUMPAGES ?"', footer)
    assert section.footer.paragraphs[0].text.startswith("Pagina ")
    first = section.first_page_footer._element.xml
    assert "PAGE" not in first and "Pagina" not in first
    header = [p.text for p in section.header.paragraphs]
    assert header[header.index("Ons kenmerk") + 1] == "2024-0000412345"


def test_word_properties_and_language(word) -> None:
    props = word.core_properties
    assert props.title == BETREFT
    assert props.author == MINISTRY
    assert props.language == "nl-NL"
    styles = word.styles.element.xml
    assert re.search(r'<w:lang [^>]*w:val="nl-NL"', styles)
    assert not re.search(r'<w:lang [^>]*w:val="(?!nl-NL)', styles)


def test_word_concept_mark(word) -> None:
    assert word.paragraphs[0].text == "CONCEPT"


# --- variants ---------------------------------------------------------------------------------

def test_date_defaults_to_the_aanbieding_and_betreft_to_the_title(tmp_path) -> None:
    reader, document = render_variant(tmp_path, status="definitief")
    text = page_text(reader, 0)
    assert re.search(r"Datum\s+9 september 2024", text)
    assert re.search(r"Betreft\s+Aanbieding Staat van de Uitvoering 2024", text)
    assert word_fields(document) == {"Datum": "9 september 2024",
                                     "Betreft": "Aanbieding Staat van de Uitvoering 2024"}
    assert "CONCEPT" not in text.replace(" ", "")
    assert "CONCEPT" not in "\n".join(p.text for p in document.paragraphs)
    assert len(reader.pages) == 1 and "Pagina" not in text


def test_uw_kenmerk_shown_when_given(tmp_path) -> None:
    reader, document = render_variant(tmp_path, uw_kenmerk="2024Z12345")
    assert re.search(r"Uw kenmerk\s+2024Z12345", page_text(reader, 0))
    assert "Uw kenmerk" in sender_lines(document)
    assert sender_lines(document)[sender_lines(document).index("Uw kenmerk") + 1] == "2024Z12345"


def test_markup_in_front_matter_stays_text(tmp_path) -> None:
    # (control characters are refused by the check: see test_bad_input)
    root = copy_root("minimal", tmp_path)
    path = root / "kamerbrief.md"
    _edit(path, "betreft: Aanbieding Staat van de Uitvoering 2024",
          'betreft: "<b>Aanbieding</b> & *meer*  $x$ @ref"')
    letter = assemble_letter(check_edition(root, AS_OF))
    assert letter.title == "<b>Aanbieding</b> & *meer* $x$ @ref"
    reader = pypdf.PdfReader(io.BytesIO(KamerbriefPdfRenderer().render(letter)))
    assert "<b>Aanbieding</b> & *meer* $x$ @ref" in page_text(reader, 0)
    document = docx.Document(io.BytesIO(KamerbriefDocxRenderer().render(letter)))
    assert word_fields(document)["Betreft"] == letter.title


def test_letter_data(tmp_path) -> None:
    root = copy_root("minimal", tmp_path)
    write_kamerbrief(root, bijlagen=0, body="## Kop\n\nTekst.")
    letter = assemble_letter(check_edition(root, AS_OF))
    assert [f.label for f in letter.sender_fields] == ["Ons kenmerk"]  # no Uw kenmerk, no bijlagen
    assert letter.closing == "De minister van Binnenlandse Zaken en Koninkrijksrelaties,"
    assert replace(letter, body="").title == "Aanbieding Staat van de Uitvoering 2024"
    assert letter.body.startswith("## Kop")  # headings never start a new page in a letter
    assert letter.concept


# --- mistakes: reported by the check, nothing written ------------------------------------------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("mistake", "file", "line", "code"),
    [
        (lambda root: (root / "kamerbrief.md").unlink(), "kamerbrief.md", None, "missing-kamerbrief"),
        (lambda root: _edit(root / "kamerbrief.md", "bijlagen: 1", "bijlagen: -1"),
         "kamerbrief.md", 5, "invalid-value"),
        (lambda root: _edit(root / "edition.yaml", "id: aanbieding", "id: presentatie"),
         "edition.yaml", 11, "missing-aanbieding"),
    ],
    ids=["missing-kamerbrief", "negative-bijlagen", "missing-aanbieding"],
)
def test_mistakes_stop_the_build_before_anything_is_written(edition, tmp_path, mistake, file, line, code) -> None:
    mistake(edition)
    out = tmp_path / "out"
    with pytest.raises(InvalidEdition) as caught:
        build_edition(edition, out, AS_OF)
    problem = next(p for p in caught.value.problems if p.code == code)
    assert (problem.file.name, problem.line, problem.severity) == (file, line, "error")
    assert not out.exists()
