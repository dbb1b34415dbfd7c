"""Every rule `check` runs, in one list, and how `checks:` in edition.yaml switches warnings.

A rule is a pure function over what the pipeline has so far (`Inputs`) that returns
problems; `run_rules` runs all of them (no short circuit) and skips a rule only when every
code it reports is switched off, so a switched-off check costs nothing (spelling loads a
dictionary). The codes themselves, with their severities, are declared in `staatc.codes`.

A warning's level is `on` (its own severity, which may depend on the text: `todo-marker`),
`off`, `warning` or `error`. Errors cannot be switched: an edition with one cannot be built.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from staatc.codes import CODES, problem
from staatc.errors import Problem
from staatc.load.series import Series
from staatc.model import Edition, _Document
from staatc.suggest import did_you_mean
from staatc.schedule import plan
from staatc.validate.cache import FileCache
from staatc.validate import anchors, crossfile, glyphs, images, placeholders, series
from staatc.validate.editorial import CHECKS
from staatc.validate.editorial.document import Context, Speller, make_context
from staatc.validate.lazy import later


@dataclass(frozen=True)
class Inputs:
    """What the rules read: the loaded edition, its rendered texts, the day, the word lists."""

    edition: Edition
    texts: dict[Path, str]
    as_of: date
    woordenlijst: frozenset[str] = frozenset()
    speller: Speller | None = None
    series: Series = field(default_factory=Series)  # this edition and its predecessors

    @cached_property
    def context(self) -> Context:
        # Built once for all editorial checks, and only when one of them runs.
        return make_context(self.edition, self.texts, self.woordenlijst, self.speller)


@dataclass(frozen=True)
class Rule:
    name: str
    run: Callable[[Inputs], Iterable[Problem]]
    codes: tuple[str, ...]  # what it may report: it is skipped when all of them are off
    needs_config: bool = False  # without a valid edition.yaml its own errors say enough
    editorial: bool = False  # left out by `milestones`, which needs only a valid edition
    # Judges each document on its own: what it reports about a file follows from that file,
    # its rendered text and edition.yaml only, so it is cached per file (validate/cache.py).
    per_file: bool = False


def _on_edition(fn: Callable[[Edition], Iterable[Problem]], *codes: str,
                needs_config: bool = False, per_file: bool = False) -> Rule:
    return Rule(fn.__name__, lambda i: fn(i.edition), codes, needs_config, per_file=per_file)


def _on_texts(fn: Callable[[Edition, dict[Path, str]], Iterable[Problem]], *codes: str,
              per_file: bool = False) -> Rule:
    return Rule(fn.__name__, lambda i: fn(i.edition, i.texts), codes, per_file=per_file)


def _later(target: str) -> Callable:
    """The rule `module:function` of staatc.validate, imported when it first runs."""
    return later(f"staatc.validate.{target}")


def _editorial(code: str, fn: Callable[[Context], Iterable[Problem]], per_file: bool) -> Rule:
    return Rule(code, lambda i: fn(i.context), (code,), needs_config=True, editorial=True,
                per_file=per_file)


RULES: tuple[Rule, ...] = (
    _on_edition(crossfile.edition_matches_folder, "edition-folder"),
    _on_edition(crossfile.aanbieding_required, "missing-aanbieding"),
    _on_edition(crossfile.themes_exist, "unknown-theme"),
    _on_edition(crossfile.afkortingen_unique, "duplicate-afkorting"),
    _on_edition(crossfile.standen_unique_organisation, "duplicate-organisatie"),
    _on_edition(crossfile.chapter_numbers_unique, "duplicate-chapter-number"),
    _on_edition(crossfile.chapters_not_empty, "empty-chapter"),
    _on_edition(crossfile.references_resolve, "broken-reference"),
    _on_texts(crossfile.generated_references_resolve, "broken-reference"),
    _on_edition(crossfile.images_valid, "image-alt", "image-outside", "image-missing"),
    _on_edition(crossfile.links_are_web_addresses, "link-target"),
    # An internal #anchor that no heading has would vanish from the Word file.
    Rule("anchors_resolve", lambda i: anchors.anchors_resolve(i.edition, len(i.series) > 1),
         (anchors.CODE,)),
    # Drafts are untrusted: no raw Typst/Word/LaTeX/HTML, typed or generated (rawmarkup.py).
    _on_edition(_later("rawmarkup:raw_markup"), "raw-block", "raw-html", per_file=True),
    _on_texts(_later("rawmarkup:generated_raw_markup"), "raw-block", "raw-html", per_file=True),
    _on_edition(_later("nesting:nesting_depth"), "nesting-depth", per_file=True),  # Typst: a few dozen levels
    _on_edition(_later("headings:empty_headings"), "empty-heading", per_file=True),  # PDF/UA
    _on_edition(_later("nesting:markup_floods"), "markup-flood", per_file=True),  # not parsed past the limit
    _on_edition(placeholders.placeholders, placeholders.CODE),  # "(naam)" in a definitief edition
    _on_edition(images.image_problems, "image-invalid"),  # format, size, nothing active
    _on_edition(glyphs.glyph_problems, "glyph-missing"),  # what the PDF's fonts cannot print
    # Identities across editions (how the editions link up is found by load/series.py).
    *(Rule(fn.__name__, lambda i, fn=fn: fn(i.edition, i.series), (code,)) for fn, code in (
        (series.knelpunt_ids_unique, "duplicate-knelpunt-id"),
        (series.oproep_ids_unique, "duplicate-oproep"),
        (series.chapter_oproep_known, "unknown-oproep"),
        (series.theme_was_known, "unknown-theme-was"))),
    _on_edition(plan.milestones_in_order, "milestone-order", needs_config=True),
    _on_edition(plan.milestone_ids_unique, "duplicate-milestone", needs_config=True),
    _on_edition(plan.deadlines_before_aanbieding, "deadline-after-aanbieding", needs_config=True),
    _on_edition(plan.standen_before_peildatum, "stand-after-peildatum", needs_config=True),
    Rule("deadline_warnings", lambda i: plan.deadline_warnings(i.edition, i.as_of),
         ("chapter-overdue", "gate-missed", "gate-due"), needs_config=True),
    *(_editorial(check.code, check.run, check.per_file) for check in CHECKS),
)


def levels(edition: Edition) -> dict[str, str]:
    """Each code's level for this edition: 'off', 'on' (its own severity), 'warning' or 'error'."""
    chosen = edition.config.checks if edition.config else {}
    return {code: chosen.get(code, c.default) if c.switchable else "on"
            for code, c in CODES.items()}


