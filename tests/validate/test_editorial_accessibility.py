"""Toegankelijkheid: heading levels, alt text, table headers and link text, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.editorial import chapter, found, messages

PNG = b"\x89PNG\r\n\x1a\n"


def test_heading_that_skips_a_level(edition: Path, run) -> None:
    path = chapter(edition, "03-koppen.md", "# Eén\n\nTekst.\n\n## Twee\n\nTekst.\n\n#### Vier\n\nTekst.\n")
    assert found(run, "heading-skip") == [(path, 15, "warning")]
    assert "after a level-2 heading (##)" in messages(run, "heading-skip")[0]
    assert "make it ###" in messages(run, "heading-skip")[0]


def test_headings_that_go_down_one_level_at_a_time(edition: Path, run) -> None:
    chapter(edition, "03-koppen.md", "# Eén\n\n## Twee\n\n### Drie\n\n# Eén\n\n## Twee\n\n```\n#### geen kop in code\n```\n")
    assert found(run, "heading-skip") == []


def test_text_may_start_at_any_level_but_not_skip_to_it(edition: Path, run) -> None:
    # The assembler moves headings so the highest sits below the chapter title.
    chapter(edition, "03-koppen.md", "### Drie\n\nTekst.\n\n#### Vier\n")
    assert found(run, "heading-skip") == []
    path = chapter(edition, "03-koppen.md", "### Drie\n\nTekst.\n\n# Eén\n")
    assert found(run, "heading-skip") == [(path, 7, "warning")]


@pytest.mark.parametrize("alt", ["grafiek.png", "grafiek", "images/grafiek.png", "Afbeelding", "figuur"])
def test_alt_text_that_says_nothing(alt: str, edition: Path, run) -> None:
    (edition / "images").mkdir()
    (edition / "images" / "grafiek.png").write_bytes(PNG)
    path = chapter(edition, "03-beeld.md", f"Tekst.\n\n![{alt}](images/grafiek.png)\n")
    assert found(run, "alt-text") == [(path, 9, "warning")]


def test_alt_text_that_describes_the_image(edition: Path, run) -> None:
    (edition / "images").mkdir()
    (edition / "images" / "grafiek.png").write_bytes(PNG)
    chapter(edition, "03-beeld.md",
            "![Grafiek: knelpunten per thema](images/grafiek.png)\n\n"
            '![grafiek.png](images/grafiek.png){alt="Staafdiagram van de knelpunten per thema"}\n')
    assert found(run, "alt-text") == []
    assert found(run, "image-alt") == []


def test_missing_alt_text_stays_the_format_error(edition: Path, run) -> None:
    (edition / "images").mkdir()
    (edition / "images" / "grafiek.png").write_bytes(PNG)
    path = chapter(edition, "03-beeld.md", "![](images/grafiek.png)\n")
    assert found(run, "image-alt") == [(path, 7, "error")]
    assert found(run, "alt-text") == []


@pytest.mark.parametrize("table", [
    "|   |   |\n|---|---|\n| UWV | 2 |\n",  # pipe table with empty header cells
    "Tekst.\n\n|---|---|\n| UWV | 2 |\n",  # separator on the first line
    "+-----+---+\n| UWV | 2 |\n+-----+---+\n",  # grid table without +===+
])
def test_table_without_a_header_row(table: str, edition: Path, run) -> None:
    path = chapter(edition, "03-tabel.md", table)
    line = 7 if not table.startswith("Tekst") else 9
    assert found(run, "table-header") == [(path, line, "warning")]


@pytest.mark.parametrize("table", [
    "| Organisatie | Knelpunten |\n|---|---:|\n| UWV | 2 |\n",
    "Organisatie | Knelpunten\n---|---\nUWV | 2\n",
    "+-----+---+\n| Org | N |\n+=====+===+\n| UWV | 2 |\n+-----+---+\n",
])
def test_table_with_a_header_row(table: str, edition: Path, run) -> None:
    chapter(edition, "03-tabel.md", table)
    assert found(run, "table-header") == []


@pytest.mark.parametrize("text", ["klik hier", "Hier", "lees meer", "*Lees meer*", "https://www.uwv.nl/"])
def test_link_text_that_says_nothing(text: str, edition: Path, run) -> None:
    path = chapter(edition, "03-links.md", f"Tekst.\n\nZie [{text}](https://www.uwv.nl/).\n")
    assert found(run, "link-text") == [(path, 9, "warning")]


def test_link_text_that_says_where_it_goes(edition: Path, run) -> None:
    chapter(edition, "03-links.md",
            "Lees [het jaarverslag van UWV](https://www.uwv.nl/) en [de Stand van UWV](stand:uwv).\n"
            "Het adres is <https://www.uwv.nl/>. Hier staat meer.\n")
    assert found(run, "link-text") == []


def test_checks_read_standen_and_the_kamerbrief_too(edition: Path, run) -> None:
    uwv = edition / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text(encoding="utf-8") + "Zie [hier](https://www.uwv.nl/).\n", encoding="utf-8")
    assert found(run, "link-text") == [("editions/2024/standen/uwv.md", 14, "warning")]
