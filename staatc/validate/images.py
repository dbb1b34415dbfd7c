"""Check the images the text uses: a format the renderers embed, a sane size, nothing active.

Images come with drafts, so they are untrusted too. A PNG of a few kilobytes can declare
40,000 × 40,000 pixels and take gigabytes to decode when Typst embeds it; an SVG can
refer to other files or web addresses (Word would fetch those on the reader's machine) or
carry scripts. This reads only each image's header (the whole file for SVG) and reports a
problem at the first line that uses the image. It is an edge of `check`: it reads files.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from staatc.codes import problem
from staatc.errors import Problem
from staatc.markdown.links import find_links
from staatc.model import Edition

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000  # 10,000 × 5,000: far more than a printed page needs
_SVG_ACTIVE = re.compile(
    rb"<script|<!ENTITY|<foreignObject|\bon[a-z]+\s*=|"
    rb"(?:xlink:)?href\s*=\s*[\"'](?!#|data:image/)",
    re.I,
)


def image_kind(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if b"<svg" in data[:2048]:
        return "SVG"
    return None


def pixel_size(kind: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) from the header; None when the header cannot be read."""
    try:
        if kind == "PNG":
            return struct.unpack(">II", data[16:24])
        if kind == "GIF":
            return struct.unpack("<HH", data[6:10])
        if kind == "JPEG":
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 9 < len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def image_problem(path: Path) -> str | None:
    """What is wrong with this image file, in words for the editor; None when it is fine."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (f"is {size // (1024 * 1024)} MB; images may be at most "
                f"{MAX_IMAGE_BYTES // (1024 * 1024)} MB: save it smaller")
    with path.open("rb") as f:
        head = f.read(64 * 1024)
    kind = image_kind(head)
    if kind is None:
        return "is not a PNG, JPEG, GIF or SVG image: save it as PNG"
    if kind == "SVG":
        match = _SVG_ACTIVE.search(path.read_bytes())
        if match:
            found = match.group().decode("utf-8", "replace").strip()
            return (f"is an SVG with scripts or links to other files ('{found}'); save it as "
                    "PNG, or as an SVG without them")
        return None
    dims = pixel_size(kind, head)
    if dims is None:
        return f"is a damaged {kind} file (its size cannot be read): save it again as PNG"
    width, height = dims
    if width * height > MAX_PIXELS:
        return (f"is {width:,} × {height:,} pixels; images may have at most "
                f"{MAX_PIXELS // 1_000_000} million pixels: make it smaller")
    return None


def image_problems(ed: Edition) -> list[Problem]:
    """One problem per bad image, at the first line that uses it."""
    problems = []
    seen: set[str] = set()
    for doc in ed.documents():
        for link in find_links(doc.body, doc.source.body_line):
            if link.image and link.target in ed.images and link.target not in seen:
                seen.add(link.target)
                message = image_problem(ed.images[link.target])
                if message:
                    problems.append(problem("image-invalid", doc.source.path, link.line,
                                            f"image '{link.target}' {message}"))
    return problems
