"""A build killed at any moment leaves every output either the previous good file or a new whole one.

An editor's laptop may die mid-build. This starts `staatc build` as a subprocess on a copy of
tests/roots/minimal and kills it (SIGKILL, the whole process group: pandoc and Typst too) at
twenty moments: sixteen spread over the build's measured duration, four while it writes
(the moment that matters, and a short one): as its first temp file appears, and after the
first, second and third of the four outputs is replaced. Two versions of the edition alternate,
and builds are reproducible, so every file after a kill must be byte-identical to the old or
the new version's file, and must open in python-docx or pypdf. The next successful build
leaves no temporary files behind.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO, copy_root

CHANGED = ("chapters/02-complexiteitsreductie.md", "kamerbrief.md")  # one per document
VERSIONS = ("\nDit is de eerste versie.\n", "\nDit is de tweede versie, een beetje langer.\n")
SPREAD, AT_WRITING = 16, (0, 1, 2, 3)  # outputs replaced when the writing kills come


def open_output(name: str, data: bytes) -> None:
    """Open the file the way a reader's tools do; raises on a damaged file."""
    if name.endswith(".pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=True)
        assert reader.pages[0].extract_text()
    else:
        import docx

        assert docx.Document(io.BytesIO(data)).paragraphs


class Builds:
    def __init__(self, tmp_path: Path):
        self.root = copy_root("minimal", tmp_path)
        self.out = tmp_path / "out"
        self.originals = {rel: (self.root / rel).read_text(encoding="utf-8") for rel in CHANGED}
        self.tmp = tmp_path / "tmp"  # pandoc's and Typst's temp dirs: a kill leaves them here
        self.tmp.mkdir()
        self.cmd = [sys.executable, "-P", "-m", "staatc", "build", str(self.root), "--out",
                    str(self.out), "--as-of", "2024-05-01", "--force", "--quiet"]
        self.env = {**os.environ, "TMPDIR": str(self.tmp),
                    "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}

    def use(self, version: int) -> None:
        for rel, text in self.originals.items():
            (self.root / rel).write_text(text + VERSIONS[version], encoding="utf-8")

    def run(self) -> float:
        started = time.monotonic()
        subprocess.run(self.cmd, env=self.env, check=True, capture_output=True)
        return time.monotonic() - started

    def start(self) -> subprocess.Popen:
        return subprocess.Popen(self.cmd, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

    def outputs(self) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in self.out.iterdir() if not p.name.startswith(".")}

    def temp_files(self) -> list[str]:
        return sorted(p.name for p in self.out.iterdir() if p.name.endswith(".staatc-tmp"))


def kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it finished first
    proc.wait()


def kill_when_writing(builds: Builds, proc: subprocess.Popen, replaced: int) -> None:
    """Kill as soon as the build has replaced `replaced` outputs (0: its first temp file appears).

    Watching the folder, not the clock: writing takes milliseconds at the end of a build whose
    length varies, so only this lands kills between one output and the next.
    """
    names = [p.name for p in builds.out.iterdir() if not p.name.startswith(".")]
    inodes = {name: (builds.out / name).stat().st_ino for name in names}
    while proc.poll() is None:
        if replaced == 0:
            if any(name.endswith(".staatc-tmp") for name in os.listdir(builds.out)):
                break
        elif sum(_inode(builds.out / n) != inodes[n] for n in names) >= replaced:
            break
    kill(proc)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


@pytest.mark.slow
def test_killed_build_leaves_old_or_new_whole_files(tmp_path: Path) -> None:
    builds = Builds(tmp_path)
    good: list[dict[str, bytes]] = []
    durations = []
    for version in (0, 1):
        builds.use(version)
        durations.append(builds.run())
        good.append(builds.outputs())
    names = sorted(good[0])
    assert len(names) == 4 and sorted(good[1]) == names
    assert all(good[0][n] != good[1][n] for n in names), "the versions must differ in every file"
    duration = max(durations)

    before = tuple(1 for _ in names)  # the last good build above was version 1
    changed = 0
    moments = [("spread", duration * (i + 0.5) / SPREAD) for i in range(SPREAD)]
    moments += [("writing", replaced) for replaced in AT_WRITING]
    for i, (kind, moment) in enumerate(moments):
        builds.use(i % 2)
        proc = builds.start()
        if kind == "spread":
            time.sleep(moment)
            kill(proc)
        else:
            kill_when_writing(builds, proc, moment)
        files = builds.outputs()
        assert sorted(files) == names, (kind, moment)
        state = []
        for name in names:
            data = files[name]
            whole = data in (good[0][name], good[1][name])
            assert whole, f"{name} is neither version after a kill ({kind} {moment})"
            open_output(name, data)
            state.append(0 if data == good[0][name] else 1)
        stamp = builds.out / ".staatc-build.json"
        assert json.loads(stamp.read_text(encoding="utf-8"))["files"]  # whole, or the old one
        changed += tuple(state) != before
        before = tuple(state)

    builds.use(0)
    builds.run()
    assert builds.temp_files() == []
    assert builds.outputs() == good[0]
    # Some kills must have come after files were replaced, or nothing was proved about writing.
    assert changed >= 1
