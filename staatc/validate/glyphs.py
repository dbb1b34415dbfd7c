"""Characters the PDF cannot print: found by `check`, so the build never fails on them.

The PDF is PDF/A-2a + PDF/UA-1 with the bundled Noto Sans and Typst's own fonts, and those
standards forbid a character without a glyph: Typst stops the whole PDF on one emoji or one
Chinese word. (Found by fuzzing whole editions; Word has no such limit.) So `check` reports
each such character at the first line that has it.

The characters beyond ASCII that the edition uses (a few dozen in Dutch text) are put to
Typst itself, in one tiny probe document with the same fonts and standards as the PDF: about
0.1 s. Each missing character it names costs one more compile, for at most MAX_REPORTED of
them, so a chapter in Chinese costs a handful of compiles, not thousands.
"""

from __future__ import annotations

import json
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from staatc import TEMPLATES
from staatc.codes import problem
from staatc.errors import Problem, StaatcError
from staatc.load.edition import read_source
from staatc.load.house_style import stage_fonts
from staatc.model import Edition, bundled_fonts

FONTS = TEMPLATES / "fonts"
MAX_REPORTED = 10
_PROBE = (
    "#set document(title: [Probe])\n"
    '#set text(font: "Noto Sans", fallback: true)\n'
    '#for c in json(bytes(sys.inputs.chars)) [#c #parbreak()]\n'
)
_MISSING = re.compile(r'the text `"(.*)"` could not be displayed')
_RUST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]+)\}|\\(.)")


def _fonts(folder: Path):
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                       font_paths=[str(folder)])


@lru_cache(maxsize=1)
def _bundled_fonts():
    return _fonts(FONTS)


def _unescape(debug: str) -> str:
    """Rust's Debug form of a string ("\\u{301}", '\\"') back to the string."""
    return _RUST_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else
                            {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(m[2], m[2]), debug)


def unprintable(chars: set[str], fonts: tuple[Path, ...] | None = None) -> list[str]:
    """The characters of `chars` that none of `fonts` (default: the bundled ones) nor Typst's
    own fonts can print (at most MAX_REPORTED)."""
    if fonts is None or fonts == bundled_fonts():
        return _unprintable(chars, _bundled_fonts())
    with tempfile.TemporaryDirectory(prefix="staatc-glyphs-") as tmp:  # the house style's own
        return _unprintable(chars, _fonts(stage_fonts(fonts, Path(tmp))))


def _unprintable(chars: set[str], fonts) -> list[str]:
    import typst

    left, found = sorted(chars), []
    while left and len(found) < MAX_REPORTED:
        compiler = typst.Compiler(root=str(FONTS), font_paths=fonts, ignore_system_fonts=True,
                                  sys_inputs={"chars": json.dumps(left)})
        try:
            compiler.compile(input=_PROBE.encode(), format="pdf", pdf_standards=["a-2a", "ua-1"])
            break
        except typst.TypstError as exc:
            match = _MISSING.search(exc.message)
            bad = [c for c in _unescape(match[1]) if c in left] if match else []
            if not bad:
                break  # not a missing glyph: the build will say what it is
            found += bad
            left = [c for c in left if c not in bad]
    return found[:MAX_REPORTED]


def glyph_problems(ed: Edition) -> list[Problem]:
    """One problem per character the PDF cannot print, at its first file and line."""
    first: dict[str, tuple[Path, int]] = {}
    sources = [ed.config_source.path, *(d.source.path for d in ed.documents())]
    for path in sources:
        if path in ed.unloaded:
            continue  # the loader has reported it
        try:
            text = read_source(path, ed.root)  # never through a link out of the edition
        except (StaatcError, OSError):
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            for c in line:
                if ord(c) > 0x7E and c not in first:
                    first[c] = (path, number)
    if not first:
        return []
    problems = []
    for c in unprintable({c for c in first if not c.isspace()}, ed.house_style.fonts):
        path, line = first[c]
        problems.append(problem(
            "glyph-missing", path, line,
            f"the character '{c}' (U+{ord(c):04X}) cannot be printed in the PDF: its fonts have "
            "no letter for it; remove it, or write it in words",
        ))
    return problems
