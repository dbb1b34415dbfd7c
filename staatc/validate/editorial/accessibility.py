"""Toegankelijkheid: what a screen reader user trips over (WCAG 2.1 AA / PDF/UA).

An image without any alt text is already an error of the format (`image-alt` in
validate.py); here we catch what passes that rule but still helps nobody.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.validate.editorial.document import Context, Document
from staatc.validate.editorial.text import Line

_ALT_ATTR = re.compile(r"\balt=\"([^\"]*)\"")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_GRID_BORDER = re.compile(r"^\s*\+[-=:+]+\+\s*$")
_GRID_HEADER = re.compile(r"^\s*\+(:?=+:?\+)+\s*$")
_URL_TEXT = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)

# Alt text that names the kind of thing instead of saying what it shows.
GENERIC_ALT = frozenset(
    "afbeelding figuur foto plaatje grafiek diagram schema illustratie image img picture "
    "photo chart figure".split()
)
# Link text that makes no sense on its own (screen readers list links out of context).
VAGUE_LINKS = frozenset(
    ["klik hier", "hier", "lees meer", "lees hier", "meer", "klik", "link", "deze link",
     "via deze link", "hier klikken", "meer lezen", "click here", "here", "read more", "more"]
)


def _content(doc: Document) -> Iterable[Line]:
    return (line for line in doc.lines if not line.code)


def heading_skip(ctx: Context) -> Iterable[Problem]:
    """A heading more than one level deeper than the one before it (## then ####).

    The assembler moves a text's headings so its highest one sits right below the
    chapter title, so a text may start at any level: what counts is each step down.
    """
    for doc in ctx.documents:
        headings = [(h.line, h.level, h.title) for h in doc.headings]
        if not headings:
            continue
        previous = top = min(level for _, level, _ in headings) - 1
        for number, level, title in headings:
            if level > previous + 1:
                after = "the title" if previous == top else f"a level-{previous} heading ({'#' * previous})"
                yield problem(
                    "heading-skip", doc.path, number,
                    f"heading '{title}' ({'#' * level}) skips a level: it comes right after "
                    f"{after}. Screen readers navigate by heading levels: make it "
                    f"{'#' * (previous + 1)}, or add the missing level above it",
                )
            previous = level


def _weak_alt(alt: str, target: str) -> bool:
    said = " ".join(alt.strip("*_ ").split()).strip(" .:").casefold()
    name = PurePosixPath(target).name.casefold()
    stem = PurePosixPath(target).stem.casefold()
    names = {target.casefold(), name, stem, re.sub(r"[-_]+", " ", stem)}
    return said in names or said in GENERIC_ALT


def alt_text(ctx: Context) -> Iterable[Problem]:
    """Alt text that is the file name or a bare word such as 'afbeelding'."""
    for doc in ctx.documents:
        for link in doc.links:
            if link.image:
                alt, target = link.text, link.target
                attr = _ALT_ATTR.search(link.attributes)
                if attr:  # {alt="..."} is what a screen reader reads
                    alt = attr.group(1)
                if alt.strip() and _weak_alt(alt, target):
                    yield problem(
                        "alt-text", doc.path, link.line,
                        f"the alt text of image '{target}' is '{alt.strip()}', which tells a "
                        "blind reader nothing: describe what the image shows, e.g. "
                        "![Grafiek: het aantal knelpunten per thema, 2022–2024](…)",
                    )


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


def table_header(ctx: Context) -> Iterable[Problem]:
    """A table without a header row: screen readers cannot say which column a cell is in."""
    for doc in ctx.documents:
        lines = list(_content(doc))
        i = 0
        while i < len(lines):
            text = lines[i].text
            before = lines[i - 1].text if i else ""
            if _GRID_BORDER.match(text):  # a grid table: +---+ … its header ends in +===+
                end = i
                while end + 1 < len(lines) and lines[end + 1].text.strip()[:1] in ("+", "|"):
                    end += 1
                if not any(_GRID_HEADER.match(lines[j].text) for j in range(i, end + 1)):
                    yield _no_header(doc, lines[i].number)
                i = end + 1
                continue
            if "|" in text and _PIPE_SEPARATOR.match(text):  # a pipe table's |---| line
                if not before.strip() or lines[i - 1].heading is not None or not any(_cells(before)):
                    yield _no_header(doc, lines[i - 1].number if before.strip() else lines[i].number)
            i += 1


def _no_header(doc: Document, line: int) -> Problem:
    return problem(
        "table-header", doc.path, line,
        "this table has no header row: give every column a heading in the first row "
        "(| Thema | Aantal |), above the |---|---| line",
    )


def link_text(ctx: Context) -> Iterable[Problem]:
    """Link text such as 'klik hier', 'lees meer' or a bare web address."""
    for doc in ctx.documents:
        # An autolink shows its address by design; only written link text is judged.
        for link in doc.links:
            if not link.image and not link.autolink:
                text = " ".join(link.text.strip("*_ ").split())
                said = " ".join(text.split()).strip(" .:!").casefold()
                if _URL_TEXT.match(text):
                    why = "a bare web address is read out letter by letter"
                elif said in VAGUE_LINKS:
                    why = f"'{text}' says nothing about where the link goes"
                else:
                    continue
                yield problem(
                    "link-text", doc.path, link.line,
                    f"link text {why}: screen readers list links on their own, so make the "
                    "text say what the reader finds there, e.g. [het jaarverslag van UWV](…)",
                )
