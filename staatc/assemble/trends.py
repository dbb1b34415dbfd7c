"""The generated part "Door de jaren heen": this edition against the editions before it.

Only made when the edition has a predecessor. The figures come from staatc.series.figures,
the same functions behind `staatc trends` and the template context, so the rapportage,
the terminal and the prose can never disagree.
"""

from __future__ import annotations

from staatc.assemble.chart import BarChart, trend_chart
from staatc.load.series import Series
from staatc.series.figures import oproepen_rows, returning_knelpunten, standen_rows, theme_rows

TREND_CHART_PATH = "generated/knelpunten-door-de-jaren.svg"


def _escape(text: str) -> str:
    from staatc.assemble.rapportage import escape  # rapportage imports this module

    return escape(text)


def trend_bar_chart(series: Series) -> BarChart:
    """The chart beside the table: per theme one bar per edition."""
    return trend_chart([e.year for e in series.editions],
                       [(r.label, list(r.counts)) for r in theme_rows(series)], trend_alt_text(series))


def trend_alt_text(series: Series) -> str:
    figures = "; ".join(
        f"{r.label}: " + ", ".join(f"{y} {n}" for y, n in zip((e.year for e in series.editions), r.counts))
        for r in theme_rows(series))
    return f"Staafdiagram van het aantal knelpunten per thema, per editie. {figures}."


def _standen_part(series: Series) -> list[str]:
    rows = standen_rows(series)
    by_slug = {s.slug: s for e in series.editions for s in e.standen}
    first, current = rows[0], rows[-1]
    lines = [
        "## Standen per editie {#door-de-jaren-standen}",
        "",
        f"De eerste editie in deze reeks, die van {first.year}, telde {len(first.standen)} Standen. "
        f"Deze editie telt er {len(current.standen)}. Een organisatie is dezelfde als haar Stand "
        "dezelfde naam heeft. *Nieuw* zijn organisaties die in de editie ervoor geen Stand hadden.",
        "",
        "| Editie | Standen | Nieuw | Opnieuw | Niet opnieuw |",
        "|:-------|--------:|------:|--------:|-------------:|",
    ]
    for i, r in enumerate(rows):
        dash = "–" if i == 0 else None
        lines.append(f"| {r.year} | {len(r.standen)} | {len(r.nieuw) if i else len(r.standen)} | "
                     f"{dash or len(r.opnieuw)} | {dash or len(r.niet_opnieuw)} |")
    lines += ["", ": Standen per editie {#tbl-door-de-jaren-standen}", ""]
    if current.nieuw:
        names = ", ".join(_escape(by_slug[s].afkorting) for s in sorted(current.nieuw))
        lines += [f"Nieuw in {current.year}: {names}.", ""]
    if current.niet_opnieuw:
        names = ", ".join(_escape(by_slug[s].afkorting) for s in current.niet_opnieuw)
        lines += [f"Niet opnieuw in {current.year}: {names}.", ""]
    return lines


def _themes_part(series: Series, with_chart: bool) -> list[str]:
    years = [e.year for e in series.editions]
    rows = theme_rows(series)
    lines = [
        "## Knelpunten per thema door de jaren heen {#door-de-jaren-knelpunten}",
        "",
        "De tabel telt de knelpunten per thema in elke editie. Een thema dat een andere naam "
        "kreeg, telt mee onder zijn nieuwe naam.",
        "",
        "| Thema | " + " | ".join(str(y) for y in years) + " |",
        "|:------|" + "|".join("-----:" for _ in years) + "|",
    ]
    lines += [f"| {_escape(r.label)} | " + " | ".join(str(n) for n in r.counts) + " |" for r in rows]
    totals = [sum(r.counts[i] for r in rows) for i in range(len(years))]
    lines += ["| **Totaal** | " + " | ".join(f"**{n}**" for n in totals) + " |", "",
              ": Knelpunten per thema per editie {#tbl-door-de-jaren-knelpunten}"]
    if with_chart:
        alt = trend_alt_text(series).replace("\\", "\\\\").replace('"', '\\"')
        lines += ["", f"![Knelpunten per thema per editie]({TREND_CHART_PATH})"
                      f'{{#fig-door-de-jaren-knelpunten alt="{alt}"}}']
    return lines + [""]


