"""The check pipeline: load → render expressions → validate, without writing anything.

`staatc build` runs the same pipeline first, so a render never discovers a user
mistake that `staatc check` would not have reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import Problem, has_errors, sort_problems
from .load import load_edition
from .model import Edition
from .schedule import schedule_problems
from .templating import render_texts
from .validate import validate


@dataclass(frozen=True)
class CheckResult:
    edition: Edition
    problems: list[Problem]
    texts: dict[Path, str]  # each document's body with its expressions rendered

    def failed(self, strict: bool = False) -> bool:
        return has_errors(self.problems) or (strict and bool(self.problems))


def check_edition(root: Path, as_of: date) -> CheckResult:
    edition, problems = load_edition(root)
    texts, template_problems = render_texts(edition)
    problems = [
        *problems,
        *template_problems,
        *validate(edition, texts),
        *schedule_problems(edition, as_of),  # sanity errors; deadlines as of `as_of` as warnings
    ]
    return CheckResult(edition, sort_problems(problems), texts)
