"""`staatc build --watch`: build, then build again on every save, until Ctrl+C.

One process for every build, so what the first build loaded stays loaded: the imports, the
spelling dictionary and the hyphenation patterns, the Jinja environment, pandoc's path, and a
Typst worker per PDF with its compiler (render/typst_service.py: a small edit is laid out
again from Typst's memo, not from scratch); the check cache and the render cache on disk tell
which files must be judged and rendered again. A build
that fails on the edition's mistakes reports them and waits for the next save; the previous
documents stay as they were (build writes nothing unless it succeeds). What is watched: the
edition folder and the editions' own templates/ folder (house style), as `serve` does with
watchfiles; the build folder is outside the edition, so writing it starts no new build.
"""

from __future__ import annotations

import threading
import time
from datetime import date
from pathlib import Path
from typing import Callable

from staatc.commands.build import BuildResult, build_edition
from staatc.errors import Problem, StaatcError
from staatc.load.folders import override_folder

DEBOUNCE_MS = 200  # an editor's save is often several writes: wait until they are done
STEP_MS = 30

Built = Callable[[BuildResult | None, list[Problem], float], None]  # result, problems, seconds


def watched(root: Path) -> list[Path]:
    folders = [root]
    house = override_folder(root)
    if house is not None and house.is_dir() and not house.is_symlink():
        folders.append(house)
    return folders


def watch_build(root: Path, out_dir: Path, as_of: Callable[[], date], formats: tuple[str, ...],
                built: Built, *, strict: bool = False, force: bool = False,
                progress: Callable[[str], None] = lambda step: None,
                waiting: Callable[[str], None] = lambda message: None,
                stop: threading.Event | None = None) -> None:
    """Build now, then after every change, telling `built` each time; returns when `stop` is
    set. Ctrl+C raises KeyboardInterrupt (the CLI ends with exit code 130)."""
    import watchfiles

    from staatc.render.typst_service import kept_typst

    def once(force: bool) -> None:
        started = time.monotonic()
        try:
            result = build_edition(root, out_dir, as_of(), formats, strict=strict, force=force,
                                   progress=progress, waiting=waiting)
        except StaatcError as exc:  # the edition's mistakes: shown, and the next save tries again
            built(None, exc.problems, time.monotonic() - started)
            return
        built(result, result.problems, time.monotonic() - started)

    with kept_typst():  # one Typst worker per PDF for the whole session: its layout memo stays
        once(force)
        for _changes in watchfiles.watch(*watched(root), stop_event=stop, debounce=DEBOUNCE_MS,
                                         step=STEP_MS, raise_interrupt=True):
            once(False)
