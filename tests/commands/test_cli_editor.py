"""Issue 14 as an editor meets it: run the CLI, read what it prints."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CH1 = "chapters/01-inleiding.md"
UWV = "standen/uwv.md"


def edit(edition: Path, rel: str, old: str, new: str) -> None:
    path = edition / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(result) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": error: " in line]


# --- finding the edition ---------------------------------------------------------------------


def test_edition_found_upward_from_a_subfolder(edition, run, monkeypatch) -> None:
    monkeypatch.chdir(edition / "chapters")
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.stderr


def test_no_argument_inside_an_edition(edition, run, monkeypatch) -> None:
    monkeypatch.chdir(edition / "chapters")
    result = run("check", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.stderr


def test_a_file_path_is_told_to_give_the_folder(edition, run) -> None:
    result = run("check", str(Path("editions/2024") / CH1))
    assert result.exit_code == 1
    assert "is a file: give the folder that holds edition.yaml" in result.stdout


@pytest.mark.slow
def test_a_build_inside_an_edition_writes_beside_editions(edition, run, monkeypatch) -> None:
    monkeypatch.chdir(edition / "chapters")
    result = run("build", "--as-of", "2024-05-01", "--format", "html")
    assert result.exit_code == 0, result.output
    assert not (edition / "build").exists() and not (edition / "chapters" / "build").exists()
    assert (edition.parent.parent / "build").is_dir()


def test_check_two_editions_and_all(edition, run) -> None:
    shutil.copytree(edition, edition.parent / "2023")
    edit(edition.parent / "2023", "edition.yaml", "edition: 2024", "edition: 2023")
    both = run("check", "2023", "2024", "--as-of", "2024-05-01")
    assert both.exit_code == 0, both.output
    every = run("check", "--all", "--as-of", "2024-05-01")
    assert every.exit_code == 0, every.output
    edit(edition.parent / "2023", CH1, "status: review", "status: klaar")
    broken = run("check", "--all", "--as-of", "2024-05-01")
    assert broken.exit_code == 1
    assert any(line.startswith("editions/2023/chapters/01-inleiding.md") for line in errors(broken))


# --- plain messages --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2024-02-30", "2024-6-1", "15-04-2024"])
def test_a_bad_date_is_a_plain_message(edition, run, bad) -> None:
    edit(edition, UWV, "gepubliceerd: 2024-04-15", f"gepubliceerd: {bad}")
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    [line] = errors(result)
    assert line.startswith("editions/2024/standen/uwv.md:5: error:") and "YYYY-MM-DD" in line
    assert "pydantic" not in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(("rel", "old", "new", "words"), [
    (CH1, "status: review", "status: review\npart: een", "write 'part: 1'"),
    (UWV, "  - thema: gegevensuitwisseling", "\t- thema: gegevensuitwisseling",
     "this line has a tab: replace the tab with spaces"),
    (UWV, "  - thema: complexiteit", "\u00a0 - thema: complexiteit",
     "this line contains a non-breaking space (often pasted from Word)"),
])
def test_plain_messages_for_what_editors_type(edition, run, rel, old, new, words) -> None:
    edit(edition, rel, old, new)
    result = run("check", "2024", "--as-of", "2024-05-01")
    lines = [line for line in result.stdout.splitlines() if Path(rel).name in line]
    assert lines and any(words in line for line in lines), result.output
    assert "Traceback" not in result.output


def test_a_misspelt_filter(edition, run) -> None:
    edit(edition, CH1, "standen | length", "standen | lenght")
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    [line] = errors(result)
    assert "there is no filter 'lenght': did you mean 'length'?" in line


# --- did you mean ----------------------------------------------------------------------------


@pytest.mark.parametrize(("rel", "old", "new", "meant"), [
    (CH1, "status: review", "stauts: review", "status"),
    (UWV, "thema: gegevensuitwisseling", "thema: arbiedsmarkt", "arbeidsmarkt"),
    (CH1, "status: review", "status: Final", "final"),
    (CH1, "(stand:uwv)", "(stand:uwvv)", "stand:uwv"),
])
def test_did_you_mean(edition, run, rel, old, new, meant) -> None:
    edit(edition, "edition.yaml", "  gegevensuitwisseling: Gegevensuitwisseling",
         "  gegevensuitwisseling: Gegevensuitwisseling\n  arbeidsmarkt: Arbeidsmarkt")
    edit(edition, rel, old, new)
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    [line] = errors(result)
    assert f"'{meant}'" in line and "mean" in line, line


def test_an_image_path_differing_in_case(edition, run) -> None:
    (edition / "images").mkdir()
    (edition / "images" / "Grafiek.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = (edition / CH1).read_text(encoding="utf-8")
    (edition / CH1).write_text(text + "\n![Een grafiek](images/grafiek.png)\n", encoding="utf-8")
    result = run("check", "2024", "--as-of", "2024-05-01")
    [line] = errors(result)
    assert "differ only in capitals" in line and "write 'images/Grafiek.png'" in line


# --- summaries, colour, width ----------------------------------------------------------------


def test_a_failed_build_says_nothing_was_written(edition, run, tmp_path) -> None:
    edit(edition, CH1, "status: review", "status: klaar")
    result = run("build", "2024", "--as-of", "2024-05-01", "--format", "html")
    assert result.exit_code == 1
    assert "1 error, 0 warnings: nothing was written" in result.stderr
    assert not (tmp_path / "build").exists()


def test_strict_sentence(edition, run) -> None:
    result = run("check", "2024", "--as-of", "2024-06-11", "--strict")
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert last == "0 errors, 2 warnings: the check failed (--strict counts warnings as failures)."


def test_no_escape_codes_when_piped_or_no_color(edition, run, monkeypatch) -> None:
    edit(edition, CH1, "status: review", "status: klaar")
    for env in ({}, {"NO_COLOR": "1"}):
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        result = run("check", "2024", "--as-of", "2024-06-11")
        assert "\x1b[" not in result.output


def test_milestones_at_80_columns_break_no_word(edition, run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run("milestones", "2024", "--as-of", "2024-06-21").stdout
    for word in ("Duidingssessie met bestuurders", "02-complexiteitsreductie", "Team Staat"):
        assert any(word in line for line in out.splitlines()), word


# --- switches --------------------------------------------------------------------------------


@pytest.mark.slow
def test_verbose_shows_the_pandoc_call(edition, run) -> None:
    result = run("build", "2024", "--as-of", "2024-05-01", "--format", "docx", "--verbose")
    assert result.exit_code == 0, result.output
    assert "pandoc" in result.stderr


@pytest.mark.slow
def test_quiet_prints_no_wrote(edition, run) -> None:
    result = run("build", "2024", "--as-of", "2024-05-01", "--format", "html", "--quiet")
    assert result.exit_code == 0, result.output
    assert "Wrote:" not in result.output


@pytest.mark.parametrize("command", ["check", "build", "milestones", "new", "import"])
def test_dash_h_works(run, command) -> None:
    result = run(command, "-h")
    assert result.exit_code == 0 and "Usage:" in result.stdout


CRASH = """
import staatc.commands.check as c
def boom(*a, **k):
    raise RuntimeError("kapot")
for name in dir(c):
    if name.startswith("check"):
        setattr(c, name, boom)
import runpy, sys
sys.argv = ["staatc", "check", "2024"]
runpy.run_module("staatc", run_name="__main__")
"""


@pytest.mark.parametrize("debug", [False, True])
def test_an_internal_error(edition, debug) -> None:
    env = {k: v for k, v in os.environ.items() if k != "STAATC_DEBUG"}
    if debug:
        env["STAATC_DEBUG"] = "1"
    done = subprocess.run([sys.executable, "-c", CRASH], capture_output=True, text=True, env=env,
                          cwd=edition.parent.parent, timeout=60)
    if debug:
        assert "Traceback" in done.stderr and "kapot" in done.stderr
    else:
        assert done.returncode == 70, done.stderr
        assert "Traceback" not in done.stderr and done.stderr.strip()


def test_new_takes_the_shared_switches(edition, run) -> None:
    quiet = run("new", "2025", "--quiet")
    assert quiet.exit_code == 0, quiet.output
    assert (edition.parent / "2025" / "edition.yaml").is_file() and quiet.stdout == ""
    loud = run("new", "2026")
    assert loud.exit_code == 0 and "2026" in loud.stdout
