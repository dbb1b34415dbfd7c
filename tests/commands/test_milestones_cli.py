"""`staatc milestones` and `staatc check` as an editor runs them, on fixed --as-of dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from helpers import copy_root


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    # The table wraps to the terminal; a wide one keeps each row on one line for the asserts.
    monkeypatch.setenv("COLUMNS", "200")


def set_status(edition: Path, rel: str, old: str, new: str) -> None:
    path = edition / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def row(output: str, *words: str) -> str:
    """The one line of the output that holds all these words."""
    lines = [line for line in output.splitlines() if all(w in line for w in words)]
    assert len(lines) == 1, f"{words} in {lines!r}\n{output}"
    return lines[0]


def block(output: str, *words: str) -> str:
    """The one milestone of the table (its lines up to the next blank one) that holds these words."""
    import re

    blocks = [b for b in re.split(r"\n\s*\n", output) if all(w in b for w in words)]
    assert len(blocks) == 1, f"{words} in {blocks!r}\n{output}"
    return blocks[0]


def test_nine_days_before_the_duidingssessie(edition, run) -> None:
    result = run("milestones", "2024", "--as-of", "2024-06-11")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "milestones as of 11 June 2024" in out
    assert "(passed)" in block(out, "25 April 2024", "Reflectiesessie")
    duiding = block(out, "20 June 2024", "Duidingssessie met bestuurders")
    assert "(in 9 days)" in duiding and "gate review: not yet" in duiding
    assert "blocked by 02-complexiteitsreductie (concept, Team Staat)" in duiding
    assert "01-inleiding" not in duiding  # 'review' meets this gate
    assert "(in 90 days)" in block(out, "9 September 2024", "Aanbieding")
    assert "MISSED" not in out
    late = row(out, "01-inleiding", "deadline 1 June 2024")
    assert "10 days late" in late and "review" in late
    assert "Next: duidingssessie, in 9 days (20 June 2024): 1 chapter still below review." in out


def test_before_every_milestone(edition, run) -> None:
    result = run("milestones", "2024", "--as-of", "2024-04-01")
    assert result.exit_code == 0
    assert "(in 24 days)" in result.stdout and "(passed)" not in result.stdout
    assert "No chapter is past its deadline" in result.stdout


def test_on_the_day_it_is_today_not_yet_a_failure(edition, run) -> None:
    result = run("milestones", "2024", "--as-of", "2024-06-20")
    assert result.exit_code == 0
    assert "(today)" in block(result.stdout, "20 June 2024", "Duidingssessie")


def test_a_passed_milestone_with_unmet_gate_fails(edition, run) -> None:
    result = run("milestones", "2024", "--as-of", "2024-06-21")
    assert result.exit_code == 1
    out = result.stdout
    assert "gate review: MISSED" in block(out, "20 June 2024", "Duidingssessie")
    assert "MISSED" not in block(out, "9 September 2024", "Aanbieding")
    assert "1 milestone passed with the gate unmet: duidingssessie (20 June 2024)" in out
    assert "Next: aanbieding, in 80 days" in out
    assert "Traceback" not in result.output


def test_after_the_aanbieding_everything_late_is_listed(edition, run) -> None:
    result = run("milestones", "2024", "--as-of", "2024-09-10")
    assert result.exit_code == 1
    assert "101 days late" in result.stdout and "71 days late" in result.stdout
    assert "2 milestones passed" in result.stdout


def test_all_final_passes_after_every_milestone(tmp_path, monkeypatch, run) -> None:
    monkeypatch.chdir(tmp_path)
    copy_root("final", tmp_path)  # minimal with every chapter final
    result = run("milestones", "2024", "--as-of", "2024-12-01")
    assert result.exit_code == 0
    assert "Every milestone has passed with its gate met." in result.stdout
    assert "gate final: met" in result.stdout


def test_plain_lines_keep_every_id_chapter_and_owner_whole(edition, run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # piped output does not wrap to the terminal
    out = run("milestones", "2024", "--as-of", "2024-06-21").stdout
    for word in ("[reflectiesessie]", "[duidingssessie]", "[aanbieding]",
                 "02-complexiteitsreductie (concept, Team Staat)", "01-inleiding (review, Team Staat)"):
        assert any(word in line for line in out.splitlines()), word
    assert "dagen" not in out and "juni" not in out  # English words and dates


def test_milestones_as_json_parses(edition, run) -> None:
    result = run("milestones", "2024", "--as-of", "2024-06-21", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    text = json.dumps(data)
    assert "duidingssessie" in text and "02-complexiteitsreductie" in text and "2024-06-20" in text


def test_milestones_as_markdown(edition, run) -> None:
    out = run("milestones", "2024", "--as-of", "2024-06-11", "--format", "markdown").stdout
    assert "duidingssessie" in out and "|" in out


def test_edition_errors_are_printed_like_check(edition, run) -> None:
    set_status(edition, "edition.yaml", "date: 2024-04-25", "date: 2024-07-25")
    result = run("milestones", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    assert "editions/2024/edition.yaml:17: error: milestone 'duidingssessie'" in result.stdout
    assert "Fix them first" in result.stderr
    assert "Date" not in result.stdout  # no table from a broken edition
    assert "Traceback" not in result.output


def test_unknown_edition_is_a_message(tmp_path, monkeypatch, run) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("milestones", "2031", "--as-of", "2024-05-01")
    assert result.exit_code == 1 and "give a year" in result.stderr


# --- check shows the same findings as warnings ---------------------------------------------


def test_check_reports_schedule_warnings_and_strict_fails(edition, run) -> None:
    result = run("check", "2024", "--as-of", "2024-06-11")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("editions/2024/chapters/01-inleiding.md:5: warning: this chapter's "
                               "deadline was 1 June 2024") for line in lines)
    assert any(line.startswith("editions/2024/edition.yaml:17: warning: the duidingssessie is in 9 days")
               for line in lines)
    assert run("check", "2024", "--as-of", "2024-06-11", "--strict").exit_code == 1
    assert run("check", "2024", "--as-of", "2024-05-01", "--strict").exit_code == 0


def test_check_json_has_the_gate_missed_warning(edition, run) -> None:
    result = run("check", "2024", "--as-of", "2024-06-21", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    wanted = ("editions/2024/chapters/02-complexiteitsreductie.md", 4, "warning", "gate-missed")
    assert wanted in [(p["file"], p["line"], p["severity"], p["code"]) for p in problems]
    assert result.exit_code == 0


# --- --ics ----------------------------------------------------------------------------------


def read_calendar(path: Path):
    from icalendar import Calendar

    cal = Calendar.from_ical(path.read_bytes())
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_ics_has_every_milestone_and_deadline(edition, run, tmp_path) -> None:
    target = tmp_path / "planning.ics"
    result = run("milestones", "2024", "--as-of", "2024-06-11", "--ics", str(target))
    assert result.exit_code == 0
    assert "5 events" in result.stderr
    events = read_calendar(target)
    expected = {
        "milestone-reflectiesessie@2024.staatc": date(2024, 4, 25),
        "milestone-duidingssessie@2024.staatc": date(2024, 6, 20),
        "milestone-aanbieding@2024.staatc": date(2024, 9, 9),
        "deadline-01-inleiding@2024.staatc": date(2024, 6, 1),
        "deadline-02-complexiteitsreductie@2024.staatc": date(2024, 7, 1),
    }
    assert {uid: ev.decoded("DTSTART") for uid, ev in events.items()} == expected
    for ev in events.values():  # all-day: a date, ending the next day
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is date and (end - start).days == 1
    assert str(events["milestone-duidingssessie@2024.staatc"]["SUMMARY"]) == "Duidingssessie met bestuurders"
    assert "Team Staat" in str(events["deadline-01-inleiding@2024.staatc"]["DESCRIPTION"])


def test_ics_bytes_are_the_same_every_time(edition, run, tmp_path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run("milestones", "2024", "--as-of", "2024-06-11", "--ics", str(first))
    run("milestones", "2024", "--as-of", "2024-09-10", "--ics", str(second))  # another day, too
    assert first.read_bytes() == second.read_bytes()
    assert b"DTSTAMP:20240501T000000Z" in first.read_bytes()  # the peildatum, not the clock


def test_ics_reexport_replaces_the_file(edition, run, tmp_path) -> None:
    target = tmp_path / "out" / "planning.ics"
    target.parent.mkdir()
    target.write_text("old")
    run("milestones", "2024", "--as-of", "2024-06-11", "--ics", str(target))
    set_status(edition, "edition.yaml", "date: 2024-06-20", "date: 2024-06-21")
    run("milestones", "2024", "--as-of", "2024-06-11", "--ics", str(target))
    events = read_calendar(target)
    assert events["milestone-duidingssessie@2024.staatc"].decoded("DTSTART") == date(2024, 6, 21)
    assert len(events) == 5
    assert [p.name for p in target.parent.iterdir()] == ["planning.ics"]  # no temp file left


def test_ics_where_no_folder_can_be_is_a_message(edition, run, tmp_path) -> None:
    (tmp_path / "plain-file").write_text("")
    result = run("milestones", "2024", "--as-of", "2024-06-11", "--ics", str(tmp_path / "plain-file" / "x.ics"))
    assert result.exit_code == 1
    assert "cannot write in" in result.stderr and "Traceback" not in result.output
