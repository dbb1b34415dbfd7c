"""The rapportage's Typst body, converted by section and kept between builds.

pandoc → Typst is half of the PDF's chain, and after an edit to one chapter every other section
of the document (the chapters and generated parts of assemble/rapportage.py) would come out the
same. So a whole conversion marks where each section's Typst starts (staatc.lua), and the pieces
are kept in the render cache; the next build converts only the section that changed.

A section is not independent of the others: the filter's first walk reads across them (ids that
links may point at, the text a reference `@id` shows, link names, table and figure numbers, the
part of the chapter before) and pandoc numbers repeated heading ids across the document
(`inleiding`, `inleiding-1`). So the whole conversion also reports what each section added to
the filter's tables, one section converts with the tables as the whole walk would have left
them, and its own report must equal the one kept: if it does not (a heading renamed, a table
added), the whole body is converted again. Two things of pandoc's reader reach across sections
without the filter seeing them, reference definitions (`[x]: https://…`) and example lists
(`(@)`); a document with either is always converted whole. A kept entry is a hint: one that
does not have the right shape is ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import tempfile
from pathlib import Path

from staatc.assemble.document import Document
from staatc.render.base import RenderError
from staatc.render.cache import keep_part, kept_part
from staatc.render.pandoc import run_pandoc

PART = "rapportage-typst-sections"
# Reference definitions and example list items: pandoc's reader links these across sections.
_ACROSS = re.compile(r"^[ \t>]*\[(?!\^)[^\]\n]*\]:|\(@", re.MULTILINE)


def typst_body(doc: Document, epoch: int, manifest: Path | None) -> str:
    """pandoc's Typst for the document's body: the sections an edit left alone from the cache."""
    if not doc.sections:
        return run_pandoc(doc.markdown, "typst", [], epoch=epoch, media_manifest=manifest).decode("utf-8")
    context = _context(epoch, manifest)
    hashes = [hashlib.sha256(s.encode("utf-8")).hexdigest() for s in doc.sections]
    alone = all(s.startswith("# ") for s in doc.sections) and not any(
        _ACROSS.search(s) for s in doc.sections)
    kept = _read_kept(kept_part(PART), context)
    markup = reports = None
    if kept is not None and len(kept["hashes"]) == len(hashes):
        changed = [i for i, (new, old) in enumerate(zip(hashes, kept["hashes"])) if new != old]
        if not changed:
            markup, reports = kept["markup"], kept["reports"]
        elif len(changed) == 1 and alone and kept["alone"]:
            markup, reports = _convert_one(doc.sections, changed[0], kept, epoch, manifest)
    if markup is None:
        markup, reports = _convert_whole(doc.sections, epoch, manifest)
    keep_part(PART, json.dumps({"context": context, "alone": alone, "hashes": hashes,
                                "markup": markup, "reports": reports}).encode("utf-8"))
    return "\n\n".join(markup) + "\n"


def _context(epoch: int, manifest: Path | None) -> str:
    """What a section's Typst depends on besides its text and the reports: the images' safe
    names (render/media.py; not their temp folder) and the date."""
    media = json.loads(manifest.read_text(encoding="utf-8")) if manifest else {}
    names = {src: {k: v for k, v in entry.items() if k != "file"} for src, entry in media.items()}
    return json.dumps([epoch, names], sort_keys=True)


def _convert_whole(sections: tuple[str, ...], epoch: int, manifest: Path | None
                   ) -> tuple[list[str], list[dict]]:
    marker = secrets.token_hex(8)
    start = f"<!-- staatc-section:{marker} -->"
    markdown = "\n\n".join(f"{start}\n\n{section}" for section in sections) + "\n"
    out = run_pandoc(markdown, "typst", [], epoch=epoch, media_manifest=manifest, sections=marker)
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
    marker = secrets.token_hex(8)
    # Headings that take the earlier sections' ids, so pandoc numbers repeated ids as in the
    # whole; the filter drops what comes before the marker.
    taken = "".join(f"# - {{#{heading}}}\n\n" for r in before for heading in r["headings"])
    markdown = f"{taken}<!-- staatc-section:{marker} -->\n\n{sections[k]}\n"
    with tempfile.TemporaryDirectory(prefix="staatc-section-") as tmp:
        path = Path(tmp) / "state.json"
        path.write_text(json.dumps(state), encoding="utf-8")
        out = run_pandoc(markdown, "typst", [], epoch=epoch, media_manifest=manifest,
                         sections=marker, section_state=path)
    [piece], [report] = _split(out.decode("utf-8"), marker, 1)
    if report != reports[k]:
        return None, None
    markup = list(kept["markup"])
    markup[k] = piece
    return markup, reports


def _merged(reports: list[dict]) -> dict:
    """The reports' additions in order, for the filter to replay."""
    return {key: [item for r in reports for item in r[key]] for key in ("ids", "refs", "names")}


def _split(out: str, marker: str, count: int) -> tuple[list[str], list[dict]]:
    """The Typst of each section, and each section's report, from a marked conversion."""
    body, _, last = out.rstrip("\n").rpartition("\n")
    head = f"// staatc-sections:{marker} "
    pieces = body.split(f"// staatc-section:{marker}")
    if not last.startswith(head) or len(pieces) != count + 1 or pieces[0].strip():
        raise RenderError("pandoc's Typst did not come in the sections it was given")
    reports = [_report(r) for r in json.loads(last[len(head):])]
    if len(reports) != count:
        raise RenderError("pandoc's Typst did not come in the sections it was given")
    return [piece.strip("\n") for piece in pieces[1:]], reports


def _report(raw) -> dict:
    """A report as the filter wrote it; an empty Lua table may come as {} rather than []."""
    report = {key: list(raw.get(key) or []) for key in ("ids", "headings", "refs", "names")}
    report.update(tables=raw["tables"], figures=raw["figures"])
    if "part" in raw:
        report["part"] = raw["part"]
    return report


def _read_kept(data: bytes | None, context: str) -> dict | None:
    """The kept entry if it is one, for this context; anything else is ignored."""
    if data is None:
        return None
    try:
        kept = json.loads(data)
        n = len(kept["hashes"])
        ok = (kept["context"] == context and isinstance(kept["alone"], bool)
              and len(kept["markup"]) == n and len(kept["reports"]) == n
              and all(isinstance(x, str) for x in [*kept["hashes"], *kept["markup"]])
              and all(_valid_report(r) for r in kept["reports"]))
    except (ValueError, KeyError, TypeError):
        return None
    return kept if ok else None


def _valid_report(r) -> bool:
    return (isinstance(r, dict) and all(isinstance(x, str) for x in [*r["ids"], *r["headings"]])
            and all(_pair(x) for x in [*r["refs"], *r["names"]])
            and isinstance(r["tables"], int) and isinstance(r["figures"], int)
            and isinstance(r.get("part", ""), str))


def _pair(x) -> bool:
    return isinstance(x, list) and len(x) == 2 and all(isinstance(v, str) for v in x)
