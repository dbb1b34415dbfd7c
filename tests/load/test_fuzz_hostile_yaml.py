"""Fuzzing of hostile YAML (issue 15, class 3): expansion, depth, size and escape bombs.

Hypothesis writes front matter by hand (not through a YAML dumper, which would never write an
alias or an escape) from pieces an attacker would use, mixed with valid lines: anchors and
aliases, `<<:` merges, brackets nested up to 3,000 deep, numbers of up to 6,000 digits and
quoted escapes of control characters and lone surrogates. Whatever the mix, the check ends
with problems at a line of the file (never a traceback, never a hang), and each hostile piece
is refused with its own words.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOTS
from staatc.errors import Problem, StaatcError
from staatc.validate.check import check_edition

UWV = "standen/uwv.md"
VALID = ["organisatie: Uitvoeringsinstituut Werknemersverzekeringen", "afkorting: UWV",
         "departement: SZW", "gepubliceerd: 2024-04-15", "url: https://www.uwv.nl/"]


def _laughs(width: int, levels: int) -> str:
    rows = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    rows += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(rows)


# (a line or lines of front matter, words its message must hold)
hostile = st.one_of(
    st.builds(_laughs, st.integers(2, 12), st.integers(2, 14)).map(lambda t: (t, "aliases")),
    st.just(("basis: &b {a: 1}\nmeer:\n  <<: *b", "merges")),
    st.integers(1, 5).map(lambda n: (f"x: &v waarde\ny: [{', '.join(['*v'] * n)}]", "aliases")),
    st.integers(51, 3000).map(lambda d: (f"diep: {'[' * d}{']' * d}", "nested more than 50")),
    st.integers(101, 6000).map(lambda n: (f"getal: {'7' * n}", "digits")),
    st.sampled_from([*(f"\\x{c:02x}" for c in range(1, 32) if c not in (9, 10)), "\\e", "\\a",
                     "\\x7f", "\\x85", "\\x9b"]).map(lambda e: (f'kort: "UWV{e}"', "control character")),
    st.integers(0xD800, 0xDFFF).map(lambda c: (f'kort: "UWV\\u{c:04x}"', "surrogate")),
)


def _check(front: str) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "2024"
        shutil.copytree(ROOTS / "minimal", root)
        (root / UWV).write_text(f"---\n{front}\n---\nTekst.\n", encoding="utf-8")
        try:
            return check_edition(root, date(2024, 5, 1)).problems
        except StaatcError as exc:
            return exc.problems


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(VALID), max_size=5, unique=True), hostile, st.data())
def test_hostile_front_matter_is_refused_at_its_line(valid: list[str], piece: tuple[str, str],
                                                      data) -> None:
    text, words = piece
    lines = list(valid)
    lines.insert(data.draw(st.integers(0, len(lines)), label="where"), text)
    front = "\n".join(lines)
    problems = _check(front)
    errors = [p for p in problems if p.severity == "error" and p.file.name == "uwv.md"]
    assert errors, problems
    first = min(errors, key=lambda p: p.line or 0)
    assert words in first.message, first.message
    # The line is within the hostile piece: front matter starts on line 2 of the file.
    start = 2 + front[: front.index(text)].count("\n")
    assert start <= (first.line or 0) <= start + text.count("\n"), (first.line, start, first.message)
