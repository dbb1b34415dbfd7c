"""Shared fixtures: small edition trees under tests/roots/, copied per test (Sphinx's model)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


def copy_root(name: str, dest: Path, year: str = "2024") -> Path:
    """Copy tests/roots/<name> to dest/editions/<year> and return that folder."""
    target = dest / "editions" / year
    shutil.copytree(ROOTS / name, target)
    return target


@pytest.fixture
def edition(tmp_path, monkeypatch) -> Path:
    """A valid minimal edition at <tmp>/editions/2024, with the cwd at <tmp>."""
    monkeypatch.chdir(tmp_path)
    return copy_root("minimal", tmp_path)


class Run:
    def __init__(self, result):
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.output = result.stdout + result.stderr
        self.exception = result.exception


@pytest.fixture
def run():
    """Call the CLI in-process as a user would (typer's test runner)."""
    from staatc.cli import app

    runner = CliRunner()

    def invoke(*args: str) -> Run:
        result = runner.invoke(app, list(args), catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result)

    return invoke


def png(width: int = 1, height: int = 1) -> bytes:
    """A valid grey PNG of the given size (tiny files, whatever size they declare)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(min(height, 64))), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
