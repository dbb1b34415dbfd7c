"""The rapportage's Typst body by section, kept between builds (render/typst_sections.py, #16).

What a user would check: the PDF made from kept sections is the PDF a whole conversion makes.
So every test compares with the whole: the body with pandoc's conversion of the whole Markdown
in one go (and counts which Markdown went through pandoc), or, in the property at the end, the
PDF with the PDF of the whole body in one Typst file.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO, examples
from helpers.strategies import printable_words
from staatc.markdown.headings import headings
from staatc.assemble import rapportage
from staatc.assemble.document import Document, DocumentMeta
from staatc.render import sections as sections_module
from staatc.render import typst_sections
from staatc.render.base import epoch_of
from staatc.render.cache import PARTS, RenderCache, part_key
from staatc.render.rapportage_pdf import (CHART_TYP, PdfRenderer, compile_typst,
                                          escape_block_markers, typst_inputs)
from staatc.render.pandoc import run_pandoc
from staatc.validate.check import check_edition

EPOCH = 1725883200
META = DocumentMeta(title="Proef", subtitle=None, publisher="BZK", date=date(2024, 9, 9))

SECTIONS = (
    '# Inleiding {#hoofdstuk-inleiding nummer="1" deel="1" naam="Hoofdstuk 1"}\n\n'
    "## Aanpak\n\nEen tabel.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n: Eerste tabel {#tbl-een}",
    '# Tweede {#hoofdstuk-tweede nummer="2" deel="1" naam="Hoofdstuk 2"}\n\n'
    "## Aanpak\n\nZie @tbl-een, @tbl-twee, [de aanpak](#aanpak-2) en [het derde](#hoofdstuk-derde).",
    '# Derde {#hoofdstuk-derde nummer="3" deel="2"}\n\n'
    "## Aanpak\n\nNog een tabel.\n\n| C | D |\n|---|---|\n| 3 | 4 |\n\n: Tweede tabel {#tbl-twee}",
    "# Bijlage {#bijlage}\n\nSlot, met een verwijzing naar @hoofdstuk-tweede.",
)


def document(sections) -> Document:
    return Document.from_sections(META, sections)


def joined(pieces: list[str]) -> str:
    """The sections' Typst as one body, as it would be in one file."""
    return "\n\n".join(piece.strip("\n") for piece in pieces) + "\n"


def whole(doc: Document) -> str:
    """pandoc's Typst for the whole Markdown at once, as the PDF had it before sections."""
    return run_pandoc(doc.markdown, "typst", [], epoch=EPOCH).decode("utf-8")


@pytest.fixture
def convert(tmp_path, monkeypatch):
    """typst_sections as each build runs it, with the render cache of one output folder; records
    the Markdown each pandoc run was given."""
    runs: list[str] = []

    def recording(markdown, *args, **kwargs):
        runs.append(markdown)
        return run_pandoc(markdown, *args, **kwargs)

    monkeypatch.setattr(typst_sections, "run_pandoc", recording)

    def body(sections) -> str:
        runs.clear()
        return joined(in_a_build(tmp_path, lambda: typst_sections.typst_sections(
            document(sections), EPOCH, None)))

    return body, runs


def in_a_build(out_dir: Path, render):
    """`render()` as a build runs it: with the render cache of `out_dir`, saved after it."""
    cache = RenderCache(out_dir)
    token = PARTS.set((cache, True))
    try:
        made = render()
    finally:
        PARTS.reset(token)
    cache.save()
    return made


def edited(index: int, text: str, sections=SECTIONS) -> tuple[str, ...]:
    return tuple(text if i == index else s for i, s in enumerate(sections))


def test_the_body_by_sections_is_the_body_of_the_whole(convert) -> None:
    body, runs = convert
    made = body(SECTIONS)
    assert made == whole(document(SECTIONS))
    assert len(runs) == 1 and runs[0].count("<!-- staatc-section:") == len(SECTIONS)
    # The cases the sections must carry across: repeated ids, numbers, parts, references.
    assert "<aanpak-2>" in made and "Tabel 2" in made and made.count("Deel") == 2


def test_the_sample_edition_by_sections_is_the_body_of_the_whole(convert) -> None:
    result = check_edition(REPO / "editions" / "2024", date(2024, 9, 1), editorial=False)
    doc = rapportage.assemble(result)
    assert len(doc.sections) > 10
    assert joined(typst_sections.typst_sections(doc, EPOCH, None)) == whole(doc)  # no cache


