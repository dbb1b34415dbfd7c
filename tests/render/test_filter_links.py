"""The render filter is the second line of defence: a hostile link never reaches the output.

`check` refuses these (link-target, image-outside); here pandoc runs on the Markdown directly,
as if check had been bypassed, and the filter must keep the text and drop the link.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from staatc.render.pandoc import run_pandoc

HOSTILE = """# Kop {#kop}

Zie [de lijst][j], <file:///etc/passwd>, [klik](javascript:alert(1)),
[vbs](vbscript:x) en [data](data:text/html,x).

![Geheim](file:///etc/passwd) ![Abs](/etc/passwd) ![Terug](../../geheim.png)

Goed: [web](https://www.uwv.nl/), [mail](mailto:a@example.org), [bel](tel:+3112345),
[kop](#kop), [ref][s] en ![Grafiek](images/x.png).

[j]: file:///etc/passwd
[s]: stand:uwv

## UWV {#stand-uwv}
"""


def _walk(node, kind: str, found: list):
    if isinstance(node, dict):
        if node.get("t") == kind:
            found.append(node["c"])
        for value in node.values():
            _walk(value, kind, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, kind, found)
    return found


@pytest.fixture(scope="module")
def ast() -> dict:
    return json.loads(run_pandoc(HOSTILE, "json", [], epoch=0))


def test_only_safe_link_targets_are_left(ast) -> None:
    targets = [c[2][0] for c in _walk(ast["blocks"], "Link", [])]
    assert targets == ["https://www.uwv.nl/", "mailto:a@example.org", "tel:+3112345", "#kop",
                       "#stand-uwv"]


def test_only_relative_images_are_left(ast) -> None:
    assert [c[2][0] for c in _walk(ast["blocks"], "Image", [])] == ["images/x.png"]


def test_the_text_of_a_dropped_link_stays(ast) -> None:
    words = {c for c in _walk(ast["blocks"], "Str", [])}
    assert {"lijst", "klik", "vbs", "data", "Geheim", "Abs", "Terug"} <= words


def test_no_hostile_target_in_the_pdf_source() -> None:
    typst = run_pandoc(HOSTILE, "typst", [], epoch=0).decode()
    links = [line for line in typst.splitlines() if "link(" in line or "image(" in line]
    assert links and not [x for x in links if any(b in x for b in ("file:", "javascript:", "vbscript:", "data:", "/etc/"))]


def test_no_hostile_target_in_the_word_file() -> None:
    docx = run_pandoc(HOSTILE, "docx", [], epoch=0)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        rels = b"".join(z.read(n) for n in z.namelist() if n.endswith(".rels"))
    assert b"https://www.uwv.nl/" in rels
    for bad in (b"file:", b"javascript:", b"vbscript:", b"data:", b"etc/passwd"):
        assert bad not in rels, bad
