"""`staatc import`: a Word draft becomes a chapter (Markdown, front matter, its images).

Pandoc's docx reader does the reading (`--sandbox`, time and memory limited like every pandoc
run): text, headings, lists, tables with captions, footnotes and images with their alt text.
What Markdown cannot keep is reported, never lost in silence: each comment and each tracked
change becomes a warning (`word-comment`, `word-tracked-change`) naming its author and text.
Tracked changes are accepted, as Word's "accept all" would. The new chapter is then checked
like any other, so its problems come as file:line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from staatc.codes import problem
from staatc.errors import ImportSourceError, Problem

# The Markdown staatc reads (render.pandoc.READER) without what the writer would use to escape:
# no raw HTML or TeX; tables as pipe or grid tables, which the checks read.
# Without `smart` the writer leaves quotes unescaped, so the escape of '{{' below stays readable.
WRITER = ("markdown-raw_html-raw_tex-raw_attribute-simple_tables-multiline_tables"
          "-tex_math_dollars-yaml_metadata_block-smart")
_TEMPLATE_OPEN = re.compile(r"\{\{|\{%|\{##")  # Word text that jinja would read as an expression


@dataclass(frozen=True)
class Imported:
    chapter: Path
    images: tuple[Path, ...]
    problems: list[Problem]  # the Word file's comments and changes, then the new chapter's check


def import_docx(docx: Path, edition: str, chapter: str, cwd: Path, as_of: date) -> Imported:
    from staatc.load.edition import CHAPTER_NAME, ensure_inside, load_config, resolve_edition
    from staatc.output import write_atomic
    from staatc.validate.check import check_edition

    root = resolve_edition(edition, cwd)
    docx = docx if docx.is_absolute() else cwd / docx
    name = chapter.removesuffix(".md")
    if not CHAPTER_NAME.match(f"{name}.md"):
        raise ImportSourceError(f"'{chapter}' is not a chapter name: give NN-slug, two digits, a dash "
                                "and lowercase letters, digits and dashes, e.g. 08-nieuw", root / "chapters")
    target = root / "chapters" / f"{name}.md"
    media = root / "images" / name
    for folder in (target.parent, media):  # a chapters/ or images/ that links out: refused
        ensure_inside(folder, root)
    if target.exists() or target.is_symlink():
        raise ImportSourceError("this chapter exists already: staatc import never overwrites a chapter; "
                                "give another --chapter, or remove the file first", target)
    if media.exists() and any(media.iterdir()):
        raise ImportSourceError(f"the folder images/{name}/ exists already and is not empty: remove it, "
                                "or give another --chapter", media)
    _ensure_word_file(docx)
    config, _ = load_config(root / "edition.yaml", root)

    reported = _changes_and_comments(_read(docx, "all"), docx)
    with tempfile.TemporaryDirectory(prefix="staatc-import-") as tmp:
        ast = _read(docx, "accept", extract=Path(tmp))
        title = _take_title(ast) or docx.stem
        images = _images(ast, Path(tmp), media, f"images/{name}")
        body = _write_markdown(ast)
    deadlines = [c.deadline for c in _chapters(root)]
    aanbieding = config.milestone("aanbieding")
    deadline = max(deadlines) if deadlines else aanbieding.date if aanbieding else as_of
    owner = _author(docx) or "nog te bepalen"
    write_atomic(target, _chapter_text(title, owner, deadline, body).encode("utf-8"))
    made = {target, *images}
    checked = check_edition(root, as_of).problems
    return Imported(target, tuple(images), reported + [p for p in checked if p.file in made])


def _ensure_word_file(docx: Path) -> None:
    if not docx.is_file():
        raise ImportSourceError("there is no such file: give the path of a Word file (.docx)", docx)
    try:
        with zipfile.ZipFile(docx) as z:
            if "word/document.xml" in z.namelist():
                return
    except (zipfile.BadZipFile, OSError):
        pass
    old = docx.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    raise ImportSourceError(
        "this is an old Word file (.doc): open it in Word and save it as Word-document (.docx)" if old
        else "this is not a Word file (.docx): open it in Word and save it as Word-document (.docx)", docx)


def _read(docx: Path, track_changes: str, extract: Path | None = None) -> dict:
    from staatc.render.limits import run_limited
    from staatc.render.pandoc import pandoc_path

    cmd = [pandoc_path(), "--sandbox", "--from=docx", "--to=json", f"--track-changes={track_changes}"]
    if extract is not None:
        cmd.append(f"--extract-media={extract}")
    proc = run_limited([*cmd, str(docx)], b"", env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
                       what="reading the Word file (pandoc)")
    if proc.returncode != 0:
        raise ImportSourceError("pandoc could not read this Word file ("
                                f"{proc.stderr.decode('utf-8', 'replace').strip()}): open it in Word "
                                "and save it again as Word-document (.docx)", docx)
    return json.loads(proc.stdout)


def _write_markdown(ast: dict) -> str:
    from staatc.render.limits import run_limited
    from staatc.render.pandoc import pandoc_path

    cmd = [pandoc_path(), "--sandbox", "--from=json", f"--to={WRITER}", "--columns=100"]
    proc = run_limited(cmd, json.dumps(ast).encode("utf-8"), env={"LANG": "C.UTF-8"},
                       what="writing the chapter (pandoc)")
    if proc.returncode != 0:  # our own AST: a bug, not the editor's mistake
        raise RuntimeError(proc.stderr.decode("utf-8", "replace"))
    return proc.stdout.decode("utf-8")


def _walk(node, visit):
    """Every element of pandoc's JSON AST, in document order (lists and dicts alike)."""
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def _plain(node) -> str:
    parts: list[str] = []

    def text(n: dict) -> None:
        if n.get("t") == "Str":
            parts.append(n["c"])
        elif n.get("t") in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
        elif n.get("t") == "MetaString":
            parts.append(n["c"])

    _walk(node, text)
    return " ".join("".join(parts).split())


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _changes_and_comments(ast: dict, docx: Path) -> list[Problem]:
    """A warning per comment and per tracked change, in the order they stand in the document."""
    found: list[Problem] = []

    def visit(node: dict) -> None:
        if node.get("t") != "Span":
            return
        (_, classes, attrs), content = node["c"]
        attrs = dict(attrs)
        who = attrs.get("author", "someone")
        when = f" on {attrs['date'][:10]}" if attrs.get("date", "")[:4].isdigit() else ""
        text = _short(_plain(content))
        if "comment-start" in classes:
            found.append(problem("word-comment", docx, None,
                                 f"comment by {who}{when}: '{text}': comments are not imported; settle "
                                 "it in Word, or write its point into the chapter"))
        elif "insertion" in classes and text:
            found.append(problem("word-tracked-change", docx, None,
                                 f"tracked insertion by {who}{when}: '{text}' was accepted into the "
                                 "chapter; remove it there if it should not stay"))
        elif "deletion" in classes and text:
            found.append(problem("word-tracked-change", docx, None,
                                 f"tracked deletion by {who}{when}: '{text}' was accepted (left out of "
                                 "the chapter); write it back there if it should stay"))

    _walk(ast["blocks"], visit)
    return found


