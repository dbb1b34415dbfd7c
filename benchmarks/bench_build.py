"""Build benchmark: staatc build against the raw pandoc + typst baseline.

Prints median wall time and peak RSS (of the largest process) for:
  1. `staatc build 2024 --force` (both documents, both formats);
  2. the baseline: raw `pandoc` → docx, `pandoc` → typst and `typst compile`, one after
     another, on the same assembled Markdown (what a hand-made script would do);
  3. a no-op rebuild (`staatc build 2024`, nothing changed);
  4. a synthetic edition 10× the 2024 sample (made by benchmarks/make_edition.py).
Then the ratios: build / baseline (target ≤ 0.8) and 10× / 1× (target ≤ 10).

Run from the repository root: `python benchmarks/bench_build.py [--runs 3]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

_MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "for cmd in __import__('json').loads(sys.argv[1]):\n"
    "    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def measure(commands: list[list[str]], cwd: Path) -> tuple[float, float]:
    """Run the commands one after another in a fresh process: (seconds, peak RSS in MB)."""
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, json.dumps(commands)],
        cwd=cwd, capture_output=True, text=True, check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def median(runs: int, commands: list[list[str]], cwd: Path, before=None) -> tuple[float, float]:
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(measure(commands, cwd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def baseline_commands(work: Path) -> list[list[str]]:
    """Write the assembled 2024 Markdown and its media; return the raw tool calls."""
    import pypandoc

    from staatc.assemble.rapportage import assemble, theme_counts
    from staatc.assemble.chart import knelpunten_chart
    from staatc.validate.check import check_edition

    result = check_edition(ROOT / "editions" / "2024", date(2024, 9, 1))
    chart = knelpunten_chart([(label, n) for _, label, n in theme_counts(result.edition)])
    doc = assemble(result, chart=chart)
    (work / "in.md").write_text(doc.markdown, encoding="utf-8")
    for name, data in doc.media.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(data)
    pandoc = pypandoc.get_pandoc_path()
    typst = [sys.executable, "-c", "import typst; typst.compile('out.typ', output='out.pdf')"]
    return [
        [pandoc, "in.md", "-o", "out.docx"],
        [pandoc, "in.md", "-s", "-t", "typst", "-o", "out.typ"],
        typst,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description="staatc build benchmark")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # Builds stop at 500 MB per process (staatc/render/limits.py); the benchmark measures the
    # peak instead, so it lifts that limit and reports OVER when the target is missed.
    os.environ.setdefault("STAATC_MEMORY_LIMIT_MB", "4000")
    staatc = [sys.executable, "-m", "staatc"]

    with tempfile.TemporaryDirectory(prefix="staatc-bench-") as tmp:
        work = Path(tmp)
        out = work / "out"
        build = [*staatc, "build", str(ROOT / "editions" / "2024"), "--out", str(out), "--quiet"]

        one = median(args.runs, [build + ["--force"]], ROOT)
        noop = median(max(args.runs, 5), [build], ROOT)

        base_dir = work / "baseline"
        base_dir.mkdir()
        base = median(args.runs, baseline_commands(base_dir), base_dir)

        from make_edition import make_edition

        big = make_edition(ROOT / "editions" / "2024", work / "synthetic-10x", 10)
        big_build = [*staatc, "build", str(big), "--out", str(work / "out10"), "--quiet", "--force"]
        ten = median(args.runs, [big_build], ROOT)
        shutil.rmtree(big)

    print(f"median of {args.runs} runs (no-op: {max(args.runs, 5)}); peak RSS of the largest process")
    rows = [
        ("staatc build 2024 (4 files)", one),
        ("baseline: pandoc docx + pandoc typst + typst", base),
        ("no-op rebuild", noop),
        ("synthetic edition 10x", ten),
    ]
    for name, (seconds, rss) in rows:
        print(f"  {name:46} {seconds:7.2f} s   {rss:6.0f} MB")
    print(f"ratio build / baseline: {one[0] / base[0]:.2f}   (target <= 0.8)")
    print(f"no-op rebuild: {noop[0]:.2f} s            (target <= 0.4 s)")
    print(f"ratio 10x / 1x: {ten[0] / one[0]:.2f}           (target <= 10, peak RSS <= 500 MB: "
          f"{'ok' if ten[1] <= 500 else 'OVER'})")


if __name__ == "__main__":
    main()
