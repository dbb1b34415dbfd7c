"""The rules of identity across editions: knelpunt ids, oproepen, renamed themes (pure).

How the editions link up (`vorige:` missing, a cycle) is found while loading the series
(staatc.load.series); these rules read what was loaded.
"""

from __future__ import annotations

from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.load.series import Series
from staatc.model import Edition



def knelpunt_ids_unique(ed: Edition, series: Series) -> Iterable[Problem]:
    first: dict[str, str] = {}
    for stand in ed.standen:
        for i, k in enumerate(stand.knelpunten):
            if k.id is None:
                continue
            if k.id in first:
                yield problem("duplicate-knelpunt-id", stand.source.path,
                              stand.source.line_of("knelpunten", i, "id"),
                           f"knelpunt id '{k.id}' is also used in {first[k.id]}: an id names one "
                           "knelpunt across the editions; give this one its own id")
            else:
                first[k.id] = f"standen/{stand.slug}.md"


def oproep_ids_unique(ed: Edition, series: Series) -> Iterable[Problem]:
    if ed.config is None:
        return
    seen: set[str] = set()
    for i, o in enumerate(ed.config.oproepen):
        if o.id in seen:
            yield problem("duplicate-oproep", ed.config_source.path,
                          ed.config_source.line_of("oproepen", i, "id"), f"oproep '{o.id}' appears twice under oproepen: keep one")
        seen.add(o.id)


def chapter_oproep_known(ed: Edition, series: Series) -> Iterable[Problem]:
    if ed.config is None:
        return
    known = [o.id for o in ed.config.oproepen]
    hint = f"use one of {', '.join(known)}" if known else "there are no oproepen in edition.yaml"
    for chapter in ed.chapters:
        if chapter.oproep is not None and chapter.oproep not in known:
            yield problem("unknown-oproep", chapter.source.path, chapter.source.line_of("oproep"),
                       f"oproep '{chapter.oproep}' is not under oproepen in edition.yaml: {hint}, "
                       "or add it there")


def theme_was_known(ed: Edition, series: Series) -> Iterable[Problem]:
    # Alone (no predecessor in the series) a `was:` cannot be contradicted, so it stands.
    if ed.config is None or series.previous is None:
        return
    previous = series.previous
    for key, old in ed.config.theme_was.items():
        if old not in previous.config.themes:
            yield problem("unknown-theme-was", ed.config_source.path,
                          ed.config_source.line_of("themes", key, "was"),
                       f"'was: {old}' is not a theme of the previous edition ({previous.year}): "
                       f"use one of {', '.join(previous.config.themes)}")

