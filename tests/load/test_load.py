"""The loader reads an edition exactly as the format describes, with lines kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from staatc.load.edition import load_edition, resolve_edition
from staatc.model import Chapter, Stand


def test_minimal_edition_loads_clean(edition: Path) -> None:
    ed, problems = load_edition(edition)
    assert problems == []
    assert ed.config.title == "Staat van de Uitvoering 2024"
    assert [c.slug for c in ed.chapters] == ["01-inleiding", "02-complexiteitsreductie"]
    assert [c.number for c in ed.chapters] == [1, 2]
    assert [s.slug for s in ed.standen] == ["svb", "uwv"]  # sorted by file name
    assert ed.standen[1].knelpunten[1].thema == "gegevensuitwisseling"
    assert ed.aanbieding().date == date(2024, 9, 9)
    assert ed.kamerbrief.datum is None and ed.kamerbrief.bijlagen == 1


def test_lines_of_keys_and_body(edition: Path) -> None:
    ed, _ = load_edition(edition)
    uwv: Stand = ed.standen[1]
    assert uwv.source.line_of("afkorting") == 3
    assert uwv.source.line_of("knelpunten", 1, "titel") == 11
    assert uwv.source.body_line == 13
    assert ed.config_source.line_of("milestones", 2, "date") == 21
    chapter: Chapter = ed.chapters[0]
    assert chapter.body.splitlines()[0] == "# Waarom deze Staat {#sec-waarom}"
    assert chapter.source.body_line == 7


def test_bom_and_crlf_are_accepted(edition: Path) -> None:
    path = edition / "standen/uwv.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    ed, problems = load_edition(edition)
    assert problems == []
    uwv = ed.standen[1]
    assert uwv.afkorting == "UWV" and "\r" not in uwv.body
    assert uwv.source.line_of("afkorting") == 3


def test_resolve_year_and_path(edition: Path, tmp_path: Path) -> None:
    assert resolve_edition("2024", tmp_path) == edition.resolve()
    assert resolve_edition("editions/2024", tmp_path) == edition.resolve()
    assert resolve_edition(str(edition), Path("/")) == edition.resolve()


def test_front_matter_cannot_set_internal_fields(edition: Path) -> None:
    path = edition / "standen/svb.md"
    path.write_text(path.read_text().replace("afkorting: SVB", "afkorting: SVB\nslug: uwv\nbody: x"))
    _, problems = load_edition(edition)
    assert {(p.line, p.code) for p in problems} == {(4, "unknown-key"), (5, "unknown-key")}
