"""`staatc rules`: every problem code with its severity, default and meaning (returns strings).

The rows come from `staatc.codes`, so the listing, `docs/rules.md` (a test compares them)
and what `check` reports cannot drift apart.
"""

from __future__ import annotations

import json

from staatc.codes import CODES, Code

COLUMNS = ("code", "severity", "default", "explanation", "fix")


def default_level(code: Code) -> str:
    """What an edition gets without a `checks:` line: a level it can switch, or 'error'."""
    return "off" if code.default == "off" else code.severity


def rows() -> list[dict[str, str]]:
    return [
        {"code": c.code, "severity": c.severity, "default": default_level(c),
         "explanation": c.explanation, "fix": c.fix}
        for c in CODES.values()
    ]


def as_text() -> str:
    """Plain columns for a pipe: code, severity, default, explanation — what to do."""
    items = rows()
    width = max(len(r["code"]) for r in items)
    return "".join(
        f"{r['code']:<{width}}  {r['severity']:<7}  {r['default']:<7}  "
        f"{r['explanation']} — {r['fix']}\n"
        for r in items
    )


def as_json() -> str:
    return json.dumps({"rules": rows()}, ensure_ascii=False, indent=2) + "\n"


def as_markdown() -> str:
    """The table of docs/rules.md."""
    lines = ["| code | severity | default | explanation | what to do |", "|---|---|---|---|---|"]
    lines += ["| `{code}` | {severity} | {default} | {explanation} | {fix} |".format(**r)
              for r in rows()]
    return "\n".join(lines) + "\n"


def as_table():
    """A rich table for a terminal."""
    from rich.table import Table

    table = Table("code", "severity", "default", "explanation", "what to do", box=None,
                  header_style="bold")
    for r in rows():
        table.add_row(*(r[c] for c in COLUMNS))
    return table
