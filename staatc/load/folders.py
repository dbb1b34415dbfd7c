"""Where an edition's neighbours are, without loading anything: the other editions beside it
and the editions' own templates/ folder. Light on purpose: `build` hashes these files to
recognise an unchanged edition before it imports the loader, the checks or the renderers.
"""

from __future__ import annotations

from pathlib import Path

from staatc import TEMPLATES

EDITIONS_FOLDER = "editions"
# The per-file check results, in the build folder beside the outputs (staatc.validate.cache).
CACHE_FOLDER = ".staatc-cache"


def edition_folders(editions_dir: Path) -> dict[int, Path]:
    """Year → folder for every `editions/<year>/edition.yaml` (folders only, never followed out)."""
    if not editions_dir.is_dir():
        return {}
    return {int(p.name): p for p in editions_dir.iterdir()
            if p.name.isdigit() and (p / "edition.yaml").is_file()}


def series_files(root: Path) -> list[Path]:
    """Every file a predecessor of the edition at `root` could be read from, for the build's
    hash: a Stand edited in 2023 changes the 2024 rapportage too. Not followed out of editions/."""
    editions_dir = root.parent
    if editions_dir.name != EDITIONS_FOLDER:
        return []
    files = []
    for year, folder in sorted(edition_folders(editions_dir).items()):
        if folder.resolve() == root.resolve() or not folder.resolve().is_relative_to(editions_dir.resolve()):
            continue
        files += [folder / "edition.yaml", *sorted((folder / "standen").glob("*.md"))]
    return files


def override_folder(edition_root: Path) -> Path | None:
    """`<repo>/templates` for an edition at `<repo>/editions/<name>`, if that folder exists.

    The bundled folder itself (a source checkout builds `editions/2024` right beside it) is no
    override.
    """
    root = edition_root.resolve()
    if root.parent.name != EDITIONS_FOLDER:
        return None
    folder = root.parent.parent / "templates"
    if not (folder.is_dir() or folder.is_symlink()) or folder.resolve() == TEMPLATES.resolve():
        return None
    return folder
