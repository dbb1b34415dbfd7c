"""The schedule in words for `staatc milestones`: plain lines, JSON and Markdown (pure).

The tool's words are English ("in 9 days", "10 days late", "20 June 2024"); the names of
milestones, chapters and owners are the edition's own. Plain lines are never wrapped, so
a pipe, a log or a mail never shows a milestone, id, chapter or owner broken in two.
"""

from __future__ import annotations

import json
import re

from staatc.english import days, english_date, when
from staatc.model import Chapter
from staatc.schedule.plan import MilestoneState, Schedule


def heading(title: str, schedule: Schedule) -> str:
    return f"{title}: milestones as of {english_date(schedule.as_of)}"


def gate_state(state: MilestoneState) -> str:
    """'met', 'not yet' or 'MISSED' ('' without a gate)."""
    if state.milestone.gate is None:
        return ""
    if state.gate_met:
        return "met"
    return "MISSED" if state.missed else "not yet"


def chapter_words(chapter: Chapter) -> str:
    return f"{chapter.slug} ({chapter.status}, {chapter.owner})"


def late_words(days_late: int) -> str:
    return f"{days(days_late)} late"


def verdict_lines(schedule: Schedule) -> list[tuple[str, str]]:
    """The closing lines, each with its style: what failed, and what comes next."""
    lines: list[tuple[str, str]] = []
    missed = schedule.missed
    if missed:
        names = ", ".join(f"{s.milestone.id} ({english_date(s.milestone.date)})" for s in missed)
        n = len(missed)
        lines.append((f"✗ {n} milestone{'s' * (n != 1)} passed with the gate unmet: {names}. Bring "
                      "the chapters listed up to the gate and update their status.", "bold red"))
    upcoming = schedule.next
    if upcoming is None:
        if not missed:
            lines.append(("✓ Every milestone has passed with its gate met.", "green"))
        return lines
    m = upcoming.milestone
    line = f"Next: {m.id}, {when(upcoming.days_left)} ({english_date(m.date)})"
    if upcoming.gate_met:
        lines.append((line + ".", "green" if m.gate else ""))
    else:
        n = len(upcoming.blockers)
        lines.append((f"{line}: {n} chapter{'s' * (n != 1)} still below {m.gate}.", "yellow"))
    return lines


NO_OVERDUE = "✓ No chapter is past its deadline without being final."


def as_lines(title: str, schedule: Schedule) -> str:
    """Plain lines: one block per milestone, then the late chapters, then the verdict."""
    out = [heading(title, schedule), ""]
    for state in schedule.milestones:
        m = state.milestone
        out.append(f"{english_date(m.date)} ({when(state.days_left)}): {m.name} [{m.id}]")
        if m.gate:
            out.append(f"  gate {m.gate}: {gate_state(state)}")
        out += [f"  blocked by {chapter_words(c)}" for c in state.blockers]
        out.append("")
    if schedule.overdue:
        out.append("Chapters past their deadline and not final:")
        for late in schedule.overdue:
            c = late.chapter
            out.append(f"  {chapter_words(c)}: {c.title}; deadline {english_date(c.deadline)}, "
                       f"{late_words(late.days_late)}")
    else:
        out.append(NO_OVERDUE)
    out.append("")
    out += [text for text, _ in verdict_lines(schedule)]
    return "\n".join(out) + "\n"


def _chapter_json(c: Chapter) -> dict:
    return {"chapter": c.slug, "title": c.title, "status": c.status, "owner": c.owner,
            "deadline": c.deadline.isoformat()}


def as_json(edition: int, title: str, schedule: Schedule) -> str:
    nxt = schedule.next
    data = {
        "edition": edition,
        "title": title,
        "as_of": schedule.as_of.isoformat(),
        "milestones": [
            {"id": s.milestone.id, "name": s.milestone.name, "date": s.milestone.date.isoformat(),
             "days_left": s.days_left, "passed": s.passed, "gate": s.milestone.gate,
             "gate_met": s.gate_met, "missed": s.missed,
             "blocked_by": [_chapter_json(c) for c in s.blockers]}
            for s in schedule.milestones
        ],
        "overdue": [{**_chapter_json(o.chapter), "days_late": o.days_late} for o in schedule.overdue],
        "next": nxt.milestone.id if nxt else None,
        "failed": bool(schedule.missed),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md(text: str) -> str:
    """A table cell: Markdown's own characters escaped, so a name stays text."""
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", text)


def as_markdown(title: str, schedule: Schedule) -> str:
    """A Markdown table for a mail or an issue: one row per milestone, then the late chapters."""
    out = [f"## {_md(heading(title, schedule))}", "",
           "| Date | Milestone | Gate | Blocked by |", "| --- | --- | --- | --- |"]
    for s in schedule.milestones:
        m = s.milestone
        gate = f"{_md(m.gate)}: {gate_state(s)}" if m.gate else "—"
        blocked = "<br>".join(_md(chapter_words(c)) for c in s.blockers)
        out.append(f"| {english_date(m.date)} ({when(s.days_left)}) | {_md(m.name)} (`{m.id}`) "
                   f"| {gate} | {blocked} |")
    out.append("")
    if schedule.overdue:
        out += ["### Chapters past their deadline and not final", "",
                "| Chapter | Status | Owner | Deadline | Late |", "| --- | --- | --- | --- | --- |"]
        for late in schedule.overdue:
            c = late.chapter
            out.append(f"| {_md(c.slug)}: {_md(c.title)} | {c.status} | {_md(c.owner)} | "
                       f"{english_date(c.deadline)} | {late_words(late.days_late)} |")
    else:
        out.append(NO_OVERDUE)
    out.append("")
    out += [_md(text) for text, _ in verdict_lines(schedule)]
    return "\n".join(out) + "\n"
