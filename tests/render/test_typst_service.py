"""The Typst workers a watch session keeps (render/typst_service.py): one per PDF for the whole
session, so an edit is laid out from Typst's memo; a PDF from a kept worker is the same file a
fresh worker makes, a worker that died is replaced, and none outlives the session."""

from __future__ import annotations

import io
import shutil
import tempfile
from datetime import date

import pytest
from pypdf import PdfReader

from helpers import REPO
from staatc.commands.build import build_edition
from staatc.render.typst_service import kept_typst

AS_OF = date(2024, 9, 1)
PDF = "staat-van-de-uitvoering-2024.pdf"


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _edit(root, text: str) -> None:
    chapter = root / "chapters" / "02-complexiteitsreductie.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.fixture
def edition(tmp_path):
    root = tmp_path / "editions" / "2024"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    return root


def test_a_kept_worker_stays_and_follows_edits(edition, tmp_path, monkeypatch) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    with kept_typst() as workers:
        build_edition(edition, tmp_path / "out", AS_OF, formats=("pdf",))
        worker = workers.get("rapportage-pdf")
        first = worker.proc.pid
        _edit(edition, "Een zin die er eerst niet stond.")
        build_edition(edition, tmp_path / "out", AS_OF, formats=("pdf",))
        assert worker.proc.pid == first  # the same process, with its compiler, all along
        root = worker.root
        roots = sorted(p.name.rsplit("-", 1)[0] for p in temp.glob("staatc-*-pdf-*"))
        assert roots == ["staatc-kamerbrief-pdf", "staatc-rapportage-pdf"]  # one each, kept
    assert "Een zin die er eerst niet stond." in _text(tmp_path / "out" / PDF)
    assert worker.proc is None and not root.exists()  # nothing outlives the session


def test_kept_and_fresh_workers_give_identical_bytes(edition, tmp_path) -> None:
    build_edition(edition, tmp_path / "fresh", AS_OF, formats=("pdf",))
    with kept_typst():
        _edit(edition, "Eerst dit.")
        build_edition(edition, tmp_path / "kept", AS_OF, formats=("pdf",))
        (edition / "chapters" / "02-complexiteitsreductie.md").write_text(
            (REPO / "tests" / "roots" / "minimal" / "chapters" / "02-complexiteitsreductie.md")
            .read_text(encoding="utf-8"), encoding="utf-8")
        build_edition(edition, tmp_path / "kept", AS_OF, formats=("pdf",))
    for name in (PDF, "kamerbrief-2024.pdf"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def test_a_worker_that_died_is_replaced(edition, tmp_path) -> None:
    with kept_typst() as workers:
        build_edition(edition, tmp_path / "out", AS_OF, formats=("pdf",))
        worker = workers.get("rapportage-pdf")
        worker.proc.kill()
        worker.proc.wait()
        _edit(edition, "Na de val.")
        build_edition(edition, tmp_path / "out", AS_OF, formats=("pdf",))
        assert worker.proc.poll() is None
    assert "Na de val." in _text(tmp_path / "out" / PDF)


def test_a_typst_error_through_a_kept_worker_is_the_same_message(tmp_path) -> None:
    from staatc.render.base import RenderError
    from staatc.render.rapportage_pdf import compile_typst
    from staatc.render.typst_service import typst_root

    title = "#set document(title: [T])\n"
    with kept_typst() as workers:
        with typst_root("proef") as (root, worker):
            with pytest.raises(RenderError, match="unknown variable: onbekend"):
                compile_typst(title + "#onbekend", root, {}, 0, worker=worker)
            pid = worker.proc.pid
        with typst_root("proef") as (root, worker):
            pdf = compile_typst(title + "Hallo", root, {}, 0, worker=worker)
            assert worker.proc.pid == pid  # an error in the document is no reason to restart
    assert "Hallo" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert worker.proc is None
