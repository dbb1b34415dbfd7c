"""pyphen's Dutch patterns, parsed once and kept beside the check cache.

The readability rule counts syllables with pyphen, which parses its hyphenation dictionary
(16,000 patterns) in Python when it is first used: a tenth of a second or more, paid by
`check` after editing a chapter whenever the edit has a word it has not counted before. So the
parsed patterns are kept as JSON in `.staatc-cache/` (validate/cache.py) and read back in a
fraction of that. A file from another pyphen, or that is not what this module writes, is
ignored and written anew; the patterns only ever count syllables (no hyphen is placed with
them), so nothing else depends on them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Callable

NAME = "hyphenation.json"
LANG = "nl_NL"
_state: dict = {"folder": None, "parsed": None}  # where to keep them; what to write there


def keep_in(folder: Path | None) -> None:
    """The cache folder of this check (or None): read the patterns from there, save them there."""
    _state["folder"] = folder


def hyphenation_tag() -> str:
    """Which pyphen counts syllables: kept patterns and counts (readability.KNOWN) from another
    one are not used."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("pyphen")
    if spec is None or spec.origin is None:
        return "none"
    st = os.stat(spec.origin)
    return f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}"


@lru_cache(maxsize=1)
def hyphenator():
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(LANG)]
    folder = _state["folder"]
    kept = _read(folder / NAME, hyphenation_tag()) if folder is not None else None
    if kept is not None and path not in pyphen.hdcache:
        hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hd.patterns, hd.maxlen, hd.cache = kept, max(map(len, kept)), {}
        pyphen.hdcache[path] = hd
    found = pyphen.Pyphen(lang=LANG)
    if kept is None:
        _state["parsed"] = found.hd
    return found


def _read(path: Path, tag: str) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["tag"] != tag:
            return None
        patterns = {key: (offset, tuple(values)) for key, (offset, values) in data["patterns"].items()}
        if patterns and all(isinstance(key, str) and key and type(offset) is int
                            and all(type(v) is int for v in values)
                            for key, (offset, values) in patterns.items()):
            return patterns
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return None


def save(write: Callable[[Path, bytes], None]) -> None:
    """Write the patterns this process parsed itself into the folder of `keep_in`, once."""
    hd, folder = _state["parsed"], _state["folder"]
    if hd is None or folder is None:
        return
    from staatc.errors import OutputError

    _state["parsed"] = None
    data = {"tag": hyphenation_tag(),
            "patterns": {key: [offset, [int(v) for v in values]]
                         for key, (offset, values) in hd.patterns.items()}}
    try:
        write(folder / NAME, json.dumps(data, separators=(",", ":"), sort_keys=True).encode())
    except OutputError:  # a folder that cannot be written goes without, as the check cache does
        pass
