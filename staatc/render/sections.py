"""A document converted by section, and what of it is kept between builds.

The rapportage is its sections (assemble/rapportage.py: the chapters and generated parts, each
under its `#` heading), and after an edit to one chapter the others come out of pandoc as they
did before. So the PDF keeps the Typst of each section in the render cache (render/cache.py
`kept_part`, render/typst_sections.py). A whole conversion marks where each section starts with
an HTML comment that holds a marker, random per conversion, so no text can forge one;
staatc.lua splits the document there.

Pandoc's Markdown reader links sections in three ways. Repeated heading ids are numbered across
the document (`aanpak`, `aanpak-1`): a section read alone comes after headings that take the
earlier sections' ids, which are dropped again. Reference definitions (`[x]: https://…`) and
example lists (`(@)`) reach across sections too; a document with either is always converted
whole. A section that ends in an unclosed `<!--` runs on into the next ones: it swallows the
marker after it, which shows it (typst_sections.py then converts the whole without markers).
What the filter reads across sections is typst_sections.py's to carry.

A kept entry is a hint, like every cache entry: one that is not of the right shape, or that
was made from other sections, is ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from typing import Any

_OPENS = re.compile(r"\[(?!\^)")  # a bracket that does not open a footnote's label


def reaches_across(text: str) -> bool:
    """Whether the text may hold what pandoc's reader links across sections: an example list
    (`(@)`) or a reference definition. Any "[…]:" but a footnote's counts (in code too, or with
    a label over two lines): a section that needs no other is at worst converted with the
    others. Linear in the text, however many brackets a draft holds: each "]:" looks back
    only to the "]" before it."""
    if "(@" in text:
        return True
    end = text.find("]:")
    while end != -1:
        if _OPENS.search(text, text.rfind("]", 0, end) + 1, end):
            return True
        end = text.find("]:", end + 2)
    return False


def fingerprints(sections: tuple[str, ...]) -> tuple[list[str], bool]:
    """Each section's hash, and whether a section may be read without the others."""
    hashes = [hashlib.sha256(s.encode("utf-8")).hexdigest() for s in sections]
    alone = all(s.startswith("# ") for s in sections) and not any(map(reaches_across, sections))
    return hashes, alone


def changed(hashes: list[str], kept: dict | None) -> list[int] | None:
    """The sections that differ from the kept ones; None when the kept entry cannot be used
    section by section (none, another number of sections, or one of them not readable alone)."""
    if kept is None or len(kept["hashes"]) != len(hashes) or not kept["alone"]:
        return None
    return [i for i, (new, old) in enumerate(zip(hashes, kept["hashes"])) if new != old]


def new_marker() -> str:
    return secrets.token_hex(8)


def start(marker: str) -> str:
    return f"<!-- staatc-section:{marker} -->"


def marked(sections: tuple[str, ...], marker: str) -> str:
    """The whole Markdown, each section after its marker."""
    return "\n\n".join(f"{start(marker)}\n\n{section}" for section in sections) + "\n"


def alone(section: str, earlier_headings: list[str], marker: str, closed: bool) -> str:
    """One section after headings that take the earlier sections' ids, so that pandoc numbers a
    repeated heading id as it would in the whole; everything before the marker is dropped.
    `closed`: a second marker after it, which comes through only if the section ends with
    nothing open (an unclosed `<!--`) that would reach into the next one."""
    taken = "".join(f"# - {{#{heading}}}\n\n" for heading in earlier_headings)
    after = f"\n{start(marker)}\n" if closed else ""
    return f"{taken}{start(marker)}\n\n{section}\n{after}"


def load(data: bytes | None) -> Any:
    """A kept entry's JSON, or None when there is none or it is not JSON."""
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)
