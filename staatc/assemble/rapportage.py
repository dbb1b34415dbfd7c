"""Assemble: a checked edition → one pandoc-Markdown document.

Chapters come in NN order with their expressions already rendered; cross
references become internal links; the parts editors used to make by hand are
generated from the data: the knelpunten per theme (table and chart), the
onderzoeken per theme, and the overview of all Standen with their summaries.
Every value taken from front matter is escaped, so a title can never turn into
Markdown (or, further down, Typst or Word) markup.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from staatc.validate.check import CheckResult
from staatc.markdown.links import KINDS, find_links
from staatc.markdown.headings import headings
from staatc.markdown.tree import code_lines
from staatc.model import Edition, _Document
from staatc.assemble.chart import BarChart, knelpunten_chart
from staatc.assemble.document import Document, DocumentMeta
from staatc.assemble.labels import fill_empty_references, oproep_chapters, reference_labels
from staatc.dutch import dutch_date

CHART_PATH = "generated/knelpunten-per-thema.svg"  # a file in the web edition; a key elsewhere

_PUNCT = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$@~^&\"':;=%])")
_REF = re.compile(r"\]\(\s*(" + "|".join(KINDS) + r"):([a-z0-9][a-z0-9-]*)\s*\)")
_FOOTNOTE = re.compile(r"\[\^([^\[\]\s]+)\]")  # bounded by the next bracket: linear
_ATX = re.compile(r"^(#{1,6})(\s)")


def escape(text: str) -> str:
    """Backslash-escape Markdown punctuation so data shows as the literal text it is."""
    return _PUNCT.sub(r"\\\1", text).replace("\n", " ")


def attr_value(text: str) -> str:
    """Text as a quoted Markdown attribute value."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def anchor(kind: str, slug: str) -> str:
    """The id a cross reference `kind:slug` points at; one place so links and headings agree."""
    return f"{kind}-{slug}"


def prepare_body(text: str, prefix: str, top_level: int,
                 labels: dict[tuple[str, str], str] | None = None) -> str:
    """Make one source's text fit inside the whole document.

    - headings move so the text's highest heading sits at `top_level` (editors may start a
      chapter's sections at `#` or at `##`; either way they land below the chapter title);
    - footnote labels get a per-file prefix (pandoc's labels are document-wide);
    - `stand:`/`onderzoek:`/`hoofdstuk:` links become links to their anchors; one without
      text gets its label from `labels` ("hoofdstuk 2", see labels.py).
    """
    lines = text.split("\n")
    code = code_lines(text)
    # ATX headings as the tree reads them (not a '#' line inside code or a paragraph).
    atx = {h.line - 1: h.level for h in headings(text) if lines[h.line - 1].startswith("#")}
    shift = top_level - min(atx.values()) if atx else 0
    out = []
    for i, line in enumerate(lines):
        if i not in code:
            if shift and i in atx:
                line = _ATX.sub(lambda m: "#" * max(1, min(6, len(m[1]) + shift)) + m[2], line)
            line = _FOOTNOTE.sub(lambda m: f"[^{prefix}-{m[1]}]", line)
            if labels:
                line = fill_empty_references(line, lines[i - 1] if i else None, labels, escape)
            line = _REF.sub(lambda m: f"](#{anchor(m[1], m[2])})", line)
        out.append(line)
    return "\n".join(out).strip("\n")


def source_body(result: CheckResult, doc: _Document, prefix: str, top_level: int) -> str:
    """A source's text as rendered, fitted into the whole document (`prepare_body`)."""
    return prepare_body(result.texts.get(doc.source.path, doc.body), prefix, top_level,
                        reference_labels(result.edition))


def chapter_section(result: CheckResult, chapter) -> str:
    # The renderers put the number and, on the first chapter of a part, "Deel N" in front of
    # the title (staatc.lua; the attributes are described in assemble/document.py).
    nummer = result.edition.chapter_numbers()[chapter.slug]
    deel = f' deel="{chapter.part}"' if chapter.part else ""
    # `naam`: what a link to the heading is called for a screen reader ("Hoofdstuk 2, pagina 7").
    heading = (f"# {escape(chapter.title)} "
               f"{{#{anchor('hoofdstuk', chapter.slug)} nummer=\"{nummer}\"{deel}"
               f" naam=\"Hoofdstuk {nummer}\"}}")
    return heading + "\n\n" + source_body(result, chapter, f"h{chapter.number:02d}", 2)


def theme_counts(ed: Edition) -> list[tuple[str, str, int]]:
    """(key, label, knelpunten) for every theme, in the order of edition.yaml."""
    counts = Counter(k.thema for s in ed.standen for k in s.knelpunten)
    return [(key, label, counts.get(key, 0)) for key, label in ed.config.themes.items()]


def chart_alt_text(counts: list[tuple[str, str, int]]) -> str:
    figures = "; ".join(f"{label}: {n}" for _, label, n in counts)
    return f"Staafdiagram van het aantal knelpunten per thema. {figures}."


def knelpunten_section(ed: Edition, with_chart: bool) -> str:
    counts = theme_counts(ed)
    total = sum(n for *_, n in counts)
    rows = "\n".join(f"| {escape(label)} | {n} |" for _, label, n in counts)
    parts = [
        "# Knelpunten per thema {#knelpunten-per-thema}",
        "",
        f"De {len(ed.standen)} Standen van de Uitvoering noemen samen {total} knelpunten. "
        "De tabel telt ze per thema.",
        "",
        "| Thema | Knelpunten |",
        "|:------|-----------:|",
        rows,
        f"| **Totaal** | **{total}** |",
        "",
        ": Aantal knelpunten per thema {#tbl-knelpunten-per-thema}",
    ]
    if with_chart:
        # A short caption for the reader; the figures themselves in the alt text for screen readers.
        alt = chart_alt_text(counts).replace("\\", "\\\\").replace('"', '\\"')
        parts += ["", f'![Aantal knelpunten per thema]({CHART_PATH}){{#fig-knelpunten-per-thema alt="{alt}"}}']
    return "\n".join(parts)


