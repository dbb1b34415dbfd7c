"""The last gate before a page: only the HTML that pandoc writes for safe Markdown gets through.

The reader options and the Lua filter already turn raw HTML into text, but pandoc passes
Markdown attributes straight to HTML (`[x]{onclick="…"}` becomes `<span onclick="…">`), so
every element and attribute is checked against an allowlist here. The same walk rewrites
cross references (`#stand-uwv`) into links to the page that holds them, points images at
the site's copy, turns pandoc's `style="text-align: …"` into classes (the Content-Security-
Policy forbids inline styles) and wraps tables so that a wide one scrolls on a phone instead
of widening the page.
"""

from __future__ import annotations

import posixpath
import re

from lxml import etree, html

TAGS = {
    "a", "abbr", "aside", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul", "var",
}
DROP_WHOLE = {"script", "style", "iframe", "object", "embed", "template", "svg", "math", "form"}
ATTRIBUTES = {"id", "class", "href", "src", "alt", "title", "colspan", "rowspan", "start",
              "type", "role", "lang", "aria-label", "aria-hidden", "reversed", "scope"}
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.:-]+$")
# Ids of the page shell (templates/web/page.html). A heading "Inhoud" gets the id `inhoud`
# from pandoc too, and the skip link must not land on it: the text's copy is renamed.
SHELL_IDS = {"inhoud", "zoekterm", "zoekresultaten"}


def text_id(value: str) -> str:
    return f"{value}-tekst" if value in SHELL_IDS else value


class PageContext:
    """What a fragment needs to know about the site to make its links."""

    def __init__(self, path: str, ids: dict[str, tuple[str, bool]], files: set[str]):
        self.path = path
        self.ids = ids      # id -> (page path, is that page's heading)
        self.files = files  # every file of the site (images, downloads)

    def relative(self, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")

    def href(self, value: str) -> str | None:
        if value.startswith(("https://", "http://", "mailto:")):
            return value
        if value.startswith("#"):
            found = self.ids.get(value[1:])
            if found is None:
                return None
            page, is_heading = found
            fragment = "#" + text_id(value[1:])
            if page == self.path:
                return fragment
            return self.relative(page) + ("" if is_heading else fragment)
        return None  # no other scheme, nor a path the site does not hold

    def src(self, value: str) -> str | None:
        target = posixpath.normpath(value)
        return self.relative(target) if target in self.files else None


def clean_fragment(fragment: str, context: PageContext) -> str:
    root = html.fragment_fromstring(fragment, create_parent="div")
    for comment in root.xpath("//comment() | //processing-instruction()"):
        comment.getparent().remove(comment)
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str):
            continue
        if el.tag in DROP_WHOLE:
            el.drop_tree()
        elif el.tag not in TAGS:
            el.drop_tag()  # keep the text, lose the element
        else:
            _clean_attributes(el, context)
    for table in list(root.iter("table")):
        _wrap_table(table)
    out = etree.tostring(root, encoding="unicode", method="html")
    return out[len("<div>"):-len("</div>")]


def _clean_attributes(el, context: PageContext) -> None:
    classes = el.get("class", "").split()
    for name, value in list(el.attrib.items()):
        del el.attrib[name]
        if name == "style" and (m := _ALIGN.match(value)):
            classes.append(f"align-{m[1]}")
        elif name not in ATTRIBUTES:
            continue
        elif name == "href":
            target = context.href(value)
            if target is not None:
                el.set("href", target)
        elif name == "src":
            target = context.src(value)
            if target is not None:
                el.set("src", target)
        elif name in ("class", "role", "scope", "type") and not all(
                _SAFE_VALUE.match(v) for v in value.split()):
            continue
        elif name == "id":
            el.set("id", text_id(value))
        elif name != "class":
            el.set(name, value)
    classes = [c for c in dict.fromkeys(classes) if _SAFE_VALUE.match(c)]
    if classes:
        el.set("class", " ".join(classes))
    if el.tag == "img" and el.get("src") is None:
        _image_as_text(el)
    elif el.tag == "a" and el.get("href") is None:
        el.tag = "span"


def _image_as_text(img) -> None:
    """An image the site does not hold (check refuses them; here for safety) shows its alt text."""
    span = html.Element("span")
    span.text = f"[Afbeelding: {img.get('alt', '')}]"
    span.tail = img.tail
    img.getparent().replace(img, span)


def _wrap_table(table) -> None:
    """A scrolling box must be reachable by keyboard (axe: scrollable-region-focusable) and be
    named for screen readers: by the table's caption."""
    caption = table.find("caption")
    name = " ".join(caption.text_content().split()) if caption is not None else "Tabel"
    box = html.Element("div", {"class": "table-scroll", "tabindex": "0", "role": "region",
                               "aria-label": name})
    parent = table.getparent()
    parent.replace(table, box)
    box.tail, table.tail = table.tail, None
    box.append(table)
