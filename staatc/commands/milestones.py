"""`staatc milestones`: the schedule of a valid edition, and optionally its iCalendar file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from staatc.errors import Problem
from staatc.model import Edition
from staatc.schedule.plan import Schedule, build_schedule
from staatc.validate.check import check_edition


@dataclass(frozen=True)
class MilestonesResult:
    errors: list[Problem]             # the edition's errors: then there is no schedule
    edition: Edition | None = None
    schedule: Schedule | None = None
    events: int = 0                   # written to the iCalendar file, if one was asked for

    @property
    def failed(self) -> bool:
        return bool(self.errors) or self.schedule is not None and bool(self.schedule.missed)


def milestones(edition: str, cwd: Path, as_of: date, ics: Path | None = None) -> MilestonesResult:
    from staatc.load.locate import resolve_edition

    # Editorial findings never block the schedule, so they are not even looked for.
    result = check_edition(resolve_edition(edition, cwd), as_of, editorial=False)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:  # a schedule of a broken edition would mislead
        return MilestonesResult(errors)
    ed = result.edition
    sched = build_schedule(ed, as_of)
    events = 0
    if ics is not None:
        from staatc.output import write_atomic
        from staatc.reporting.ics import calendar_bytes

        write_atomic(ics, calendar_bytes(ed))
        events = len(ed.config.milestones) + len(ed.chapters)
    return MilestonesResult([], ed, sched, events)
