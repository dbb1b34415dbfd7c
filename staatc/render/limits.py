"""Run a renderer's helper process (pandoc, the Typst worker) within a time and a memory limit.

Drafts are untrusted, and pandoc and Typst can be made to work for a very long time or to
grow without end (a 5 MB chapter, a table of ten thousand rows, lists nested hundreds deep).
A build must then stop with a message, not hang a CI runner or an editor's laptop. So every
helper runs as a child process that is watched: it is killed when it runs longer than
TIME_LIMIT seconds or when its memory (resident set) passes the limit, and the build fails
with a `RenderLimitError` that says which.

The memory limit guards against hostile input, not size: by default it is 500 MB plus
MB_PER_INPUT_MB for every MB the helper is given (a legitimate edition ten times the sample
gives Typst 0.98 MB and needs about 680 MB), at most a quarter of the machine's memory (never below 500 MB).
`STAATC_MEMORY_LIMIT_MB` (read here, at the edge) sets it outright; the message says which
limit stopped the build and how to raise it. Memory is watched through /proc (Linux, where
CI runs); elsewhere only the time limit applies.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from contextvars import ContextVar
from pathlib import Path

from staatc.errors import RenderLimitError

TIME_LIMIT = 300.0  # seconds for one helper process
DEFAULT_MEMORY_LIMIT_MB = 500
MB_PER_INPUT_MB = 300  # Typst's layout grows with the text: the 10x edition's 0.98 MB needed 680 MB
POLL = 0.02  # seconds between looks at the child's memory
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


# Set by the build for the renders it may drop (render/parallel.py): a build whose check
# fails while its renders run stops their helper processes instead of waiting for them.
ABANDONED: ContextVar[threading.Event | None] = ContextVar("staatc_abandoned", default=None)


class Abandoned(Exception):
    """The build no longer wants this render; its helper process was stopped."""


def _machine_mb() -> int | None:
    try:
        return os.sysconf("SC_PHYS_PAGES") * _PAGE // 2**20
    except (AttributeError, ValueError, OSError):
        return None


def memory_limit_mb(input_bytes: int = 0) -> int:
    """The limit for a helper given `input_bytes`: the environment's, or the default for that size."""
    value = os.environ.get("STAATC_MEMORY_LIMIT_MB", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    wanted = DEFAULT_MEMORY_LIMIT_MB + MB_PER_INPUT_MB * input_bytes // 2**20
    machine = _machine_mb()
    cap = max(DEFAULT_MEMORY_LIMIT_MB, machine // 4) if machine else wanted
    return min(wanted, cap)


def limit_advice(limit_mb: int) -> str:
    """Which memory limit stopped the build, and how to raise it (for the message)."""
    if os.environ.get("STAATC_MEMORY_LIMIT_MB", "").isdigit():
        which = f"the limit set by STAATC_MEMORY_LIMIT_MB ({limit_mb} MB)"
    else:
        which = (f"the default limit for this input ({limit_mb} MB: {DEFAULT_MEMORY_LIMIT_MB} MB "
                 f"plus {MB_PER_INPUT_MB} MB per MB of text, at most a quarter of this machine's "
                 "memory)")
    return (f"{which}; if the edition is legitimate, raise it, for example "
            f"STAATC_MEMORY_LIMIT_MB={limit_mb * 2} staatc build …")


def resident_bytes(pid: int) -> int | None:
    """Resident memory of a process in bytes, or None where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    return int(fields[1]) * _PAGE


def run_limited(cmd: list[str], data: bytes, *, env: dict[str, str] | None, what: str,
                timeout: float | None = None, memory_mb: int | None = None
                ) -> subprocess.CompletedProcess:
    """Run `cmd` with `data` on stdin; kill it and raise RenderLimitError past a limit.

    `what` names the work for the message ("making the PDF (Typst)").
    """
    limit_mb = memory_mb or memory_limit_mb(len(data))
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    result: dict[str, bytes] = {}

    def talk() -> None:  # in a thread, so big inputs and outputs never block the watch
        result["out"], result["err"] = proc.communicate(data)

    watch(proc, talk, what, timeout, limit_mb)
    return subprocess.CompletedProcess(cmd, proc.returncode, result.get("out", b""),
                                       result.get("err", b""))


def watch(proc: subprocess.Popen, talk, what: str, timeout: float | None, limit_mb: int) -> None:
    """Run `talk` (the exchange with `proc`) in a thread while watching `proc`: past the time
    or memory limit, or when the build abandons its renders, `proc` is killed and this raises."""
    timeout = TIME_LIMIT if timeout is None else timeout
    limit = limit_mb * 1024 * 1024
    talker = threading.Thread(target=talk, daemon=True)
    talker.start()
    deadline = time.monotonic() + timeout
    exceeded = None
    abandoned = ABANDONED.get()
    while talker.is_alive():
        talker.join(POLL)
        if not talker.is_alive():
            break
        if abandoned is not None and abandoned.is_set():
            proc.kill()
            talker.join()
            raise Abandoned(what)
        if time.monotonic() > deadline:
            exceeded = f"took longer than {timeout:g} seconds"
        elif (rss := resident_bytes(proc.pid)) is not None and rss > limit:
            exceeded = f"needed more than {limit_mb} MB of memory ({limit_advice(limit_mb)})"
        if exceeded:
            proc.kill()
            talker.join()
            raise RenderLimitError(
                f"{what} {exceeded}, so the build stopped. The edition is too large or too "
                "deeply nested for one document: shorten very long chapters and tables, flatten "
                "deep lists and quotes (the limits are set by STAATC_MEMORY_LIMIT_MB)"
            )
