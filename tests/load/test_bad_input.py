"""Every kind of editor mistake gives a clear message at the right file and line.

Each case breaks a copy of tests/roots/minimal in one way and runs `staatc check`
as an editor would. The message must name the file and line, say what to do,
and never show a Python traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from helpers.files import write_file

CH1 = "chapters/01-inleiding.md"
CH2 = "chapters/02-complexiteitsreductie.md"
UWV = "standen/uwv.md"
TIAS = "onderzoeken/tias-stapeling.md"
KB = "kamerbrief.md"
ED = "edition.yaml"


def edit(rel: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def write(rel: str, content: str | bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        write_file(root / rel, content)

    return apply


def remove(rel: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        target = root / rel
        if target.is_dir():
            for child in target.iterdir():
                child.unlink()
            target.rmdir()
        else:
            target.unlink()

    return apply


def symlink_outside(rel: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        secret = root.parent.parent / "secret.md"
        secret.write_text("---\ntitle: Geheim\nstatus: final\nowner: X\ndeadline: 2024-06-01\n---\nGEHEIM\n")
        link = root / rel
        link.unlink(missing_ok=True)
        os.symlink(secret, link)

    return apply


CHAPTER = "---\ntitle: Nieuw\nstatus: concept\nowner: Team\ndeadline: 2024-06-01\n---\n"


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Path], None]
    file: str
    line: int | None
    code: str
    hint: str  # words from the message that tell the editor what to do
    exit_code: int = 1


CASES = [
    # YAML syntax
    Case("yaml-edition", edit(ED, "status: concept", "status: [concept"), ED, 4, "yaml-syntax", "indentation"),
    Case("yaml-chapter", edit(CH1, "owner: Team Staat", "owner: Team: Staat"), CH1, 4, "yaml-syntax", "quotes"),
    Case("yaml-tab", edit(UWV, "departement: SZW", "departement:\tSZW\n\t- x"), UWV, 4, "yaml-syntax", "indentation"),
    # Hostile YAML: expansion, depth and size bombs are refused before anything is built.
    Case("billion-laughs", edit(UWV, "departement: SZW", "departement: SZW\nx0: &a ['lol', 'lol', 'lol', 'lol']\n" + "".join(f"x{i}: &a{i} [{', '.join(['*a' if i == 1 else f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12))), UWV, 6, "front-matter", "write the value out in full"),
    Case("alias-in-list", edit(ED, "language: nl-NL", "language: nl-NL\nx: &b 1\ny:\n  - 2\n  -\n    *b"), ED, 10, "front-matter", "does not accept aliases"),
    Case("merge-key", edit(CH1, "owner: Team Staat", "owner: Team Staat\nbasis: &b {a: 1}\nmeer:\n  <<: *b"), CH1, 7, "front-matter", "'<<:' merges"),
    Case("deep-nesting", edit(TIAS, "jaar: 2024", "jaar: " + "[" * 60 + "]" * 60), TIAS, 6, "front-matter", "nested more than 50 levels"),
    Case("deeper-than-libyaml", edit(TIAS, "jaar: 2024", "jaar: " + "[" * 20000 + "]" * 20000), TIAS, 6, "yaml-syntax", "nested more than 50 levels"),
    Case("huge-integer", edit(KB, "bijlagen: 1", "bijlagen: " + "9" * 5000), KB, 5, "front-matter", "'bijlagen' is a number of 5,000 digits"),
    Case("huge-integer-key", edit(CH1, "owner: Team Staat", "owner: Team Staat\n" + "1" * 200 + ": x"), CH1, 5, "front-matter", "put it in quotes"),
    Case("duplicate-key", edit(CH1, "owner: Team Staat", "owner: Team Staat\nowner: Ander"), CH1, 5, "front-matter", "keep one"),
    # Front matter shape
    Case("no-front-matter", write(UWV, "UWV zonder front matter.\n"), UWV, 1, "front-matter", "must start with"),
    Case("unclosed-front-matter", write(TIAS, "---\ntitel: X\n\nTekst zonder einde.\n"), TIAS, 1, "front-matter", "add a line '---'"),
    Case("front-matter-list", write(TIAS, "---\n- a\n- b\n---\nTekst\n"), TIAS, 2, "front-matter", "key: value"),
    # Unknown and missing keys
    Case("unknown-key-chapter", edit(CH1, "owner: Team Staat", "owner: Team Staat\nauteur: Piet"), CH1, 5, "unknown-key", "fix the spelling"),
    Case("unknown-key-edition", edit(ED, "language: nl-NL", "language: nl-NL\ntaal: nl"), ED, 6, "unknown-key", "remove it"),
    Case("unknown-key-knelpunt", edit(UWV, "    titel: Gegevens", "    prio: hoog\n    titel: Gegevens"), UWV, 11, "unknown-key", "allowed here: thema, titel"),
    Case("missing-key-chapter", edit(CH1, "owner: Team Staat\n", ""), CH1, 2, "missing-key", "add a line 'owner:"),
    Case("missing-key-edition", edit(ED, "publisher: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties\n", ""), ED, 1, "missing-key", "add a line 'publisher:"),
    Case("missing-knelpunt-titel", edit(UWV, "    titel: Gegevens van andere organisaties komen laat\n", ""), UWV, 10, "missing-key", "add a line 'titel:"),
    # Types and values
    Case("impossible-date", edit(CH1, "deadline: 2024-06-01", "deadline: 2024-02-30"), CH1, 5, "invalid-date", "YYYY-MM-DD"),
    Case("impossible-milestone-date", edit(ED, "date: 2024-06-20", "date: 2024-06-31"), ED, 17, "invalid-date", "YYYY-MM-DD"),
    Case("dutch-date", edit(UWV, "gepubliceerd: 2024-04-15", "gepubliceerd: 15 april 2024"), UWV, 5, "invalid-date", "YYYY-MM-DD"),
    Case("part-not-number", edit(CH2, "part: 1", "part: een"), CH2, 3, "invalid-value", "whole number"),
    Case("bad-status", edit(CH2, "status: concept", "status: klaar"), CH2, 4, "invalid-value", "'concept', 'review' or 'final'"),
    Case("bad-edition-status", edit(ED, "status: concept", "status: af"), ED, 4, "invalid-value", "'concept' or 'definitief'"),
    Case("bad-gate", edit(ED, "gate: review", "gate: klaar"), ED, 18, "invalid-value", "'concept', 'review' or 'final'"),
    Case("url-not-web", edit(UWV, "url: https://www.uwv.nl/", "url: www.uwv.nl"), UWV, 6, "invalid-value", "https://"),
    Case("jaar-text", edit(TIAS, "jaar: 2024", "jaar: dit jaar"), TIAS, 6, "invalid-value", "whole number"),
    Case("auteurs-empty", edit(TIAS, "auteurs: [A. Auteur, B. Auteur]", "auteurs: []"), TIAS, 4, "invalid-value", "add at least one"),
    Case("theme-key-not-slug", edit(ED, "  gegevensuitwisseling:", "  Gegevens Uitwisseling:"), ED, 10, "invalid-value", "lowercase letters"),
    Case("negative-bijlagen", edit(KB, "bijlagen: 1", "bijlagen: -1"), KB, 5, "invalid-value", "larger number"),
    Case("empty-title", edit(CH1, "title: Inleiding", "title: ''"), CH1, 2, "invalid-value", "may not be empty"),
    # Cross-file rules
    Case("unknown-theme-stand", edit(UWV, "thema: gegevensuitwisseling", "thema: gegevens"), UWV, 10, "unknown-theme", "add it under themes"),
    Case("unknown-theme-onderzoek", edit(TIAS, "thema: complexiteit", "thema: stapeling"), TIAS, 5, "unknown-theme", "use one of"),
    Case("duplicate-afkorting", edit("standen/svb.md", "afkorting: SVB", "afkorting: UWV"), UWV, 3, "duplicate-afkorting", "its own"),
    Case("chapter-misnamed", write("chapters/inleiding-2.md", CHAPTER + "Tekst.\n"), "chapters/inleiding-2.md", None, "chapter-name", "rename it"),
    Case("chapter-number-twice", write("chapters/02-dubbel.md", CHAPTER + "Tekst.\n"), "chapters/02-dubbel.md", None, "duplicate-chapter-number", "its own number"),
    Case("stand-misnamed", write("standen/UWV Oud.md", "x"), "standen/UWV Oud.md", None, "file-name", "rename it"),
    Case("empty-chapter", write("chapters/03-leeg.md", CHAPTER + "\n   \n"), "chapters/03-leeg.md", 7, "empty-chapter", "write it"),
    Case("no-chapters", remove("chapters"), "chapters", None, "no-chapters", "add Markdown files"),
    Case("missing-aanbieding", edit(ED, "id: aanbieding", "id: presentatie"), ED, 11, "missing-aanbieding", "add it"),
    Case("edition-number", edit(ED, "edition: 2024", "edition: 2023"), ED, 1, "edition-folder", "make them the same"),
    Case("missing-kamerbrief", remove(KB), KB, None, "missing-kamerbrief", "add the minister's cover letter"),
    # References
    Case("broken-stand-ref", edit(CH1, "(stand:uwv)", "(stand:uvw)"), CH1, 11, "broken-reference", "did you mean 'stand:uwv'?"),
    Case("broken-onderzoek-ref", edit(CH1, "(onderzoek:tias-stapeling)", "(onderzoek:tias)"), CH1, 11, "broken-reference", "no onderzoeken/tias.md"),
    Case("broken-chapter-ref", edit(CH1, "(hoofdstuk:02-complexiteitsreductie)", "(hoofdstuk:02-complexiteit)"), CH1, 19, "broken-reference", "no chapters/02-complexiteit.md"),
    Case("ref-made-by-expression", edit(CH2, "De oproep blijft staan.", "{% for s in ['uwv', 'nope'] %}[{{ s }}](stand:{{ s }}) {% endfor %}"), CH2, 8, "broken-reference", "made by a template expression"),
    Case("ref-in-stand", edit(UWV, "UWV ziet", "Zie [SVB](stand:svbb). UWV ziet"), UWV, 13, "broken-reference", "did you mean 'stand:svb'?"),
    # Template expressions
    Case("template-syntax", edit(CH1, "{{ standen | length }}", "{{ standen | length }"), CH1, 9, "template", "check the"),
    Case("template-undefined", edit(CH2, "{{ themes['complexiteit'] | lower }}", "{{ thema }}"), CH2, 11, "template", "names you can use"),
    Case("template-unknown-filter", edit(CH2, "| lower", "| hoofdletters"), CH2, 11, "template", "check the"),
    Case("template-late-line", edit(CH1, "[^1]: Peildatum {{ edition.peildatum | datum }}.", "[^1]: {{ edition.peildatm }}"), CH1, 21, "template", "names you can use"),
    Case("template-type-error", edit(CH2, "{{ themes['complexiteit'] | lower }}", "{{ standen | sum }}"), CH2, 11, "template", "check the expression"),
    Case("template-unsafe", edit(CH2, "{{ themes['complexiteit'] | lower }}", "{{ ''.__class__.__mro__ }}"), CH2, 11, "template", "use only the edition's data"),
    Case("template-in-kamerbrief", edit(KB, "{{ standen | length }}", "{{ standen | lengte }}"), KB, 9, "template", "there is no filter 'lengte': did you mean 'length'?"),
    # Images
    Case("image-missing", edit(CH2, "De oproep blijft staan.", "![Grafiek van de knelpunten](images/grafiek.png)"), CH2, 8, "image-missing", "add the file"),
    Case("image-no-alt", [write("images/grafiek.png", b"\x89PNG\r\n\x1a\n"), edit(CH2, "De oproep blijft staan.", "![](images/grafiek.png)")], CH2, 8, "image-alt", "describe it"),
    Case("image-traversal", edit(CH2, "De oproep blijft staan.", "![Grafiek](../../secret.png)"), CH2, 8, "image-outside", "put the file in images/"),
    Case("image-absolute", edit(CH2, "De oproep blijft staan.", "![Wachtwoorden](/etc/passwd)"), CH2, 8, "image-outside", "put the file in images/"),
    # Files
    Case("invalid-utf8", write(UWV, "---\norganisatie: Caf\xe9\n---\n".encode("latin-1")), UWV, 2, "encoding", "save it as UTF-8"),
    Case("control-character-in-text", edit(CH1, "Lees [de Stand", "Lees \x01[de Stand"), CH1, 11, "encoding", "delete it"),
    Case("control-character-escaped", edit(ED, "title: Staat van de Uitvoering 2024", 'title: "Staat \\x01 2024"'), ED, 2, "front-matter", "delete it"),
    Case("escape-sequence-in-url", edit(UWV, "url: https://www.uwv.nl/", 'url: "https://www.uwv.nl/\\e]8;;x\\a"'), UWV, 6, "front-matter", "'url' contains an invisible control character (U+001B)"),
    Case("lone-surrogate", edit(UWV, "afkorting: UWV", 'afkorting: "UWV\\ud800"'), UWV, 3, "yaml-syntax", "lone surrogate"),
    Case("symlink-outside", symlink_outside("chapters/03-geheim.md"), "chapters/03-geheim.md", None, "unsafe-path", "copy the file into the edition"),
    # Warnings only: exit 0
    Case("stray-file", write("standen/notities.txt", "x"), "standen/notities.txt", None, "stray-file", "rename it to .md", exit_code=0),
    Case("duplicate-organisatie", edit("standen/svb.md", "organisatie: Sociale Verzekeringsbank", "organisatie: Uitvoeringsinstituut Werknemersverzekeringen"), UWV, 2, "duplicate-organisatie", "merge them", exit_code=0),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, edition: Path, run) -> None:
    for mutate in case.mutate if isinstance(case.mutate, list) else [case.mutate]:
        mutate(edition)
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    assert result.exit_code == case.exit_code, result.output
    assert "Traceback" not in result.output
    import json

    problems = json.loads(result.stdout)["problems"]
    expected_file = f"editions/2024/{case.file}"
    matching = [p for p in problems if p["file"] == expected_file and p["code"] == case.code]
    assert matching, f"no {case.code} at {expected_file} in {problems}"
    problem = matching[0]
    assert problem["line"] == case.line, problem
    assert case.hint in problem["message"], problem["message"]
    # The text format says the same thing as file:line: severity: message.
    text = run("check", "2024", "--as-of", "2024-05-01")
    where = expected_file + (f":{case.line}" if case.line else "")
    assert f"{where}: {problem['severity']}: {problem['message']}" in text.stdout
    assert "Traceback" not in text.output


def test_at_least_35_cases() -> None:
    assert len(CASES) >= 35


def test_missing_edition_is_a_message_not_a_traceback(tmp_path, monkeypatch, run) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check", "2031")
    assert result.exit_code == 1
    assert "no edition found at '2031'" in result.stdout and "give a year" in result.stdout
    assert "editions/<year>" in result.stdout
    assert result.stderr.splitlines()[-1] == "1 error, 0 warnings: the check failed."
    assert "Traceback" not in result.output


def test_bad_as_of_is_a_usage_error(edition: Path, run) -> None:
    result = run("check", "2024", "--as-of", "31-12-2024")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_all_problems_in_one_run_sorted(edition: Path, run) -> None:
    edit(UWV, "thema: gegevensuitwisseling", "thema: gegevens")(edition)
    edit(CH1, "(stand:uwv)", "(stand:uvw)")(edition)
    edit(CH2, "status: concept", "status: klaar")(edition)
    result = run("check", "2024", "--as-of", "2024-05-01")
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(lines) == 3
    assert lines == sorted(lines)
    assert lines[0].startswith("editions/2024/chapters/01-inleiding.md:11:")
