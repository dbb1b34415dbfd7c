"""The schedule as rich tables for `staatc milestones` on a terminal (builds renderables).

Words come from `schedule_text`, so the table, the plain lines, JSON and Markdown say the
same thing. A cell wraps only between words: a table whose longest words do not fit the
terminal is not drawn at all (`fits`), and the plain lines are shown instead.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType

from staatc.printable import printable
from rich.table import Table
from rich.text import Text

from staatc.english import english_date, when
from staatc.model import Chapter
from staatc.reporting.schedule_text import (NO_OVERDUE, gate_state, heading, late_words,
                                            verdict_lines)
from staatc.schedule.plan import MilestoneState, Schedule

_GATE_STYLE = {"met": ("✓ met", "green"), "MISSED": ("✗ MISSED", "bold red"),
               "not yet": ("✗ not yet", "yellow")}


def _gate_cell(state: MilestoneState) -> Text:
    gate = state.milestone.gate
    if gate is None:
        return Text("—", style="dim")
    return Text.assemble(gate, "\n", _GATE_STYLE[gate_state(state)])


def _when(state: MilestoneState) -> Text:
    text = when(state.days_left)
    if state.passed:
        return Text(text, style="dim")
    return Text(text, style="bold yellow" if state.due_soon else "bold")


def _table(title: str) -> Table:
    """The look both schedule tables share: a bold title above, a line under the header."""
    return Table(title=Text(printable(title)), title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                 show_edge=False, pad_edge=False, collapse_padding=True)


def milestone_table(title: str, schedule: Schedule) -> Table:
    """One row per milestone, and one more per chapter that blocks its gate."""
    table = _table(heading(title, schedule))
    table.add_column("Date", no_wrap=True)
    table.add_column("Milestone")
    table.add_column("Gate", no_wrap=True)
    table.add_column("Blocked by")
    table.add_column("Status", no_wrap=True)
    table.add_column("Owner")
    upcoming = schedule.next
    for state in schedule.milestones:
        m = state.milestone
        dim = state.passed and not state.missed
        date_cell = Text.assemble(english_date(m.date), "\n", _when(state))
        name = Text.assemble((printable(m.name), "bold" if state is upcoming else ""), "\n", (m.id, "dim"))
        first, *rest = state.blockers or (None,)
        table.add_row(date_cell, name, _gate_cell(state), *_blocker_cells(first),
                      style="dim" if dim else None, end_section=not rest)
        for i, chapter in enumerate(rest):
            table.add_row("", "", "", *_blocker_cells(chapter), end_section=i == len(rest) - 1)
    return table


def _blocker_cells(chapter: Chapter | None) -> tuple[Text | str, ...]:
    if chapter is None:
        return ("", "", "")
    # Text, never a plain str: rich reads a str cell as markup ("[link=…]" in an owner).
    return (Text(chapter.slug, style="bold"), chapter.status, Text(printable(chapter.owner)))


def overdue_table(schedule: Schedule) -> RenderableType:
    if not schedule.overdue:
        return Text(NO_OVERDUE, style="green")
    table = _table("Chapters past their deadline and not final")
    table.add_column("Chapter")
    table.add_column("Status", no_wrap=True)
    table.add_column("Owner")
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Late", no_wrap=True, justify="right")
    for late in schedule.overdue:
        c = late.chapter
        table.add_row(Text.assemble((c.slug, "bold"), "\n", (printable(c.title), "dim")), c.status,
                      Text(printable(c.owner)),
                      english_date(c.deadline), Text(late_words(late.days_late), style="red"))
    return table


def verdict(schedule: Schedule) -> Group:
    return Group(*(Text(text, style=style) for text, style in verdict_lines(schedule)))


def fits(console: Console, *tables: RenderableType) -> bool:
    """Whether the tables, drawn at this terminal's width, keep every word of every cell whole.

    Rich folds a word that is wider than its column (and narrows columns without regard to
    their longest word), so the only sure test is to draw them and look.
    """
    import io

    probe = Console(width=console.width, file=io.StringIO(), color_system=None, legacy_windows=False)
    for table in tables:
        if not isinstance(table, Table):
            continue
        with probe.capture() as captured:
            probe.print(table)
        lines = captured.get().splitlines()
        words = {w for column in table.columns for cell in column._cells
                 for w in (cell.plain if isinstance(cell, Text) else str(cell)).split()}
        if not all(any(w in line for line in lines) for w in words):
            return False
    return True
