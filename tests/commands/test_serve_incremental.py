"""Serve's rebuild after a small edit: pandoc renders only the changed page, and the site is
byte for byte the one a fresh full build makes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from staatc.commands.build import build_edition
from staatc.commands.serve import Preview
from staatc.render.web.incremental import STATS

# Render-heavy (several whole builds of the web edition each): run in CI with the other slow tests.
pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[2] / "editions" / "2024"
DAY = date(2024, 6, 1)
CHAPTER = "chapters/03-betrek-de-uitvoering.md"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def sample(tmp_path) -> Path:
    return Path(shutil.copytree(SAMPLE, tmp_path / "editions" / "2024"))


def edited_build(sample: Path, tmp_path: Path, edit) -> tuple[dict, dict, Preview]:
    preview = Preview(sample, tmp_path / "serve", tmp_path, as_of=lambda: DAY)
    preview.rebuild()
    chapter = sample / CHAPTER
    chapter.write_text(edit(chapter.read_text(encoding="utf-8")), encoding="utf-8")
    before = dict(STATS)
    preview.rebuild()
    assert not preview.problems
    counted = {k: STATS[k] - before[k] for k in STATS}
    build_edition(sample, tmp_path / "full", DAY, ("html",), force=True)
    return tree(preview.site), tree(tmp_path / "full" / preview.site.name), counted


def first_paragraph(text: str) -> str:
    return next(p for p in text.split("\n\n") if p[:1].isalpha())


def test_a_paragraph_edit_renders_only_its_page_and_equals_a_full_build(sample, tmp_path):
    def edit(text: str) -> str:
        para = first_paragraph(text)
        return text.replace(para, para + " Een zin erbij.", 1)

    served, full, counted = edited_build(sample, tmp_path, edit)
    assert counted == {"full": 0, "pages": 2}  # the page before and after, each on its own
    assert served == full
    assert any(b"Een zin erbij." in data for data in served.values())


def test_an_added_note_is_a_full_run_and_equals_a_full_build(sample, tmp_path):
    def edit(text: str) -> str:
        para = first_paragraph(text)
        return text.replace(para, para + "^[Een nieuwe noot.]", 1)

    served, full, counted = edited_build(sample, tmp_path, edit)
    assert counted["full"] == 1
    assert served == full


def test_a_second_edit_of_the_page_renders_it_once_and_equals_a_full_build(sample, tmp_path):
    preview = Preview(sample, tmp_path / "serve", tmp_path, as_of=lambda: DAY)
    preview.rebuild()
    chapter = sample / CHAPTER
    text = chapter.read_text(encoding="utf-8")
    para = first_paragraph(text)
    chapter.write_text(text.replace(para, para + " Eerst dit.", 1), encoding="utf-8")
    preview.rebuild()
    before = dict(STATS)
    chapter.write_text(text.replace(para, para + " Dan dat.\n\nEen nieuwe alinea.", 1),
                       encoding="utf-8")
    preview.rebuild()
    assert {k: STATS[k] - before[k] for k in STATS} == {"full": 0, "pages": 1}
    build_edition(sample, tmp_path / "full", DAY, ("html",), force=True)
    assert tree(preview.site) == tree(tmp_path / "full" / preview.site.name)
