"""The Markdown tree: one parse per text, links in every form, code, headings, lines."""

from __future__ import annotations

from staatc.markdown.headings import headings, identifier
from staatc.markdown.links import find_links
from staatc.markdown.tree import code_lines, tokens


def test_one_parse_per_text() -> None:
    text = "Een [link](https://example.org/) hier.\n"
    assert tokens(text) is tokens("".join(["Een [link](https://", "example.org/) hier.\n"]))


def test_every_form_of_link_with_the_line_it_starts_on() -> None:
    text = ("Regel een.\n\nZie [de\nlijst][j] en\n<file:///etc/passwd>, [x][], [y].\n\n"
            "[j]: javascript:alert(1)\n[x]: https://a.example/\n[Y]: mailto:a@example.org\n")
    found = [(link.line, link.target, link.text) for link in find_links(text, 10)]
    assert found == [(12, "javascript:alert(1)", "de lijst"), (14, "file:///etc/passwd", "file:///etc/passwd"),
                     (14, "https://a.example/", "x"), (14, "mailto:a@example.org", "y")]


def test_the_last_definition_of_a_label_wins_as_in_pandoc() -> None:
    text = "[a][j]\n\n[j]: https://example.org/\n\n[j]: file:///etc/passwd\n"
    assert [link.target for link in find_links(text)] == ["file:///etc/passwd"]


def test_fences_of_any_length_are_code() -> None:
    text = "a\n\n````\n```\n[x](file:///a)\n```\n````\n\n~~~~~\n[y](b)\n~~~~~\n\n    [z](c)\n"
    assert not list(find_links(text))
    assert code_lines(text) == {2, 3, 4, 5, 6, 8, 9, 10, 12}


def test_footnotes_are_not_reference_definitions() -> None:
    text = "Tekst[^1].\n\n[^1]: Zie [bron](https://example.org/).\n"
    assert [(link.line, link.target) for link in find_links(text)] == [(3, "https://example.org/")]


def test_heading_ids_explicit_and_automatic() -> None:
    text = "# Inleiding {#sec-in .rood deel=\"1\"}\n\n## De *aanpak* in 2024\n\n## De aanpak in 2024\n"
    found = [(h.line, h.level, h.title, h.identifier) for h in headings(text)]
    assert found == [(1, 1, "Inleiding", "sec-in"), (3, 2, "De aanpak in 2024", "de-aanpak-in-2024"),
                     (5, 2, "De aanpak in 2024", "de-aanpak-in-2024-1")]


def test_identifier_as_pandoc_makes_it() -> None:
    assert identifier("2. Één, twee & drie!") == "één-twee-drie"
    assert identifier("123") == "section"
