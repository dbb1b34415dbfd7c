"""The back matter: a generated list of afkortingen and a colofon with the peildatum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx

from staatc.assemble.rapportage import assemble
from staatc.commands.build import build_edition
from staatc.validate.check import check_edition

AS_OF = date(2024, 5, 1)


def set_config(edition: Path, old: str, new: str) -> None:
    path = edition / "edition.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_afkortingen_write_out_standen_and_ministries(edition: Path) -> None:
    md = assemble(check_edition(edition, AS_OF)).markdown
    section = md[md.index("# Afkortingen"):md.index("# Colofon")]
    assert "| SVB | Sociale Verzekeringsbank |" in section
    assert "| SZW | Ministerie van Sociale Zaken en Werkgelegenheid |" in section
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    assert rows[1:] == sorted(rows[1:], key=str.casefold)  # after the header row


def test_an_afkorting_equal_to_the_name_is_not_listed(edition: Path) -> None:
    stand = edition / "standen" / "svb.md"
    stand.write_text(stand.read_text(encoding="utf-8").replace(
        "organisatie: Sociale Verzekeringsbank\nafkorting: SVB",
        "organisatie: Kadaster\nafkorting: Kadaster"), encoding="utf-8")
    md = assemble(check_edition(edition, AS_OF)).markdown
    assert "| Kadaster |" not in md[md.index("# Afkortingen"):]


def test_colofon_has_publisher_peildatum_status_and_no_note_for_a_real_edition(edition: Path) -> None:
    md = assemble(check_edition(edition, AS_OF)).markdown
    colofon = md[md.index("# Colofon"):]
    assert "Peildatum: 1 mei 2024" in colofon
    assert "Status: concept (niet voor publicatie)" in colofon
    assert "Dit is een uitgave van het Ministerie van" in colofon
    assert "illustratief" not in colofon


def test_a_sample_edition_says_it_is_illustrative(edition: Path) -> None:
    set_config(edition, "peildatum:", "illustratief: true\npeildatum:")
    colofon = assemble(check_edition(edition, AS_OF)).markdown.split("# Colofon")[1]
    assert "illustratief voorbeeld" in colofon and "geen officiële gegevens" in colofon


@pytest.mark.slow  # a Word build
def test_word_reader_finds_both_as_headings_with_the_table(edition: Path, tmp_path: Path) -> None:
    build_edition(edition, tmp_path / "out", AS_OF, formats=("docx",))
    word = open_docx(str(tmp_path / "out" / "staat-van-de-uitvoering-2024.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings[-2:] == ["Afkortingen", "Colofon"]
    table = word.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Afkorting", "Betekenis"]
    assert ["SVB", "Sociale Verzekeringsbank"] in [[c.text for c in r.cells] for r in table.rows]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Peildatum: 1 mei 2024" in text
