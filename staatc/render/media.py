"""Images for pandoc's sandbox: write them under safe names, list them in a manifest.

Pandoc under `--sandbox` reads no image file itself. The renderer writes each image of
`Document.media` to `<tmp>/media/img-0001.png` (names we choose, so a key like
`../../etc/passwd` or one with quotes can never name a file outside the temp dir) and a JSON
manifest that our Lua filter reads: for Word it loads the bytes into pandoc's media bag, for
Typst it points `image()` at the safe name, relative to the Typst root (the temp dir).

A generated chart (`Document.charts`) is staged as its figures in JSON, which Typst draws
(templates/chart.typ), and a one-pixel placeholder PNG, which Word's post-processing replaces
by a native chart (render/docx_chart.py): the filter marks the picture as a chart for it.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

from staatc.assemble.chart import BarChart

_KINDS = (  # (magic test, mime type, suffix)
    (lambda b: b.startswith(b"\x89PNG\r\n\x1a\n"), "image/png", ".png"),
    (lambda b: b.startswith(b"\xff\xd8\xff"), "image/jpeg", ".jpg"),
    (lambda b: b[:6] in (b"GIF87a", b"GIF89a"), "image/gif", ".gif"),
    (lambda b: b"<svg" in b[:2048], "image/svg+xml", ".svg"),
)


def sniff(data: bytes) -> tuple[str, str] | None:
    """(mime, suffix) from the bytes themselves, not from the name the editor gave."""
    for test, mime, suffix in _KINDS:
        if test(data):
            return mime, suffix
    return None


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


# One white pixel: pandoc needs an image's bytes to make the picture that becomes the chart.
PLACEHOLDER_PNG = (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
                   + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff", 9)) + _png_chunk(b"IEND", b""))


def stage_media(media: dict[str, bytes], folder: Path, charts: dict[str, BarChart] | None = None) -> Path:
    """Write the images (and charts) into `folder/media/` and return the manifest's path."""
    manifest: dict[str, dict[str, str]] = {}
    target = folder / "media"
    target.mkdir(exist_ok=True)
    for number, (src, chart) in enumerate(sorted((charts or {}).items()), start=1):
        name = f"media/chart-{number:04d}"
        (folder / f"{name}.json").write_text(chart.to_json(), encoding="utf-8")
        (folder / f"{name}.png").write_bytes(PLACEHOLDER_PNG)
        manifest[src] = {"file": str(folder / f"{name}.png"), "name": f"{name}.png",
                         "mime": "image/png", "chart": f"{name}.json"}
    for number, (src, data) in enumerate(sorted(media.items()), start=1):
        if src in manifest:
            continue  # a chart's path: the chart wins (check keeps images inside images/)
        kind = sniff(data)
        if kind is None:
            continue  # not an image we can embed; the filter shows a placeholder
        mime, suffix = kind
        name = f"media/img-{number:04d}{suffix}"
        (folder / name).write_bytes(data)
        manifest[src] = {"file": str(folder / name), "name": name, "mime": mime}
    path = folder / "media.json"
    path.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    return path
