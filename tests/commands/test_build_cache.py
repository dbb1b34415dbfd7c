"""The render cache and the renders that start while the check runs (issue 16).

After editing one chapter only the rapportage is made again: the kamerbrief, whose document
did not change, comes from .staatc-cache/render/. A corrupt entry is made anew, `--force`
renders everything, and a build whose rules find an error stops its renders.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from helpers import REPO
from staatc.commands.build import build_edition
from staatc.errors import InvalidEdition

AS_OF = date(2024, 9, 1)
RAPPORTAGE = ("staat-van-de-uitvoering-2024.pdf", "staat-van-de-uitvoering-2024.docx")
KAMERBRIEF = ("kamerbrief-2024.pdf", "kamerbrief-2024.docx")
NEW_TEXT = "Een nieuwe alinea over wachttijden bij de uitvoering."


def build(root: Path, out: Path, **options) -> str:
    """Build; return the progress line that says what was rendered."""
    steps: list[str] = []
    build_edition(root, out, AS_OF, progress=steps.append, **options)
    return next(step for step in steps if step.startswith("Rendering"))


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in RAPPORTAGE + KAMERBRIEF}


def add_paragraph(root: Path, text: str = NEW_TEXT) -> None:
    chapter = root / "chapters" / "02-complexiteitsreductie.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    base = tmp_path_factory.mktemp("cache")
    root = base / "editions" / "2024"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    out = base / "out"
    message = build(root, out)
    return root, out, message, outputs(out)


def test_a_first_build_renders_everything(first) -> None:
    _, out, message, _ = first
    assert "unchanged" not in message
    assert all(name in message for name in RAPPORTAGE + KAMERBRIEF), message
    # One entry per output, and the rapportage's Typst body by section (render/typst_sections.py).
    assert len(list((out / ".staatc-cache" / "render").iterdir())) == 5
    assert (out / ".staatc-cache" / "check.json").is_file()  # kept once the outputs were written


def test_editing_a_chapter_renders_only_the_rapportage(first, tmp_path) -> None:
    root, out, _, before = first
    draft, target = tmp_path / "editions" / "2024", tmp_path / "out"
    shutil.copytree(root, draft)
    shutil.copytree(out, target)
    add_paragraph(draft)
    message = build(draft, target)
    assert message == ("Rendering " + ", ".join(RAPPORTAGE)
                       + " (unchanged: " + ", ".join(KAMERBRIEF) + ")")
    after = outputs(target)
    assert all(after[name] == before[name] for name in KAMERBRIEF)
    word = "\n".join(p.text for p in open_docx(target / RAPPORTAGE[1]).paragraphs)
    assert NEW_TEXT in word
    pdf = " ".join(" ".join(page.extract_text().split())
                   for page in PdfReader(target / RAPPORTAGE[0]).pages)
    assert NEW_TEXT in pdf
    assert len(list((target / ".staatc-cache" / "render").iterdir())) == 5  # old entries gone
    # The PDF made from the kept sections and the one edited section is the PDF of a build
    # that renders everything.
    build(draft, tmp_path / "forced", force=True)
    assert (target / RAPPORTAGE[0]).read_bytes() == (tmp_path / "forced" / RAPPORTAGE[0]).read_bytes()


def test_a_corrupt_entry_is_made_anew(first, tmp_path) -> None:
    root, out, _, before = first
    draft, target = tmp_path / "editions" / "2024", tmp_path / "out"
    shutil.copytree(root, draft)
    shutil.copytree(out, target)
    for entry in (target / ".staatc-cache" / "render").iterdir():
        data = bytearray(entry.read_bytes())
        data[len(data) // 2] ^= 0xFF  # one flipped byte, the digest in front unchanged
        entry.write_bytes(bytes(data))
    add_paragraph(draft)
    message = build(draft, target)
    assert "unchanged" not in message
    assert all(outputs(target)[name] == before[name] for name in KAMERBRIEF)


def test_force_renders_everything(first, tmp_path) -> None:
    root, out, _, before = first
    target = tmp_path / "out"
    shutil.copytree(out, target)
    message = build(root, target, force=True)
    assert "unchanged" not in message
    assert outputs(target) == before  # and the same bytes: the cache changed nothing


def _children() -> list[str]:
    """The command lines of this process's living children (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                found.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except (OSError, IndexError, ValueError):
            continue
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_an_error_of_the_rules_stops_the_renders(tmp_path) -> None:
    root = tmp_path / "editions" / "2024"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    # Loaded without error (the renders start), then found by a cross-file rule.
    add_paragraph(root, "Zie [de Stand van het CAK](stand:cak).")
    with pytest.raises(InvalidEdition) as caught:
        build_edition(root, tmp_path / "out", AS_OF)
    assert [p.code for p in caught.value.problems if p.severity == "error"] == ["broken-reference"]
    assert not (tmp_path / "out").exists()
    assert not [c for c in _children() if "pandoc" in c or "typst_worker" in c]


def test_a_build_of_the_web_edition_alone_keeps_the_documents_entries(first, tmp_path) -> None:
    root, out, _, _ = first
    target = tmp_path / "out"
    shutil.copytree(out, target)
    entries = sorted(p.name for p in (target / ".staatc-cache" / "render").iterdir())
    build_edition(root, target, AS_OF, formats=("html",), index=lambda folder: None)
    assert sorted(p.name for p in (target / ".staatc-cache" / "render").iterdir()) == entries
