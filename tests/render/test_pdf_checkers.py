"""The built PDFs of the 2024 sample pass the accessibility checkers a reviewer runs.

outloud (PDF/UA-1 and WCAG 2.2 plus semantic checks: running heads as artifacts, reading
order, unlinked URLs) must report no error and no warning; `pdfua check` must pass. Both are
test extras; without them the test is skipped, not passed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import REPO
from staatc.commands.build import build_edition

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "editions", tmp / "editions")
    out = tmp / "out"
    build_edition(tmp / "editions" / "2024", out, date(2024, 9, 1))
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["kamerbrief-2024.pdf", "staat-van-de-uitvoering-2024.pdf"]
    return pdfs


@pytest.mark.slow  # a whole build of the sample and two checkers
def test_outloud_finds_nothing_in_the_sample_pdfs(sample_pdfs, tmp_path) -> None:
    report = tmp_path / "outloud.json"
    subprocess.run([tool("outloud"), "--json", str(report), "--fail-on", "never", "-q",
                    *map(str, sample_pdfs)], check=True, capture_output=True)
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    found = {Path(r["path"]).name: [(f["rule"], f["severity"], f.get("page"), f["message"])
                                    for f in r["findings"] if f["severity"] != "info"]
             for r in results}
    assert found == {p.name: [] for p in sample_pdfs}


@pytest.mark.slow
def test_pdfua_check_passes_on_the_sample_pdfs(sample_pdfs) -> None:
    for pdf in sample_pdfs:
        proc = subprocess.run([tool("pdfua"), "check", str(pdf)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "result: PASS" in proc.stdout
