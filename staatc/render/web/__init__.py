"""The web edition: an assembled `Site` in, every file of the static site out (path → bytes).

    files = SiteRenderer().render(site)      # {"index.html": b"...", "standen/uwv.html": ...}

Like the other renderers it writes nothing: the build writes the folder atomically and runs
the search indexer (`search.index_site`) over it first. The same site gives the same bytes.
"""

from __future__ import annotations

import posixpath
import re

from staatc.assemble.site import Site
from staatc.render.web import incremental
from staatc.render.web.chart_svg import chart_svg
from staatc.render.web.pages import id_locations
from staatc.render.web.sanitize import PageContext, clean_fragment
from staatc.render.web.shell import assets, render_page

_SAFE_PATH = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
DOWNLOADS = "downloads"


def media_files(site: Site) -> dict[str, bytes]:
    """The images and the drawn charts, under the path the text uses; nothing that could
    leave the site."""
    files = {}
    drawn = {key: chart_svg(chart) for key, chart in site.charts.items()}
    for key, data in {**site.media, **drawn}.items():
        path = posixpath.normpath(key)
        if _SAFE_PATH.match(path) and ".." not in path.split("/"):
            files[path] = data
    return files


class SiteRenderer:
    name = "html"
    suffix = "/"

    def render(self, site: Site) -> dict[str, bytes]:
        fragments = incremental.fragments(site)  # one pandoc run, or serve's cache
        paths = [page.path for page in site.pages]
        ids = id_locations(paths, fragments)
        files = {**assets(), **media_files(site)}
        known = set(files) | {f"{DOWNLOADS}/{d.name}" for d in site.downloads}
        for index, (page, fragment) in enumerate(zip(site.pages, fragments)):
            body = clean_fragment(fragment, PageContext(page.path, ids, known))
            files[page.path] = render_page(site, index, body).encode("utf-8")
        return dict(sorted(files.items()))
