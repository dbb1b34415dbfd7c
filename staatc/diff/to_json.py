"""EditionDiff → JSON for tools: stable (sorted keys, ISO dates), every list in a fixed order.

Texts are given as operations `["=", text]`, `["-", text]`, `["+", text]`, where a
text joins words with single spaces and breaks as "\\n\\n" (paragraph) or "\\n".
Documents added or removed as a whole are listed without their text.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from staatc.diff.types import DocDiff, EditionDiff, FieldChange
from staatc.diff.words import BREAKS, TextDiff
from staatc.model import Knelpunt

SIGN = {"equal": "=", "insert": "+", "delete": "-"}


def render(diff: EditionDiff) -> str:
    return json.dumps(as_dict(diff), sort_keys=True, ensure_ascii=False, indent=2,
                      default=_default) + "\n"


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Knelpunt):  # `id` only when the editor gave one: the old shape stays
        return value.model_dump(exclude_none=True)
    if hasattr(value, "model_dump"):
        return value.model_dump()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def as_dict(diff: EditionDiff) -> dict[str, Any]:
    return {
        "old": diff.old_label,
        "new": diff.new_label,
        "changed": diff.changed,
        "edition": {
            "fields": _fields(diff.edition_fields),
            "themes": {"added": list(diff.themes_added), "removed": list(diff.themes_removed)},
        },
        "milestones": {
            "added": [{"id": m.id, "name": m.name, "date": m.date}
                      for m in diff.milestones if m.change == "added"],
            "removed": [{"id": m.id, "name": m.name, "date": m.date}
                        for m in diff.milestones if m.change == "removed"],
            "moved": [{"id": m.id, "name": m.name, "old": m.moved.old, "new": m.moved.new,
                       "days": (m.moved.new - m.moved.old).days}
                      for m in diff.milestones if m.moved],
            "changed": [{"id": m.id, "fields": _fields(f for f in m.fields if f.field != "date")}
                        for m in diff.milestones
                        if any(f.field != "date" for f in m.fields)],
        },
        "knelpunten_per_theme": [
            {"theme": t.theme, "label": t.label, "old": t.old, "new": t.new}
            for t in diff.theme_counts
        ],
        "chapters": _chapters(diff.chapters),
        "standen": _collection(diff.standen),
        "onderzoeken": _collection(diff.onderzoeken),
        "kamerbrief": _changed(diff.kamerbrief) if diff.kamerbrief else None,
    }


def _fields(fields) -> list[dict[str, Any]]:
    return [{"field": f.field, "old": f.old, "new": f.new} for f in fields]


def _collection(docs: tuple[DocDiff, ...]) -> dict[str, Any]:
    return {
        "added": [d.slug for d in docs if d.change == "added"],
        "removed": [d.slug for d in docs if d.change == "removed"],
        "changed": [_changed(d) for d in docs if d.change == "changed"],
    }


def _changed(doc: DocDiff) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": doc.slug, "title": doc.title, "fields": _fields(doc.fields),
                           "text": text_dict(doc.text)}
    if doc.kind == "stand":
        out["knelpunten"] = {"added": list(doc.knelpunten_added),
                             "removed": list(doc.knelpunten_removed),
                             "changed": [{"old": old, "new": new} for old, new in doc.knelpunten_changed]}
    if doc.kind == "chapter":
        out["number"] = doc.number
        out["status"] = doc.status
    return out


def _chapters(docs: tuple[DocDiff, ...]) -> dict[str, Any]:
    def brief(d: DocDiff) -> dict[str, Any]:
        return {"slug": d.slug, "number": d.number, "title": d.title, "status": d.status}

    def move(d: DocDiff, f: FieldChange) -> dict[str, Any]:
        return {"slug": d.slug, "old": f.old, "new": f.new}

    return {
        "added": [brief(d) for d in docs if d.change == "added"],
        "removed": [brief(d) for d in docs if d.change == "removed"],
        "renamed": [move(d, d.renamed) for d in docs if d.renamed],
        "moved": [move(d, d.moved) for d in docs if d.moved],
        "status": [move(d, d.field("status")) for d in docs if d.field("status")],
        "changed": [_changed(d) for d in docs if d.change == "changed"],
    }


def text_dict(text: TextDiff) -> dict[str, Any]:
    return {
        "changed": text.changed,
        "inserted_words": text.inserted_words,
        "deleted_words": text.deleted_words,
        "ops": [[SIGN[op.kind], join(op.tokens)] for op in text.ops] if text.changed else [],
    }


def join(tokens: tuple[str, ...]) -> str:
    """Words with single spaces between them; breaks as themselves, without spaces around."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        if i and token not in BREAKS and tokens[i - 1] not in BREAKS:
            out.append(" ")
        out.append(token)
    return "".join(out)
