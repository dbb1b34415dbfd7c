"""Diff: what changed between two editions or two drafts (pure; no files, no clock).

Structure first — Standen, onderzoeken and chapters added, removed and changed,
chapters renamed or moved, milestones moved, knelpunten per theme — then text:
per changed document a word-level diff of its rendered Markdown (after template
expressions, so a figure that changes because the data changed shows up too).

Standen and onderzoeken are matched by slug. Chapters are matched by slug (a
different NN means moved); a chapter left over on both sides with much the same
text is the same chapter renamed, so its text is compared instead of being
listed as removed and added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from staatc.diff.types import (
    Change,
    DocDiff,
    DocKind,
    EditionDiff,
    FieldChange,
    MilestoneChange,
    Side,
    ThemeCount,
)
from staatc.diff.words import diff_texts, tokenize, whole
from staatc.model import Chapter, Edition, Knelpunt, Onderzoek, Stand, _Document
from staatc.series.figures import pair_by_id

EDITION_FIELDS = ("edition", "title", "subtitle", "status", "language", "publisher", "peildatum")
CHAPTER_FIELDS = ("title", "part", "status", "owner", "deadline")
STAND_FIELDS = ("organisatie", "afkorting", "departement", "gepubliceerd", "url")
ONDERZOEK_FIELDS = ("titel", "instelling", "auteurs", "thema", "jaar", "url")
KAMERBRIEF_FIELDS = ("betreft", "ons_kenmerk", "uw_kenmerk", "datum", "bijlagen", "ondertekenaar", "naam")
# How alike two leftover chapters' words must be to count as one chapter renamed.
RENAME_SIMILARITY = {True: 0.5, False: 0.7}  # same NN: lower bar; different NN: higher


def diff_editions(old: Side, new: Side) -> EditionDiff:
    oc, nc = old.edition.config, new.edition.config
    return EditionDiff(
        old_label=old.label,
        new_label=new.label,
        date=_stamp_date(new.edition),
        edition_fields=_fields(oc, nc, EDITION_FIELDS) if oc and nc else (),
        themes_added=tuple(sorted(set(_themes(new)) - set(_themes(old)))),
        themes_removed=tuple(sorted(set(_themes(old)) - set(_themes(new)))),
        milestones=_milestones(old.edition, new.edition),
        theme_counts=_theme_counts(old, new),
        chapters=_chapters(old, new),
        standen=_by_slug(old, new, "stand", old.edition.standen, new.edition.standen),
        onderzoeken=_by_slug(old, new, "onderzoek", old.edition.onderzoeken, new.edition.onderzoeken),
        kamerbrief=_kamerbrief(old, new),
    )


def _stamp_date(edition: Edition) -> date | None:
    if edition.config is None:
        return None
    aanbieding = edition.aanbieding()
    return aanbieding.date if aanbieding else edition.config.peildatum


def _fields(old: Any, new: Any, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
    changes = []
    for name in names:
        a, b = getattr(old, name, None), getattr(new, name, None)
        if a != b:
            changes.append(FieldChange(name, a, b))
    return tuple(changes)


def _themes(side: Side) -> dict[str, str]:
    config = side.edition.config
    return dict(config.themes) if config else {}


def _milestones(old: Edition, new: Edition) -> tuple[MilestoneChange, ...]:
    a = {m.id: m for m in old.config.milestones} if old.config else {}
    b = {m.id: m for m in new.config.milestones} if new.config else {}
    changes = []
    for m in (b[i] for i in b if i not in a):
        changes.append(MilestoneChange(m.id, m.name, "added", m.date))
    for m in (a[i] for i in a if i not in b):
        changes.append(MilestoneChange(m.id, m.name, "removed", m.date))
    for i in (i for i in b if i in a):
        fields = _fields(a[i], b[i], ("date", "name", "gate"))
        if fields:
            changes.append(MilestoneChange(i, b[i].name, "changed", b[i].date, fields))
    order = {"added": 0, "changed": 1, "removed": 2}
    return tuple(sorted(changes, key=lambda c: (order[c.change], c.date or date.min, c.id)))


def _theme_counts(old: Side, new: Side) -> tuple[ThemeCount, ...]:
    def count(side: Side) -> Counter:
        return Counter(k.thema for s in side.edition.standen for k in s.knelpunten)

    # A theme renamed with `was:` is one theme: the old side counts under its new key.
    renamed = {was: key for key, was in new.edition.config.theme_was.items()} if new.edition.config else {}
    a, b = Counter(), count(new)
    for key, n in count(old).items():
        a[renamed.get(key, key)] += n
    labels = {k: v for k, v in _themes(old).items() if k not in renamed} | _themes(new)
    keys = sorted({*labels, *a, *b})
    return tuple(ThemeCount(k, labels.get(k, k), a[k], b[k]) for k in keys)


def _title(doc: _Document) -> str:
    if isinstance(doc, Chapter):
        return doc.title
    if isinstance(doc, Stand):
        return doc.name
    if isinstance(doc, Onderzoek):
        return doc.titel
    return getattr(doc, "betreft", None) or "Kamerbrief"


def _added(side: Side, kind: DocKind, doc: _Document) -> DocDiff:
    return DocDiff(kind, "added", doc.slug, _title(doc), whole(side.text(doc), "insert"),
                   number=getattr(doc, "number", None), status=getattr(doc, "status", None),
                   knelpunten_added=tuple(getattr(doc, "knelpunten", ())))


def _removed(side: Side, kind: DocKind, doc: _Document) -> DocDiff:
    return DocDiff(kind, "removed", doc.slug, _title(doc), whole(side.text(doc), "delete"),
                   number=getattr(doc, "number", None), status=getattr(doc, "status", None),
                   knelpunten_removed=tuple(getattr(doc, "knelpunten", ())))


def _changed(old: Side, new: Side, kind: DocKind, a: _Document, b: _Document,
             names: tuple[str, ...]) -> DocDiff | None:
    fields = _fields(a, b, names)
    text = diff_texts(old.text(a), new.text(b))
    gone, came = _knelpunten(a, b) if isinstance(b, Stand) else ((), ())
    same, gone, came = pair_by_id(gone, came)
    if not (fields or text.changed or gone or came or same):
        return None
    return DocDiff(kind, "changed", b.slug, _title(b), text, fields,
                   number=getattr(b, "number", None), status=getattr(b, "status", None),
                   knelpunten_added=came, knelpunten_removed=gone, knelpunten_changed=same)


def _knelpunten(a: Stand, b: Stand) -> tuple[tuple[Knelpunt, ...], tuple[Knelpunt, ...]]:
    """Removed and added knelpunten, as multisets of (thema, titel) in file order."""
    left, right = Counter(a.knelpunten), Counter(b.knelpunten)
    gone, came = left - right, right - left
    return _take(a.knelpunten, gone), _take(b.knelpunten, came)


def _take(items: list[Knelpunt], wanted: Counter) -> tuple[Knelpunt, ...]:
    wanted, out = Counter(wanted), []
    for item in items:
        if wanted[item] > 0:
            wanted[item] -= 1
            out.append(item)
    return tuple(out)


def _by_slug(old: Side, new: Side, kind: DocKind, a_docs: list, b_docs: list) -> tuple[DocDiff, ...]:
    a = {d.slug: d for d in a_docs}
    b = {d.slug: d for d in b_docs}
    names = STAND_FIELDS if kind == "stand" else ONDERZOEK_FIELDS
    out = []
    for slug in sorted({*a, *b}):
        if slug not in a:
            out.append(_added(new, kind, b[slug]))
        elif slug not in b:
            out.append(_removed(old, kind, a[slug]))
        elif (changed := _changed(old, new, kind, a[slug], b[slug], names)) is not None:
            out.append(changed)
    return tuple(out)


def _name(chapter: Chapter) -> str:
    """A chapter's slug without its NN: '02-complexiteitsreductie' → 'complexiteitsreductie'."""
    return chapter.slug.split("-", 1)[1] if "-" in chapter.slug else chapter.slug


