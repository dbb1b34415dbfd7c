"""The link and image targets the check sees are exactly those in pandoc's own AST.

Markdown is drawn from a small grammar (paragraphs with inline, reference-style and
autolinks, images, code spans, emphasis, link text and titles over several lines, fenced
code, definitions); several documents go into one pandoc call, since pandoc's start-up
costs more than the comparison. The number of examples comes from the hypothesis profile.
"""

from __future__ import annotations

import json
from collections import Counter

import pypandoc
from helpers.files import elements
from hypothesis import given, settings, strategies as st

from staatc.markdown.links import find_links
from staatc.render.pandoc import READER

URLS = ["https://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "#kop",
        "stand:uwv", "images/x.png", "mailto:a@example.org", "tel:+31201234567", "../geheim.md"]
WORDS = ["de", "lijst", "Staat", "uitvoering", "één", "regels"]
LABELS = ["j", "de lijst", "Ref 2"]

words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
# Link text may break over a line; pandoc and CommonMark both read a soft break there.
link_text = st.one_of(words, st.tuples(words, words).map("\n".join),
                      words.map(lambda w: f"*{w}*"))
title = st.one_of(st.just(""), words.map(lambda w: f' "{w}"'),
                  st.tuples(words, words).map(lambda p: f' "{p[0]}\n{p[1]}"'))
url = st.sampled_from(URLS)


def inline(label: str):
    return st.one_of(
        words,
        st.tuples(link_text, url, title).map(lambda t: f"[{t[0]}]({t[1]}{t[2]})"),
        st.tuples(link_text, url).map(lambda t: f"[{t[0]}](<{t[1]}>)"),
        st.tuples(words, url).map(lambda t: f"![{t[0]}]({t[1]})"),
        st.tuples(link_text, st.sampled_from(LABELS)).map(lambda t: f"[{t[0]}][{label}{t[1]}]"),
        st.sampled_from(LABELS).map(lambda l: f"[{label}{l}][]"),
        st.sampled_from(LABELS).map(lambda l: f"[{label}{l}]"),
        st.sampled_from(LABELS).map(lambda l: f"![{label}{l}]"),
        st.sampled_from(["https://example.org/x", "file:///etc/passwd", "mailto:a@example.org"])
        .map(lambda u: f"<{u}>"),
        st.tuples(words, url).map(lambda t: f"`[{t[0]}]({t[1]})`"),
    )


def document(index: int):
    label = f"d{index} "  # labels are document-wide: each document gets its own
    paragraph = st.lists(inline(label), min_size=1, max_size=6).map(" ".join)
    fence = st.tuples(st.sampled_from(["```", "~~~", "````"]), inline(label)).map(
        lambda t: f"{t[0]}\n{t[1]}\n{t[0]}")
    definition = st.tuples(st.sampled_from(LABELS), url, title).map(
        lambda t: f"[{label}{t[0]}]: {t[1]}{t[2].replace(chr(10), ' ')}")
    return st.lists(st.one_of(paragraph, paragraph, fence, definition), min_size=1, max_size=6) \
        .map("\n\n".join)


documents = st.integers(1, 8).flatmap(lambda n: st.tuples(*(document(i) for i in range(n))))


def pandoc_targets(markdown: str) -> Counter:
    ast = json.loads(pypandoc.convert_text(markdown, "json", format=READER, extra_args=["--sandbox"]))
    return Counter((node["t"] == "Image", node["c"][2][0])
                   for node in elements(ast["blocks"], ("Link", "Image")))


@settings(deadline=None)  # a pandoc run, on a machine shared with other builds
@given(documents)
def test_the_check_sees_the_links_pandoc_renders(docs: tuple[str, ...]) -> None:
    markdown = "\n\n".join(docs) + "\n"
    ours = Counter((link.image, link.target) for link in find_links(markdown))
    assert ours == pandoc_targets(markdown), markdown
