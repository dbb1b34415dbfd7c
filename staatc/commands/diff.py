"""`staatc diff`: compare two editions or drafts and render the comparison in one format."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FORMATS = ("text", "json", "html", "docx")


@dataclass(frozen=True)
class DiffOutput:
    text: object | None = None   # for stdout: a str, or rich Text when coloured
    written: Path | None = None  # the file written instead, if any


def diff(old: str, new: str, cwd: Path, fmt: str, out: Path | None, as_of: date,
         color: bool = False) -> DiffOutput:
    """`color` applies only to text on stdout; the caller knows whether that is a terminal."""
    from staatc.diff.sources import compare
    from staatc.output import write_atomic

    if fmt == "docx":  # the new rapportage with tracked changes, rendered as the build does
        from staatc.diff.redline import redline_docx

        target = out or cwd / safe_name(f"diff-{old}-{new}.docx")
        write_atomic(target, compare(old, new, cwd, as_of, then=redline_docx))
        return DiffOutput(written=target)
    result = compare(old, new, cwd, as_of)
    if fmt == "text":
        from staatc.diff.to_text import render as render_text

        text = render_text(result, color and out is None)
        if color and out is None:
            return DiffOutput(text=text)
        output = text.plain
    elif fmt == "json":
        from staatc.diff.to_json import render as render_json

        output = render_json(result)
    else:
        from staatc.diff.to_html import render as render_html

        output = render_html(result)
    if out is None:
        return DiffOutput(text=output)
    write_atomic(out, output.encode("utf-8"))
    return DiffOutput(written=out)


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)
