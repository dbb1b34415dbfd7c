"""Where the two sides of a diff come from: a folder, or an edition as committed in git.

`EDITION@REV` reads the edition's files from git's object store into a temporary
folder (`git ls-tree` and `git cat-file`), so the work tree, the index and the
checked-out branch are never touched: a reviewer can compare their unsaved draft
with last week's commit. This module is an edge: it runs git and writes temp files.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator, TypeVar

from staatc.validate.check import CheckResult, check_edition
from staatc.diff.model import diff_editions
from staatc.diff.types import EditionDiff, Side
from staatc.errors import EditionNotFound, InvalidEdition, Problem, StaatcError, has_errors
from staatc.load.locate import resolve_edition


T = TypeVar("T")


class GitRevisionError(StaatcError):
    code = "git-revision"


def compare(old: str, new: str, cwd: Path, as_of: date,
            then: Callable[[EditionDiff, CheckResult], T] | None = None) -> EditionDiff | T:
    """Load both sides (each like `staatc check`) and compare them.

    With `then`, return `then(diff, the new side's check result)`, called while the sides'
    files still exist (a side from git lives in a temporary folder): the redline renders the
    new side's rapportage, images and house style included.

    Raises InvalidEdition with the problems of both sides when either has errors:
    a diff of a broken edition would show the breakage, not the edit.
    """
    with ExitStack() as stack:
        sides, problems, results = [], [], []
        for arg in (old, new):
            side, side_problems, result = load_side(arg, cwd, as_of, stack)
            sides.append(side)
            results.append(result)
            problems += side_problems
        if has_errors(problems):
            raise InvalidEdition(problems)
        diff = diff_editions(*sides)
        return diff if then is None else then(diff, results[1])


def load_side(arg: str, cwd: Path, as_of: date,
              stack: ExitStack) -> tuple[Side, list[Problem], CheckResult]:
    folder, rev = split_revision(arg, cwd)
    if rev is None:
        root = resolve_edition(folder, cwd)
        result = check_edition(root, as_of, editorial=False)  # drafts with notes compare
        return Side(arg, result.edition, result.texts), result.problems, result
    root, shown = stack.enter_context(checkout(folder, rev, cwd))
    result = check_edition(root, as_of, editorial=False)  # drafts with notes compare
    problems = [_relocate(p, root, shown, rev) for p in result.problems]
    return Side(arg, result.edition, result.texts), problems, result


def split_revision(arg: str, cwd: Path) -> tuple[str, str | None]:
    """'2024@HEAD~1' → ('2024', 'HEAD~1'); an existing folder whose name has '@' stays whole."""
    if "@" not in arg or (cwd / arg).is_dir():
        return arg, None
    folder, rev = arg.rsplit("@", 1)
    if not folder or not rev:
        raise GitRevisionError(
            f"'{arg}' is not EDITION@REVISION: write for example 2024@HEAD~1 or 2024@main"
        )
    return folder, rev


@contextmanager
def checkout(folder: str, rev: str, cwd: Path) -> Iterator[tuple[Path, Path]]:
    """Yield (temporary edition folder, the edition's folder in the work tree) at `rev`."""
    top = Path(_git(cwd, "rev-parse", "--show-toplevel",
                    fail=f"'{folder}@{rev}' needs a git repository: run staatc inside one").strip())
    wanted = cwd / "editions" / folder if folder.isdigit() else Path(folder)
    wanted = Path(os.path.realpath(cwd / wanted))
    try:
        inside = PurePosixPath(wanted.relative_to(os.path.realpath(top)).as_posix())
    except ValueError:
        raise GitRevisionError(f"'{folder}' is not inside the git repository at {top}") from None
    commit = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}",
                  fail=f"'{rev}' is not a commit in this repository: use a branch, a tag or a "
                       "commit id (see git log)").strip()
    listing = _git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", str(inside),
                   fail=f"cannot list '{inside}' at '{rev}'")
    entries = [_entry(line) for line in listing.split("\0") if line]
    blobs = [(mode, sha, PurePosixPath(path)) for mode, kind, sha, path in entries
             # symbolic links and submodules are left out: an edition is plain files; so are
             # names a crafted commit can hold ('..'), which would write outside the temp folder
             if kind == "blob" and mode in ("100644", "100755")
             and not {"..", "."} & set(PurePosixPath(path).parts)]
    if not any(path == inside / "edition.yaml" for _, _, path in blobs):
        raise EditionNotFound(
            f"there is no edition at '{inside}' in revision '{rev}': check the year and the "
            "revision (git log -- editions)",
            top / str(inside),
        )
    with tempfile.TemporaryDirectory(prefix="staatc-diff-") as tmp:
        base = Path(tmp)
        for (_, _, path), data in zip(blobs, _cat_blobs(top, [sha for _, sha, _ in blobs])):
            target = base / str(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        yield base / str(inside), top / str(inside)


def _entry(line: str) -> tuple[str, str, str, str]:
    meta, path = line.split("\t", 1)
    mode, kind, sha = meta.split()
    return mode, kind, sha, path


def _cat_blobs(top: Path, shas: list[str]) -> list[bytes]:
    """All blobs through one `git cat-file --batch` (one process, not one per file)."""
    if not shas:
        return []
    out = subprocess.run(["git", "-C", str(top), "cat-file", "--batch"],
                         input="".join(s + "\n" for s in shas).encode(),
                         capture_output=True, check=True).stdout
    blobs, pos = [], 0
    for _ in shas:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        pos = header_end + 1 + size + 1  # the blob is followed by a newline
    return blobs


def _git(cwd: Path, *args: str, fail: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                              encoding="utf-8")
    except FileNotFoundError:
        raise GitRevisionError("git is not installed; install git to compare revisions") from None
    if done.returncode != 0:
        raise GitRevisionError(fail)
    return done.stdout


def _relocate(problem: Problem, root: Path, shown: Path, rev: str) -> Problem:
    """Report a file from the temporary checkout as `editions/2024/x.md@REV`."""
    try:
        rel = problem.file.relative_to(root)
    except ValueError:
        return problem
    where = shown / rel
    return replace(problem, file=where.with_name(f"{where.name}@{rev}"))
