"""The bar chart of knelpunten per theme, drawn with matplotlib (imported only here).

The PNG must be byte-identical for the same figures: no timestamp or software
tag in its metadata, a fixed size and DPI, and the Agg backend.
"""

from __future__ import annotations

import io


def knelpunten_chart(counts: list[tuple[str, int]]) -> bytes:
    """A horizontal bar chart: one bar per (theme label, number of knelpunten)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    labels = [label for label, _ in counts][::-1]
    values = [n for _, n in counts][::-1]
    height = 0.45 * len(counts) + 1.2
    fig, ax = plt.subplots(figsize=(6.3, height), dpi=150)
    try:
        bars = ax.barh(labels, values, color="#154273")  # Rijksoverheid dark blue
        ax.bar_label(bars, padding=3, fontsize=9)
        ax.set_xlabel("Aantal knelpunten")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=9)
        ax.set_xlim(0, max(values + [1]) * 1.15)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
    return buf.getvalue()
