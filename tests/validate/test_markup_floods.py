"""A chapter of one markup token repeated checks in linear time.

Line scanners with lazy or nested patterns took ~48 s on 100 KB of `<!--` repeated: a draft
from a pull request could hold CI for hours. The Markdown tree and the bounded patterns
left after it must stay linear for every token a parser or a pattern could trip over.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from staatc.validate.check import check_edition

CH2 = "chapters/02-complexiteitsreductie.md"
TOKENS = ["<!--", "{#", "<a ", "[", "`", "*", "|", ":", "![", "](", "{{"]


def seconds_to_check(edition: Path, token: str, size: int) -> float:
    path = edition / CH2
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("De oproep blijft staan.", token * (size // len(token))),
                    encoding="utf-8")
    start = time.perf_counter()
    check_edition(edition, date(2024, 5, 1))
    return time.perf_counter() - start


@pytest.mark.parametrize("token", TOKENS)
def test_200_kb_of_one_token_checks_quickly(token: str, edition: Path) -> None:
    assert seconds_to_check(edition, token, 200_000) < 10


@pytest.mark.slow
@pytest.mark.parametrize("token", TOKENS)
def test_1_mb_of_one_token_checks_in_seconds(token: str, edition: Path) -> None:
    assert seconds_to_check(edition, token, 1_000_000) < 5


def test_a_flood_is_named_at_its_line_and_not_parsed(edition: Path) -> None:
    path = edition / CH2
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "De oproep blijft staan." in line)
    lines[at] = lines[at].replace("De oproep blijft staan.", "*" * 60_000)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_edition(edition, date(2024, 5, 1))
    [flood] = [p for p in result.problems if p.code == "markup-flood"]
    assert (flood.file.name, flood.line) == (path.name, at + 1)
    assert "remove the repeated characters" in flood.message
    assert flood.severity == "error"


@pytest.mark.parametrize("token", ["*", "["])
def test_just_under_the_limit_is_checked_as_usual(token: str, edition: Path) -> None:
    seconds_to_check(edition, token, 40_000)
    result = check_edition(edition, date(2024, 5, 1))
    assert "markup-flood" not in {p.code for p in result.problems}
