"""Links in every form pandoc reads are checked: reference style, autolinks, text over lines.

Before the Markdown tree these passed `check` and `build` wrote the file: or javascript:
link into both Word and PDF. Internal #anchors must point at an id the report has.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CH2 = "chapters/02-complexiteitsreductie.md"


def plant(edition: Path, text: str) -> None:
    """Replace line 8 of chapter 2 ('De oproep blijft staan.') by `text`."""
    path = edition / CH2
    source = path.read_text(encoding="utf-8")
    assert "De oproep blijft staan." in source
    path.write_text(source.replace("De oproep blijft staan.", text, 1), encoding="utf-8")


def problems(run) -> list[dict]:
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    return json.loads(result.stdout)["problems"]


HOSTILE = {
    "reference": "Zie [de lijst][j].\n\n[j]: file:///etc/passwd",
    "collapsed-reference": "Zie [de lijst][].\n\n[de lijst]: javascript:alert(1)",
    "shortcut-reference": "Zie [de lijst].\n\n[De Lijst]: file:///etc/passwd",
    "autolink": "Zie <file:///etc/passwd> hier.",
    "text-over-two-lines": "Zie [de\nlijst](file:///etc/passwd).",
    "title-over-two-lines": 'Zie [de lijst](javascript:alert(1) "een\ntitel").',
    "angle-brackets": "Zie [de lijst](<file:///etc/passwd>).",
    "image-reference": "![Geheim][g]\n\n[g]: file:///etc/passwd",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_non_web_link_in_any_form_is_refused_at_its_line(text: str, edition: Path, run) -> None:
    plant(edition, text)
    found = [p for p in problems(run) if p["file"] == f"editions/2024/{CH2}"
             and p["code"] in ("link-target", "image-outside")]
    assert found, problems(run)
    assert found[0]["line"] == 8 and found[0]["severity"] == "error"


def test_build_refuses_a_reference_style_file_link(edition: Path, run) -> None:
    plant(edition, HOSTILE["reference"])
    result = run("build", "2024", "--out", "out", "--format", "docx", "--as-of", "2024-05-01")
    assert result.exit_code == 1, result.output
    assert "02-complexiteitsreductie.md:8: error: link 'file:///etc/passwd'" in result.output
    assert not list(Path("out").glob("**/*.docx"))


def test_code_is_no_link(edition: Path, run) -> None:
    plant(edition, "`[x](file:///etc/passwd)` en\n\n````\n```\n[y](file:///a)\n```\n````")
    assert not [p for p in problems(run) if p["code"] == "link-target"]


def test_anchor_that_no_heading_has_is_an_error(edition: Path, run) -> None:
    plant(edition, "Zie [hoofdstuk 2](#sec-bestaat-niet).")
    found = [p for p in problems(run) if p["code"] == "broken-anchor"]
    assert len(found) == 1, found
    assert found[0]["file"] == f"editions/2024/{CH2}" and found[0]["line"] == 8
    assert found[0]["severity"] == "error"
    assert "hoofdstuk:" in found[0]["message"]


@pytest.mark.parametrize("target", ["#sec-waarom", "#hoofdstuk-01-inleiding", "#stand-uwv",
                                    "#overzicht-standen", "#onderzoek-tias-stapeling"])
def test_anchor_the_report_has_is_fine(target: str, edition: Path, run) -> None:
    plant(edition, f"Zie [daar]({target}).")
    assert not [p for p in problems(run) if p["code"] == "broken-anchor"]


def test_anchor_to_an_automatic_heading_id_is_fine(edition: Path, run) -> None:
    plant(edition, "Zie [de aanpak](#de-aanpak-in-2024).\n\n## De aanpak in 2024\n\nTekst.")
    assert not [p for p in problems(run) if p["code"] == "broken-anchor"]
