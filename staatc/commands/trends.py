"""`staatc trends`: the figures of "Door de jaren heen" for the terminal or for analysts.

The edition is checked first (without the editorial checks): trends of a broken
series would count the breakage. Text, JSON and CSV come from the same records
(staatc.series.figures.edition_records) as the template context.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from staatc.errors import EditionNotFound, InvalidEdition, has_errors
from staatc.load.locate import editions_folder, enclosing_edition, resolve_edition
from staatc.load.folders import EDITIONS_FOLDER, edition_folders
from staatc.load.series import Series
from staatc.series.figures import edition_records, oproepen_rows, returning_knelpunten, theme_rows
from staatc.validate.check import check_edition

FORMATS = ("text", "json", "csv")


def newest_edition(cwd: Path) -> Path:
    folder = editions_folder(cwd)  # here or in a folder above, as for every command
    folders = edition_folders(folder) if folder else {}
    if not folders:
        raise EditionNotFound(f"there is no {EDITIONS_FOLDER}/<year>/edition.yaml under this folder: "
                              "give the edition as a year or a folder", cwd)
    return folders[max(folders)].resolve()


def load_trends(edition: str | None, cwd: Path, as_of: date) -> Series:
    inside = enclosing_edition(cwd)
    root = resolve_edition(edition, cwd) if edition or inside else newest_edition(cwd)
    result = check_edition(root, as_of, editorial=False)
    if has_errors(result.problems):
        raise InvalidEdition([p for p in result.problems if p.severity == "error"])
    return result.series


def as_json(series: Series) -> str:
    """One object per edition, oldest first."""
    return json.dumps(edition_records(series), ensure_ascii=False, indent=2, default=str) + "\n"


def as_csv(series: Series) -> str:
    """One row per edition; a column per theme (the newest edition's keys)."""
    themes = [r.key for r in theme_rows(series)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["year", "standen", "nieuw", "opnieuw", "niet_opnieuw", "knelpunten", "oproepen",
                     *themes])
    for rec in edition_records(series):
        writer.writerow([rec["year"], len(rec["standen"]), len(rec["nieuw"]), len(rec["opnieuw"]),
                         len(rec["niet_opnieuw"]), rec["knelpunten"], len(rec["oproepen"]),
                         *(rec["knelpunten_per_thema"].get(t, 0) for t in themes)])
    return buf.getvalue()


def as_text(series: Series) -> str:
    records = edition_records(series)
    years = [r["year"] for r in records]
    out = [f"Door de jaren heen: {', '.join(map(str, years))}", "", "Standen"]
    for r in records:
        out.append(f"  {r['year']}: {len(r['standen'])} (nieuw {len(r['nieuw'])}, opnieuw "
                   f"{len(r['opnieuw'])}, niet opnieuw {len(r['niet_opnieuw'])})")
    rows = theme_rows(series)
    width = max([len(r.label) for r in rows] + [5])
    out += ["", "Knelpunten per thema", "  " + " " * width + "".join(f"{y:>7}" for y in years)]
    out += ["  " + r.label.ljust(width) + "".join(f"{n:>7}" for n in r.counts) for r in rows]
    out.append("  " + "Totaal".ljust(width) + "".join(f"{r['knelpunten']:>7}" for r in records))
    returning = returning_knelpunten(series)
    if returning:
        out += ["", f"Knelpunten die terugkomen ({len(returning)})"]
        out += [f"  sinds {r.sinds}  {r.afkorting}: {r.titel}" for r in returning]
    oproepen = oproepen_rows(series)
    if oproepen:
        out += ["", "Oproepen"]
        for o in oproepen:
            out.append(f"  {o.titel} (sinds {o.sinds})")
            for step in o.steps:
                said = " ".join(f"{k}: {v}" for k, v in (("Reactie", step.reactie),
                                                          ("Aanscherping", step.aanscherping)) if v)
                if not said:
                    said = "oproep gedaan" if step.year == o.sinds else "–"
                out.append(f"    {step.year}: {said}")
    return "\n".join(out) + "\n"


def render(series: Series, fmt: str) -> str:
    return {"text": as_text, "json": as_json, "csv": as_csv}[fmt](series)
