"""Serve's fragment cache: after an edit, pandoc renders only the page that changed.

The site is one pandoc run (pages.py) because much of a page depends on the others: the
numbers of notes and tables, ids made unique across the site, links kept only where their
target exists. A changed paragraph touches none of that. So when an edit is that small, the
changed page is rendered on its own, before and after the edit (two short runs side by
side), and the lines that changed are put in place of the same lines in the page's last
site-wide fragment. That is only done where it is certain to give the bytes a full run
gives; anything else (a heading, a note, a link, a table, a second page) is a full run:

- the changed Markdown lines hold nothing that reaches other pages (`_MARKDOWN_GLOBAL`:
  link definitions, notes, ids, captions, headings, example lists, raw HTML);
- the changed HTML lines, old and new, are plain text in plain tags (`_HTML_LOCAL`), so
  they read the same alone as within the site, and the old ones occur once in the fragment.

Off unless serve turns it on (`cached`); `STATS` counts pages rendered, for the tests.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

from staatc.assemble.site import Site
from staatc.render.base import epoch_of
from staatc.render.web.pages import page_fragments, render_markdown

_MARKDOWN_GLOBAL = re.compile(r"[\[\]^{}#|@<>\\]|^\s*(:|Table:|\+|[=-]+\s*$)", re.M)
_TAG = re.compile(r"<[^>]*>")
_PLAIN_TAGS = {f"<{s}{t}>" for t in ("p", "em", "strong", "code", "ul", "ol", "li",
                                      "blockquote", "del", "sub", "sup") for s in ("", "/")}
_PLAIN_TAGS -= {"<sup>"}  # a note's number is a <sup>: never a plain line
_PLAIN_TAGS |= {"<br />"}
MAX_PAGES = 2  # more changed pages than this: one full run is about as quick

STATS = {"full": 0, "pages": 0}  # full runs; pages rendered by pandoc (a full run: all)


@dataclass
class FragmentCache:
    epoch: int | None = None
    markdown: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    alone: dict[str, str] = field(default_factory=dict)  # a page's Markdown → its lone run

    def render(self, site: Site) -> list[str]:
        pages = [page.markdown for page in site.pages]
        epoch = epoch_of(site.meta.date)
        fragments = self._patched(site, pages, epoch) if self.fragments else None
        if fragments is None:
            fragments = page_fragments(site)
            STATS["full"] += 1
            STATS["pages"] += len(pages)
            self.alone = {}
        self.epoch, self.markdown, self.fragments = epoch, pages, fragments
        return fragments

    def _patched(self, site: Site, pages: list[str], epoch: int) -> list[str] | None:
        if epoch != self.epoch or len(pages) != len(self.markdown):
            return None
        changed = [i for i, (old, new) in enumerate(zip(self.markdown, pages)) if old != new]
        if not changed or len(changed) > MAX_PAGES:
            return None if changed else list(self.fragments)
        if any(not _local_markdown(self.markdown[i], pages[i]) for i in changed):
            return None
        todo = sorted({md for i in changed for md in (self.markdown[i], pages[i])} - set(self.alone))
        with ThreadPoolExecutor(max_workers=2) as pool:  # each run is mostly pandoc's start
            done = dict(zip(todo, pool.map(lambda md: render_markdown(md, epoch), todo)))
        STATS["pages"] += len(todo)
        alone = {**self.alone, **done}
        fragments = list(self.fragments)
        for i in changed:
            fragments[i] = _splice(fragments[i], alone[self.markdown[i]], alone[pages[i]])
            if fragments[i] is None:
                return None
        self.alone = {pages[i]: alone[pages[i]] for i in changed}
        return fragments


def _changed(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many lines at the start and at the end the two have in common (not overlapping)."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def _local_markdown(old: str, new: str) -> bool:
    a, b = old.split("\n"), new.split("\n")
    start, end = _changed(a, b)
    edited = a[start:len(a) - end] + b[start:len(b) - end]
    return not any(_MARKDOWN_GLOBAL.search(line) for line in edited)


def _plain(lines: list[str]) -> bool:
    return all("@" not in line and all(t in _PLAIN_TAGS for t in _TAG.findall(line))
               for line in lines)


def _splice(fragment: str, old_alone: str, new_alone: str) -> str | None:
    """`fragment` with the lines in which `old_alone` and `new_alone` differ replaced."""
    a, b = old_alone.split("\n"), new_alone.split("\n")
    start, end = _changed(a, b)
    old, new = a[start:len(a) - end], b[start:len(b) - end]
    if not old:  # only added lines: found by a plain line beside them, kept as it is
        if start > 0 and _plain(a[start - 1:start]):
            start -= 1
        elif end > 0 and _plain(a[len(a) - end:len(a) - end + 1]):
            end -= 1
        else:
            return None
        old, new = a[start:len(a) - end], b[start:len(b) - end]
    if start == 0 or not (_plain(old) and _plain(new)):  # line 0 is the page's heading
        return None
    needle = "\n" + "\n".join(old) + "\n"
    at = fragment.find(needle)
    if at < 0 or fragment.find(needle, at + 1) >= 0:
        return None
    return fragment[:at] + "\n" + "\n".join(new) + "\n" + fragment[at + len(needle):]


_ACTIVE: FragmentCache | None = None


@contextmanager
def cached(cache: FragmentCache):
    """Within: the site renderer goes through `cache` (serve's rebuilds, one at a time)."""
    global _ACTIVE
    _ACTIVE = cache
    try:
        yield
    finally:
        _ACTIVE = None


def fragments(site: Site) -> list[str]:
    return _ACTIVE.render(site) if _ACTIVE is not None else page_fragments(site)
