"""The house style: the bundled `templates/`, and a repository's own overrides of it.

A repository of editions may put a folder `templates/` beside its `editions/` folder: for an
edition at `<repo>/editions/<name>/` the override folder is `<repo>/templates/`, and nowhere
else (an edition folder whose parent is not called `editions` has no overrides). A file there
replaces the bundled file of the same name, for every edition of the repository:

    templates/reference.docx     the Word styles (a .docx without macros or external links)
    templates/rapportage.typ     the Typst template of the rapportage's PDF
    templates/kamerbrief.typ     the Typst template of the kamerbrief's PDF
    templates/fonts/*.ttf|*.otf  fonts for the PDF (added to the bundled ones; same name replaces)

The folder comes with the editions, so from pull requests: it is as untrusted as an edition.
Typst templates are code, but Typst runs sandboxed in its temp folder without network, so they
may change. A pandoc Lua filter (`staatc.lua`) and pandoc's data folder (`pandoc/`) run with
all of pandoc's rights: they are never taken from here (a changed copy gets a warning). Links
out of the folder are refused, as in an edition.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from staatc import TEMPLATES
from staatc.codes import problem
from staatc.errors import HouseStyleError, Problem, StaatcError, UnsafePathError
from staatc.load.edition import read_source
from staatc.load.files import resolved, walk_files
from staatc.load.folders import override_folder
from staatc.model import HouseStyle

TYPST_TEMPLATES = ("rapportage.typ", "kamerbrief.typ")
FONT_SUFFIXES = (".ttf", ".otf")
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true")
NEVER_OVERRIDDEN = ("staatc.lua", "pandoc/")  # run by pandoc with all its rights
DOCUMENTATION = (".txt", ".md")  # licences, READMEs: never read, never reported
MAX_FONT_BYTES = 30 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNPACKED = 100 * 1024 * 1024
# Parts of a Word file that hold code or objects that run when opened (lowercase).
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
ACTIVE_FOLDERS = ("word/activex/", "word/embeddings/")


def load_house_style(edition_root: Path) -> tuple[HouseStyle, list[Problem]]:
    """The house style for an edition: the bundled files with the overrides that pass."""
    bundled = HouseStyle.bundled()
    folder = override_folder(edition_root)
    if folder is None:
        return bundled, []
    if folder.is_symlink():
        return bundled, [problem("unsafe-path", folder, None,
                                 "the folder templates/ is a symbolic link; make it a real "
                                 "folder beside editions/")]
    folder = folder.resolve()
    problems: list[Problem] = []
    chosen = {"reference.docx": bundled.reference_docx, "rapportage.typ": bundled.rapportage_typ,
              "kamerbrief.typ": bundled.kamerbrief_typ}
    fonts = {p.name: p for p in bundled.fonts}
    for path in _files(folder, problems):
        name = path.relative_to(folder).as_posix()
        try:
            if name == "reference.docx":
                check_reference_docx(path)
                chosen[name] = path
            elif name in TYPST_TEMPLATES:
                read_source(path, folder)  # UTF-8 text of a sane size
                chosen[name] = path
            elif name.endswith(DOCUMENTATION) or path.name.startswith("README"):
                continue  # a licence (fonts/OFL.txt) or notes: never read
            elif name.startswith("fonts/"):
                check_font(path, name)
                fonts[path.name] = path
            elif name == "staatc.lua" or name.startswith("pandoc/"):
                if not _same_as_bundled(path, name):
                    problems.append(problem("house-style-ignored", path, None, (
                        "this file is ignored: a pandoc Lua filter or data file is a program "
                        "that runs with all of pandoc's rights (files, network), so staatc "
                        "always uses its own; delete it from templates/")))
            elif (name.startswith("web/") or name == "chart.typ") and _same_as_bundled(path, name):
                continue  # the web shell and the chart drawing are not overridable; a copy is harmless
            else:
                problems.append(problem("house-style-ignored", path, None, (
                    "this is not a house-style file, so it is ignored: templates/ may hold "
                    "reference.docx, rapportage.typ, kamerbrief.typ and fonts/*.ttf or *.otf")))
        except StaatcError as exc:
            problems.extend(exc.problems)
    style = HouseStyle(chosen["reference.docx"], chosen["rapportage.typ"],
                       chosen["kamerbrief.typ"], tuple(fonts[n] for n in sorted(fonts)), folder)
    return style, problems


def _files(folder: Path, problems: list[Problem]) -> list[Path]:
    """Every file of the override folder, sorted; links out of it and odd files are refused."""
    found = []
    try:
        paths = list(walk_files(folder))  # never follows a link to a folder
    except UnsafePathError as exc:
        problems.extend(exc.problems)
        return []
    for path in paths:
        try:
            target = resolved(path)
        except UnsafePathError as exc:
            problems.extend(exc.problems)
            continue
        if path.is_symlink() and not target.is_relative_to(folder):
            problems.append(problem("unsafe-path", path, None, (
                "this file points outside the templates/ folder (a symbolic link); copy "
                "the file into templates/ instead")))
        elif not path.is_file():
            if not target.is_dir():
                problems.append(problem("unsafe-path", path, None,
                                        "this is not a regular file: replace it by a real file"))
        else:
            found.append(path)
    return sorted(found)


def check_font(path: Path, name: str) -> None:
    """A TrueType or OpenType font file directly in templates/fonts/."""
    if name.count("/") != 1 or not name.lower().endswith(FONT_SUFFIXES):
        raise HouseStyleError("only TrueType (.ttf) and OpenType (.otf) fonts, directly in "
                              "templates/fonts/, are used: remove or move this file", path)
    size = path.stat().st_size
    if size > MAX_FONT_BYTES:
        raise HouseStyleError(f"this font is {size // (1024 * 1024)} MB; fonts may be at most "
                              f"{MAX_FONT_BYTES // (1024 * 1024)} MB", path)
    with path.open("rb") as f:
        if f.read(4) not in FONT_MAGIC:
            raise HouseStyleError("this is not a TrueType or OpenType font (its first bytes "
                                  "say otherwise): replace it by the .ttf or .otf file", path)


def check_reference_docx(path: Path) -> None:
    """A Word file (.docx) with styles, and nothing in it that runs or reaches out.

    Refused: no zip or no `word/styles.xml`; macros (`vbaProject.bin`, a .docm saved as
    .docx), ActiveX controls and embedded objects; relationships to anything outside the file
    (`TargetMode="External"`: an attached template on a server, linked images, frames), which
    Word would fetch when the report is opened. A hyperlink is only followed when a reader
    clicks it (pandoc's own reference document has one), so it may stay.
    """
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise HouseStyleError(f"reference.docx may be at most {MAX_DOCX_BYTES // (1024 * 1024)} "
                              "MB: remove large images from it", path)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_docx_parts(zf, path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise HouseStyleError("reference.docx is not a Word file (.docx): save it from Word as "
                              "'Word-document (*.docx)'", path) from None


def _check_docx_parts(zf: zipfile.ZipFile, path: Path) -> None:
    infos = zf.infolist()
    names = {info.filename.lower(): info.filename for info in infos}
    if "word/styles.xml" not in names:
        raise HouseStyleError("reference.docx has no styles (word/styles.xml): save it from Word "
                              "as 'Word-document (*.docx)'", path)
    if sum(info.file_size for info in infos) > MAX_DOCX_UNPACKED:
        raise HouseStyleError("reference.docx unpacks to more than "
                              f"{MAX_DOCX_UNPACKED // (1024 * 1024)} MB", path)
    for lower, name in names.items():
        if lower.endswith(MACRO_PARTS) or lower.startswith(ACTIVE_FOLDERS):
            raise HouseStyleError(
                f"reference.docx contains macros or active content ({name}): staatc does not "
                "pass code on to readers; save it as 'Word-document (*.docx)' without macros, "
                "controls or embedded objects", path)
    content_types = zf.read(names["[content_types].xml"]) if "[content_types].xml" in names else b""
    if b"macroenabled" in content_types.lower():
        raise HouseStyleError("reference.docx is a Word file with macros (.docm): save it as "
                              "'Word-document (*.docx)'", path)
    styles = _xml(zf.read(names["word/styles.xml"]), path, "word/styles.xml")
    if not styles.tag.endswith("}styles"):
        raise HouseStyleError("reference.docx: word/styles.xml holds no Word styles", path)
    for lower, name in names.items():
        if lower.endswith(".rels"):
            for rel in _xml(zf.read(name), path, name):
                external = (rel.get("TargetMode") or "").lower() == "external"
                if external and not (rel.get("Type") or "").endswith("/hyperlink"):
                    raise HouseStyleError(
                        f"reference.docx links to something outside the file ({name}: "
                        f"{rel.get('Target')!r}); Word would fetch it when the report is "
                        "opened: remove the link (an attached template, a linked picture)", path)


def _xml(data: bytes, path: Path, part: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise HouseStyleError(f"reference.docx is damaged: {part} is not XML", path) from None


def _same_as_bundled(path: Path, name: str) -> bool:
    bundled = TEMPLATES / name
    try:
        return bundled.is_file() and bundled.read_bytes() == path.read_bytes()
    except OSError:
        return False


def stage_fonts(fonts: tuple[Path, ...], folder: Path) -> Path:
    """Copy the fonts into `folder/fonts/` (inside Typst's root) and return that folder."""
    target = folder / "fonts"
    target.mkdir()
    for font in fonts:
        (target / font.name).write_bytes(font.read_bytes())
    return target
