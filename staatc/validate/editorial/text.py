"""Markdown as an editor reads it: lines with their source line, and the prose in them.

The editorial checks look at the *rendered* text (so `{{ standen | length }}` counts
as the number it becomes) but report the line in the source file. When expressions
add or remove lines (`{% for %}` loops), `difflib` maps each rendered line back to
the source line it came from.

Code, headings and the words a reader sees come from the parsed tree (markdown/); what is
left here tells running prose from tables, captions, rules, list items and footnotes line
by line (pandoc's headerless and grid tables are no tables to CommonMark), and splits the
prose into sentences.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from staatc.markdown.headings import headings
from staatc.markdown.prose import prose_by_line
from staatc.markdown.tree import code_lines

_TABLE_ROW = re.compile(r"^\s*[|+]")
_CAPTION = re.compile(r"^\s*(:\s|Table:|Tabel:)")
_DIV = re.compile(r"^\s*:::")
_RULE = re.compile(r"^\s*([-=*_]\s*){3,}$")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)]|#\.|[a-z]\))\s+")
_QUOTE = re.compile(r"^\s*(>\s?)+")

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_CLOSERS = "\"')]»”’*_"
_OPENERS = "\"'([«“‘*_"
_END = ("." , "!", "?", "…")
# Dutch abbreviations that end in a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    "a.s aug bijv blz bv ca d.w.z dec dhr dr drs e.a e.d e.g enz etc excl feb i.e i.o.v i.p.v "
    "incl ing ir jl jr m.b.t m.i.v m.n max mevr min mld mln mr mrd n.a.v nl nr o.a o.b.v "
    "o.m prof resp sept t.a.v t.b.v t.o.v t/m vgl vs z.g z.s.m zgn".split()
)


@dataclass(frozen=True)
class Line:
    number: int  # line in the source file
    text: str  # the rendered text of that line
    code: bool = False  # inside a fenced code block
    heading: str | None = None  # the title, on the line a heading starts (from the tree)
    prose: str = ""  # the words a reader sees on this line (from the tree)


@dataclass
class Sentence:
    line: int
    words: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    line: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [w for s in self.sentences for w in s.words]


def line_map(raw: str, rendered: str) -> list[int]:
    """For each rendered line, the index of the raw line it comes from."""
    raw_lines, out_lines = raw.split("\n"), rendered.split("\n")
    if len(raw_lines) == len(out_lines):
        return list(range(len(out_lines)))
    mapping = [0] * len(out_lines)
    matcher = difflib.SequenceMatcher(None, raw_lines, out_lines, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            # Equal blocks map one to one; a changed block maps to where it starts.
            mapping[j] = min(i1 + (j - j1), max(i1, i2 - 1))
    return mapping


def readable(raw: str, rendered: str | None) -> str:
    """The rendered body; when the expressions failed (already reported), the raw one without them."""
    if rendered is None:  # bounded by the next '{', so linear however many '{{' a line has
        return re.sub(r"\{\{[^{]*?\}\}|\{%[^{]*?%\}", " ", raw)
    return rendered


def source_lines(raw: str, rendered: str | None, first_line: int) -> list[Line]:
    """The rendered body as lines, each with its line number in the source file."""
    rendered = readable(raw, rendered)
    mapping = line_map(raw, rendered)
    texts = rendered.split("\n")
    code = code_lines(rendered)
    titles = {h.line - 1: h.title for h in headings(rendered)}
    prose = prose_by_line(rendered)
    return [Line(first_line + mapping[i], text, code=i in code, heading=titles.get(i),
                 prose=prose.get(i, "")) for i, text in enumerate(texts)]


def is_table_line(text: str) -> bool:
    return bool(_TABLE_ROW.match(text))


def is_caption(text: str) -> bool:
    return bool(_CAPTION.match(text))


def prose_lines(lines: list[Line]) -> list[tuple[int, str, bool] | None]:
    """Each prose line as (line, text, starts a list item); None where a paragraph ends.

    Headings, tables, captions, rules, div fences, code and image-only lines are not
    running prose: they end the paragraph and are left out of counts.
    """
    out: list[tuple[int, str, bool] | None] = []
    for line in lines:
        text = line.text
        if line.code or not text.strip() or line.heading is not None or is_table_line(text) \
                or _CAPTION.match(text) or _DIV.match(text) or _RULE.match(text):
            out.append(None)
            continue
        text = _QUOTE.sub("", text)
        if _FOOTNOTE_DEF.match(text):
            out.append(None)  # a footnote is a paragraph of its own
            text = _FOOTNOTE_DEF.sub("", text)
        item = bool(_LIST_ITEM.match(text))
        cleaned = line.prose
        if cleaned.strip():
            out.append((line.number, cleaned, item))
        elif item:
            out.append(None)
    return out


def words_in(text: str) -> list[str]:
    """The words of a cleaned line: tokens with a letter or digit, punctuation kept on."""
    return [t for t in text.split() if _LETTER_OR_DIGIT.search(t)]


def bare(token: str) -> str:
    """A token without the punctuation around it."""
    return token.strip(_OPENERS + _CLOSERS + ".,;:!?…")


def _ends_sentence(token: str, following: str | None) -> bool:
    core = token.rstrip(_CLOSERS)
    if not core.endswith(_END):
        return False
    if core.endswith("."):
        stem = core.lstrip(_OPENERS)[:-1].lower()
        if stem in _ABBREVIATIONS or re.fullmatch(r"[a-z]|([a-z]\.)+[a-z]?", stem):
            return False
    # "ca. 30" or an unknown abbreviation: a lowercase word goes on with the same sentence.
    return not (following and following.lstrip(_OPENERS)[:1].islower())


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Running prose split into paragraphs and sentences, each with its first line."""
    result: list[Paragraph] = []
    current: Paragraph | None = None
    sentence: Sentence | None = None

    def close_sentence() -> None:
        nonlocal sentence
        if current is not None and sentence is not None and sentence.words:
            current.sentences.append(sentence)
        sentence = None

    def close_paragraph() -> None:
        nonlocal current
        close_sentence()
        if current is not None and current.sentences:
            result.append(current)
        current = None

    tokens: list[tuple[int, str] | None] = []  # None = paragraph break, ("", …) = item start
    for entry in prose_lines(lines):
        if entry is None:
            tokens.append(None)
            continue
        number, text, item = entry
        if item:
            tokens.append((number, ""))
        tokens.extend((number, word) for word in words_in(text))

    for i, token in enumerate(tokens):
        if token is None:
            close_paragraph()
            continue
        number, word = token
        if current is None:
            current = Paragraph(number)
        if not word:  # a list item starts: the item before it ends its sentence
            close_sentence()
            continue
        if sentence is None:
            sentence = Sentence(number)
        sentence.words.append(word)
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if _ends_sentence(word, following[1] if following else None):
            close_sentence()
    close_paragraph()
    return result
