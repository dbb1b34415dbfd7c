"""The series: editions linked by `vorige:` or by year, and every mistake in it at its line.

Each case builds editions/2023 and editions/2024 from tests/roots/minimal, breaks one thing
and runs `staatc check 2024` as a user would, expecting `file:line: error: message`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from helpers import copy_root
from staatc.load.edition import load_edition
from staatc.load.series import load_series

AS_OF = "2024-05-01"


def make_2023(tmp: Path) -> Path:
    root = copy_root("minimal", tmp, "2023")
    path = root / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("edition: 2024", "edition: 2023"), encoding="utf-8")
    return root


def set_line(path: Path, after: str, line: str) -> None:
    """Insert `line` after the first line that starts with `after`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    i = next(n for n, text in enumerate(lines) if text.startswith(after))
    lines.insert(i + 1, line)
    path.write_text("\n".join(lines), encoding="utf-8")


@dataclass
class Case:
    id: str
    mutate: Callable[[Path], None]  # gets <tmp>
    file: str
    line: int
    code: str
    hint: str


def _missing(tmp: Path) -> None:
    set_line(tmp / "editions/2024/edition.yaml", "edition:", "vorige: 2021")


def _cycle(tmp: Path) -> None:
    make_2023(tmp)
    set_line(tmp / "editions/2023/edition.yaml", "edition:", "vorige: 2024")


def _self(tmp: Path) -> None:
    set_line(tmp / "editions/2024/edition.yaml", "edition:", "vorige: 2024")


def _unknown_was(tmp: Path) -> None:
    make_2023(tmp)
    set_line(tmp / "editions/2024/edition.yaml", "  gegevensuitwisseling:",
             "  data:\n    label: Data\n    was: gegevens")


def _theme_typo(tmp: Path) -> None:
    set_line(tmp / "editions/2024/edition.yaml", "  gegevensuitwisseling:",
             "  data:\n    label: Data\n    wsa: gegevens")


def _duplicate_id(tmp: Path) -> None:
    uwv = tmp / "editions/2024/standen/uwv.md"
    set_line(uwv, "    titel: Stapeling", "    id: ww-regels")
    set_line(uwv, "    titel: Gegevens van andere", "    id: ww-regels")


def _unknown_oproep(tmp: Path) -> None:
    config = tmp / "editions/2024/edition.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "oproepen:\n  - id: complexiteitsreductie\n    titel: Complexiteitsreductie\n",
                      encoding="utf-8")
    set_line(tmp / "editions/2024/chapters/02-complexiteitsreductie.md", "deadline:", "oproep: eenvoud")


def _duplicate_oproep(tmp: Path) -> None:
    config = tmp / "editions/2024/edition.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "oproepen:\n  - id: eenvoud\n    titel: Eenvoud\n  - id: eenvoud\n    titel: Nog eens\n",
                      encoding="utf-8")


