"""The search index: Pagefind, run over the finished site folder before it is put in place.

Pagefind ships as a binary inside the `pagefind[bin]` wheel. It reads `lang="nl"` from the
pages and indexes with Dutch stemming; only what is inside `data-pagefind-body` (the main
content, not the menu) is indexed. Its output, including the search interface's own CSS
and JavaScript, lands in `pagefind/` inside the site, so search needs no server of ours.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from staatc.render.base import RenderError
from staatc.render.limits import run_limited


def index_site(folder: Path, output: Path | None = None) -> None:
    """Index `folder` into its own `pagefind/`, or into `output` (serve builds the index
    beside the live site and swaps it in, so the page reloads before the index is done)."""
    cmd = [sys.executable, "-P", "-m", "pagefind", "--site", str(folder), "--silent"]
    if output is not None:
        cmd += ["--output-path", str(output.resolve())]
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    try:
        proc = run_limited(cmd, b"", env=env, what="indexing the site for search (Pagefind)",
                           memory_mb=2000)
    except OSError as exc:
        raise RenderError(f"Pagefind could not start: {exc}") from exc
    if proc.returncode != 0:
        message = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()
        raise RenderError(f"Pagefind failed with code {proc.returncode}: {message}")
