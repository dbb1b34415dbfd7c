"""The generated charts as SVG files for the web edition (staatc.assemble.chart: BarChart).

An <img> of an SVG, like any image of the site: the page's alt text states the figures (and
the table beside it holds them), the file's own <title> and role="img" say the same to a
reader who opens it alone. Its text is in the site's own font stack (templates/web/site.css),
and the bytes follow from the figures alone.
"""

from __future__ import annotations

import textwrap

from staatc.assemble.chart import BarChart
from staatc.render.ooxml import xml_escape as escape

FONT = "'Noto Sans', 'Segoe UI', Verdana, Arial, sans-serif"  # as site.css
# Narrow enough to be shown at about its own size on a phone (a 375 px screen has some 340 px
# for it): each label stands above its bars, so the text never shrinks to an unreadable size.
WIDTH = 400
SIZE = 14           # px, the labels
LABEL_CHARS = 44    # a longer label wraps
LINE = 18
X0 = 4              # the bars' baseline
NUMBER_ROOM = 36    # right of the longest bar, for its number


def chart_svg(chart: BarChart) -> bytes:
    many = len(chart.series) > 1
    bar = 12 if many else 16
    labels = [textwrap.wrap(c, LABEL_CHARS) or [""] for c in chart.categories]
    plot_w = WIDTH - X0 - NUMBER_ROOM
    top = 12 + 22 * _legend_rows(chart) if many else 6
    blocks, y = [], top
    for lines in labels:  # one category: its label's lines, then a bar per series, then a gap
        blocks.append(y)
        y += len(lines) * LINE + 2 + bar * len(chart.series) + 12
    bottom = y
    height = bottom + 24
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t" '
           f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
           f'font-family="{FONT}" font-size="{SIZE}">',
           f'<title id="t">{escape(chart.alt)}</title>',
           f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    if many:
        out.append(_legend(chart))
    for i, (lines, y) in enumerate(zip(labels, blocks)):
        spans = "".join(f'<tspan x="{X0}" y="{y + (k + 1) * LINE - 4:.1f}">{escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        out.append(f'<text fill="#1a1a1a">{spans}</text>')
        bars_top = y + len(lines) * LINE + 2
        for n, s in enumerate(chart.series):
            v = s.values[i]
            w = v / chart.top * plot_w
            by = bars_top + n * bar
            out.append(f'<rect x="{X0}" y="{by:.1f}" width="{w:.1f}" height="{bar - 1}" '
                       f'fill="{s.color}"/>')
            out.append(f'<text x="{X0 + w + 4:.1f}" y="{by + bar / 2:.1f}" dominant-baseline="middle" '
                       f'font-size="{12 if many else 13}" fill="#1a1a1a">{v}</text>')
    out.append(f'<text x="{X0 + plot_w / 2:.1f}" y="{bottom + 10}" text-anchor="middle" '
               f'fill="#1a1a1a">{escape(chart.axis_title)}</text>')
    out.append("</svg>\n")
    return "\n".join(out).encode("utf-8")


PER_ROW = (WIDTH - X0 - 60) // 70  # editions in one row of the legend


def _legend_rows(chart: BarChart) -> int:
    return -(-len(chart.series) // PER_ROW)


def _legend(chart: BarChart) -> str:
    parts = [f'<text x="{X0}" y="16" dominant-baseline="middle" fill="#1a1a1a">Editie:</text>']
    for n, s in enumerate(chart.series):
        x, y = X0 + 60 + 70 * (n % PER_ROW), 10 + 22 * (n // PER_ROW)
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{s.color}"/>')
        parts.append(f'<text x="{x + 16}" y="{y + 6}" dominant-baseline="middle" '
                     f'fill="#1a1a1a">{escape(s.name)}</text>')
    return "\n".join(parts)
