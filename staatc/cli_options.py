"""The arguments and options the commands share, and the switches every command takes.

`--verbose`, `--debug` and `--quiet` are accepted by every command, after it as people
type them (`staatc build 2024 --verbose`): `switches` adds them to a command's signature,
so cli.py declares each command once and these three nowhere else.
"""

from __future__ import annotations

import functools
import inspect
import os
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer


def formats(name: str, *values: str) -> type[Enum]:
    return Enum(name, {v: v for v in values}, type=str)  # typer lists the values in --help


CheckFormat = formats("CheckFormat", "text", "json", "github", "junit")
DiffFormat = formats("DiffFormat", "text", "json", "html", "docx")
TrendsFormat = formats("TrendsFormat", "text", "json", "csv")
MilestonesFormat = formats("MilestonesFormat", "text", "json", "markdown")
RulesFormat = formats("RulesFormat", "text", "json")

EditionArg = Annotated[Optional[str], typer.Argument(
    metavar="EDITION", show_default=False,
    help="A year (editions/<year>, here or in a folder above) or an edition folder; "
         "default: the edition folder you are in.")]
EditionsArg = Annotated[Optional[list[str]], typer.Argument(
    metavar="EDITION", show_default=False,
    help="Years or edition folders; default: the edition folder you are in.")]
AsOfOpt = Annotated[Optional[str], typer.Option(
    "--as-of", metavar="DATE", help="Check deadlines as on this date (YYYY-MM-DD; default today).")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")]


def parse_as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from staatc.load.plain import date_message

        raise typer.BadParameter(date_message("--as-of", value)) from None


@dataclass
class Switches:
    verbose: bool = False
    debug: bool = False
    quiet: bool = False


def _debug_env() -> bool:
    return os.environ.get("STAATC_DEBUG", "") not in ("", "0")


SWITCHES = Switches(debug=_debug_env())

_ADDED = {
    "verbose": Annotated[bool, typer.Option("--verbose", "-v", help="Show each step, and the pandoc and Typst calls.")],
    "debug": Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error "
                                          "(for a bug report; or set STAATC_DEBUG=1).")],
    "quiet": Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems: no progress, "
                                          "no summary, no 'Wrote:' lines.")],
}


def switches(command):
    """Give `command` the three switches; they are set in SWITCHES before it runs."""
    own = inspect.signature(command, eval_str=True)
    added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=False, annotation=kind)
             for name, kind in _ADDED.items() if name not in own.parameters]

    @functools.wraps(command)
    def run(*args, **kwargs):
        for name in _ADDED:  # afresh for each command: one run's --quiet is not the next one's
            setattr(SWITCHES, name, bool(kwargs.get(name)) or (name == "debug" and _debug_env()))
            if name not in own.parameters:
                kwargs.pop(name, None)
        from staatc.cli_output import start_logging

        start_logging(SWITCHES.verbose)
        try:
            return command(*args, **kwargs)
        finally:
            start_logging(False)

    params = [*own.parameters.values(), *added]
    run.__signature__ = own.replace(parameters=params)
    run.__annotations__ = {p.name: p.annotation for p in params}
    del run.__wrapped__  # typer reads the new signature, not the command's own
    return run
