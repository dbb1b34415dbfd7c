"""The build's progress as one status line on a terminal; silent when piped, in CI or quiet.

Under --verbose every step is a line of its own instead (the pandoc and Typst calls are
logged between them), so the whole build can be read back afterwards.
"""

from __future__ import annotations

import logging
import sys

from staatc.printable import printable

log = logging.getLogger("staatc")


class progress_line:
    """A rich status line on a terminal; silent when piped, in CI or with --quiet."""

    def __init__(self, quiet: bool, verbose: bool = False):
        self.status = None
        self.verbose = verbose
        if not quiet and not verbose and sys.stderr.isatty():
            from rich.console import Console

            self.status = Console(stderr=True).status("Building")

    def __enter__(self):
        if self.status is not None:
            self.status.start()
        return self.update

    def update(self, step: str) -> None:
        if self.verbose:
            log.info("%s", step)
        if self.status is not None:
            from rich.text import Text

            # Text, not a str: rich would read "[…]" in a step's file name as markup.
            self.status.update(Text(printable(step) + " …"))

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.stop()
