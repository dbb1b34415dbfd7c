"""Did you mean …? The one place that guesses what an editor meant (difflib, stdlib).

Every "unknown X" message (keys, themes, statuses, references, filters, image paths,
check codes, anchors) asks here, so they all guess alike.
"""

from __future__ import annotations

import difflib
from typing import Iterable


def close_matches(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The choices nearest to `word`, best first; one that differs only in case comes first."""
    options = sorted(set(choices))
    same_case = [c for c in options if c.casefold() == word.casefold() and c != word]
    near = difflib.get_close_matches(word.casefold(), [c.casefold() for c in options], n=n + len(same_case),
                                     cutoff=cutoff)
    by_folded = {c.casefold(): c for c in options}
    found = same_case + [by_folded[f] for f in near if by_folded[f] not in same_case and by_folded[f] != word]
    return found[:n]


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one choice nearest to `word`, or None when nothing is close."""
    found = close_matches(word, choices, n=1, cutoff=cutoff)
    return found[0] if found else None


def hint(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """" (did you mean 'x'?)" for a message, or "" when nothing is close."""
    near = did_you_mean(word, choices, cutoff)
    return f" (did you mean '{near}'?)" if near else ""
