"""Per-file check results kept between runs, as ruff and mypy keep theirs.

A rule marked `per_file` in the registry judges each document on its own: what it reports
for a file follows from that file's bytes, its rendered text and the edition's settings
(edition.yaml), and from staatc's own code. So its problems are stored under a hash of
exactly those, and `check` after editing one chapter runs the per-file rules on that chapter
only; the cross-file rules always run (they are cheap, and any file may change them).

The cache lives in `.staatc-cache/` in the build folder (beside the outputs, never in the
edition, where git would offer to commit it). It is a hint, never trusted: a file that cannot
be read, is not JSON, has another shape or comes from another staatc is ignored whole, and
is written anew, atomically, only when something in it changed. Entries no run asked for are
dropped on writing, so it holds one entry per file of the edition.

It also keeps each text's rendered form (`texts`), under a hash of the text and of every value
its expressions can see (the template context, staatc.templating.render): an unchanged text in
an unchanged edition is not rendered again, and `check` does not even load Jinja. A text
whose expressions fail is never kept, so its message is always current.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable

from staatc import __version__
from staatc.codes import CODES
from staatc.errors import Problem
from staatc.markdown import memo
from staatc.load.folders import CACHE_FOLDER as FOLDER
NAME = "check.json"
FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent.parent
_SEVERITIES = ("error", "warning")
MAX_WORDS = 200_000  # syllable counts kept: an edition's vocabulary, many times over


def code_fingerprint() -> str:
    """staatc's version, and its code as installed: a changed rule between two releases (a
    developer's checkout) must not read the old rule's results. Sizes and times only: cheap."""
    h = hashlib.sha256(__version__.encode())
    for folder, _, names in sorted(os.walk(_PACKAGE)):
        for name in sorted(n for n in names if n.endswith(".py")):
            st = os.stat(os.path.join(folder, name))
            h.update(f"{os.path.relpath(os.path.join(folder, name), _PACKAGE)}:{st.st_size}:"
                     f"{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


class FileCache:
    """The stored problems of the per-file rules, by the hash of what they read."""

    def __init__(self, path: Path | None, settings: bytes, version: str | None = None):
        self.path = path
        self.version = version if version is not None else code_fingerprint()
        self._settings = hashlib.sha256(settings).digest()  # edition.yaml and the switches
        self._entries, self._texts, self.words, self._memos = (
            _read(path, self.version) if path is not None else ({}, {}, {}, {}))
        self._used: dict[str, list] = {}
        self._used_texts: dict[str, str] = {}
        self._changed = False

    def key(self, relative: str, data: bytes, rendered: str | None) -> str:
        """The hash of everything a per-file rule reads about one file."""
        h = hashlib.sha256(self._settings)
        h.update(relative.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(data).digest())
        h.update(b"\0none" if rendered is None else b"\0" + rendered.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get(self, key: str, file: Path) -> list[Problem] | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._used[key] = entry
        return [Problem(file, line, severity, code, message) for line, severity, code, message in entry]

    def put(self, key: str, problems: list[Problem]) -> None:
        self._used[key] = [[p.line, p.severity, p.code, p.message] for p in problems]
        self._changed = True

    def text_key(self, context: dict, relative: str, first_line: int, body: str) -> str | None:
        """The hash of a text and of every value its expressions can see (the context), or
        None when the context cannot be written down exactly (then it is rendered anew)."""
        try:
            seen = json.dumps(context, sort_keys=True, default=_exact, ensure_ascii=False)
        except (TypeError, ValueError):
            return None
        h = hashlib.sha256(self._settings)
        for part in (seen, relative, str(first_line), body):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    def get_text(self, key: str) -> str | None:
        text = self._texts.get(key)
        if text is not None:
            self._used_texts[key] = text
        return text

    def put_text(self, key: str, text: str) -> None:
        self._used_texts[key] = text
        self._changed = True

    def kept_memos(self) -> dict[str, dict[str, object]]:
        """What the last run read off its texts (staatc.markdown.memo), by memo and text hash."""
        return self._memos

    def keep_memos(self, used: dict[str, dict[str, object]]) -> None:
        """What this run read off its texts. Written only when it read a text the cache did
        not know (a warm check reads fewer: it writes nothing); then without the texts that
        no run asked for this time, so the file holds about one reading per file."""
        if any(not values.keys() <= self._memos.get(name, {}).keys() for name, values in used.items()):
            self._changed = True
            self._memos = used

    def keep_words(self, words: dict[str, int]) -> None:
        """Syllable counts to keep (readability.KNOWN): written when other things change."""
        if len(words) <= MAX_WORDS:
            self.words = {"tag": words_tag(), "counts": words}

    def save(self, write: Callable[[Path, bytes], None]) -> None:
        """Write what this run used, through `write` (the commands give it staatc.output's
        atomic write); a folder that cannot be written goes without."""
        if self.path is None or not (self._changed or self._used.keys() != self._entries.keys()
                                     or self._used_texts.keys() != self._texts.keys()):
            return
        from staatc.errors import OutputError

        data = {"format": FORMAT, "staatc": self.version, "files": self._used,
                "texts": self._used_texts, "words": self.words,
                "memos": memo.dump_kept(self._memos)}
        try:
            write(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OutputError:
            pass  # a read-only checkout still checks; the next run simply redoes the work


def _read(path: Path, version: str) -> tuple[dict[str, list], dict[str, str], dict, dict]:
    """The entries, rendered texts, syllable counts and text memos of a cache file from this
    very staatc, or none at all."""
    none: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # missing, unreadable, not JSON, not UTF-8
        return none
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("staatc") != version:
        return none
    files, texts, words = data.get("files"), data.get("texts"), data.get("words")
    if not isinstance(files, dict) or not all(_valid(entry) for entry in files.values()):
        return none
    if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
        return none
    if not isinstance(words, dict) or not _valid_words(words):
        return none
    memos = memo.load_kept(data.get("memos", {}))
    return (files, texts, words, memos) if memos is not None else none


def words_tag() -> str:
    from staatc.validate.editorial.hyphenation import hyphenation_tag

    return hyphenation_tag()


def known_words(words: dict) -> dict[str, int]:
    """The kept syllable counts, when the same pyphen counted them."""
    return words.get("counts", {}) if words and words.get("tag") == words_tag() else {}


def _valid_words(words: dict) -> bool:
    if not words:
        return True
    counts = words.get("counts")
    return (isinstance(words.get("tag"), str) and isinstance(counts, dict)
            and all(type(n) is int and 0 < n < 100 for n in counts.values()))


def _exact(value: object) -> str:
    """Dates (the only non-JSON values of the context) by their ISO form; anything else is
    not written down, so the text is not cached."""
    from datetime import date

    if isinstance(value, date):
        return f"date:{value.isoformat()}"
    raise TypeError(type(value).__name__)


def _valid(entry: object) -> bool:
    return isinstance(entry, list) and all(
        isinstance(p, list) and len(p) == 4
        and (p[0] is None or (isinstance(p[0], int) and not isinstance(p[0], bool)))
        and p[1] in _SEVERITIES and p[2] in CODES and isinstance(p[3], str)
        for p in entry)
