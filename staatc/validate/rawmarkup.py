"""Raw output markup in edition text: refused by `check`, at the line where it stands.

Pandoc can pass text straight through to the output (a ```` ```{=typst} ```` block, an inline
`` `…`{=openxml} ``, raw HTML, TeX commands such as `\\input{…}`). Drafts come from pull
requests, so that would let anyone write Typst code or Word XML into the official documents.
The renderers read Markdown with raw TeX and raw attributes switched off, and their filter
turns raw HTML back into text (HTML comments are dropped: they are editors' notes), so such
text could only ever show up as literal text. This rule says so before the build, at the
line: an error for raw Typst, Word and LaTeX (a pull request that tries it is visibly
refused), a warning for HTML tags (`--strict` refuses those too).

A line scanner like `links.py`, not a Markdown parser: fenced code and code spans are code,
not raw markup (except a code span with a `{=format}` suffix, which is exactly raw markup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from staatc.codes import CODES
from staatc.errors import Problem
from staatc.markdown.links import code_lines
from staatc.model import Edition

CODE = "raw-block"
# Raw HTML is only ever text here (there is no HTML output, and the reader has raw_html off):
# a warning, so a draft quoting a tag still checks, but CI with --strict stops it.
HTML_CODE = "raw-html"

_FORMATS = {
    "typst": "Typst", "openxml": "Word (OpenXML)", "docx": "Word (OpenXML)", "latex": "LaTeX",
    "tex": "LaTeX", "context": "ConTeXt", "html": "HTML", "html5": "HTML", "html4": "HTML",
}
_RAW_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*\{\s*=\s*([^\s}]+)\s*\}")
_RAW_INLINE = re.compile(r"(`+)(?:(?!\1).)+?\1\{\s*=\s*([^\s}]+)\s*\}")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# Template comments and HTML comments are notes: the renderers drop both.
_COMMENTS = re.compile(r"\{##.*?##\}|<!--.*?-->", re.S)
# A tag (`<div>`, `</span>`, `<img src=x>`, `<br/>`); not an autolink (`<https://…>`,
# `<naam@example.org>`: a ':' or '@' follows the name) nor "a < b".
_HTML = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])(?:[^<>]*)>")
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


def find_raw(text: str, first_line: int = 1) -> Iterator[Raw]:
    """Every piece of raw markup in `text`, with its line."""
    # Comments disappear on rendering: what an editor notes there is no raw markup.
    text = _COMMENTS.sub(lambda m: "\n" * m.group().count("\n"), text)
    lines = text.split("\n")
    code = code_lines(lines)
    for offset, line in enumerate(lines):
        number = first_line + offset
        if offset in code:
            if (m := _RAW_FENCE.match(line)) is not None:
                yield Raw(number, "block", m[2])
            continue
        for m in _RAW_INLINE.finditer(line):
            yield Raw(number, "inline", m[2])
        prose = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for m in _HTML.finditer(prose):
            yield Raw(number, "html", m[1] + m[2])
        for m in _TEX.finditer(prose):
            yield Raw(number, "tex", m[1])


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
