"""Assemble: the whole rapportage as one Markdown document, before any rendering."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypandoc

from helpers.files import elements
import pytest

from staatc.assemble.rapportage import CHART_PATH, assemble, escape, prepare_body
from staatc.validate.check import check_edition


@pytest.fixture
def document(edition: Path):
    return assemble(check_edition(edition, date(2024, 5, 1)), charts=True)


def _ast_text(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "plain", format="markdown", extra_args=["--sandbox", "--wrap=none"])


def test_chapters_in_order_with_anchors(document) -> None:
    md = document.markdown
    first = md.index('# Inleiding {#hoofdstuk-01-inleiding nummer="1" naam="Hoofdstuk 1"}')
    second = md.index('# Complexiteitsreductie {#hoofdstuk-02-complexiteitsreductie nummer="2" deel="1"'
                      ' naam="Hoofdstuk 2"}')
    assert first < second < md.index("# Knelpunten per thema") < md.index("# Onderzoeken") < md.index("# Overzicht van de Standen")


def test_chapter_headings_sit_below_the_title(document) -> None:
    assert "\n## Waarom deze Staat {#sec-waarom}" in document.markdown


def test_references_become_internal_links(document) -> None:
    md = document.markdown
    assert "[de Stand van UWV](#stand-uwv)" in md
    assert "[het onderzoek](#onderzoek-tias-stapeling)" in md
    assert "[hoofdstuk 2](#hoofdstuk-02-complexiteitsreductie)" in md
    assert '{#stand-uwv naam="Stand van UWV"}' in md
    assert '{#onderzoek-tias-stapeling naam="Onderzoek: ' in md


def test_expressions_are_rendered(document) -> None:
    assert "Dit jaar verschenen 2 Standen met\n3 knelpunten." in document.markdown


def test_footnotes_are_unique_per_file(document) -> None:
    assert "[^h01-1]" in document.markdown and "[^1]" not in document.markdown


def test_standen_table_sorted_with_dutch_dates(document) -> None:
    md = document.markdown
    assert md.index("| [Sociale Verzekeringsbank](#stand-svb)") < md.index("| [Uitvoeringsinstituut Werknemersverzekeringen](#stand-uwv)")
    assert "15 april 2024 | 2 |" in md and "1 maart 2024 | 1 |" in md


def test_knelpunten_per_theme_and_chart(document) -> None:
    md = document.markdown
    assert "| Complexiteit van wet\\- en regelgeving | 2 |" in md
    assert "| Gegevensuitwisseling | 1 |" in md
    chart = document.charts[CHART_PATH]
    assert list(zip(chart.categories, chart.series[0].values)) == [
        ("Complexiteit van wet- en regelgeving", 2), ("Gegevensuitwisseling", 1)]
    alt = _image_alt(md)
    assert alt.endswith("Complexiteit van wet- en regelgeving: 2; Gegevensuitwisseling: 1.")


def _image_alt(markdown: str) -> str:
    import json

    ast = json.loads(pypandoc.convert_text(markdown, "json", format="markdown", extra_args=["--sandbox"]))
    found = [pypandoc.convert_text(
        json.dumps({**ast, "blocks": [{"t": "Plain", "c": node["c"][1]}]}), "plain",
        format="json", extra_args=["--wrap=none"]).strip()
        for node in elements(ast["blocks"], ("Image",))]
    assert len(found) == 1
    return found[0]


def test_meta(document) -> None:
    assert document.meta.title == "Staat van de Uitvoering 2024"
    assert document.meta.date == date(2024, 9, 9)
    assert document.meta.concept is True
    assert document.meta.lang == "nl-NL"


def test_escape_keeps_data_literal() -> None:
    nasty = "#set text(red) *vet* [link](x) <b> $x$ @ref \\ | a"
    assert _ast_text(escape(nasty)).strip() == nasty


def test_sections_land_below_the_title_whatever_level_they_start_at() -> None:
    assert prepare_body("## A\n\n### B", "p", 2) == "## A\n\n### B"
    assert prepare_body("# A\n\n## B", "p", 2) == "## A\n\n### B"
    assert prepare_body("# A\n\n## B", "p", 3) == "### A\n\n#### B"


def test_prepare_body_leaves_code_alone() -> None:
    text = "# Kop\n\n```\n# geen kop [^1] (stand:uwv)\n```\nZie [x](stand:uwv).[^1]"
    out = prepare_body(text, "p", 2)
    assert out.startswith("## Kop")
    assert "# geen kop [^1] (stand:uwv)" in out
    assert "[x](#stand-uwv).[^p-1]" in out
