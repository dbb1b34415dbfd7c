"""What is read off a text's parsed tree, remembered by the text's hash.

The rules across files read every file's links and headings on every run; parsing the
Markdown for them is most of what `check` does once the per-file results are cached. So each
such reading is a `TextMemo`: in a process it parses a text once, and the check cache
(validate/cache.py) keeps the values of the texts a run asked for, so the next run parses
only the files that changed. A kept value that is not what `load` accepts makes the cache
ignored whole.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class TextMemo(Generic[T]):
    def __init__(self, derive: Callable[[str], T], dump: Callable[[T], object],
                 load: Callable[[object], T | None]):
        self._derive, self.dump, self.load = derive, dump, load
        self.known: dict[str, T] = {}
        self.used: set[str] = set()  # the texts asked for since `start`

    def __call__(self, text: str) -> T:
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        self.used.add(key)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = self._derive(text)
        return found


MEMOS: dict[str, TextMemo] = {}  # by name: what the check cache keeps


def rows(cls: type, types: tuple[type, ...]) -> tuple[Callable, Callable]:
    """`dump` and `load` for a tuple of dataclass instances, kept as lists of their fields,
    which must be of exactly `types` (JSON's own: a bool is no int here)."""
    def dump(items: tuple) -> list:
        return [list(astuple(item)) for item in items]

    def load(value: object) -> tuple | None:
        if not isinstance(value, list) or not all(
                isinstance(row, list) and len(row) == len(types)
                and all(type(v) is t for v, t in zip(row, types)) for row in value):
            return None
        return tuple(cls(*row) for row in value)

    return dump, load


def memo(name: str, dump: Callable[[T], object], load: Callable[[object], T | None]):
    """Make `derive(text)` a TextMemo kept under `name`."""
    def register(derive: Callable[[str], T]) -> TextMemo[T]:
        MEMOS[name] = made = TextMemo(derive, dump, load)
        return made
    return register


def start() -> None:
    """A new check: nothing is used yet."""
    for m in MEMOS.values():
        m.used.clear()


def learn(kept: dict[str, dict[str, object]]) -> None:
    """What the check cache kept becomes known."""
    for name, values in kept.items():
        MEMOS[name].known.update(values)


def used() -> dict[str, dict[str, object]]:
    """The values this check asked for, by memo: what the cache keeps for the next."""
    return {name: {key: m.known[key] for key in m.used if key in m.known}
            for name, m in MEMOS.items()}


def load_kept(data: object) -> dict[str, dict[str, object]] | None:
    """The memos' values as the cache file holds them (JSON), or None if any is not valid."""
    if not isinstance(data, dict) or not set(data) <= MEMOS.keys():
        return None
    out: dict[str, dict[str, object]] = {}
    for name, values in data.items():
        if not isinstance(values, dict):
            return None
        loaded = {key: MEMOS[name].load(value) for key, value in values.items()}
        if any(value is None for value in loaded.values()):
            return None
        out[name] = loaded
    return out


def dump_kept(kept: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    return {name: {key: MEMOS[name].dump(value) for key, value in values.items()}
            for name, values in kept.items()}
