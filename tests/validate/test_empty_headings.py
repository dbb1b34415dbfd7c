"""A heading without text (`empty-heading`): check says where, so the build never meets it.

Before the rule, a stray `#` line passed the check and the PDF build stopped on an internal
error ("PDF/UA-1 error: heading title is empty", found by the sections' property test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

CH2 = "chapters/02-complexiteitsreductie.md"


@pytest.mark.parametrize("line", ["#", "##   ", "### {#leeg}"])
def test_a_heading_without_text_is_an_error_at_its_line(edition: Path, run, line: str) -> None:
    path = edition / CH2
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n\n{line}\n\nNog een alinea.\n", encoding="utf-8")
    number = (text + f"\n\n{line}").count("\n") + 1
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 1
    assert f"editions/2024/{CH2}:{number}: error: this heading has no text" in result.output
    assert "[empty-heading]" in result.output


def test_a_hash_inside_text_or_code_is_no_heading(edition: Path, run) -> None:
    path = edition / CH2
    path.write_text(path.read_text(encoding="utf-8")
                    + "\n\nEen #hashtag en #.\n\n```\n#\n```\n", encoding="utf-8")
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert "empty-heading" not in result.output
