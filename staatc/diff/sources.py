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
import threading
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
    listing = _git(top, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", str(inside),
                   fail=f"cannot list '{inside}' at '{rev}'", text=False)
    entries = [_entry(raw, rev) for raw in listing.split(b"\0") if raw]
    blobs = [(sha, size, PurePosixPath(path)) for mode, kind, sha, size, path in entries
             # symbolic links and submodules are left out: an edition is plain files; so are
             # names a crafted commit can hold ('..'), which would write outside the temp folder
             if kind == "blob" and mode in ("100644", "100755")
             and not {"..", "."} & set(PurePosixPath(path).parts)]
    _refuse_crafted(blobs, rev)
    if not any(path == inside / "edition.yaml" for _, _, path in blobs):
        raise EditionNotFound(
            f"there is no edition at '{inside}' in revision '{rev}': check the year and the "
            "revision (git log -- editions)",
            top / str(inside),
        )
    with tempfile.TemporaryDirectory(prefix="staatc-diff-") as tmp:
        base = Path(tmp)
        _write_blobs(top, [(sha, size, base / str(path)) for sha, size, path in blobs])
        yield base / str(inside), top / str(inside)


# A file of an edition is at most this big (load/edition.py, validate/images.py): a bigger
# blob is refused from its size in the listing, before a byte of it is read.
MAX_BLOB_BYTES = 20 * 1024 * 1024
MAX_TREE_BYTES = 500 * 1024 * 1024


def _entry(raw: bytes, rev: str) -> tuple[str, str, str, int, str]:
    meta, _, name = raw.partition(b"\t")
    mode, kind, sha, size = meta.decode("ascii").split()
    try:
        path = name.decode("utf-8")
    except UnicodeDecodeError:
        shown = name.decode("utf-8", "backslashreplace")
        raise GitRevisionError(f"the file name '{shown}' in revision '{rev}' is not UTF-8 text: "
                               "rename the file in git (git mv) and commit") from None
    return mode, kind, sha, int(size) if size.isdigit() else 0, path


def _refuse_crafted(blobs: list[tuple[str, int, PurePosixPath]], rev: str) -> None:
    """A tree git itself would not check out: a file and a folder with one name, or too big."""
    paths = {path for _, _, path in blobs}
    for sha, size, path in blobs:
        if folder := next((p for p in path.parents if p in paths), None):
            raise GitRevisionError(f"revision '{rev}' holds both a file and a folder named "
                                   f"'{folder}': it cannot be compared; fix the commit")
        if size > MAX_BLOB_BYTES:
            raise GitRevisionError(f"'{path}' in revision '{rev}' is {size / 2**20:,.0f} MB; a "
                                   f"file of an edition is at most {MAX_BLOB_BYTES // 2**20} MB: "
                                   "compare a revision without it")
    if (total := sum(size for _, size, _ in blobs)) > MAX_TREE_BYTES:
        raise GitRevisionError(f"the edition in revision '{rev}' is {total / 2**20:,.0f} MB in all; "
                               f"at most {MAX_TREE_BYTES // 2**20} MB can be compared")


def _write_blobs(top: Path, blobs: list[tuple[str, int, Path]]) -> None:
    """All blobs through one `git cat-file --batch`, streamed into their files in pieces."""
    if not blobs:
        return
    git = subprocess.Popen(["git", "-C", str(top), "cat-file", "--batch"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    names = "".join(sha + "\n" for sha, _, _ in blobs).encode()
    # Fed from a thread: git answers while it reads, and both pipes have small buffers.
    def feed() -> None:
        try:
            git.stdin.write(names)
            git.stdin.close()
        except OSError:  # git was stopped early: the error is reported by the reader
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        for sha, _, target in blobs:
            header = git.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob" or int(header[2]) > MAX_BLOB_BYTES:
                raise GitRevisionError(f"git could not read '{target.name}' ({sha})")
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as out:
                left = int(header[2])
                while left:
                    piece = git.stdout.read(min(left, 1 << 20))
                    if not piece:
                        raise GitRevisionError(f"git stopped while reading '{target.name}'")
                    out.write(piece)
                    left -= len(piece)
            git.stdout.read(1)  # the newline after each blob
    finally:
        git.stdout.close()
        git.kill()
        git.wait()
        feeder.join(timeout=5)


def _git(cwd: Path, *args: str, fail: str, text: bool = True):
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=text,
                              **({"encoding": "utf-8", "errors": "replace"} if text else {}))
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
