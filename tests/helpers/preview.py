"""`staatc serve` in a thread of the test, on a free port of 127.0.0.1, bounded in time."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from datetime import date
from pathlib import Path

LIMIT = 30.0  # seconds any step may take before a test gives up


@contextlib.contextmanager
def running_preview(edition: Path):
    from staatc.commands.serve import Preview, serve

    lines: list[str] = []
    stop = threading.Event()
    state = Preview(edition, edition.parent.parent / "build", Path.cwd(), as_of=lambda: date(2024, 9, 1))
    thread = threading.Thread(target=serve, args=(state, 0, lines.append, stop), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + LIMIT
        while not any(line.startswith("Serving") for line in lines):
            assert time.monotonic() < deadline and thread.is_alive(), lines
            time.sleep(0.05)
        yield state, re.search(r"http://127\.0\.0\.1:\d+/", lines[0])[0], lines
    finally:
        stop.set()
        thread.join(LIMIT)
    assert not thread.is_alive()
