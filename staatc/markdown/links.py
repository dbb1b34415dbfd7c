"""What Markdown text points at: links and images in every form, with their lines.

Read from the parsed tree (tree.py), so inline links, reference links (`[x][ref]`,
`[x][]`, `[x]` with a `[ref]: url` definition), autolinks (`<https://…>`) and link text
over several lines are all found, the way pandoc reads them; code is never a link.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from typing import Iterator

from staatc.markdown.memo import memo
from staatc.markdown.tree import inline_text, inlines

KINDS = ("stand", "onderzoek", "hoofdstuk")


@dataclass(frozen=True)
class Link:
    line: int
    text: str  # the link text or alt text, as a reader sees it
    target: str
    image: bool
    attributes: str = ""  # a pandoc `{…}` right after the link, e.g. `{alt="…" width=50%}`
    autolink: bool = False

    def as_list(self) -> list:
        """The link as JSON can keep it (the check cache)."""
        return list(astuple(self))

    @classmethod
    def from_list(cls, value: object) -> Link | None:
        """A kept link, or None when `value` is not what as_list writes."""
        if (isinstance(value, list) and len(value) == 6 and type(value[0]) is int
                and all(isinstance(v, str) for v in value[1:3] + value[4:5])
                and all(type(v) is bool for v in (value[3], value[5]))):
            return cls(*value)
        return None

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
    if first_line == 1:
        return iter(_links(text))
    return (replace(link, line=link.line + first_line - 1) for link in _links(text))


def _load(value: object) -> tuple[Link, ...] | None:
    if not isinstance(value, list):
        return None
    links = tuple(Link.from_list(v) for v in value)
    return None if None in links else links  # type: ignore[return-value]


@memo("links", lambda links: [link.as_list() for link in links], _load)
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
