"""Load: an edition folder → typed models, with every problem located.

Nothing here stops at the first mistake: each file is read on its own and what
goes wrong becomes a `Problem`, so `staatc check` can list them all at once.
Nothing is read outside the edition folder (drafts may come from outsiders).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from staatc.codes import problem
from staatc.errors import (
    FrontMatterError,
    InvalidEdition,
    Problem,
    SourceEncodingError,
    StaatcError,
    UnsafePathError,
)
from staatc.model import Chapter, Edition, EditionConfig, Kamerbrief, Onderzoek, Source, Stand, _Document
from staatc.load.files import resolved, walk_files
from staatc.load.locate import resolve_edition  # noqa: F401 - where the commands have always found it
from staatc.load.wordfile import refuse_word_file
from staatc.load.yamlmarks import parse_yaml

CHAPTER_NAME = re.compile(r"^(\d{2})-([a-z0-9][a-z0-9-]*)\.md$")
SLUG_NAME = re.compile(r"^([a-z0-9][a-z0-9-]*)\.md$")
MAX_SOURCE_BYTES = 20 * 1024 * 1024
# Control characters cannot be shown, break Word's XML and Typst: tabs and newlines are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

D = TypeVar("D", bound=_Document)


def read_source(path: Path, root: Path) -> str:
    """Read a source file as text: inside the edition only, UTF-8 (a BOM is fine), LF lines."""
    ensure_inside(path, root)
    # A FIFO or device would block or never end: only regular files are read, and their size
    # is known before a single byte is.
    if not path.is_file():
        raise UnsafePathError("this is not a regular file: replace it by a text file", path)
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise SourceEncodingError(
            f"this file is {path.stat().st_size // (1024 * 1024)} MB; source files may be at "
            f"most {MAX_SOURCE_BYTES // (1024 * 1024)} MB: split it up",
            path,
        )
    data = path.read_bytes()
    refuse_word_file(data, path, root)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceEncodingError(
            "this file is not valid UTF-8 text (byte "
            f"0x{data[exc.start]:02x}); save it as UTF-8 in your editor",
            path,
            line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if bad := _CONTROL.search(text):
        raise SourceEncodingError(
            f"this line contains an invisible control character (U+{ord(bad[0]):04X}); delete it "
            "(retype the text around it if you cannot see it)",
            path,
            text.count("\n", 0, bad.start()) + 1,
        )
    return text


def ensure_inside(path: Path, root: Path) -> Path:
    """Refuse a path (or a symlink) that leads outside the edition folder, or round in a loop."""
    target = resolved(path)
    if not target.is_relative_to(resolved(root)):
        raise UnsafePathError(
            "this file points outside the edition folder (a symbolic link or '..'); "
            "copy the file into the edition folder instead",
            path,
        )
    return target


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter, body, line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            "the file must start with a front matter block: a line '---', the fields, and "
            "another line '---'",
            path,
            1,
        )
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            # A file that ends on its closing '---' has no body line: point at the '---'.
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), min(i + 2, len(lines))
    raise FrontMatterError(
        "the front matter block is not closed: add a line '---' after the last field",
        path,
        1,
    )


def load_document(path: Path, cls: type[D], root: Path, slug: str, **extra: Any) -> D:
    text = read_source(path, root)
    front, body, body_line = split_front_matter(text, path)
    data, lines = parse_yaml(front, path, first_line=2)
    lines.setdefault((), 1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "the front matter must be a list of 'key: value' lines", path, lines.get((), 2)
        )
    try:
        meta = cls.meta_model.model_validate(data)
    except ValidationError as exc:
        from staatc.load.messages import problems_from_validation  # wording loaded only for an error
        raise InvalidEdition(problems_from_validation(exc, path, lines, cls.meta_model)) from None
    source = Source(path=path, lines=lines, body_line=body_line)
    return cls.model_construct(**dict(meta), slug=slug, body=body, source=source, **extra)


def load_config(path: Path, root: Path) -> tuple[EditionConfig, Source]:
    data, lines = parse_yaml(read_source(path, root), path)
    lines.setdefault((), 1)
    if not isinstance(data, dict):
        raise FrontMatterError("edition.yaml must be a list of 'key: value' lines", path, 1)
    try:
        config = EditionConfig.model_validate(data)
    except ValidationError as exc:
        from staatc.load.messages import problems_from_validation  # wording loaded only for an error
        raise InvalidEdition(problems_from_validation(exc, path, lines, EditionConfig)) from None
    return config, Source(path=path, lines=lines)


def load_edition(root: Path) -> tuple[Edition, list[Problem]]:
    """Load every file of the edition; return the model and every problem found."""
    root = root.resolve()
    problems: list[Problem] = []

    unloaded: list[Path] = []

    def attempt(fn, path, *args, **kwargs):
        try:
            return fn(path, *args, **kwargs)
        except StaatcError as exc:
            problems.extend(exc.problems)
            unloaded.append(path)
            return None

    loaded = attempt(load_config, root / "edition.yaml", root)
    config, config_source = loaded if loaded else (None, Source(root / "edition.yaml"))

    chapters: list[Chapter] = []
    for path in _markdown_files(root / "chapters", root, problems):
        match = CHAPTER_NAME.match(path.name)
        if not match:
            problems.append(
                problem("chapter-name", path, None,
                        "a chapter file must be named NN-slug.md (two digits, a dash, lowercase "
                        "letters, digits and dashes), e.g. 02-complexiteitsreductie.md: rename it")
            )
            continue
        chapter = attempt(load_document, path, Chapter, root, path.stem, number=int(match[1]))
        if chapter is not None:
            chapters.append(chapter)

    standen = _load_collection(Stand, root / "standen", root, problems, attempt)
    onderzoeken = _load_collection(Onderzoek, root / "onderzoeken", root, problems, attempt)

    kamerbrief = None
    kb_path = root / "kamerbrief.md"
    if kb_path.is_file() or kb_path.is_symlink():
        kamerbrief = attempt(load_document, kb_path, Kamerbrief, root, "kamerbrief")
    else:
        problems.append(
            problem("missing-kamerbrief", kb_path, None,
                    "the edition has no kamerbrief.md: add the minister's cover letter "
                    "(see the format in the README)")
        )

    if not any((root / "chapters").glob("*.md")):
        problems.append(
            problem("no-chapters", root / "chapters", None,
                    "the edition has no chapters: add Markdown files such as "
                    "chapters/01-inleiding.md")
        )

    from staatc.load.house_style import load_house_style  # it reads files as read_source does

    house_style, style_problems = load_house_style(root)
    try:  # the build hashes every file of the edition: a tree it cannot walk is refused here
        for _ in walk_files(root):
            pass
        images = _image_files(root, problems)
    except UnsafePathError as exc:
        problems.extend(exc.problems)
        images = {}
    problems += style_problems
    edition = Edition(
        root=root,
        config=config,
        config_source=config_source,
        chapters=chapters,
        standen=standen,
        onderzoeken=onderzoeken,
        kamerbrief=kamerbrief,
        images=images,
        unloaded=tuple(unloaded),
        house_style=house_style,
    )
    return edition, problems


def _load_collection(cls, folder: Path, root: Path, problems: list[Problem], attempt) -> list:
    items = []
    for path in _markdown_files(folder, root, problems):
        match = SLUG_NAME.match(path.name)
        if not match:
            problems.append(
                problem("file-name", path, None,
                        "the file name is its slug: use lowercase letters, digits and dashes "
                        f"only, e.g. {folder.name}/uwv.md: rename it")
            )
            continue
        item = attempt(load_document, path, cls, root, match[1])
        if item is not None:
            items.append(item)
    return items


def _markdown_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    if not folder.is_dir() or not _folder_inside(folder, root, problems):
        return []
    files = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix.lower() != ".md":
            problems.append(
                problem("stray-file", path, None,
                        f"only Markdown (.md) files are read in {folder.name}/; this folder "
                        "is ignored: move what it holds up, or remove it" if path.is_dir() else
                        f"only Markdown (.md) files are read in {folder.name}/; this file is "
                        "ignored: remove it or rename it to .md")
            )
            continue
        files.append(path)
    return files


def _folder_inside(folder: Path, root: Path, problems: list[Problem]) -> bool:
    """A folder of the edition that is a symbolic link out of it is reported once, not per file."""
    try:
        if resolved(folder).is_relative_to(root):
            return True
    except UnsafePathError as exc:
        problems.extend(exc.problems)
        return False
    problems.append(
        problem("unsafe-path", folder, None,
                f"the folder {folder.name}/ points outside the edition folder (a symbolic "
                "link); make it a real folder inside the edition")
    )
    return False


def _image_files(root: Path, problems: list[Problem]) -> dict[str, Path]:
    """Images by the path an editor writes (`images/x.png`); links out of the edition are refused."""
    folder = root / "images"
    if not folder.is_dir() or not _folder_inside(folder, root, problems):
        return {}
    found = {}
    try:
        for path in walk_files(folder):
            try:
                inside = resolved(path).is_relative_to(root)
            except UnsafePathError as exc:
                problems.extend(exc.problems)
                continue
            if not inside:
                problems.append(
                    problem("unsafe-path", path, None,
                            "this file points outside the edition folder (a symbolic link); copy "
                            "the image into images/ instead")
                )
            elif path.is_file():
                found[path.relative_to(root).as_posix()] = path
    except UnsafePathError as exc:
        problems.extend(exc.problems)
    return found
