"""`staatc build --watch`: builds, builds again on every save, and stops cleanly on Ctrl+C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real process with pandoc, waiting for saves


def _wait_for(predicate, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _document_text(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            return z.read("word/document.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""


def _start(tmp_path: Path, formats: str = "docx") -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "staatc", "build", "2024", "--watch", "--format", formats,
         "--as-of", "2024-05-01"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop(proc: subprocess.Popen) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    return proc.returncode, out, err


def test_a_save_gives_a_new_document_and_ctrl_c_ends_it_with_130(edition, tmp_path):
    docx = tmp_path / "build" / "2024" / "staat-van-de-uitvoering-2024.docx"
    proc = _start(tmp_path)
    try:
        assert _wait_for(docx.exists), "the first build wrote nothing"
        assert "Zojuist toegevoegd" not in _document_text(docx)
        chapter = edition / "chapters" / "01-inleiding.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nZojuist toegevoegd.\n",
                           encoding="utf-8")
        assert _wait_for(lambda: "Zojuist toegevoegd" in _document_text(docx)), \
            "the save was not built"
    finally:
        code, out, err = _stop(proc)
    assert code == 130
    assert "Traceback" not in out + err
    assert "Stopped watching." in err
    assert "Wrote: build/2024/staat-van-de-uitvoering-2024.docx" in out
    assert "Watching editions/2024 for changes (Ctrl+C stops)" in err


def test_a_mistake_is_reported_and_the_next_save_builds_again(edition, tmp_path):
    docx = tmp_path / "build" / "2024" / "staat-van-de-uitvoering-2024.docx"
    proc = _start(tmp_path)
    try:
        assert _wait_for(docx.exists)
        stand = edition / "standen" / "uwv.md"
        good = stand.read_text(encoding="utf-8")
        stand.write_text(good.replace("---\n", "---\nonbekend: ja\n", 1), encoding="utf-8")
        time.sleep(3)  # the failed build: nothing is written
        stand.write_text(good + "\nWeer goed.\n", encoding="utf-8")
        assert _wait_for(lambda: "Weer goed" in _document_text(docx))
    finally:
        code, out, err = _stop(proc)
    assert code == 130
    assert "unknown-key" in err or "onbekend" in err
    assert "nothing was written" in err
    assert "Traceback" not in out + err


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    try:
        return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    except Exception:  # not there yet, or being replaced
        return ""


def _kept_workers(parent: int) -> list[int]:
    """The Typst workers (`typst_worker.py --serve`) that `parent` started."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) != parent:
                continue
            if b"--serve" in (stat.parent / "cmdline").read_bytes():
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return sorted(found)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_pdf_follows_saves_through_one_kept_typst_worker(edition, tmp_path):
    pdf = tmp_path / "build" / "2024" / "staat-van-de-uitvoering-2024.pdf"
    proc = _start(tmp_path, "pdf")
    try:
        assert _wait_for(pdf.exists), "the first build wrote nothing"
        workers = _kept_workers(proc.pid)
        assert len(workers) == 2  # the rapportage's and the kamerbrief's
        chapter = edition / "chapters" / "01-inleiding.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nZojuist toegevoegd.\n",
                           encoding="utf-8")
        assert _wait_for(lambda: "Zojuist toegevoegd" in _pdf_text(pdf)), "the save was not built"
        assert _kept_workers(proc.pid) == workers  # the same processes: Typst's memo stayed
    finally:
        code, out, err = _stop(proc)
    assert code == 130
    assert "Traceback" not in out + err
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
