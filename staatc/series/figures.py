"""The trend figures of a series: pure functions, the same for the rapportage, the
template context and `staatc trends`.

Identities across editions (issue 18): an organisation is its Stand slug; a knelpunt is
its `id`, or else organisation + theme; a theme renamed since the predecessor says
`was: old-key`, and every count is given under the newest edition's theme keys so the
years stay comparable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from staatc.load.series import Series, SeriesEdition
from staatc.model import Knelpunt


@dataclass(frozen=True)
class StandenRow:
    year: int
    standen: tuple[str, ...]       # slugs
    nieuw: tuple[str, ...]         # not in the edition before
    opnieuw: tuple[str, ...]       # also in the edition before
    niet_opnieuw: tuple[str, ...]  # in the edition before, not in this one


@dataclass(frozen=True)
class ThemeRow:
    key: str
    label: str
    counts: tuple[int, ...]  # one per edition, oldest first


@dataclass(frozen=True)
class Returning:
    """A knelpunt of the newest edition that was there in the editions before it."""

    slug: str
    organisatie: str
    afkorting: str
    thema: str
    titel: str
    sinds: int  # the first year of the unbroken run up to now


@dataclass(frozen=True)
class OproepStep:
    year: int
    titel: str
    aanscherping: str | None
    reactie: str | None


@dataclass(frozen=True)
class OproepRow:
    id: str
    titel: str  # as the newest edition that has it words it
    sinds: int
    steps: tuple[OproepStep, ...]


def years(series: Series) -> list[int]:
    return [e.year for e in series.editions]


def standen_rows(series: Series) -> list[StandenRow]:
    rows, before = [], set()
    for ed in series.editions:
        now = [s.slug for s in ed.standen]
        rows.append(StandenRow(ed.year, tuple(now),
                               tuple(s for s in now if s not in before),
                               tuple(s for s in now if s in before),
                               tuple(sorted(before - set(now)))))
        before = set(now)
    return rows


def canonical_themes(series: Series) -> list[dict[str, str]]:
    """Per edition: its theme key → the newest edition's key for the same theme."""
    eds = series.editions
    maps: list[dict[str, str]] = [{} for _ in eds]
    for i in range(len(eds) - 1, -1, -1):
        keys = set(eds[i].config.themes) | {k.thema for s in eds[i].standen for k in s.knelpunten}
        if i == len(eds) - 1:
            maps[i] = {k: k for k in keys}
            continue
        later = eds[i + 1]
        renamed = {old: new for new, old in later.config.theme_was.items()}
        maps[i] = {k: maps[i + 1].get(renamed.get(k, k), renamed.get(k, k)) for k in keys}
    return maps


def theme_rows(series: Series) -> list[ThemeRow]:
    """Knelpunten per theme per edition: the newest edition's themes first, in its order."""
    maps = canonical_themes(series)
    counts = [Counter(m[k.thema] for s in ed.standen for k in s.knelpunten)
              for ed, m in zip(series.editions, maps)]
    labels: dict[str, str] = {}
    for ed, m in zip(reversed(series.editions), reversed(maps)):
        for key, label in ed.config.themes.items():
            labels.setdefault(m[key], label)
    keys = list(labels) + sorted({k for c in counts for k in c} - set(labels))
    return [ThemeRow(k, labels.get(k, k), tuple(c.get(k, 0) for c in counts)) for k in keys]


def _same(a: Knelpunt, a_theme: str, a_slug: str, b: Knelpunt, b_theme: str, b_slug: str) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return a_slug == b_slug and a_theme == b_theme


def _found_in(k: Knelpunt, theme: str, slug: str, ed: SeriesEdition, m: dict[str, str]) -> bool:
    return any(_same(k, theme, slug, other, m[other.thema], stand.slug)
               for stand in ed.standen for other in stand.knelpunten)


def returning_knelpunten(series: Series) -> list[Returning]:
    """Knelpunten of the newest edition that were also in the one before ("blijven hangen")."""
    if len(series) < 2:
        return []
    maps = canonical_themes(series)
    current, cur_map = series.editions[-1], maps[-1]
    found = []
    for stand in current.standen:
        for k in stand.knelpunten:
            theme, sinds = cur_map[k.thema], None
            for ed, m in zip(reversed(series.editions[:-1]), reversed(maps[:-1])):
                if not _found_in(k, theme, stand.slug, ed, m):
                    break
                sinds = ed.year
            if sinds is not None:
                found.append(Returning(stand.slug, stand.organisatie, stand.afkorting, theme, k.titel, sinds))
    return sorted(found, key=lambda r: (r.sinds, r.afkorting.casefold(), r.thema))


def oproepen_rows(series: Series) -> list[OproepRow]:
    """Every oproep in the series, in order of first appearance, with what each edition said."""
    steps: dict[str, list[OproepStep]] = {}
    for ed in series.editions:
        for o in ed.config.oproepen:
            steps.setdefault(o.id, []).append(OproepStep(ed.year, o.titel, o.aanscherping, o.reactie))
    return [OproepRow(oid, s[-1].titel, s[0].year, tuple(s)) for oid, s in steps.items()]


def edition_records(series: Series) -> list[dict]:
    """One plain record per edition (oldest first): for JSON, CSV and the template context."""
    maps = canonical_themes(series)
    rows = standen_rows(series)
    records = []
    for ed, m, row in zip(series.editions, maps, rows):
        per_theme = Counter(m[k.thema] for s in ed.standen for k in s.knelpunten)
        records.append({
            "year": ed.year,
            "title": ed.config.title,
            "standen": list(row.standen),
            "nieuw": list(row.nieuw),
            "opnieuw": list(row.opnieuw),
            "niet_opnieuw": list(row.niet_opnieuw),
            "knelpunten": sum(per_theme.values()),
            "knelpunten_per_thema": dict(sorted(per_theme.items())),
            "oproepen": [o.model_dump() for o in ed.config.oproepen],
        })
    return records


def pair_by_id(removed: tuple[Knelpunt, ...], added: tuple[Knelpunt, ...]
               ) -> tuple[tuple[tuple[Knelpunt, Knelpunt], ...], tuple[Knelpunt, ...], tuple[Knelpunt, ...]]:
    """Knelpunten with the same id on both sides are one knelpunt that changed (`staatc diff`):
    returns (old, new) pairs and what is left removed and added."""
    new_by_id = {k.id: k for k in added if k.id}
    pairs = tuple((k, new_by_id[k.id]) for k in removed if k.id in new_by_id)
    paired = {old.id for old, _ in pairs}
    return (pairs, tuple(k for k in removed if k.id not in paired),
            tuple(k for k in added if not (k.id and k.id in paired)))
