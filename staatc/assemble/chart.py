"""The charts as data: what each renderer draws in its own format, from the same figures.

One model for the bar chart of knelpunten per theme and the trend chart per theme across
editions. The Word renderer makes it a native Word chart (render/docx_chart.py), the PDF
renderer lets Typst draw it (templates/chart.typ), the web edition an SVG
(render/web/chart_svg.py). So every format shows the figures as text in the document's font,
and the bytes follow from the figures alone (reproducible builds).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# Rijksoverheid blues from light (oldest edition) to the dark blue of the edition itself.
PALETTE = ("#B3C7E6", "#8FB8DE", "#5C8FCC", "#2F6EB5", "#154273")
AXIS_TITLE = "Aantal knelpunten"


@dataclass(frozen=True)
class Series:
    name: str                  # "2024": the legend's entry (one series: no legend)
    values: tuple[int, ...]    # one per category
    color: str                 # "#154273"


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars: per category (theme) one bar per series (edition), first on top."""

    title: str                 # the figure's caption: "Aantal knelpunten per thema"
    alt: str                   # the figures in words, for screen readers
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis_title: str = AXIS_TITLE

    @property
    def top(self) -> int:
        """The longest bar's value (at least 1, so an empty chart still has a scale)."""
        return max([v for s in self.series for v in s.values] + [1])

    def to_json(self) -> str:
        """The chart as JSON, for Typst (`json(...)` in templates/chart.typ): data, not markup."""
        return json.dumps({"title": self.title, "axis": self.axis_title, "top": self.top,
                           "categories": list(self.categories),
                           "series": [{"name": s.name, "values": list(s.values), "color": s.color}
                                      for s in self.series]},
                          ensure_ascii=False, sort_keys=True)


def colors(n: int) -> tuple[str, ...]:
    """n colours, the last the darkest; beyond the palette the darkest repeats at the end."""
    if n <= len(PALETTE):
        return PALETTE[len(PALETTE) - n:]
    return PALETTE[:1] * (n - len(PALETTE)) + PALETTE


def knelpunten_chart(counts: list[tuple[str, int]], alt: str) -> BarChart:
    """One bar per (theme label, number of knelpunten)."""
    return BarChart("Aantal knelpunten per thema", alt, tuple(label for label, _ in counts),
                    (Series("Knelpunten", tuple(n for _, n in counts), PALETTE[-1]),))


def trend_chart(years: list[int], themes: list[tuple[str, list[int]]], alt: str) -> BarChart:
    """Per theme one bar per edition, the newest darkest."""
    shades = colors(len(years))
    series = tuple(Series(str(year), tuple(counts[i] for _, counts in themes), shades[i])
                   for i, year in enumerate(years))
    return BarChart("Knelpunten per thema per editie", alt, tuple(label for label, _ in themes), series)
