"""Word-level comparison of two Markdown texts, robust to re-wrapped lines.

Editors re-wrap paragraphs all the time, so lines are no unit of change: a text
becomes a stream of words and *breaks*. A blank line is a paragraph break; a
single line break counts only where Markdown gives it meaning (before a list
item, table row, heading or quote, and after a heading or table row). Every
other line break is just a space, so re-wrapping a paragraph changes nothing.

Comparing goes in two steps for speed: first whole blocks (a paragraph, a list
item, a table row) are matched, then only the blocks that differ are compared
word by word. `layout` turns the result into paragraphs with the spaces placed
so that both the old and the new text can be read back exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

PARA = "\n\n"  # paragraph break token
LINE = "\n"  # a line break Markdown gives meaning to
BREAKS = (PARA, LINE)

Kind = Literal["equal", "insert", "delete"]

_BLOCK_START = re.compile(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|#{1,6}(?:\s|$)|\||>|:\s|\[\^)")
_HARD_LINE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s|$)|\|)")
# Above this many word pairs one word-level comparison gets slow (SequenceMatcher is
# quadratic on texts full of 'de' and 'het'); larger regions are compared block by block.
MAX_PAIRS = 2_000_000
MAX_BLOCK_PAIRS = 250_000  # blocks (paragraphs) a region may pair up; beyond, pair in order


@dataclass(frozen=True)
class Op:
    kind: Kind
    tokens: tuple[str, ...]

    @property
    def words(self) -> int:
        return sum(t not in BREAKS for t in self.tokens)


@dataclass(frozen=True)
class TextDiff:
    """The old text turned into the new one: a run of equal, inserted and deleted tokens."""

    ops: tuple[Op, ...]

    @property
    def changed(self) -> bool:
        return any(op.kind != "equal" for op in self.ops)

    @property
    def inserted_words(self) -> int:
        return sum(op.words for op in self.ops if op.kind == "insert")

    @property
    def deleted_words(self) -> int:
        return sum(op.words for op in self.ops if op.kind == "delete")

    def side(self, version: Literal["old", "new"]) -> list[str]:
        drop = "insert" if version == "old" else "delete"
        return [t for op in self.ops if op.kind != drop for t in op.tokens]


def tokenize(text: str) -> list[str]:
    """Words and meaningful breaks; whitespace inside a paragraph is one space."""
    tokens: list[str] = []
    previous = ""  # the previous non-blank line of the current block, '' after a blank line
    for line in text.split("\n"):
        if not line.strip():
            if previous:
                tokens.append(PARA)
            previous = ""
            continue
        if previous and (_BLOCK_START.match(line) or _HARD_LINE.match(previous)):
            tokens.append(LINE)
        tokens.extend(line.split())
        previous = line
    if tokens and tokens[-1] == PARA:
        tokens.pop()
    return tokens


def diff_texts(old: str, new: str) -> TextDiff:
    return diff_tokens(tokenize(old), tokenize(new))


def whole(text: str, kind: Kind) -> TextDiff:
    """A text that was added (kind 'insert') or removed ('delete') as a whole."""
    tokens = tuple(tokenize(text))
    return TextDiff((Op(kind, tokens),) if tokens else ())


def diff_tokens(old: list[str], new: list[str]) -> TextDiff:
    ops: list[Op] = []
    _diff_blocks(_blocks(old), _blocks(new), ops)
    return TextDiff(tuple(_cleanup(ops)))


def _blocks(tokens: list[str]) -> list[tuple[str, ...]]:
    """Split into blocks, each ending with its break (the last block has none)."""
    blocks, start = [], 0
    for i, token in enumerate(tokens):
        if token in BREAKS:
            blocks.append(tuple(tokens[start : i + 1]))
            start = i + 1
    if start < len(tokens):
        blocks.append(tuple(tokens[start:]))
    return blocks


def _diff_blocks(old: list[tuple], new: list[tuple], ops: list[Op]) -> None:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", _flat(old[i1:i2])))
        else:
            _diff_region(old[i1:i2], new[j1:j2], ops)


def _diff_region(old: list[tuple], new: list[tuple], ops: list[Op]) -> None:
    """Blocks that differ: compare word by word, or pair them up first when that would be slow."""
    a, b = _flat(old), _flat(new)
    if len(a) * len(b) <= MAX_PAIRS or len(old) == 1 or len(new) == 1:
        _diff_words(a, b, ops)
        return
    i = j = 0
    for x, y in _align(old, new):  # most likely each block edited on its own
        _diff_words(_flat(old[i:x]), (), ops)
        _diff_words((), _flat(new[j:y]), ops)
        _diff_words(old[x], new[y], ops)
        i, j = x + 1, y + 1
    _diff_words(_flat(old[i:]), (), ops)
    _diff_words((), _flat(new[j:]), ops)


def _align(old: list[tuple], new: list[tuple]) -> list[tuple[int, int]]:
    """Pairs (i, j) of alike blocks, in order, with the largest total likeness.

    Likeness is the share of words two blocks have in common (order ignored); blocks
    less than half alike are not paired. Dynamic programming over block pairs: cheap,
    since a chapter has tens of blocks, not thousands of words.
    """
    if len(old) * len(new) > MAX_BLOCK_PAIRS:
        return [(k, k) for k in range(min(len(old), len(new)))]
    bags = [Counter(block) for block in old], [Counter(block) for block in new]
    n, m = len(old), len(new)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            score = max(best[i + 1][j], best[i][j + 1])
            like = _likeness(bags[0][i], bags[1][j], len(old[i]), len(new[j]))
            if like >= 0.5:
                score = max(score, like + best[i + 1][j + 1])
            best[i][j] = score
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        like = _likeness(bags[0][i], bags[1][j], len(old[i]), len(new[j]))
        if like >= 0.5 and best[i][j] == like + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _likeness(a: Counter, b: Counter, len_a: int, len_b: int) -> float:
    if 2 * min(len_a, len_b) < max(len_a, len_b):  # cannot reach one half
        return 0.0
    return 2 * sum((a & b).values()) / (len_a + len_b)


def _diff_words(a: tuple[str, ...], b: tuple[str, ...], ops: list[Op]) -> None:
    if len(a) * len(b) > 4 * MAX_PAIRS:  # a rewrite this large reads best as old out, new in
        ops.extend(op for op in (Op("delete", a), Op("insert", b)) if op.tokens)
        return
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", a[i1:i2]))
            continue
        if i2 > i1:
            ops.append(Op("delete", a[i1:i2]))
        if j2 > j1:
            ops.append(Op("insert", b[j1:j2]))


def _flat(blocks: list[tuple]) -> tuple[str, ...]:
    return tuple(t for block in blocks for t in block)


def _merge(ops: list[Op]) -> list[Op]:
    """Join neighbours of one kind; between two equal runs, deletions go before insertions."""
    merged: list[Op] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        merged.extend(Op(k, tuple(t)) for k, t in (("delete", deleted), ("insert", inserted)) if t)
        deleted.clear()
        inserted.clear()

    for op in ops:
        if op.kind == "delete":
            deleted.extend(op.tokens)
        elif op.kind == "insert":
            inserted.extend(op.tokens)
        elif op.tokens:
            flush()
            if merged and merged[-1].kind == "equal":
                merged[-1] = Op("equal", merged[-1].tokens + op.tokens)
            else:
                merged.append(op)
    flush()
    return merged


def _cleanup(ops: list[Op]) -> list[Op]:
    """Drop chance matches inside a rewrite, so it reads as old text out, new text in.

    A rewritten sentence shares words like 'de' and 'het' with the old one; marking
    those as unchanged chops the change into word soup. As in diff-match-patch's
    semantic cleanup (one pass with a stack, stepping back after each removal), a
    run of equal words no longer than the change on either side of it becomes part
    of the change. Equal runs with a break in them stay: they keep paragraphs apart.
    """
    ops = _merge(ops)
    equalities: list[int] = []  # indexes of the equal runs seen, most recent last
    last: Op | None = None  # the most recent equal run that could still be dropped
    before = after = (0, 0)  # (deleted, inserted) words before and after `last`
    changed = False
    i = 0
    while i < len(ops):
        op = ops[i]
        if op.kind == "equal":
            equalities.append(i)
            before, after = after, (0, 0)
            last = None if any(t in BREAKS for t in op.tokens) else op
        else:
            after = (after[0] + op.words, after[1]) if op.kind == "delete" else (after[0], after[1] + op.words)
            if last is not None and len(last.tokens) <= min(max(before), max(after)):
                at = equalities.pop()
                ops[at : at + 1] = [Op("delete", last.tokens), Op("insert", last.tokens)]
                if equalities:
                    equalities.pop()  # the equal run before it is measured afresh
                i = equalities[-1] if equalities else -1
                before = after = (0, 0)
                last = None
                changed = True
        i += 1
    return _merge(ops) if changed else ops


def words_by_paragraph(text: str) -> list[str]:
    """What `read_back` gives for an unchanged text: each block's words joined by spaces."""
    return [" ".join(b for b in block if b not in BREAKS) for block in _blocks(tokenize(text))]
