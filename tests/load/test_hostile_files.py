"""Hostile file systems (issue 15, class 4): links that loop, folders nested without end,
and an edition that is a link out of the repository. Each is a message at the path, exit 1,
no traceback, from `check` and from `build` alike (what check accepts, build builds)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

AS_OF = ("--as-of", "2024-05-01")


def nest(top: Path, depth: int) -> None:
    """Folders `d/d/…/d` `depth` deep below `top`, made without a path that long (which the
    kernel would refuse past 4,096 characters)."""
    top.mkdir(parents=True, exist_ok=True)
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            below = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = below
    finally:
        os.close(fd)


def unnest(top: Path) -> None:
    """Remove what `nest` made, one level at a time (shutil.rmtree, and so pytest's own clean-up
    of its temp folders, recurses once per level and fails on 1,500)."""
    while (top / "d").is_dir():
        os.rename(top / "d", top / "x")
        if (top / "x" / "d").is_dir():
            os.rename(top / "x" / "d", top / "d")
        os.rmdir(top / "x")


def problems(run, *args: str) -> tuple[int, list[str]]:
    result = run(*args)
    assert "Traceback" not in result.output
    return result.exit_code, [line for line in result.output.splitlines() if ": error: " in line]


def test_a_link_to_itself_is_a_message(edition: Path, run) -> None:
    os.symlink("03-lus.md", edition / "chapters" / "03-lus.md")
    code, errors = problems(run, "check", "2024", *AS_OF)
    assert code == 1
    assert any(e.startswith("editions/2024/chapters/03-lus.md: error: this is a symbolic link "
                            "that leads round in a loop") for e in errors), errors


def test_two_links_pointing_at_each_other_in_images(edition: Path, run) -> None:
    images = edition / "images"
    images.mkdir()
    os.symlink("b.png", images / "a.png")
    os.symlink("a.png", images / "b.png")
    code, errors = problems(run, "check", "2024", *AS_OF)
    assert code == 1
    assert [e.split(": error:")[0] for e in errors] == ["editions/2024/images/a.png",
                                                        "editions/2024/images/b.png"], errors
    assert all("remove it, or make it a real file or folder" in e for e in errors)


@pytest.mark.parametrize("where", ["images", "chapters/oud", "notities"])
@pytest.mark.parametrize("command", ["check", "build"])
def test_1500_nested_folders_are_a_message(edition: Path, run, where: str, command: str, tmp_path,
                                           request) -> None:
    nest(edition / where, 1500)
    request.addfinalizer(lambda: unnest(edition / where))
    extra = ("--out", str(tmp_path / "out")) if command == "build" else ()
    code, errors = problems(run, command, "2024", *AS_OF, *extra)
    assert code == 1
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"editions/2024/{where}/d/d/"), errors
    assert "nested more than 20 deep: move the files up" in errors[0]
    if command == "build":
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_templates_folder_nested_without_end(edition: Path, run, request) -> None:
    nest(edition.parent.parent / "templates", 1500)
    request.addfinalizer(lambda: unnest(edition.parent.parent / "templates"))
    code, errors = problems(run, "check", "2024", *AS_OF)
    assert code == 1 and len(errors) == 1 and errors[0].startswith("templates/d/d/"), errors


@pytest.mark.parametrize("how", [("check", "2024"), ("check", "editions/2024"), ("check", "--all")])
def test_an_edition_linked_out_of_the_repository_is_refused(tmp_path, monkeypatch, run, how) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "runner-home"
    from helpers import copy_root

    real = copy_root("minimal", outside)
    (repo / "editions").mkdir(parents=True)
    os.symlink(real, repo / "editions" / "2024")
    monkeypatch.chdir(repo)
    code, errors = problems(run, *how, *AS_OF)
    assert code == 1
    assert errors == ["editions/2024: error: editions/2024 is a symbolic link to a folder outside "
                      "this repository; an edition must be a real folder inside editions/: copy "
                      "it in [unsafe-path]"], errors


def test_an_edition_linked_inside_the_repository_is_fine(tmp_path, monkeypatch, run) -> None:
    from helpers import copy_root

    repo = tmp_path / "repo"
    real = copy_root("minimal", repo / "drafts")
    (repo / "editions").mkdir()
    os.symlink(real, repo / "editions" / "2024")
    monkeypatch.chdir(repo)
    code, errors = problems(run, "check", "2024", *AS_OF)
    assert (code, errors) == (0, [])
