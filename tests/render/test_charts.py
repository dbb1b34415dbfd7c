"""The generated charts, read back the way a reader's tools read each format: a native chart in
Word, text and shapes drawn by Typst in the PDF, an SVG with its figures in the web edition."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from staatc.assemble.chart import knelpunten_chart, trend_chart
from staatc.render import Document, DocumentMeta, DocxRenderer, PdfRenderer
from staatc.render.web.chart_svg import chart_svg
from helpers.pdf import struct_elements

THEMES = [("Wet & regels <nieuw>", 10), ("Gegevensuitwisseling", 12), ("Krapte op de arbeidsmarkt", 17)]
ALT = "Staafdiagram van het aantal knelpunten per thema. Wet & regels <nieuw>: 10; " \
      "Gegevensuitwisseling: 12; Krapte op de arbeidsmarkt: 17."
TREND_ALT = "Staafdiagram per editie. Wet & regels <nieuw>: 2023 4, 2024 10."
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def chart_document() -> Document:
    markdown = (
        "# Knelpunten per thema {#knelpunten-per-thema}\n\nDe tabel en de grafiek tellen ze.\n\n"
        '![Aantal knelpunten per thema](generated/knelpunten-per-thema.svg){#fig-knelpunten alt="'
        + ALT.replace('"', '\\"') + '"}\n\n'
        '![Knelpunten per thema per editie](generated/trend.svg){#fig-trend alt="' + TREND_ALT + '"}\n\n'
        "Zie @fig-knelpunten.\n"
    )
    charts = {
        "generated/knelpunten-per-thema.svg": knelpunten_chart(THEMES, ALT),
        "generated/trend.svg": trend_chart([2023, 2024], [("Wet & regels <nieuw>", [4, 10]),
                                                          ("Gegevensuitwisseling", [8, 12])], TREND_ALT),
    }
    meta = DocumentMeta(title="Staat van de Uitvoering 2024", subtitle=None, publisher="BZK",
                        date=date(2024, 9, 9))
    return Document(meta=meta, markdown=markdown, charts=charts)


@pytest.fixture(scope="module")
def docx() -> bytes:
    return DocxRenderer().render(chart_document())


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return PdfRenderer().render(chart_document())


def test_word_has_native_charts_referenced_from_the_document(docx) -> None:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        names = zf.namelist()
        document = etree.fromstring(zf.read("word/document.xml"))
        rels = zf.read("word/_rels/document.xml.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
        charts = [etree.fromstring(zf.read(f"word/charts/chart{n}.xml")) for n in (1, 2)]
    assert not [n for n in names if n.startswith("word/media/")]  # no picture of a chart
    for n in (1, 2):
        assert (f'<Override PartName="/word/charts/chart{n}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.drawingml.chart+xml"/>') in types
    refs = [c.get(f"{R}id") for c in document.iter(f"{C}chart")]
    targets = dict(re.findall(r'Id="([^"]+)" Type="[^"]*/relationships/chart" Target="([^"]+)"', rels))
    assert [targets[r] for r in refs] == ["charts/chart1.xml", "charts/chart2.xml"]
    # The drawing keeps the alt text, the caption stays beneath it.
    assert [d.get("descr") for d in document.iter(f"{WP}docPr")] == [ALT, TREND_ALT]
    text = [p.text.replace("\xa0", " ") for p in open_docx(io.BytesIO(docx)).paragraphs]
    assert "Figuur 1: Aantal knelpunten per thema" in text
    assert "Figuur 2: Knelpunten per thema per editie" in text

    first, trend = charts
    assert first.find(f".//{C}barChart/{C}barDir").get("val") == "bar"
    cats = [v.text for v in first.iter(f"{C}cat") for v in v.iter(f"{C}v")]
    vals = [v.text for v in first.iter(f"{C}val") for v in v.iter(f"{C}v")]
    assert cats == [label for label, _ in THEMES] and vals == ["10", "12", "17"]
    series = trend.findall(f".//{C}ser")
    assert [s.find(f"{C}tx//{C}v").text for s in series] == ["2023", "2024"]
    assert [[v.text for v in s.find(f"{C}val").iter(f"{C}v")] for s in series] == [["4", "8"], ["10", "12"]]
    # In the reference document's font (Verdana), not the chart's default.
    assert {t.get("typeface") for t in first.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}latin")} == {"Verdana"}


def test_word_charts_are_reproducible(docx) -> None:
    assert DocxRenderer().render(chart_document()) == docx


def test_pdf_chart_is_text_and_shapes_with_alt_on_the_figure(pdf) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    for label, n in THEMES:
        assert f"{label} {n}" in text or (label in text and str(n) in text), label
    assert "Aantal knelpunten" in text and "Editie: 2023 2024" in text
    assert "Figuur 1: Aantal knelpunten per thema" in text and "Zie Figuur 1" in text
    for page in reader.pages:  # vector: no image anywhere
        xobjects = page["/Resources"].get("/XObject", {})
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    alts = [str(e.get("/Alt")) for e in struct_elements(reader) if e["/S"] == "/Figure"]
    assert alts == [ALT, TREND_ALT]


def test_svg_states_the_figures_as_text() -> None:
    svg = chart_svg(knelpunten_chart(THEMES, ALT)).decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t"')
    assert "<title id=\"t\">Staafdiagram van het aantal knelpunten per thema. Wet &amp; regels " \
           "&lt;nieuw&gt;: 10;" in svg
    labels = re.findall(r"<t(?:ext|span)[^>]*>([^<]+)</t", svg)
    assert ["Wet &amp; regels &lt;nieuw&gt;", "10", "Gegevensuitwisseling", "12"] == labels[:4]
    assert chart_svg(knelpunten_chart(THEMES, ALT)).decode() == svg


def test_svg_wraps_a_long_label_instead_of_cutting_it_off() -> None:
    long = "Een thema met een heel lange naam die niet op een regel past in de grafiek"
    svg = chart_svg(knelpunten_chart([(long, 3), ("Kort", 1)], "Alt.")).decode()
    lines = re.findall(r"<tspan[^>]*>([^<]+)</tspan>", svg)
    assert " ".join(lines[:-1]) == long and len(lines) > 2 and lines[-1] == "Kort"
    assert all(float(x) > 0 for x in re.findall(r'<tspan x="([\d.]+)"', svg))
