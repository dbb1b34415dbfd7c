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
WIDTH = 720
SIZE = 13           # px, the labels
CHAR = 0.58 * SIZE  # an average character's width: the label column fits the longest label
LABEL_CHARS = 42    # a longer label wraps (the column takes at most 45% of the width)
LINE = 16


def chart_svg(chart: BarChart) -> bytes:
    many = len(chart.series) > 1
    bar = 12 if many else 18
    labels = [textwrap.wrap(c, LABEL_CHARS) or [""] for c in chart.categories]
    # One category: its bars and a gap, or its label's lines if they need more room.
    band = max([10 + bar * len(chart.series)] + [len(lines) * LINE + 6 for lines in labels])
    label_w = min(max([len(line) for lines in labels for line in lines] + [4]) * CHAR + 8, WIDTH * 0.45)
    x0 = label_w + 8
    plot_w = WIDTH - x0 - 36                      # room for the longest bar's number
    top = 34 if many else 8
    height = top + band * len(chart.categories) + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t" '
           f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
           f'font-family="{FONT}" font-size="{SIZE}">',
           f'<title id="t">{escape(chart.alt)}</title>',
           f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    if many:
        out.append(_legend(chart))
    for i, lines in enumerate(labels):
        y = top + i * band
        first = y + band / 2 - (len(lines) - 1) * LINE / 2
        spans = "".join(f'<tspan x="{label_w:.1f}" y="{first + k * LINE:.1f}">{escape(line)}</tspan>'
                        for k, line in enumerate(lines))
        out.append(f'<text text-anchor="end" dominant-baseline="middle" fill="#1a1a1a">{spans}</text>')
        bars_top = y + (band - bar * len(chart.series)) / 2
        for n, s in enumerate(chart.series):
            v = s.values[i]
            w = v / chart.top * plot_w
            by = bars_top + n * bar
            out.append(f'<rect x="{x0:.1f}" y="{by:.1f}" width="{w:.1f}" height="{bar - 1}" '
                       f'fill="{s.color}"/>')
            out.append(f'<text x="{x0 + w + 4:.1f}" y="{by + bar / 2:.1f}" dominant-baseline="middle" '
                       f'font-size="{11 if many else 12}" fill="#1a1a1a">{v}</text>')
    bottom = top + band * len(chart.categories)
    out.append(f'<line x1="{x0:.1f}" y1="{top}" x2="{x0:.1f}" y2="{bottom}" stroke="#787878"/>')
    out.append(f'<text x="{x0 + plot_w / 2:.1f}" y="{bottom + 26}" text-anchor="middle" '
               f'fill="#1a1a1a">{escape(chart.axis_title)}</text>')
    out.append("</svg>\n")
    return "\n".join(out).encode("utf-8")


def _legend(chart: BarChart) -> str:
    parts = ['<text x="{x}" y="16" dominant-baseline="middle" fill="#1a1a1a">Editie:</text>']
    x = WIDTH / 2 - 40 * len(chart.series)
    parts[0] = parts[0].format(x=f"{x - 56:.1f}")
    for s in chart.series:
        parts.append(f'<rect x="{x:.1f}" y="10" width="12" height="12" fill="{s.color}"/>')
        parts.append(f'<text x="{x + 16:.1f}" y="16" dominant-baseline="middle" '
                     f'fill="#1a1a1a">{escape(s.name)}</text>')
        x += 80
    return "\n".join(parts)
