"""The PDFs as a reader meets them: what a copy from the contents gives, where a caption and a
word break, what a screen reader says a link leads to, how the kamerbrief's head lines up.

Read back with pypdf, as in test_render_pdf.py; one build of the minimal edition (with a
directie, a visiting address and a Betreft over two lines) serves the edition-level tests.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import copy_root
from helpers.render_fixture import fixture_document
from staatc.commands.build import build_edition
from staatc.render import PdfRenderer

AS_OF = date(2024, 5, 1)
MINISTRY = "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
LONG_BETREFT = ("Aanbieding Staat van de Uitvoering 2024 en de reactie van het kabinet op de "
                "oproepen uit de eerste Staat")


def render_markdown(markdown: str) -> PdfReader:
    doc = replace(fixture_document(), markdown=markdown, media={})
    return PdfReader(io.BytesIO(PdfRenderer().render(doc)))


def placed_lines(reader: PdfReader, index: int) -> list[tuple[str, float, float]]:
    """Each piece of text on a page with its position (x, y from the bottom left, in points)."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    reader.pages[index].extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("readers")
    root = copy_root("minimal", tmp)
    config = root / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "peildatum:", "directie: Directie Werk aan Uitvoering\n"
                      "bezoekadres: [Turfmarkt 147, 2511 DP  Den Haag]\npeildatum:"),
        encoding="utf-8")
    letter = root / "kamerbrief.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "betreft: Aanbieding Staat van de Uitvoering 2024", f"betreft: {LONG_BETREFT}"),
        encoding="utf-8")
    out = tmp / "out"
    build_edition(root, out, AS_OF)
    return out


@pytest.fixture(scope="module")
def rapportage(built) -> PdfReader:
    return PdfReader(built / "staat-van-de-uitvoering-2024.pdf")


@pytest.fixture(scope="module")
def kamerbrief(built) -> PdfReader:
    return PdfReader(built / "kamerbrief-2024.pdf")


def link_descriptions(reader: PdfReader) -> list[str]:
    """What a screen reader says for each link (the annotations' /Contents)."""
    return [str(annot.get_object().get("/Contents", "")) for page in reader.pages
            for annot in page.get("/Annots", []) if annot.get_object()["/Subtype"] == "/Link"]


def test_a_link_to_a_stand_names_the_stand_not_a_chapter(rapportage):
    said = link_descriptions(rapportage)
    assert any(re.fullmatch(r"Stand van UWV, pagina \d+", s) for s in said), said
    assert any(re.fullmatch(r"Onderzoek: .+, pagina \d+", s) for s in said), said
    assert any(re.fullmatch(r"Hoofdstuk 2, pagina \d+", s) for s in said), said
    assert not [s for s in said if s.startswith("Hoofdstuk,")]


def actual_texts(reader: PdfReader, index: int) -> list[str]:
    """The /ActualText of the page's marked content: what a copy or a screen reader gets."""
    from pypdf.generic import ContentStream

    page = reader.pages[index]
    found = []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"BDC" and isinstance(operands[1], dict) and "/ActualText" in operands[1]:
            found.append(str(operands[1]["/ActualText"]))
    return found


def test_copying_the_contents_gives_no_invisible_characters(rapportage):
    toc = next(i for i, page in enumerate(rapportage.pages)
               if "Inhoudsopgave" in page.extract_text())
    assert "\u2060" not in rapportage.pages[toc].extract_text()
    # Typst writes the word joiner before a page number as the fill's /ActualText, which a
    # PDF viewer copies along (pypdf's extract_text leaves it out).
    assert not [t for t in actual_texts(rapportage, toc) if "\u2060" in t]


def test_betreft_over_two_lines_has_its_label_on_the_first(kamerbrief):
    lines = placed_lines(kamerbrief, 0)
    label_y = next(y for text, _, y in lines if text == "Betreft")
    value = [(text, y) for text, _, y in lines if text and LONG_BETREFT.startswith(text)
             and text != "Betreft"]
    assert value, lines
    first_line_y = max(y for _, y in value)
    assert label_y == pytest.approx(first_line_y, abs=0.5)
    datum_y = next(y for text, _, y in lines if text == "Datum")
    assert datum_y > label_y  # and the value does not run over two lines of the label's column


def test_sender_column_has_directie_and_visiting_address_above_the_postbus(kamerbrief):
    lines = placed_lines(kamerbrief, 0)
    order = [text for text, x, _ in sorted(lines, key=lambda t: -t[2]) if x > 400]
    wanted = ["Directie Werk aan Uitvoering", "Turfmarkt 147", "2511 DP Den Haag", "Postbus 20011"]
    assert [" ".join(t.split()) for t in order if " ".join(t.split()) in wanted] == wanted


