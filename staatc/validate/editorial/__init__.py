"""Editorial checks: language level, spelling, accessibility and house rules.

What the editors used to catch by reading a draft, as problems with a code, a
file:line and a severity, switchable per edition under `checks:` in edition.yaml.

    readability.py    Taalniveau: Flesch-Douma per chapter, long sentences
    spelling.py       Spelling: OpenTaal's Dutch dictionary + woordenlijst.txt (opt-in)
    accessibility.py  Toegankelijkheid: heading levels, alt text, table headers, link text
    house.py          Huisregels: working notes, references to concepts, typed counts
    registry.py       the codes, their defaults, and the edition's `checks:` levels

`run_checks` is pure (edition + rendered texts in, problems out); `editorial_checks`
is the edge that reads the word list and loads the dictionary when spelling is on.
"""

from __future__ import annotations

from pathlib import Path

from staatc.errors import Problem
from staatc.model import Edition
from staatc.validate.editorial.document import Speller, make_context
from staatc.validate.editorial.registry import BY_CODE, CHECKS, config_problems, levels, run

__all__ = ["CHECKS", "BY_CODE", "editorial_checks", "run_checks"]


def run_checks(edition: Edition, texts: dict[Path, str], woordenlijst: frozenset[str] = frozenset(),
               speller: Speller | None = None) -> list[Problem]:
    """Every editorial problem in the edition (no I/O)."""
    if edition.config is None:
        return []  # edition.yaml is broken: its own errors say enough
    problems = config_problems(edition)
    problems += run(make_context(edition, texts, woordenlijst, speller))
    return problems


def editorial_checks(edition: Edition, texts: dict[Path, str]) -> tuple[list[Problem], list[str]]:
    """Problems and notices (things the editor should know that are no problem in the text)."""
    if edition.config is None:
        return [], []
    problems: list[Problem] = []
    notices: list[str] = []
    woordenlijst: frozenset[str] = frozenset()
    speller = None
    if levels(edition)["spelling"] != "off":
        from staatc.validate.editorial.spelling import load_speller, read_woordenlijst

        woordenlijst, problems = read_woordenlijst(edition.root)
        speller, notice = load_speller()
        if notice:
            notices.append(notice)
    return problems + run_checks(edition, texts, woordenlijst, speller), notices
