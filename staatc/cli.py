"""The command line: parse arguments, call a command in `staatc.commands`, print.

Heavy modules (pandoc, docx, typst, even the loader) are imported inside the
command that needs them, so `staatc --help` stays fast. A command raises a
`StaatcError` for a user mistake; `reported` is the one place that prints it.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

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


def _formats(name: str, *values: str) -> type[Enum]:
    return Enum(name, {v: v for v in values}, type=str)  # typer lists the values in --help


CheckFormat = _formats("CheckFormat", "text", "json", "github", "junit")
DiffFormat = _formats("DiffFormat", "text", "json", "html", "docx")
TrendsFormat = _formats("TrendsFormat", "text", "json", "csv")


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


@contextmanager
def reported(format: CheckFormat = CheckFormat.text, strict: bool = False) -> Iterator[Path]:
    """Run a command; a user mistake is printed in the format asked for and exits 1.

    Text goes to stderr as file:line: error: message. A machine format goes to stdout
    in that format, so CI reads a missing edition the way it reads any other problem.
    Anything that is not a StaatcError is a bug and stays a traceback.
    """
    cwd = Path.cwd()
    try:
        yield cwd
    except StaatcError as exc:
        from staatc.reporting import problems as report

        if format is CheckFormat.text:
            for problem in exc.problems:
                typer.echo(problem.format(cwd), err=True)
        else:
            sys.stdout.write(report.render(format.value, exc.problems, cwd, [], strict))
        raise typer.Exit(1) from None


@app.command()
def check(
    edition: EditionArg,
    format: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = CheckFormat.text,
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Validate an edition without rendering: every problem as file:line: message."""
    from staatc.commands.check import check as run_check
    from staatc.reporting import problems as report

    day = parse_as_of(as_of)
    with reported(format, strict) as cwd:
        checked = run_check(edition, cwd, day)
    result = checked.result
    for notice in result.notices:  # e.g. "spelling not checked": no problem, but worth knowing
        if format is CheckFormat.github:
            sys.stdout.write(report.github_notice(notice))
        else:
            typer.echo(f"notice: {notice}", err=True)
    sys.stdout.write(report.render(format.value, result.problems, cwd, checked.files, strict))
    if format is CheckFormat.text:
        typer.echo(report.summary(result.problems), err=True)
    raise typer.Exit(1 if result.failed(strict) else 0)


@app.command()
def build(
    edition: EditionArg,
    out: Annotated[Optional[Path], typer.Option("--out", help="Output folder (default build/<year>).")] = None,
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated formats: docx, pdf, html, or all (default docx,pdf).")
    ] = "docx,pdf",
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Build the rapportage and the kamerbrief as Word and accessible PDF, and the web edition."""
    from staatc.commands.build import build_edition, default_out_dir
    from staatc.load.edition import resolve_edition
    from staatc.reporting.progress import progress_line
    from staatc.render.registry import formats as offered

    known = offered()
    asked = {f.strip() for f in format.split(",") if f.strip()}
    if "all" in asked:
        asked = (asked - {"all"}) | set(known)
    unknown = sorted(asked - set(known))
    if unknown or not asked:
        raise typer.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}: use "
                                 f"{', '.join(known)}, a list such as docx,pdf, or all")
    formats = tuple(f for f in known if f in asked)
    day = parse_as_of(as_of)
    with reported() as cwd:
        root = resolve_edition(edition, cwd)
        with progress_line(quiet) as step:
            result = build_edition(root, out or default_out_dir(edition, root, cwd), day, formats,
                                   strict=strict, force=force, progress=step)
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

    from staatc.commands.build import default_out_dir

    day = parse_as_of(as_of) if as_of else None
    with reported() as cwd:
        root = resolve_edition(edition, cwd)
    out_dir = out or default_out_dir(edition, root, cwd)
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

    from staatc.commands.milestones import milestones as run_milestones
    from staatc.reporting import problems as report
    from staatc.reporting.schedule_view import milestone_table, overdue_table, verdict

    day = parse_as_of(as_of)
    with reported() as cwd:
        result = run_milestones(edition, cwd, day, ics)
    if result.errors:
        sys.stdout.write(report.as_text(result.errors, cwd))
        typer.echo(f"{report.summary(result.errors)} Fix them first: the schedule needs a valid edition.",
                   err=True)
        raise typer.Exit(1)
    console = Console(highlight=False)
    console.print(milestone_table(result.edition.config.title, result.schedule))
    console.print()
    console.print(overdue_table(result.schedule))
    console.print()
    console.print(verdict(result.schedule))
    if ics is not None:
        typer.echo(f"Wrote {ics} ({result.events} events).", err=True)
    raise typer.Exit(1 if result.failed else 0)


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", help="Output format.")] = RulesFormat.text,
) -> None:
    """Every problem code: its severity, its default under checks:, what it means and what to do."""
    from staatc.commands import rules as listing

    if format is RulesFormat.json:
        sys.stdout.write(listing.as_json())
    elif sys.stdout.isatty():
        from rich.console import Console

        Console(highlight=False).print(listing.as_table())
    else:
        sys.stdout.write(listing.as_text())


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

    from staatc.commands.diff import diff as run_diff

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    with reported() as cwd:
        result = run_diff(old, new, cwd, format.value, out, date.today(), color=color)
    if result.written is not None:
        if format is DiffFormat.docx:
            typer.echo(f"Wrote {_shown(result.written, cwd)}", err=True)
    elif isinstance(result.text, str):
        sys.stdout.write(result.text)
    else:
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(result.text, end="")


@app.command()
def trends(
    edition: Annotated[Optional[str], typer.Argument(help="A year or an edition folder (default: the newest).")] = None,
    format: Annotated[TrendsFormat, typer.Option("--format", help="Output format.")] = TrendsFormat.text,
) -> None:
    """The edition against the ones before it: Standen, knelpunten per theme, oproepen."""
    from staatc.commands.trends import load_trends, render

    with reported() as cwd:  # a broken series: file:line: error: … on stderr, whatever the format
        series = load_trends(edition, cwd, date.today())
    sys.stdout.write(render(series, format.value))


@app.command()
def new(year: Annotated[int, typer.Argument(help="The year of the new edition.")],
        from_: Annotated[Optional[str], typer.Option("--from", help="The edition to start from.")] = None) -> None:
    """Scaffold the next edition from the newest one (or --from): dates moved, chapters at concept."""
    from staatc.commands.new import new_edition, summary

    with reported() as cwd:
        typer.echo(summary(new_edition(year, from_, cwd), cwd))


@app.command("import")
def import_(docx: Annotated[Path, typer.Argument(help="The Word file (.docx).")], edition: EditionArg,
            chapter: Annotated[str, typer.Option("--chapter", help="The chapter to make: NN-slug.")]) -> None:
    """Turn a Word draft into a chapter: Markdown, its images; each comment and change reported."""
    from staatc.commands.import_docx import import_docx, summary

    with reported() as cwd:
        done = import_docx(docx, edition, chapter, cwd, date.today())
    *problems, wrote = summary(done, cwd)
    for line in problems:  # the Word file's comments and changes, the new chapter's problems
        typer.echo(line, err=True)
    typer.echo(wrote)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
