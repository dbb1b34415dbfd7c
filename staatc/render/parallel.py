"""The build's renders, side by side, started as soon as their documents exist.

Each render spends its time in a pandoc subprocess or in the Typst worker, neither holding the
GIL, so the renders run in threads and a build takes about as long as its slowest render.
The build starts the first of them, the rapportage's PDF, while the check's rules still run
(staatc.commands.build; `held`), and the others when the rules are done; when the rules find an
error, `abandon` stops the helper processes (render/limits.py) and the results are never used.
A render whose document is in the render cache (render/cache.py) does not run at all.
"""

from __future__ import annotations

import contextvars
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from staatc.render.limits import ABANDONED

if TYPE_CHECKING:
    from staatc.render.base import Renderer
    from staatc.render.cache import RenderCache

DocT = TypeVar("DocT")
Output = bytes | dict[str, bytes]  # a file, or a folder of files (the web edition)


@dataclass(frozen=True)
class Job(Generic[DocT]):
    """One output: which document, through which renderer, under which name."""

    name: str
    document: DocT
    renderer: Renderer[DocT]  # from the registry: it takes its product's own document type


class Renders:
    """Started on creation; `results()` waits for them, `abandon()` stops them."""

    def __init__(self, jobs: list[Job], cache: RenderCache | None = None, reuse: bool = True,
                 held: bool = False):
        self.jobs, self.cache, self.reuse = jobs, cache, reuse
        self._abandoned = threading.Event()
        self._done: dict[str, Output] = {}
        self._keys: dict[str, str] = {}
        todo = []
        for job in jobs:
            if cache is not None and job.renderer.name not in _FOLDERS:
                from staatc.render.cache import render_key

                self._keys[job.name] = key = render_key(job.renderer, job.document)
                kept = cache.get(key) if reuse else None
                if kept is not None:
                    self._done[job.name] = kept
                    continue
            todo.append(job)
        # One render per core, in the jobs' order (the slowest first: the rapportage's PDF, pandoc
        # then Typst, is the longest chain): more at once only slows that chain down.
        self._pool = ThreadPoolExecutor(max_workers=max(1, min(_cores(), len(todo))),
                                        thread_name_prefix="staatc-render")
        # Held: only the first render (the longest chain) starts now; `release` starts the rest.
        self._held = todo[1:] if held else []
        self._futures: dict[str, Future] = {job.name: self._submit(job)
                                            for job in todo[:1 if held else len(todo)]}

    def release(self) -> None:
        """Start the renders that were held."""
        held, self._held = self._held, []
        self._futures.update((job.name, self._submit(job)) for job in held)

    @property
    def reused(self) -> list[str]:
        """The outputs taken from the render cache."""
        return [job.name for job in self.jobs if job.name in self._done]

    def _submit(self, job: Job) -> Future:
        context = contextvars.copy_context()  # the helper processes hear `abandon` through it
        context.run(ABANDONED.set, self._abandoned)
        if self.cache is not None:  # where a renderer keeps parts of its work (cache.kept_part)
            from staatc.render.cache import PARTS

            context.run(PARTS.set, (self.cache, self.reuse))
        return self._pool.submit(context.run, job.renderer.render, job.document)

    def results(self) -> dict[str, Output]:
        """Every output by name, in the jobs' order; a render's error is raised here."""
        self.release()
        try:
            out = {job.name: self._done[job.name] if job.name in self._done
                   else self._futures[job.name].result() for job in self.jobs}
        except BaseException:
            self.abandon()
            raise
        self._pool.shutdown()
        if self.cache is not None:
            for name, key in self._keys.items():
                if name in self._futures:
                    self.cache.put(key, out[name])
        return out

    def abandon(self) -> None:
        """Stop what still runs and wait until it has stopped (a moment: the processes are killed)."""
        self._abandoned.set()
        self._pool.shutdown(wait=True, cancel_futures=True)


_FOLDERS = ("html",)  # a site is many files, kept by the web edition's own incremental build


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def render_all(jobs: list[Job]) -> dict[str, Output]:
    """Render every job now, side by side, without a cache."""
    return Renders(jobs).results()
