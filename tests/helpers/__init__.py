"""Helpers shared by the tests: the small edition roots under tests/roots/ and test data."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOTS = Path(__file__).parent.parent / "roots"
REPO = Path(__file__).parent.parent.parent


def copy_root(name: str, dest: Path, year: str = "2024") -> Path:
    """Copy tests/roots/<name> to dest/editions/<year> and return that folder."""
    target = dest / "editions" / year
    shutil.copytree(ROOTS / name, target)
    return target


def examples(share: float) -> int:
    """A share of the Hypothesis profile's max_examples, for a test whose examples are costly
    (a whole build): the profile (tests/conftest.py) still decides how thorough a run is."""
    from hypothesis import settings

    return max(1, round(settings.default.max_examples * share))


def png(width: int = 1, height: int = 1) -> bytes:
    """A valid grey PNG of the given size (tiny files, whatever size they declare)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(min(height, 64))), 9)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
