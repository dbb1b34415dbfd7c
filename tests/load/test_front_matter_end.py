"""A file that ends on its closing '---' (no newline, no body) points problems at that line."""

from __future__ import annotations

from pathlib import Path

from staatc.load.edition import split_front_matter


def test_body_line_of_a_file_without_body_exists() -> None:
    text = "---\ntitle: x\n---"
    assert split_front_matter(text, Path("x.md"))[2] == 3
    assert split_front_matter(text + "\nTekst\n", Path("x.md"))[2] == 4
