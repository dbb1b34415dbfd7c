"""Word's own charts: the placeholder pictures of the generated charts become native charts.

The filter (staatc.lua) gives each chart's placeholder picture the docPr title
`staatc-chart:<path>`; here that picture's graphic becomes a DrawingML chart
(`word/charts/chartN.xml`, a bar chart with its figures in the category and value caches),
with its relationship and content type, and the placeholder PNG goes. The drawing keeps
pandoc's docPr with the alt text, and the paragraph with the caption stays as it is. The text
is in the document's own font (the reference document's default). There is no embedded
workbook: Word and LibreOffice show the chart from its caches; editing the data in Word
asks for one.
"""

from __future__ import annotations

import re

from staatc.assemble.chart import BarChart
from staatc.render.ooxml import A4_TEXT_WIDTH, NSMAP, W, page_text_width
from staatc.render.ooxml import xml_escape as escape

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
MARK = "staatc-chart:"
EMU_PER_TWIP = 635
EMU_PER_CM = 360000


def native_charts(parts: dict[str, bytes], charts: dict[str, BarChart]) -> None:
    """Replace every marked placeholder in `parts` (a docx package, changed in place)."""
    from lxml import etree

    root = etree.fromstring(parts["word/document.xml"])
    width = _text_width(root)
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    font = document_font(parts.get("word/styles.xml", b""))
    for number, doc_pr in enumerate([d for d in root.iter(f"{WP}docPr")
                                     if d.get("title", "").startswith(MARK)], start=1):
        chart = charts.get(doc_pr.get("title")[len(MARK):])
        doc_pr.set("title", "")
        doc_pr.set("name", f"Grafiek {number}")
        if chart is None:
            continue
        inline = doc_pr.getparent()
        graphic = inline.find(f"{{{A_NS}}}graphic")
        blip = graphic.find(f".//{{{A_NS}}}blip")
        old = blip.get(f"{{{R_NS}}}embed") if blip is not None else None
        rid = f"rIdStaatcChart{number}"
        graphic.getparent().replace(graphic, etree.fromstring(
            f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{C_NS}">'
            f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{rid}"/></a:graphicData></a:graphic>'))
        extent = inline.find(f"{WP}extent")
        extent.set("cx", str(width))
        extent.set("cy", str(chart_height(chart)))
        name = f"charts/chart{number}.xml"
        parts[f"word/{name}"] = chart_xml(chart, font)
        if old is not None:  # the placeholder PNG and its relationship go
            rels, target = _drop_relationship(rels, old)
            parts.pop(f"word/{target}", None)
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{CHART_REL}" '
                                                f'Target="{name}"/></Relationships>')
        types = types.replace("</Types>", f'<Override PartName="/word/{name}" '
                                          f'ContentType="{CHART_TYPE}"/></Types>')
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    parts["[Content_Types].xml"] = types.encode("utf-8")


def _drop_relationship(rels: str, rid: str) -> tuple[str, str]:
    found = re.search(r'<Relationship\b[^>]*\bId="%s"[^>]*/>' % re.escape(rid), rels)
    if found is None:
        return rels, ""
    target = re.search(r'\bTarget="([^"]*)"', found[0])
    return rels.replace(found[0], ""), target[1] if target else ""


def _text_width(root) -> int:
    """The width between the margins (EMU), from the document's last section."""
    body = root.find("w:body", NSMAP)
    return (A4_TEXT_WIDTH if body is None else page_text_width(body)) * EMU_PER_TWIP


def chart_height(chart: BarChart) -> int:
    """Room for every bar and its number, the axis and (for several series) the legend."""
    n = len(chart.series)
    per_category = 0.3 + (0.42 if n == 1 else 0.3) * n  # several bars per theme: thinner ones
    cm = 1.8 + per_category * len(chart.categories) + (0.8 if len(chart.series) > 1 else 0)
    return round(cm * EMU_PER_CM)


def document_font(styles: bytes) -> str:
    """The default font of the reference document's text, as DrawingML names it."""
    found = re.search(rb"<w:docDefaults>.*?<w:rFonts\b([^>]*)>", styles, re.S)
    ascii_font = re.search(rb'\bw:ascii="([^"]+)"', found[1]) if found else None
    return ascii_font[1].decode("utf-8") if ascii_font else "+mn-lt"  # else the theme's font


def _text_props(font: str, size: int, bold: bool = False) -> str:
    typeface = escape(font)
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="{int(bold)}">'
            f'<a:solidFill><a:srgbClr val="000000"/></a:solidFill>'
            f'<a:latin typeface="{typeface}"/><a:cs typeface="{typeface}"/></a:defRPr></a:pPr>'
            f'<a:endParaRPr lang="nl-NL"/></a:p></c:txPr>')


