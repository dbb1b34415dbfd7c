"""`EDITION@REV`: compare with an edition as committed, without touching the work tree."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import copy_root

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

UWV = "editions/2024/standen/uwv.md"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def replace(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository with three commits: empty, the edition, one edit; plus an uncommitted edit."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("staat\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    git(repo, "tag", "start")
    copy_root("minimal", repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edition 2024")
    replace(repo, UWV, "regels op elkaar stapelen.", "regels steeds op elkaar stapelen.")
    git(repo, "commit", "-q", "-am", "edit uwv")
    replace(repo, UWV, "UWV ziet", "UWV zag")  # a draft, not committed
    monkeypatch.chdir(repo)
    return repo


def snapshot(repo: Path) -> dict[str, str]:
    """Every file's hash, the git index and HEAD included: what 'untouched' means."""
    files = {}
    for path in sorted(repo.rglob("*")):
        if path.is_file():
            files[path.relative_to(repo).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    files["HEAD"] = git(repo, "rev-parse", "HEAD")
    files["status"] = git(repo, "status", "--porcelain")
    return files


def ops(run, *args: str) -> list:
    result = run("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    changed = json.loads(result.stdout)["standen"]["changed"]
    return [op for stand in changed for op in stand["text"]["ops"] if op[0] != "="]


def test_two_revisions(repo, run) -> None:
    before = snapshot(repo)
    assert ops(run, "2024@HEAD~1", "2024@HEAD") == [["+", "steeds"]]
    assert ops(run, "2024@HEAD~1", "2024@main") == [["+", "steeds"]]
    assert snapshot(repo) == before


def test_committed_against_the_draft_in_the_work_tree(repo, run) -> None:
    before = snapshot(repo)
    assert ops(run, "2024@HEAD", "2024") == [["-", "ziet"], ["+", "zag"]]
    assert ops(run, "editions/2024@HEAD", "editions/2024") == [["-", "ziet"], ["+", "zag"]]
    assert snapshot(repo) == before


def test_from_a_subfolder_the_edition_is_found_in_the_repository(repo, run, monkeypatch) -> None:
    """A folder argument is relative to the cwd; git wants it relative to the repository root."""
    monkeypatch.chdir(repo / "editions")
    assert ops(run, "../editions/2024@HEAD~1", "../editions/2024@HEAD") == [["+", "steeds"]]


def test_the_edition_can_be_gone_from_the_work_tree(repo, run) -> None:
    """The committed edition is read from git, even when the folder was deleted since."""
    shutil.rmtree(repo / "editions" / "2024")
    assert ops(run, "2024@HEAD~1", "2024@HEAD") == [["+", "steeds"]]


def test_unknown_revision(repo, run) -> None:
    result = run("diff", "2024@nope", "2024")
    assert result.exit_code == 1
    assert "'nope' is not a commit in this repository" in result.stderr
    assert "Traceback" not in result.output


def test_revision_without_the_edition(repo, run) -> None:
    result = run("diff", "2024@start", "2024")
    assert result.exit_code == 1
    assert "there is no edition at 'editions/2024' in revision 'start'" in result.stderr


def test_problems_in_a_revision_name_it(repo, run) -> None:
    replace(repo, UWV, "thema: complexiteit", "thema: onbekend")
    git(repo, "commit", "-q", "-am", "broken")
    replace(repo, UWV, "thema: onbekend", "thema: complexiteit")
    result = run("diff", "2024@HEAD", "2024")
    assert result.exit_code == 1
    assert "editions/2024/standen/uwv.md@HEAD:8: error: theme 'onbekend'" in result.stderr


def test_outside_a_repository(tmp_path, run, monkeypatch) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    copy_root("minimal", outside)
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run("diff", "2024@HEAD", "2024")
    assert result.exit_code == 1
    assert "needs a git repository" in result.stderr


def test_option_like_revision_is_not_an_option(repo, run) -> None:
    result = run("diff", "2024@--output=/tmp/x", "2024")
    assert result.exit_code == 1
    assert "is not a commit" in result.stderr
