"""`staatc new`: the next edition, scaffolded from the one before it, passes `staatc check`."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml

from helpers import REPO
from staatc.load.edition import load_edition, split_front_matter


def front(path: Path) -> dict:
    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8"), path)[0])


def test_new_edition_from_the_previous_one_checks_clean(edition, run) -> None:
    result = run("new", "2025")
    assert result.exit_code == 0, result.output
    assert "Wrote: editions/2025 from editions/2024" in result.stdout
    new = edition.parent / "2025"
    old_config, new_config = (yaml.safe_load((e / "edition.yaml").read_text()) for e in (edition, new))
    assert new_config["edition"] == 2025 and new_config["status"] == "concept"
    assert new_config["title"] == "Staat van de Uitvoering 2025"
    assert new_config["themes"] == old_config["themes"]
    assert [(m["id"], m["date"]) for m in new_config["milestones"]] == [
        (m["id"], m["date"].replace(year=2025)) for m in old_config["milestones"]]
    assert "confirm each one" in (new / "edition.yaml").read_text()

    old_chapters = sorted((edition / "chapters").glob("*.md"))
    assert [p.name for p in sorted((new / "chapters").glob("*.md"))] == [p.name for p in old_chapters]
    for old in old_chapters:
        before, after = front(old), front(new / "chapters" / old.name)
        assert after["status"] == "concept"
        assert (after["title"], after["owner"]) == (before["title"], before["owner"])
        assert after["deadline"] == before["deadline"].replace(year=2025)
    assert front(new / "kamerbrief.md")["betreft"] == "Aanbieding Staat van de Uitvoering 2025"
    for folder in ("standen", "onderzoeken"):
        (example,) = (new / folder).glob("*.md")
        assert "illustratief" in example.read_text(encoding="utf-8")

    checked = run("check", "2025", "--as-of", "2025-01-15")
    assert checked.exit_code == 0, checked.output
    assert checked.stdout.strip() == ""  # not a single problem
    assert run("check", "2025").exit_code == 0  # later in the year: warnings at most


def test_the_sample_series_goes_on_into_a_new_year(tmp_path, monkeypatch, run) -> None:
    shutil.copytree(REPO / "editions", tmp_path / "editions")
    monkeypatch.chdir(tmp_path)
    assert run("new", "2025", "--from", "2024").exit_code == 0
    checked = run("check", "2025", "--as-of", "2025-02-01")
    assert checked.exit_code == 0 and checked.stdout.strip() == "", checked.output
    new, _ = load_edition(tmp_path / "editions" / "2025")
    assert new.config.vorige == 2024 and [o.id for o in new.config.oproepen][:1] == ["complexiteitsreductie"]
    # The outline keeps the headings (and their ids), not last year's text.
    body = (tmp_path / "editions/2025/chapters/01-inleiding.md").read_text(encoding="utf-8")
    assert "## Waarom een Staat van de Uitvoering {#sec-waarom}" in body
    assert "illustratief voorbeeld" not in body and "TODO: schrijf dit hoofdstuk" in body


def test_an_existing_edition_is_never_overwritten(edition, run) -> None:
    assert run("new", "2025").exit_code == 0
    kept = edition.parent / "2025" / "chapters" / "01-inleiding.md"
    kept.write_text("mijn werk", encoding="utf-8")
    again = run("new", "2025")
    assert again.exit_code == 1
    assert "there is already an edition 2025" in again.stderr and "[new-edition]" in again.stderr
    assert kept.read_text(encoding="utf-8") == "mijn werk"
    too_early = run("new", "2023", "--from", "2024")
    assert too_early.exit_code == 1 and "must come after 2024" in too_early.stderr
    assert not (edition.parent / "2023").exists()
    short = run("new", "25")
    assert short.exit_code == 1 and "give four digits, e.g. 2025" in short.stderr


def test_a_date_moved_into_a_weekend_says_so(edition, run) -> None:
    config = edition / "edition.yaml"
    config.write_text(config.read_text().replace("2024-06-20", "2024-06-21"))  # 2025-06-21: a Saturday
    assert run("new", "2025").exit_code == 0
    text = (edition.parent / "2025" / "edition.yaml").read_text()
    assert "date: 2025-06-21  # a saturday: choose a working day" in text


def test_without_an_edition_a_minimal_skeleton(tmp_path, monkeypatch, run) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new", "2026")
    assert result.exit_code == 0 and "minimal skeleton" in result.stdout, result.output
    checked = run("check", "2026", "--as-of", "2026-01-05")
    assert checked.exit_code == 0 and checked.stdout.strip() == "", checked.output
    new, _ = load_edition(tmp_path / "editions" / "2026")
    assert new.aanbieding().date == date(2026, 9, 9) and new.config.status == "concept"
