"""The command line: parse arguments, call a command in `staatc.commands`, print.

Heavy modules (pandoc, docx, typst, even the loader) are imported inside the
command that needs them, so `staatc --help` stays fast. A command raises a
`StaatcError` for a user mistake; `reported` (cli_output) is the one place that prints
it. The shared options live in cli_options, the printing in cli_output.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from staatc import __version__
from staatc.cli_options import (AsOfOpt, CheckFormat, DiffFormat, EditionArg, EditionsArg,
                                MilestonesFormat, RulesFormat, StrictOpt, TrendsFormat, parse_as_of,
                                switches)
from staatc.cli_output import (SWITCHES, built_lines, check_summary, emit, parse_formats, print_problems,
                               reported, say, shown, tell)

app = typer.Typer(
    name="staatc",
    help="Compile the Staat van de Uitvoering: check drafts, build the Word and PDF documents.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(*args, **kwargs):
    """`app.command` with --verbose, --debug and --quiet (cli_options.switches)."""
    return lambda fn: app.command(*args, **kwargs)(switches(fn))


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


@command()
def check(
    editions: EditionsArg = None,
    every: Annotated[bool, typer.Option("--all", help="Check every edition under editions/.")] = False,
    format: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = CheckFormat.text,
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse unchanged files' results (build/<year>/.staatc-cache).")] = True,
) -> None:
    """Validate editions without rendering: every problem as file:line: message."""
    from staatc.commands.check import check_editions

    day = parse_as_of(as_of)
    with reported(format, strict, "the check failed") as cwd:
        checked = check_editions(editions or [], every, cwd, day, cache)
    if format is not CheckFormat.text:  # the machine formats' writers (xml.etree): not for text
        from staatc.reporting import problems as report
    for notice in checked.notices:  # e.g. "spelling not checked": no problem, but worth knowing
        if format is CheckFormat.github:
            emit(report.github_notice(notice), "github")
        elif not SWITCHES.quiet:
            say(f"notice: {notice}")
    failed = checked.failed(strict)
    if format is CheckFormat.text:
        print_problems(checked.problems, cwd)
        say(check_summary(checked.problems, strict, failed))
    else:
        emit(report.render(format.value, checked.problems, cwd, checked.files, strict), format.value)
    raise typer.Exit(1 if failed else 0)


@command()
def build(
    edition: EditionArg = None,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="FOLDER",
                                                help="Output folder (default build/<year> beside editions/).")] = None,
    format: Annotated[str, typer.Option("--format", metavar="FORMATS", help="Comma-separated formats: "
                                        "docx, pdf, html, or all (default docx,pdf).")] = "docx,pdf",
    as_of: AsOfOpt = None,
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Render every file anew, even when nothing changed (no render cache).")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Build again on every save, until Ctrl+C.")] = False,
) -> None:
    """Build the rapportage and the kamerbrief as Word and accessible PDF, and the web edition."""
    from staatc.commands.build import build_edition
    from staatc.load.locate import default_out_dir, resolve_edition
    from staatc.reporting.progress import progress_line

    formats, day = parse_formats(format), parse_as_of(as_of)
    with reported(strict=strict) as cwd:
        root = resolve_edition(edition, cwd)
        out_dir = out or default_out_dir(edition, root, cwd)
        if watch:
            return _watch(root, out_dir, (lambda: day) if as_of else date.today, formats, strict, force, cwd)
        with progress_line(SWITCHES.quiet, SWITCHES.verbose) as step:
            result = build_edition(root, out_dir, day, formats, strict=strict, force=force,
                                   progress=step, waiting=say)
    built_lines(result, result.problems, cwd)


def _watch(root: Path, out_dir: Path, as_of, formats, strict: bool, force: bool, cwd: Path) -> None:
    from staatc.commands.watch import watch_build

    def built(result, problems, seconds: float) -> None:
        built_lines(result, problems, cwd, seconds, strict)
        say(f"Watching {shown(root, cwd)} for changes (Ctrl+C stops)")
    try:
        watch_build(root, out_dir, as_of, formats, built, strict=strict, force=force, waiting=say)
    except KeyboardInterrupt:  # the way to stop it: 130 as for any Ctrl+C, and no traceback
        say("Stopped watching.")
        raise typer.Exit(130) from None


@command()
def serve(
    edition: EditionArg = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1 (0: any free port).")] = 8000,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="FOLDER",
                                                help="Build folder (default build/<year> beside editions/).")] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Preview the web edition on 127.0.0.1: rebuilt on every save, the open page reloads."""
    from staatc.commands.serve import Preview, serve as run_preview
    from staatc.load.locate import default_out_dir, resolve_edition

    day = parse_as_of(as_of) if as_of else None
    with reported() as cwd:
        root = resolve_edition(edition, cwd)
    out_dir = out or default_out_dir(edition, root, cwd)
    preview = Preview(root, out_dir, cwd, as_of=(lambda: day) if day else date.today)
    try:
        run_preview(preview, port, tell)
    except OSError as exc:
        typer.echo(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}; choose another --port", err=True)
        raise typer.Exit(1)
    except KeyboardInterrupt:
        pass


