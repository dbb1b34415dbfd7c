"""Watch benchmark: how long a save takes to give the new PDF in `staatc build --watch`.

Runs the engine of `staatc build --watch --format pdf` (staatc.commands.watch.watch_build:
watchfiles, one process, a kept Typst worker per PDF) on a copy of the 2024 sample and times,
from the write of a chapter to the end of the build it starts (the PDF written), the median of
`--edits` saves of each kind: a word changed inside a paragraph, and a new paragraph (which
moves the pages after it, so Typst lays those out again). Against it, the named baseline: a
fresh `staatc build --format pdf --force` (median of 3). Target (issue 16): ≤ 0.3 s.

Run from the repository root: `python benchmarks/bench_watch.py [--edits 5] [--json FILE]`.
"""

from __future__ import annotations

import argparse
import json
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from bench_serve import CHAPTER, ROOT, full_build  # beside this file

AS_OF = date(2024, 9, 1)


def word_edit(original: str, current: str, n: int) -> str:
    """One word inside a paragraph in the middle of the chapter: changed, then changed back."""
    at = original.index(" de ", len(original) // 2)
    return original[:at] + " die " + original[at + 4:] if n % 2 == 0 else original


def paragraph_edit(original: str, current: str, n: int) -> str:
    return current + f"\nEen nieuwe alinea voor de meting, nummer {n}, over de uitvoering.\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="staatc build --watch: save to new PDF")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from staatc.commands.watch import watch_build

    with tempfile.TemporaryDirectory(prefix="staatc-bench-watch-") as tmp:
        work = Path(tmp)
        for year in ("2023", "2024"):
            shutil.copytree(ROOT / "editions" / year, work / "editions" / year)
        edition, out = work / "editions" / "2024", work / "out"
        baseline = full_build(edition, work / "out-fresh", 3, "pdf", "--as-of", AS_OF.isoformat())
        done: queue.Queue = queue.Queue()
        stop = threading.Event()
        watcher = threading.Thread(target=watch_build, daemon=True, args=(
            edition, out, lambda: AS_OF, ("pdf",),
            lambda result, problems, seconds: done.put((time.perf_counter(), result is not None))),
            kwargs={"stop": stop})
        watcher.start()
        done.get(timeout=60)  # the first build
        rows = []
        chapter = edition / CHAPTER
        original = chapter.read_text(encoding="utf-8")
        for kind, edit in (("a word changed", word_edit), ("a new paragraph", paragraph_edit)):
            times = []
            for n in range(args.edits):
                time.sleep(0.3)  # a pause between saves, as an editor makes
                text = edit(original, chapter.read_text(encoding="utf-8"), n)
                saved = time.perf_counter()
                chapter.write_text(text, encoding="utf-8")
                finished, ok = done.get(timeout=60)
                if not ok:
                    raise SystemExit(f"the build after '{kind}' failed")
                times.append(finished - saved)
            seconds = statistics.median(times)
            rows.append({"figure": f"build --watch --format pdf: save to PDF, {kind}",
                         "seconds": round(seconds, 3), "baseline": "fresh build --format pdf --force",
                         "baseline_seconds": round(baseline, 3), "ratio": round(seconds / baseline, 2),
                         "target": "<= 0.3 s"})
            print(f"{rows[-1]['figure']:56} {seconds:6.3f} s  {seconds / baseline:5.2f}x "
                  f"fresh build --format pdf ({baseline:.3f} s)  target <= 0.3 s", flush=True)
        stop.set()
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # wake it
        watcher.join(timeout=30)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
