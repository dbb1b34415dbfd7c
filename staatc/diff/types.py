"""What a diff of two editions is made of: the changes the formats (text, JSON, HTML, Word) show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from staatc.diff.words import TextDiff
from staatc.model import Edition, Knelpunt, _Document

Change = Literal["added", "removed", "changed"]
DocKind = Literal["chapter", "stand", "onderzoek", "kamerbrief"]


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


def shown_value(value: Any, empty: str = "(none)") -> str:
    """A field's value as a reviewer reads it (lists joined, nothing shown as `empty`)."""
    if value is None or value == "":
        return empty
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@dataclass(frozen=True)
class Side:
    """One side of the comparison, as loaded: the edition and its rendered texts."""

    label: str  # what the user typed: '2024', 'editions/2024', '2024@HEAD~1'
    edition: Edition
    texts: dict[Path, str]

    def text(self, doc: _Document) -> str:
        return self.texts.get(doc.source.path, doc.body)


@dataclass(frozen=True)
class DocDiff:
    """One chapter, Stand, onderzoek or the kamerbrief that was added, removed or changed."""

    kind: DocKind
    change: Change
    slug: str  # the new slug; the old one for a removed document
    title: str
    text: TextDiff
    fields: tuple[FieldChange, ...] = ()
    number: int | None = None  # chapters: NN on the new side (old side when removed)
    status: str | None = None  # chapters: status on the new side (old side when removed)
    knelpunten_added: tuple[Knelpunt, ...] = ()
    knelpunten_removed: tuple[Knelpunt, ...] = ()
    # (old, new): the same knelpunt `id` with another title or theme (staatc.series identities)
    knelpunten_changed: tuple[tuple[Knelpunt, Knelpunt], ...] = ()

    def field(self, name: str) -> FieldChange | None:
        return next((f for f in self.fields if f.field == name), None)

    @property
    def renamed(self) -> FieldChange | None:
        return self.field("slug")

    @property
    def moved(self) -> FieldChange | None:
        return self.field("number")


@dataclass(frozen=True)
class MilestoneChange:
    id: str
    name: str
    change: Change
    date: date | None = None  # added/removed: its date
    fields: tuple[FieldChange, ...] = ()  # changed: date (moved), name, gate

    @property
    def moved(self) -> FieldChange | None:
        return next((f for f in self.fields if f.field == "date"), None)


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    label: str
    old: int
    new: int


@dataclass(frozen=True)
class EditionDiff:
    old_label: str
    new_label: str
    date: date | None  # the new edition's aanbieding (else peildatum): stamps tracked changes
    edition_fields: tuple[FieldChange, ...] = ()
    themes_added: tuple[str, ...] = ()
    themes_removed: tuple[str, ...] = ()
    milestones: tuple[MilestoneChange, ...] = ()
    theme_counts: tuple[ThemeCount, ...] = ()
    chapters: tuple[DocDiff, ...] = ()
    standen: tuple[DocDiff, ...] = ()
    onderzoeken: tuple[DocDiff, ...] = ()
    kamerbrief: DocDiff | None = None
    documents: tuple[DocDiff, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        docs = (*self.chapters, *self.standen, *self.onderzoeken)
        object.__setattr__(self, "documents", docs + ((self.kamerbrief,) if self.kamerbrief else ()))

    @property
    def changed(self) -> bool:
        return bool(self.edition_fields or self.themes_added or self.themes_removed
                    or self.milestones or self.documents
                    or any(t.old != t.new for t in self.theme_counts))
