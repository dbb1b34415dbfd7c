"""What Markdown text points at: links and images in every form, with their lines.

Read from the parsed tree (tree.py), so inline links, reference links (`[x][ref]`,
`[x][]`, `[x]` with a `[ref]: url` definition), autolinks (`<https://…>`) and link text
over several lines are all found, the way pandoc reads them; code is never a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from staatc.markdown.memo import memo, rows
from staatc.markdown.tree import from_line, inline_text, inlines

KINDS = ("stand", "onderzoek", "hoofdstuk")


@dataclass(frozen=True)
class Link:
    line: int
    text: str  # the link text or alt text, as a reader sees it
    target: str
    image: bool
    attributes: str = ""  # a pandoc `{…}` right after the link, e.g. `{alt="…" width=50%}`
    autolink: bool = False

    @property
    def kind(self) -> str | None:
        """'stand', 'onderzoek' or 'hoofdstuk' for a cross reference, else None."""
        scheme, sep, _ = self.target.partition(":")
        return scheme if sep and scheme in KINDS else None

    @property
    def slug(self) -> str:
        return self.target.partition(":")[2]


def _attributes(children, after: int) -> str:
    if after < len(children) and children[after].type == "text":
        following = children[after].content
        if following.startswith("{") and (end := following.find("}")) > 0:
            return following[1:end]
    return ""


def find_links(text: str, first_line: int = 1) -> Iterator[Link]:
    """Links and images in reading order, each at its line (counted from `first_line`)."""
    return from_line(_links(text), first_line)


@memo("links", *rows(Link, (int, str, str, bool, str, bool)))
def _links(text: str) -> tuple[Link, ...]:
    return tuple(_walk(text))


def _walk(text: str, first_line: int = 1) -> Iterator[Link]:
    open_at: list[tuple[int, int, str, bool]] = []  # (line, index, href, autolink)
    for item in inlines(text):
        token, children = item.token, item.block.children or []
        if token.type == "image":
            yield Link(first_line + item.line, inline_text(token.children or ()),
                       str(token.attrs.get("src", "")), True, _attributes(children, item.index + 1))
        elif token.type == "link_open":
            open_at.append((item.line, item.index, str(token.attrs.get("href", "")),
                            token.markup == "autolink"))
        elif token.type == "link_close" and open_at:
            line, start, href, auto = open_at.pop()
            shown = inline_text(children[start + 1:item.index])
            yield Link(first_line + line, shown, href, False,
                       _attributes(children, item.index + 1), auto)
