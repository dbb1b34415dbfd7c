"""Median wall time of `staatc --help` and `staatc check 2024` over 10 runs.

Run from the repository root: `python benchmarks/bench_cli.py`. Targets on the
2-core reference machine: help ≤ 0.25 s, check ≤ 0.5 s. The baseline is a bare
`python -c pass`, so the ratios show what staatc itself adds to interpreter start-up.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 10
ROOT = Path(__file__).resolve().parent.parent


def median_seconds(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    staatc = shutil.which("staatc") or f"{Path(sys.executable).parent}/staatc"
    baseline = median_seconds([sys.executable, "-c", "pass"])
    rows = [
        ("python -c pass (baseline)", baseline, None),
        ("staatc --help", median_seconds([staatc, "--help"]), 0.25),
        ("staatc check 2024", median_seconds([staatc, "check", "2024"]), 0.5),
        ("staatc check 2023", median_seconds([staatc, "check", "2023"]), 0.5),
    ]
    print(f"median of {RUNS} runs")
    for name, seconds, target in rows:
        ratio = seconds / baseline
        verdict = "" if target is None else ("  ok" if seconds <= target else f"  OVER target {target:.2f} s")
        print(f"{name:28} {seconds:7.3f} s  {ratio:5.1f}x baseline{verdict}")


if __name__ == "__main__":
    main()
