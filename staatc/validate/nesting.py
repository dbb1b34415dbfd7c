"""How deep lists and block quotes nest: Typst cannot print more than a few dozen levels.

Typst stops with "maximum show rule depth exceeded" somewhere past 30 levels of lists and
quotes together, and pandoc slows down badly long before a draft nests 500 deep. No report
needs more than a handful of levels, so `check` refuses more than MAX_DEPTH at the first
line that goes deeper, and the build never meets the limit.

A line scanner like `links.py`: quote depth is the number of leading `>`; list depth is the
number of open list items, tracked by their indentation.
"""

from __future__ import annotations

import re
from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.markdown.links import code_lines
from staatc.model import Edition

MAX_DEPTH = 20

_QUOTES = re.compile(r"^(?:[ ]{0,3}>[ ]?)+")
_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)]|#\.|[a-zA-Z][.)])[ \t]+\S")


def deepest(text: str, first_line: int = 1) -> tuple[int, int] | None:
    """(line, depth) of the first line nested deeper than MAX_DEPTH, or None."""
    lines = text.split("\n")
    code = code_lines(lines)
    open_items: list[int] = []  # indentation of each open list item
    after_blank = False
    for offset, line in enumerate(lines):
        if offset in code:
            continue
        quotes = _QUOTES.match(line)
        depth = quotes.group().count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        item = _ITEM.match(rest)
        if item:
            indent = len(item[1].expandtabs(4))
            while open_items and open_items[-1] >= indent:
                open_items.pop()
            open_items.append(indent)
        elif not rest.strip():
            after_blank = True
            continue
        elif after_blank and not rest.startswith((" ", "\t")):
            open_items = []  # an unindented paragraph after a blank line ends the lists
        after_blank = False
        depth += len(open_items)
        if depth > MAX_DEPTH:
            return first_line + offset, depth
    return None


def nesting_depth(ed: Edition) -> Iterable[Problem]:
    for doc in ed.documents():
        found = deepest(doc.body, doc.source.body_line)
        if found:
            line, depth = found
            yield problem("nesting-depth", doc.source.path, line,
                          f"lists and block quotes are nested {depth} levels deep here; at most "
                          f"{MAX_DEPTH} levels can be printed: flatten them")
