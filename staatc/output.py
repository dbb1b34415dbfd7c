"""Write: outputs land whole or not at all, inside the output folder, once each.

Every file is written to a temporary file in the same folder and renamed over
the old one, so a build that fails or is killed leaves the previous good file.
A stamp beside the outputs records what they were built from, so a rebuild with
nothing changed can skip the work (Sphinx's `get_outdated_docs`, by content hash).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from staatc.errors import OutputError

STAMP = ".staatc-build.json"
_TMP_SUFFIX = ".staatc-tmp"


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder, so a reader never sees half a file."""
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"cannot write '{path}': it is a folder; give a file name", path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=_TMP_SUFFIX)
    except OSError as exc:
        raise OutputError(f"cannot write in '{folder}' ({exc.strerror}): choose another "
                          "folder", path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; outputs are for sharing
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write '{path}' ({exc.strerror}): choose another path",
                          path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class OutputFolder:
    """The one place outputs are written: refuses paths outside the folder and double writes."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: dict[str, str] = {}

    def path(self, name: str) -> Path:
        target = (self.root / name).resolve()
        if target.parent != self.root:
            raise ValueError(f"output {name!r} would be written outside {self.root}")
        return target

    def write(self, name: str, data: bytes) -> Path:
        if name in self.written:
            raise ValueError(f"output {name!r} written twice in one build")
        target = self.path(name)
        write_atomic(target, data)
        self.written[name] = sha256(data)
        return target

    def remove_stale_temp_files(self) -> None:
        """Temp files a killed build left behind."""
        if self.root.is_dir():
            for leftover in self.root.glob(f".*{_TMP_SUFFIX}"):
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
                if sha256(self.path(name).read_bytes()) != digest:
                    return None
            except (OSError, ValueError):
                return None
        return stamp

    def write_stamp(self, key: str, as_of: str, problems: list[dict], files: dict | None = None) -> None:
        files = self.written if files is None else files
        data = json.dumps({"key": key, "as_of": as_of, "files": files, "problems": problems},
                          indent=2, sort_keys=True, ensure_ascii=False)
        write_atomic(self.root / STAMP, (data + "\n").encode("utf-8"))
