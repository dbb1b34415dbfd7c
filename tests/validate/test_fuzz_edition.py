"""Whole random editions: `check` never crashes, and every edition it accepts builds.

The strategies (tests/edition_strategies.py) draw complete editions, valid and broken in
small ways. `check` may report any problems, but only as the project's own problems, each
at a file of the edition and a line that exists; anything else (a traceback) is a bug. The
slow test builds editions that `check` accepts: a render must never discover a mistake
that `check` let through.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings

from helpers import examples
from helpers.files import write_file
from helpers.strategies import AS_OF, editions
from staatc.validate.check import check_edition
from staatc.errors import Problem, StaatcError


def write(files: dict[str, str | bytes], root: Path) -> None:
    for rel, content in files.items():
        write_file(root / rel, content)


def assert_well_formed(problems: list[Problem], root: Path) -> None:
    for p in problems:
        assert p.severity in ("error", "warning") and p.code and p.message, p
        assert Path(p.file).resolve().is_relative_to(root.resolve()), p
        if p.line is not None:
            assert p.line >= 1, p
            if Path(p.file).is_file():
                lines = Path(p.file).read_bytes().count(b"\n") + 1
                assert p.line <= lines, (p, lines)


def check(files: dict[str, str | bytes]) -> tuple[list[Problem], bool]:
    """(problems, failed) for the edition, written to a temporary folder."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "2024"
        write(files, root)
        try:
            result = check_edition(root, AS_OF)
        except StaatcError as exc:  # the project's own error type is fine
            assert_well_formed(exc.problems, root)
            return exc.problems, True
        assert_well_formed(result.problems, root)
        return result.problems, result.failed()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=examples(0.4))
@given(editions(broken=True))
def test_check_never_crashes_on_broken_editions(files) -> None:
    check(files)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=examples(0.4))
@given(editions())
def test_check_accepts_most_valid_editions(files) -> None:
    problems, failed = check(files)
    errors = [p for p in problems if p.severity == "error"]
    # The valid strategy may still draw something check rightly refuses (raw markup in random
    # text, characters the PDF cannot print); the codes it may refuse for are few and known.
    assert {p.code for p in errors} <= {"raw-block", "nesting-depth", "glyph-missing"}, errors


@pytest.mark.slow
@settings(max_examples=examples(0.05), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editions(printable=True))
def test_every_edition_check_accepts_builds(files) -> None:
    from docx import Document as open_docx
    from pypdf import PdfReader

    from staatc.commands.build import build_edition

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "2024"
        write(files, root)
        if check_edition(root, AS_OF).failed():
            reject()
        out = Path(tmp) / "out"
        result = build_edition(root, out, AS_OF)
        assert len(result.outputs) == 4
        for path in result.outputs:
            data = path.read_bytes()
            if path.suffix == ".pdf":
                assert PdfReader(io.BytesIO(data)).pages
            else:
                assert open_docx(io.BytesIO(data)).paragraphs
        shutil.rmtree(out)
