"""One error path: a mistake that stops a command is reported in the format asked for, exit 1."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from staatc.errors import EditionNotFound


def break_yaml(edition: Path) -> None:
    (edition / "edition.yaml").write_text("title: [unclosed\n", encoding="utf-8")


@pytest.fixture
def nowhere(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_missing_edition_as_json(nowhere, run) -> None:
    result = run("check", "2031", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["problems"]
    assert set(problem) == {"file", "line", "severity", "code", "message"}
    assert problem["severity"] == "error" and problem["code"] == "edition-not-found"
    assert "give a year" in problem["message"]


def test_missing_edition_as_github(nowhere, run) -> None:
    result = run("check", "2031", "--format", "github")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=") and "title=edition-not-found::" in line
    assert "give a year" in line


def test_missing_edition_as_junit(nowhere, run) -> None:
    result = run("check", "2031", "--format", "junit", "--strict")
    assert result.exit_code == 1
    suite = ET.fromstring(result.stdout).find("testsuite")
    failures = suite.findall("testcase/failure")
    assert suite.get("failures") == "1" and len(failures) == 1
    assert failures[0].get("type") == "edition-not-found" and "give a year" in failures[0].get("message")


def test_missing_edition_as_text_is_a_problem_line_and_a_summary(nowhere, run) -> None:
    # Like every other problem: the problem on stdout, the summary on stderr.
    result = run("check", "2031")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    [summary] = result.stderr.splitlines()
    assert ": error: no edition found at '2031'" in line and "give a year" in line
    assert summary == "1 error, 0 warnings: the check failed."


@pytest.mark.parametrize("fmt", ["json", "github", "junit"])
def test_yaml_syntax_error_in_every_machine_format(edition, run, fmt) -> None:
    break_yaml(edition)
    result = run("check", "2024", "--format", fmt, "--as-of", "2024-05-01")
    assert result.exit_code == 1
    if fmt == "json":
        problems = json.loads(result.stdout)["problems"]
        assert ("editions/2024/edition.yaml", "error") in [(p["file"], p["severity"]) for p in problems]
    elif fmt == "github":
        assert "::error file=editions/2024/edition.yaml" in result.stdout
    else:
        cases = ET.fromstring(result.stdout).findall("testsuite/testcase")
        failing = [c.get("name") for c in cases if c.find("failure") is not None]
        assert "editions/2024/edition.yaml" in failing


@pytest.mark.parametrize("args", [("build", "2031"), ("milestones", "2031"), ("diff", "2031", "2031"),
                                  ("serve", "2031")])
def test_every_command_reports_a_missing_edition_the_same_way(nowhere, run, args) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert "error: " in result.stderr and "give a year" in result.stderr
    assert "Traceback" not in result.output


# --- the commands are functions: they return results or raise, and print nothing ------------


def test_check_command_returns_the_result_and_every_file(edition, capsys) -> None:
    from staatc.commands.check import check

    report = check("2024", edition.parent.parent, date(2024, 5, 1))
    assert not report.result.failed()
    assert edition / "edition.yaml" in report.files and edition / "kamerbrief.md" in report.files
    assert capsys.readouterr() == ("", "")


def test_check_command_raises_for_a_missing_edition(nowhere) -> None:
    from staatc.commands.check import check

    with pytest.raises(EditionNotFound):
        check("2031", nowhere, date(2024, 5, 1))


def test_milestones_command_returns_errors_instead_of_a_schedule(edition) -> None:
    from staatc.commands.milestones import milestones

    ok = milestones("2024", edition.parent.parent, date(2024, 6, 21))
    assert ok.errors == [] and ok.failed and [m.milestone.id for m in ok.schedule.missed] == ["duidingssessie"]
    break_yaml(edition)
    broken = milestones("2024", edition.parent.parent, date(2024, 6, 21))
    assert broken.schedule is None and broken.errors and broken.failed


def test_diff_command_writes_or_returns_text(edition, tmp_path) -> None:
    from staatc.commands.diff import diff

    cwd = edition.parent.parent
    shown = diff("2024", "2024", cwd, "json", None, date(2024, 5, 1))
    assert shown.written is None and isinstance(json.loads(shown.text), dict)
    target = tmp_path / "d.html"
    written = diff("2024", "2024", cwd, "html", target, date(2024, 5, 1))
    assert written.written == target and target.read_text(encoding="utf-8").startswith("<!")
