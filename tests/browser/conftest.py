"""Browser tests: the built sample sites in headless Chromium, over http.server on 127.0.0.1.

They need Debian's `chromium` and `chromium-driver` and `selenium` (the test extra); without
them every test here is skipped with the reason. axe-core is vendored beside this file
(`axe.min.js`, MPL-2.0, licence files beside it), so no npm is needed in CI.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest

from helpers import REPO

HERE = Path(__file__).parent
AXE = HERE / "axe.min.js"
AS_OF = date(2024, 9, 1)


def _browser_missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "no chromium: apt-get install chromium chromium-driver"
    if not shutil.which("chromedriver"):
        return "no chromedriver: apt-get install chromium-driver"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _browser_missing()
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@functools.cache
def _built(year: str, base: Path) -> Path:
    from staatc.commands.build import build_edition

    root = base / "editions" / year
    # With the editions before it, as in the repository: the site has "Door de jaren heen".
    for folder in sorted((REPO / "editions").iterdir()):
        if folder.name <= year and not (base / "editions" / folder.name).exists():
            shutil.copytree(folder, base / "editions" / folder.name)
    out = base / "out" / year
    build_edition(root, out, AS_OF, ("html",))
    return out / "web"


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("sites")
    return lambda year: _built(year, base)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve_folder():
    """Serve a folder on 127.0.0.1 (a free port) for the session; returns its base URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(60)
    yield browser
    browser.quit()
