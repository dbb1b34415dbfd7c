"""Nothing in the render stage hangs or grows without end: pandoc and Typst run watched.

Pandoc and the Typst worker are child processes with a time limit and a memory limit
(staatc/render/limits.py); past either the build stops with a `RenderLimitError` that an
editor can act on, reported at the edition, never a traceback.
"""

from __future__ import annotations

import stat
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

import staatc.render.limits as limits
import staatc.render.pandoc as pandoc
from staatc.errors import RenderLimitError
from staatc.render.base import Document, DocumentMeta
from staatc.render.rapportage_pdf import PdfRenderer, compile_typst

TITLE = "#set document(title: [Proef])\n"


@pytest.mark.slow  # waits for the time limit
def test_pandoc_that_hangs_is_stopped(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\nexec sleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: str(fake))
    monkeypatch.setattr(limits, "TIME_LIMIT", 1.0)
    started = time.monotonic()
    with pytest.raises(RenderLimitError) as info:
        pandoc.run_pandoc("Tekst", "typst", [], epoch=0)
    assert time.monotonic() - started < 10
    assert "converting the text (typst, pandoc) took longer than 1 seconds" in info.value.message


def test_pandoc_memory_is_limited(monkeypatch) -> None:
    monkeypatch.setenv("STAATC_MEMORY_LIMIT_MB", "20")
    markdown = "\n\n".join(f"Alinea {i} met *nadruk* en een [link](https://example.org/{i})."
                           for i in range(20_000))
    with pytest.raises(RenderLimitError) as info:
        pandoc.run_pandoc(markdown, "typst", [], epoch=0)
    assert "needed more than 20 MB of memory" in info.value.message
    assert "STAATC_MEMORY_LIMIT_MB" in info.value.message


@pytest.mark.slow  # waits for the time limit
def test_typst_that_runs_away_is_stopped(monkeypatch) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT", 1.0)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(RenderLimitError) as info:
        compile_typst(TITLE + "#for i in range(100000) { for j in range(10000) { } }", Path(tmp), {}, 0)
    assert time.monotonic() - started < 10
    assert "making the PDF (Typst) took longer than 1 seconds" in info.value.message


def test_typst_memory_is_limited(monkeypatch) -> None:
    monkeypatch.setenv("STAATC_MEMORY_LIMIT_MB", "60")
    with tempfile.TemporaryDirectory() as tmp, pytest.raises(RenderLimitError) as info:
        compile_typst(TITLE + "#for i in range(300000) [x #i ]", Path(tmp), {}, 0)
    assert "making the PDF (Typst) needed more than 60 MB of memory" in info.value.message


def test_typst_worker_compiles_within_the_limits() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = compile_typst(TITLE + "Hallo", Path(tmp), {}, 0)
    assert pdf.startswith(b"%PDF-")


def test_nesting_typst_cannot_print_is_a_message_not_a_traceback() -> None:
    """`check` refuses this (nesting-depth); the renderer's own message is the backstop."""
    markdown = "\n".join("  " * i + f"- niveau {i}" for i in range(60))
    doc = Document(DocumentMeta(title="T", subtitle=None, publisher="P", date=date(2024, 1, 1)), markdown)
    with pytest.raises(RenderLimitError) as info:
        PdfRenderer().render(doc)
    assert "nested too deeply for Typst" in info.value.message


def test_build_reports_the_limit_at_the_edition(edition: Path, run, monkeypatch) -> None:
    out = edition.parent.parent / "out"
    out.mkdir()
    (out / "staat-van-de-uitvoering-2024.pdf").write_bytes(b"vorige versie")
    monkeypatch.setenv("STAATC_MEMORY_LIMIT_MB", "8")
    result = run("build", "2024", "--out", str(out), "--format", "pdf", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "editions/2024: error: " in result.stderr and "needed more than 8 MB" in result.stderr
    assert (out / "staat-van-de-uitvoering-2024.pdf").read_bytes() == b"vorige versie"


def test_default_memory_limit_follows_the_input_size(monkeypatch) -> None:
    monkeypatch.delenv("STAATC_MEMORY_LIMIT_MB", raising=False)
    monkeypatch.setattr(limits, "_machine_mb", lambda: 24_000)
    assert limits.memory_limit_mb(0) == limits.DEFAULT_MEMORY_LIMIT_MB
    ten_times = limits.memory_limit_mb(3 * 2**20)  # 3 MB of text: a big, legitimate edition
    assert ten_times == limits.DEFAULT_MEMORY_LIMIT_MB + 3 * limits.MB_PER_INPUT_MB
    # Hostile size is still bounded: never more than a quarter of the machine.
    assert limits.memory_limit_mb(10_000 * 2**20) == 6_000
    monkeypatch.setattr(limits, "_machine_mb", lambda: 1_000)  # a small machine keeps 500 MB
    assert limits.memory_limit_mb(3 * 2**20) == limits.DEFAULT_MEMORY_LIMIT_MB


def test_memory_message_says_which_limit_and_how_to_raise_it(monkeypatch) -> None:
    monkeypatch.delenv("STAATC_MEMORY_LIMIT_MB", raising=False)
    default = limits.limit_advice(700)
    assert "default limit for this input (700 MB" in default
    assert "STAATC_MEMORY_LIMIT_MB=1400" in default
    monkeypatch.setenv("STAATC_MEMORY_LIMIT_MB", "700")
    assert limits.memory_limit_mb(10**9) == 700
    assert "limit set by STAATC_MEMORY_LIMIT_MB (700 MB)" in limits.limit_advice(700)