def test_word_sender_column_has_the_same_lines(built):
    import docx

    letter = docx.Document(str(built / "kamerbrief-2024.docx"))
    column = [p.text for p in letter.paragraphs if p.style.name.startswith("Kamerbrief colofon")]
    assert column[:6] == [MINISTRY, "Directie Werk aan Uitvoering", "Turfmarkt 147",
                          "2511 DP  Den Haag", "Postbus 20011", "2500 EA  Den Haag"]


# --- line breaks ------------------------------------------------------------------------------

ACRONYMS = " ".join(["ICTU", "AFKORTINGEN", "CJIB", "BELASTINGDIENST", "DICTU", "TOESLAGEN",
                     "INSPECTIE", "UITVOERING"] * 4)
URL = "https://www.voorbeeld.nl/uitvoering-en-beleid/staat-van-de-uitvoering-2024/bijlage-standen"


def test_words_in_capitals_are_never_hyphenated():
    table = "\n".join(["| A | B | C | D | E | F |", "|---|---|---|---|---|---|",
                       "| " + " | ".join([ACRONYMS] * 6) + " |"])
    reader = render_markdown(f"# Kop\n\n{table}\n")
    text = " ".join(page.extract_text() for page in reader.pages)
    broken = re.findall(r"\b[A-Z]+[\u00ad-]\s*\n?\s*[A-Z]+\b", text)
    assert not broken
    assert text.count("BELASTINGDIENST") == 24


def test_a_url_breaks_at_a_slash_never_at_its_own_hyphen():
    table = "\n".join(["| A | B | C |", "|---|---|---|",
                       f"| <{URL}> | <{URL}> | <{URL}> |"])
    reader = render_markdown(f"# Kop\n\n{table}\n")
    pieces = [text for text, _, _ in placed_lines(reader, 2) if "voorbeeld" in text
              or "uitvoering" in text or "bijlage" in text or "standen" in text]
    assert pieces
    for piece in pieces:
        assert not piece.endswith(("-", "\u00ad")), pieces


def test_a_table_caption_never_ends_a_page_without_its_table():
    # Paragraphs of growing length push the captions down the page one line at a time, so
    # one of them lands on a page's last line.
    parts = ["# Tabellen", ""]
    for n in range(1, 25):
        parts += [" ".join(["Een zin over de uitvoering van beleid."] * (n * 3)), "",
                  "| Kolom{0} | Waarde |\n|---|---|\n| a | 1 |\n| b | 2 |\n| c | 3 |".format(n), "",
                  f": Tabel met nummer {n}", ""]
    reader = render_markdown("\n".join(parts))
    for page in reader.pages:
        text = page.extract_text()
        for n in re.findall(r"Tabel met nummer (\d+)", text):
            assert f"Kolom{n}" in text, f"caption of table {n} without its table"


def test_table_columns_follow_their_content() -> None:
    """Short columns are narrow and a long name gets the room to stay on one line; pandoc's
    fixed shares (from the pipe table's dashes) made 'Rijvaardigheidsbewijzen' run into the
    next column."""
    rows = [("Centraal Bureau Rijvaardigheidsbewijzen", "CBR", "IenW", "7 maart 2024", "2"),
            ("Belastingdienst", "–", "FIN", "25 april 2024", "3")]
    table = "\n".join([
        "| Organisatie | Afkorting | Departement | Gepubliceerd | Knelpunten |",
        "|-------------|-----------|-------------|--------------|-----------:|",
        *(f"| {' | '.join(row)} |" for row in rows), "", ": Standen {#tbl-standen}"])
    reader = render_markdown(f"# Overzicht\n\n{table}\n")
    index = next(i for i, page in enumerate(reader.pages) if "Rijvaardigheid" in page.extract_text())
    placed = placed_lines(reader, index)

    def where(word: str) -> tuple[float, float]:
        return next((x, y) for text, x, y in placed if word in text)

    assert where("Centraal")[1] == pytest.approx(where("Rijvaardigheidsbewijzen")[1])  # one line
    heads = [where(word)[0] for word in ("Organisatie", "Afkorting", "Departement", "Gepubliceerd")]
    organisatie, afkorting, departement, gepubliceerd = heads
    assert afkorting - organisatie > 2 * (gepubliceerd - departement)
    assert where("CBR")[0] >= afkorting - 1  # the name ends before the next column begins
