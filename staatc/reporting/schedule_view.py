"""The schedule as rich tables for `staatc milestones` (builds renderables; the CLI prints them).

The tool's own words are English; dates and the distance to them are Dutch
("20 juni 2024", "over 9 dagen"), as everywhere the edition's data is shown.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from staatc.model import Chapter
from staatc.schedule.plan import MilestoneState, Schedule, when_nl
from staatc.dutch import dutch_date


def _dagen(n: int) -> str:
    return f"{n} dag{'en' * (n != 1)}"


def _gate_cell(state: MilestoneState) -> Text:
    gate = state.milestone.gate
    if gate is None:
        return Text("—", style="dim")
    if state.gate_met:
        return Text.assemble(gate, "\n", ("✓ met", "green"))
    if state.missed:
        return Text.assemble(gate, "\n", ("✗ MISSED", "bold red"))
    return Text.assemble(gate, "\n", ("✗ not yet", "yellow"))


def _when(state: MilestoneState) -> Text:
    text = when_nl(state.days_left)
    if state.passed:
        return Text(text, style="dim")
    return Text(text, style="bold yellow" if state.due_soon else "bold")


def _table(title: str) -> Table:
    """The look both schedule tables share: a bold title above, a line under the header."""
    return Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 show_edge=False, pad_edge=False, collapse_padding=True)


def milestone_table(title: str, schedule: Schedule) -> Table:
    """One row per milestone, and one more per chapter that blocks its gate."""
    table = _table(f"{title}: milestones as of {dutch_date(schedule.as_of)}")
    table.add_column("Date", no_wrap=True)
    table.add_column("Milestone", ratio=3, min_width=14, overflow="fold")
    table.add_column("Gate", no_wrap=True)
    table.add_column("Blocked by", ratio=3, min_width=12, overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Owner", ratio=2, min_width=8, overflow="fold")
    upcoming = schedule.next
    for state in schedule.milestones:
        m = state.milestone
        dim = state.passed and not state.missed
        date_cell = Text.assemble(dutch_date(m.date), "\n", _when(state))
        name = Text.assemble((m.name, "bold" if state is upcoming else ""), "\n", (m.id, "dim"))
        first, *rest = state.blockers or (None,)
        table.add_row(date_cell, name, _gate_cell(state), *_blocker_cells(first),
                      style="dim" if dim else None, end_section=not rest)
        for i, chapter in enumerate(rest):
            table.add_row("", "", "", *_blocker_cells(chapter), end_section=i == len(rest) - 1)
    return table


def _blocker_cells(chapter: Chapter | None) -> tuple[Text | str, ...]:
    if chapter is None:
        return ("", "", "")
    return (Text(chapter.slug, style="bold"), chapter.status, chapter.owner)


def overdue_table(schedule: Schedule) -> RenderableType:
    if not schedule.overdue:
        return Text("✓ No chapter is past its deadline without being final.", style="green")
    table = _table("Chapters past their deadline and not final")
    table.add_column("Chapter", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("Owner", overflow="fold")
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Late", no_wrap=True, justify="right")
    for late in schedule.overdue:
        c = late.chapter
        table.add_row(
            Text.assemble((c.slug, "bold"), "\n", (c.title, "dim")),
            c.status,
            c.owner,
            dutch_date(c.deadline),
            Text(f"{_dagen(late.days_late)} te laat", style="red"),
        )
    return table


def verdict(schedule: Schedule) -> Group:
    """The closing lines: what failed, and what comes next."""
    lines: list[Text] = []
    missed = schedule.missed
    if missed:
        names = ", ".join(f"{s.milestone.id} ({dutch_date(s.milestone.date)})" for s in missed)
        n = len(missed)
        lines.append(Text(
            f"✗ {n} milestone{'s' * (n != 1)} passed with the gate unmet: {names}. Bring the "
            "chapters listed up to the gate and update their status.",
            style="bold red",
        ))
    upcoming = schedule.next
    if upcoming is None:
        if not missed:
            lines.append(Text("✓ Every milestone has passed with its gate met.", style="green"))
        return Group(*lines)
    m = upcoming.milestone
    line = f"Next: {m.id}, {when_nl(upcoming.days_left)} ({dutch_date(m.date)})"
    if upcoming.gate_met:
        lines.append(Text(line + ".", style="green" if m.gate else ""))
    else:
        n = len(upcoming.blockers)
        lines.append(Text(f"{line}: {n} chapter{'s' * (n != 1)} still below {m.gate}.",
                          style="yellow"))
    return Group(*lines)
