"""The command line as a user meets it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from staatc import __version__
from helpers import REPO


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"staatc {__version__}"


def test_help_lists_commands(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    # "check" is also a word of the app's description: read the entries of the command section.
    _, commands = re.split(r"^\W*Commands\W*$", result.stdout, maxsplit=1, flags=re.M)
    entries = re.findall(r"^[\s│|]*([a-z][a-z-]*) {2,}\S", commands, flags=re.M)
    assert {"build", "check", "milestones", "diff"} <= set(entries), entries


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys; sys.argv=['staatc','--help']\n"
        "from staatc.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pypandoc','docx','typst','babel','jinja2','pydantic','staatc.load.edition',"
        "'staatc.errors','staatc.printable','logging') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out


# What a check of an unchanged edition never runs: machine formats, writing, the per-file rules
# that the cache answers for, error wording, Jinja. Each is imported only when it is needed.
NOT_ON_A_WARM_CHECK = (
    "jinja2", "pypandoc", "docx", "staatc.output", "staatc.reporting.problems", "xml.etree.ElementTree",
    "staatc.load.messages", "staatc.load.plain", "staatc.templating.words", "staatc.validate.rawmarkup",
    "staatc.validate.nesting", "staatc.validate.editorial.accessibility", "staatc.validate.editorial.spelling",
)


def test_a_warm_check_imports_only_what_it_runs(tmp_path) -> None:
    shutil.copytree(REPO / "editions", tmp_path / "editions")
    check = ["check", "2024", "--as-of", "2024-09-01"]
    subprocess.run([sys.executable, "-P", "-m", "staatc", *check], cwd=tmp_path, capture_output=True, check=True)
    code = (
        f"import sys; sys.argv=['staatc', *{check!r}]\n"
        "from staatc.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    print('EXIT', exc.code)\n"
        f"print('LOADED', [m for m in {NOT_ON_A_WARM_CHECK!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-P", "-c", code], cwd=tmp_path, capture_output=True, text=True,
                         check=True).stdout
    assert "EXIT 0" in out and "LOADED []" in out, out


@pytest.mark.parametrize("year", ["2024", "2023", "2022"])
def test_sample_editions_are_clean(year: str, run, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = run("check", year, "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert ": error: " not in result.stdout
