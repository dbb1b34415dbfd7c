"""Time and memory for the expressions of one text: checked while the template's code runs.

The size and call limits live in `staatc.templating.limits`; this is the budget that stops a
loop that writes nothing, and a text that grows the process beyond its share.
"""

from __future__ import annotations

import os
import sys
import time

from staatc.templating import limits  # read at use: tests and callers may tighten them
from staatc.templating.limits import LimitExceeded


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _memory() -> int | None:
    """This process's memory in bytes: resident now (Linux), else its peak (macOS); None on Windows.

    Not the peak where the current size can be read: a process started by a big one inherits
    that one's peak (Linux keeps it across fork and exec), which would hide our own growth.
    """
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: the time limit still applies
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


class Budget:
    """Time and memory for one text's expressions, checked as the template's code runs.

    A trace function sees every line of the compiled template (and only those: other frames
    get no local trace), so a loop that never writes anything is still stopped.
    """

    EVERY = 256  # lines between checks: cheap enough, and a check is a system call

    def __init__(self, seconds: float | None = None, memory: int | None = None):
        self.seconds = limits.TIME_LIMIT if seconds is None else seconds
        self.memory = limits.MEMORY_LIMIT if memory is None else memory
        self.ticks = 0

    def __enter__(self) -> Budget:
        self.deadline = time.monotonic() + self.seconds
        start = _memory()
        self.memory_ceiling = None if start is None else start + self.memory
        self.previous = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(self, *exc) -> None:
        sys.settrace(self.previous)

    def _call(self, frame, event, arg):
        return self._line if frame.f_code.co_filename == "<template>" else None

    def _line(self, frame, event, arg):
        self.ticks += 1
        if self.ticks % self.EVERY == 0:
            self.check()
        return self._line

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"the expressions took longer than {self.seconds:g} seconds")
        if self.memory_ceiling is not None and (_memory() or 0) > self.memory_ceiling:
            raise LimitExceeded(f"the expressions need more than {self.memory // 2**20} MB "
                                "of memory")
