"""The ids `check` accepts for #anchors are the ids the assembled rapportage really has."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pypandoc
import pytest

from staatc.assemble.rapportage import assemble
from staatc.render.pandoc import READER
from staatc.validate.anchors import rapportage_ids
from staatc.validate.check import check_edition

EDITIONS = Path(__file__).resolve().parents[2] / "editions"


def _ids(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if node.get("t") in ("Header", "Div", "Span", "Table", "Figure", "Image", "CodeBlock"):
            attr = node["c"][1] if node["t"] == "Header" else node["c"][0]  # pandoc's JSON layout
            if attr[0]:
                found.add(attr[0])
        for value in node.values():
            _ids(value, found)
    elif isinstance(node, list):
        for value in node:
            _ids(value, found)
    return found


@pytest.mark.parametrize("root", ["minimal", "2024"])
def test_every_id_pandoc_makes_is_known(root: str, edition: Path) -> None:
    folder = edition if root == "minimal" else EDITIONS / root
    result = check_edition(folder, date(2024, 5, 1))
    markdown = assemble(result, charts=True).markdown
    ast = json.loads(pypandoc.convert_text(markdown, "json", format=READER, extra_args=["--sandbox"]))
    made = _ids(ast["blocks"], set())
    known = rapportage_ids(result.edition, with_series=len(result.series) > 1)
    assert made and made <= known, made - known


def test_door_de_jaren_heen_is_an_anchor_only_with_a_predecessor(edition: Path, run) -> None:
    import shutil

    chapter = edition / "chapters" / "01-inleiding.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nZie [het overzicht](#door-de-jaren-heen).\n",
                       encoding="utf-8")
    alone = run("check", "2024", "--as-of", "2024-05-01")
    assert alone.exit_code == 1 and "'#door-de-jaren-heen' points at no heading" in alone.stdout
    old = edition.parent / "2023"
    shutil.copytree(edition, old)
    config = old / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("edition: 2024", "edition: 2023"), encoding="utf-8")
    assert "door-de-jaren-heen" not in run("check", "2024", "--as-of", "2024-05-01").stdout
