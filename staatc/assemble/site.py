"""Assemble the web edition: a checked edition → the pages of a static site, as Markdown.

The same sources as the rapportage, cut into pages a reader can land on from a search or
a link: a home page, one page per chapter, Stand, onderzoek and theme, and the generated
overviews. Every page's Markdown starts with its one level-1 heading, whose id is the anchor
that cross references point at (`#stand-uwv`), so the renderer can turn each link into a
link to the page that holds its target. Values from front matter are escaped, as in the
rapportage: a title never becomes markup.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from staatc.assemble.document import DocumentMeta
from staatc.assemble.chart import BarChart
from staatc.assemble.labels import oproep_chapters
from staatc.assemble.rapportage import (
    CHART_PATH,
    _used_images,
    anchor,
    chart_alt_text,
    charts_of,
    document_meta,
    escape,
    source_body,
    theme_counts,
)
from staatc.assemble.trends import trends_section
from staatc.dutch import dutch_date
from staatc.model import Edition
from staatc.validate.check import CheckResult

HOME = "index.html"
SEARCH = "zoeken.html"
ACCESSIBILITY = "toegankelijkheid.html"


@dataclass(frozen=True)
class Crumb:
    title: str
    path: str


@dataclass(frozen=True)
class Page:
    path: str                   # inside the site, "standen/uwv.html"
    title: str                  # plain text, for <title> and breadcrumbs
    markdown: str               # pandoc Markdown, starting with its one "# heading {#anchor}"
    section: str                # the menu entry this page belongs to (its path)
    crumbs: tuple[Crumb, ...] = ()   # from the home page down to the parent
    label: str | None = None    # "Hoofdstuk 2 · Deel 1", shown above the heading
    searchable: bool = True     # indexed by the search (not the search page itself)


@dataclass(frozen=True)
class Download:
    name: str                   # file name in build/<year>/, copied to downloads/
    label: str                  # "Staat van de Uitvoering 2024 (PDF)"


@dataclass(frozen=True)
class Site:
    meta: DocumentMeta
    pages: tuple[Page, ...]     # in reading order: previous/next follow it
    menu: tuple[Crumb, ...]
    media: dict[str, bytes] = field(default_factory=dict)
    downloads: tuple[Download, ...] = ()
    charts: dict[str, BarChart] = field(default_factory=dict)  # drawn as SVG files, by path


def heading(title: str, anchor_id: str) -> str:
    return f"# {escape(title)} {{#{anchor_id}}}"


def link(text: str, anchor_id: str) -> str:
    return f"[{escape(text)}](#{anchor_id})"


def assemble_site(result: CheckResult, charts: bool = False,
                  downloads: tuple[Download, ...] = ()) -> Site:
    ed = result.edition
    home = Crumb("Home", HOME)
    menu = (home, Crumb("Hoofdstukken", "hoofdstukken/index.html"),
            Crumb("Thema's", "themas/index.html"), Crumb("Onderzoeken", "onderzoeken/index.html"),
            Crumb("Standen", "standen/index.html"), Crumb("Zoeken", SEARCH))
    pages = [home_page(result)]
    pages += chapter_pages(result, (home, menu[1]))
    pages += theme_pages(ed, (home, menu[2]), charts)
    if (trends := trends_page(result, (home, menu[2]), charts)) is not None:
        pages.append(trends)
    pages += onderzoek_pages(result, (home, menu[3]))
    pages += stand_pages(result, (home, menu[4]))
    pages.append(Page(SEARCH, "Zoeken", heading("Zoeken", "zoeken") + "\n", SEARCH, (home,),
                      searchable=False))
    pages.append(accessibility_page(len(pages) + 1, (home,)))
    media = {name: path.read_bytes() for name, path in _used_images(result).items()}
    return Site(document_meta(ed), tuple(pages), menu, media, downloads,
                charts_of(result) if charts else {})


def _chapters(ed: Edition):
    return sorted(ed.chapters, key=lambda c: c.number)


def _first_paragraph(text: str) -> str:
    """The opening paragraph of the inleiding, for the home page."""
    for block in text.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "|", "!", ":", "-", "*  ", ">", "```", "~~~")):
            return block
    return ""


def home_page(result: CheckResult) -> Page:
    ed = result.edition
    config = ed.config
    meta = document_meta(ed)
    chapters = _chapters(ed)
    total = sum(len(s.knelpunten) for s in ed.standen)
    parts = [heading(config.title, "home"), ""]
    if config.subtitle:
        parts += [escape(config.subtitle), ""]
    when = dutch_date(meta.date)
    parts += [("Concept. " if meta.concept else "") + f"Aangeboden aan de Tweede Kamer op {when}.", ""]
    parts += ["## Kerncijfers", "",
              f"- {len(ed.standen)} Standen van de Uitvoering",
              f"- {total} knelpunten in {len(config.themes)} thema's",
              f"- {len(ed.onderzoeken)} onderzoeken",
              f"- {len(chapters)} hoofdstukken", ""]
    if chapters:
        first = chapters[0]
        opening = _first_paragraph(source_body(result, first, f"home-{first.slug}", 3))
        parts += [f"## {escape(first.title)}", "", opening, "",
                  f"Lees verder: {link(first.title, anchor('hoofdstuk', first.slug))}.", ""]
    oproepen = [c for c in chapters if c.part]
    if oproepen:
        parts += ["## De oproepen", ""]
        parts += [f"- Deel {c.part}: {link(c.title, anchor('hoofdstuk', c.slug))}" for c in oproepen]
        parts.append("")
    parts += ["## Inhoud", "", *_chapter_list(ed, chapters)]
    parts += ["- " + link("Knelpunten per thema", "knelpunten-per-thema"),
              "- " + link("Onderzoeken", "onderzoeken"),
              "- " + link("Overzicht van de Standen", "overzicht-standen"), ""]
    return Page(HOME, config.title, "\n".join(parts), HOME)


def _chapter_list(ed: Edition, chapters: list) -> list[str]:
    """The chapters as list items, numbered as the Word and PDF headings are: "2 Deel 1: …"."""
    numbers = ed.chapter_numbers()
    return [f"- {numbers[c.slug]}\u2002{'Deel ' + str(c.part) + ': ' if c.part else ''}"
            f"{link(c.title, anchor('hoofdstuk', c.slug))}" for c in chapters]


def chapter_pages(result: CheckResult, crumbs: tuple[Crumb, ...]) -> list[Page]:
    chapters = _chapters(result.edition)
    numbers = result.edition.chapter_numbers()  # the numbers of the Word and PDF headings
    items = _chapter_list(result.edition, chapters)
    pages = [Page(crumbs[-1].path, "Hoofdstukken",
                  heading("Hoofdstukken", "hoofdstukken") + "\n\n" + "\n".join(items) + "\n",
                  crumbs[-1].path, crumbs[:-1])]
    for c in chapters:
        body = source_body(result, c, f"h{c.number:02d}", 2)
        pages.append(Page(f"hoofdstukken/{c.slug}.html", c.title,
                          heading(c.title, anchor("hoofdstuk", c.slug)) + "\n\n" + body + "\n",
                          crumbs[-1].path, crumbs, label=f"Hoofdstuk {numbers[c.slug]}"
                          + (f" · Deel {c.part}" if c.part else "")))
    return pages


def theme_pages(ed: Edition, crumbs: tuple[Crumb, ...], with_chart: bool) -> list[Page]:
    counts = theme_counts(ed)
    total = sum(n for *_, n in counts)
    rows = [f"| {link(label, 'thema-' + key)} | {n} |" for key, label, n in counts]
    parts = [heading("Knelpunten per thema", "knelpunten-per-thema"), "",
             f"De {len(ed.standen)} Standen van de Uitvoering noemen samen {total} knelpunten. "
             "De tabel telt ze per thema.", "",
             "| Thema | Knelpunten |", "|:------|-----------:|", *rows,
             f"| **Totaal** | **{total}** |", "",
             ": Aantal knelpunten per thema {#tbl-knelpunten-per-thema}", ""]
    if with_chart:
        alt = chart_alt_text(counts).replace("\\", "\\\\").replace('"', '\\"')
        parts += [f'![Aantal knelpunten per thema]({CHART_PATH}){{#fig-knelpunten-per-thema alt="{alt}"}}', ""]
    section = crumbs[-1].path
    pages = [Page(section, "Knelpunten per thema", "\n".join(parts), section, crumbs[:-1])]
    standen = sorted(ed.standen, key=lambda s: (s.organisatie.casefold(), s.slug))
    for key, label, n in counts:
        found = [(s, k) for s in standen for k in s.knelpunten if k.thema == key]
        parts = [heading(label, "thema-" + key), "",
                 f"{n} knelpunten in {len({s.slug for s, _ in found})} Standen.", ""]
        if found:
            parts += ["| Organisatie | Knelpunt |", "|:--|:--|"]
            parts += [f"| {link(s.organisatie, anchor('stand', s.slug))} | {escape(k.titel)} |"
                      for s, k in found]
            parts += ["", f": Knelpunten over {escape(label.lower())}", ""]
        onderzoeken = [o for o in ed.onderzoeken if o.thema == key]
        parts += ["## Onderzoeken", ""]
        parts += [f"- {link(o.titel, anchor('onderzoek', o.slug))} ({escape(o.instelling)}, {o.jaar})"
                  for o in onderzoeken] or ["Over dit thema is in deze editie geen onderzoek opgenomen."]
        pages.append(Page(f"themas/{key}.html", label, "\n".join(parts) + "\n", section, crumbs))
    return pages


def onderzoek_pages(result: CheckResult, crumbs: tuple[Crumb, ...]) -> list[Page]:
    ed = result.edition
    section = crumbs[-1].path
    parts = [heading("Onderzoeken", "onderzoeken"), ""]
    if not ed.onderzoeken:
        parts.append("Voor deze editie zijn geen onderzoeken opgenomen.")
    pages = []
    for key, label in ed.config.themes.items():
        items = [o for o in ed.onderzoeken if o.thema == key]
        if items:
            parts += [f"## {escape(label)}", ""]
            parts += [f"- {link(o.titel, anchor('onderzoek', o.slug))} ({escape(o.instelling)}, {o.jaar})"
                      for o in items]
            parts.append("")
        for o in items:
            about = [heading(o.titel, anchor("onderzoek", o.slug)), "",
                     f"- Instelling: {escape(o.instelling)}",
                     f"- Auteurs: {escape(', '.join(o.auteurs))}",
                     f"- Jaar: {o.jaar}",
                     f"- Thema: {link(label, 'thema-' + key)}"]
            if o.url:
                about.append(f"- [Het onderzoek bij {escape(o.instelling)}]({o.url})")
            about += ["", "## Bevindingen", "", source_body(result, o, f"o-{o.slug}", 3), ""]
            pages.append(Page(f"onderzoeken/{o.slug}.html", o.titel, "\n".join(about), section, crumbs))
    return [Page(section, "Onderzoeken", "\n".join(parts) + "\n", section, crumbs[:-1]), *pages]


def stand_pages(result: CheckResult, crumbs: tuple[Crumb, ...]) -> list[Page]:
    ed = result.edition
    themes = ed.config.themes
    section = crumbs[-1].path
    ordered = sorted(ed.standen, key=lambda s: (s.organisatie.casefold(), s.slug))
    parts = [heading("Overzicht van de Standen", "overzicht-standen"), "",
             "| Organisatie | Afkorting | Departement | Gepubliceerd | Knelpunten |",
             "|:------------|:----------|:------------|:-------------|-----------:|"]
    parts += [f"| {link(s.organisatie, anchor('stand', s.slug))} | "
              f"{'–' if s.own_afkorting else escape(s.afkorting)} | "
              f"{escape(s.departement)} | {dutch_date(s.gepubliceerd)} | {len(s.knelpunten)} |"
              for s in ordered]
    parts += ["", ": De Standen van de Uitvoering in deze editie {#tbl-standen}", ""]
    pages = [Page(section, "Overzicht van de Standen", "\n".join(parts), section, crumbs[:-1])]
    for s in ordered:
        title = s.name
        about = [heading(title, anchor("stand", s.slug)), "",
                 f"- Organisatie: {escape(s.organisatie)}",
                 f"- Afkorting: {escape(s.afkorting)}",
                 f"- Departement: {escape(s.departement)}",
                 f"- Gepubliceerd: {dutch_date(s.gepubliceerd)}",
                 f"- [De Stand van de Uitvoering van {escape(s.afkorting)}]({s.url})", ""]
        by_theme = Counter(k.thema for k in s.knelpunten)
        if s.knelpunten:
            about += ["## Knelpunten", ""]
            for key in [k for k in themes if by_theme[k]] + [k for k in by_theme if k not in themes]:
                about += [f"### {link(themes.get(key, key), 'thema-' + key)}", ""]
                about += [f"- {escape(k.titel)}" for k in s.knelpunten if k.thema == key]
                about.append("")
        about += ["## Samenvatting", "", source_body(result, s, f"s-{s.slug}", 3), ""]
        pages.append(Page(f"standen/{s.slug}.html", title, "\n".join(about), section, crumbs))
    return pages


def trends_page(result: CheckResult, crumbs: tuple[Crumb, ...], with_chart: bool) -> Page | None:
    """"Door de jaren heen" as one page, the same part as in the rapportage (assemble/trends.py)."""
    text = trends_section(result.series, with_chart, oproep_chapters(result.edition))
    if text is None:
        return None
    return Page("themas/door-de-jaren-heen.html", "Door de jaren heen", text, crumbs[-1].path, crumbs)


def accessibility_page(pages: int, crumbs: tuple[Crumb, ...]) -> Page:
    """What the browser tests check on every page, as input for the toegankelijkheidsverklaring."""
    text = f"""{heading("Toegankelijkheid", "toegankelijkheid")}