def _returning_part(series: Series) -> list[str]:
    found = returning_knelpunten(series)
    current, previous = series.editions[-1], series.editions[-2]
    labels = dict(current.config.themes)
    total = sum(len(s.knelpunten) for s in current.standen)
    lines = [
        "## Knelpunten die terugkomen {#door-de-jaren-terug}",
        "",
        f"Van de {total} knelpunten in deze editie stonden er {len(found)} ook in de editie van "
        f"{previous.year}: met hetzelfde id, of bij dezelfde organisatie onder hetzelfde thema. "
        "De kolom *Sinds* geeft de editie vanaf wanneer het knelpunt elk jaar terugkomt.",
        "",
    ]
    if not found:
        return lines
    # The dashes set the column widths (pandoc reads them when a row is long): room for the title.
    lines += ["| Organisatie | Thema | Knelpunt | Sinds |",
              "|:-------------|:-----------------|:-----------------------------------|:---------|"]
    lines += [f"| [{_escape(r.afkorting)}](#stand-{r.slug}) | {_escape(labels.get(r.thema, r.thema))} | "
              f"{_escape(r.titel)} | sinds {r.sinds} |" for r in found]
    return lines + ["", ": Knelpunten die terugkomen {#tbl-door-de-jaren-terug}", ""]


def _oproepen_part(series: Series, treated: dict[str, tuple[str, str]]) -> list[str]:
    rows = oproepen_rows(series)
    if not rows:
        return []
    lines = [
        "## De oproepen door de jaren heen {#door-de-jaren-oproepen}",
        "",
        "Per oproep: in welke editie zij werd gedaan, hoe erop werd gereageerd en hoe een "
        "latere editie haar aanscherpte.",
        "",
    ]
    for row in rows:
        where = ""
        if row.id in treated:
            # The oproep's title is often the chapter's: its number says more than the title again.
            slug, label = treated[row.id]
            where = f"; in deze editie: [{_escape(label)}](#hoofdstuk-{slug})"
        lines += [f"**{_escape(row.titel)}** (oproep sinds {row.sinds}{where})", ""]
        for step in row.steps:
            said = []
            if step.reactie:
                said.append(f"*Reactie:* {_escape(step.reactie)}")
            if step.aanscherping:
                said.append(f"*Aanscherping:* {_escape(step.aanscherping)}")
            text = " ".join(said) if said else (
                "De oproep wordt gedaan." if step.year == row.sinds else "De oproep staat nog.")
            lines.append(f"- {step.year}: {text}")
        lines.append("")
    return lines


def trends_section(series: Series, with_chart: bool,
                   treated: dict[str, tuple[str, str]] | None = None) -> str | None:
    """The part as pandoc Markdown, or None for a first edition. `treated`: oproep id →
    (slug, "hoofdstuk N") of the chapter that says `oproep:` for it (labels.oproep_chapters)."""
    if len(series) < 2:
        return None
    years = [e.year for e in series.editions]
    lines = [
        "# Door de jaren heen {#door-de-jaren-heen}",
        "",
        f"Deze editie is de {len(years)}e in een reeks sinds {years[0]}. Dit deel zet de cijfers "
        "van de edities naast elkaar: de Standen, de knelpunten per thema, de knelpunten die "
        "terugkomen en wat er van de oproepen werd.",
        "",
        *_standen_part(series),
        *_themes_part(series, with_chart),
        *_returning_part(series),
        *_oproepen_part(series, treated or {}),
    ]
    return "\n".join(lines).rstrip() + "\n"
