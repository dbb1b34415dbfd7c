"""The editorial checks by code, in the groups the README lists them in.

Each check is a pure function `Context → problems`. Their severities, defaults (spelling
is off) and explanations are declared in `staatc.codes` like every other code; they run,
and `checks:` switches them, through `staatc.validate.registry`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from staatc.errors import Problem
from staatc.validate.editorial import house, readability  # loaded by every check: see _later
from staatc.validate.editorial.document import Context
from staatc.validate.lazy import later

CheckFn = Callable[[Context], Iterable[Problem]]


def _later(target: str) -> CheckFn:
    """The check `module:function` of this package, imported when it first runs: the cached
    per-file checks and spelling (off by default) do not run in most `check`s. house (its
    cross-file checks) and readability (KNOWN, which the cache fills) are needed by each."""
    return later(f"staatc.validate.editorial.{target}")


@dataclass(frozen=True)
class Check:
    code: str
    group: str  # Taalniveau, Spelling, Toegankelijkheid, Huisregels
    run: CheckFn
    # Judges each document on its own (its text and the edition's settings): its results can
    # be cached per file (staatc.validate.cache). False when other files or the edition's
    # data count: names of Standen, other chapters' status or numbers, totals.
    per_file: bool = True


CHECKS: tuple[Check, ...] = (
    Check("readability", "Taalniveau", readability.readability),
    Check("long-sentence", "Taalniveau", readability.long_sentence),
    Check("spelling", "Spelling", _later("spelling:spelling"), per_file=False),
    Check("heading-skip", "Toegankelijkheid", _later("accessibility:heading_skip")),
    Check("alt-text", "Toegankelijkheid", _later("accessibility:alt_text")),
    Check("table-header", "Toegankelijkheid", _later("accessibility:table_header")),
    Check("link-text", "Toegankelijkheid", _later("accessibility:link_text")),
    Check("todo-marker", "Huisregels", house.todo_marker),
    Check("final-cites-concept", "Huisregels", house.final_cites_concept, per_file=False),
    Check("typed-count", "Huisregels", house.typed_count, per_file=False),
    Check("typed-chapter", "Huisregels", house.typed_chapter, per_file=False),
)
BY_CODE = {c.code: c for c in CHECKS}
