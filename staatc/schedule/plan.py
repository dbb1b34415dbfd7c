"""Schedule: the yearly milestones, their gates, and the chapters that hold them up (pure).

A milestone may carry a gate: a chapter status (concept < review < final) that every chapter
must have reached by the milestone's date. Chapters also have their own `deadline` by which
they should be final. `as_of` is always passed in; nothing here reads the clock.

When a milestone counts as passed: from the day AFTER its date. On the day itself it is
"today" — the session has not happened yet in the morning and the editors still have that
day — so an unmet gate then is a warning, not a failure. A chapter deadline works the same
way: a chapter is overdue from the day after its deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.model import STATUS_ORDER, Chapter, Edition, Milestone
from staatc.english import days as _days, english_date, when

# An upcoming milestone with an unmet gate is worth a warning this many days ahead.
UPCOMING_DAYS = 14


def meets(status: str, gate: str | None) -> bool:
    """Whether a chapter status is at least the gate (no gate: always)."""
    return gate is None or STATUS_ORDER[status] >= STATUS_ORDER[gate]


@dataclass(frozen=True)
class MilestoneState:
    """One milestone as seen on `as_of`."""

    milestone: Milestone
    days_left: int  # 0 on the day itself, negative once passed
    blockers: tuple[Chapter, ...]  # chapters below the gate; empty when met or no gate

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def gate_met(self) -> bool:
        return not self.blockers

    @property
    def missed(self) -> bool:
        """Passed with its gate unmet: `staatc milestones` fails on this."""
        return self.passed and not self.gate_met

    @property
    def due_soon(self) -> bool:
        """Within UPCOMING_DAYS (or today) and its gate not yet met."""
        return 0 <= self.days_left <= UPCOMING_DAYS and not self.gate_met


@dataclass(frozen=True)
class OverdueChapter:
    chapter: Chapter
    days_late: int  # at least 1


@dataclass(frozen=True)
class Schedule:
    as_of: date
    milestones: tuple[MilestoneState, ...]
    overdue: tuple[OverdueChapter, ...]

    @property
    def missed(self) -> list[MilestoneState]:
        return [m for m in self.milestones if m.missed]

    @property
    def next(self) -> MilestoneState | None:
        """The first milestone that has not passed yet."""
        return next((m for m in self.milestones if not m.passed), None)


def build_schedule(edition: Edition, as_of: date) -> Schedule:
    """The state of every milestone and chapter deadline on `as_of`, in the order of edition.yaml."""
    milestones = edition.config.milestones if edition.config else []
    states = tuple(
        MilestoneState(
            milestone=m,
            days_left=(m.date - as_of).days,
            blockers=tuple(c for c in edition.chapters if not meets(c.status, m.gate)),
        )
        for m in milestones
    )
    overdue = tuple(
        OverdueChapter(c, (as_of - c.deadline).days)
        for c in edition.chapters
        if c.deadline < as_of and c.status != "final"
    )
    return Schedule(as_of, states, overdue)


# --- Words ----------------------------------------------------------------------------------


def describe_chapter(chapter: Chapter) -> str:
    """'02-complexiteitsreductie (concept, Team Staat)': what an editor needs to chase it."""
    return f"{chapter.slug} ({chapter.status}, {chapter.owner})"


# --- Deadline findings for `staatc check` (and so for `staatc build`) ---------------------


def deadline_warnings(edition: Edition, as_of: date) -> Iterable[Problem]:
    sched = build_schedule(edition, as_of)
    yield from _missed_gate_warnings(sched)
    yield from _due_soon_warnings(edition, sched)
    for late in sched.overdue:
        c = late.chapter
        yield problem(
            "chapter-overdue", c.source.path, c.source.line_of("deadline"),
            f"this chapter's deadline was {english_date(c.deadline)} ({_days(late.days_late)} "
            f"ago) and it is still '{c.status}': finish it and set 'status: final', or agree a "
            f"new deadline (owner: {c.owner})",
        )


def _missed_gate_warnings(sched: Schedule) -> Iterable[Problem]:
    # One warning per chapter, naming the strictest gate it missed (then the latest date),
    # so a chapter that missed two gates is not reported twice on one line.
    worst: dict[str, tuple[Chapter, Milestone]] = {}
    for state in sched.missed:
        m = state.milestone
        for c in state.blockers:
            seen = worst.get(c.slug)
            if seen is None or (STATUS_ORDER[m.gate], m.date) >= (STATUS_ORDER[seen[1].gate], seen[1].date):
                worst[c.slug] = (c, m)
    for c, m in worst.values():
        yield problem(
            "gate-missed", c.source.path, c.source.line_of("status"),
            f"this chapter is still '{c.status}', but by the {m.id} of {english_date(m.date)} "
            f"every chapter had to be at least '{m.gate}': get it to '{m.gate}' and update "
            f"this line (owner: {c.owner})",
        )


def _due_soon_warnings(edition: Edition, sched: Schedule) -> Iterable[Problem]:
    src = edition.config_source
    for i, state in enumerate(sched.milestones):
        if not state.due_soon:
            continue
        m = state.milestone
        n = len(state.blockers)
        listed = ", ".join(describe_chapter(c) for c in state.blockers)
        yield problem(
            "gate-due", src.path, src.line_of("milestones", i, "date"),
            f"the {m.id} is {when(state.days_left)} ({english_date(m.date)}) and "
            f"{n} chapter{'s are' if n != 1 else ' is'} not yet at '{m.gate}': {listed}; "
            f"get {'them' if n != 1 else 'it'} to '{m.gate}' before then",
        )


# --- Sanity rules: Edition → problems (run by staatc.validate.registry) --------------


def milestones_in_order(ed: Edition) -> Iterable[Problem]:
    src = ed.config_source
    latest: Milestone | None = None
    for i, m in enumerate(ed.config.milestones):
        if latest is not None and m.date < latest.date:
            yield problem(
                "milestone-order", src.path, src.line_of("milestones", i, "date"),
                f"milestone '{m.id}' ({english_date(m.date)}) is listed after '{latest.id}' "
                f"({english_date(latest.date)}) but comes earlier: list the milestones in date "
                "order, or fix the date",
            )
        else:
            latest = m


def milestone_ids_unique(ed: Edition) -> Iterable[Problem]:
    src = ed.config_source
    first: dict[str, int] = {}
    for i, m in enumerate(ed.config.milestones):
        line = src.line_of("milestones", i, "id")
        if m.id in first:
            yield problem(
                "duplicate-milestone", src.path, line,
                f"milestone id '{m.id}' is also used on line {first[m.id]}: give each "
                "milestone its own id",
            )
        else:
            first[m.id] = line


def deadlines_before_aanbieding(ed: Edition) -> Iterable[Problem]:
    aanbieding = ed.aanbieding()
    if aanbieding is None:  # reported by validate.aanbieding_required
        return
    for c in ed.chapters:
        if c.deadline > aanbieding.date:
            yield problem(
                "deadline-after-aanbieding", c.source.path, c.source.line_of("deadline"),
                f"the deadline {english_date(c.deadline)} is after the aanbieding "
                f"({english_date(aanbieding.date)}), when the minister sends the report: "
                "set an earlier deadline",
            )


def standen_before_peildatum(ed: Edition) -> Iterable[Problem]:
    peildatum = ed.config.peildatum
    for s in ed.standen:
        if s.gepubliceerd > peildatum:
            yield problem(
                "stand-after-peildatum", s.source.path, s.source.line_of("gepubliceerd"),
                f"this Stand was published on {english_date(s.gepubliceerd)}, after the peildatum "
                f"({english_date(peildatum)}): is it counted in the next edition? Move it there, or "
                "change the peildatum in edition.yaml",
            )
