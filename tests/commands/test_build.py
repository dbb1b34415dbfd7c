"""`staatc build` on the 2024 sample, checked the way a reader's tools open the files."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pypandoc
import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from helpers import REPO
from staatc.commands.build import build_edition
from staatc.errors import InvalidEdition
from staatc.load.edition import load_edition

AS_OF = date(2024, 9, 1)
NS_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of editions/2024, built once for the whole module."""
    base = tmp_path_factory.mktemp("build")
    root = base / "editions" / "2024"
    shutil.copytree(REPO / "editions" / "2024", root)
    out = base / "out"
    result = build_edition(root, out, AS_OF)
    edition, _ = load_edition(root)
    return root, out, result, edition


def test_writes_the_four_files(built) -> None:
    _, out, result, _ = built
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == ["kamerbrief-2024.docx", "kamerbrief-2024.pdf",
                     "staat-van-de-uitvoering-2024.docx", "staat-van-de-uitvoering-2024.pdf"]
    assert not result.skipped
    assert [p for p in result.problems if p.severity == "error"] == []


def chapter_headings(edition) -> list[str]:
    """Each chapter's heading: its number (1, 2, … in file order), an en space and its title;
    the first chapter of a part names it ("2 Deel 1: …")."""
    headings, previous = [], None
    for n, c in enumerate(sorted(edition.chapters, key=lambda c: c.number), start=1):
        starts = c.part is not None and c.part != previous
        headings.append(f"{n}\u2002" + (f"Deel {c.part}: {c.title}" if starts else c.title))
        previous = c.part
    return headings


def test_docx_headings_tables_and_properties(built) -> None:
    _, out, _, edition = built
    doc = open_docx(out / "staat-van-de-uitvoering-2024.docx")
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    chapters = chapter_headings(edition)
    assert h1[: len(chapters)] == chapters
    assert h1[len(chapters):] == ["Knelpunten per thema", "Onderzoeken", "Overzicht van de Standen",
                                   "Afkortingen", "Colofon"]
    standen = next(t for t in doc.tables if t.rows[0].cells[0].text == "Organisatie" and len(t.columns) == 5)
    assert len(standen.rows) == 1 + len(edition.standen)
    organisaties = [r.cells[0].text for r in standen.rows[1:]]
    assert organisaties == sorted(organisaties, key=str.casefold)
    assert {s.organisatie for s in edition.standen} == set(organisaties)
    body = doc.element.body.xml
    assert 'TOC \\o' in body and "Inhoudsopgave" in body and 'w:dirty="true"' not in body
    props = doc.core_properties
    assert props.title == "Staat van de Uitvoering 2024"
    assert props.author == "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
    assert props.language == "nl-NL"
    styles = doc.styles.element.xml
    assert re.search(r'<w:lang [^>]*w:val="nl-NL"', styles)


def test_docx_cross_references_are_internal_links(built) -> None:
    _, out, _, _ = built
    native = pypandoc.convert_file(str(out / "staat-van-de-uitvoering-2024.docx"), "native")
    assert '"#stand-uwv"' in native
    assert re.search(r'"#onderzoek-[a-z-]+"', native)
    for chapter in ("01-inleiding", "02-complexiteitsreductie", "07-tot-slot"):  # linked in the text
        assert f'"#hoofdstuk-{chapter}"' in native, chapter
    assert '"stand:uwv"' not in native
    # [](hoofdstuk:06-gegevensuitwisseling) reads as the number in front of that chapter.
    text = " ".join(pypandoc.convert_file(str(out / "staat-van-de-uitvoering-2024.docx"), "plain",
                                          extra_args=["--wrap=none"]).split())
    assert "Daarover gaat hoofdstuk 6." in text and "van hoofdstuk 2 tot en met hoofdstuk 6" in text


