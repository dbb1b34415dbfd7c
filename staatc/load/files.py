"""The file system of an untrusted edition: links that loop, folders nested without end.

A draft can hold a symbolic link to itself (or two that point at each other), which makes
`Path.resolve` raise, and folders nested thousands deep, which make a recursive walk run out of
Python's stack. Both are refusals with a message at the path, never a traceback: `resolved`
is the one way the loader resolves a path, `walk_files` the one way it lists a folder tree.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from staatc.errors import UnsafePathError

MAX_FOLDER_DEPTH = 20  # images/ and templates/ need one or two levels

_LOOP = ("this is a symbolic link that leads round in a loop (to itself, or to a link that "
         "points back at it): remove it, or make it a real file or folder")


def resolved(path: Path) -> Path:
    """`path` with every link followed; a loop of links is an `UnsafePathError` at `path`."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # "Symlink loop" (3.11/3.12), ELOOP
        raise UnsafePathError(_LOOP, path) from None


def walk_files(folder: Path) -> Iterator[Path]:
    """Every entry below `folder` that is not a real folder (files, links, odd files), sorted
    per folder, without following links to folders and without recursion; a folder nested
    deeper than MAX_FOLDER_DEPTH is an `UnsafePathError` at that folder."""
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_FOLDER_DEPTH:
            raise UnsafePathError(
                f"the folders here are nested more than {MAX_FOLDER_DEPTH} deep: move the files "
                "up, close to the folder they belong in", current)
        with os.scandir(current) as entries:
            found = sorted(entries, key=lambda e: e.name)
        below = []
        for entry in found:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                below.append((path, depth + 1))
            else:
                yield path
        stack.extend(reversed(below))
