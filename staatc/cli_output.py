"""What the command line prints: problems (coloured on a terminal), summaries, internal errors.

Colour only on a terminal, and never under NO_COLOR (https://no-color.org) or TERM=dumb:
piped output and CI logs stay plain `file:line: severity: message [code]` lines.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator

import typer

from staatc.cli_options import SWITCHES, CheckFormat

# logging, staatc.errors and staatc.printable are imported where used: `--help` needs none.
if TYPE_CHECKING:
    from staatc.errors import Problem

_SEVERITY = {"error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow", "bold": True}}


def colour(stream: IO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def problem_line(p: Problem, cwd: Path, coloured: bool) -> str:
    if not coloured:
        return p.format(cwd)
    from staatc.printable import printable

    where = p.display_path(cwd) + (f":{p.line}" if p.line else "")
    return (f"{typer.style(where, bold=True)}: {typer.style(p.severity, **_SEVERITY[p.severity])}: "
            f"{printable(p.message)} {typer.style(f'[{p.code}]', dim=True)}")


def print_problems(problems: list[Problem], cwd: Path, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    coloured = colour(stream)
    for p in problems:
        typer.echo(problem_line(p, cwd, coloured), err=err, color=coloured)


def counts(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def why(problems: list[Problem], strict: bool, consequence: str) -> str:
    """The summary of a failure: '3 errors, 2 warnings: nothing was written.'"""
    line = f"{counts(problems)}: {consequence}"
    if strict and not any(p.severity == "error" for p in problems):
        line += " (--strict counts warnings as failures)"
    return line + "."


def check_summary(problems: list[Problem], strict: bool, failed: bool) -> str:
    if not problems:
        return "No problems found."
    if failed:
        return why(problems, strict, "the check failed")
    return f"{counts(problems)}: the check passed (warnings fail only under --strict)."


def printed(text: str, kind: str = "text") -> str:
    """What a command prints of its report, through the one escape (staatc.printable): it may
    hold file names and values of an untrusted draft, and it lands in terminals and CI logs.
    `kind` "json" keeps JSON valid; "github" is made of workflow commands on purpose, with
    every field escaped where it was written (reporting.problems)."""
    from staatc.printable import escape_controls, json_printable, printable_lines

    if kind == "json":
        return json_printable(text)
    return escape_controls(text) if kind == "github" else printable_lines(text)


def emit(text: str, kind: str = "text") -> None:
    sys.stdout.write(printed(text, kind))


def say(line: str, err: bool = True) -> None:
    """A line of the tool's own talk (summaries, 'Wrote:'): silent under --quiet."""
    if not SWITCHES.quiet:
        tell(line, err)


def tell(line: str, err: bool = True) -> None:
    """A line that is printed even under --quiet (problems, a preview's log), made printable."""
    from staatc.printable import printable_lines

    typer.echo(printable_lines(line), err=err)


@contextmanager
def reported(format: CheckFormat = CheckFormat.text, strict: bool = False,
             consequence: str = "nothing was written") -> Iterator[Path]:
    """Run a command; a user mistake is printed in the format asked for and exits 1.

    Text goes to stderr as file:line: error: message, then why the command stopped. A machine
    format goes to stdout in that format, so CI reads a missing edition the way it reads any
    other problem. Anything that is not a StaatcError is a bug: see `internal_error`.
    """
    from staatc.errors import StaatcError

    cwd = Path.cwd()
    try:
        yield cwd
    except StaatcError as exc:
        from staatc.reporting import problems as report

        if format is CheckFormat.text:
            print_problems(exc.problems, cwd, err=True)
            typer.echo(why(exc.problems, strict, consequence), err=True)
        else:
            emit(report.render(format.value, exc.problems, cwd, [], strict), format.value)
        raise typer.Exit(1) from None


def shown(path: Path, cwd: Path) -> str:
    return os.path.relpath(path, cwd)


def parse_formats(value: str) -> tuple[str, ...]:
    """`build --format docx,pdf` (or all): the registered formats asked for, in their order."""
    from staatc.render.registry import formats as offered

    known = offered()
    asked = {f.strip() for f in value.split(",") if f.strip()}
    if "all" in asked:
        asked = (asked - {"all"}) | set(known)
    unknown = sorted(asked - set(known))
    if unknown or not asked:
        raise typer.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}: use "
                                 f"{', '.join(known)}, a list such as docx,pdf, or all")
    return tuple(f for f in known if f in asked)


def built_lines(result, problems: list[Problem], cwd: Path, seconds: float | None = None,
                strict: bool = False) -> None:
    """After a build: its problems, then what it wrote (`result` None: it stopped on errors)."""
    print_problems(problems, cwd, err=True)
    if result is None:
        say(why(problems, strict, "nothing was written"))
        return
    verb = "Up to date" if result.skipped else "Wrote"
    for path in result.outputs:
        say(f"{verb}: {shown(path, cwd)}", err=False)
    if seconds is not None:
        say(f"Built in {seconds:.2f} s")


@lru_cache(maxsize=1)
def _stderr_now() -> type:
    """The handler class, made once (it subclasses logging's, which `--help` does not load)."""
    import logging

    from staatc.printable import printable_lines

    class _StderrNow(logging.StreamHandler):
        """Writes to sys.stderr as it is at each message, not as it was when --verbose was first
        given: one process can run many commands (tests, serve), each with its own stderr."""

        def emit(self, record: logging.LogRecord) -> None:
            self.stream = sys.stderr
            super().emit(record)

        def format(self, record: logging.LogRecord) -> str:
            return printable_lines(super().format(record))  # steps name the draft's files

    return _StderrNow


def start_logging(verbose: bool) -> None:
    """--verbose: the steps and the pandoc and Typst calls (logger 'staatc', INFO) on stderr.

    Set afresh for each command, so one command's --verbose does not carry into the next."""
    import logging

    handler_class = _stderr_now()
    logger = logging.getLogger("staatc")
    for handler in [h for h in logger.handlers if isinstance(h, handler_class)]:
        logger.removeHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    if verbose:
        handler = handler_class(sys.stderr)
        handler.setFormatter(logging.Formatter("· %(message)s"))
        logger.addHandler(handler)


def internal_error(exc: BaseException) -> int:
    """A bug in staatc: one plain paragraph, or the whole traceback under --debug; or Ctrl-C
    that Python wrapped in an exception of its own (exit 130, as for any Ctrl-C)."""
    from staatc.__main__ import interrupted

    if interrupted(exc):
        return 130
    if SWITCHES.debug:
        raise exc
    typer.echo(f"staatc stopped on an internal error ({type(exc).__name__}: {exc}).\n"
               "This is a bug in staatc, not a mistake in your edition. Please report it with the "
               "output of the same command run again with --debug (or STAATC_DEBUG=1).", err=True)
    return 70  # EX_SOFTWARE
