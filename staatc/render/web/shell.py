"""The page shell: header, menu, breadcrumbs, previous/next, footer around each fragment.

A sandboxed Jinja environment with autoescaping: every value from the edition (titles,
publisher) is escaped; only the fragment, already through `sanitize`, is marked safe.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from staatc.assemble.site import SEARCH, Page, Site
from staatc.dutch import dutch_date
from staatc.render.pandoc import TEMPLATES

WEB_TEMPLATES = TEMPLATES / "web"
ASSETS = ("site.css", "zoeken.js")  # copied to assets/

# Only the site's own files. 'wasm-unsafe-eval' lets Pagefind compile its own WebAssembly,
# which it fetches from the site; it does not allow any script from elsewhere nor inline code.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'")


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(WEB_TEMPLATES), autoescape=True, undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_page(site: Site, index: int, body: str) -> str:
    from markupsafe import Markup

    page: Page = site.pages[index]
    here = posixpath.dirname(page.path) or "."

    def link(target: str) -> str:
        return posixpath.relpath(target, here)

    root = "" if here == "." else "../" * (here.count("/") + 1)
    return _environment().get_template("page.html").render(
        site=site, meta=site.meta, page=page, menu=site.menu, body=Markup(body),
        root=root, link=link, csp=CSP, is_search=page.path == SEARCH,
        previous=site.pages[index - 1] if index > 0 else None,
        next=site.pages[index + 1] if index + 1 < len(site.pages) else None,
        downloads=site.downloads, date=dutch_date(site.meta.date),
    )


def assets() -> dict[str, bytes]:
    return {f"assets/{name}": (WEB_TEMPLATES / name).read_bytes() for name in ASSETS}
