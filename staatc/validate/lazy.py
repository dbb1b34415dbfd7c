"""A rule or check imported when it first runs.

The per-file rules run only on files the check cache has no results for, and spelling is off
by default, so most `check`s never load their modules (and what those import).
"""

from __future__ import annotations

from importlib import import_module
from typing import Callable


def later(target: str) -> Callable:
    """The function `package.module:function`, imported on its first call."""
    module, _, name = target.partition(":")

    def run(*args):
        return getattr(import_module(module), name)(*args)

    run.__name__ = name
    return run
