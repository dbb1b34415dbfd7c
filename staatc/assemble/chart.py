"""The bar chart of knelpunten per theme, drawn with matplotlib (imported only here).

The PNG must be byte-identical for the same figures: no timestamp or software
tag in its metadata, a fixed size and DPI, and the Agg backend.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys


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
        return _png(fig)
    finally:
        plt.close(fig)


def trend_chart(years: list[int], themes: list[tuple[str, list[int]]]) -> bytes:
    """Grouped horizontal bars: per theme one bar per edition, the newest darkest."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    # Rijksoverheid blues from light (oldest) to the dark blue of the edition itself.
    palette = ["#b3c7e6", "#8fb8de", "#5c8fcc", "#2f6eb5", "#154273"]
    colors = palette[-len(years):] if len(years) <= len(palette) else None
    n = max(len(years), 1)
    bar = 0.8 / n
    height = (0.14 * n + 0.18) * len(themes) + 1.1
    fig, ax = plt.subplots(figsize=(6.3, height), dpi=150)
    try:
        positions = list(range(len(themes)))[::-1]  # first theme on top, as in the table
        for i, year in enumerate(years):
            offset = (n - 1 - i) * bar - 0.4 + bar / 2
            values = [counts[i] for _, counts in themes]
            bars = ax.barh([p + offset for p in positions], values, height=bar * 0.95, label=str(year),
                           color=colors[i] if colors else None)
            ax.bar_label(bars, padding=2, fontsize=7)
        ax.set_yticks(positions, [label for label, _ in themes])
        ax.set_xlabel("Aantal knelpunten")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=9)
        top = max([n for _, counts in themes for n in counts] + [1])
        ax.set_xlim(0, top * 1.15)
        # Above the bars, where no bar can run into it.
        ax.legend(title="Editie", fontsize=8, title_fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  ncol=len(years), frameon=False)
        return _png(fig)
    finally:
        plt.close(fig)


def _png(fig) -> bytes:
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})  # no version: reproducible
    return buf.getvalue()


class ChartProcess:
    """Draw the chart in a process of its own, started before the edition is checked.

    Importing matplotlib takes about 0.4 s; in its own process that happens on the other
    core while this one checks the edition, instead of after it.
    """

    def __init__(self) -> None:
        self._proc = subprocess.Popen(
            # -P: not the current folder first on the path: in CI that is a checkout of someone's
            # pull request, which may hold a `staatc/` of its own (see SECURITY.md).
            [sys.executable, "-P", "-m", "staatc.assemble.chart"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )

    def draw_both(self, counts: list[tuple[str, int]], trend: dict | None) -> tuple[bytes, bytes | None]:
        """The knelpunten chart and, for an edition with a predecessor, the trend chart."""
        request = {"counts": counts, "trend": trend}
        out, err = self._proc.communicate(json.dumps(request).encode("utf-8"), timeout=120)
        if self._proc.returncode != 0:
            raise RuntimeError(f"drawing the charts failed: {err.decode('utf-8', 'replace')}")
        size = int.from_bytes(out[:8], "big")  # two PNGs on one pipe: the first one's length first
        return out[8:8 + size], (out[8 + size:] or None)

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


def _main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (the slow import, before the data arrives)

    request = json.loads(sys.stdin.buffer.read())
    first = knelpunten_chart([(label, int(n)) for label, n in request["counts"]])
    trend = request.get("trend")
    second = trend_chart([int(y) for y in trend["years"]],
                         [(label, [int(n) for n in counts]) for label, counts in trend["themes"]]) if trend else b""
    sys.stdout.buffer.write(len(first).to_bytes(8, "big") + first + second)


if __name__ == "__main__":
    _main()
