"""The pages' Markdown → HTML fragments: one pandoc run for the whole site, then split.

One run instead of one per page: pandoc starts in about a tenth of a second, a site has a
hundred pages, and the Lua filter must see every id at once to resolve `@tbl-x` and to
drop links to ids that do not exist. Each page starts with the only level-1 heading it has,
so the output splits at each `<h1`; notes are placed at the end of their page
(`--reference-location=section`), before the next page's heading.
"""

from __future__ import annotations

import re

from staatc.assemble.site import Site
from staatc.render.base import RenderError, epoch_of
from staatc.render.pandoc import run_pandoc

_H1 = re.compile(r"^(?=<h1[ >])", re.M)
_ID = re.compile(r'\sid="([^"]+)"')


def render_markdown(markdown: str, epoch: int) -> str:
    """One pandoc run: the HTML of `markdown` (pages joined, or one page alone)."""
    text = markdown.strip("\n") + "\n"
    return run_pandoc(text, "html5", ["--reference-location=section", "--wrap=none"],
                      epoch=epoch, heading_base=0).decode("utf-8")


def page_fragments(site: Site) -> list[str]:
    """The HTML of each page's Markdown, in the order of `site.pages`."""
    html = render_markdown("\n\n".join(page.markdown.strip("\n") for page in site.pages),
                           epoch_of(site.meta.date))
    fragments = [f for f in _H1.split(html) if f.strip()]
    if len(fragments) != len(site.pages):
        raise RenderError(f"the site has {len(site.pages)} pages but pandoc made "
                          f"{len(fragments)}: a page lost or gained a level-1 heading")
    return fragments


def id_locations(paths: list[str], fragments: list[str]) -> dict[str, tuple[str, bool]]:
    """Every id → (the page it is on, whether it is that page's heading)."""
    where: dict[str, tuple[str, bool]] = {}
    for path, fragment in zip(paths, fragments):
        for n, found in enumerate(_ID.finditer(fragment)):
            where.setdefault(found[1], (path, n == 0 and fragment.startswith("<h1")))
    return where
