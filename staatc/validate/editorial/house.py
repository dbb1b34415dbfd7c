"""Huisregels: what the editors now catch by reading a draft.

* Working notes (TODO, XXX, FIXME, [PM]) must be gone before a chapter is final.
* A final chapter should not point readers at a chapter that is still a concept.
* A count typed by hand goes stale: "57 Standen" while the edition has 58. The
  data knows these numbers; an expression such as `{{ standen | length }}` keeps
  them right.
* So does a chapter number: "hoofdstuk 2" is written by `[](hoofdstuk:02-x)`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem, Severity
from staatc.markdown.links import find_links
from staatc.validate.editorial.document import Context, Document

_MARKER = re.compile(r"\b(TODO|FIXME|XXX)\b|\[PM\]")
# Bounded by the next '{', so a line of `{{` repeated costs linear time.
_EXPRESSION = re.compile(r"\{\{[^{]*?\}\}|\{%[^{]*?%\}|\{##[^{]*?##\}")
_NUMBER_WORDS = {
    w: n for n, w in enumerate(
        "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien "
        "vijftien zestien zeventien achttien negentien twintig".split())
}
_COUNT = re.compile(
    r"(?<![\w.,-])(\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(standen|onderzoeken|knelpunten|hoofdstukken)\b",
    re.IGNORECASE,
)
_NOUNS = {"standen": "Standen", "onderzoeken": "onderzoeken", "knelpunten": "knelpunten",
          "hoofdstukken": "hoofdstukken"}
_EXPRESSIONS = {
    "standen": "{{ standen | length }} Standen",
    "onderzoeken": "{{ onderzoeken | length }} onderzoeken",
    "knelpunten": "{{ standen | map(attribute='knelpunten') | map('length') | sum }} knelpunten",
    "hoofdstukken": "{{ chapters | length }} hoofdstukken",
}


def _marker_severity(ctx: Context, doc: Document) -> Severity | None:
    """Final chapters: error; in review: warning; concepts are drafts: nothing.

    Standen, onderzoeken and the kamerbrief have no status of their own: they follow
    the edition (definitief: error, concept: warning).
    """
    if doc.kind == "chapter":
        return {"final": "error", "review": "warning"}.get(doc.doc.status)  # type: ignore[attr-defined]
    config = ctx.edition.config
    return "error" if config and config.status == "definitief" else "warning"


def todo_marker(ctx: Context) -> Iterable[Problem]:
    for doc in ctx.documents:
        severity = _marker_severity(ctx, doc)
        if severity is None:
            continue
        status = getattr(doc.doc, "status", None) or "this edition"
        for line in doc.lines:
            m = _MARKER.search(line.text)
            if m:
                yield problem(
                    "todo-marker", doc.path, line.number,
                    f"'{m.group()}' is a working note, and this text is {status}: finish the "
                    "text and remove the note", severity,
                )


def final_cites_concept(ctx: Context) -> Iterable[Problem]:
    status = {c.slug: c.status for c in ctx.edition.chapters}
    for doc in ctx.chapters:
        if doc.doc.status != "final":  # type: ignore[attr-defined]
            continue
        for link in find_links(doc.doc.body, doc.doc.source.body_line):
            if link.kind == "hoofdstuk" and status.get(link.slug) == "concept":
                yield problem(
                    "final-cites-concept", doc.path, link.line,
                    f"this final chapter refers to chapter '{link.slug}', which is still a "
                    "concept: check the reference when that chapter is final, or wait with "
                    "making this one final",
                )


def _counts(ctx: Context) -> dict[str, int]:
    ed = ctx.edition
    return {
        "standen": len(ed.standen),
        "onderzoeken": len(ed.onderzoeken),
        "knelpunten": sum(len(s.knelpunten) for s in ed.standen),
        "hoofdstukken": len(ed.chapters),
    }


def typed_count(ctx: Context) -> Iterable[Problem]:
    """'57 Standen' typed in the text while the data has 58.

    Only counts close to the real total are reported (at least three quarters of it):
    "12 Standen noemen gegevensuitwisseling" is a part, not a stale total.
    """
    counts = _counts(ctx)
    for doc in ctx.documents:
        if doc.kind not in ("chapter", "kamerbrief"):
            continue
        for line in doc.raw_lines:
            if line.code:
                continue
            typed = _EXPRESSION.sub(" ", line.text)  # what an expression produces is not typed
            for m in _COUNT.finditer(typed):
                word, noun = m.group(1), m.group(2).lower()
                n = int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]
                actual = counts[noun]
                if n == actual or n < 0.75 * actual or 1900 <= n <= 2100:
                    continue
                yield problem(
                    "typed-count", doc.path, line.number,
                    f"'{m.group()}' is typed, but this edition has {actual} {_NOUNS[noun]}: write "
                    f"'{_EXPRESSIONS[noun]}' so the number follows the data",
                )


_TYPED_CHAPTER = re.compile(r"(?<![\w-])hoofdstuk\s+(\d{1,3})\b", re.IGNORECASE)
_INLINE_CODE = re.compile(r"`[^`]*`")  # bounded by the next backtick: linear
_CHAPTER_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*hoofdstuk:([a-z0-9][a-z0-9-]*)\s*\)")


def typed_chapter(ctx: Context) -> Iterable[Problem]:
    """'hoofdstuk 2' typed by hand: it goes stale when a chapter is added, removed or moved.

    `[](hoofdstuk:02-x)` lets staatc write the number (staatc.assemble.labels), so the text always
    agrees with the number in front of the chapter's heading.
    """
    numbers = ctx.edition.chapter_numbers()
    by_number = {n: slug for slug, n in numbers.items()}
    for doc in ctx.documents:
        for line in doc.raw_lines:
            if line.code:
                continue
            # Blanked, not removed, so a link's span still lines up with the typed words.
            text = _INLINE_CODE.sub(lambda m: " " * len(m[0]),
                                    _EXPRESSION.sub(lambda m: " " * len(m[0]), line.text))
            links = [(m.start(1), m.end(1), m[2]) for m in _CHAPTER_LINK.finditer(text)]
            starts = [start for start, _, _ in links]
            for m in _TYPED_CHAPTER.finditer(text):
                typed, n = m[0], int(m[1])
                # The link whose text holds it, if any (links are in order: a bisection).
                at = bisect_right(starts, m.start()) - 1
                linked = links[at][2] if at >= 0 and m.start() < links[at][1] else None
                if linked is not None:
                    now = numbers.get(linked)
                    stale = f", and that chapter is hoofdstuk {now} now" if now not in (None, n) else ""
                    message = (f"'{typed}' is typed in the link text{stale}: write "
                               f"[](hoofdstuk:{linked}) so the number follows the chapter")
                elif n in by_number:
                    message = (f"'{typed}' is typed: write [](hoofdstuk:{by_number[n]}) so the "
                               "number follows the chapter when chapters move")
                else:
                    message = (f"'{typed}' is typed, and this edition has no hoofdstuk {n}: link "
                               "the chapter you mean with [](hoofdstuk:NN-slug)")
                yield problem("typed-chapter", doc.path, line.number, message)
