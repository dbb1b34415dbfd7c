"""The trend figures (pure) and the part they make, on small series built from tests/roots."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import copy_root
from staatc.assemble.trends import trends_section
from staatc.load.edition import load_edition
from staatc.load.series import load_series
from staatc.series.figures import returning_knelpunten, standen_rows, theme_rows
from staatc.validate.check import check_edition


def two_editions(tmp: Path) -> Path:
    old = copy_root("minimal", tmp, "2023")
    config = old / "edition.yaml"
    config.write_text(config.read_text().replace("edition: 2024", "edition: 2023")
                      .replace("  gegevensuitwisseling: Gegevensuitwisseling", "  gegevens: Gegevens"))
    uwv = old / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text().replace("thema: gegevensuitwisseling", "thema: gegevens"))
    (old / "standen" / "svb.md").unlink()
    new = copy_root("minimal", tmp, "2024")
    config = new / "edition.yaml"
    config.write_text(config.read_text().replace(
        "  gegevensuitwisseling: Gegevensuitwisseling",
        "  gegevensuitwisseling:\n    label: Gegevensuitwisseling\n    was: gegevens"))
    return new


def test_figures_follow_slugs_ids_and_renamed_themes(tmp_path) -> None:
    series, problems = load_series(load_edition(two_editions(tmp_path))[0])
    assert problems == []
    rows = standen_rows(series)
    assert [(r.year, len(r.standen), r.nieuw, r.niet_opnieuw) for r in rows] == [
        (2023, 1, ("uwv",), ()), (2024, 2, ("svb",), ())]
    themes = {r.key: r.counts for r in theme_rows(series)}
    assert themes["gegevensuitwisseling"] == (1, 1) and "gegevens" not in themes
    back = returning_knelpunten(series)
    assert {(r.slug, r.thema, r.sinds) for r in back} == {("uwv", "complexiteit", 2023),
                                                          ("uwv", "gegevensuitwisseling", 2023)}


def test_the_part_and_the_template_context(tmp_path) -> None:
    root = two_editions(tmp_path)
    chapter = root / "chapters" / "01-inleiding.md"
    chapter.write_text(chapter.read_text() + "\nSinds {{ series[0].year }}: "
                       "{{ series[1:] | map(attribute='nieuw') | map('length') | sum }} nieuw.\n")
    result = check_edition(root, date(2024, 5, 1), editorial=False)
    assert [p for p in result.problems if p.severity == "error"] == []
    assert "Sinds 2023: 1 nieuw." in result.texts[chapter.resolve()]
    part = trends_section(result.series, with_chart=False)
    assert part.startswith("# Door de jaren heen {#door-de-jaren-heen}")
    assert "| 2024 | 2 | 1 | 1 | 0 |" in part and "sinds 2023" in part


def test_no_part_for_a_first_edition(edition) -> None:
    series, _ = load_series(load_edition(edition)[0])
    assert trends_section(series, with_chart=True) is None
