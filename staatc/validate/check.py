"""The check pipeline: load → render expressions → every rule → the edition's levels.

The rules, from cross-file references to the editorial checks, all run through
`staatc.validate.registry`; `editorial=False` leaves the editorial ones out.
`staatc build` runs the same pipeline first, so a render never discovers a user
mistake that `staatc check` would not have reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from staatc.errors import Problem, has_errors, sort_problems
from staatc.load.edition import load_edition
from staatc.load.series import Series, load_series
from staatc.markdown import headings, links, memo, prose, tree  # noqa: F401 - their memos
from staatc.model import Edition
from staatc.templating.render import render_texts
from staatc.validate.cache import NAME as CACHE_NAME, FileCache, known_words
from staatc.validate.editorial import hyphenation
from staatc.validate.editorial.readability import KNOWN
from staatc.validate.registry import Inputs, apply_levels, config_problems, levels, run_rules


@dataclass(frozen=True)
class CheckResult:
    edition: Edition
    problems: list[Problem]
    texts: dict[Path, str]  # each document's body with its expressions rendered
    # Things to tell the editor that are not problems in the text ("spelling not checked: …").
    notices: list[str] = field(default_factory=list)
    series: Series = field(default_factory=Series)  # this edition and its predecessors

    def failed(self, strict: bool = False) -> bool:
        return has_errors(self.problems) or (strict and bool(self.problems))


def check_edition(root: Path, as_of: date, editorial: bool = True, cache_dir: Path | None = None,
                  write: Callable[[Path, bytes], None] | None = None,
                  loaded: Callable[[CheckResult], None] | None = None) -> CheckResult:
    """`cache_dir` keeps the per-file rules' results between runs (validate/cache.py), saved
    through `write` (staatc.output.write_atomic, which this stage may not import).

    `loaded` hears the edition as soon as it is loaded and its texts rendered without an
    error, before the rules run (their problems and notices are not in it yet): a build
    starts rendering then, and drops the renders when the rules find an error."""
    memo.start()
    edition, problems = load_edition(root)
    series, link_problems = load_series(edition)  # how the editions link up: found while loading
    problems = [*problems, *link_problems]
    cache = None
    if cache_dir is not None:
        # What every per-file rule may read besides its own file: the settings in edition.yaml.
        settings = edition.config.model_dump_json() if edition.config else "no edition.yaml"
        cache = FileCache(cache_dir / CACHE_NAME, f"{editorial}\0{settings}".encode())
        KNOWN.update(known_words(cache.words))
        hyphenation.keep_in(cache_dir)
        memo.learn(cache.kept_memos())
    texts, template_problems = render_texts(edition, series, cache)
    if loaded is not None and not has_errors([*problems, *template_problems]):
        loaded(CheckResult(edition, [], texts, [], series))
    level = levels(edition)
    woordenlijst, speller, notices = frozenset(), None, []
    if editorial and edition.config is not None and level["spelling"] != "off":
        from staatc.validate.editorial import spelling_inputs

        woordenlijst, speller, word_problems, notices = spelling_inputs(edition.root)
        problems = [*problems, *word_problems]
    inputs = Inputs(edition, texts, as_of, woordenlijst, speller, series)
    problems = [
        *problems,
        *template_problems,
        *config_problems(edition),
        *run_rules(inputs, level, editorial, cache),
    ]
    if cache is not None and write is not None:
        cache.keep_words(KNOWN)
        cache.keep_memos(memo.used())
        cache.save(write)
        hyphenation.save(write)
    return CheckResult(edition, sort_problems(apply_levels(problems, level)), texts, notices, series)
