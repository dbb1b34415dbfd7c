"""Load the series: this edition and its predecessors, as far back as `vorige:` leads.

A predecessor is read only as far as the trend figures need it: its edition.yaml and the
front matter of its Standen (its chapters, onderzoeken and kamerbrief are its own check's
business). Predecessors are looked for beside the edition, inside the repository's
`editions/` folder and nowhere else: an edition given as some other folder has no series,
and an edition folder that is a symbolic link out of `editions/` is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from staatc.codes import problem
from staatc.errors import Problem, StaatcError
from staatc.load.edition import SLUG_NAME, load_config, load_document
from staatc.load.folders import EDITIONS_FOLDER, edition_folders
from staatc.model import Edition, EditionConfig, Source, Stand



@dataclass(frozen=True)
class SeriesEdition:
    """One edition of the series, as far as the trends need it."""

    year: int
    root: Path
    config: EditionConfig
    config_source: Source
    standen: tuple[Stand, ...]


@dataclass(frozen=True)
class Series:
    """The editions, oldest first; the last one is the edition being checked."""

    editions: tuple[SeriesEdition, ...] = ()

    @property
    def current(self) -> SeriesEdition | None:
        return self.editions[-1] if self.editions else None

    @property
    def previous(self) -> SeriesEdition | None:
        return self.editions[-2] if len(self.editions) > 1 else None

    def __len__(self) -> int:
        return len(self.editions)



def load_series(edition: Edition) -> tuple[Series, list[Problem]]:
    """The series that ends with `edition`, and what is wrong in how it links up."""
    if edition.config is None:
        return Series(), []
    current = SeriesEdition(edition.config.edition, edition.root, edition.config,
                            edition.config_source, tuple(edition.standen))
    editions_dir = edition.root.parent
    folders = edition_folders(editions_dir) if editions_dir.name == EDITIONS_FOLDER else {}
    chain, problems = [current], []
    while (link := _predecessor(chain[-1], folders)) is not None:
        year, line = link
        here = chain[-1]
        where = (here.config_source.path, line)
        years = [e.year for e in chain]
        if year in years:
            path = " → ".join(str(y) for y in [here.year, *years[years.index(year):]])
            problems.append(problem("series-cycle", *where,
                                 f"'vorige: {year}' makes the series go round in a circle "
                                 f"({path}): name an earlier edition, or remove 'vorige' "
                                 "from the first one"))
            break
        folder = folders.get(year)
        if folder is None:
            problems.append(problem("series-missing-vorige", *where,
                                 f"'vorige: {year}' names an edition that is not there: "
                                 f"there is no {EDITIONS_FOLDER}/{year}/edition.yaml; "
                                 "correct the year, or remove 'vorige' if this is the first edition"))
            break
        if not folder.resolve().is_relative_to(editions_dir.resolve()):
            problems.append(problem("unsafe-path", *where,
                                 f"the earlier edition {EDITIONS_FOLDER}/{year} points outside "
                                 f"the {EDITIONS_FOLDER}/ folder (a symbolic link); make it a "
                                 "real folder"))
            break
        loaded, found = _load_predecessor(year, folder)
        problems += found
        if loaded is None:
            break
        chain.append(loaded)
    return Series(tuple(reversed(chain))), problems


def _predecessor(ed: SeriesEdition, folders: dict[int, Path]) -> tuple[int, int | None] | None:
    """(year, line of `vorige:` or None when implied) of the edition before `ed`."""
    if ed.config.vorige is not None:
        return ed.config.vorige, ed.config_source.line_of("vorige")
    earlier = [y for y in folders if y < ed.year]
    return (max(earlier), None) if earlier else None


def _load_predecessor(year: int, folder: Path) -> tuple[SeriesEdition | None, list[Problem]]:
    root = folder.resolve()
    try:
        config, source = load_config(folder / "edition.yaml", root)
    except StaatcError as exc:
        return None, exc.problems
    standen, problems = [], []
    stand_folder = folder / "standen"
    if stand_folder.is_dir() and stand_folder.resolve().is_relative_to(root):
        for path in sorted(stand_folder.glob("*.md")):
            if not (match := SLUG_NAME.match(path.name)):
                continue  # the predecessor's own check reports the name
            try:
                standen.append(load_document(path, Stand, root, match[1]))
            except StaatcError as exc:
                problems += exc.problems
    return SeriesEdition(year, root, config, source, tuple(standen)), problems