def _chapter_changed(old: Side, new: Side, x: Chapter, y: Chapter) -> DocDiff | None:
    """Renamed (another name) and moved (another NN) come first, then the other fields."""
    moves = []
    if _name(x) != _name(y):
        moves.append(FieldChange("slug", x.slug, y.slug))
    if x.number != y.number:
        moves.append(FieldChange("number", x.number, y.number))
    changed = _changed(old, new, "chapter", x, y, CHAPTER_FIELDS)
    if changed is None and not moves:
        return None
    if changed is None:
        return DocDiff("chapter", "changed", y.slug, y.title, diff_texts("", ""), tuple(moves),
                       number=y.number, status=y.status)
    return replace(changed, fields=(*moves, *changed.fields))


def _chapters(old: Side, new: Side) -> tuple[DocDiff, ...]:
    # Matched by name, so a chapter whose NN changed (moved) is still the same chapter.
    a = {_name(c): c for c in old.edition.chapters}
    b = {_name(c): c for c in new.edition.chapters}
    pairs = [(a[s], b[s]) for s in b if s in a]
    left = [c for s, c in a.items() if s not in b]
    right = [c for s, c in b.items() if s not in a]
    renamed = _match_renamed(old, new, left, right)
    pairs += renamed
    matched_old = {id(x) for x, _ in renamed}
    matched_new = {id(y) for _, y in renamed}

    out = []
    for x, y in pairs:
        if (changed := _chapter_changed(old, new, x, y)) is not None:
            out.append(changed)
    out += [_added(new, "chapter", c) for c in right if id(c) not in matched_new]
    out += [_removed(old, "chapter", c) for c in left if id(c) not in matched_old]
    # The new document's order; removed chapters stand where they stood.
    return tuple(sorted(out, key=lambda d: (d.number or 0, d.change == "removed", d.slug)))


def _match_renamed(old: Side, new: Side, left: list[Chapter], right: list[Chapter]):
    """Pair leftover chapters whose words are much the same: best match first."""
    words_a = {id(c): tokenize(old.text(c)) for c in left}
    words_b = {id(c): tokenize(new.text(c)) for c in right}
    candidates = []
    for x in left:
        for y in right:
            bar = RENAME_SIMILARITY[x.number == y.number]
            m = SequenceMatcher(None, words_a[id(x)], words_b[id(y)], autojunk=False)
            if m.real_quick_ratio() >= bar and m.quick_ratio() >= bar:
                ratio = m.ratio()
                if ratio >= bar:
                    candidates.append((-ratio, x.number != y.number, x.slug, y.slug, x, y))
    pairs, used_a, used_b = [], set(), set()
    for *_, x, y in sorted(candidates, key=lambda c: c[:4]):
        if id(x) not in used_a and id(y) not in used_b:
            pairs.append((x, y))
            used_a.add(id(x))
            used_b.add(id(y))
    return pairs


def _kamerbrief(old: Side, new: Side) -> DocDiff | None:
    a, b = old.edition.kamerbrief, new.edition.kamerbrief
    if a is None and b is None:
        return None
    if a is None:
        return _added(new, "kamerbrief", b)
    if b is None:
        return _removed(old, "kamerbrief", a)
    return _changed(old, new, "kamerbrief", a, b, KAMERBRIEF_FIELDS)
