"""Find what Markdown text points at: cross references and images, with their lines.

A light scan, not a Markdown parser: it only has to find `[text](stand:uwv)` and
`![alt](images/x.png)` and tell the line, so a broken reference is reported where
the editor wrote it. Code spans and fenced code are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

KINDS = ("stand", "onderzoek", "hoofdstuk")

_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")


@dataclass(frozen=True)
class Link:
    line: int
    text: str
    target: str
    image: bool

    @property
    def kind(self) -> str | None:
        """'stand', 'onderzoek' or 'hoofdstuk' for a cross reference, else None."""
        scheme, sep, _ = self.target.partition(":")
        return scheme if sep and scheme in KINDS else None

    @property
    def slug(self) -> str:
        return self.target.partition(":")[2]


def code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks (fences included): not Markdown to scan."""
    code, in_fence = set(), False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
            code.add(i)
        elif in_fence:
            code.add(i)
    return code


def find_links(text: str, first_line: int = 1) -> Iterator[Link]:
    lines = text.split("\n")
    code = code_lines(lines)
    for offset, line in enumerate(lines):
        if offset in code:
            continue
        for m in _LINK.finditer(_CODE_SPAN.sub(lambda s: " " * len(s.group()), line)):
            yield Link(first_line + offset, m.group(2), m.group(3), bool(m.group(1)))
