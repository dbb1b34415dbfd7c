"""Raw output markup in edition text: refused by `check`, at the line where it stands.

Pandoc can pass text straight through to the output (a ```` ```{=typst} ```` block, an inline
`` `…`{=openxml} ``, raw HTML, TeX commands such as `\\input{…}`). Drafts come from pull
requests, so that would let anyone write Typst code or Word XML into the official documents.
The renderers read Markdown with raw TeX and raw attributes switched off, and their filter
turns raw HTML back into text (HTML comments are dropped: they are editors' notes), so such
text could only ever show up as literal text. This rule says so before the build, at the
line: an error for raw Typst, Word and LaTeX (a pull request that tries it is visibly
refused), a warning for HTML tags (`--strict` refuses those too).

Read from the parsed tree (markdown/tree.py): fenced code and code spans are code, not
raw markup (except a code span with a `{=format}` suffix, which is exactly raw markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from staatc.codes import CODES
from staatc.errors import Problem
from staatc.markdown.tree import block_line, inlines, tokens
from staatc.model import Edition

CODE = "raw-block"
# Raw HTML is only ever text here (there is no HTML output, and the reader has raw_html off):
# a warning, so a draft quoting a tag still checks, but CI with --strict stops it.
HTML_CODE = "raw-html"

_FORMATS = {
    "typst": "Typst", "openxml": "Word (OpenXML)", "docx": "Word (OpenXML)", "latex": "LaTeX",
    "tex": "LaTeX", "context": "ConTeXt", "html": "HTML", "html5": "HTML", "html4": "HTML",
}
_RAW_SUFFIX = re.compile(r"\{\s*=\s*([^\s}]+)\s*\}")
# A tag (`<div>`, `</span>`, `<img src=x>`, `<br/>`); not an autolink (`<https://…>`,
# `<naam@example.org>`: those are links in the tree, never HTML).
_HTML = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>")
_TEX = re.compile(r"\\([A-Za-z]+)\s*[{\[]")


@dataclass(frozen=True)
class Raw:
    line: int  # 1-based within the text scanned
    kind: str  # "block", "inline", "html", "tex"
    what: str  # the format name, tag or command

    def problem(self, path: Path, line: int, note: str = "") -> Problem:
        if self.kind == "html":
            return CODES[HTML_CODE].problem(path, line, self.message() + note)
        return CODES[CODE].problem(path, line, self.message() + note)

    def message(self) -> str:
        write = "write Markdown instead (it would only be shown as literal text)"
        if self.kind in ("block", "inline"):
            name = _FORMATS.get(self.what.lower(), self.what)
            return (f"raw {name} ('{{={self.what}}}') is not allowed in edition text; {write}")
        if self.kind == "html":
            return (f"raw HTML ('<{self.what}>') is not allowed in edition text; {write}")
        return f"raw LaTeX ('\\{self.what}') is not allowed in edition text; {write}"


def _blank(text: str, opening: str = "<!--", closing: str = "-->") -> str:
    """`text` with its comments blanked (newlines kept); linear, unlike a lazy regex."""
    out, at = [], 0
    while (start := text.find(opening, at)) >= 0:
        end = text.find(closing, start + len(opening))
        end = len(text) if end < 0 else end + len(closing)
        out += [text[at:start], "\n" * text.count("\n", start, end)]
        at = end
    return "".join(out) + text[at:]


def _tags(html: str, line: int) -> Iterator[Raw]:
    html = _blank(html)
    for m in _HTML.finditer(html):
        yield Raw(line + html.count("\n", 0, m.start()), "html", m[1] + m[2])


def find_raw(text: str, first_line: int = 1) -> Iterator[Raw]:
    """Every piece of raw markup in `text`, with its line."""
    # Template comments disappear on rendering: what an editor notes there is no raw markup.
    if "{##" in text:
        text = _blank(text, "{##", "##}")
    for token in tokens(text):
        line = first_line + block_line(token)
        if token.type == "fence" and (m := _RAW_SUFFIX.match(token.info.strip())):
            yield Raw(line, "block", m[1])
        elif token.type == "html_block":
            yield from _tags(token.content, line)
    for item in inlines(text):
        token, line = item.token, first_line + item.line
        if token.type == "code_inline":
            following = (item.block.children or [])[item.index + 1:item.index + 2]
            if following and following[0].type == "text" and \
                    (m := _RAW_SUFFIX.match(following[0].content)):
                yield Raw(line, "inline", m[1])
        elif token.type == "html_inline":
            yield from _tags(token.content, line)
        elif token.type == "text":
            for m in _TEX.finditer(token.content):
                yield Raw(line, "tex", m[1])


def raw_markup(ed: Edition) -> Iterable[Problem]:
    """Raw markup as typed in each document's body, at its line."""
    for doc in ed.documents():
        for raw in find_raw(doc.body, doc.source.body_line):
            yield raw.problem(doc.source.path, raw.line)


def generated_raw_markup(ed: Edition, texts: dict[Path, str]) -> Iterable[Problem]:
    """Raw markup that template expressions write; reported at the start of the text."""
    for doc in ed.documents():
        typed = {(r.kind, r.what) for r in find_raw(doc.body)}
        seen: set[tuple[str, str]] = set()
        for raw in find_raw(texts.get(doc.source.path, "")):
            key = (raw.kind, raw.what)
            if key not in typed and key not in seen:
                seen.add(key)
                yield raw.problem(doc.source.path, doc.source.body_line,
                                  " (this is made by a template expression)")
