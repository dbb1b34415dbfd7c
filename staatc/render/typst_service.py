"""The Typst workers (render/typst_worker.py --serve): one per PDF render, or kept for a watch.

Typst runs in a child process so that a compile that runs away (time or memory, see
render/limits.py) can be stopped by killing it. A render starts its worker as it begins, so
the worker's start (Python, the Typst module) overlaps the render's pandoc run; it is stopped
when the render ends. In a watch session (`kept_typst`) one worker per document (rapportage,
kamerbrief) stays instead, with its compiler and a Typst root that keeps its place: Typst
memoises its layout per compiler, so after a small edit the next PDF takes a fraction of a
cold compile. Past a limit a worker is killed, and the next render starts a new one; a kept
one that has grown past half its memory limit is replaced before the next compile, so its
caches never make a legitimate build fail.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Iterator

from staatc.render.limits import memory_limit_mb, resident_bytes, watch

WORKER = Path(__file__).with_name("typst_worker.py")
KEPT: ContextVar[Workers | None] = ContextVar("staatc_kept_typst", default=None)


class Worker:
    """One `typst_worker.py --serve` process and the Typst root it compiles in."""

    def __init__(self, root: Path):
        self.root = root
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        if self.proc is None:
            # No stderr: Typst's errors come through the protocol; a worker that dies says so.
            self.proc = subprocess.Popen([sys.executable, "-E", "-P", str(WORKER), "--serve"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)

    def clear_root(self) -> Path:
        """The root emptied, for the render to stage its fonts and media anew."""
        for entry in self.root.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        return self.root

    def compile(self, request: bytes, what: str, source_bytes: int) -> tuple[int, bytes]:
        """(status, bytes) as typst_worker.py answers; raises past a limit (the worker is gone).
        The memory limit follows `source_bytes`, the Typst the compile reads (its files too)."""
        limit_mb = memory_limit_mb(source_bytes)
        if self.proc is not None and (self.proc.poll() is not None or
                                      (resident_bytes(self.proc.pid) or 0) > limit_mb * 2**19):
            self.stop()
        self.start()
        proc, answer = self.proc, {}

        def talk() -> None:
            try:
                proc.stdin.write(len(request).to_bytes(8, "big") + request)
                proc.stdin.flush()
                head = proc.stdout.read(9)
                if len(head) < 9:  # it died before answering
                    return
                size = int.from_bytes(head[1:], "big")
                data = proc.stdout.read(size)
                if len(data) == size:  # else it died mid-answer
                    answer["status"], answer["data"] = head[0], data
            except OSError:  # the worker died: Typst itself failed
                pass

        try:
            watch(proc, talk, what, None, limit_mb)
        except BaseException:
            self.stop()
            raise
        if "data" not in answer:
            self.stop()
            return 1, b"the Typst worker stopped"
        return answer["status"], answer["data"]

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


class Workers:
    """The kept workers of one watch session, one per document name."""

    def __init__(self):
        self._workers: dict[str, Worker] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> Worker:
        with self._lock:
            if name not in self._workers:  # its root lives as long as the session
                self._workers[name] = Worker(Path(tempfile.mkdtemp(prefix=f"staatc-{name}-")))
            return self._workers[name]

    def close(self) -> None:
        for worker in self._workers.values():
            worker.stop()
            shutil.rmtree(worker.root, ignore_errors=True)


@contextmanager
def kept_typst() -> Iterator[Workers]:
    """Within this block, every PDF is compiled by a worker that stays until its end."""
    workers = Workers()
    token = KEPT.set(workers)
    try:
        yield workers
    finally:
        KEPT.reset(token)
        workers.close()


@contextmanager
def one_off(root: Path) -> Iterator[Worker]:
    """A worker for one render in `root`, started now and stopped at the end."""
    worker = Worker(root)
    worker.start()
    try:
        yield worker
    finally:
        worker.stop()


@contextmanager
def typst_root(name: str) -> Iterator[tuple[Path, Worker]]:
    """Where a PDF render stages its fonts and media (Typst reads nothing else), and the worker
    that compiles it: a fresh temp folder and a worker started for this render, or in a watch
    session the kept worker and its own root, emptied (held for the render: the two PDFs have
    a worker each, one render at a time uses it)."""
    workers = KEPT.get()
    if workers is None:
        with tempfile.TemporaryDirectory(prefix=f"staatc-{name}-") as tmp, one_off(Path(tmp)) as worker:
            yield Path(tmp), worker
        return
    worker = workers.get(name)
    with worker.lock:
        yield worker.clear_root(), worker
