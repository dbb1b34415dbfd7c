"""The build's progress as one status line on a terminal; silent when piped, in CI or quiet."""

from __future__ import annotations

import sys


class progress_line:
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
