"""Internal `#anchor` links must point at an id the assembled document has.

Pandoc drops a link to an id that does not exist (the render filter turns it into plain
text), so `[hoofdstuk 2](#sec-bestaat-niet)` would silently lose its link in Word. The ids
of the rapportage are the ones the assembler writes (assemble/rapportage.py: chapter,
Stand and onderzoek headings, the generated sections) and the ids of the headings inside
each text, written as `{#id}` or made by pandoc's auto_identifiers. The kamerbrief is a
document of its own: only its own ids count there.
"""

from __future__ import annotations

from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.markdown.headings import headings, identifier, written_ids
from staatc.markdown.links import find_links
from staatc.model import Edition, Kamerbrief, _Document
from staatc.suggest import close_matches

CODE = "broken-anchor"
# The sections assemble/rapportage.py generates (tests/validate/test_anchors.py keeps these
# in step with the assembled document).
GENERATED = ("knelpunten-per-thema", "tbl-knelpunten-per-thema", "fig-knelpunten-per-thema",
             "onderzoeken", "overzicht-standen", "tbl-standen", "afkortingen", "tbl-afkortingen",
             "colofon")
# "Door de jaren heen" (assemble/trends.py), generated only when the edition has a predecessor.
GENERATED_SERIES = ("door-de-jaren-heen", "door-de-jaren-standen", "tbl-door-de-jaren-standen",
                    "door-de-jaren-knelpunten", "tbl-door-de-jaren-knelpunten",
                    "fig-door-de-jaren-knelpunten", "door-de-jaren-terug", "tbl-door-de-jaren-terug",
                    "door-de-jaren-oproepen")


def _own_ids(doc: _Document) -> set[str]:
    return {h.identifier for h in headings(doc.body)} | written_ids(doc.body)


def rapportage_ids(ed: Edition, with_series: bool = False) -> set[str]:
    """Every id a link inside the rapportage can point at (`with_series`: it has a predecessor)."""
    ids = set(GENERATED) | (set(GENERATED_SERIES) if with_series else set())
    ids |= {f"hoofdstuk-{c.slug}" for c in ed.chapters}
    ids |= {f"stand-{s.slug}" for s in ed.standen}
    ids |= {f"onderzoek-{o.slug}" for o in ed.onderzoeken}
    if ed.config:
        ids |= {identifier(label) for label in ed.config.themes.values()}
    # Pandoc numbers an auto id that is already taken (aanpak, aanpak-1, …) across the whole
    # document; counting in the order of the texts accepts those too.
    seen: dict[str, int] = {}
    for doc in ed.documents():
        if isinstance(doc, Kamerbrief):
            continue
        ids |= written_ids(doc.body)
        for h in headings(doc.body):
            base = identifier(h.title)
            if h.explicit:
                ids.add(h.identifier)
                continue
            count = seen.get(base, 0)
            ids |= {h.identifier, base if count == 0 else f"{base}-{count}"}
            seen[base] = count + 1
    return ids


def _hint(anchor: str, ids: set[str]) -> str:
    close = close_matches(anchor, ids, n=3, cutoff=0.5)
    if close:
        return "use one of " + ", ".join(f"#{c}" for c in close) + ", or"
    return "give the heading an id ('## Titel {#" + anchor + "}'), or use"


def anchors_resolve(ed: Edition, with_series: bool = False) -> Iterable[Problem]:
    report = rapportage_ids(ed, with_series)
    for doc in ed.documents():
        ids = _own_ids(doc) if isinstance(doc, Kamerbrief) else report
        for link in find_links(doc.body, doc.source.body_line):
            anchor = link.target[1:] if link.target.startswith("#") else None
            if anchor is not None and anchor not in ids:
                yield problem(CODE, doc.source.path, link.line,
                              f"'{link.target}' points at no heading or anchor in this document, "
                              f"so the link would disappear: {_hint(anchor, ids)} a cross "
                              "reference such as hoofdstuk:02-slug, stand:uwv or onderzoek:slug")
