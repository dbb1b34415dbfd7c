"""Serve benchmark: how long a saved edit takes to reach the open page.

Prints the median over 5 edits of one paragraph of one chapter of (a copy of) the 2024
sample, from the write of the file to the reload signal (`/__staatc/wait` answering, the
moment the open page reloads), with `staatc serve` running as it does for an editor
(watchfiles and all). Against it, the named baseline: `staatc build <copy> --format html
--force` (the full build of the web edition, a fresh process, median of 3).
The target: edit → new page ≤ 0.5 s.

Run from the repository root: `python benchmarks/bench_serve.py [--edits 5]`.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "chapters/03-betrek-de-uitvoering.md"


def full_build(edition: Path, out: Path, runs: int, fmt: str = "html", *options: str) -> float:
    """The median seconds of `runs` fresh `staatc build --format <fmt> --force` processes."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "staatc", "build", str(edition), "--format", fmt,
                        "--force", "--out", str(out), *options], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def edit_latencies(edition: Path, out: Path, edits: int) -> list[float]:
    from staatc.commands.serve import Preview, serve

    preview = Preview(edition, out, ROOT, as_of=lambda: date(2024, 6, 1))
    stop, ready = threading.Event(), threading.Event()
    thread = threading.Thread(target=serve, args=(preview, 0, lambda line: ready.set(), stop),
                              daemon=True)
    thread.start()
    ready.wait(120)
    time.sleep(1.0)  # the watcher is started just after the first build is announced
    chapter = edition / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    first = next(p for p in text.split("\n\n") if p and p[0].isalpha())
    latencies = []
    try:
        for n in range(edits):
            seen = preview.version
            started = time.perf_counter()
            chapter.write_text(text.replace(first, f"{first} Wijziging {n}.", 1), encoding="utf-8")
            preview.wait(seen, timeout=60)
            latencies.append(time.perf_counter() - started)
            assert not preview.problems, preview.problems
            time.sleep(1.0)  # the search index of this edit is done before the next
    finally:
        stop.set()
        thread.join(10)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3, help="runs of the full build")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as tmp:
        edition = Path(tmp) / "2024"
        shutil.copytree(ROOT / "editions" / "2024", edition)
        baseline = full_build(edition, Path(tmp) / "full", args.runs)
        latencies = edit_latencies(edition, Path(tmp) / "serve", args.edits)
    edit = statistics.median(latencies)
    print(f"baseline  build --format html --force   {baseline:6.3f} s  (median of {args.runs})")
    print(f"serve     edit → new page               {edit:6.3f} s  (median of {args.edits}: "
          + ", ".join(f"{t:.3f}" for t in latencies) + ")")
    print(f"ratio     edit / baseline               {edit / baseline:6.2f}   (target: edit ≤ 0.5 s)")


if __name__ == "__main__":
    main()
