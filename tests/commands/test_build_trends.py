"""Building 2024 with its predecessors: "Door de jaren heen" in Word and PDF, with the figures
this test counts itself from the files (front matter read with yaml, not with staatc)."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from helpers import REPO
from helpers.series import per_theme, standen
from staatc.commands.build import build_edition

# Render-heavy (builds three editions in Word and PDF): run in CI with the other slow tests.
pytestmark = pytest.mark.slow

YEARS = ["2022", "2023", "2024"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("series")
    for year in YEARS:
        shutil.copytree(REPO / "editions" / year, base / "editions" / year)
    out = base / "out"
    result = build_edition(base / "editions" / "2024", out, date(2024, 9, 1))
    assert not [p for p in result.problems if p.severity == "error"]
    return base / "editions", out


def expected_standen_rows(editions) -> list[list[str]]:
    rows, before = [], None
    for year in YEARS:
        now = set(standen(editions / year))
        if before is None:
            rows.append([year, str(len(now)), str(len(now)), "–", "–"])
        else:
            rows.append([year, str(len(now)), str(len(now - before)), str(len(now & before)),
                         str(len(before - now))])
        before = now
    return rows


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def find_table(doc, header: list[str]):
    return next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == header)


def test_word_has_the_part_with_independent_figures(built) -> None:
    editions, out = built
    doc = open_docx(out / "staat-van-de-uitvoering-2024.docx")
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1.index("Door de jaren heen") == h1.index("Knelpunten per thema") + 1
    h2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert {"Standen per editie", "Knelpunten per thema door de jaren heen", "Knelpunten die terugkomen",
            "De oproepen door de jaren heen"} <= set(h2)
    # Each oproep names the chapter that treats it by the number in front of that chapter.
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Complexiteitsreductie (oproep sinds 2022; in deze editie: hoofdstuk 2)" in text
    assert "2\u2002Deel 1: Complexiteitsreductie" in h1

    standen_table = find_table(doc, ["Editie", "Standen", "Nieuw", "Opnieuw", "Niet opnieuw"])
    assert table_rows(standen_table)[1:] == expected_standen_rows(editions)

    counts = per_theme([editions / y for y in YEARS])
    themes = find_table(doc, ["Thema", *YEARS])
    rows = table_rows(themes)[1:]
    assert rows[-1] == ["Totaal", *(str(sum(c.values())) for c in counts)]
    labels = {r[0]: r[1:] for r in rows[:-1]}
    import yaml

    config = yaml.safe_load((editions / "2024" / "edition.yaml").read_text(encoding="utf-8"))
    for key, label in config["themes"].items():
        assert labels[label] == [str(c.get(key, 0)) for c in counts], label


def test_a_knelpunt_with_the_same_id_every_year_returns_since_2022(built) -> None:
    editions, out = built
    ids = [{k.get("id") for s in standen(editions / y).values() for k in s.get("knelpunten", [])} for y in YEARS]
    always = sorted(set.intersection(*ids) - {None})
    assert "uwv-verzekeringsartsen" in always and "cak-gegevens-ketenpartners" in always
    doc = open_docx(out / "staat-van-de-uitvoering-2024.docx")
    returning = table_rows(find_table(doc, ["Organisatie", "Thema", "Knelpunt", "Sinds"]))[1:]
    uwv = standen(editions / "2024")["uwv"]
    title = next(k["titel"] for k in uwv["knelpunten"] if k.get("id") == "uwv-verzekeringsartsen")
    assert ["UWV", "Krapte op de arbeidsmarkt", title, "sinds 2022"] in returning
    # The CAK's knelpunt changed theme (ketens → gegevensuitwisseling); its id keeps it the same.
    cak = next(r for r in returning if r[0] == "CAK" and r[1] == "Gegevensuitwisseling tussen organisaties")
    assert cak[3] == "sinds 2022"


def test_pdf_has_the_part_and_the_figures(built) -> None:
    editions, out = built
    reader = PdfReader(out / "staat-van-de-uitvoering-2024.pdf")
    pages = [p.extract_text() for p in reader.pages]
    start = next(i for i, t in enumerate(pages) if "Door de jaren heen\nDeze editie" in t)
    text = re.sub(r"\s+", " ", " ".join(pages[start:start + 6]))
    for row in expected_standen_rows(editions):
        assert " ".join(row) in text, row
    assert "Standen per editie" in text and "Knelpunten per thema per editie" in text
    assert "sinds 2022" in text
    counts = per_theme([editions / y for y in YEARS])
    assert "Totaal " + " ".join(str(sum(c.values())) for c in counts) in text
    titles = [b.title for b in reader.outline if not isinstance(b, list)]
    assert "Door de jaren heen" in titles


def test_without_a_predecessor_there_is_no_such_part(tmp_path) -> None:
    shutil.copytree(REPO / "editions" / "2024", tmp_path / "editions" / "2024")
    build_edition(tmp_path / "editions" / "2024", tmp_path / "out", date(2024, 9, 1), ("docx",))
    doc = open_docx(tmp_path / "out" / "staat-van-de-uitvoering-2024.docx")
    assert "Door de jaren heen" not in [p.text for p in doc.paragraphs]


def test_an_edited_predecessor_is_a_reason_to_rebuild(tmp_path) -> None:
    for year in ("2023", "2024"):
        shutil.copytree(REPO / "editions" / year, tmp_path / "editions" / year)
    root, out = tmp_path / "editions" / "2024", tmp_path / "out"
    build_edition(root, out, date(2024, 9, 1), ("docx",))
    assert build_edition(root, out, date(2024, 9, 1), ("docx",)).skipped
    uwv = tmp_path / "editions" / "2023" / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text(encoding="utf-8").replace("  - thema: complexiteit\n", "  - thema: europa\n"),
                   encoding="utf-8")
    assert not build_edition(root, out, date(2024, 9, 1), ("docx",)).skipped


def test_the_web_edition_has_the_part_as_a_page(tmp_path) -> None:
    for year in YEARS:
        shutil.copytree(REPO / "editions" / year, tmp_path / "editions" / year)
    build_edition(tmp_path / "editions" / "2024", tmp_path / "out", date(2024, 9, 1), ("html",))
    page = (tmp_path / "out" / "web" / "themas" / "door-de-jaren-heen.html").read_text(encoding="utf-8")
    assert '<h1 id="door-de-jaren-heen">Door de jaren heen</h1>' in page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page)
    for row in expected_standen_rows(tmp_path / "editions"):
        assert any(cells[i:i + 5] == row for i in range(len(cells))), row
    assert 'href="../standen/uwv.html"' in page and "../generated/knelpunten-door-de-jaren.svg" in page
    chart = (tmp_path / "out" / "web" / "generated" / "knelpunten-door-de-jaren.svg").read_text(encoding="utf-8")
    assert all(f">{y}</text>" in chart for y in YEARS)  # the legend: one entry per edition


def test_both_documents_draw_the_trend_chart_from_the_figures(built) -> None:
    """Word: a native chart with one series per edition; PDF: text and shapes, no image."""
    import zipfile

    from lxml import etree

    editions, out = built
    with zipfile.ZipFile(out / "staat-van-de-uitvoering-2024.docx") as zf:
        chart = etree.fromstring(zf.read("word/charts/chart2.xml"))
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    series = chart.findall(f".//{c}ser")
    assert [s.find(f"{c}tx//{c}v").text for s in series] == YEARS
    counts = per_theme([editions / y for y in YEARS])
    totals = [sum(int(v.text) for v in s.find(f"{c}val").iter(f"{c}v")) for s in series]
    assert totals == [sum(c.values()) for c in counts]
    reader = PdfReader(out / "staat-van-de-uitvoering-2024.pdf")
    page = next(p for p in reader.pages if re.search(r"Figuur\s2:", p.extract_text()))
    assert "Editie: 2022 2023 2024" in re.sub(r"\s+", " ", page.extract_text())
    assert not [x for p in reader.pages for x in p["/Resources"].get("/XObject", {}).values()
                if x.get_object().get("/Subtype") == "/Image"]