def onderzoeken_section(result: CheckResult) -> str:
    ed = result.edition
    parts = ["# Onderzoeken {#onderzoeken}", ""]
    if not ed.onderzoeken:
        parts.append("Voor deze editie zijn geen onderzoeken opgenomen.")
    for key, label in ed.config.themes.items():
        items = [o for o in ed.onderzoeken if o.thema == key]
        if not items:
            continue
        parts += [f"## {escape(label)}", ""]
        for o in items:
            parts += [
                f"### {escape(o.titel)} {{#{anchor('onderzoek', o.slug)}"
                f" naam={attr_value('Onderzoek: ' + o.titel)}}}",
                "",
                f"*{escape(o.instelling)}*, {o.jaar}. Auteurs: {escape(', '.join(o.auteurs))}."
                + (f" <{o.url}>" if o.url else ""),
                "",
                source_body(result, o, f"o-{o.slug}", 4),
                "",
            ]
    return "\n".join(parts).rstrip() + "\n"


def standen_section(result: CheckResult) -> str:
    ed = result.edition
    themes = ed.config.themes
    ordered = sorted(ed.standen, key=lambda s: (s.organisatie.casefold(), s.slug))
    parts = [
        "# Overzicht van de Standen {#overzicht-standen}",
        "",
        "| Organisatie | Afkorting | Departement | Gepubliceerd | Knelpunten |",
        "|:------------|:----------|:------------|:-------------|-----------:|",
    ]
    for s in ordered:
        link = f"[{escape(s.organisatie)}](#{anchor('stand', s.slug)})"
        parts.append(
            f"| {link} | {'–' if s.own_afkorting else escape(s.afkorting)} | "
            f"{escape(s.departement)} | "
            f"{dutch_date(s.gepubliceerd)} | {len(s.knelpunten)} |"
        )
    parts += ["", ": De Standen van de Uitvoering in deze editie {#tbl-standen}", ""]
    for s in ordered:
        parts += [
            f"## {escape(s.name)} {{#{anchor('stand', s.slug)}"
            f" naam={attr_value('Stand van ' + s.afkorting)}}}",
            "",
            f"Departement: {escape(s.departement)}. Gepubliceerd op {dutch_date(s.gepubliceerd)}. "
            f"<{s.url}>",
            "",
        ]
        if s.knelpunten:
            # A custom style Word keeps with the list; staatc.lua makes it sticky in the PDF.
            parts += ['::: {custom-style="Lijstkop"}', "Knelpunten:", ":::", ""]
            parts += [f"- {escape(themes.get(k.thema, k.thema))}: {escape(k.titel)}" for k in s.knelpunten]
            parts.append("")
        parts += [source_body(result, s, f"s-{s.slug}", 3), ""]
    return "\n".join(parts).rstrip() + "\n"


def document_meta(ed: Edition) -> DocumentMeta:
    config = ed.config
    aanbieding = ed.aanbieding()
    return DocumentMeta(
        title=config.title,
        subtitle=config.subtitle,
        publisher=config.publisher,
        date=aanbieding.date,
        lang=config.language if "-" in config.language else "nl-NL",
        concept=config.status == "concept",
        keywords=tuple(config.themes.values()),
    )


def charts_of(result: CheckResult) -> dict[str, BarChart]:
    """The generated charts by the path the text uses: knelpunten per theme and, for an
    edition with a predecessor, per theme and edition. Each renderer draws them."""
    from staatc.assemble.trends import TREND_CHART_PATH, trend_bar_chart  # trends imports us

    counts = theme_counts(result.edition)
    charts = {CHART_PATH: knelpunten_chart([(label, n) for _, label, n in counts], chart_alt_text(counts))}
    if len(result.series) > 1:
        charts[TREND_CHART_PATH] = trend_bar_chart(result.series)
    return charts


def assemble(result: CheckResult, charts: bool = False) -> Document:
    """The rapportage as one document; with `charts`, the generated charts in it too."""
    from staatc.assemble.colofon import afkortingen_section, colofon_section  # these use escape()
    from staatc.assemble.trends import trends_section  # from here

    ed = result.edition
    sections = [chapter_section(result, c) for c in sorted(ed.chapters, key=lambda c: c.number)]
    sections.append(knelpunten_section(ed, charts))
    if (trends := trends_section(result.series, charts, oproep_chapters(ed))) is not None:
        sections.append(trends)
    sections.append(onderzoeken_section(result))
    sections.append(standen_section(result))
    if (afkortingen := afkortingen_section(ed)) is not None:
        sections.append(afkortingen)
    sections.append(colofon_section(ed))
    media = {name: path.read_bytes() for name, path in _used_images(result).items()}
    return Document.from_sections(document_meta(ed), sections, media=media, style=ed.house_style,
                                  charts=charts_of(result) if charts else {})


def _used_images(result: CheckResult) -> dict[str, Path]:
    """Images the text refers to (validated by `check` to exist inside the edition)."""
    used = {}
    for doc in result.edition.documents():
        for link in find_links(result.texts.get(doc.source.path, doc.body)):
            if link.image and link.target in result.edition.images:
                used[link.target] = result.edition.images[link.target]
    return used
