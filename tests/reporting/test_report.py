"""The output formats CI reads: JSON, GitHub workflow commands, JUnit XML."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET


def _break(edition: Path) -> None:
    uwv = edition / "standen/uwv.md"
    uwv.write_text(uwv.read_text().replace("thema: gegevensuitwisseling", "thema: gegevens"))
    (edition / "standen/notities.txt").write_text("x")


def test_json_is_the_contract(edition: Path, run) -> None:
    _break(edition)
    result = run("check", "2024", "--format", "json", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) == {"problems"}
    first = data["problems"][0]
    assert set(first) == {"file", "line", "severity", "code", "message"}
    assert first["file"] == "editions/2024/standen/notities.txt" and first["severity"] == "warning"
    assert data["problems"][1]["code"] == "unknown-theme" and data["problems"][1]["line"] == 10


def test_github_annotations(edition: Path, run) -> None:
    _break(edition)
    result = run("check", "2024", "--format", "github", "--as-of", "2024-05-01")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::warning file=editions/2024/standen/notities.txt,title=stray-file::")
    assert lines[1].startswith("::error file=editions/2024/standen/uwv.md,line=10,title=unknown-theme::theme 'gegevens'")


def test_junit_is_valid_xml_one_case_per_file(edition: Path, run) -> None:
    _break(edition)
    result = run("check", "2024", "--format", "junit", "--as-of", "2024-05-01")
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert "editions/2024/standen/uwv.md" in names and "editions/2024/edition.yaml" in names
    assert len(names) == len(set(names)) == 8  # 7 sources + the stray file
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["editions/2024/standen/uwv.md"]
    assert suite.get("failures") == "1"
    strict = ET.fromstring(run("check", "2024", "--format", "junit", "--strict", "--as-of", "2024-05-01").stdout)
    assert strict.find("testsuite").get("failures") == "2"


def test_strict_fails_on_warnings(edition: Path, run) -> None:
    (edition / "standen/notities.txt").write_text("x")
    assert run("check", "2024", "--as-of", "2024-05-01").exit_code == 0
    assert run("check", "2024", "--as-of", "2024-05-01", "--strict").exit_code == 1


def test_clean_edition_text(edition: Path, run) -> None:
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No problems found." in result.stderr
