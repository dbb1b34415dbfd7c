"""Rendered files kept between builds, by a hash of everything their renderer reads.

A renderer is a pure function of its document: the assembled Markdown, the metadata, the
media and charts, the house-style files it names, staatc's own code and templates, and the
pandoc and Typst it runs. So the bytes it made are stored under a hash of exactly those
(`render_key`), and a build after editing one chapter makes the rapportage again but takes the
kamerbrief, whose document did not change, from here. As ccache does for a compiler.

The entries live in `.staatc-cache/render/` beside the outputs. An entry is a hint, never
trusted: each starts with the SHA-256 of the bytes that follow, and one that does not match,
cannot be read or is missing is made anew. Entries that no build of this set asked for are
dropped when the set is written, so the folder holds one entry per output.

A renderer may also keep a part of its work by name (`kept_part`, `keep_part`): the rapportage's
PDF keeps its Typst body per section (render/typst_sections.py), which it checks itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from contextvars import ContextVar
from datetime import date
from enum import Enum
from functools import lru_cache
from pathlib import Path

from staatc import TEMPLATES
from staatc.load.folders import CACHE_FOLDER
from staatc.validate.cache import code_fingerprint

FOLDER = "render"
_DIGEST = 64  # hex characters of SHA-256 in front of each entry


def _file_digest(path: Path) -> bytes:
    st = path.stat()
    return _digest_of(str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=256)
def _digest_of(path: str, size: int, mtime_ns: int) -> bytes:  # size and time: read once per version
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").digest()


@lru_cache(maxsize=1)
def tools_fingerprint() -> str:
    """staatc's code, its bundled templates (the Lua filter, chart.typ) and the pandoc and Typst
    that ship in their wheels: any change makes every entry stale."""
    from staatc.render.pandoc import pandoc_path

    h = hashlib.sha256(code_fingerprint().encode())
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        h.update(os.fsencode(path.relative_to(TEMPLATES).as_posix()) + b"\0" + _file_digest(path))
    import typst  # the compiler is a native module: its file says which build it is

    for tool in (Path(pandoc_path()), Path(typst.__file__)):
        st = tool.stat()
        h.update(f"{tool}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def render_key(renderer: object, document: object) -> str:
    """The hash of one render: which renderer, and every value of its document."""
    h = hashlib.sha256(tools_fingerprint().encode())
    h.update(f"{type(renderer).__module__}.{type(renderer).__qualname__}\0".encode())
    _feed(h, document)
    return h.hexdigest()


def _feed(h, value: object) -> None:
    """Every value, tagged with its type, so that "1" and 1, or a field moved, hash apart."""
    if value is None or isinstance(value, (bool, int, float, date, Enum)):
        h.update(f"{type(value).__name__}:{value!r}\0".encode())
    elif isinstance(value, str):
        h.update(b"s%d:" % len(value) + value.encode("utf-8", "surrogatepass"))
    elif isinstance(value, bytes):
        h.update(b"b%d:" % len(value) + hashlib.sha256(value).digest())
    elif isinstance(value, Path):  # a house-style file: what it holds counts, not only its name
        h.update(b"p:" + os.fsencode(value) + b"\0")
        if value.is_file():
            h.update(_file_digest(value))
    elif isinstance(value, (tuple, list)):
        h.update(b"l%d:" % len(value))
        for item in value:
            _feed(h, item)
    elif isinstance(value, dict):
        h.update(b"d%d:" % len(value))
        for key in sorted(value, key=repr):
            _feed(h, key)
            _feed(h, value[key])
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(f"{type(value).__qualname__}{{".encode())
        for f in dataclasses.fields(value):
            h.update(f.name.encode() + b"=")
            _feed(h, getattr(value, f.name))
        h.update(b"}")
    else:  # a document grew a field of a new kind: say so here rather than hash it loosely
        raise TypeError(f"render_key cannot hash a {type(value).__name__}")


def part_key(name: str) -> str:
    return hashlib.sha256(f"{tools_fingerprint()}\0part\0{name}".encode()).hexdigest()


class RenderCache:
    """The entries of one build folder; `get` verifies, `put` and `save` keep this set only."""

    def __init__(self, out_dir: Path):
        self.folder = out_dir / CACHE_FOLDER / FOLDER
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()

    def get(self, key: str) -> bytes | None:
        self._used.add(key)
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        body = data[_DIGEST:]
        if data[:_DIGEST] != hashlib.sha256(body).hexdigest().encode():
            return None
        return body

    def put(self, key: str, data: bytes) -> None:
        self._used.add(key)
        self._new[key] = data

    def save(self) -> None:
        """Write the new entries and drop the ones this build did not ask for. Each through a
        temporary file and a rename, but without fsync: a torn entry fails its digest and is
        made anew. Called inside the output folder's lock; a folder that cannot be written
        goes without."""
        if not self._used:  # a build of the web edition alone: the documents' entries stay
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for key, data in self._new.items():
                tmp = self.folder / f".{key}.{os.getpid()}.tmp"
                tmp.write_bytes(hashlib.sha256(data).hexdigest().encode() + data)
                os.replace(tmp, self.folder / key)
            for entry in self.folder.iterdir():
                if entry.name not in self._used:  # inside the build lock: no other writer
                    entry.unlink(missing_ok=True)
        except OSError:
            pass


# The cache of the build a render runs in, and whether it may read from it (not with --force);
# set by render/parallel.py for each render.
PARTS: ContextVar[tuple[RenderCache, bool] | None] = ContextVar("staatc_render_parts", default=None)


def kept_part(name: str) -> bytes | None:
    """What this render's renderer kept as `name` in the last build, if it may read it."""
    store = PARTS.get()
    if store is None or not store[1]:
        return None
    return store[0].get(part_key(name))


def keep_part(name: str, data: bytes) -> None:
    store = PARTS.get()
    if store is not None:
        store[0].put(part_key(name), data)
