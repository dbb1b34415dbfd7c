"""docs/format.md is the format reference editors read: it must name what the code accepts.

Cheap where it can be exact: every field of the models in staatc/model.py, every problem code
an edition can cause, every limit with the value the code uses. And the README must link to it
and its Quick start must be the commands CI runs.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import REPO
from staatc import model
from staatc.codes import CODES

FORMAT = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")
MODELS = (model.EditionConfig, model.Milestone, model.Oproep, model.Readability, model.ChapterMeta,
          model.StandMeta, model.Knelpunt, model.OnderzoekMeta, model.KamerbriefMeta)
COMMAND_CODES = {"invalid-edition", "output", "git-revision"}  # a command's, not the format's


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_every_field_is_described(cls) -> None:
    fields = [name for name, info in cls.model_fields.items() if not info.exclude]
    assert [f for f in fields if f"`{f}`" not in FORMAT] == []


def test_every_code_an_edition_can_cause_is_named() -> None:
    assert [c for c in CODES if c not in COMMAND_CODES and f"`{c}`" not in FORMAT] == []


def _mb(n: int) -> str:
    return f"**{n // 2**20} MB**"


def test_every_limit_is_given_with_the_value_the_code_uses() -> None:
    from staatc.load import house_style
    from staatc.load.edition import MAX_SOURCE_BYTES
    from staatc.render import limits as render
    from staatc.templating import limits as template
    from staatc.validate import glyphs, images, nesting
    from staatc.validate.editorial import readability, spelling

    stated = {
        "source file": _mb(MAX_SOURCE_BYTES),
        "image bytes": _mb(images.MAX_IMAGE_BYTES),
        "image pixels": f"**{images.MAX_PIXELS:,} pixels**",
        "nesting": f"at most **{nesting.MAX_DEPTH}** levels",
        "template size": f"**{template.MAX_SIZE:,}** characters",
        "template bits": f"**{template.MAX_BITS:,}** bits",
        "template exponent": f"powers up to\n  **{template.MAX_EXPONENT}**",
        "template expressions": f"at most **{template.MAX_EXPRESSIONS:,}** expressions",
        "template time": f"**{template.TIME_LIMIT:g} seconds**",
        "template memory": _mb(template.MEMORY_LIMIT),
        "render time": f"**{render.TIME_LIMIT:g} seconds**",
        "render memory": f"**{render.DEFAULT_MEMORY_LIMIT_MB} MB**",
        "reference.docx": _mb(house_style.MAX_DOCX_BYTES),
        "reference.docx unpacked": _mb(house_style.MAX_DOCX_UNPACKED),
        "fonts": _mb(house_style.MAX_FONT_BYTES),
        "readability minimum": f"| `minimum` | {model.Readability().minimum:g} |",
        "sentence words": f"| `sentence_words` | {model.Readability().sentence_words} |",
        "chapter words": f"chapters under {readability.MIN_CHAPTER_WORDS} words",
        "paragraph words": f"up to {readability.HARDEST_SHOWN} of its hardest paragraphs of "
                           f"{readability.MIN_PARAGRAPH_WORDS} words",
        "glyphs": f"at\n  most {glyphs.MAX_REPORTED} are named",
        "spelling": f"At most {spelling.MAX_SHOWN} words",
    }
    flat = " ".join(FORMAT.split())
    assert [k for k, v in stated.items() if " ".join(v.split()) not in flat] == []


def test_the_readme_links_the_reference_in_the_repository() -> None:
    assert "(docs/format.md)" in README
    assert "shared/edition-format.md" not in README


def test_the_quick_start_makes_a_virtual_environment_and_ci_runs_its_test_line() -> None:
    build, test = (subprocess.run([sys.executable, str(REPO / "tools" / "readme_commands.py"), which],
                                  capture_output=True, text=True, check=True).stdout.strip()
                   for which in ("build", "test"))
    # PEP 668: no pip install into the system's Python; the venv is made in the same line.
    assert re.match(r"python3 -m venv (\S+) && \. \1/bin/activate && pip install \. && staatc build 2024$", build)
    assert test.startswith(". .venv/bin/activate && ") and test.endswith("python -m pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "$(python3 tools/readme_commands.py test)" in ci and "python3 -m venv .venv\n" in ci