CASES = [
    Case("missing-vorige", _missing, "editions/2024/edition.yaml", 2, "series-missing-vorige",
         "'vorige: 2021' names an edition that is not there"),
    Case("cycle", _cycle, "editions/2023/edition.yaml", 2, "series-cycle", "2023 → 2024 → 2023"),
    Case("vorige-is-itself", _self, "editions/2024/edition.yaml", 2, "series-cycle", "round in a circle"),
    Case("unknown-was", _unknown_was, "editions/2024/edition.yaml", 13, "unknown-theme-was",
         "'was: gegevens' is not a theme of the previous edition (2023)"),
    Case("theme-entry-typo", _theme_typo, "editions/2024/edition.yaml", 11, "invalid-value",
         "write the theme's label as text, or as two lines 'label: …' and 'was: old-key' (not label, wsa)"),
    Case("duplicate-knelpunt-id", _duplicate_id, "editions/2024/standen/uwv.md", 13, "duplicate-knelpunt-id",
         "knelpunt id 'ww-regels' is also used in standen/uwv.md"),
    Case("unknown-oproep", _unknown_oproep, "editions/2024/chapters/02-complexiteitsreductie.md", 7,
         "unknown-oproep", "oproep 'eenvoud' is not under oproepen in edition.yaml: use one of complexiteitsreductie"),
    Case("duplicate-oproep", _duplicate_oproep, "editions/2024/edition.yaml", 26, "duplicate-oproep",
         "appears twice"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_series_mistake_at_its_line(case: Case, edition: Path, run) -> None:
    case.mutate(edition.parent.parent)
    result = run("check", "2024", "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    found = [line for line in lines if line.startswith(f"{case.file}:{case.line}: error: ")]
    assert any(case.hint in line for line in found), result.stdout


def test_default_predecessor_is_the_nearest_earlier_folder(edition: Path) -> None:
    tmp = edition.parent.parent
    make_2023(tmp)
    old = copy_root("minimal", tmp, "2021")
    (old / "edition.yaml").write_text((old / "edition.yaml").read_text().replace("edition: 2024", "edition: 2021"))
    ed, _ = load_edition(edition)
    series, problems = load_series(ed)
    assert problems == []
    assert [e.year for e in series.editions] == [2021, 2023, 2024]


def test_named_predecessor_skips_an_edition(edition: Path) -> None:
    tmp = edition.parent.parent
    make_2023(tmp)
    old = copy_root("minimal", tmp, "2022")
    (old / "edition.yaml").write_text((old / "edition.yaml").read_text().replace("edition: 2024", "edition: 2022"))
    set_line(edition / "edition.yaml", "edition:", "vorige: 2022")
    series, problems = load_series(load_edition(edition)[0])
    assert problems == [] and [e.year for e in series.editions] == [2022, 2024]


def test_a_first_edition_has_no_predecessor(edition: Path) -> None:
    series, problems = load_series(load_edition(edition)[0])
    assert problems == [] and [e.year for e in series.editions] == [2024]


def test_predecessors_are_read_only_as_far_as_needed(edition: Path, run) -> None:
    """A broken chapter in 2023 is 2023's business; its Standen and edition.yaml are read."""
    tmp = edition.parent.parent
    old = make_2023(tmp)
    (old / "chapters" / "01-inleiding.md").write_text("no front matter", encoding="utf-8")
    (old / "kamerbrief.md").unlink()
    result = run("check", "2024", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    (old / "standen" / "uwv.md").write_text("---\norganisatie: UWV\n---\n", encoding="utf-8")
    result = run("check", "2024", "--as-of", AS_OF)
    assert result.exit_code == 1 and "editions/2023/standen/uwv.md:" in result.stdout


def test_an_edition_outside_editions_has_no_series(tmp_path: Path) -> None:
    root = copy_root("minimal", tmp_path / "elders", "2024")
    make_2023(tmp_path / "elders")
    os.rename(root, tmp_path / "los")
    series, _ = load_series(load_edition(tmp_path / "los")[0])
    assert [e.year for e in series.editions] == [2024]


def test_a_predecessor_linked_from_outside_is_refused(edition: Path, tmp_path: Path, run) -> None:
    outside = make_2023(tmp_path / "buiten")
    (edition.parent / "2023").symlink_to(outside, target_is_directory=True)
    result = run("check", "2024", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "editions/2024/edition.yaml: error: the earlier edition editions/2023 points outside" in result.stdout


def test_any_vorige_links_end_without_a_crash_or_a_loop() -> None:
    """Random folders and `vorige:` links: the chain never repeats a year, never crashes."""
    import tempfile

    from hypothesis import given, settings, strategies as st

    years = st.lists(st.integers(2019, 2025), min_size=1, max_size=5, unique=True)
    links = st.one_of(st.none(), st.integers(2017, 2026))

    @settings(max_examples=40, deadline=None)
    @given(years, st.lists(links, min_size=5, max_size=5))
    def check(present: list[int], vorige: list[int | None]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            for year, link in zip(present, vorige):
                root = copy_root("minimal", Path(tmp), str(year))
                text = (root / "edition.yaml").read_text().replace("edition: 2024", f"edition: {year}")
                if link is not None:
                    text = text.replace(f"edition: {year}\n", f"edition: {year}\nvorige: {link}\n")
                (root / "edition.yaml").write_text(text)
            series, problems = load_series(load_edition(Path(tmp) / "editions" / str(max(present)))[0])
            chain = [e.year for e in series.editions]
            assert len(chain) == len(set(chain)) and chain[-1] == max(present)
            assert {p.code for p in problems} <= {"series-cycle", "series-missing-vorige"}

    check()
