"""Write: outputs land whole or not at all, inside the output folder, once each.

Every file is written to a temporary file in the same folder and renamed over
the old one, so a build that fails or is killed leaves the previous good file.
A stamp beside the outputs records what they were built from, so a rebuild with
nothing changed can skip the work (Sphinx's `get_outdated_docs`, by content hash).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from staatc.errors import OutputError

try:
    import fcntl
except ImportError:  # Windows: builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

STAMP = ".staatc-build.json"
TMP_SUFFIX = ".staatc-tmp"
LOCK = ".staatc-build.lock"


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    _commit_file(_prepare_file(path, data), path)


def _prepare_file(path: Path, data: bytes) -> Path:
    """The new content, whole and on disk, in a temp file beside `path`."""
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"cannot write '{path}': it is a folder; give a file name", path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    except OSError as exc:
        raise OutputError(f"cannot write in '{folder}' ({exc.strerror}): choose another "
                          "folder", path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are for sharing
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write '{path}' ({exc.strerror}): choose another path",
                          path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _commit_file(tmp: Path, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write '{path}' ({exc.strerror}): choose another path",
                          path) from None


def write_folder_atomic(target: Path, files: dict[str, bytes],
                        finish: Callable[[Path], None] = lambda folder: None) -> None:
    """Write a whole folder (the web edition) so a reader sees the old site or the new one.

    The files go to a temporary folder beside `target`; `finish` may add to it (the search
    index); then the two folders are exchanged in one step (Linux renameat2 RENAME_EXCHANGE)
    and the old one is removed. Where the exchange is not there, two renames leave a moment
    without a site, never half a site.
    """
    _commit_folder(_prepare_folder(target, files, finish), target)


def _prepare_folder(target: Path, files: dict[str, bytes], finish: Callable[[Path], None]) -> Path:
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=TMP_SUFFIX))
    except OSError as exc:
        raise OutputError(f"cannot write in '{parent}' ({exc.strerror}): choose another "
                          "folder", target) from None
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        for name, data in files.items():
            path = (tmp / name).resolve()
            if not path.is_relative_to(tmp.resolve()) or path == tmp.resolve():
                raise ValueError(f"site file {name!r} would be written outside {target}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        finish(tmp)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot write '{target}' ({exc.strerror}): choose another folder",
                          target) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def _commit_folder(tmp: Path, target: Path) -> None:
    try:
        if target.is_dir() and not target.is_symlink() and exchange(tmp, target):
            shutil.rmtree(tmp)
            return
        if target.is_dir() and not target.is_symlink():
            old = tmp.with_name(tmp.name + ".old")
            os.rename(target, old)
            os.rename(tmp, target)
            shutil.rmtree(old)
        else:
            if target.exists() or target.is_symlink():
                target.unlink()
            os.rename(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot write '{target}' ({exc.strerror}): choose another folder",
                          target) from None


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ≥ 3.15); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def tree_digest(folder: Path) -> str:
    """One hash for a folder's files and their names: the stamp's record of the site."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        h.update(sha256(path.read_bytes()).encode())
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class OutputFolder:
    """The one place outputs are written: refuses paths outside the folder and double writes.

    Outputs are written as one set, under a lock (`writing`): every file, the site folder
    and the stamp are first written whole to temp files, and only when all of them are on
    disk are they renamed into place, the stamp last. A build that fails half-way leaves the
    old set; one killed between two renames leaves a stamp that no longer matches, so the
    next build redoes the set. A second build waits for the lock instead of deleting the
    first one's temp files as stale.
    """

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: dict[str, str] = {}
        self._pending: list[tuple[Path, Path, bool]] = []  # (temp, target, is a folder)

    def path(self, name: str) -> Path:
        target = (self.root / name).resolve()
        if target.parent != self.root:
            raise ValueError(f"output {name!r} would be written outside {self.root}")
        return target

    @contextmanager
    def writing(self, waiting: Callable[[str], None] = lambda message: None) -> Iterator[OutputFolder]:
        """Hold the folder's lock, write through `write`/`write_folder`/`write_stamp`, and put
        the whole set in place at the end; on any failure nothing of it is."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = open(self.root / LOCK, "a+b")
        except OSError as exc:
            raise OutputError(f"cannot write in '{self.root}' ({exc.strerror}): choose another "
                              "folder", self.root) from None
        with lock:
            try:
                if fcntl is not None:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting(f"another staatc build is writing to {self.root}: waiting for it to finish")
                fcntl.flock(lock, fcntl.LOCK_EX)
            self.remove_stale_temp_files()
            try:
                yield self
            except BaseException:
                self._discard()
                raise
            for tmp, target, folder in self._pending:
                (_commit_folder if folder else _commit_file)(tmp, target)
            self._pending = []

    def _discard(self) -> None:
        for tmp, _, folder in self._pending:
            shutil.rmtree(tmp, ignore_errors=True) if folder else tmp.unlink(missing_ok=True)
        self._pending = []

    def write(self, name: str, data: bytes) -> Path:
        if name in self.written:
            raise ValueError(f"output {name!r} written twice in one build")
        target = self.path(name)
        self._pending.append((_prepare_file(target, data), target, False))
        self.written[name] = sha256(data)
        return target

    def write_folder(self, name: str, files: dict[str, bytes],
                     finish: Callable[[Path], None] = lambda folder: None) -> Path:
        """A whole folder as one output (the web edition), written atomically."""
        if name in self.written:
            raise ValueError(f"output {name!r} written twice in one build")
        target = self.path(name)
        tmp = _prepare_folder(target, files, finish)
        self._pending.append((tmp, target, True))
        self.written[name] = tree_digest(tmp)
        return target

    def remove_stale_temp_files(self) -> None:
        """Temp files (and folders) a killed build left behind (only under the lock: a
        running build's are not stale)."""
        if self.root.is_dir():
            for leftover in self.root.glob(f".*{TMP_SUFFIX}*"):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)

    def _stamp(self) -> dict:
        try:
            stamp = json.loads((self.root / STAMP).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return stamp if isinstance(stamp, dict) else {}

    def stamped_names(self) -> list[str]:
        return list(self._stamp().get("files", {}))

    def up_to_date(self, key: str) -> dict | None:
        """The last build's stamp (`as_of`, `problems`) when it was built from `key` and its
        outputs are untouched; None when something must be rebuilt."""
        stamp = self._stamp()
        if stamp.get("key") != key or not stamp.get("files"):
            return None
        for name, digest in stamp["files"].items():
            try:
                path = self.path(name)
                found = tree_digest(path) if path.is_dir() else sha256(path.read_bytes())
                if found != digest:
                    return None
            except (OSError, ValueError):
                return None
        return stamp

    def write_stamp(self, key: str, as_of: str, problems: list[dict], files: dict | None = None) -> None:
        """The stamp of the set, put in place after every output of it."""
        files = self.written if files is None else files
        data = json.dumps({"key": key, "as_of": as_of, "files": files, "problems": problems},
                          indent=2, sort_keys=True, ensure_ascii=False)
        target = self.root / STAMP
        self._pending.append((_prepare_file(target, (data + "\n").encode("utf-8")), target, False))
