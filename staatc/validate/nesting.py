"""How deep lists and block quotes nest: Typst cannot print more than a few dozen levels.

Typst stops with "maximum show rule depth exceeded" somewhere past 30 levels of lists and
quotes together, and pandoc slows down badly long before a draft nests 500 deep. No report
needs more than a handful of levels, so `check` refuses more than MAX_DEPTH at the first
line that goes deeper, and the build never meets the limit.

Read from the parsed tree: the depth is the number of open block quotes and list items.
A text flooded with markup characters is not parsed at all (markdown/tree.py, MAX_MARKUP):
`markup_flood` says so at the line where the limit is passed.
"""

from __future__ import annotations

import re
from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.markdown.tree import MAX_MARKUP, block_line, markup_flood, tokens
from staatc.model import Edition

MAX_DEPTH = 20

_OPENS = {"blockquote_open": "blockquote_close", "list_item_open": "list_item_close"}
_CLOSES = set(_OPENS.values())
_QUOTES = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")


def deepest(text: str, first_line: int = 1) -> tuple[int, int] | None:
    """(line, depth) of the first line nested deeper than MAX_DEPTH, or None."""
    depth = items = 0
    for token in tokens(text):
        if token.type in _OPENS:
            depth += 1
            items += token.type == "list_item_open"
            if depth > MAX_DEPTH:
                # The parser stops nesting at MAX_NESTING; the line itself tells how deep it goes.
                line = block_line(token)
                source = text.split("\n", line + 1)[line]
                quotes = m[0].count(">") if (m := _QUOTES.match(source)) else 0
                return first_line + line, max(depth, items + quotes)
        elif token.type in _CLOSES:
            depth -= 1
            items -= token.type == "list_item_close"
    return None


def nesting_depth(ed: Edition) -> Iterable[Problem]:
    for doc in ed.documents():
        found = deepest(doc.body, doc.source.body_line)
        if found:
            line, depth = found
            yield problem("nesting-depth", doc.source.path, line,
                          f"lists and block quotes are nested {depth} levels deep here; at most "
                          f"{MAX_DEPTH} levels can be printed: flatten them")


def markup_floods(ed: Edition) -> Iterable[Problem]:
    for doc in ed.documents():
        line = markup_flood(doc.body)
        if line is not None:
            yield problem("markup-flood", doc.source.path, doc.source.body_line + line,
                          f"this text has more than {MAX_MARKUP:,} markup characters (such as * _ "
                          "[ ] < ` |) by this line, far more than a report needs, so it was not "
                          "checked further: remove the repeated characters")