Deze site wil voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA, zoals
de norm EN 301 549 voor overheidssites vraagt. Deze pagina is een bouwsteen voor de
toegankelijkheidsverklaring.

## Wat is getoetst

- Alle {pages} pagina's van deze site worden in een echte browser (Chromium) geopend en getoetst
  met axe-core op alle regels voor WCAG 2.1 A en AA.
- De zoekfunctie wordt getoetst door een zoekterm te typen en een resultaat te volgen.
- Elke pagina heeft een link om naar de inhoud te springen, een kop van niveau 1, koppen zonder
  overgeslagen niveaus, een menu, een kruimelpad en links naar de vorige en volgende pagina.
- Tabellen hebben kopcellen en een bijschrift; elke afbeelding heeft een tekstalternatief. De
  grafiek staat ook als tabel op de pagina.
- Tekst heeft een contrast van ten minste 4,5 : 1; de focus is altijd zichtbaar; de pagina's
  zijn te lezen op een scherm van 320 pixels breed en zonder JavaScript.

## Resultaat

Een build waarin axe-core op één pagina een overtreding vindt, faalt en wordt niet
gepubliceerd. Een handmatige toets met een schermlezer is nog niet gedaan.
"""
    return Page(ACCESSIBILITY, "Toegankelijkheid", text, ACCESSIBILITY, crumbs, searchable=False)
