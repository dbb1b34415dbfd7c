"""`EDITION@REV` of a revision git itself would balk at: messages, never tracebacks.

A pull request can push any tree: names that are not UTF-8, a file and a folder with one
name (made with git's plumbing), blobs far larger than an edition's files may be.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import copy_root

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
       "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str, data: bytes | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], env=ENV, check=True, input=data,
                          capture_output=True).stdout.decode().strip()


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    copy_root("minimal", repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edition 2024")
    monkeypatch.chdir(repo)
    return repo


def refused(run, rev: str) -> str:
    result = run("diff", f"2024@{rev}", "2024")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_file_name_that_is_not_utf8(repo: Path, run) -> None:
    name = os.fsencode(repo / "editions" / "2024" / "chapters") + b"/03-\xff.md"
    with open(name, "wb") as f:
        f.write(b"---\ntitle: X\n---\nTekst.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "odd name")
    os.remove(name)
    out = refused(run, "HEAD")
    assert "is not UTF-8 text: rename the file in git" in out
    assert "03-\\xff.md" in out


def test_a_file_and_a_folder_with_one_name(repo: Path, run) -> None:
    """Made with mktree: 'chapters' both as a blob and as a folder in the edition's tree."""
    edition_tree = git(repo, "rev-parse", "HEAD:editions/2024")
    entries = git(repo, "ls-tree", edition_tree)
    blob = git(repo, "hash-object", "-w", "--stdin", data=b"not a folder\n")
    crafted = git(repo, "mktree", data=(entries + f"\n100644 blob {blob}\tchapters\n").encode())
    editions = git(repo, "mktree", data=f"040000 tree {crafted}\t2024\n".encode())
    root = git(repo, "mktree", data=f"040000 tree {editions}\teditions\n".encode())
    commit = git(repo, "commit-tree", root, "-m", "crafted")
    out = refused(run, commit)
    assert "holds both a file and a folder named" in out and "chapters" in out


def test_a_huge_blob_is_refused_from_its_size(repo: Path, run) -> None:
    big = repo / "editions" / "2024" / "images" / "groot.png"
    big.parent.mkdir(exist_ok=True)
    with open(big, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "big")
    out = refused(run, "HEAD")
    assert "images/groot.png" in out and "is 21 MB" in out and "at most 20 MB" in out
