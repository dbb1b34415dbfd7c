"""A heading must have text: a line with only `#` (or only its `{#id}`) is a heading without a
title. PDF/UA forbids one, so the PDF could not be made, and a screen reader would announce
an empty heading."""

from __future__ import annotations

from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.markdown.headings import headings
from staatc.model import Edition

CODE = "empty-heading"


def empty_headings(ed: Edition) -> Iterable[Problem]:
    for doc in ed.documents():
        for heading in headings(doc.body, doc.source.body_line):
            if not heading.title.strip():
                yield problem(CODE, doc.source.path, heading.line,
                              "this heading has no text (a line that starts with # is a "
                              "heading): write its title after the #, or delete the #")
