"""Chapter numbers and the text of cross references written without link text.

A chapter's number is its place in the order of the files (01-, 02-, … with any gaps closed),
so "hoofdstuk 2" in the text and the "2" in front of the chapter's heading can never disagree:
`[](hoofdstuk:02-complexiteitsreductie)` is written as "hoofdstuk 2" by the assembler, and
moves along when a chapter is added or removed. `[](stand:uwv)` writes the Stand's name and
`[](onderzoek:x)` the onderzoek's title, so an empty link never shows as nothing.
"""

from __future__ import annotations

import re

from staatc.model import Edition

# `[](kind:slug)`: inline links only; a reference-style link keeps the text it was given.
EMPTY_REF = re.compile(r"\[\]\(\s*(stand|onderzoek|hoofdstuk):([a-z0-9][a-z0-9-]*)\s*\)")
# What may stand before a link at the start of a sentence on its line: nothing, block markup
# (a list item, a quote, a heading) or the start of a table cell.
_BLOCK_START = re.compile(r"\s*(?:(?:[-*+]|\d+[.)]|>|#{1,6})\s+)*")
_SENTENCE_END = re.compile(r"[.!?][*_\"')\]’”]*\s*$")


_last: tuple[Edition, dict[tuple[str, str], str]] | None = None


def reference_labels(ed: Edition) -> dict[tuple[str, str], str]:
    """(kind, slug) → the text an empty cross reference shows (plain text, not yet escaped).

    Every text of the edition asks, so the labels of the last edition asked for are kept
    (by identity: an Edition is frozen, and holding it keeps its id from being reused);
    made anew per text, they cost 0.3 ms × 500 texts in each product of a 10× edition."""
    global _last
    if _last is None or _last[0] is not ed:
        labels = {("hoofdstuk", slug): f"hoofdstuk {n}" for slug, n in ed.chapter_numbers().items()}
        labels.update({("stand", s.slug): s.name for s in ed.standen})
        labels.update({("onderzoek", o.slug): o.titel for o in ed.onderzoeken})
        _last = (ed, labels)
    return _last[1]


def oproep_chapters(ed: Edition) -> dict[str, tuple[str, str]]:
    """oproep id → (slug, "hoofdstuk N") of the chapter that treats it (`oproep:`)."""
    numbers = ed.chapter_numbers()
    return {c.oproep: (c.slug, f"hoofdstuk {numbers[c.slug]}") for c in ed.chapters if c.oproep}


def starts_sentence(before: str, previous_line: str | None) -> bool:
    """Whether text after `before` (on its line) opens a sentence: "Hoofdstuk 2 gaat over …".

    `previous_line` is the line above (None at the start of the text); a line that continues a
    paragraph opens a sentence only when the line above ended one.
    """
    if _BLOCK_START.fullmatch(before):
        if before.strip():  # "- ", "> ", "## ": a new block
            return True
        if previous_line is None or not previous_line.strip():
            return True
        # Under a heading, a table row or a fence the line starts a block of its own.
        return previous_line.lstrip().startswith(("#", "|", ":::", "```", "~~~")) or bool(
            _SENTENCE_END.search(previous_line))
    stripped = before.rstrip()
    return stripped.endswith("|") or bool(_SENTENCE_END.search(stripped))


def fill_empty_references(line: str, previous_line: str | None,
                          labels: dict[tuple[str, str], str], escape) -> str:
    """`[](hoofdstuk:02-x)` → `[hoofdstuk 2](hoofdstuk:02-x)`, capitalised at a sentence's start.

    `escape` makes a label literal Markdown text. A reference to something that does not
    exist is left as it is (check reports it as broken-reference).
    """
    def fill(m: re.Match) -> str:
        label = labels.get((m[1], m[2]))
        if label is None:
            return m[0]
        # What comes just before decides; a bounded look keeps a line of many links linear.
        before = line[max(0, m.start() - 200):m.start()]
        if m[1] == "hoofdstuk" and starts_sentence(before, previous_line):
            label = label[:1].upper() + label[1:]
        return f"[{escape(label)}]({m[1]}:{m[2]})"

    return EMPTY_REF.sub(fill, line)
