"""The check pipeline: load → render expressions → validate, without writing anything.

The editorial checks (language level, accessibility, house rules; `staatc.validate.editorial`)
run last, over the rendered texts; `editorial=False` leaves them out.
`staatc build` runs the same pipeline first, so a render never discovers a user
mistake that `staatc check` would not have reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from staatc.errors import Problem, has_errors, sort_problems
from staatc.validate.glyphs import glyph_problems
from staatc.validate.images import image_problems
from staatc.load.edition import load_edition
from staatc.model import Edition
from staatc.schedule.plan import schedule_problems
from staatc.templating.render import render_texts
from staatc.validate.crossfile import validate


@dataclass(frozen=True)
class CheckResult:
    edition: Edition
    problems: list[Problem]
    texts: dict[Path, str]  # each document's body with its expressions rendered
    # Things to tell the editor that are not problems in the text ("spelling not checked: …").
    notices: list[str] = field(default_factory=list)

    def failed(self, strict: bool = False) -> bool:
        return has_errors(self.problems) or (strict and bool(self.problems))


def check_edition(root: Path, as_of: date, editorial: bool = True) -> CheckResult:
    edition, problems = load_edition(root)
    texts, template_problems = render_texts(edition)
    problems = [
        *problems,
        *template_problems,
        *validate(edition, texts),
        *image_problems(edition),  # untrusted files: format, size, nothing active (images.py)
        *glyph_problems(edition),  # characters the PDF's fonts cannot print (glyphs.py)
        *schedule_problems(edition, as_of),  # sanity errors; deadlines as of `as_of` as warnings
    ]
    notices: list[str] = []
    if editorial:  # language level, accessibility, house rules (staatc.validate.editorial)
        from staatc.validate.editorial import editorial_checks

        editorial_problems, notices = editorial_checks(edition, texts)
        problems += editorial_problems
    return CheckResult(edition, sort_problems(problems), texts, notices)
