"""A word diff laid out as paragraphs, with the spaces placed for both versions.

Read without 'insert' the paragraphs give the old text exactly, without 'delete' the new
one: what the text, HTML and Word formats of `staatc diff` show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from staatc.diff.words import BREAKS, PARA, Kind, TextDiff


@dataclass(frozen=True)
class Paragraph:
    """One block of the combined text: its pieces, and what happened to the break after it.

    `mark` is None at the end of the text; otherwise the kind of the break token:
    'delete' means the new text joins this paragraph with the next one, 'insert'
    means the new text splits a paragraph here. `brk` is the break token itself.
    """

    pieces: tuple[tuple[Kind, str], ...]
    mark: Kind | None
    brk: str = PARA

    @property
    def changed(self) -> bool:
        return self.mark not in (None, "equal") or any(k != "equal" for k, _ in self.pieces)


def layout(diff: TextDiff) -> list[Paragraph]:
    """The combined text as paragraphs; read without 'insert' it is old, without 'delete' new.

    A word needs a space before it in a version if that version already has a word in
    the current paragraph. When only one version needs it, the space itself is marked
    as inserted or deleted, so accepting or rejecting every change gives exact text.
    """
    paragraphs: list[Paragraph] = []
    pieces: list[tuple[Kind, str]] = []
    has = {"old": False, "new": False}

    def add(kind: Kind, text: str) -> None:
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1] + text)
        else:
            pieces.append((kind, text))

    for op in diff.ops:
        versions = {"equal": ("old", "new"), "insert": ("new",), "delete": ("old",)}[op.kind]
        for token in op.tokens:
            if token in BREAKS:
                paragraphs.append(Paragraph(tuple(pieces), op.kind, token))
                pieces = []
                for v in versions:
                    has[v] = False
                continue
            need = [v for v in versions if has[v]]
            if len(need) == 2 or (need and op.kind != "equal"):
                add(op.kind, " ")
            elif need:
                add("delete" if need == ["old"] else "insert", " ")
            add(op.kind, token)
            for v in versions:
                has[v] = True
    paragraphs.append(Paragraph(tuple(pieces), None))
    return paragraphs


def read_back(paragraphs: list[Paragraph], version: Literal["old", "new"]) -> list[str]:
    """The paragraphs of one version (as `layout` promises them); for tests and checks."""
    drop = "insert" if version == "old" else "delete"
    out, current = [], ""
    for para in paragraphs:
        current += "".join(text for kind, text in para.pieces if kind != drop)
        if para.mark is None or para.mark == drop:
            continue
        out.append(current)
        current = ""
    out.append(current)
    return [p for p in out if p]
