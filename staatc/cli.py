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

from staatc import __version__
from staatc.errors import StaatcError

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
    from staatc.reporting import problems as report
    from staatc.validate.check import check_edition
    from staatc.load.edition import resolve_edition

    cwd = Path.cwd()
    day = parse_as_of(as_of)
    try:
        result = check_edition(resolve_edition(edition, cwd), day)
    except StaatcError as exc:
        fail(exc)
    problems = result.problems
    for notice in result.notices:  # e.g. "spelling not checked": no problem, but worth knowing
        if format is CheckFormat.github:
            sys.stdout.write(report.github_notice(notice))
        else:
            typer.echo(f"notice: {notice}", err=True)
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


@app.command()
def build(
    edition: EditionArg,
    out: Annotated[Optional[Path], typer.Option("--out", help="Output folder (default build/<year>).")] = None,
    format: Annotated[str, typer.Option("--format", help="Comma-separated: docx,pdf,html, or all.")] = "docx,pdf",
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Build the rapportage and the kamerbrief as Word and accessible PDF, and the web edition."""
    from staatc.commands.build import ALL_FORMATS, build_edition
    from staatc.load.edition import resolve_edition

    asked = {f.strip() for f in format.split(",") if f.strip()}
    if "all" in asked:
        asked = (asked - {"all"}) | set(ALL_FORMATS)
    unknown = sorted(asked - set(ALL_FORMATS))
    if unknown or not asked:
        raise typer.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}: use docx, pdf, "
                                 "html, a list such as docx,pdf, or all")
    formats = tuple(f for f in ALL_FORMATS if f in asked)
    cwd = Path.cwd()
    day = parse_as_of(as_of)
    try:
        root = resolve_edition(edition, cwd)
        out_dir = out or cwd / "build" / (root.name if not edition.isdigit() else edition)
        with _progress(quiet) as step:
            result = build_edition(root, out_dir, day, formats, strict=strict, force=force, progress=step)
    except StaatcError as exc:
        fail(exc)
    for problem in result.problems:
        typer.echo(problem.format(cwd), err=True)
    verb = "Up to date" if result.skipped else "Wrote"
    for path in result.outputs:
        typer.echo(f"{verb}: {_shown(path, cwd)}")


@app.command()
def serve(
    edition: EditionArg,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free port).")] = 8000,
    out: Annotated[Optional[Path], typer.Option("--out", help="Build folder (default build/<year>).")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Preview the web edition on 127.0.0.1: rebuilt on every save, the open page reloads."""
    from staatc.commands.serve import Preview, serve as run_preview
    from staatc.load.edition import resolve_edition

    cwd = Path.cwd()
    day = parse_as_of(as_of) if as_of else None
    try:
        root = resolve_edition(edition, cwd)
    except StaatcError as exc:
        fail(exc)
    out_dir = out or cwd / "build" / (root.name if not edition.isdigit() else edition)
    preview = Preview(root, out_dir, cwd, as_of=(lambda: day) if day else date.today)
    try:
        run_preview(preview, port, lambda line: typer.echo(line, err=True))
    except OSError as exc:
        typer.echo(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}; choose another --port", err=True)
        raise typer.Exit(1)
    except KeyboardInterrupt:
        pass


def _shown(path: Path, cwd: Path) -> str:
    import os

    return os.path.relpath(path, cwd)


class _progress:
    """A rich status line on a terminal; silent when piped, in CI or with --quiet."""

    def __init__(self, quiet: bool):
        self.status = None
        if not quiet and sys.stderr.isatty():
            from rich.console import Console

            self.status = Console(stderr=True).status("Building")

    def __enter__(self):
        if self.status is not None:
            self.status.start()
        return self.update

    def update(self, step: str) -> None:
        if self.status is not None:
            self.status.update(step + " …")

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.stop()


@app.command()
def milestones(
    edition: EditionArg,
    as_of: AsOfOpt = None,
    ics: Annotated[
        Optional[Path],
        typer.Option("--ics", help="Also write the milestones and chapter deadlines as an iCalendar file.",
                     dir_okay=False),
    ] = None,
) -> None:
    """The schedule: every milestone, its gate and the chapters that block it; overdue chapters.

    Exits 1 when a milestone has passed (its date is before --as-of) with its gate unmet.
    """
    from rich.console import Console

    from staatc.reporting import problems as report
    from staatc.validate.check import check_edition
    from staatc.errors import has_errors
    from staatc.load.edition import resolve_edition
    from staatc.schedule.plan import build_schedule
    from staatc.reporting.schedule_view import milestone_table, overdue_table, verdict

    cwd = Path.cwd()
    day = parse_as_of(as_of)
    try:  # the schedule needs a valid edition; editorial findings do not block it
        result = check_edition(resolve_edition(edition, cwd), day, editorial=False)
    except StaatcError as exc:
        fail(exc)
    if has_errors(result.problems):
        errors = [p for p in result.problems if p.severity == "error"]
        sys.stdout.write(report.as_text(errors, cwd))
        typer.echo(f"{report.summary(errors)} Fix them first: the schedule needs a valid edition.", err=True)
        raise typer.Exit(1)
    ed = result.edition
    sched = build_schedule(ed, day)
    console = Console(highlight=False)
    console.print(milestone_table(ed.config.title, sched))
    console.print()
    console.print(overdue_table(sched))
    console.print()
    console.print(verdict(sched))
    if ics is not None:
        from staatc.reporting.ics import calendar_bytes
        from staatc.output import write_atomic

        try:
            write_atomic(ics, calendar_bytes(ed))
        except StaatcError as exc:
            fail(exc)
        n = len(ed.config.milestones) + len(ed.chapters)
        typer.echo(f"Wrote {ics} ({n} events).", err=True)
    raise typer.Exit(1 if sched.missed else 0)


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

    from staatc.diff.sources import compare
    from staatc.output import write_atomic

    cwd = Path.cwd()
    try:
        result = compare(old, new, cwd, date.today())
    except StaatcError as exc:
        fail(exc)
    if format is DiffFormat.docx:
        from staatc.diff.to_docx import render as render_docx

        target = out or cwd / _safe_name(f"diff-{old}-{new}.docx")
        try:
            write_atomic(target, render_docx(result))
        except StaatcError as exc:
            fail(exc)
        typer.echo(f"Wrote {_shown(target, cwd)}", err=True)
        return
    if format is DiffFormat.text:
        from staatc.diff.to_text import render as render_text

        color = out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_text(result, color)
        if color:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(text, end="")
            return
        output = text.plain
    elif format is DiffFormat.json:
        from staatc.diff.to_json import render as render_json

        output = render_json(result)
    else:
        from staatc.diff.to_html import render as render_html

        output = render_html(result)
    if out is None:
        sys.stdout.write(output)
        return
    try:
        write_atomic(out, output.encode("utf-8"))
    except StaatcError as exc:
        fail(exc)


def _safe_name(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
