"""Builds into one folder (issue 15, class 8): a lock, and the outputs replaced as one set.

CI may start two builds of one edition at once (a push and a pull request), and an editor may
build while `serve` rebuilds. The second build waits for the first and says so; it never
deletes the first one's temp files as stale, and never fails because of it. A build that
fails while writing (here: the web edition's search index) leaves the previous set of files
and stamp, never new Word beside an old PDF.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from helpers import REPO, copy_root
from staatc.commands.build import build_edition
from staatc.errors import OutputError
from staatc.output import LOCK, STAMP, TMP_SUFFIX

AS_OF = date(2024, 5, 1)


def staatc(*args: str, stderr=subprocess.PIPE) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-P", "-m", "staatc", *args], env=env,
                            stdout=subprocess.PIPE, stderr=stderr, text=True)


@pytest.mark.slow  # a build in a subprocess
def test_a_second_build_waits_for_the_first_and_leaves_its_temp_files(tmp_path: Path) -> None:
    root = copy_root("minimal", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    said = tmp_path / "stderr.txt"
    theirs = out / f".staat-van-de-uitvoering-2024.docx.abc{TMP_SUFFIX}"
    with open(out / LOCK, "a+b") as held, open(said, "w") as err:  # the first build, writing
        fcntl.flock(held, fcntl.LOCK_EX)
        theirs.write_bytes(b"half of the first build's Word file")
        second = staatc("build", str(root), "--out", str(out), "--as-of", "2024-05-01",
                        "--format", "docx", stderr=err)
        deadline = time.monotonic() + 120
        while "waiting for it to finish" not in said.read_text() and second.poll() is None:
            assert time.monotonic() < deadline, said.read_text()
            time.sleep(0.1)
        time.sleep(0.5)
        assert second.poll() is None, said.read_text()  # still waiting
        assert theirs.read_bytes() == b"half of the first build's Word file"
        assert not list(out.glob("[!.]*.docx")), "wrote while another build held the folder"
    second.communicate(timeout=120)
    stderr = said.read_text()
    assert second.returncode == 0, stderr
    assert f"another staatc build is writing to {out.resolve()}: waiting for it to finish" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.glob("[!.]*")) == ["kamerbrief-2024.docx",
                                                          "staat-van-de-uitvoering-2024.docx"]


@pytest.mark.slow  # two builds at once, each in a subprocess
def test_two_builds_at_once_both_succeed(tmp_path: Path) -> None:
    root = copy_root("minimal", tmp_path)
    out = tmp_path / "out"
    builds = [staatc("build", str(root), "--out", str(out), "--as-of", "2024-05-01", "--force")
              for _ in range(2)]
    results = [b.communicate(timeout=300) for b in builds]
    for build, (stdout, stderr) in zip(builds, results):
        assert build.returncode == 0, stderr
        assert "Traceback" not in stderr and "error" not in stderr
    assert not list(out.glob(f".*{TMP_SUFFIX}*"))
    assert build_edition(root, out, AS_OF).skipped  # the stamp matches the set on disk


@pytest.mark.slow  # two builds with the web edition
def test_a_build_that_fails_while_writing_leaves_the_old_set(tmp_path: Path) -> None:
    root = copy_root("minimal", tmp_path)
    out = tmp_path / "out"
    formats = ("docx", "pdf", "html")
    build_edition(root, out, AS_OF, formats, index=lambda site: None)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != LOCK}
    chapter = root / "chapters" / "01-inleiding.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")

    def broken_index(site: Path) -> None:
        raise OutputError("the search index could not be made", site)

    with pytest.raises(OutputError):
        build_edition(root, out, AS_OF, formats, index=broken_index)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name != LOCK}
    assert after == before  # Word, PDF and the stamp: all the old ones
    assert STAMP in after
    assert not list(out.glob(f".*{TMP_SUFFIX}*"))
