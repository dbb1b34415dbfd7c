"""A renderer that names the document it was given: proves a format is one module + one line."""

from __future__ import annotations


class NameRenderer:
    name = "txt"
    suffix = ".txt"

    def render(self, doc: object) -> bytes:
        return type(doc).__name__.encode()
