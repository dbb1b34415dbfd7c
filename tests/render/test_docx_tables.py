"""Word tables: columns as wide as their content, so no word is broken without a hyphen."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from docx import Document as open_docx

from staatc.render import Document, DocumentMeta, DocxRenderer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
TEXT_WIDTH = 11906 - 2 * 1417  # A4 between the reference document's margins, in twips
LONG_WORDS = ("Rijvaardigheidsbewijzen", "Onderhoudsbijdragen", "Werknemersverzekeringen")
MARKDOWN = """# Overzicht {#overzicht}

| Organisatie | Afkorting | Departement | Gepubliceerd | Knelpunten |
|:------------|:----------|:------------|:-------------|-----------:|
| Centraal Bureau Rijvaardigheidsbewijzen | CBR | IenW | 7 maart 2024 | 2 |
| Landelijk Bureau Inning Onderhoudsbijdragen | LBIO | JenV | 25 januari 2024 | 2 |
| Uitvoeringsinstituut Werknemersverzekeringen | UWV | SZW | 15 april 2024 | 3 |

: De Standen {#tbl-standen}
"""


@pytest.fixture(scope="module")
def rendered() -> bytes:
    meta = DocumentMeta(title="Tabellen", subtitle=None, publisher="BZK", date=date(2024, 9, 9))
    return DocxRenderer().render(Document(meta=meta, markdown=MARKDOWN))


def widths(table) -> list[int]:
    return [int(c.get(f"{W}w")) for c in table._tbl.findall("w:tblGrid/w:gridCol", NS)]


def test_columns_follow_their_content(rendered):
    table = open_docx(io.BytesIO(rendered)).tables[0]
    grid = widths(table)
    organisatie, afkorting, departement, gepubliceerd, knelpunten = grid
    assert sum(grid) == TEXT_WIDTH  # the table spans the text, as the house style has it
    assert organisatie > gepubliceerd > max(afkorting, departement, knelpunten)
    # The longest word fits: any sans-serif letter is at least half an em (8 pt in tables).
    assert organisatie >= len("Werknemersverzekeringen") * 0.5 * 8 * 20
    assert gepubliceerd >= len("januari") * 0.5 * 8 * 20
    # Every cell says the same width as its grid column (Word and LibreOffice read either).
    for row in table.rows:
        cells = [int(tc.find("w:tcPr/w:tcW", NS).get(f"{W}w")) for tc in row._tr.findall("w:tc", NS)]
        assert cells == grid


def test_hyphenation_is_on_but_not_for_capitals(rendered):
    settings = zipfile.ZipFile(io.BytesIO(rendered)).read("word/settings.xml")
    assert b"<w:autoHyphenation/>" in settings
    assert b"<w:doNotHyphenateCaps/>" in settings  # "IC-TU", "UWV" stay whole


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_word_processor_breaks_no_word_in_a_cell(rendered, tmp_path):
    """Laid out by LibreOffice (as a reader opens it), every long name stays one word."""
    from pypdf import PdfReader

    source = tmp_path / "tabellen.docx"
    source.write_bytes(rendered)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, check=True, timeout=180)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "tabellen.pdf").pages)
    words = set(text.split())
    for word in LONG_WORDS:
        assert word in words
