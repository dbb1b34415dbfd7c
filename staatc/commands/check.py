"""`staatc check`: validate one edition or several without rendering anything."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from staatc.errors import Problem, StaatcError, has_errors, sort_problems
from staatc.validate.check import CheckResult, check_edition

log = logging.getLogger("staatc")


@dataclass(frozen=True)
class CheckReport:
    result: CheckResult
    files: list[Path]  # every source file: JUnit shows a passing case for each clean one


def check(edition: str | None, cwd: Path, as_of: date, cache: bool = True) -> CheckReport:
    from staatc.load.locate import resolve_edition

    root = resolve_edition(edition, cwd)
    return _check_root(root, as_of, cache_folder(edition, root, cwd) if cache else None)


def cache_folder(edition: str | None, root: Path, cwd: Path) -> Path:
    """Where `build` would put the outputs: the per-file results are kept beside them."""
    from staatc.load.folders import CACHE_FOLDER
    from staatc.load.locate import default_out_dir

    return default_out_dir(edition, root, cwd) / CACHE_FOLDER


def _write(path: Path, data: bytes) -> None:
    # staatc.output (with ctypes) is loaded only when the cache changed: not on a warm check.
    from staatc.output import write_atomic

    write_atomic(path, data)


def _check_root(root: Path, as_of: date, cache_dir: Path | None) -> CheckReport:
    log.info("checking %s", root)
    result = check_edition(root, as_of, cache_dir=cache_dir, write=_write)
    files = [d.source.path for d in result.edition.documents()] + [result.edition.config_source.path]
    return CheckReport(result, files)


@dataclass(frozen=True)
class EditionsReport:
    """Several editions checked in one run: every problem of each, as one list."""

    roots: list[Path]
    problems: list[Problem]
    files: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def failed(self, strict: bool = False) -> bool:
        return has_errors(self.problems) or (strict and bool(self.problems))


def check_editions(editions: list[str], every: bool, cwd: Path, as_of: date,
                   cache: bool = True) -> EditionsReport:
    """`check 2023 2024`, `check --all`, or `check` alone inside an edition folder.

    An edition that cannot be found is one more problem: the others are still checked, so
    CI shows everything a pull request broke in one run.
    """
    from staatc.load.locate import all_editions, resolve_edition

    roots: list[Path] = []
    names: dict[Path, str | None] = {}  # as typed: `check 2024` keeps build/2024 by that name
    problems: list[Problem] = []
    if every:
        roots = all_editions(cwd)  # no editions/ at all: nothing to check, an error
    for arg in editions or ([] if every else [None]):
        try:
            root = resolve_edition(arg, cwd)
        except StaatcError as exc:
            problems += exc.problems
            continue
        if root not in roots:
            roots.append(root)
            names[root] = arg
    files: list[Path] = []
    notices: list[str] = []
    for root in roots:
        cache_dir = cache_folder(names.get(root), root, cwd) if cache else None
        report = _check_root(root, as_of, cache_dir)
        problems += report.result.problems
        files += report.files
        notices += [n for n in report.result.notices if n not in notices]
    return EditionsReport(roots, sort_problems(problems), files, notices)
