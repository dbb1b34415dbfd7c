"""A Word file where a Markdown source should be: say what it is and what to do.

Editors write in Word; a draft saved (or renamed) as `.md` would otherwise be reported as
"not valid UTF-8", which says nothing to them. The file's signature tells: a zip with `word/`
parts is a .docx, an OLE compound file an old .doc.
"""

from __future__ import annotations

import re
from pathlib import Path

from staatc.errors import WordFileError


def refuse_word_file(data: bytes, path: Path, root: Path) -> None:
    """A Word file saved (or renamed) as .md: say what it is instead of "not valid UTF-8"."""
    if data.startswith(b"PK\x03\x04") and b"word/" in data:  # .docx: a zip with word/document.xml
        what, first = "this is a Word file (.docx), not Markdown text", ""
    elif data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # .doc: an OLE compound file
        what, first = "this is an old Word file (.doc), not Markdown text", "save it in Word as .docx, "
    else:
        return
    stem = path.name.removesuffix(path.suffix)
    chapter = stem if re.match(r"\d{2}-[a-z0-9][a-z0-9-]*$", stem) else "NN-slug"
    raise WordFileError(f"{what}: {first}move it out of the edition as {stem}.docx and use "
                        f"'staatc import {stem}.docx {root.name} --chapter {chapter}' to make a "
                        "chapter of it", path)