@command()
def milestones(
    edition: EditionArg = None,
    as_of: AsOfOpt = None,
    format: Annotated[MilestonesFormat, typer.Option("--format", help="Output format.")] = MilestonesFormat.text,
    ics: Annotated[
        Optional[Path],
        typer.Option("--ics", metavar="FILE", dir_okay=False,
                     help="Also write the milestones and chapter deadlines as an iCalendar file."),
    ] = None,
) -> None:
    """The schedule: every milestone, its gate and the chapters that block it; overdue chapters.

    Exits 1 when a milestone has passed (its date is before --as-of) with its gate unmet.
    """
    from staatc.commands.milestones import milestones as run_milestones
    from staatc.reporting import schedule_text

    day = parse_as_of(as_of)
    with reported(consequence="there is no schedule") as cwd:
        result = run_milestones(edition, cwd, day, ics)
    if result.errors:
        print_problems(result.errors, cwd)
        typer.echo(f"{check_summary(result.errors, False, True)} Fix them first: the schedule needs "
                   "a valid edition.", err=True)
        raise typer.Exit(1)
    title, sched = result.edition.config.title, result.schedule
    if format is MilestonesFormat.json:
        emit(schedule_text.as_json(result.edition.config.edition, title, sched), "json")
    elif format is MilestonesFormat.markdown:
        emit(schedule_text.as_markdown(title, sched))
    else:
        _schedule_on_screen(title, sched)
    if ics is not None:
        say(f"Wrote {ics} ({result.events} events).")
    raise typer.Exit(1 if result.failed else 0)


def _schedule_on_screen(title, sched) -> None:
    """Tables on a terminal wide enough to keep every word whole; plain lines otherwise."""
    from rich.console import Console

    from staatc.reporting import schedule_text, schedule_view as view

    console = Console(highlight=False)
    tables = (view.milestone_table(title, sched), view.overdue_table(sched))
    if not (console.is_terminal and view.fits(console, *tables)):
        emit(schedule_text.as_lines(title, sched))
        return
    for part in (*tables, view.verdict(sched)):
        console.print(part)
        console.print()


@command()
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


@command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The old side: a year, an edition folder, or EDITION@GITREV.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new side: a year, an edition folder, or EDITION@GITREV.")],
    format: Annotated[DiffFormat, typer.Option("--format", help="Output format.")] = DiffFormat.text,
    out: Annotated[
        Optional[Path], typer.Option("--out", metavar="FILE", help="Write to this file (docx default: diff-OLD-NEW.docx).")
    ] = None,
) -> None:
    """Show what changed between two editions or drafts (EDITION@GITREV reads a git revision)."""
    from staatc.cli_output import colour
    from staatc.commands.diff import diff as run_diff

    with reported(consequence="nothing was compared") as cwd:
        result = run_diff(old, new, cwd, format.value, out, date.today(), color=colour(sys.stdout))
    if result.written is not None:
        if format is DiffFormat.docx:
            say(f"Wrote {shown(result.written, cwd)}")
    elif isinstance(result.text, str):
        emit(result.text, format.value)
    else:
        from rich.console import Console

        Console(highlight=False, soft_wrap=True).print(result.text, end="")


@command()
def trends(
    edition: Annotated[Optional[str], typer.Argument(
        metavar="EDITION", help="A year or an edition folder (default: the one you are in, or the newest).")] = None,
    format: Annotated[TrendsFormat, typer.Option("--format", help="Output format.")] = TrendsFormat.text,
) -> None:
    """The edition against the ones before it: Standen, knelpunten per theme, oproepen."""
    from staatc.commands.trends import load_trends, render

    with reported(consequence="no trends were computed") as cwd:  # a broken series: file:line problems on stderr
        series = load_trends(edition, cwd, date.today())
    emit(render(series, format.value), format.value)


@command()
def new(year: Annotated[int, typer.Argument(help="The year of the new edition.")],
        from_: Annotated[Optional[str], typer.Option("--from", help="The edition to start from.")] = None) -> None:
    """Scaffold the next edition from the newest one (or --from): dates moved, chapters at concept."""
    from staatc.commands.new import new_edition, summary

    with reported() as cwd:
        say(summary(new_edition(year, from_, cwd), cwd), err=False)


@command("import")
def import_(docx: Annotated[Path, typer.Argument(help="The Word file (.docx).")], edition: EditionArg,
            chapter: Annotated[str, typer.Option("--chapter", help="The chapter to make: NN-slug.")]) -> None:
    """Turn a Word draft into a chapter: Markdown, its images; each comment and change reported."""
    from staatc.commands.import_docx import import_docx, summary

    with reported() as cwd:
        done = import_docx(docx, edition, chapter, cwd, date.today())
    *problems, wrote = summary(done, cwd)
    for line in problems:  # the Word file's comments and changes, the new chapter's problems
        tell(line)
    say(wrote, err=False)


def main() -> None:
    from staatc.cli_output import internal_error

    try:
        app()
    except Exception as exc:  # noqa: BLE001 - a bug in staatc: see internal_error
        sys.exit(internal_error(exc))


if __name__ == "__main__":
    main()
