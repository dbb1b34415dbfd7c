"""Headings from the parsed tree: level, text, line and the id pandoc gives them.

markdown-it does not know pandoc's header_attributes (`# Titel {#id .class key=val}`):
the suffix arrives as the end of the heading's text and is split off here. Without an
explicit id pandoc makes one (auto_identifiers, on in the reader): `identifier` does
the same, so internal `#anchor` links can be checked before pandoc drops them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from staatc.markdown.memo import memo, rows
from staatc.markdown.tree import block_line, from_line, inline_text, tokens

# A heading's attributes; the class is bounded and cannot backtrack beyond one brace pair.
_ATTRIBUTES = re.compile(r"\s*\{([^{}]*)\}\s*$")
_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
# Ids written on spans, divs, images, tables and figures: `{#id …}` anywhere in the text.
_ANY_ID = re.compile(r"\{\s*#([^\s{}]+)")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str  # the text a reader sees, without the attributes
    identifier: str  # the explicit `{#id}`, else the one pandoc makes
    explicit: bool


def split_attributes(title: str) -> tuple[str, str]:
    """('Titel', '#id .class') for 'Titel {#id .class}'; (title, '') without attributes."""
    if not title.endswith("}") or (m := _ATTRIBUTES.search(title)) is None:
        return title, ""
    return title[:m.start()], m[1]


def identifier(title: str) -> str:
    """The id pandoc's auto_identifiers gives a heading with this text."""
    kept = "".join(c for c in title if c.isalnum() or c in "_-. " or unicodedata.category(c) == "Mn")
    words = "-".join(kept.lower().split())
    start = next((i for i, c in enumerate(words) if c.isalpha()), len(words))
    return words[start:] or "section"


def headings(text: str, first_line: int = 1) -> Iterator[Heading]:
    return from_line(_headings(text), first_line)


@memo("headings", *rows(Heading, (int, int, str, str, bool)))
def _headings(text: str) -> tuple[Heading, ...]:
    return tuple(_walk(text))


def _walk(text: str, first_line: int = 1) -> Iterator[Heading]:
    seen: dict[str, int] = {}
    blocks = tokens(text)
    for i, token in enumerate(blocks):
        if token.type != "heading_open":
            continue
        title, attributes = split_attributes(inline_text(blocks[i + 1].children or ()).strip())
        title = title.strip()
        explicit = _ID.search(attributes)
        if explicit:
            ident = explicit[1]
        else:  # pandoc numbers repeated auto ids: inleiding, inleiding-1, …
            base = identifier(title)
            count = seen.get(base, 0)
            ident = base if count == 0 else f"{base}-{count}"
            seen[base] = count + 1
        yield Heading(first_line + block_line(token), int(token.tag[1]), title, ident,
                      bool(explicit))


def written_ids(text: str) -> set[str]:
    """Every `{#id}` written in the text (headings, spans, divs, images, table captions)."""
    return {m[1] for m in _ANY_ID.finditer(text)}