def test_an_edit_to_one_section_converts_only_that_section(convert) -> None:
    body, runs = convert
    body(SECTIONS)
    changed = edited(1, SECTIONS[1] + "\n\nEen nieuwe alinea, met **nadruk**.")
    made = body(changed)
    # pandoc read that section alone (after headings that take the earlier ids: the first
    # section's "Aanpak" makes this one "aanpak-1", as in the whole).
    [run] = runs
    assert "\n\n" + changed[1] + "\n" in run
    assert all(other not in run for other in ("Eerste tabel", "Derde", "Slot"))
    assert made == whole(document(changed))
    assert "<aanpak-1>" in made and "nadruk" in made


def test_unchanged_sections_need_no_pandoc(convert) -> None:
    body, runs = convert
    first = body(SECTIONS)
    assert body(SECTIONS) == first and runs == []


@pytest.mark.parametrize("index, text", [
    # A table before the others: every later table gets another number.
    (0, SECTIONS[0] + "\n\n| E |\n|---|\n| 5 |\n\n: Nieuwe tabel {#tbl-nieuw}"),
    # Its "Aanpak" gone: the later ones are "aanpak" and "aanpak-1" now.
    (0, SECTIONS[0].replace("## Aanpak\n\n", "")),
    # A chapter moved to the part before: its heading no longer names "Deel 2".
    (2, SECTIONS[2].replace('deel="2"', 'deel="1"')),
    # A heading renamed: what a reference to it shows changes elsewhere.
    (1, SECTIONS[1].replace("# Tweede", "# Het tweede")),
])
def test_an_edit_that_changes_the_other_sections_converts_the_whole(convert, index, text) -> None:
    body, runs = convert
    body(SECTIONS)
    changed = edited(index, text)
    made = body(changed)
    assert made == whole(document(changed))
    assert runs[-1].count("<!-- staatc-section:") == len(SECTIONS)  # the whole, again


def test_reference_definitions_keep_the_document_whole(convert) -> None:
    body, runs = convert
    sections = edited(3, SECTIONS[3] + "\n\n[rijksoverheid]: https://www.rijksoverheid.nl")
    sections = edited(1, SECTIONS[1] + "\n\nZie [de site][rijksoverheid].", sections)
    body(sections)
    changed = edited(1, sections[1] + "\n\nNog een zin.", sections)
    made = body(changed)
    assert runs[-1].count("<!-- staatc-section:") == len(SECTIONS)
    assert made == whole(document(changed)) and "https://www.rijksoverheid.nl" in made


@pytest.mark.parametrize("damage", [
    b"not json",
    b'{"context": 1}',
    b'{"context": "[1725883200, {}]", "alone": true, "hashes": [], "markup": [], "reports": []}',
])
def test_a_damaged_entry_is_ignored(convert, tmp_path, damage) -> None:
    body, runs = convert
    body(SECTIONS)
    cache = RenderCache(tmp_path)
    cache.put(part_key(typst_sections.PART), damage)
    cache.save()
    changed = edited(1, SECTIONS[1] + "\n\nEen zin.")
    assert body(changed) == whole(document(changed))
    assert runs[-1].count("<!-- staatc-section:") == len(SECTIONS)


def test_a_marker_in_the_text_is_only_text(convert) -> None:
    """The markers are random per render: one typed in a chapter cannot split the body."""
    body, _ = convert
    sections = edited(1, SECTIONS[1] + "\n\n<!-- staatc-section:0000 -->\n\n// staatc-section:0000")
    assert body(sections) == whole(document(sections))


def test_a_document_without_sections_is_converted_whole() -> None:
    doc = Document(meta=META, markdown="# Brief\n\nTekst.\n")
    assert typst_sections.typst_sections(doc, EPOCH, None) == [whole(doc)]


def test_sections_must_make_up_the_markdown() -> None:
    with pytest.raises(ValueError):
        Document(meta=META, markdown="# Anders\n", sections=("# Een",))


@pytest.mark.parametrize("opened, reaches", [
    ("Een notitie <!--", True),  # in the whole, the comment runs on to the next "-->"
    ("```\nnooit gesloten", False),  # pandoc reads a fence that is never closed as text
])
def test_a_section_that_ends_inside_something_open_is_converted_as_the_whole(
        convert, opened, reaches) -> None:
    """What pandoc makes of a section that ends with something open is what it makes of it in
    the whole, though that reaches into the sections after it (found by the fuzz test): the
    markers must not change it, in a whole conversion or after an edit."""
    body, runs = convert
    sections = edited(1, SECTIONS[1] + "\n\n" + opened)
    assert body(sections) == whole(document(sections))
    body(SECTIONS)
    assert body(sections) == whole(document(sections))
    if reaches:
        assert runs[-1] == document(sections).markdown  # the whole, without markers


