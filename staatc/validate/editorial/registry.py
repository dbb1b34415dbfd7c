"""The editorial checks by code, and how an edition switches them (`checks:` in edition.yaml).

Each check is a pure function `Context → problems`, reported at its default
severity; the edition's `checks:` mapping turns a code `off` (not even run) or
sets it to `warning` or `error`, so a team can adopt the checks one at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from staatc.errors import Problem
from staatc.model import Edition
from staatc.validate.editorial import accessibility, house, readability, spelling
from staatc.validate.editorial.document import Context

CheckFn = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    code: str
    group: str  # Taalniveau, Spelling, Toegankelijkheid, Huisregels
    run: CheckFn
    summary: str
    default: str = "on"  # "on": reported at its own severity; "off": only when switched on


CHECKS: tuple[Check, ...] = (
    Check("readability", "Taalniveau", readability.readability,
          "a chapter's Flesch-Douma score is below readability.minimum (default 45); names its "
          "hardest paragraphs"),
    Check("long-sentence", "Taalniveau", readability.long_sentence,
          "a sentence longer than readability.sentence_words (default 25) words"),
    Check("spelling", "Spelling", spelling.spelling,
          "a word that is not in the Dutch dictionary nor in woordenlijst.txt", default="off"),
    Check("heading-skip", "Toegankelijkheid", accessibility.heading_skip,
          "a heading skips a level (## followed by ####)"),
    Check("alt-text", "Toegankelijkheid", accessibility.alt_text,
          "an image's alt text is its file name or a bare word such as 'afbeelding'"),
    Check("table-header", "Toegankelijkheid", accessibility.table_header,
          "a table without a header row"),
    Check("link-text", "Toegankelijkheid", accessibility.link_text,
          "link text such as 'klik hier', 'hier', 'lees meer', or a bare web address"),
    Check("todo-marker", "Huisregels", house.todo_marker,
          "TODO, FIXME, XXX or [PM] left in the text (error in a final chapter, warning in "
          "review, silent in concept)"),
    Check("final-cites-concept", "Huisregels", house.final_cites_concept,
          "a final chapter refers to a chapter that is still a concept"),
    Check("typed-count", "Huisregels", house.typed_count,
          "a typed count ('57 Standen', 'N onderzoeken', 'N knelpunten', 'N hoofdstukken') "
          "that differs from the data"),
)
BY_CODE = {c.code: c for c in CHECKS}


def levels(edition: Edition) -> dict[str, str]:
    """Each code's level for this edition: 'off', 'on' (its own severity), 'warning' or 'error'."""
    chosen = edition.config.checks if edition.config else {}
    return {c.code: chosen.get(c.code, c.default) for c in CHECKS}


def config_problems(edition: Edition) -> list[Problem]:
    """An unknown code under `checks:` is an error at its line (a typo must not pass)."""
    if edition.config is None:
        return []
    source = edition.config_source
    known = ", ".join(BY_CODE)
    return [
        Problem(source.path, source.line_of("checks", code), "error", "unknown-check",
                f"'{code}' is not a check: use one of {known}")
        for code in edition.config.checks if code not in BY_CODE
    ]


def run(ctx: Context) -> list[Problem]:
    """Run every check that is not off; give each problem the severity the edition chose."""
    problems: list[Problem] = []
    for code, level in levels(ctx.edition).items():
        if level == "off":
            continue
        for problem in BY_CODE[code].run(ctx):
            if level in ("warning", "error") and problem.severity != level:
                problem = Problem(problem.file, problem.line, level, problem.code, problem.message)
            problems.append(problem)
    return problems
