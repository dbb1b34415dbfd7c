"""Writing test files and reading pandoc's AST: small tools several test packages share."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator


def write_file(path: Path, content: str | bytes) -> None:
    """Write text (UTF-8) or bytes, making the folders on the way."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def elements(node, kinds: tuple[str, ...]) -> Iterator[dict]:
    """Every element of pandoc's JSON AST whose type is one of `kinds`, in document order."""
    if isinstance(node, dict):
        if node.get("t") in kinds:
            yield node
        for value in node.values():
            yield from elements(value, kinds)
    elif isinstance(node, list):
        for value in node:
            yield from elements(value, kinds)
