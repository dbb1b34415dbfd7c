"""Oversized editions for the resource tests: each one a copy of tests/roots/minimal made huge in one way."""

from __future__ import annotations

from pathlib import Path

CHAPTER = "---\ntitle: {title}\nstatus: concept\nowner: Team Staat\ndeadline: 2024-07-01\n---\n"
PARAGRAPH = (
    "Uitvoeringsorganisaties zien dat regels op elkaar stapelen. Burgers merken dat aan "
    "lange wachttijden en aan brieven die zij niet begrijpen. Het kabinet wil dat "
    "veranderen, maar de uitvoering wordt vaak pas laat betrokken bij nieuwe wetten. "
)


def big_chapter(root: Path, megabytes: float = 5) -> None:
    """One chapter of ordinary prose, `megabytes` long, with a heading every 100 paragraphs."""
    paragraph = PARAGRAPH * 3 + "\n\n"
    count = int(megabytes * 1024 * 1024 / len(paragraph))
    parts = [CHAPTER.format(title="Een heel lang hoofdstuk")]
    for i in range(count):
        if i % 100 == 0:
            parts.append(f"## Paragraaf {i // 100 + 1}\n\n")
        parts.append(paragraph)
    (root / "chapters" / "03-lang.md").write_text("".join(parts), encoding="utf-8")


def many_standen(root: Path, count: int = 2000) -> None:
    """`count` Standen, each with a knelpunt and a line of text."""
    folder = root / "standen"
    for i in range(count):
        (folder / f"org-{i:04d}.md").write_text(
            "---\n"
            f"organisatie: Uitvoeringsorganisatie nummer {i}\n"
            f"afkorting: UO{i}\n"
            "departement: BZK\n"
            "gepubliceerd: 2024-03-01\n"
            f"url: https://example.org/{i}\n"
            "knelpunten:\n"
            "  - thema: complexiteit\n"
            f"    titel: Knelpunt {i} over regels die op elkaar stapelen\n"
            "---\n"
            f"Organisatie {i} ziet dat regels op elkaar stapelen.\n",
            encoding="utf-8",
        )


def big_table(root: Path, rows: int = 10_000) -> None:
    """A chapter with one pipe table of `rows` rows."""
    lines = [CHAPTER.format(title="Een grote tabel"), "De tabel telt alle meldingen.\n",
             "| Nummer | Organisatie | Meldingen |", "|-------:|:------------|----------:|"]
    lines += [f"| {i} | Organisatie {i % 97} | {i * 7 % 1000} |" for i in range(rows)]
    lines += ["", ": Alle meldingen {#tbl-meldingen}", ""]
    (root / "chapters" / "03-tabel.md").write_text("\n".join(lines), encoding="utf-8")


def deep_nesting(root: Path, depth: int = 500) -> None:
    """Lists and block quotes nested `depth` levels deep."""
    lists = "\n".join("  " * i + f"- niveau {i}" for i in range(depth))
    quotes = "> " * depth + "diep geciteerd"
    (root / "chapters" / "03-diep.md").write_text(
        CHAPTER.format(title="Diep genest") + "Een lijst.\n\n" + lists + "\n\nEen citaat.\n\n"
        + quotes + "\n",
        encoding="utf-8",
    )


BIG = {
    "chapter-5mb": big_chapter,
    "standen-2000": many_standen,
    "table-10000": big_table,
    "nesting-500": deep_nesting,
}
