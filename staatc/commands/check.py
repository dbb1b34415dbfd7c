"""`staatc check`: validate an edition without rendering anything."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from staatc.validate.check import CheckResult, check_edition


@dataclass(frozen=True)
class CheckReport:
    result: CheckResult
    files: list[Path]  # every source file: JUnit shows a passing case for each clean one


def check(edition: str, cwd: Path, as_of: date) -> CheckReport:
    from staatc.load.edition import resolve_edition

    result = check_edition(resolve_edition(edition, cwd), as_of)
    files = [d.source.path for d in result.edition.documents()] + [result.edition.config_source.path]
    return CheckReport(result, files)
