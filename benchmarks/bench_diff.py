"""How long `staatc diff 2023 2024 --format json` takes: the median of 5 runs.

Two timings: in-process (load and check both editions, compare, write JSON: what
the function costs) and a subprocess (what a user waits for, Python start-up
included). The editions are editions/2023 and editions/2024 under --root
(default: this repository), or, when those do not exist, two synthetic editions
of 30 Standen and 7 chapters of 600 words with realistic edits between them.

    python benchmarks/bench_diff.py [--root DIR] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WORDS = ("de het een uitvoering regels burger organisatie wet beleid gegevens ketens "
         "signalen knelpunt stapeling toeslag dienstverlening complex eenvoudig tijd "
         "departement uitvoerder politiek keuze dilemma verbetering informatie").split()
THEMES = {"complexiteit": "Complexiteit van wet- en regelgeving",
          "gegevensuitwisseling": "Gegevensuitwisseling",
          "arbeidsmarkt": "Arbeidsmarktkrapte"}


def _text(rng: random.Random, words: int) -> list[str]:
    paragraphs, left = [], words
    while left > 0:
        n = min(left, rng.randint(40, 90))
        sentence = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
        paragraphs.append(sentence)
        left -= n
    return paragraphs


def _write_edition(folder: Path, year: int, chapters: dict, standen: dict) -> None:
    (folder / "chapters").mkdir(parents=True)
    (folder / "standen").mkdir()
    themes = "".join(f"  {k}: {v}\n" for k, v in THEMES.items())
    (folder / "edition.yaml").write_text(
        f"edition: {year}\ntitle: Staat van de Uitvoering {year}\nstatus: concept\n"
        f"publisher: Ministerie van BZK\npeildatum: {year}-05-01\nthemes:\n{themes}"
        f"milestones:\n  - id: aanbieding\n    name: Aanbieding\n    date: {year}-09-09\n"
        "    gate: final\n", encoding="utf-8")
    (folder / "kamerbrief.md").write_text(
        "---\nons_kenmerk: X-1\nondertekenaar: De minister\nnaam: (naam)\n---\n"
        "Hierbij {{ standen | length }} Standen.\n", encoding="utf-8")
    for i, (slug, paragraphs) in enumerate(chapters.items(), 1):
        body = "\n\n".join(textwrap.fill(p, 72) for p in paragraphs)
        (folder / "chapters" / f"{i:02d}-{slug}.md").write_text(
            f"---\ntitle: {slug.capitalize()}\nstatus: concept\nowner: Team\n"
            f"deadline: {year}-06-01\n---\n{body}\n", encoding="utf-8")
    for slug, (knelpunten, paragraphs) in standen.items():
        items = "".join(f"  - thema: {t}\n    titel: {title}\n" for t, title in knelpunten)
        body = "\n\n".join(textwrap.fill(p, 80) for p in paragraphs)
        (folder / "standen" / f"{slug}.md").write_text(
            f"---\norganisatie: Organisatie {slug.upper()}\nafkorting: {slug.upper()}\n"
            f"departement: BZK\ngepubliceerd: {year}-03-01\nurl: https://example.org/{slug}\n"
            f"knelpunten:\n{items}---\n{body}\n", encoding="utf-8")


def synthetic(base: Path) -> Path:
    """editions/2023 and editions/2024 under base: edits, re-wraps, Standen in and out."""
    rng = random.Random(2024)
    names = ["inleiding", "complexiteit", "betrokkenheid", "toekomst", "sturing",
             "gegevens", "slot"]
    chapters = {n: _text(rng, 600) for n in names}
    standen = {f"org{i:02d}": ([(rng.choice(list(THEMES)), f"Knelpunt {i}-{k}") for k in range(3)],
                               _text(rng, 150)) for i in range(30)}
    _write_edition(base / "editions" / "2023", 2023, chapters, standen)

    new_chapters = {}
    for name, paragraphs in chapters.items():
        edited = []
        for p in paragraphs:
            words = p.split()
            for _ in range(rng.randint(0, 4)):  # a few words changed per paragraph
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            edited.append(" ".join(words))
        if rng.random() < 0.5:
            edited.insert(rng.randrange(len(edited)), _text(rng, 60)[0])
        new_chapters[name] = edited
    new_standen = dict(list(standen.items())[3:])  # three gone
    for i in range(30, 33):  # three new
        new_standen[f"org{i:02d}"] = ([("complexiteit", f"Knelpunt {i}-0")], _text(rng, 150))
    for slug in list(new_standen)[:10]:  # ten edited
        knelpunten, paragraphs = new_standen[slug]
        new_standen[slug] = (knelpunten[1:] + [("arbeidsmarkt", f"Nieuw {slug}")],
                             [paragraphs[0] + " Een nieuwe zin."] + paragraphs[1:])
    _write_edition(base / "editions" / "2024", 2024, new_chapters, new_standen)
    return base


def in_process(root: Path) -> float:
    from staatc.diff.to_json import render
    from staatc.diff.sources import compare

    start = time.perf_counter()
    render(compare("2023", "2024", root, date(2024, 9, 1)))
    return time.perf_counter() - start


def subprocess_run(root: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "staatc", "diff", "2023", "2024", "--format", "json"],
                          cwd=root, env=env, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"staatc diff failed:\n{done.stderr.decode()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO,
                        help="folder with editions/2023 and editions/2024")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.root
        editions = root / "editions"
        label = f"{editions}/2023 → 2024"
        if not ((editions / "2023" / "edition.yaml").is_file()
                and (editions / "2024" / "edition.yaml").is_file()):
            root = synthetic(Path(tmp))
            label = "synthetic: 30 Standen, 7 chapters of 600 words"
        os.chdir(root)
        in_process(root)  # warm up imports, so the timing is the work itself
        inner = statistics.median(in_process(root) for _ in range(args.runs))
        outer = statistics.median(subprocess_run(root) for _ in range(args.runs))
    print(f"staatc diff 2023 2024 --format json ({label})")
    print(f"  in-process median of {args.runs}: {inner * 1000:.0f} ms")
    print(f"  subprocess median of {args.runs}: {outer * 1000:.0f} ms")


if __name__ == "__main__":
    main()
