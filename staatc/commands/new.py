"""`staatc new`: scaffold the next edition from the one before it (or a minimal skeleton).

The new edition keeps what stays the same from year to year (themes, milestones, chapters and
their owners, the kamerbrief's signatory, `checks:`) and resets what must be written again:
every date moves on by the years between the editions (a comment in edition.yaml asks to
confirm them), every chapter is back at `concept` with only its headings as an outline, and the
Standen and onderzoeken start as one illustrative example each. The result passes
`staatc check` as it is, and is written as one folder at once (`output.write_folder_atomic`),
so an existing edition is never touched: a folder that is there and not empty is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from staatc.errors import InvalidEdition, NewEditionError
from staatc.model import Chapter, Edition, EditionConfig, Readability

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Scaffolded:
    root: Path
    source: Path | None  # the edition it was made from; None for the skeleton
    files: tuple[str, ...]  # relative to root


def new_edition(year: int, source: str | None, cwd: Path) -> Scaffolded:
    from staatc.load.edition import resolve_edition
    from staatc.output import write_folder_atomic

    if not 1900 <= year <= 2200:
        raise NewEditionError(f"'{year}' is not the year of an edition: give four digits, e.g. 2025",
                              cwd / "editions")
    if source is not None:
        previous = resolve_edition(source, cwd)
        editions = previous.parent if previous.parent.name == "editions" else cwd / "editions"
    else:
        editions = cwd / "editions"
        previous = newest_before(editions, year)
    target = editions / str(year)
    if target.is_symlink() or target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewEditionError(
            f"there is already an edition {year} in this folder: staatc new never overwrites one; "
            "choose another year, or move that folder away first", target)
    files = scaffold(year, load_previous(previous), same_series=previous.parent == editions) \
        if previous else skeleton(year)
    write_folder_atomic(target, {name: text.encode("utf-8") for name, text in files.items()})
    return Scaffolded(target, previous, tuple(files))


def newest_before(editions: Path, year: int) -> Path | None:
    years = [int(p.parent.name) for p in editions.glob("*/edition.yaml")
             if p.parent.name.isdigit() and int(p.parent.name) < year] if editions.is_dir() else []
    return editions / str(max(years)) if years else None


def load_previous(root: Path) -> Edition:
    """The edition to start from; its edition.yaml, chapters and kamerbrief must load."""
    from staatc.load.edition import load_edition

    edition, problems = load_edition(root)
    needed = [p for p in problems if p.severity == "error" and
               (p.file.name in ("edition.yaml", "kamerbrief.md") or p.file.parent.name == "chapters")]
    if needed or edition.config is None:
        raise InvalidEdition(needed)
    return edition


def moved(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def scaffold(year: int, previous: Edition, same_series: bool) -> dict[str, str]:
    config = previous.config
    assert config is not None
    years = year - config.edition
    if years <= 0:
        raise NewEditionError(f"the new edition must come after {config.edition}: give a later year, "
                          "or start from an older edition with --from", previous.config_source.path)
    files = {"edition.yaml": edition_yaml(year, config, years, same_series)}
    for chapter in previous.chapters:
        files[f"chapters/{chapter.slug}.md"] = chapter_outline(chapter, year, years, config.edition)
    kb = previous.kamerbrief
    files["kamerbrief.md"] = kamerbrief(year, kb.ondertekenaar if kb else None, kb.naam if kb else None)
    files.update(examples(year, next(iter(config.themes)), moved(config.peildatum, years)))
    wordlist = previous.root / "woordenlijst.txt"
    if wordlist.is_file() and not wordlist.is_symlink():  # the team's names and jargon carry over
        files["woordenlijst.txt"] = wordlist.read_text(encoding="utf-8", errors="replace")
    return files


def skeleton(year: int) -> dict[str, str]:
    """No edition to start from: the least that passes `staatc check`, every value to replace."""
    config = EditionConfig(
        edition=year, title=f"Staat van de Uitvoering {year}", status="concept",
        publisher="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        peildatum=date(year, 5, 1), themes={"voorbeeld": "Voorbeeldthema (vervang door de echte thema's)"},
        milestones=[{"id": "concept-gereed", "name": "Hoofdstukken klaar voor review",
                     "date": date(year, 6, 20), "gate": "review"},
                    {"id": "aanbieding", "name": "Aanbieding aan de Tweede Kamer",
                     "date": date(year, 9, 9), "gate": "final"}])
    intro = Chapter.model_construct(title="Inleiding", part=None, status="concept",
                                    owner="Team Staat van de Uitvoering", deadline=date(year, 6, 1),
                                    oproep=None, body="")
    files = {"edition.yaml": edition_yaml(year, config, 0, False),
             "chapters/01-inleiding.md": chapter_outline(intro, year, 0, None),
             "kamerbrief.md": kamerbrief(year, None, None)}
    files.update(examples(year, "voorbeeld", config.peildatum))
    return files


def _scalar(value) -> str:
    """One YAML value as it goes after 'key: ' (quoted where YAML needs it)."""
    return yaml.safe_dump([value], allow_unicode=True, width=1000)[2:].strip()


def _block(key: str, value) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100)


def edition_yaml(year: int, config: EditionConfig, years: int, same_series: bool) -> str:
    def renamed(text: str | None) -> str | None:
        return text.replace(str(config.edition), str(year)) if text and years else text

    out = [f"edition: {year}\n"]
    if years and same_series:
        out.append(f"vorige: {config.edition}\n")
    for key, value in (("title", renamed(config.title)), ("subtitle", renamed(config.subtitle)),
                       ("status", "concept"), ("language", config.language),
                       ("publisher", config.publisher)):
        if value is not None:
            out.append(f"{key}: {_scalar(value)}\n")
    where = f"moved {years} year{'s' * (years > 1)} on from the {config.edition} edition" if years \
        else "example dates"
    out.append(f"# The dates below are {where}: confirm each one with the project team.\n")
    out.append(f"peildatum: {moved(config.peildatum, years).isoformat()}\n")
    out.append(_block("themes", dict(config.themes)))
    out.append("milestones:\n")
    for m in config.milestones:
        day = moved(m.date, years)
        out.append(f"  - id: {m.id}\n    name: {_scalar(m.name)}\n    date: {day.isoformat()}")
        out.append(f"  # a {_DAYS[day.weekday()]}: choose a working day\n" if day.weekday() > 4 else "\n")
        if m.gate:
            out.append(f"    gate: {m.gate}\n")
    if config.checks:
        out.append(_block("checks", dict(config.checks)))
    if config.readability != Readability():
        out.append(_block("readability", config.readability.model_dump()))
    if config.oproepen:
        out.append(f"# The oproepen carry over from {config.edition}: add under each what became of it "
                   "(reactie:) and how this edition sharpens it (aanscherping:).\n")
        out.append(_block("oproepen", [{"id": o.id, "titel": o.titel} for o in config.oproepen]))
    return "".join(out)


def chapter_outline(chapter: Chapter, year: int, years: int, previous_year: int | None) -> str:
    """The chapter's front matter, back at concept, and last year's headings as an outline."""
    from staatc.markdown.headings import headings

    front = {"title": chapter.title, "part": chapter.part, "status": "concept", "owner": chapter.owner,
             "deadline": moved(chapter.deadline, years), "oproep": chapter.oproep}
    lines = ["---", *(f"{k}: {_scalar(v)}" for k, v in front.items() if v is not None), "---"]
    # A TODO marker: nothing while concept, a warning at review, an error at final (todo-marker).
    origin = f"De kopjes hieronder komen uit het hoofdstuk van {previous_year}." if previous_year else ""
    lines += [f"TODO: schrijf dit hoofdstuk voor de Staat van de Uitvoering {year}. {origin}".rstrip(), ""]
    for heading in headings(chapter.body):
        anchor = f" {{#{heading.identifier}}}" if heading.explicit else ""
        lines += ["#" * heading.level + f" {heading.title}{anchor}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def kamerbrief(year: int, ondertekenaar: str | None, naam: str | None) -> str:
    signer = ondertekenaar or "De minister van Binnenlandse Zaken en Koninkrijksrelaties"
    return (
        "---\n"
        f"betreft: Aanbieding Staat van de Uitvoering {year}\n"
        f"ons_kenmerk: {_scalar(f'{year}-(kenmerk)')}\n"
        'uw_kenmerk: ""\n'
        "bijlagen: 1\n"
        f"ondertekenaar: {_scalar(signer)}\n"
        f"naam: {_scalar(naam or '(naam)')}\n"
        "---\n"
        "Hierbij bied ik u, mede namens de ministers en staatssecretarissen van de andere "
        "departementen,\nde {{ edition.title }} aan. De rapportage is als bijlage bij deze brief "
        "gevoegd.\n\n"
        "Dit is een eerste opzet van de brief. Vervang deze tekst door de boodschap van deze "
        "editie.\nVoor deze editie zijn {{ standen | length }} Standen en "
        "{{ onderzoeken | length }} onderzoeken gebruikt.\n"
    )


def examples(year: int, theme: str, peildatum: date) -> dict[str, str]:
    """One Stand and one onderzoek to show the fields; both say they are examples to replace."""
    published = peildatum.replace(day=1)
    return {
        "standen/voorbeeld.md": (
            "---\n"
            "organisatie: Voorbeeldorganisatie (illustratief, vervang dit bestand)\n"
            "afkorting: VB\n"
            "departement: BZK\n"
            f"gepubliceerd: {published.isoformat()}\n"
            "url: https://example.org/voorbeeld-stand\n"
            "knelpunten:\n"
            f"  - thema: {theme}\n"
            "    titel: Een voorbeeld van een knelpunt\n"
            "---\n"
            "**Dit is een illustratief voorbeeld.** Vervang dit bestand door de samenvatting van een "
            "echte\nStand van de Uitvoering: één bestand per organisatie, met als naam de afkorting, "
            "zoals uwv.md.\n"
        ),
        "onderzoeken/voorbeeld.md": (
            "---\n"
            "titel: Voorbeeldonderzoek (illustratief, vervang dit bestand)\n"
            "instelling: Voorbeeldinstelling\n"
            "auteurs: [A. Voorbeeld]\n"
            f"thema: {theme}\n"
            f"jaar: {year}\n"
            "---\n"
            "**Dit is een illustratief voorbeeld.** Vervang dit bestand door de samenvatting van een "
            "echt\nonderzoek: één bestand per onderzoek.\n"
        ),
    }


def summary(made: Scaffolded, cwd: Path) -> str:
    import os

    where = os.path.relpath(made.root, cwd)
    origin = f"from {os.path.relpath(made.source, cwd)}" if made.source else "as a minimal skeleton"
    return (f"Wrote: {where} {origin} ({len(made.files)} files). Confirm the dates in "
            f"{where}/edition.yaml, replace the examples in standen/ and onderzoeken/, then run "
            f"'staatc check {made.root.name}'.")
