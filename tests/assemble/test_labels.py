"""Chapter numbers and cross references without text, as a reader reads them.

The numbers are the chapters' places in file order (01-, 03-, 10- read 1, 2, 3), and
`[](hoofdstuk:…)` writes "hoofdstuk N" (capitalised where a sentence, cell or item starts).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pypandoc
import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from helpers.editorial import chapter
from staatc.assemble.rapportage import assemble
from staatc.validate.check import check_edition

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The reference to the last chapter, in every place a reader meets one.
TEXT = """\
Zie [](hoofdstuk:10-slot) voor de afloop.

[](hoofdstuk:10-slot) gaat over de afloop. Zo ook
[](hoofdstuk:10-slot), op een nieuwe regel midden in de zin. Het eind.
[](hoofdstuk:10-slot) opent hier een zin.

- [](hoofdstuk:10-slot) in een lijst
> [](hoofdstuk:10-slot) in een citaat

| Hoofdstuk | Over |
|---|---|
| [](hoofdstuk:10-slot) | de afloop. [](hoofdstuk:02-complexiteitsreductie) ook |

: De hoofdstukken {#tbl-h}

Lees [](stand:uwv) en [](onderzoek:tias-stapeling).
"""


def _plain(markdown: str) -> str:
    out = pypandoc.convert_text(markdown, "plain", format="markdown",
                                extra_args=["--sandbox", "--wrap=none"])
    return " ".join(out.split())


@pytest.fixture
def gaps(edition: Path) -> Path:
    """Chapters 01-, 02- and 10-: hoofdstuk 1, 2 and 3."""
    chapter(edition, "10-slot.md", "De afloop.\n", title="Slot")
    chapter(edition, "04-lezen.md", TEXT, title="Lezen")
    return edition


def test_empty_references_read_as_the_chapters_number(gaps: Path) -> None:
    text = _plain(assemble(check_edition(gaps, date(2024, 5, 1))).markdown)
    assert "Zie hoofdstuk 4 voor de afloop." in text  # 01, 02, 04, 10: the slot is number 4
    assert "Hoofdstuk 4 gaat over de afloop. Zo ook hoofdstuk 4, op een nieuwe regel" in text
    assert "Het eind. Hoofdstuk 4 opent hier een zin." in text
    assert "- Hoofdstuk 4 in een lijst" in text and "Hoofdstuk 4 in een citaat" in text
    assert "Hoofdstuk 4 de afloop. Hoofdstuk 2 ook" in text
    assert "Lees Uitvoeringsinstituut Werknemersverzekeringen (UWV) en Stapeling van beleid in de uitvoering." in text
    assert "[](" not in text


def test_a_removed_chapter_moves_the_numbers_along(gaps: Path) -> None:
    (gaps / "chapters" / "02-complexiteitsreductie.md").unlink()
    (gaps / "chapters" / "04-lezen.md").write_text(
        (gaps / "chapters" / "04-lezen.md").read_text(encoding="utf-8")
        .replace(" [](hoofdstuk:02-complexiteitsreductie) ook", ""), encoding="utf-8")
    (gaps / "chapters" / "01-inleiding.md").write_text(
        (gaps / "chapters" / "01-inleiding.md").read_text(encoding="utf-8")
        .replace("Zie ook [](hoofdstuk:02-complexiteitsreductie).", ""), encoding="utf-8")
    text = _plain(assemble(check_edition(gaps, date(2024, 5, 1))).markdown)
    assert "Zie hoofdstuk 3 voor de afloop." in text


@pytest.mark.slow  # renders Word and PDF
def test_word_and_pdf_number_the_chapters_in_headings_contents_and_bookmarks(gaps: Path) -> None:
    from staatc.render import DocxRenderer, PdfRenderer

    document = assemble(check_edition(gaps, date(2024, 5, 1)))
    expected = ["1\u2002Inleiding", "2\u2002Deel 1: Complexiteitsreductie", "3\u2002Lezen",
                "4\u2002Slot"]
    word = open_docx(io.BytesIO(docx := DocxRenderer().render(document)))
    h1 = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert h1[:4] == expected and h1[4] == "Knelpunten per thema"  # generated parts: no number
    toc = word.element.body.find(f"{W}sdt")  # Word's own contents: one entry per heading
    entries = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in toc.iter(f"{W}p")
               if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "TOC1"]
    assert entries[:5] == [*expected, "Knelpunten per thema"]
    read_back = " ".join(pypandoc.convert_text(docx, "plain", format="docx",
                                               extra_args=["--wrap=none"]).split())
    assert "Zie hoofdstuk 4 voor de afloop." in read_back
    reader = PdfReader(io.BytesIO(PdfRenderer().render(document)))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:5] == [*expected, "Knelpunten per thema"]
    # The contents: a chapter with a Deel starts where one without it does.
    starts: dict[str, float] = {}

    def visit(text, cm, tm, _font, _size):
        starts.setdefault(" ".join(text.split()), tm[4] * cm[0] + cm[4])

    reader.pages[1].extract_text(visitor_text=visit)
    lines = {t.split(" ")[0]: x for t, x in starts.items() if t[:1].isdigit()}
    assert lines["1"] == pytest.approx(lines["2"]) == pytest.approx(lines["3"])
    assert lines["1"] == pytest.approx(starts["Knelpunten per thema"])
    assert "Zie hoofdstuk 4 voor de afloop." in " ".join(
        " ".join(page.extract_text() for page in reader.pages).split())