def test_pdf_is_accessible_and_complete(built) -> None:
    _, out, _, edition = built
    reader = PdfReader(out / "staat-van-de-uitvoering-2024.pdf")
    assert len(reader.pages) > 20
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp and re.search(r"pdfuaid:part[^0-9]*1", xmp)
    assert reader.metadata.title == "Staat van de Uitvoering 2024"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[: len(edition.chapters)] == chapter_headings(edition)
    # A Stand whose afkorting is its name is named once, in the bookmarks and in Word.
    top = [not isinstance(item, list) and item.title for item in reader.outline]
    standen = reader.outline[top.index("Overzicht van de Standen") + 1]  # its children follow it
    assert "Kadaster" in [item.title for item in standen]
    word = [p.text for p in open_docx(out / "staat-van-de-uitvoering-2024.docx").paragraphs]
    assert "Kadaster" in word and not [t for t in word + outline if "Kadaster (Kadaster)" in t]
    text = " ".join(page.extract_text() for page in reader.pages)
    squeezed = re.sub(r"[\s\-\u00ad]", "", text)  # line breaks and hyphenation differ per layout

    def squeeze(value: str) -> str:
        return re.sub(r"[\s\-\u00ad]", "", value)

    for chapter in edition.chapters:
        assert squeeze(chapter.title) in squeezed
    missing = [s.organisatie for s in edition.standen if squeeze(s.organisatie) not in squeezed]
    assert missing == []
    assert "9september2024" in squeezed


def test_no_op_rebuild_skips_and_a_change_rebuilds(built, tmp_path) -> None:
    root, out, _, _ = built
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    again = build_edition(root, out, AS_OF)
    assert again.skipped
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    next_day = build_edition(root, out, date(2024, 9, 2))
    assert next_day.skipped  # a new day rechecks the schedule but renders nothing
    stamp = json.loads((out / ".staatc-build.json").read_text())
    assert stamp["as_of"] == "2024-09-02"


@pytest.mark.slow  # two whole builds
def test_reproducible_bytes(built, tmp_path) -> None:
    root, out, _, _ = built
    second = tmp_path / "second"
    build_edition(root, second, AS_OF, force=True)
    for name in ("staat-van-de-uitvoering-2024.docx", "staat-van-de-uitvoering-2024.pdf",
                 "kamerbrief-2024.docx", "kamerbrief-2024.pdf"):
        assert (second / name).read_bytes() == (out / name).read_bytes(), name


def test_broken_draft_keeps_previous_outputs(built, tmp_path, monkeypatch, run) -> None:
    root, out, _, _ = built
    draft = tmp_path / "editions" / "2024"
    shutil.copytree(root, draft)
    target = tmp_path / "build" / "2024"
    shutil.copytree(out, target)
    before = {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()}
    uwv = draft / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text().replace("thema: complexiteit", "thema: complex", 1))
    monkeypatch.chdir(tmp_path)
    result = run("build", "2024", "--as-of", "2024-09-01")
    assert result.exit_code == 1
    assert "editions/2024/standen/uwv.md:" in result.stderr and "theme 'complex'" in result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in target.iterdir() if p.is_file()} == before


def test_invalid_edition_raises_with_all_problems(tmp_path) -> None:
    root = tmp_path / "2024"
    shutil.copytree(REPO / "tests" / "roots" / "minimal", root)
    (root / "chapters" / "02-complexiteitsreductie.md").write_text("geen front matter\n")
    with pytest.raises(InvalidEdition) as caught:
        build_edition(root, tmp_path / "out", AS_OF)
    assert [p.code for p in caught.value.problems if p.severity == "error"] == ["front-matter"]
    assert not (tmp_path / "out").exists()


def test_cli_build_format_and_out(tmp_path, monkeypatch, run) -> None:
    shutil.copytree(REPO / "tests" / "roots" / "minimal", tmp_path / "editions" / "2024")
    monkeypatch.chdir(tmp_path)
    result = run("build", "2024", "--format", "docx", "--out", "docs", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "docs").glob("*.docx")) == [
        "kamerbrief-2024.docx", "staat-van-de-uitvoering-2024.docx"]
    assert not list((tmp_path / "docs").glob("*.pdf"))
    bad = run("build", "2024", "--format", "odt")
    assert bad.exit_code == 2 and "use docx, pdf" in bad.output
