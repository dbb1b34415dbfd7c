"""`staatc serve`: a preview on 127.0.0.1 that rebuilds on save, with a banner for mistakes."""

from __future__ import annotations

import re
import socket
import struct
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from helpers.preview import LIMIT, running_preview


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=LIMIT) as response:
        return response.read().decode("utf-8")


@pytest.fixture
def preview(edition: Path):
    with running_preview(edition) as running:
        yield running


def test_serve_rebuilds_on_save_and_shows_a_mistake_as_a_banner(preview, edition) -> None:
    state, url, lines = preview
    assert url.startswith("http://127.0.0.1:")
    page = get(url + "standen/uwv.html")
    assert "regels op elkaar stapelen" in page
    assert '<script src="/__staatc/reload.js" data-version="1"></script>' in page
    assert "staatc-banner" not in page
    assert "fetch(" in get(url + "__staatc/reload.js")

    stand = edition / "standen" / "uwv.md"
    text = stand.read_text(encoding="utf-8")
    started = time.monotonic()
    stand.write_text(text.replace("regels op elkaar stapelen", "regels zich opstapelen"), encoding="utf-8")
    assert get(url + "__staatc/wait?v=1") == '{"version": 2}'  # the open page's long poll answers
    assert time.monotonic() - started < LIMIT
    page = get(url + "standen/uwv.html")
    assert "regels zich opstapelen" in page and 'data-version="2"' in page

    stand.write_text(text.replace("thema: complexiteit", "thema: complexiteitt"), encoding="utf-8")
    assert get(url + "__staatc/wait?v=2") == '{"version": 3}'
    page = get(url + "standen/uwv.html")
    assert "regels zich opstapelen" in page  # the last good page stays
    banner = page.split('class="staatc-banner"')[1].split("</pre>")[0]
    assert re.search(r"editions/2024/standen/uwv\.md:\d+: error: theme &#x27;complexiteitt&#x27;", banner)
    assert any("uwv.md" in line and "error" in line for line in lines)


def test_serve_serves_only_the_site(preview) -> None:
    _, url, _ = preview
    with pytest.raises(urllib.error.HTTPError):
        get(url + "../editions/2024/edition.yaml")
    assert "<h1" in get(url)


def test_cli_says_so_when_the_port_is_taken(edition, run) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("serve", "2024", "--port", str(taken.getsockname()[1]))
    assert result.exit_code == 1
    assert "cannot serve on 127.0.0.1:" in result.output and "choose another --port" in result.output
    assert not (edition.parent.parent / "build").exists()  # failed before building anything


def test_a_page_closed_while_it_waits_gives_no_traceback(preview, edition, capfd) -> None:
    _, url, _ = preview
    host, port = url.split("//")[1].rstrip("/").split(":")
    waiting = socket.create_connection((host, int(port)), timeout=LIMIT)
    waiting.sendall(b"GET /__staatc/wait?v=1 HTTP/1.1\r\nHost: x\r\n\r\n")
    time.sleep(0.2)
    waiting.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # a reset
    waiting.close()
    stand = edition / "standen" / "uwv.md"
    stand.write_text(stand.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    assert get(url + "__staatc/wait?v=1") == '{"version": 2}'  # answered after the closed one
    time.sleep(0.2)
    assert "Traceback" not in capfd.readouterr().err
