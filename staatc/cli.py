"""The command line: parse arguments, call the pipeline, print. Nothing else lives here.

Heavy modules (pandoc, docx, typst, even the loader) are imported inside the
command that needs them, so `staatc --help` stays fast.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import StaatcError

app = typer.Typer(
    name="staatc",
    help="Compile the Staat van de Uitvoering: check drafts, build the Word and PDF documents.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"staatc {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Compile the Staat van de Uitvoering."""


def parse_as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a date: write it as YYYY-MM-DD") from None


EditionArg = Annotated[str, typer.Argument(help="A year (editions/<year>) or an edition folder.")]
AsOfOpt = Annotated[
    Optional[str], typer.Option("--as-of", help="Check deadlines as on this date (YYYY-MM-DD; default today).")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")]


def fail(exc: StaatcError) -> None:
    """Print a user mistake as file:line: message and exit 1: never a traceback."""
    cwd = Path.cwd()
    for problem in exc.problems:
        typer.echo(problem.format(cwd), err=True)
    raise typer.Exit(1)


@app.command()
def check(
    edition: EditionArg,
    format: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = CheckFormat.text,
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Validate an edition without rendering: every problem as file:line: message."""
    from . import report
    from .check import check_edition
    from .load import resolve_edition

    cwd = Path.cwd()
    day = parse_as_of(as_of)
    try:
        result = check_edition(resolve_edition(edition, cwd), day)
    except StaatcError as exc:
        fail(exc)
    problems = result.problems
    if format is CheckFormat.text:
        sys.stdout.write(report.as_text(problems, cwd))
        typer.echo(report.summary(problems), err=True)
    elif format is CheckFormat.json:
        sys.stdout.write(report.as_json(problems, cwd))
    elif format is CheckFormat.github:
        sys.stdout.write(report.as_github(problems, cwd))
    else:
        files = [d.source.path for d in result.edition.documents()] + [result.edition.config_source.path]
        sys.stdout.write(report.as_junit(problems, cwd, files, strict))
    raise typer.Exit(1 if result.failed(strict) else 0)


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    docx = "docx"


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The old side: a year, an edition folder, or EDITION@GITREV.")],
    new: Annotated[str, typer.Argument(help="The new side: a year, an edition folder, or EDITION@GITREV.")],
    format: Annotated[DiffFormat, typer.Option("--format", help="Output format.")] = DiffFormat.text,
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Write to this file (docx default: diff-OLD-NEW.docx).")
    ] = None,
) -> None:
    """Show what changed between two editions or drafts (EDITION@GITREV reads a git revision)."""
    import os

    from .diff_sources import compare

    cwd = Path.cwd()
    try:
        result = compare(old, new, cwd, date.today())
    except StaatcError as exc:
        fail(exc)
    if format is DiffFormat.docx:
        from .diff_docx import render as render_docx

        target = out or cwd / _safe_name(f"diff-{old}-{new}.docx")
        target.write_bytes(render_docx(result))
        typer.echo(f"Wrote {target}", err=True)
        return
    if format is DiffFormat.text:
        from .diff_text import render as render_text

        color = out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_text(result, color)
        if color:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(text, end="")
            return
        output = text.plain
    elif format is DiffFormat.json:
        from .diff_json import render as render_json

        output = render_json(result)
    else:
        from .diff_html import render as render_html

        output = render_html(result)
    if out is None:
        sys.stdout.write(output)
    else:
        out.write_text(output, encoding="utf-8")


def _safe_name(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
