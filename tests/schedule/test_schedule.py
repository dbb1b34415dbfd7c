"""The schedule on fixed dates: which milestones are due, passed and blocked, and what check says.

tests/roots/minimal: reflectiesessie 2024-04-25 (no gate), duidingssessie 2024-06-20 (gate
review), aanbieding 2024-09-09 (gate final); chapter 01 is 'review' (deadline 2024-06-01),
chapter 02 is 'concept' (deadline 2024-07-01).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from staatc.validate.check import check_edition
from staatc.errors import Problem, sort_problems
from staatc.load.edition import load_edition
from staatc.english import when
from staatc.schedule.plan import build_schedule, meets
ROOTS = Path(__file__).parent.parent / "roots"

CH1 = "chapters/01-inleiding.md"
CH2 = "chapters/02-complexiteitsreductie.md"
ED = "edition.yaml"


@pytest.fixture(scope="module")
def minimal():
    edition, problems = load_edition(ROOTS / "minimal")
    assert problems == []
    return edition


def states(edition, day: str):
    sched = build_schedule(edition, date.fromisoformat(day))
    return sched, {s.milestone.id: s for s in sched.milestones}


def slugs(chapters) -> list[str]:
    return [c.slug for c in chapters]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(root: Path, day: str) -> set[tuple[str, int | None, str, str]]:
    """(file relative to the edition, line, severity, code) of every problem check reports."""
    result = check_edition(root, date.fromisoformat(day))
    return {(p.file.relative_to(root.resolve()).as_posix(), p.line, p.severity, p.code)
            for p in result.problems}


@pytest.mark.parametrize(
    "status, gate, ok",
    [("concept", None, True), ("concept", "concept", True), ("concept", "review", False),
     ("review", "review", True), ("review", "final", False), ("final", "review", True),
     ("final", "final", True)],
)
def test_a_gate_is_a_minimum_status(status, gate, ok) -> None:
    assert meets(status, gate) is ok


@pytest.mark.parametrize("days, phrase", [(-30, "passed"), (-1, "passed"), (0, "today"),
                                          (1, "tomorrow"), (9, "in 9 days")])
def test_distance_in_english(days, phrase) -> None:
    assert when(days) == phrase


def test_before_every_milestone(minimal) -> None:
    sched, by_id = states(minimal, "2024-04-01")
    assert [s.days_left for s in sched.milestones] == [24, 80, 161]
    assert not any(s.passed for s in sched.milestones)
    assert by_id["reflectiesessie"].gate_met  # no gate
    assert slugs(by_id["duidingssessie"].blockers) == ["02-complexiteitsreductie"]
    assert slugs(by_id["aanbieding"].blockers) == ["01-inleiding", "02-complexiteitsreductie"]
    assert not by_id["duidingssessie"].due_soon  # 80 days away
    assert sched.missed == [] and sched.overdue == ()
    assert sched.next.milestone.id == "reflectiesessie"


def test_nine_days_before_the_duidingssessie(minimal) -> None:
    sched, by_id = states(minimal, "2024-06-11")
    assert by_id["reflectiesessie"].passed and not by_id["reflectiesessie"].missed
    duiding = by_id["duidingssessie"]
    assert duiding.days_left == 9 and duiding.due_soon and not duiding.passed
    assert sched.missed == []
    assert [(o.chapter.slug, o.days_late) for o in sched.overdue] == [("01-inleiding", 10)]
    assert sched.next is duiding


def test_on_the_day_itself_the_milestone_is_not_yet_passed(minimal) -> None:
    sched, by_id = states(minimal, "2024-06-20")
    duiding = by_id["duidingssessie"]
    assert duiding.days_left == 0 and not duiding.passed and not duiding.missed
    assert duiding.due_soon
    assert sched.missed == []


def test_the_day_after_an_unmet_gate_is_missed(minimal) -> None:
    sched, by_id = states(minimal, "2024-06-21")
    assert [s.milestone.id for s in sched.missed] == ["duidingssessie"]
    assert slugs(by_id["duidingssessie"].blockers) == ["02-complexiteitsreductie"]
    assert sched.next.milestone.id == "aanbieding"


def test_after_the_aanbieding(minimal) -> None:
    sched, _ = states(minimal, "2024-09-10")
    assert [s.milestone.id for s in sched.missed] == ["duidingssessie", "aanbieding"]
    assert [(o.chapter.slug, o.days_late) for o in sched.overdue] == [
        ("01-inleiding", 101), ("02-complexiteitsreductie", 71)]
    assert sched.next is None


def test_a_deadline_day_itself_is_not_overdue(minimal) -> None:
    sched, _ = states(minimal, "2024-06-01")
    assert sched.overdue == ()


def test_final_chapters_meet_every_gate() -> None:
    edition, _ = load_edition(ROOTS / "final")  # tests/roots/final: minimal, every chapter final
    sched, _ = states(edition, "2025-01-01")
    assert sched.missed == [] and sched.overdue == ()
    assert all(s.gate_met for s in sched.milestones)


# --- The same findings as check warnings, at file:line ------------------------------------


@pytest.fixture
def root(tmp_path) -> Path:
    import shutil

    target = tmp_path / "editions" / "2024"
    shutil.copytree(ROOTS / "minimal", target)
    return target


def test_no_schedule_warnings_on_the_bad_input_date(root) -> None:
    # tests/test_bad_input.py checks on 2024-05-01 and expects a clean minimal edition.
    assert found(root, "2024-05-01") == set()


def test_check_warns_nine_days_ahead(root) -> None:
    assert found(root, "2024-06-11") == {
        (CH1, 5, "warning", "chapter-overdue"),  # the deadline line
        (ED, 17, "warning", "gate-due"),  # the date line of the duidingssessie
    }
    result = check_edition(root, date(2024, 6, 11))
    due = next(p for p in result.problems if p.code == "gate-due")
    assert "duidingssessie is in 9 days (20 June 2024)" in due.message
    assert "02-complexiteitsreductie (concept, Team Staat)" in due.message


@pytest.mark.parametrize("day, warned", [("2024-06-05", False), ("2024-06-06", True)])
def test_gate_due_warning_starts_fourteen_days_ahead(root, day, warned) -> None:
    assert ((ED, 17, "warning", "gate-due") in found(root, day)) is warned


def test_check_warns_at_the_status_line_once_the_gate_is_missed(root) -> None:
    problems = found(root, "2024-06-21")
    assert (CH2, 4, "warning", "gate-missed") in problems
    assert not any(code == "gate-due" for *_, code in problems)


def test_a_chapter_that_missed_two_gates_is_reported_once(root) -> None:
    result = check_edition(root, date(2024, 9, 10))
    missed = [p for p in result.problems if p.code == "gate-missed"]
    assert [(p.file.name, p.line) for p in missed] == [
        ("01-inleiding.md", 3), ("02-complexiteitsreductie.md", 4)]
    # the strictest gate it missed is the one named
    assert all("aanbieding" in p.message and "'final'" in p.message for p in missed)
    assert not result.failed() and result.failed(strict=True)


# --- Schedule sanity -----------------------------------------------------------------------


def test_milestones_out_of_date_order(root) -> None:
    edit(root, ED, "date: 2024-04-25", "date: 2024-07-25")
    problems = found(root, "2024-05-01")
    assert (ED, 17, "error", "milestone-order") in problems  # duidingssessie, after 25 juli


def test_duplicate_milestone_id(root) -> None:
    edit(root, ED, "id: reflectiesessie", "id: duidingssessie")
    result = check_edition(root, date(2024, 5, 1))
    dup = [p for p in result.problems if p.code == "duplicate-milestone"]
    assert [(p.line, p.severity) for p in dup] == [(15, "error")]
    assert "also used on line 12" in dup[0].message


def test_chapter_deadline_after_the_aanbieding(root) -> None:
    edit(root, CH2, "deadline: 2024-07-01", "deadline: 2024-10-01")
    assert (CH2, 6, "error", "deadline-after-aanbieding") in found(root, "2024-05-01")


def test_an_error_and_a_warning_on_one_line_are_both_reported(root) -> None:
    # Deadline after the aanbieding AND overdue: both at the deadline line, the error kept.
    edit(root, CH2, "deadline: 2024-07-01", "deadline: 2024-10-01")
    problems = found(root, "2024-10-02")
    assert {(CH2, 6, "error", "deadline-after-aanbieding"),
            (CH2, 6, "warning", "chapter-overdue")} <= problems


def test_sort_problems_keeps_different_problems_on_one_line() -> None:
    a = Problem(Path("x.md"), 3, "error", "a", "one")
    b = Problem(Path("x.md"), 3, "warning", "b", "two")
    assert len(sort_problems([a, b, a])) == 2


def test_stand_published_after_the_peildatum_is_a_warning(root) -> None:
    edit(root, "standen/uwv.md", "gepubliceerd: 2024-04-15", "gepubliceerd: 2024-05-15")
    result = check_edition(root, date(2024, 5, 1))
    late = [p for p in result.problems if p.code == "stand-after-peildatum"]
    assert [(p.file.name, p.line, p.severity) for p in late] == [("uwv.md", 5, "warning")]
    assert "next edition" in late[0].message and "15 May 2024" in late[0].message
    assert not result.failed()


def test_a_gate_that_is_not_a_status(root) -> None:
    edit(root, ED, "gate: review", "gate: klaar")
    result = check_edition(root, date(2024, 5, 1))
    [problem] = [p for p in result.problems if p.file.name == "edition.yaml"]
    assert problem.line == 18 and problem.severity == "error"
    assert problem.message == "'milestones.gate' may not be 'klaar': use 'concept', 'review' or 'final'"
