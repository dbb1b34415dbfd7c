"""The assembled document: what the assembler hands to the renderers.

What the Markdown may contain (pandoc's dialect, body only, no YAML front matter):

* Headings `#`, `##`, `###` with ids: `# Inleiding {#hoofdstuk-01-inleiding}`. Each chapter is a
  level-1 heading and starts on a new page. Levels are made consecutive (`#` then `####` renders
  the second as level 2), because PDF/UA forbids skipped levels; levels 1-3 are in the contents.
* **Chapter numbers and parts ("Deel 1")** are attributes on the chapter heading:
  `# Complexiteitsreductie {#hoofdstuk-02-complexiteitsreductie nummer="2" deel="1"}`. The
  number goes in front of the title, and the heading of the *first* chapter of each part (when
  `deel` differs from the previous chapter's) also names the part: "2 Deel 1:
  Complexiteitsreductie", in both formats, so number and part are in the table of contents,
  the PDF bookmarks and tags, and Word's navigation pane. Generated sections have no number.
* **`naam`** on a heading (`{#stand-uwv naam="Stand van UWV"}`) is what a screen reader calls
  a link to it in the PDF ("Stand van UWV, pagina 24"; without it Typst says "Hoofdstuk").
* Pipe tables with captions `: Bijschrift {#tbl-x}`; numbered "Tabel 1", "Tabel 2", ... (tables
  without a caption get no number). In Word the header row repeats on every page (the PDF
  prints it once: see rapportage.typ); a simple table without a header row is drawn without
  header colours.
* Images `![Alt text](images/chart.png)`: alone in a paragraph they become a numbered figure
  ("Figuur 1") whose caption is the alt text; `{alt="..."}` gives a longer text for screen
  readers. The bytes come from `Document.media`, keyed by the path as written; a path in
  `Document.charts` is a chart each renderer draws itself (staatc.assemble.chart).
* References to tables and figures: `@tbl-x` renders as a link "Tabel 1"; `@hoofdstuk-01` to a
  heading renders as the heading's text. Anything else after `@` stays literal text.
* Internal links `[tekst](#stand-uwv)` (to an id that does not exist: shown as plain text; the
  loader reports such links before rendering), footnotes, lists, block quotes, code.
* Raw text with `#`, `\\`, `$`, `<`, `@`: always shown as text. Raw TeX/Typst, TeX math and raw
  attributes are switched off in the reader and raw HTML is turned back into text, so nothing in
  the Markdown is executed by Typst or injected into Word's XML. HTML comments
  (`<!-- notitie -->`) are dropped: they are notes for editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from staatc.assemble.chart import BarChart
from staatc.model import HouseStyle


@dataclass(frozen=True)
class DocumentMeta:
    title: str                 # "Staat van de Uitvoering 2024"
    subtitle: str | None
    publisher: str             # author/core properties
    date: date                 # aanbieding date; shown on the cover in Dutch: "9 september 2024"
    lang: str = "nl-NL"
    concept: bool = False      # True -> a visible CONCEPT mark (cover + header/watermark)
    subject: str = "Staat van de Uitvoering"
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    markdown: str                              # pandoc Markdown, assembled; body only
    media: dict[str, bytes] = field(default_factory=dict)   # path as written -> bytes
    style: HouseStyle = field(default_factory=HouseStyle.bundled)  # reference.docx, Typst, fonts
    # Generated charts by the path an image in the Markdown uses; each renderer draws them.
    charts: dict[str, BarChart] = field(default_factory=dict)
    # The top-level sections the Markdown is made of, when it is (`markdown` is them joined by
    # blank lines): the chapters and generated parts, each starting with its `#` heading. The PDF
    # converts the sections an edit left alone from its cache (render/typst_sections.py).
    sections: tuple[str, ...] = ()

    def __post_init__(self):
        if self.sections and self.markdown != _joined(self.sections):
            raise ValueError("Document.sections must make up its markdown")

    @classmethod
    def from_sections(cls, meta: DocumentMeta, sections: list[str] | tuple[str, ...],
                      **fields) -> Document:
        """A document whose Markdown is `sections` joined by blank lines."""
        return cls(meta=meta, markdown=_joined(sections), sections=tuple(sections), **fields)


def _joined(sections: list[str] | tuple[str, ...]) -> str:
    return "\n\n".join(sections) + "\n"
