"""Problems in an edition, and the error types that carry them.

A user mistake is never a traceback: every stage reports it as a `Problem` with
the file and line it comes from. Stages collect problems instead of stopping at
the first, so one run shows an editor everything that needs fixing.
Anything that is not a `StaatcError` is a bug in staatc and stays a traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from staatc.printable import no_command, printable

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in an edition, located as precisely as we can."""

    file: Path
    line: int | None
    # Every field takes part in equality: two different problems on one line are both kept
    # (only exact duplicates are merged by `sort_problems`).
    severity: Severity
    code: str
    message: str

    def sort_key(self) -> tuple[str, int, str, str]:
        return (str(self.file), self.line or 0, self.code, self.message)

    def display_path(self, cwd: Path | None = None) -> str:
        """The path as the contract wants it: relative to the current directory, printable."""
        base = cwd or Path.cwd()
        try:
            return printable(os.path.relpath(self.file, base))
        except ValueError:  # another drive on Windows
            return printable(str(self.file))

    def format(self, cwd: Path | None = None) -> str:
        where = self.display_path(cwd)
        if self.line:
            where = f"{where}:{self.line}"
        return no_command(f"{where}: {self.severity}: {printable(self.message)} [{self.code}]")

    def as_warning(self) -> Problem:
        return Problem(self.file, self.line, "warning", self.code, self.message)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=Problem.sort_key)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


class StaatcError(Exception):
    """A mistake in the user's input: reported as a message, never a traceback."""

    code = "error"

    def __init__(self, message: str, file: Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def problem(self) -> Problem:
        # `code` is declared in staatc.codes, which builds on this module (a test holds
        # every subclass to that).
        return Problem(self.file or Path("."), self.line, "error", self.code, self.message)

    @property
    def problems(self) -> list[Problem]:
        return [self.problem()]


class EditionNotFound(StaatcError):
    code = "edition-not-found"


class SourceEncodingError(StaatcError):
    code = "encoding"


class YamlSyntaxError(StaatcError):
    code = "yaml-syntax"


class FrontMatterError(StaatcError):
    code = "front-matter"


class UnsafePathError(StaatcError):
    code = "unsafe-path"


class HouseStyleError(StaatcError):
    """A file in the editions' own `templates/` folder that staatc will not use."""

    code = "house-style"


class TemplateError(StaatcError):
    code = "template"


class OutputError(StaatcError):
    code = "output"


class RenderLimitError(StaatcError):
    """A renderer (pandoc, Typst) ran out of its time or memory on this edition."""

    code = "render-limit"


class WordFileError(StaatcError):
    """A source file that is a Word document under a .md name."""

    code = "word-file"


class NewEditionError(StaatcError):
    """`staatc new` cannot make the edition: it exists already, or its year comes too early."""

    code = "new-edition"


class ImportSourceError(StaatcError):
    """`staatc import` cannot start: not a Word file, a bad chapter name, a chapter that exists."""

    code = "import-source"


class InvalidEdition(StaatcError):
    """The edition has problems (errors, or warnings under --strict); carries them all."""

    code = "invalid-edition"

    def __init__(self, problems: list[Problem]):
        self._problems = sort_problems(problems)
        n = sum(p.severity == "error" for p in self._problems)
        super().__init__(f"the edition has {n} error(s); fix them and run again")

    @property
    def problems(self) -> list[Problem]:
        return self._problems
