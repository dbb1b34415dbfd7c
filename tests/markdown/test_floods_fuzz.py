"""Fuzzing class 2 of the reliability issue: mixes of markup tokens, repeated, read in linear time.

test_markup_floods.py repeats one token at a time through a whole check; here hypothesis
draws mixes of two or three tokens (and text between them) and every reader of the Markdown
tree (tokens, links, headings, raw markup, prose) must finish a 100 KB flood in seconds.
A quadratic reader takes minutes on this (100 KB of `<!--` once took 48 s).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from staatc.markdown.headings import headings
from staatc.markdown.links import find_links
from staatc.markdown.prose import prose_by_line
from staatc.markdown.tree import tokens
from staatc.validate.nesting import deepest
from staatc.validate.rawmarkup import find_raw

TOKENS = ["<!--", "-->", "{#", "<a ", "[", "]", "(", ")", "`", "*", "_", "|", ":", "![", "](",
          "{{", "\\", "&#", "<", ">", "#", "\n", "- ", "> ", "x"]

floods = st.lists(st.sampled_from(TOKENS), min_size=2, max_size=3).map("".join)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(floods)
def test_every_reader_of_the_tree_is_linear_on_a_flood(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    tokens.cache_clear()
    started = time.perf_counter()
    tokens(text)
    list(find_links(text))
    list(headings(text))
    list(find_raw(text))
    prose_by_line(text)
    deepest(text)
    assert time.perf_counter() - started < 15, repr(unit)
