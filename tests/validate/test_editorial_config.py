"""`checks:` in edition.yaml switches each editorial check; CI sees each as an annotation."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import png
from helpers.editorial import chapter, found, problems, set_config
from staatc.validate.editorial import CHECKS, spelling

ED = "editions/2024/edition.yaml"  # tests/roots/minimal's edition.yaml has 22 lines
LINK = "Tekst.\n\nZie [klik hier](https://www.uwv.nl/).\n"


def test_a_check_reports_at_its_own_severity_by_default(edition: Path, run) -> None:
    path = chapter(edition, "03-links.md", LINK)
    assert found(run, "link-text") == [(path, 9, "warning")]
    assert problems(run)[0] == 0
    assert run("check", "2024", "--as-of", "2024-05-01", "--strict").exit_code == 1


def test_off_silences_a_check(edition: Path, run) -> None:
    chapter(edition, "03-links.md", LINK)
    set_config(edition, "checks:\n  link-text: off\n")
    assert problems(run) == (0, [])


def test_error_makes_it_fail(edition: Path, run) -> None:
    path = chapter(edition, "03-links.md", LINK)
    set_config(edition, "checks:\n  link-text: error\n")
    code, items = problems(run)
    assert code == 1
    assert [(p["file"], p["line"], p["severity"]) for p in items] == [(path, 9, "error")]


def test_warning_softens_an_error(edition: Path, run) -> None:
    chapter(edition, "03-noot.md", "TODO: af maken.\n", status="final")
    assert found(run, "todo-marker")[0][2] == "error"
    set_config(edition, "checks:\n  todo-marker: warning\n")
    assert found(run, "todo-marker")[0][2] == "warning"
    assert problems(run)[0] == 0


def test_unknown_code_is_an_error_at_its_line(edition: Path, run) -> None:
    set_config(edition, "checks:\n  link-text: warning\n  linktekst: off\n")
    code, items = problems(run)
    assert code == 1
    [problem] = items
    assert (problem["file"], problem["line"], problem["code"]) == (ED, 25, "unknown-check")
    assert "'linktekst' is not a check" in problem["message"] and "link-text" in problem["message"]


def test_on_is_not_a_level(edition: Path, run) -> None:
    set_config(edition, "checks:\n  spelling: on\n")
    code, items = problems(run)
    assert code == 1
    assert [(p["line"], p["code"]) for p in items] == [(24, "invalid-value")]
    assert "may not be 'on'" in items[0]["message"] and "'warning'" in items[0]["message"]


def test_readability_settings_are_checked(edition: Path, run) -> None:
    set_config(edition, "readability:\n  minimum: hoog\n  zinslengte: 20\n")
    code, items = problems(run)
    assert code == 1
    assert sorted((p["line"], p["code"]) for p in items) == [(24, "invalid-value"), (25, "unknown-key")]


# A draft with one problem of each kind; the comment gives each problem's file line.
DRAFT = """\
### Te diepe kop
Dit jaar verschenen 3 Standen.
Zie [klik hier](https://www.uwv.nl/) en [hoofdstuk 2](hoofdstuk:02-complexiteitsreductie).

![grafiek.png](images/grafiek.png)

|   |   |
|---|---|
| UWV | 2 |

TODO: de uitvoerring nakijken.

{hard}

# Slot
"""
HARD = ("De implementatie van geharmoniseerde begripsdefinities vereist intensieve interdepartementale "
        "afstemming tussen beleidsverantwoordelijke directies en uitvoeringsorganisaties, waarbij "
        "consequenties voor informatievoorziening, gegevensuitwisseling en dienstverlening "
        "zorgvuldig geïnventariseerd en gedocumenteerd moeten worden door verantwoordelijke functionarissen.")
EXPECTED = {  # code → (line, severity)
    "readability": (2, "warning"),  # the chapter's title line
    "heading-skip": (7, "warning"),  # ### while the text's top level is #
    "typed-count": (8, "warning"),
    "link-text": (9, "warning"),
    "final-cites-concept": (9, "warning"),
    "typed-chapter": (9, "warning"),  # 'hoofdstuk 2' typed in the link text
    "alt-text": (11, "warning"),
    "table-header": (13, "warning"),
    "todo-marker": (17, "error"),
    "spelling": (17, "warning"),
    "long-sentence": (19, "warning"),
}


def test_every_kind_of_problem_becomes_a_github_annotation(edition: Path, run, monkeypatch) -> None:
    monkeypatch.setattr(spelling, "load_speller", lambda: (lambda w: w != "uitvoerring", None))
    (edition / "images").mkdir()
    (edition / "images" / "grafiek.png").write_bytes(png())
    set_config(edition, "checks:\n  spelling: warning\n")
    path = chapter(edition, "03-draft.md", DRAFT.format(hard=HARD + " " + HARD), status="final")
    assert set(EXPECTED) == {c.code for c in CHECKS}
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "github", "--strict")
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if path in line]
    for code, (line, severity) in EXPECTED.items():
        expected = f"::{severity} file={path},line={line},title={code}::"
        assert any(a.startswith(expected) for a in annotations), (expected, annotations)
    assert len(annotations) == len(EXPECTED)


@pytest.mark.parametrize("level", ["off", "warning", "error"])
def test_every_code_can_be_set(level: str, edition: Path, run) -> None:
    lines = "".join(f"  {c.code}: {level}\n" for c in CHECKS if c.code != "spelling")
    set_config(edition, "checks:\n" + lines)
    assert problems(run) == (0, [])


def test_editorial_errors_do_not_block_diff_or_milestones(edition: Path, run) -> None:
    chapter(edition, "03-noot.md", "TODO: af maken.\n", status="final")
    assert problems(run)[0] == 1  # check fails on the note in a final chapter
    assert run("diff", "editions/2024", "editions/2024").exit_code == 0
    milestones = run("milestones", "2024", "--as-of", "2024-05-01")
    assert "todo-marker" not in milestones.output and "Fix them first" not in milestones.output
