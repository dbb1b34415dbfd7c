"""The edition as typed data: what `edition.yaml` and the front matter may say.

Front-matter models (`ChapterMeta`, `StandMeta`, …) accept exactly the keys of the
format and nothing else, so a typo is an error instead of silently ignored.
The full models add what the loader knows from the file itself (slug, body,
where each key stands), so later stages can point at the right line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator,
                      model_validator)

from staatc import TEMPLATES

ChapterStatus = Literal["concept", "review", "final"]
STATUS_ORDER: dict[str, int] = {"concept": 0, "review": 1, "final": 2}

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
def _printable(value: str) -> str:
    # "\x01" written as an escape in a quoted YAML string gets past the file check.
    if any(ord(c) < 32 and c not in "\t\n" or ord(c) == 127 for c in value):
        raise ValueError("it contains an invisible control character; delete it")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_printable)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Milestone(_Strict):
    id: Slug
    name: Text
    date: date
    gate: ChapterStatus | None = None


CheckLevel = Literal["off", "warning", "error"]


class Readability(_Strict):
    """`readability:` in edition.yaml: the thresholds of the language-level checks."""

    minimum: float = Field(default=45, ge=0, le=100)  # Flesch-Douma score a chapter must reach
    sentence_words: int = Field(default=25, ge=5)  # longer sentences get a warning


def _theme_label(value):
    # Reached only by a mapping that is not `{label: …, was: …}` (those are unpacked below).
    if isinstance(value, dict):
        raise ValueError("write the theme's label as text, or as two lines 'label: …' and "
                         f"'was: old-key' (not {', '.join(map(str, value))})")
    return value


ThemeLabel = Annotated[Text, BeforeValidator(_theme_label)]


class Oproep(_Strict):
    """An oproep (call to action) of the Staat; a later edition records what became of it."""

    id: Slug
    titel: Text
    aanscherping: Text | None = None  # how a later edition sharpens it
    reactie: Text | None = None       # how government responded, which steps were taken


class EditionConfig(_Strict):
    """The fields of `edition.yaml`."""

    edition: int
    vorige: int | None = None  # the predecessor; default: the nearest earlier edition folder
    title: Text
    subtitle: Text | None = None
    status: Literal["concept", "definitief"]
    language: Literal["nl-NL", "nl"] = "nl-NL"
    publisher: Text
    # The kamerbrief's sender column: the directie under the ministry, the visiting address
    # (one line each) above the postal address.
    directie: Text | None = None
    bezoekadres: list[Text] = Field(default_factory=list, max_length=4)
    peildatum: date
    # A sample or training edition: the colofon says its texts are not official.
    illustratief: bool = False
    themes: dict[Slug, ThemeLabel] = Field(min_length=1)
    milestones: list[Milestone] = Field(min_length=1)
    # Any warning's code → off | warning | error (staatc.validate.registry checks the codes).
    checks: dict[str, CheckLevel] = Field(default_factory=dict)
    readability: Readability = Field(default_factory=Readability)
    oproepen: list[Oproep] = Field(default_factory=list)
    # A theme written as `{label: …, was: old-key}` was renamed since the predecessor: key → old
    # key. Filled from `themes` (below), so `themes` stays key → label for everything else.
    theme_was: dict[Slug, Slug] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _renamed_themes(cls, data):
        if not isinstance(data, dict):
            return data
        if "theme_was" in data:
            raise ValueError("unknown key 'theme_was': write 'was:' under the theme instead")
        themes = data.get("themes")
        if not isinstance(themes, dict):
            return data
        labels, was = {}, {}
        for key, value in themes.items():
            # Anything else stays as written, so pydantic reports it at the theme's line.
            if isinstance(value, dict) and "label" in value and set(value) <= {"label", "was"}:
                labels[key] = value["label"]
                if "was" in value:
                    was[key] = value["was"]
            else:
                labels[key] = value
        return {**data, "themes": labels, "theme_was": was}

    @field_validator("checks", mode="before")
    @classmethod
    def _yaml_booleans(cls, value):
        # YAML 1.1 reads a bare `off` as false (and `on` as true): give the editor's word back.
        if isinstance(value, dict):
            return {k: {False: "off", True: "on"}.get(v, v) if isinstance(v, bool) else v
                    for k, v in value.items()}
        return value

    def milestone(self, milestone_id: str) -> Milestone | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)


@dataclass(frozen=True)
class Source:
    """Where a document came from: its file, the line of each front-matter key, where its body starts."""

    path: Path
    lines: dict[tuple, int] = field(default_factory=dict)
    body_line: int = 1

    def line_of(self, *key: str | int) -> int:
        """The line of a front-matter key (or the closest enclosing one)."""
        for n in range(len(key), 0, -1):
            if key[:n] in self.lines:
                return self.lines[key[:n]]
        return self.lines.get((), 1)


class _Document(_Strict):
    slug: str = ""
    body: str = ""
    source: Source = Field(default_factory=lambda: Source(Path(".")), exclude=True)

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)
    # The front-matter model this document extends: the loader validates against it,
    # so `slug`, `body` and `source` can never be set from front matter.
    meta_model: ClassVar[type[_Strict]]


class ChapterMeta(_Strict):
    title: Text
    part: int | None = Field(default=None, ge=1)
    status: ChapterStatus
    owner: Text
    deadline: date
    oproep: Slug | None = None  # the id of the oproep (edition.yaml) this chapter treats


class Chapter(_Document, ChapterMeta):
    number: int = 0

    meta_model = ChapterMeta


class Knelpunt(_Strict):
    thema: Slug
    titel: Text
    # The same id in another edition is the same knelpunt (else: organisation + theme).
    id: Slug | None = None


class StandMeta(_Strict):
    organisatie: Text
    afkorting: Text
    departement: Text
    gepubliceerd: date
    url: Url
    knelpunten: list[Knelpunt] = Field(default_factory=list)


class Stand(_Document, StandMeta):
    meta_model = StandMeta

    @property
    def own_afkorting(self) -> bool:
        """Kadaster is called Kadaster: the afkorting is the name, shown once."""
        return self.afkorting.casefold() == self.organisatie.casefold()

    @property
    def name(self) -> str:
        """"Uitvoeringsinstituut Werknemersverzekeringen (UWV)", but never "Kadaster (Kadaster)"."""
        return self.organisatie if self.own_afkorting else f"{self.organisatie} ({self.afkorting})"


class OnderzoekMeta(_Strict):
    titel: Text
    instelling: Text
    auteurs: list[Text] = Field(min_length=1)
    thema: Slug
    jaar: int = Field(ge=1900, le=2200)
    url: Url | None = None


class Onderzoek(_Document, OnderzoekMeta):
    meta_model = OnderzoekMeta


class KamerbriefMeta(_Strict):
    betreft: Text | None = None
    ons_kenmerk: Text
    uw_kenmerk: str = ""
    datum: date | None = None
    bijlagen: int = Field(default=1, ge=0)
    ondertekenaar: Text
    naam: Text


class Kamerbrief(_Document, KamerbriefMeta):
    meta_model = KamerbriefMeta


@dataclass(frozen=True)
class HouseStyle:
    """The house-style files a build uses: the bundled ones (`templates/`), each possibly
    replaced by a file of the same name in the editions' own `templates/` folder (see
    `staatc.load.house_style`). The Lua filter is always the bundled one."""

    reference_docx: Path
    rapportage_typ: Path
    kamerbrief_typ: Path
    fonts: tuple[Path, ...]  # font files by name; an override replaces the bundled one of its name
    folder: Path | None = None  # the override folder in use, if any

    @classmethod
    def bundled(cls) -> HouseStyle:
        return cls(TEMPLATES / "reference.docx", TEMPLATES / "rapportage.typ",
                   TEMPLATES / "kamerbrief.typ", bundled_fonts())

    def is_override(self, path: Path) -> bool:
        return self.folder is not None and path.is_relative_to(self.folder)


@lru_cache(maxsize=1)
def bundled_fonts() -> tuple[Path, ...]:
    return tuple(sorted(p for p in (TEMPLATES / "fonts").iterdir()
                        if p.suffix.lower() in (".ttf", ".otf")))


@dataclass(frozen=True)
class Edition:
    """A whole edition, loaded. Lists are sorted by file name, as the format promises."""

    root: Path
    config: EditionConfig | None  # None when edition.yaml itself is broken
    config_source: Source
    chapters: list[Chapter]
    standen: list[Stand]
    onderzoeken: list[Onderzoek]
    kamerbrief: Kamerbrief | None
    images: dict[str, Path] = field(default_factory=dict)
    # Files that exist but failed to load: references to them are not reported as broken too.
    unloaded: tuple[Path, ...] = ()
    house_style: HouseStyle = field(default_factory=HouseStyle.bundled)

    def aanbieding(self) -> Milestone | None:
        return self.config.milestone("aanbieding") if self.config else None

    def chapter_numbers(self) -> dict[str, int]:
        """slug → the number a reader sees: 1, 2, 3 in the order of NN, gaps closed."""
        ordered = sorted(self.chapters, key=lambda c: c.number)
        return {c.slug: i for i, c in enumerate(ordered, start=1)}

    def documents(self) -> list[_Document]:
        docs: list[_Document] = [*self.chapters, *self.standen, *self.onderzoeken]
        if self.kamerbrief is not None:
            docs.append(self.kamerbrief)
        return docs
