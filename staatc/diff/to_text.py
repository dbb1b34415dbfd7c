"""EditionDiff → a terminal report (a rich Text; the CLI prints it).

With colour, deleted words are red and struck through, inserted words green and
underlined. Without colour (NO_COLOR, a pipe, a file) they are marked the way
`git diff --word-diff` does: `[-deleted-]` and `{+inserted+}`. Only the
paragraphs that changed are shown, with '…' where unchanged text is left out.
"""

from __future__ import annotations

from rich.text import Text

from staatc.printable import escape_controls

from staatc.diff.types import DocDiff, EditionDiff, FieldChange, shown_value
from staatc.diff.layout import Paragraph, layout
from staatc.diff.words import LINE

STYLE = {"insert": "green underline", "delete": "red strike", "equal": ""}
MARK = {"insert": ("{+", "+}"), "delete": ("[-", "-]")}
SIGN = {"added": "+", "removed": "-", "changed": "~"}
SIGN_STYLE = {"added": "green", "removed": "red", "changed": "yellow"}


class _Printable(Text):
    """A Text that escapes every piece appended to it (staatc.printable): the pieces are the
    draft's own words and names, and this report is printed to a terminal."""

    def append(self, text, style=None):  # type: ignore[override]
        return super().append(escape_controls(text) if isinstance(text, str) else text, style)


def render(diff: EditionDiff, color: bool) -> Text:
    out = _Printable()
    out.append(f"Changes from {diff.old_label} to {diff.new_label}\n", style="bold")
    if not diff.changed:
        out.append("No changes.\n")
        return out
    _edition(out, diff)
    _milestones(out, diff)
    _themes(out, diff)
    for heading, docs in (("Chapters", diff.chapters), ("Standen", diff.standen),
                          ("Onderzoeken", diff.onderzoeken)):
        if docs:
            out.append(f"\n{heading}\n", style="bold")
            for doc in docs:
                _document(out, doc, color)
    if diff.kamerbrief:
        out.append("\nKamerbrief\n", style="bold")
        _document(out, diff.kamerbrief, color)
    return out



def _field(f: FieldChange) -> str:
    return f"{f.field} {shown_value(f.old)} → {shown_value(f.new)}"


def _edition(out: Text, diff: EditionDiff) -> None:
    lines = [_field(f) for f in diff.edition_fields]
    lines += [f"theme added: {t}" for t in diff.themes_added]
    lines += [f"theme removed: {t}" for t in diff.themes_removed]
    if lines:
        out.append("\nEdition\n", style="bold")
        for line in lines:
            out.append(f"  {line}\n")


def _milestones(out: Text, diff: EditionDiff) -> None:
    if not diff.milestones:
        return
    out.append("\nMilestones\n", style="bold")
    for m in diff.milestones:
        out.append(f"  {SIGN[m.change]} ", style=SIGN_STYLE[m.change])
        if m.change == "changed":
            details = []
            if m.moved:
                days = (m.moved.new - m.moved.old).days
                details.append(f"moved {m.moved.old} → {m.moved.new} ({days:+d} days)")
            details += [_field(f) for f in m.fields if f.field != "date"]
            out.append(f"{m.id}: {'; '.join(details)}\n")
        else:
            out.append(f"{m.id} ({m.name}, {m.date}) {m.change}\n")


def _themes(out: Text, diff: EditionDiff) -> None:
    counts = [t for t in diff.theme_counts if t.old != t.new]
    if not counts:
        return
    out.append("\nKnelpunten per theme\n", style="bold")
    for t in counts:
        out.append(f"  {t.label}: {t.old} → {t.new} ({t.new - t.old:+d})\n")


def _name(doc: DocDiff) -> str:
    if doc.kind == "kamerbrief":
        return doc.title
    return f"{doc.slug}: {doc.title}"


def _document(out: Text, doc: DocDiff, color: bool) -> None:
    out.append(f"  {SIGN[doc.change]} ", style=SIGN_STYLE[doc.change])
    out.append(_name(doc))
    if doc.change != "changed":
        extra = f", {doc.status}" if doc.status else ""
        out.append(f" {doc.change}{extra} ({doc.text.inserted_words or doc.text.deleted_words} words)\n")
        return
    out.append("\n")
    details = []
    if doc.renamed:
        details.append(f"renamed from {doc.renamed.old}")
    if doc.moved:
        details.append(f"moved from {doc.moved.old:02d} to {doc.moved.new:02d}")
    details += [_field(f) for f in doc.fields if f.field not in ("slug", "number")]
    details += [f"knelpunt added [{k.thema}]: {k.titel}" for k in doc.knelpunten_added]
    details += [f"knelpunt removed [{k.thema}]: {k.titel}" for k in doc.knelpunten_removed]
    details += [f"knelpunt changed ({new.id}) [{old.thema}] {old.titel} → [{new.thema}] {new.titel}"
                for old, new in doc.knelpunten_changed]
    for line in details:
        out.append(f"      {line}\n")
    if doc.text.changed:
        out.append(f"      text: +{doc.text.inserted_words} −{doc.text.deleted_words} words\n",
                   style="dim")
        _hunks(out, layout(doc.text), color)


def _hunks(out: Text, paragraphs: list[Paragraph], color: bool) -> None:
    shown = -2
    for i, para in enumerate(paragraphs):
        if not para.changed:
            continue
        if shown != i - 1:
            out.append("        …\n", style="dim")
        out.append("        ")
        for kind, piece in para.pieces:
            _piece(out, kind, piece, color)
        if para.mark in MARK:  # a paragraph joined or split
            _piece(out, para.mark, "¶" if para.brk != LINE else "↵", color)
        out.append("\n")
        shown = i
    if shown != len(paragraphs) - 1:
        out.append("        …\n", style="dim")


def _piece(out: Text, kind: str, text: str, color: bool) -> None:
    if kind == "equal":
        out.append(text)
    elif color:
        out.append(text, style=STYLE[kind])
    else:
        # Keep the space outside the marks: '[-word-]', not '[- word-]'.
        stripped = text.lstrip(" ")
        out.append(text[: len(text) - len(stripped)])
        if stripped:
            out.append(MARK[kind][0] + stripped + MARK[kind][1])