def _column(n: int) -> str:
    return chr(ord("B") + n)  # one series per column after the categories in A: at most 24


def _series(chart: BarChart, n: int, font: str) -> str:
    s = chart.series[n]
    rows = len(chart.categories) + 1
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(chart.categories))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(s.values))
    col = _column(n)
    return (f'<c:ser><c:idx val="{n}"/><c:order val="{n}"/>'
            f'<c:tx><c:strRef><c:f>Blad1!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{escape(s.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{s.color.lstrip("#").upper()}"/></a:solidFill></c:spPr>'
            f'<c:invertIfNegative val="0"/>'
            f'<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_props(font, 700)}'
            f'<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            f'<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
            f'<c:cat><c:strRef><c:f>Blad1!$A$2:$A${rows}</c:f><c:strCache>'
            f'<c:ptCount val="{len(chart.categories)}"/>{cats}</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Blad1!${col}$2:${col}${rows}</c:f><c:numCache>'
            f'<c:formatCode>General</c:formatCode><c:ptCount val="{len(s.values)}"/>{vals}'
            f'</c:numCache></c:numRef></c:val></c:ser>')


def chart_xml(chart: BarChart, font: str) -> bytes:
    """The chart part: horizontal bars, the first category on top, the numbers on the bars."""
    many = len(chart.series) > 1
    line = '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="787878"/></a:solidFill></a:ln></c:spPr>'
    legend = (f'<c:legend><c:legendPos val="t"/><c:overlay val="0"/>{_text_props(font, 800)}</c:legend>'
              if many else "")
    axis_title = (f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800" b="0">'
                  f'<a:latin typeface="{escape(font)}"/></a:defRPr></a:pPr><a:r><a:rPr lang="nl-NL" '
                  f'sz="800" b="0"><a:latin typeface="{escape(font)}"/></a:rPr>'
                  f'<a:t>{escape(chart.axis_title)}</a:t></a:r></a:p></c:rich></c:tx>'
                  f'<c:overlay val="0"/></c:title>')
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        f'<c:date1904 val="0"/><c:lang val="nl-NL"/><c:roundedCorners val="0"/>'
        f'<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        + "".join(_series(chart, n, font) for n in range(len(chart.series))) +
        f'<c:gapWidth val="{60 if many else 50}"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>'
        # Categories from the top down, as in the table; the value axis then crosses at the
        # last category, so it stays at the bottom.
        f'<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        f'<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{line}{_text_props(font, 800)}<c:crossAx val="1002"/><c:crosses val="autoZero"/>'
        f'<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="b"/>{axis_title}<c:numFmt formatCode="0" sourceLinked="0"/>'
        f'<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{line}{_text_props(font, 800)}<c:crossAx val="1001"/><c:crosses val="max"/>'
        f'<c:crossBetween val="between"/></c:valAx>'
        f'<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>{legend}'
        f'<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f'<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{_text_props(font, 800)}'
        f'</c:chartSpace>'
    )
    return xml.encode("utf-8")
