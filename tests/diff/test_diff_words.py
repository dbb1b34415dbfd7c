"""Word-level text comparison: re-wrapping is no change, and both versions read back exactly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import examples
from staatc.diff.layout import layout, read_back
from staatc.diff.words import LINE, PARA, diff_texts, tokenize, words_by_paragraph


def test_rewrapping_and_spacing_are_no_change() -> None:
    old = "Een lange zin over de uitvoering\nvan regels.\n\nTweede alinea."
    new = "Een lange zin\nover de   uitvoering van regels.\n\n\n\nTweede\talinea.\n"
    assert not diff_texts(old, new).changed


def test_breaks_that_markdown_gives_meaning_to() -> None:
    assert tokenize("- een\n- twee") == ["-", "een", LINE, "-", "twee"]
    assert tokenize("# Kop\nTekst") == ["#", "Kop", LINE, "Tekst"]
    assert tokenize("| a |\n| b |") == ["|", "a", "|", LINE, "|", "b", "|"]
    assert tokenize("zin\ndoor") == ["zin", "door"]
    assert tokenize("a\n\n\nb") == ["a", PARA, "b"]


def test_a_changed_word_is_one_deletion_and_one_insertion() -> None:
    d = diff_texts("Dit jaar verschenen 3 Standen.", "Dit jaar\nverschenen 4 Standen.")
    assert [(op.kind, op.tokens) for op in d.ops] == [
        ("equal", ("Dit", "jaar", "verschenen")),
        ("delete", ("3",)),
        ("insert", ("4",)),
        ("equal", ("Standen.",)),
    ]
    assert (d.inserted_words, d.deleted_words) == (1, 1)


def test_only_changed_paragraphs_are_compared_word_by_word() -> None:
    same = "Deze alinea blijft gelijk. " * 50
    d = diff_texts(f"{same}\n\nOud woord.\n\n{same}", f"{same}\n\nNieuw woord.\n\n{same}")
    assert d.deleted_words == 1 and d.inserted_words == 1


@pytest.mark.parametrize("old, new", [
    ("p q\n\nr s", "p q r s"),  # joined
    ("p q r s", "p q\n\nr s"),  # split
    ("A\n\nB", "A"),
    ("", "nieuwe tekst"),
    ("x y z", "y z w"),
])
def test_joined_and_split_paragraphs_read_back(old: str, new: str) -> None:
    paragraphs = layout(diff_texts(old, new))
    assert read_back(paragraphs, "old") == words_by_paragraph(old)
    assert read_back(paragraphs, "new") == words_by_paragraph(new)


def test_large_rewritten_texts_stay_exact() -> None:
    """Past the word-by-word limit, blocks are paired first; the result must stay exact."""
    import random

    rng = random.Random(7)
    words = "de het een regels burger wet beleid gegevens keten signaal".split()
    paras = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(40)]
    edited = [p.replace("wet", "Wet", 1) for p in paras]
    edited.insert(20, "Een nieuwe alinea.")
    old, new = "\n\n".join(paras), "\n\n".join(edited)
    d = diff_texts(old, new)
    paragraphs = layout(d)
    assert read_back(paragraphs, "old") == words_by_paragraph(old)
    assert read_back(paragraphs, "new") == words_by_paragraph(new)
    assert d.deleted_words <= 40 and d.inserted_words <= 43  # edits found, not a rewrite


_word = st.sampled_from(["de", "het", "regels", "UWV", "-", "#", "|", "a", "b"])
_line = st.lists(_word, min_size=1, max_size=6).map(" ".join)
_text = st.lists(st.one_of(_line, st.just("")), max_size=12).map("\n".join)


@settings(max_examples=examples(7.5), deadline=None)  # cheap examples: many of them
@given(_text, _text)
def test_accepting_gives_new_and_rejecting_gives_old(old: str, new: str) -> None:
    paragraphs = layout(diff_texts(old, new))
    assert read_back(paragraphs, "old") == words_by_paragraph(old)
    assert read_back(paragraphs, "new") == words_by_paragraph(new)
    assert diff_texts(old, new).changed == (tokenize(old) != tokenize(new))


def test_a_rewritten_sentence_reads_as_old_out_new_in() -> None:
    """Chance matches ('op', 'de') inside a rewrite are not shown as unchanged words."""
    d = diff_texts("De minister biedt de Staat aan op de dag van de dienstverlening.",
                   "De Staat steunt op drie bronnen van de uitvoering.")
    kinds = [op.kind for op in d.ops]
    assert kinds.count("delete") <= 2 and kinds.count("insert") <= 2
    assert ("delete", ("minister", "biedt", "de", "Staat", "aan", "op", "de", "dag")) in \
        [(op.kind, op.tokens) for op in d.ops]
