"""One parsed Markdown tree per source text, with line numbers: every rule reads this.

markdown-it-py parses CommonMark in linear time; its tokens carry the lines a block
spans (`map`), and inline tokens are walked here to tell the line each one starts on.
Where pandoc's Markdown (what renders) differs from CommonMark, the parser is set up
to agree with pandoc:

- links are taken as written: markdown-it refuses `javascript:`/`file:` targets and
  percent-encodes others, pandoc keeps them, and the checks must see what pandoc sees;
- `[^1]: …` is a footnote (pandoc's footnotes), not a reference definition;
- pipe tables are on, as in pandoc.
Known differences left: pandoc needs a blank line before a heading or block quote, and
`[Heading text]` is a link to that heading in pandoc (implicit_header_references).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator, TypeVar

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from staatc.markdown.memo import memo

T = TypeVar("T")

# Deeper nesting than any rule looks at (validate/nesting.py refuses more than 20 levels);
# markdown-it stops nesting there instead of recursing without bound.
MAX_NESTING = 100
_BREAKS = ("softbreak", "hardbreak")
# The characters an inline rule starts at (and ']', which ends a link label); markdown-it also
# stops plain text at '{', ':', '(' and more, which costs a pass of every rule per character
# on a line of them, for rules (linkify, plugins) this parser does not use.
_STARTS = "\n!\\`~*_[]^<&"
_LABELLED = ("link", "image", "footnote_inline", "footnote_ref")  # the rules that need a "]"
# markdown-it spends a token, in Python, on each of these: a megabyte of '*' takes 10 s to parse.
# A long chapter has a few hundred of them (the samples at most 60); past MAX_MARKUP a text is
# not parsed and `check` says so (markup-flood), so no draft can hold CI for minutes.
MAX_MARKUP = 50_000
_MARKUP = re.compile(r"[!\\`~*_\[\]^<&{|]")


def _needs_a_close(rule):
    """`rule` only where a ']' follows: a link or image needs one.

    markdown-it tries every '[' as a link label, recursing up to maxNesting deep each time;
    on a chapter of '[' repeated that is seconds per megabyte. Where no ']' follows, no
    label can close, so the rule is not tried (the last ']' is looked up once per text).
    """

    def guarded(state, silent):
        if state.src[state.pos] not in "[!^":
            return False
        last = state.env.get("_last_close")
        if last is None or last[0] is not state.src:
            last = state.env["_last_close"] = (state.src, state.src.rfind("]"))
        return state.pos < last[1] and rule(state, silent)

    return guarded


def _last_definition_wins(rule):
    """Pandoc takes the last `[ref]: url` of a label, CommonMark the first: follow pandoc.

    Otherwise `[j]: https://…` followed by `[j]: file:///…` would show the check one target
    and put the other in the documents.
    """

    def reference(state, start, end, silent):
        known = state.env.setdefault("references", {})
        state.env["references"] = {}
        try:
            return rule(state, start, end, silent)
        finally:
            known.update(state.env["references"])
            state.env["references"] = known

    return reference


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"]).use(footnote_plugin)
    inline = md.inline.ruler
    for rule in [r for r in inline.__rules__ if r.name in _LABELLED]:
        inline.at(rule.name, _needs_a_close(rule.fn), {"alt": rule.alt})
    block = md.block.ruler
    for rule in [r for r in block.__rules__ if r.name == "reference"]:
        block.at(rule.name, _last_definition_wins(rule.fn), {"alt": rule.alt})
    if hasattr(md.inline, "terminator_re"):  # markdown-it-py 4; 3 stops at every terminator
        md.inline.terminator_re = re.compile("[" + re.escape(_STARTS) + "]")
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    md.normalizeLinkText = lambda url: url
    return md


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    return _parser()


def markup_flood(text: str) -> int | None:
    """The 0-based line where `text` passes MAX_MARKUP markup characters, or None."""
    if len(text) < MAX_MARKUP:
        return None
    for n, match in enumerate(_MARKUP.finditer(text), 1):
        if n > MAX_MARKUP:
            return text.count("\n", 0, match.start())
    return None


@lru_cache(maxsize=512)
def tokens(text: str) -> tuple[Token, ...]:
    """The block tokens of `text`, parsed once however many rules read it (none when it is
    flooded with markup: see MAX_MARKUP)."""
    if markup_flood(text) is not None:
        return ()
    return tuple(_md().parse(text))


@dataclass(frozen=True)
class Inline:
    """One inline token, the line it starts on (0-based in the text) and its block."""

    line: int
    token: Token
    block: Token  # the `inline` token it belongs to (a paragraph, heading or table cell)
    index: int  # its position among the block's children


def block_line(token: Token) -> int:
    return token.map[0] if token.map else 0


def inlines(text: str) -> Iterator[Inline]:
    """Every inline token in reading order, with its line.

    Lines are counted at line breaks: markdown-it keeps no columns, and a code span or a
    link title that itself runs over a line (rare) loses its newline, so what follows it in
    that paragraph is reported a line early.
    """
    last = 0
    for block in tokens(text):
        if block.type != "inline":
            continue
        line = block.map[0] if block.map else last
        for i, child in enumerate(block.children or ()):
            yield Inline(line, child, block, i)
            if child.type in _BREAKS:
                line += 1
            elif child.type in ("html_inline", "text"):
                line += child.content.count("\n")
        last = line


def from_line(items: tuple[T, ...], first_line: int) -> Iterator[T]:
    """Items read off a text (links, headings: each with a `line`) as lines of a file whose
    text starts at `first_line`."""
    if first_line == 1:
        return iter(items)
    return (replace(item, line=item.line + first_line - 1) for item in items)  # type: ignore[type-var]


def _load_lines(value: object) -> frozenset[int] | None:
    if isinstance(value, list) and all(type(n) is int and n >= 0 for n in value):
        return frozenset(value)
    return None


@memo("code-lines", sorted, _load_lines)
def code_lines(text: str) -> frozenset[int]:
    """0-based lines inside fenced or indented code (fences included): not Markdown."""
    code: set[int] = set()
    for token in tokens(text):
        if token.type in ("fence", "code_block") and token.map:
            code.update(range(*token.map))
    return frozenset(code)


def inline_text(children: list[Token] | tuple[Token, ...]) -> str:
    """What a reader sees of some inline tokens: the text, without the markup."""
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in _BREAKS:
            out.append(" ")
        elif child.type == "image":
            out.append(inline_text(child.children or ()))
    return "".join(out)
