"""The words a reader sees, line by line, read from the parsed tree.

Code, images, raw HTML, footnote markers and autolinks are no prose; a link's text is.
Emphasis and escapes are already gone in the tree. What pandoc reads and CommonMark does
not (attributes `{#id .class}`, citations `[@x]`) and bare addresses are taken out here.
"""

from __future__ import annotations

import re
from collections import defaultdict

from staatc.markdown.memo import memo
from staatc.markdown.tree import inlines

# Each pattern is bounded by the next bracket or brace: linear on any line.
_NOT_PROSE = re.compile(r"\{[#.][^{}]*\}|\{[a-z-]+=[^{}]*\}|\[@[^\[\]]*\]|\bhttps?://\S+|\bwww\.\S+")
_SKIPPED = ("code_inline", "html_inline", "image", "footnote_ref")


def _load(value: object) -> dict[int, str] | None:
    if isinstance(value, list) and all(
            isinstance(v, list) and len(v) == 2 and type(v[0]) is int and isinstance(v[1], str)
            for v in value):
        return {line: prose for line, prose in value}
    return None


@memo("prose", lambda found: sorted(found.items()), _load)
def prose_by_line(text: str) -> dict[int, str]:
    """0-based line → the prose on it (for every line with inline content)."""
    parts: dict[int, list[str]] = defaultdict(list)
    in_autolink = 0
    for item in inlines(text):
        token = item.token
        if item.index == 0:  # a new block (a table's cells are one each): words do not run on
            parts[item.line].append(" ")
        if token.type == "link_open":
            in_autolink += token.markup == "autolink"
        elif token.type == "link_close" and in_autolink:
            in_autolink -= 1
            parts[item.line].append(" ")
        elif token.type == "text" and not in_autolink:
            for offset, piece in enumerate(token.content.split("\n")):
                parts[item.line + offset].append(piece)
        elif token.type in _SKIPPED:
            parts[item.line].append(" ")
    return {line: _NOT_PROSE.sub(" ", "".join(words)) for line, words in parts.items()}
