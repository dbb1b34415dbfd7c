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
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
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

    def draw(self, counts: list[tuple[str, int]]) -> bytes:
        out, err = self._proc.communicate(json.dumps(counts).encode("utf-8"), timeout=120)
        if self._proc.returncode != 0:
            raise RuntimeError(f"drawing the chart failed: {err.decode('utf-8', 'replace')}")
        return out

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


def _main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  (the slow import, before the data arrives)

    counts = [(label, int(n)) for label, n in json.loads(sys.stdin.buffer.read())]
    sys.stdout.buffer.write(knelpunten_chart(counts))


if __name__ == "__main__":
    _main()