def _take_title(ast: dict) -> str | None:
    """The Word title (its Title style), else the first heading, which then leaves the body."""
    if title := _plain(ast["meta"].get("title", {})):
        return title
    for i, block in enumerate(ast["blocks"]):
        if block.get("t") == "Header":
            del ast["blocks"][i]
            return _plain(block["c"][2]) or None
    return None


def _images(ast: dict, extracted: Path, media: Path, prefix: str) -> list[Path]:
    """Save every image under images/<chapter>/ and point the Markdown there; text stays text."""
    saved: dict[str, Path] = {}

    def visit(node: dict) -> None:
        if node.get("t") == "Str" and _TEMPLATE_OPEN.search(node["c"]):
            # A literal '{{' in Word would be read as an expression: write it as one that prints it.
            node["c"] = _TEMPLATE_OPEN.sub(lambda m: "{{ '" + m[0] + "' }}", node["c"])
        if node.get("t") == "Table":  # Word's column widths would force grid tables: pipe tables
            node["c"][2] = [[align, {"t": "ColWidthDefault"}] for align, _ in node["c"][2]]
        if node.get("t") != "Image":
            return
        attr, _alt, (src, title) = node["c"]
        source = (extracted / src).resolve() if not Path(src).is_absolute() else Path(src).resolve()
        if not source.is_relative_to(extracted.resolve()) or not source.is_file():
            return  # a linked (not embedded) picture: the check reports the image as missing
        if src not in saved:
            safe = re.sub(r"[^a-z0-9.]+", "-", source.name.lower()).strip("-.") or "afbeelding"
            path = media / f"{len(saved) + 1:02d}-{safe}"
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)
            saved[src] = path
        # Word's sizes are in inches of its page, not the report's: the house style sizes images.
        node["c"] = [[attr[0], attr[1], []], _alt, [f"{prefix}/{saved[src].name}", title]]

    _walk(ast["blocks"], visit)
    return list(saved.values())


def _author(docx: Path) -> str | None:
    """The author in the Word file's properties (pandoc's reader does not read it)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(docx) as z:
            info = z.getinfo("docProps/core.xml")
            if info.file_size > 1_000_000:  # a few hundred bytes in any real file
                return None
            core = etree.fromstring(z.read(info), etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    creator = core.findtext("{http://purl.org/dc/elements/1.1/}creator") or ""
    return " ".join(creator.split()) or None


def _chapters(root: Path):
    from staatc.load.edition import load_edition

    return load_edition(root)[0].chapters


def _chapter_text(title: str, owner: str, deadline: date, body: str) -> str:
    import yaml

    def lines(**fields) -> str:
        return yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)

    return ("---\n" + lines(title=title, status="concept")
            + "# Imported from Word: check the owner and the deadline.\n"
            + lines(owner=owner, deadline=deadline) + "---\n" + body)


def summary(done: Imported, cwd: Path) -> list[str]:
    """What `staatc import` prints: every warning and problem, then what it wrote."""
    lines = [p.format(cwd) for p in done.problems]
    where = os.path.relpath(done.chapter, cwd)
    images = f" and {len(done.images)} image(s) in {os.path.relpath(done.images[0].parent, cwd)}/" \
        if done.images else ""
    lines.append(f"Wrote: {where}{images}")
    return lines
