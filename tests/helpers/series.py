"""Trend figures computed straight from the sample files with yaml, independent of staatc."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]) or {}


def standen(root: Path) -> dict[str, dict]:
    return {p.stem: front_matter(p) for p in sorted((root / "standen").glob("*.md"))}


def renames(root: Path) -> dict[str, str]:
    """old theme key → new key, as `was:` in this edition's edition.yaml says."""
    themes = yaml.safe_load((root / "edition.yaml").read_text(encoding="utf-8"))["themes"]
    return {v["was"]: k for k, v in themes.items() if isinstance(v, dict) and "was" in v}


def per_theme(editions: list[Path]) -> list[Counter]:
    """Knelpunten per theme per edition, under the newest edition's keys."""
    counts = []
    for i, root in enumerate(editions):
        c = Counter(k["thema"] for s in standen(root).values() for k in s.get("knelpunten", []))
        for later in editions[i + 1:]:
            c = Counter({renames(later).get(key, key): n for key, n in c.items()})
        counts.append(c)
    return counts
