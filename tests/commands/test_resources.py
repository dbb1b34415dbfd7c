"""Oversized editions: `check` and `build` stay within their memory limit, or stop with a clear message.

A 5 MB chapter, 2,000 Standen, a table of 10,000 rows and lists and quotes nested 500 deep
(tests/big_editions.py). Each runs as `staatc check` and `staatc build` in a subprocess; the
peak memory is the largest resident set of that process and everything it waited for
(pandoc, the Typst worker), from `os.wait4`. Either the command succeeds within the limit
for its size, or it fails with a `file: error: message` and no traceback, and even then no
process grew far past the limit its message names (the render limits kill at 500 MB plus
300 MB per MB of input, at most a quarter of the machine: staatc/render/limits.py). Nothing
may hang: each command has ten minutes, far more than any of them needs.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from staatc.render.limits import DEFAULT_MEMORY_LIMIT_MB, memory_limit_mb

from helpers.big_editions import BIG
from helpers import REPO, copy_root

BOUND_MB = 500
SLACK_MB = 60  # a killed helper may overshoot by what it allocates between two looks
RESULTS: list[str] = []


# The command runs under a small Python that reports its children's peak: measured directly
# from this (big) pytest process, a child would inherit pytest's own peak (Linux keeps
# ru_maxrss across fork and exec), and the figure would say nothing about staatc.
_MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "started = time.monotonic()\n"
    "try:\n"
    "    code = subprocess.run(sys.argv[1:], stdout=sys.stdout, stderr=subprocess.STDOUT, timeout=600).returncode\n"
    "except subprocess.TimeoutExpired:\n"
    "    code = 'hung'\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(json.dumps([code, time.monotonic() - started, peak]))\n"
)


def measured(cmd: list[str], cwd: Path) -> tuple[int, float, int, str]:
    """(exit code, seconds, peak RSS in MB, output) of one command."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    env.pop("STAATC_MEMORY_LIMIT_MB", None)
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=700)
    code, seconds, peak = json.loads(proc.stderr.strip().splitlines()[-1])
    assert code != "hung", f"{cmd} hung for ten minutes"
    rss = peak // 1024 if sys.platform != "darwin" else peak // 2**20
    return code, seconds, rss, proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BIG))
@pytest.mark.parametrize("command", ["check", "build"])
def test_big_edition_within_memory_or_clear_message(name: str, command: str, tmp_path: Path) -> None:
    root = copy_root("minimal", tmp_path)
    BIG[name](root)
    cmd = [sys.executable, "-P", "-m", "staatc", command, "2024", "--as-of", "2024-05-01"]
    if command == "build":
        cmd += ["--out", str(tmp_path / "out"), "--quiet"]
    code, seconds, rss, stderr = measured(cmd, tmp_path)
    first_error = next((line for line in stderr.splitlines() if ": error: " in line), "")
    RESULTS.append(f"{command} {name}: exit {code}, {seconds:.1f} s, peak {rss} MB  {first_error[:110]}")
    print(RESULTS[-1])
    assert "Traceback" not in stderr, stderr[-3000:]
    if code == 0:
        # Within what the render limits allow an input of this size (the text Typst is given
        # is at most about twice the sources: markup and the generated tables).
        sources = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        assert rss <= max(BOUND_MB, memory_limit_mb(2 * sources)) + SLACK_MB, RESULTS[-1]
    else:
        assert code == 1 and first_error.startswith("editions/2024"), stderr[-3000:]
        stated = re.search(r"needed more than (\d+) MB", first_error)
        limit = int(stated.group(1)) if stated else BOUND_MB
        # The limit grows with the input, but never past a quarter of the machine.
        assert DEFAULT_MEMORY_LIMIT_MB <= limit <= memory_limit_mb(2**40), first_error
        assert rss <= limit + SLACK_MB, RESULTS[-1]


@pytest.mark.slow
def test_an_edition_ten_times_the_sample_builds_with_the_default_limits(tmp_path: Path) -> None:
    """Issue 16: the limits guard against hostile input, not size. The synthetic edition of the
    benchmark (370 Standen, some 370 pages) builds with the default limits."""
    import importlib.util

    from pypdf import PdfReader

    spec = importlib.util.spec_from_file_location("make_edition", REPO / "benchmarks" / "make_edition.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    big = module.make_edition(REPO / "editions" / "2024", tmp_path / "synthetic-10x", 10)
    out = tmp_path / "out"
    cmd = [sys.executable, "-P", "-m", "staatc", "build", str(big), "--out", str(out), "--quiet",
           "--force", "--as-of", "2024-09-01"]
    code, seconds, rss, output = measured(cmd, tmp_path)
    assert code == 0, output[-3000:]
    assert len(PdfReader(out / "staat-van-de-uitvoering-2024.pdf").pages) > 300
