"""A definitief edition with "(naam)", "XXX" or "TODO" still in it: a warning, a failure with --strict."""

from __future__ import annotations

from pathlib import Path


def definitief(edition: Path) -> None:
    path = edition / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: concept", "status: definitief"),
                    encoding="utf-8")


def placeholder_lines(run, *args: str) -> list[str]:
    result = run("check", "2024", "--as-of", "2024-05-01", *args)
    return [line for line in result.stdout.splitlines() if "[placeholder]" in line]


def test_the_signer_left_as_naam_is_named_with_its_line(edition: Path, run) -> None:
    definitief(edition)
    lines = placeholder_lines(run)
    assert lines == ["editions/2024/kamerbrief.md:7: warning: 'naam' still holds the placeholder "
                     "'(naam)', and this edition is definitief: fill in the real value [placeholder]"]


def test_strict_makes_it_a_failure(edition: Path, run) -> None:
    definitief(edition)
    assert run("check", "2024", "--as-of", "2024-05-01", "--strict").exit_code == 1
    letter = edition / "kamerbrief.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("naam: (naam)", "naam: C. de Vries"),
                      encoding="utf-8")
    result = run("check", "2024", "--as-of", "2024-05-01", "--strict")
    assert "[placeholder]" not in result.stdout


def test_a_concept_may_hold_placeholders(edition: Path, run) -> None:
    assert placeholder_lines(run) == []


def test_xxx_in_a_stand_field_and_kenmerk_in_the_text(edition: Path, run) -> None:
    definitief(edition)
    stand = edition / "standen" / "svb.md"
    stand.write_text(stand.read_text(encoding="utf-8").replace(
        "titel: De AOW-regels zijn lastig uit te leggen", "titel: XXX nog invullen"), encoding="utf-8")
    letter = edition / "kamerbrief.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nOns kenmerk is (kenmerk).\n",
                      encoding="utf-8")
    lines = placeholder_lines(run)
    assert any(line.startswith("editions/2024/standen/svb.md:9: warning: 'knelpunten.0.titel' "
                               "still holds the placeholder 'XXX'") for line in lines), lines
    assert any("kamerbrief.md:" in line and "'(kenmerk)' is still in the text" in line
               for line in lines), lines


def test_the_samples_have_no_placeholders(run, monkeypatch) -> None:
    from helpers import REPO

    monkeypatch.chdir(REPO)
    for year in ("2022", "2023", "2024"):
        result = run("check", year, "--as-of", "2024-05-01")
        assert "[placeholder]" not in result.stdout, result.stdout
