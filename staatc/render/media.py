"""Images for pandoc's sandbox: write them under safe names, list them in a manifest.

Pandoc under `--sandbox` reads no image file itself. The renderer writes each image of
`Document.media` to `<tmp>/media/img-0001.png` (names we choose, so a key like
`../../etc/passwd` or one with quotes can never name a file outside the temp dir) and a JSON
manifest that our Lua filter reads: for Word it loads the bytes into pandoc's media bag, for
Typst it points `image()` at the safe name, relative to the Typst root (the temp dir).
"""

from __future__ import annotations

import json
from pathlib import Path

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


def stage_media(media: dict[str, bytes], folder: Path) -> Path:
    """Write the images into `folder/media/` and return the manifest's path."""
    manifest: dict[str, dict[str, str]] = {}
    target = folder / "media"
    target.mkdir(exist_ok=True)
    for number, (src, data) in enumerate(sorted(media.items()), start=1):
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
