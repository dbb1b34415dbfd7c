"""Editorial checks: language level, spelling, accessibility and house rules.

What the editors used to catch by reading a draft, as problems with a code, a
file:line and a severity, switchable per edition under `checks:` in edition.yaml.

    readability.py    Taalniveau: Flesch-Douma per chapter, long sentences
    spelling.py       Spelling: OpenTaal's Dutch dictionary + woordenlijst.txt (opt-in)
    accessibility.py  Toegankelijkheid: heading levels, alt text, table headers, link text
    house.py          Huisregels: working notes, references to concepts, typed counts
    registry.py       the checks by code

The checks are pure and run through `staatc.validate.registry`; `spelling_inputs` is the
edge that reads the word list and loads the dictionary, only when spelling is on.
"""

from __future__ import annotations

from pathlib import Path

from staatc.errors import Problem
from staatc.validate.editorial.document import Speller
from staatc.validate.editorial.registry import BY_CODE, CHECKS

__all__ = ["CHECKS", "BY_CODE", "spelling_inputs"]


def spelling_inputs(root: Path) -> tuple[frozenset[str], Speller | None, list[Problem], list[str]]:
    """The word list, the speller, the word list's problems, and notices ("not checked: …")."""
    from staatc.validate.editorial.spelling import load_speller, read_woordenlijst

    woordenlijst, problems = read_woordenlijst(root)
    speller, notice = load_speller()
    return woordenlijst, speller, problems, [notice] if notice else []
