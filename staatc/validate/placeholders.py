"""Placeholders left in a definitief edition: "(naam)", "(kenmerk)", "XXX", "TODO".

`staatc new` writes "(naam)" and "2025-(kenmerk)" into the kamerbrief for the editor to fill
in; a draft copied from last year can hold "XXX" in a field. In running text `todo-marker`
finds working notes; this rule looks where that one does not: every front-matter value
(the kamerbrief's signer, a Stand's name) and edition.yaml, and the parenthesised
placeholders in the text. Only once the edition is definitief: a concept may hold them.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from staatc.codes import problem
from staatc.errors import Problem
from staatc.model import Edition, Source

CODE = "placeholder"
# Words that `staatc new` and the sample letters put between brackets for the editor.
_BRACKETED = r"\((?:naam|kenmerk|datum|titel|functie|afdeling|directie|adres|\.\.\.|…)\)"
_IN_FIELDS = re.compile(_BRACKETED + r"|\b(?:TODO|FIXME|XXX)\b", re.IGNORECASE)
_IN_TEXT = re.compile(_BRACKETED, re.IGNORECASE)


def _strings(value: Any, key: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*key, k))
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _strings(v, (*key, i))


def _in_fields(values: dict, source: Source) -> Iterator[Problem]:
    for key, text in _strings(values):
        if m := _IN_FIELDS.search(text):
            name = ".".join(str(k) for k in key)
            yield problem(CODE, source.path, source.line_of(*key),
                          f"'{name}' still holds the placeholder '{m.group()}', and this edition "
                          "is definitief: fill in the real value")


def placeholders(ed: Edition) -> Iterable[Problem]:
    if ed.config is None or ed.config.status != "definitief":
        return
    yield from _in_fields(ed.config.model_dump(mode="json"), ed.config_source)
    for doc in ed.documents():
        yield from _in_fields(doc.model_dump(mode="json", exclude={"slug", "body", "source"}),
                              doc.source)
        for n, line in enumerate(doc.body.split("\n")):
            if m := _IN_TEXT.search(line):
                yield problem(CODE, doc.source.path, doc.source.body_line + n,
                              f"the placeholder '{m.group()}' is still in the text, and this "
                              "edition is definitief: fill in the real value")
