"""The redline: the NEW rapportage itself, with Word's tracked changes where its text changed.

Each changed chapter, Stand and onderzoek gets its word diff written back as pandoc
Markdown, the deleted words as `[…]{.deletion}` and the inserted ones as `[…]{.insertion}`
spans (author "staatc", the new edition's date); pandoc's Word writer makes those `w:del`
and `w:ins`. That text then goes through the build's own assemble and Word renderer, so the
reviewer reads the report as it will be published, with its styles, table of contents,
tables and captions. Accepting every change gives the new text.

The Markdown structure stays the new side's: a heading mark, a list bullet, a table's `|` or
an attribute block `{#id}` is never put in a span (it would stop being structure), and a
change is widened to whole words until its emphasis, links and code are balanced (where
that cannot be, and around raw HTML, the new words are shown untracked, never broken).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from staatc.diff.types import EditionDiff
from staatc.diff.words import BREAKS, LINE, PARA, TextDiff
from staatc.validate.check import CheckResult

AUTHOR = "staatc"
_BLOCK_MARK = re.compile(r"^(?:#{1,6}|[-*+]|\d+[.)]|>|:|\[\^[^\]]+\]:)$")
_PAIRS = (("[", "]"), ("(", ")"), ("{", "}"), ("<", ">"))
# Raw HTML (a comment, a tag) ends a span early in pandoc's reader; an autolink does not.
_HTML = re.compile(r"<(?!(?:https?|mailto):)[A-Za-z!/]")


def redline_docx(diff: EditionDiff, new: CheckResult) -> bytes:
    """The NEW side's rapportage as Word, with the text changes of `diff` tracked."""
    from staatc.assemble.products import RAPPORTAGE
    from staatc.render.registry import renderer

    stamp = (diff.date or date(2000, 1, 1)).isoformat() + "T00:00:00Z"
    sources = {(kind, doc.slug): doc.source.path for kind, docs in (
        ("chapter", new.edition.chapters), ("stand", new.edition.standen),
        ("onderzoek", new.edition.onderzoeken)) for doc in docs}
    texts = dict(new.texts)
    for item in diff.documents:
        path = sources.get((item.kind, item.slug))
        if path is not None and item.change != "removed":
            texts[path] = marked(item.text, stamp)
    # No charts: the redline is about the text (the figures follow the data, not an edit).
    document = RAPPORTAGE.assemble(replace(new, texts=texts), False, ())
    return renderer("rapportage", "docx").render(document)


def _structural(token: str, at_block_start: bool) -> bool:
    return (token == "|" or (token.startswith("{") and token.endswith("}"))
            or (at_block_start and _BLOCK_MARK.match(token) is not None))


def _balanced(tokens: list[str]) -> bool:
    text = " ".join(tokens)
    if _HTML.search(text):
        return False
    if any(text.count(a) != text.count(b) for a, b in _PAIRS):
        return False
    return text.count("**") % 2 == 0 and text.count("`") % 2 == 0


def marked(diff: TextDiff, stamp: str) -> str:
    """The new text as Markdown, with the old words in deletion and the new in insertion spans."""
    ops = [(op.kind, t) for op in diff.ops for t in op.tokens]
    out: list[str] = []
    block_start = True
    i = 0
    while i < len(ops):
        kind, token = ops[i]
        if token in BREAKS:
            if kind != "delete":  # the new text's breaks; a deleted break joins two blocks
                out.append(PARA if token == PARA else LINE)
                block_start = True
            i += 1
            continue
        if kind == "equal" or _structural(token, block_start):
            if kind != "delete":
                out.append(token)
                block_start = False
            i += 1
            continue
        # A change: the run of changed words up to the next equal word, structure or break,
        # widened over equal words until both of its sides are balanced Markdown.
        j, old, new = i, [], []
        while j < len(ops):
            k, t = ops[j]
            if t in BREAKS or _structural(t, False):
                break
            if k == "equal":
                if _balanced(old) and _balanced(new):
                    break
                old.append(t)
                new.append(t)
            else:
                (old if k == "delete" else new).append(t)
            j += 1
        if not (_balanced(old) and _balanced(new)):
            old, new = [], [t for k, t in ops[i:j] if k != "delete"]  # untracked, but intact
            out.extend(new)
        else:
            attrs = f'author="{AUTHOR}" date="{stamp}"'
            if old:
                out.append(f"[{' '.join(old)}]{{.deletion {attrs}}}")
            if new:
                out.append(f"[{' '.join(new)}]{{.insertion {attrs}}}")
        block_start = False
        i = j
    return _join(out)


def _join(pieces: list[str]) -> str:
    text = ""
    for piece in pieces:
        if piece in BREAKS:
            text = text.rstrip(" ") + piece
        elif text and not text.endswith(BREAKS):
            text += " " + piece
        else:
            text += piece
    return text.strip() + "\n"
