"""The rapportage's Typst, kept per section: after an edit only that section goes through pandoc.

pandoc → Typst is half of the PDF's chain. A whole conversion (render/sections.py marks the
sections) gives each section's Typst and, from staatc.lua's first walk, a report of what the
section added to the tables that walk reads across sections: ids that links may point at, the
text a reference `@id` shows, link names, table and figure numbers, the part of its chapter.
One section then converts alone with the tables as the whole walk would have left them (the
sections before it, replayed, then the ones after), and its own report must equal the one
kept: if it does not (a heading renamed, a table added), the whole body is converted again.
A section that ends inside something still open (an unclosed `<!--`, which in the whole runs
on into the next sections) swallows the marker after it; then the whole is converted without
markers, as a document without sections is.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from staatc.assemble.document import Document
from staatc.render import sections as by_section
from staatc.render.base import RenderError
from staatc.render.cache import keep_part, kept_part
from staatc.render.pandoc import run_pandoc

PART = "rapportage-typst-sections"


def typst_sections(doc: Document, epoch: int, manifest: Path | None) -> list[str]:
    """pandoc's Typst for each section of the document (the sections an edit left alone from
    the cache); a document without sections is one."""
    if not doc.sections:
        return [_unmarked(doc, epoch, manifest)]
    context = _context(epoch, manifest)
    hashes, alone = by_section.fingerprints(doc.sections)
    kept = _valid(by_section.load(kept_part(PART)), context)
    markup = reports = None
    todo = by_section.changed(hashes, kept)
    if todo == []:
        markup, reports = kept["markup"], kept["reports"]
    elif todo is not None and len(todo) == 1 and alone:
        markup, reports = _convert_one(doc.sections, todo[0], kept, epoch, manifest)
    if markup is None:
        markup, reports = _convert_whole(doc.sections, epoch, manifest)
    if markup is None:  # a section's end reached into the next one: the whole, unmarked, as ever
        return [_unmarked(doc, epoch, manifest)]
    keep_part(PART, json.dumps({"context": context, "alone": alone, "hashes": hashes,
                                "markup": markup, "reports": reports}).encode("utf-8"))
    return markup


def _unmarked(doc: Document, epoch: int, manifest: Path | None) -> str:
    """The whole body in one conversion, without markers (and without a report)."""
    return run_pandoc(doc.markdown, "typst", [], epoch=epoch, media_manifest=manifest).decode("utf-8")


def _context(epoch: int, manifest: Path | None) -> str:
    """What a section's Typst depends on besides its text and the reports: the images' safe
    names (render/media.py; not their temp folder) and the date."""
    media = json.loads(manifest.read_text(encoding="utf-8")) if manifest else {}
    names = {src: {k: v for k, v in entry.items() if k != "file"} for src, entry in media.items()}
    return json.dumps([epoch, names], sort_keys=True)


def _convert_whole(sections: tuple[str, ...], epoch: int, manifest: Path | None
                   ) -> tuple[list[str] | None, list[dict] | None]:
    """Each section's Typst and report; (None, None) when a marker did not come through: a
    section ends inside something still open (an unclosed `<!--`), which in the whole reaches
    into the sections after it."""
    marker = by_section.new_marker()
    out = run_pandoc(by_section.marked(sections, marker), "typst", [], epoch=epoch,
                     media_manifest=manifest, sections=marker)
    return _split(out.decode("utf-8"), marker, len(sections))


def _convert_one(sections: tuple[str, ...], k: int, kept: dict, epoch: int,
                 manifest: Path | None) -> tuple[list[str] | None, list[dict] | None]:
    """Section `k` converted alone, with what the others added as the whole walk saw it; or
    (None, None) when its report differs from the kept one (the others may change too)."""
    reports = kept["reports"]
    before, after = reports[:k], reports[k + 1:]
    part = next((r["part"] for r in reversed(before) if "part" in r), "")
    state = {"before": {**_merged(before), "tables": sum(r["tables"] for r in before),
                        "figures": sum(r["figures"] for r in before), "part": part},
             "after": _merged(after)}
    marker = by_section.new_marker()
    last = k == len(sections) - 1
    markdown = by_section.alone(sections[k], [h for r in before for h in r["headings"]], marker,
                                closed=not last)
    with tempfile.TemporaryDirectory(prefix="staatc-section-") as tmp:
        path = Path(tmp) / "state.json"
        path.write_text(json.dumps(state), encoding="utf-8")
        out = run_pandoc(markdown, "typst", [], epoch=epoch, media_manifest=manifest,
                         sections=marker, section_state=path)
    # A section before another ends with a second marker: if that one did not come through,
    # the section ends inside something open, which in the whole reaches into the next.
    pieces, read = _split(out.decode("utf-8"), marker, 1 if last else 2)
    if pieces is None or read[0] != reports[k]:
        return None, None
    markup = list(kept["markup"])
    markup[k] = pieces[0]
    return markup, reports


def _merged(reports: list[dict]) -> dict:
    """The reports' additions in order, for the filter to replay."""
    return {key: [item for r in reports for item in r[key]] for key in ("ids", "refs", "names")}


def _split(out: str, marker: str, count: int) -> tuple[list[str] | None, list[dict] | None]:
    """The Typst of each section, and each section's report, from a marked conversion; (None,
    None) when it did not come in `count` sections."""
    body, _, last = out.rstrip("\n").rpartition("\n")
    head = f"// staatc-sections:{marker} "
    pieces = body.split(f"// staatc-section:{marker}")
    if not last.startswith(head) or len(pieces) != count + 1 or pieces[0].strip():
        return None, None
    reports = [_report(r) for r in json.loads(last[len(head):])]
    if len(reports) != count:
        raise RenderError("staatc.lua reported other sections than it marked")
    return [piece.strip("\n") for piece in pieces[1:]], reports


def _report(raw) -> dict:
    """A report as the filter wrote it; an empty Lua table may come as {} rather than []."""
    report = {key: list(raw.get(key) or []) for key in ("ids", "headings", "refs", "names")}
    report.update(tables=raw["tables"], figures=raw["figures"])
    if "part" in raw:
        report["part"] = raw["part"]
    return report


def _valid(kept, context: str) -> dict | None:
    """The kept entry if it is one, for this context; anything else is ignored."""
    try:
        n = len(kept["hashes"])
        ok = (kept["context"] == context and isinstance(kept["alone"], bool)
              and by_section.strings(kept["hashes"]) and by_section.strings(kept["markup"])
              and len(kept["markup"]) == n and len(kept["reports"]) == n
              and all(_valid_report(r) for r in kept["reports"]))
    except (KeyError, TypeError):
        return None
    return kept if ok else None


def _valid_report(r) -> bool:
    return (isinstance(r, dict) and by_section.strings(r["ids"]) and by_section.strings(r["headings"])
            and all(_pair(x) for x in [*r["refs"], *r["names"]])
            and isinstance(r["tables"], int) and isinstance(r["figures"], int)
            and isinstance(r.get("part", ""), str))


def _pair(x) -> bool:
    return by_section.strings(x) and len(x) == 2
