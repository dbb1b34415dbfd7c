"""Every speed figure of issue 16, each as a ratio against its named baseline.

    python benchmarks/run.py [--runs 5] [--quick] [--json FILE]

Each figure is the median wall time of `--runs` fresh processes, each run alternating with
its baseline's run (so a busy machine slows both alike). The baselines:
  - "tools": raw `pandoc → docx`, `pandoc → typst` and `typst compile`, one after another, on
    the same assembled Markdown of 2024 (what a hand-made script would do);
  - "python": a bare `python -c pass` (interpreter start-up);
  - "1x build": `staatc build` of the sample itself (for the 10× synthetic edition).
The editions are copied to a temporary folder first (editions/2023 and 2024, so 2024 keeps its
predecessor), and edits go to that copy. `--quick` runs 3 times and leaves out the 10× edition.
`--json FILE` writes the figures (name, seconds, baseline, baseline seconds, ratio, the CPU
seconds of both, peak RSS). The CPU time shows what a 2-core machine cannot hide: the build's
processes together, pandoc and Typst included, against the raw tools'.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
CHAPTER = "chapters/03-betrek-de-uitvoering.md"
AS_OF = "2024-09-01"


def run_once(commands: list[list[str]], cwd: Path) -> tuple[float, float]:
    """Run the commands one after another (fresh processes); (wall, CPU) seconds, the CPU time
    being that of the processes and their children (pandoc, the Typst worker)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (used.ru_utime + used.ru_stime)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def compare(runs: int, figure, baseline, before=None) -> tuple[float, float, float, float]:
    """Medians of the figure's and the baseline's (wall, CPU) seconds, their runs alternating;
    `before` runs before each figure."""
    ours, theirs = [], []
    for _ in range(runs):
        theirs.append(baseline())
        if before:
            before()
        ours.append(figure())
    return (statistics.median(w for w, _ in ours), statistics.median(w for w, _ in theirs),
            statistics.median(c for _, c in ours), statistics.median(c for _, c in theirs))


def baseline_commands(work: Path) -> list[list[str]]:
    """Write 2024's assembled Markdown and its media into `work`; return the raw tool calls."""
    import pypandoc

    from staatc.assemble import rapportage
    from staatc.validate.check import check_edition

    result = check_edition(ROOT / "editions" / "2024", date.fromisoformat(AS_OF))
    # The charts are drawn by each renderer from their figures (no file to hand the raw tools).
    doc = rapportage.assemble(result)
    (work / "in.md").write_text(doc.markdown, encoding="utf-8")
    for name, data in doc.media.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_bytes(data)
    pandoc = pypandoc.get_pandoc_path()
    typst = [sys.executable, "-c", "import typst; typst.compile('out.typ', output='out.pdf')"]
    return [[pandoc, "in.md", "-o", "out.docx"],
            [pandoc, "in.md", "-s", "-t", "typst", "-o", "out.typ"], typst]


class Edits:
    """Appends a new paragraph to one chapter of the copy: each edit a different content."""

    def __init__(self, edition: Path):
        self.path, self.n = edition / CHAPTER, 0

    def __call__(self) -> None:
        self.n += 1
        with self.path.open("a", encoding="utf-8") as f:
            f.write(f"\nEen extra alinea voor de meting, nummer {self.n}.\n")


def main() -> None:
    parser = argparse.ArgumentParser(description="staatc speed figures against their baselines")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs, no 10x edition")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    staatc = [sys.executable, "-m", "staatc"]
    rows: list[dict] = []

    def add(name: str, base_name: str, figure, baseline, before=None, target: str = "") -> None:
        ours, theirs, ours_cpu, theirs_cpu = compare(runs, figure, baseline, before)
        rows.append({"figure": name, "seconds": round(ours, 3), "baseline": base_name,
                     "baseline_seconds": round(theirs, 3), "ratio": round(ours / theirs, 2),
                     "cpu_seconds": round(ours_cpu, 3), "baseline_cpu_seconds": round(theirs_cpu, 3),
                     "target": target, "peak_rss_mb": round(peak_rss_mb())})
        print(f"{name:44} {ours:7.3f} s  {ours / theirs:5.2f}x {base_name} ({theirs:.3f} s)"
              f"  CPU {ours_cpu:.2f} s vs {theirs_cpu:.2f} s  target {target}", flush=True)

    with tempfile.TemporaryDirectory(prefix="staatc-bench-") as tmp:
        work = Path(tmp)
        for year in ("2023", "2024"):
            shutil.copytree(ROOT / "editions" / year, work / "editions" / year)
        edition, out = work / "editions" / "2024", work / "out"
        build = [*staatc, "build", str(edition), "--out", str(out), "--quiet", "--as-of", AS_OF]
        check = [*staatc, "check", str(edition), "--as-of", AS_OF]
        (work / "baseline").mkdir()
        tools_cmds = baseline_commands(work / "baseline")

        def tools() -> tuple[float, float]:
            return run_once(tools_cmds, work / "baseline")

        def python() -> tuple[float, float]:
            return run_once([[sys.executable, "-c", "pass"]], ROOT)

        def cmd(*commands: list[str]):
            return lambda: run_once(list(commands), ROOT)

        edit = Edits(edition)
        print(f"medians of {runs} runs, each alternating with its baseline's run")
        add("staatc build 2024 --force (4 files)", "tools", cmd(build + ["--force"]), tools,
            target="<= 1.0x tools")  # renders all four; the check cache stays
        cold_out = work / "out-cold"
        add("first build (no caches, new folder)", "tools",
            cmd([*staatc, "build", str(edition), "--out", str(cold_out), "--quiet", "--as-of", AS_OF]),
            tools, before=lambda: shutil.rmtree(cold_out, ignore_errors=True), target="<= 1.0x tools")
        add("rebuild after editing one chapter", "tools", cmd(build), tools, before=edit,
            target="<= 0.8x tools")
        add("no-op rebuild", "python", cmd(build), python, target="<= 0.3 s")
        add("staatc check 2024", "python", cmd(check), python, target="<= 0.5 s")
        add("check after editing one chapter", "python", cmd(check), python, before=edit,
            target="<= 0.3 s")
        add("staatc --help", "python", cmd([*staatc, "--help"]), python, target="<= 0.1 s")
        add("staatc diff 2023 2024 --format json", "python",
            cmd([*staatc, "diff", str(work / "editions" / "2023"), str(edition), "--format", "json"]),
            python)
        if not args.quick:
            from make_edition import make_edition

            # Apart from the copied editions/ (built there, beside 2023 and 2024, it fails check).
            big = make_edition(ROOT / "editions" / "2024", work / "synthetic-10x", 10)
            one = cmd(build + ["--force"])
            add("synthetic edition 10x, build --force", "1x build",
                cmd([*staatc, "build", str(big), "--out", str(work / "out10"), "--quiet",
                     "--force", "--as-of", AS_OF]), one, target="<= 5x 1x build, default limits")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.pop("STAATC_MEMORY_LIMIT_MB", None)  # the figures are for the default settings
    # As installed (pip compiles every module): a checkout's modules get their bytecode files on
    # the first run instead of being compiled again in every process.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