def config_problems(edition: Edition) -> list[Problem]:
    """Unknown codes and switched-off errors under `checks:`, each at its line."""
    if edition.config is None:
        return []
    source = edition.config_source
    problems = []
    for code, level in edition.config.checks.items():
        line = source.line_of("checks", code)
        if code not in CODES:
            near = did_you_mean(code, CODES)
            hint = f"did you mean {near}?" if near else "use one of the codes"
            problems.append(problem("unknown-check", source.path, line,
                                    f"'{code}' is not a check: {hint} (`staatc rules` lists "
                                    "every code)"))
        elif not CODES[code].switchable and level != "error":
            problems.append(problem("check-not-switchable", source.path, line,
                                    f"'{code}' is an error, and errors cannot be switched off "
                                    f"or to '{level}' (an edition with one cannot be built): "
                                    "remove this line and fix the error instead"))
    return problems


def run_rules(inputs: Inputs, level: dict[str, str], editorial: bool = True,
              cache: FileCache | None = None) -> list[Problem]:
    """Every rule not switched off (`level`, from `levels`), in order; levels not yet applied.

    With a `cache`, the per-file rules run only on the documents it has no results for."""
    rules = [rule for rule in RULES if _runs(rule, inputs, level, editorial)]
    if cache is None:
        return _run(rules, inputs)
    problems = _run([rule for rule in rules if not rule.per_file], inputs)
    keys, stale = {}, []
    for doc in inputs.edition.documents():
        path = doc.source.path
        keys[path] = cache.key(path.relative_to(inputs.edition.root).as_posix(), _loaded(doc),
                               inputs.texts.get(path))
        cached = cache.get(keys[path], path)
        if cached is None:
            stale.append(doc)
        else:
            problems += cached
    if stale:
        found = _run([rule for rule in rules if rule.per_file], _only(inputs, stale))
        by_file: dict[Path, list[Problem]] = {doc.source.path: [] for doc in stale}
        for p in found:
            by_file.setdefault(p.file, []).append(p)
        if by_file.keys() == {doc.source.path for doc in stale}:  # else a rule is no per-file rule
            for path, own in by_file.items():
                cache.put(keys[path], own)
        problems += found
    return problems


def _runs(rule: Rule, inputs: Inputs, level: dict[str, str], editorial: bool) -> bool:
    if rule.editorial and not editorial:
        return False
    if rule.needs_config and inputs.edition.config is None:
        return False
    return not all(level[code] == "off" for code in rule.codes)


def _run(rules: Iterable[Rule], inputs: Inputs) -> list[Problem]:
    problems: list[Problem] = []
    for rule in rules:
        for p in rule.run(inputs):
            # A code a rule does not declare would escape its switch: a bug, so loudly.
            assert p.code in rule.codes, f"{rule.name} reported undeclared '{p.code}'"
            problems.append(p)
    return problems


def _loaded(doc: _Document) -> bytes:
    """The document as loaded (fields, body, lines of its keys): what the rules read of it,
    not the file now on disk, which an editor may have saved again since."""
    source = doc.source
    return (doc.model_dump_json(exclude={"source"}) + repr(list(source.lines.items()))
            + f"\0{source.body_line}").encode("utf-8", "surrogatepass")


def _only(inputs: Inputs, docs: list) -> Inputs:
    """The inputs with only these documents: what the per-file rules still have to judge."""
    ed, paths = inputs.edition, {doc.source.path for doc in docs}
    mine = lambda items: [d for d in items if d.source.path in paths]  # noqa: E731
    kamerbrief = ed.kamerbrief if ed.kamerbrief and ed.kamerbrief.source.path in paths else None
    return replace(inputs, edition=replace(ed, chapters=mine(ed.chapters), standen=mine(ed.standen),
                                           onderzoeken=mine(ed.onderzoeken), kamerbrief=kamerbrief))


def apply_levels(problems: Iterable[Problem], level: dict[str, str]) -> list[Problem]:
    """Drop what is off; give what is set to warning or error that severity."""
    kept = []
    for p in problems:
        chosen = level.get(p.code, "on")
        if chosen == "off":
            continue
        if chosen in ("warning", "error") and p.severity != chosen:
            p = replace(p, severity=chosen)
        kept.append(p)
    return kept
