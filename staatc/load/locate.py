"""Which edition a command means: found the way git finds its repository.

`staatc check 2024` works from anywhere inside the repository (it looks for
`editions/2024` here and in every folder above); inside an edition folder, no argument
at all means that edition. Only folders are editions: a path to edition.yaml is a
mistake worth a plain message, not a guess.
"""

from __future__ import annotations

from pathlib import Path

from staatc.errors import EditionNotFound, UnsafePathError
from staatc.load.files import resolved

CONFIG = "edition.yaml"


def _upward(cwd: Path):
    cwd = cwd.resolve()
    return [cwd, *cwd.parents]


def _is_edition(folder: Path) -> bool:
    return (folder / CONFIG).is_file()


def _inside_repository(folder: Path) -> Path:
    """The edition folder, resolved; an `editions/<year>` that is a link out of the repository
    (the folder that holds editions/) is refused: a pull request could point one at the
    runner's home and have `check --all` read it."""
    target = resolved(folder)
    absolute = folder.absolute()
    if absolute.parent.name == "editions":
        repository = resolved(absolute.parent.parent)
        if not target.is_relative_to(repository):
            raise UnsafePathError(
                f"editions/{absolute.name} is a symbolic link to a folder outside this "
                "repository; an edition must be a real folder inside editions/: "
                "copy it in", folder)
    return target


def enclosing_edition(cwd: Path) -> Path | None:
    """The edition folder that holds cwd (or is it), if any."""
    return next((base for base in _upward(cwd) if _is_edition(base)), None)


def editions_folder(cwd: Path) -> Path | None:
    """The nearest `editions/` folder: below cwd or one of the folders above, or cwd itself."""
    for base in _upward(cwd):
        if base.name == "editions" and base.is_dir():
            return base
        if (base / "editions").is_dir():
            return base / "editions"
    return None


def all_editions(cwd: Path) -> list[Path]:
    """Every edition under the nearest editions/ folder, oldest first (`--all`)."""
    folder = editions_folder(cwd)
    if folder is None:
        raise EditionNotFound("there is no editions/ folder here or in any folder above: run "
                              "staatc inside the repository that holds the editions", cwd)
    found = sorted(_inside_repository(p) for p in folder.iterdir() if p.is_dir() and _is_edition(p))
    if not found:
        raise EditionNotFound(f"{folder} holds no edition (a folder with an {CONFIG}): add one "
                              "with `staatc new <year>`", folder)
    return found


def resolve_edition(arg: str | None, cwd: Path) -> Path:
    """A year (editions/<year> here or above), a folder path, or nothing (the edition we are in)."""
    if arg is None:
        if (here := enclosing_edition(cwd)) is not None:
            return here
        raise EditionNotFound("which edition? Run this inside an edition folder, or give a year "
                              "such as 2024 (the folder editions/2024) or the path to an edition "
                              "folder", cwd)
    path = Path(arg) if Path(arg).is_absolute() else cwd / arg
    if path.is_file():
        raise EditionNotFound(f"'{arg}' is a file: give the folder that holds {CONFIG} "
                              f"('{_shown(path.parent, cwd)}')", path)
    if _is_edition(path):
        return _inside_repository(path)
    if arg.isdigit():
        for base in _upward(cwd):
            for candidate in (base / "editions" / arg, base / arg if base.name == "editions" else None):
                if candidate is not None and _is_edition(candidate):
                    return _inside_repository(candidate)
    raise EditionNotFound(_not_found(arg, path, cwd), path)


def _not_found(arg: str, path: Path, cwd: Path) -> str:
    where = path if path.is_dir() else arg
    have = ""
    folder = editions_folder(cwd)
    if folder is not None:
        years = sorted(p.name for p in folder.iterdir() if _is_edition(p))
        if years:
            have = f" (editions/ has {', '.join(years)})"
    return (f"no edition found at '{where}': give a year that has a folder editions/<year> with an "
            f"{CONFIG} in it{have}, or the path to an edition folder")


def _shown(path: Path, cwd: Path) -> str:
    import os

    return os.path.relpath(path, cwd)


def default_out_dir(edition: str | None, root: Path, cwd: Path) -> Path:
    """build/<year> beside editions/ (from any folder in the repository), else in cwd.

    Never inside the edition: a build started there would put PDFs where git offers to
    commit them."""
    name = edition if edition and edition.isdigit() else root.name
    if root.parent.name == "editions":
        return root.parent.parent / "build" / name
    base = root.parent if cwd.resolve().is_relative_to(root) else cwd
    return base / "build" / name
