"""`staatc trends`: text, JSON and CSV, each checked against the files themselves."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import REPO
from helpers.series import per_theme, standen

YEARS = [2022, 2023, 2024]


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def test_json_is_one_object_per_edition(in_repo, run) -> None:
    result = run("trends", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["year"] for r in records] == YEARS
    counts = per_theme([REPO / "editions" / str(y) for y in YEARS])
    for record, count in zip(records, counts):
        assert record["standen"] == sorted(standen(REPO / "editions" / str(record["year"])))
        assert record["knelpunten_per_thema"] == dict(sorted(count.items()))
        assert {"id", "titel", "aanscherping", "reactie"} <= set(record["oproepen"][0])
    assert [o["id"] for o in records[0]["oproepen"]] == [o["id"] for o in records[-1]["oproepen"]]
    assert len(records[0]["oproepen"]) == 5 and records[-1]["oproepen"][0]["aanscherping"]


def test_csv_is_one_row_per_edition(in_repo, run) -> None:
    result = run("trends", "2024", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [int(r["year"]) for r in rows] == YEARS
    counts = per_theme([REPO / "editions" / str(y) for y in YEARS])
    for row, count in zip(rows, counts):
        assert int(row["standen"]) == len(standen(REPO / "editions" / row["year"]))
        assert int(row["knelpunten"]) == sum(count.values())
        assert int(row["arbeidsmarkt"]) == count["arbeidsmarkt"]
        assert int(row["gegevensuitwisseling"]) == count["gegevensuitwisseling"]


def test_text_and_the_newest_edition_by_default(in_repo, run) -> None:
    result = run("trends")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Door de jaren heen: 2022, 2023, 2024")
    assert "sinds 2022  UWV: " in result.stdout and "Complexiteitsreductie (sinds 2022)" in result.stdout


def test_a_broken_series_is_reported_at_its_line(edition, run) -> None:
    path = edition / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("edition: 2024\n", "edition: 2024\nvorige: 2019\n"))
    result = run("trends", "2024", "--format", "json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "editions/2024/edition.yaml:2: error: 'vorige: 2019' names an edition that is not there" in result.stderr
