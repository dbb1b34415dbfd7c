"""Serve's search index: the page reloads first, the new index follows.

Pagefind takes about 0.2 s of a 2024 rebuild, and nobody searches in the second after a save.
So while serving, the new site folder is put in place with the previous build's index
(hard links: cheap, and the old files are never written to), the open page reloads, and
then Pagefind indexes the live site into a folder beside it, which is swapped in whole.
The finished folder is byte for byte what `build --format html` makes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from staatc.output import TMP_SUFFIX, OutputFolder, exchange, tree_digest
from staatc.render.web.search import index_site

INDEX = "pagefind"


def keep_last_index(site: Path):
    """The `finish` of the site folder: the index of the site it replaces, if any."""
    def finish(folder: Path) -> None:
        last = site / INDEX
        if last.is_dir() and not last.is_symlink():
            shutil.copytree(last, folder / INDEX, copy_function=os.link)
    return finish


def reindex(out_dir: Path, site: Path) -> None:
    """Index the live `site` anew and swap the index in; then stamp the site as it now is,
    so the next `build` sees untouched outputs. Raises RenderError when Pagefind fails."""
    out = OutputFolder(out_dir)
    with out.writing():  # a build into the same folder waits, and leaves this temp alone
        # Beside the site, named as a temp file: a killed serve leaves nothing the next build
        # does not clear (OutputFolder.remove_stale_temp_files).
        tmp = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{INDEX}.", suffix=TMP_SUFFIX))
        try:
            index_site(site, output=tmp / INDEX)
            live = site / INDEX
            if not (live.is_dir() and exchange(tmp / INDEX, live)):
                shutil.rmtree(live, ignore_errors=True)
                os.rename(tmp / INDEX, live)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        stamp = out._stamp()
        name = site.relative_to(out_dir).as_posix()
        if name in stamp.get("files", {}):
            stamp["files"][name] = tree_digest(site)
            out.write_stamp(stamp["key"], stamp["as_of"], stamp.get("problems", []), stamp["files"])
