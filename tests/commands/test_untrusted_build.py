"""Code in the text of a draft that `check` accepts is printed, never run: a whole build, read back.

An edition full of Typst, TeX, HTML and escape sequences in places `check` cannot refuse
(titles, Stand names, knelpunten, the kamerbrief's head, ordinary sentences) is built once;
every such string must appear as literal text in the PDF (pypdf) and the Word file
(python-docx), and nothing from /etc/passwd may. Typst would stop the build at a
`#panic(…)` that ran, so the build succeeding is part of the proof.
(The renderers' own tests: test_render_pdf.py::test_typst_syntax_in_title_and_text_stays_text,
test_hostile_markdown_compiles_and_stays_text; test_render_docx.py::
test_special_characters_in_title_and_text_stay_text; test_kamerbrief.py::test_markup_in_front_matter_stays_text.)
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest

from helpers import copy_root

AS_OF = date(2024, 5, 1)
TITLE = 'Staat #set text(red) #read("/etc/passwd") \\u{41} ] " $x$'
ORG = 'Org #import "/etc/x": * \\ #panic("org")'
AFKORTING = "#AB"
KNELPUNT = '#read("/etc/passwd") en #include "/etc/hosts"'
BETREFT = "#set page(width: 1cm) \\n Aanbieding"
SENTENCES = [
    '#read("/etc/passwd")',
    "#set text(red)",
    '#import "@preview/cetz:0.2.0": *',
    '#include "/etc/hosts"',
    '#eval("1 + 1")',
    "#panic(1)",
    "\\#escaped \\\\ backslash",
    "$5 en $x$",
    "<script>alert(1)</script>",
]
PASSWD = re.compile(r"root:.*:0:0:")


def yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture(scope="module")
def built():
    from staatc.commands.build import build_edition

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_root("minimal", Path(tmp))
        config = root / "edition.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "title: Staat van de Uitvoering 2024", f"title: {yaml(TITLE)}"), encoding="utf-8")
        uwv = root / "standen" / "uwv.md"
        uwv.write_text(uwv.read_text(encoding="utf-8")
                       .replace("organisatie: Uitvoeringsinstituut Werknemersverzekeringen", f"organisatie: {yaml(ORG)}")
                       .replace("afkorting: UWV", f"afkorting: {yaml(AFKORTING)}")
                       .replace("titel: Gegevens van andere organisaties komen laat", f"titel: {yaml(KNELPUNT)}"),
                       encoding="utf-8")
        chapter = root / "chapters" / "02-complexiteitsreductie.md"
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\n"
                           + "\n\n".join(f"Zin {i}: {s} einde." for i, s in enumerate(SENTENCES)) + "\n",
                           encoding="utf-8")
        kb = root / "kamerbrief.md"
        kb.write_text(kb.read_text(encoding="utf-8").replace(
            "betreft: Aanbieding Staat van de Uitvoering 2024", f"betreft: {yaml(BETREFT)}")
            + '\n\nIn de brief: #read("/etc/passwd") en #panic(2).\n', encoding="utf-8")
        result = build_edition(root, Path(tmp) / "out", AS_OF)
        yield {path.name: path.read_bytes() for path in result.outputs}


def pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages) + "\n" + str(reader.metadata)


def docx_text(data: bytes) -> str:
    import io

    import docx

    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells + [doc.core_properties.title or ""])


def squeeze(text: str) -> str:
    """Compare without white space (pypdf breaks lines where the PDF does) and with straight
    quotes (pandoc's typography curls the quotes of body text: still text)."""
    return re.sub(r"\s+", "", text).translate(str.maketrans("“”„‘’", "\"\"\"''"))


@pytest.mark.parametrize("literal", SENTENCES + [TITLE, ORG, AFKORTING, KNELPUNT])
def test_rapportage_prints_code_as_text(built, literal: str) -> None:
    for name in ("staat-van-de-uitvoering-2024.pdf", "staat-van-de-uitvoering-2024.docx"):
        data = built[name]
        text = pdf_text(data) if name.endswith(".pdf") else docx_text(data)
        shown = literal.replace("\\#", "#").replace("\\\\", "\\") if literal.startswith("\\#") else literal
        assert squeeze(shown) in squeeze(text), (name, literal)


def test_kamerbrief_prints_code_as_text(built) -> None:
    for name in ("kamerbrief-2024.pdf", "kamerbrief-2024.docx"):
        data = built[name]
        text = squeeze(pdf_text(data) if name.endswith(".pdf") else docx_text(data))
        assert squeeze(BETREFT) in text, name
        assert squeeze('#read("/etc/passwd") en #panic(2)') in text, name


def test_nothing_from_outside_the_edition_reaches_the_outputs(built) -> None:
    for name, data in built.items():
        text = pdf_text(data) if name.endswith(".pdf") else docx_text(data)
        assert not PASSWD.search(text), name
        assert b"root:x:0:0" not in data, name


def test_typst_itself_reads_nothing_outside_its_temp_folder() -> None:
    """Defence in depth: even Typst code that did run could not read the machine's files."""
    from staatc.render.base import RenderError
    from staatc.render.rapportage_pdf import compile_typst

    for path in ("/etc/passwd", "../../../../etc/passwd"):
        with tempfile.TemporaryDirectory() as tmp, pytest.raises(RenderError) as info:
            compile_typst(f'#set document(title: [T])\n#read("{path}")', Path(tmp), {}, 0)
        assert "root:" not in info.value.args[0]

