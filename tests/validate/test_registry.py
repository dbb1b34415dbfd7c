"""One registry: every code declared once, every rule run through it, any warning switchable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import REPO
from helpers.editorial import chapter, found, problems, set_config
from staatc.codes import CODES, problem
from staatc.validate.registry import RULES

ED = "editions/2024/edition.yaml"  # tests/roots/minimal's edition.yaml has 22 lines
CHECKS_LINE = 24  # the first code under a `checks:` appended to it


def _raw_html(edition: Path) -> tuple[str, int]:
    return chapter(edition, "03-html.md", "Tekst met een<br>regelafbreking.\n"), 7


def _stray_file(edition: Path) -> tuple[str, None]:
    (edition / "chapters" / "notities.txt").write_text("los\n", encoding="utf-8")
    return "editions/2024/chapters/notities.txt", None


def _duplicate_organisatie(edition: Path) -> tuple[str, int]:
    text = (edition / "standen" / "svb.md").read_text(encoding="utf-8")
    (edition / "standen" / "svb2.md").write_text(text.replace("afkorting: SVB", "afkorting: SVB2"),
                                                 encoding="utf-8")
    return "editions/2024/standen/svb2.md", 2


def _stand_after_peildatum(edition: Path) -> tuple[str, int]:
    path = edition / "standen" / "uwv.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2024-04-15", "2024-06-01"),
                    encoding="utf-8")
    return "editions/2024/standen/uwv.md", 5


WARNINGS = {
    "raw-html": _raw_html,
    "stray-file": _stray_file,
    "duplicate-organisatie": _duplicate_organisatie,
    "stand-after-peildatum": _stand_after_peildatum,
}


@pytest.mark.parametrize("code", WARNINGS)
def test_a_warning_outside_the_editorial_checks_can_be_switched_off(code, edition, run) -> None:
    where = WARNINGS[code](edition)
    assert found(run, code) == [(*where, "warning")]
    set_config(edition, f"checks:\n  {code}: off\n")
    assert problems(run) == (0, [])


@pytest.mark.parametrize("code", WARNINGS)
def test_a_warning_can_be_made_an_error(code, edition, run) -> None:
    where = WARNINGS[code](edition)
    set_config(edition, f"checks:\n  {code}: error\n")
    exit_code, items = problems(run)
    assert exit_code == 1
    assert [(p["file"], p["line"], p["severity"], p["code"]) for p in items] == [(*where, "error", code)]


@pytest.mark.parametrize("level", ["off", "warning"])
def test_an_error_cannot_be_switched_off(level, edition, run) -> None:
    path = (edition / "standen" / "uwv.md")
    path.write_text(path.read_text(encoding="utf-8").replace("thema: complexiteit", "thema: onbekend"),
                    encoding="utf-8")
    set_config(edition, f"checks:\n  unknown-theme: {level}\n")
    exit_code, items = problems(run)
    assert exit_code == 1
    got = {(p["file"], p["line"], p["severity"], p["code"]) for p in items}
    assert got == {(ED, CHECKS_LINE, "error", "check-not-switchable"),
                   ("editions/2024/standen/uwv.md", 8, "error", "unknown-theme")}
    [refusal] = [p for p in items if p["code"] == "check-not-switchable"]
    assert "'unknown-theme' is an error, and errors cannot be switched off" in refusal["message"]


def test_an_error_set_to_error_is_no_problem(edition, run) -> None:
    set_config(edition, "checks:\n  unknown-theme: error\n")
    assert problems(run) == (0, [])


def test_unknown_code_suggests_the_nearest(edition, run) -> None:
    _raw_html(edition)
    set_config(edition, "checks:\n  lang-sentence: off\n")
    exit_code, items = problems(run)
    assert exit_code == 1
    got = [(p["file"], p["line"], p["severity"], p["code"]) for p in items]
    # Reported in the same run as the edition's other problems.
    assert got == [("editions/2024/chapters/03-html.md", 7, "warning", "raw-html"),
                   (ED, CHECKS_LINE, "error", "unknown-check")]
    assert "'lang-sentence' is not a check: did you mean long-sentence?" in items[1]["message"]


def test_text_output_ends_with_the_code(edition, run) -> None:
    path, line = _raw_html(edition)
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.stdout.splitlines() == [
        f"{path}:{line}: warning: raw HTML ('<br>') is not allowed in edition text; write "
        "Markdown instead (it would only be shown as literal text) [raw-html]"
    ]


def test_an_undeclared_code_is_a_bug() -> None:
    with pytest.raises(KeyError):
        problem("no-such-code", Path("x.md"), 1, "message")


def test_every_rule_reports_declared_codes() -> None:
    assert {code for rule in RULES for code in rule.codes} <= set(CODES)
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


_MADE = re.compile(r'\bproblem\(\s*"([^"]+)"|^\s*(?:code|CODE|HTML_CODE) = "([^"]+)"', re.M)
_LITERAL = re.compile(r'\bProblem\([^()]*"(?:error|warning)",\s*"[a-z]')


def test_every_code_in_the_source_is_declared() -> None:
    used = set()
    for path in (REPO / "staatc").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {a or b for a, b in _MADE.findall(text)}
        if path.name != "codes.py":
            assert not _LITERAL.search(text), f"{path}: make problems through staatc.codes"
    assert used - {"error"} <= set(CODES)  # "error": StaatcError's own, never raised itself
    assert len(used) > 40  # the scan finds the calls


def test_every_user_error_type_has_a_declared_code() -> None:
    import staatc.diff.sources  # noqa: F401  (GitRevisionError lives there)
    from staatc.errors import StaatcError

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    kinds = list(subclasses(StaatcError))
    assert len(kinds) >= 10
    for kind in kinds:
        assert kind.code in CODES and CODES[kind.code].severity == "error", kind


@pytest.mark.parametrize("level", ["off", "warning", "error"])
def test_every_warning_can_be_set(level, edition, run) -> None:
    lines = "".join(f"  {code}: {level}\n" for code, c in CODES.items()
                    if c.switchable and code != "spelling")  # spelling needs its dictionary
    set_config(edition, "checks:\n" + lines)
    assert problems(run) == (0, [])