# --- a property: whatever the sections hold, and whichever is edited -----------------------

TITLES = ["Aanpak", "Inleiding", "Aanpak 1", "Aanpak-1", "Wat nu?"]


@st.composite
def section_text(draw, index: int, count: int) -> str:
    """A chapter with what reaches across sections: repeated headings, numbered tables and
    references to them, links to other sections' ids, comments (closed or not), code."""
    part = draw(st.sampled_from(["1", "2"]))
    lines = [f'# Hoofdstuk {index} {{#hoofdstuk-s{index} nummer="{index}" deel="{part}"}}']
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["heading", "text", "table", "ref", "link", "comment", "code"]))
        if kind == "heading":
            lines.append(f"## {draw(st.sampled_from(TITLES))}")
        elif kind == "text":  # what check accepts: no heading without text (empty-heading)
            lines.append(draw(printable_words.filter(
                lambda text: all(h.title.strip() for h in headings(text)))))
        elif kind == "table":
            n = draw(st.integers(0, 9))
            lines.append(f"| A |\n|---|\n| {index} |\n\n: Tabel {n} {{#tbl-{n}}}")
        elif kind == "ref":
            lines.append(f"Zie @tbl-{draw(st.integers(0, 9))} en @hoofdstuk-s{draw(st.integers(0, count - 1))}.")
        elif kind == "link":
            target = draw(st.sampled_from(["aanpak", "aanpak-1", "aanpak-2", "inleiding-1",
                                           f"hoofdstuk-s{draw(st.integers(0, count - 1))}"]))
            lines.append(f"[naar {target}](#{target})")
        elif kind == "comment":
            lines.append(draw(st.sampled_from(["<!-- een notitie -->", "<!-- open", "sluit -->"])))
        else:
            lines.append(draw(st.sampled_from(["```\ncode\n```", "```\nopen"])))
    return "\n\n".join(lines)


@st.composite
def documents_and_edits(draw):
    count = draw(st.integers(2, 4))
    sections = tuple(draw(section_text(i, count)) for i in range(count))
    k = draw(st.integers(0, count - 1))
    new = draw(st.sampled_from(["append", "anew"]))
    text = sections[k] + "\n\nEen nieuwe alinea." if new == "append" else draw(section_text(k, count))
    return sections, edited(k, text, sections)


def pdf_of_the_whole(doc: Document) -> bytes:
    """The PDF as it was made before sections: the whole body in one Typst file."""
    body = escape_block_markers(whole(doc))
    source = (f"{CHART_TYP.read_text(encoding='utf-8')}\n"
              f"{doc.style.rapportage_typ.read_text(encoding='utf-8')}\n#show: rapportage\n\n{body}")
    with tempfile.TemporaryDirectory() as tmp:
        return compile_typst(source, Path(tmp), typst_inputs(doc.meta), epoch_of(doc.meta.date))


@settings(max_examples=examples(0.1), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_and_edits())
def test_after_any_edit_the_pdf_is_the_pdf_of_the_whole(tmp_path_factory, case) -> None:
    """Whatever the sections hold and whichever is edited, the PDF made from the kept sections
    (and the edited one) is the PDF of the whole body in one file, to the byte."""
    cache_dir = tmp_path_factory.mktemp("sections")
    for sections in case:  # the first fills the cache, the second is the edit
        made = in_a_build(cache_dir, lambda: PdfRenderer().render(document(sections)))
        assert made == pdf_of_the_whole(document(sections))


@pytest.mark.parametrize("text, reaches", [
    ("[rijksoverheid]: https://www.rijksoverheid.nl", True),
    ("> [x]: https://a.nl", True),          # in a quote
    ("[twee\nregels]: https://a.nl", True),  # a label over two lines
    ("1. (@) een voorbeeld", True),
    ("Tekst.[^h01-1]\n\n[^h01-1]: Een voetnoot.", False),  # footnotes are prefixed per file
    ("[Een link](https://a.nl): met een dubbele punt", False),
    ("Alleen tekst, ook met ]: en [.", False),
])
def test_what_reaches_across_sections(text, reaches) -> None:
    assert sections_module.reaches_across(text) is reaches
