"""`staatc rules` and docs/rules.md list exactly the codes the registry declares."""

from __future__ import annotations

import json

from helpers import REPO
from staatc.codes import CODES
from staatc.commands.rules import default_level, rows


def test_rules_lists_every_code(run) -> None:
    result = run("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(CODES)
    [line] = [line for line in lines if line.startswith("long-sentence ")]
    assert line.split()[1:3] == ["warning", "warning"]
    assert line.endswith("a sentence longer than readability.sentence_words words — split the sentence")
    [line] = [line for line in lines if line.startswith("spelling ")]
    assert line.split()[1:3] == ["warning", "off"]


def test_rules_as_json(run) -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)["rules"]
    assert [r["code"] for r in listed] == list(CODES)
    assert {r["code"]: (r["severity"], r["default"]) for r in listed} == {
        code: (c.severity, default_level(c)) for code, c in CODES.items()}
    [theme] = [r for r in listed if r["code"] == "unknown-theme"]
    assert theme["explanation"] == "a knelpunt or onderzoek uses a theme that edition.yaml does not list"


def test_docs_table_equals_the_registry() -> None:
    text = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| `")]
    found = [[cell.strip() for cell in line.strip("|").split("|")] for line in table]
    assert found == [[f"`{r['code']}`", r["severity"], r["default"], r["explanation"], r["fix"]]
                     for r in rows()]
    assert "(docs/rules.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_rules_on_a_terminal_is_a_table() -> None:
    from io import StringIO

    from rich.console import Console

    from staatc.commands.rules import as_table

    out = StringIO()
    Console(file=out, width=300, color_system=None).print(as_table())
    shown = out.getvalue()
    assert "what to do" in shown.splitlines()[0]
    for code in CODES:
        assert f" {code} " in f" {shown} ", code
