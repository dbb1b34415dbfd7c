"""`staatc serve`: the web edition as readers will see it, rebuilt on every save.

The site is built with `build --format html` into the build folder and served from
127.0.0.1 only. Each page served gets one extra script, `/__staatc/reload.js`, that waits
(a long poll) for the next build and then reloads the page. A build that fails leaves the
last good pages in place (the build writes nothing unless it succeeds) and every page shows
a banner with the problems, in the same `file:line: severity: message` form as `check`.
Nothing of this reaches the built files: the script and banner are added while serving.
A rebuild is quick because pandoc renders only the page a small edit changed
(render/web/incremental.py) and the search index follows the reload (serve_index.py); the
folder it leaves is byte for byte what `build --format html` makes.
"""

from __future__ import annotations

import html
import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, unquote, urlsplit

from staatc.assemble.products import WEB
from staatc.commands.build import build_edition
from staatc.commands.serve_index import keep_last_index, reindex
from staatc.render.web.incremental import FragmentCache, cached
from staatc.errors import Problem, StaatcError
from staatc.reporting.problems import as_text

RELOAD_JS = b"""// staatc serve: reload this page when the edition has been built again.
(function () {
  var seen = document.currentScript.getAttribute("data-version");
  function wait() {
    fetch("/__staatc/wait?v=" + seen, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (d) { if (String(d.version) !== seen) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
"""
WAIT_SECONDS = 25.0  # a long poll answers at least this often, so a proxy never drops it


@dataclass
class Preview:
    """The state of the preview: which build the pages are from, and what went wrong since."""

    root: Path
    out_dir: Path
    cwd: Path
    as_of: Callable[[], date] = date.today
    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    changed: threading.Condition = field(default_factory=threading.Condition)
    fragments: FragmentCache = field(default_factory=FragmentCache)  # the last pages' HTML

    @property
    def site(self) -> Path:
        return self.out_dir / WEB.stem

    def rebuild(self) -> None:
        started = time.monotonic()
        built = False
        try:
            with cached(self.fragments):
                result = build_edition(self.root, self.out_dir, self.as_of(), ("html",),
                                       index=keep_last_index(self.site))
            problems: list[Problem] = []
            # Skipped: the site stands as stamped, its index too; except at the start, when
            # a serve stopped before its last index was done may have left the one before.
            built = not result.skipped or self.version == 0
        except StaatcError as exc:  # a mistake in the edition: the last good pages stay
            problems = exc.problems
        self._announce(problems, started)
        if built:  # after the reload signal: the page shows before the search index is new
            try:
                reindex(self.out_dir, self.site)
            except StaatcError as exc:
                self._announce(exc.problems, started)

    def _announce(self, problems: list[Problem], started: float) -> None:
        with self.changed:
            self.problems = [p for p in problems if p.severity == "error"] or problems
            self.seconds = time.monotonic() - started
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float = WAIT_SECONDS) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def decorate(self, page: str) -> str:
        """A served page: the reload script, and the banner while the last build failed."""
        script = f'<script src="/__staatc/reload.js" data-version="{self.version}"></script>'
        page = page.replace("</body>", script + "\n</body>", 1)
        if self.problems:
            page = page.replace("</header>", "</header>\n" + self.banner(), 1)
        return page

    def banner(self) -> str:
        text = html.escape(as_text(self.problems, self.cwd).rstrip("\n"))
        return ('<div class="staatc-banner" role="alert"><div class="wrap">'
                "<p><strong>De laatste wijziging is niet gebouwd.</strong> U ziet de vorige "
                "versie. Herstel eerst:</p>"
                f"<pre>{text}</pre></div></div>")

    def empty_page(self) -> str:
        return ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
                "<title>Nog geen site</title></head><body><header></header><main>"
                "<h1>Nog geen site</h1><p>De eerste build is niet gelukt.</p></main></body></html>")


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def log_message(self, *args) -> None:  # the terminal is for build messages
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the new build
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        url = urlsplit(self.path)
        if url.path == "/__staatc/reload.js":
            return self._send(RELOAD_JS, "text/javascript; charset=utf-8")
        if url.path == "/__staatc/wait":
            seen = parse_qs(url.query).get("v", ["-1"])[0]
            version = self.preview.wait(int(seen) if seen.lstrip("-").isdigit() else -1)
            return self._send(json.dumps({"version": version}).encode(), "application/json")
        page = self._html_file(unquote(url.path))
        if page is None:
            if not self.preview.site.is_dir():
                return self._send(self.preview.decorate(self.preview.empty_page()).encode(),
                                  "text/html; charset=utf-8")
            return super().do_GET()
        return self._send(self.preview.decorate(page.read_text(encoding="utf-8")).encode("utf-8"),
                          "text/html; charset=utf-8")

    def _html_file(self, path: str) -> Path | None:
        site = self.preview.site.resolve()
        target = (site / path.lstrip("/")).resolve()
        if not target.is_relative_to(site):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.suffix == ".html" and target.is_file() else None

    def _send(self, body: bytes, kind: str) -> None:
        try:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed while its long poll waited: nobody to answer, no traceback


def serve(preview: Preview, port: int, announce: Callable[[str], None],
          stop: threading.Event | None = None) -> None:
    """Build, serve on 127.0.0.1:`port` (0: any free port), rebuild on every change until
    `stop` is set or the process is interrupted."""
    import watchfiles

    stop = stop or threading.Event()
    handler = type("Handler", (_Handler,), {"preview": preview})
    # Bound before the first build, so a port in use fails at once, not after a build.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(preview.site)))
    server.daemon_threads = True
    preview.rebuild()
    announce(f"Serving {preview.root.name} on http://127.0.0.1:{server.server_address[1]}/ "
             "(Ctrl+C stops)")
    _report(preview, announce)

    def watch() -> None:
        for _changes in watchfiles.watch(preview.root, stop_event=stop, debounce=400, step=30,
                                         raise_interrupt=False):
            preview.rebuild()
            _report(preview, announce)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    threading.Thread(target=lambda: (stop.wait(), server.shutdown()), daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()


def _report(preview: Preview, announce: Callable[[str], None]) -> None:
    if preview.problems:
        announce(as_text(preview.problems, preview.cwd).rstrip("\n"))
        announce("The last good pages stay until this is fixed.")
    else:
        announce(f"Built in {preview.seconds:.2f} s")
