"""Taalniveau: Flesch-Douma per chapter and paragraph, long sentences, Markdown stripped first."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.editorial import chapter, found, messages, set_config
from staatc.validate.editorial.readability import flesch_douma, score, score_text, syllables
from staatc.validate.editorial.text import paragraphs, source_lines

# Hand computation (syllables by ear, the way a Dutch reader splits them):
#   S1 "Elk(1) jaar(1) schrij-ven(2) de(1) uit-voe-rings-or-ga-ni-sa-ties(8) een(1) Stand(1)
#       van(1) de(1) Uit-voe-ring(3)."                        10 words, 20 syllables
#   S2 "Daar-in(2) staan(1) de(1) knel-pun-ten(3) die(1) zij(1) zien(1)."
#                                                              7 words, 10 syllables
#   S3 "De(1) mi-nis-ter(3) stuurt(1) het(1) rap-port(2) met(1) een(1) brief(1) naar(1) de(1)
#       Twee-de(2) Ka-mer(2)."                                12 words, 17 syllables
#   S4 "Zo(1) weet(1) de(1) Ka-mer(2) waar(1) bur-gers(2) en(1) be-drij-ven(3) last(1) van(1)
#       heb-ben(2)."                                          11 words, 16 syllables
#   Total: 40 words, 4 sentences, 63 syllables.
#   Flesch-Douma = 206.84 − 0.77 × (63 / 40 × 100) − 0.93 × (40 / 4)
#                = 206.84 − 0.77 × 157.5 − 0.93 × 10 = 206.84 − 121.275 − 9.3 = 76.265
EASY = (
    "Elk jaar schrijven de uitvoeringsorganisaties een Stand van de Uitvoering. Daarin staan de\n"
    "knelpunten die zij zien. De minister stuurt het rapport met een brief naar de Tweede Kamer.\n"
    "Zo weet de Kamer waar burgers en bedrijven last van hebben.\n"
)
HAND_SCORE = 76.265

HARD = (
    "De implementatie van de geharmoniseerde begripsdefinities vereist intensieve\n"
    "interdepartementale afstemming tussen beleidsverantwoordelijke directies en\n"
    "uitvoeringsorganisaties, met zorgvuldig geïnventariseerde consequenties.\n"
)


def _paragraphs(text: str, first_line: int = 1):
    return paragraphs(source_lines(text, text, first_line))


def test_flesch_douma_matches_the_hand_computation() -> None:
    [paragraph] = _paragraphs(EASY)
    result = score(paragraph)
    assert (result.words, result.sentences) == (40, 4)
    assert result.value == pytest.approx(HAND_SCORE, abs=1)
    assert flesch_douma(40, 4, 63) == pytest.approx(HAND_SCORE, abs=1e-9)


def test_syllables_come_from_pyphen_nl() -> None:
    assert syllables("uitvoeringsorganisaties") == 8
    assert syllables("Kamer") == 2
    assert syllables("ICT-systeem") == 3  # each part of a hyphenated word counts
    assert syllables("2024") == 1


def test_markdown_is_stripped_before_counting() -> None:
    text = (
        "## Een kop telt niet mee {#sec-kop}\n"
        "\n"
        "Lees [de Stand van UWV](stand:uwv) en **het** onderzoek.[^1] Zie ![Grafiek](images/g.png)\n"
        "ook <https://www.uwv.nl/> hier.\n"
        "\n"
        "| Thema | Aantal |\n"
        "|-------|-------:|\n"
        "| Complexiteit | 2 |\n"
        "\n"
        ": Knelpunten per thema {#tbl-thema}\n"
        "\n"
        "```\n"
        "code telt niet mee\n"
        "```\n"
        "\n"
        "[^1]: Een voetnoot is een eigen alinea.\n"
    )
    result = _paragraphs(text)
    assert [[s.words for s in p.sentences] for p in result] == [
        [["Lees", "de", "Stand", "van", "UWV", "en", "het", "onderzoek."], ["Zie", "ook", "hier."]],
        [["Een", "voetnoot", "is", "een", "eigen", "alinea."]],
    ]
    assert [p.line for p in result] == [3, 16]


def test_abbreviations_and_list_items_in_sentences() -> None:
    text = "Wij zien o.a. knelpunten bij ca. 30 organisaties, bijv. UWV. Dat is veel.\n\n- eerste punt\n- tweede punt\n"
    result = _paragraphs(text)
    assert [len(s.words) for p in result for s in p.sentences] == [10, 3, 2, 2]


def test_chapter_score_is_over_all_its_words() -> None:
    total = score_text(_paragraphs(EASY + "\n" + HARD))
    assert total.words == 40 + 19
    assert total.sentences == 5


def test_hard_chapter_warns_and_names_its_hardest_paragraph(edition: Path, run) -> None:
    path = chapter(edition, "03-moeilijk.md", EASY + "\n" + HARD)
    assert found(run, "readability") == [(path, 2, "warning")]  # the title line
    [message] = messages(run, "readability")
    assert "below this edition's minimum of 45" in message
    assert "line 11 (" in message  # HARD starts on body line 5 = file line 11
    assert "line 7 (" not in message  # the easy paragraph is not among the hardest


def test_easy_chapter_passes(edition: Path, run) -> None:
    chapter(edition, "03-makkelijk.md", EASY + "\n" + EASY)
    assert found(run, "readability") == []


def test_the_minimum_is_set_per_edition(edition: Path, run) -> None:
    path = chapter(edition, "03-makkelijk.md", EASY + "\n" + EASY)
    set_config(edition, "readability:\n  minimum: 80\n")
    assert found(run, "readability") == [(path, 2, "warning")]
    assert "minimum of 80" in messages(run, "readability")[0]


def test_long_sentence_warns_at_its_first_line(edition: Path, run) -> None:
    words26 = "Woord " + " ".join(["woord"] * 12) + "\n" + " ".join(["woord"] * 13) + "."
    path = chapter(edition, "03-lang.md", "Een korte zin.\n\nNog een zin. " + words26 + "\n")
    assert found(run, "long-sentence") == [(path, 9, "warning")]
    assert "26 words (more than 25)" in messages(run, "long-sentence")[0]


def test_a_sentence_of_25_words_passes(edition: Path, run) -> None:
    chapter(edition, "03-lang.md", " ".join(["woord"] * 25) + ".\n")
    assert found(run, "long-sentence") == []


def test_sentence_length_is_set_per_edition(edition: Path, run) -> None:
    path = chapter(edition, "03-lang.md", " ".join(["woord"] * 12) + ".\n")
    set_config(edition, "readability:\n  sentence_words: 10\n")
    assert [p for p in found(run, "long-sentence") if p[0] == path] == [(path, 7, "warning")]


def test_lines_stay_right_when_a_loop_renders_extra_lines(edition: Path, run) -> None:
    body = (
        "{% for s in standen %}\n- {{ s.afkorting }}\n{% endfor %}\n"
        "\n"
        + " ".join(["woord"] * 30) + ".\n"
    )
    path = chapter(edition, "03-lus.md", body)
    assert found(run, "long-sentence") == [(path, 11, "warning")]


def test_rendered_numbers_count_as_words(edition: Path, run) -> None:
    # 24 typed words + the number the expression renders = 25: no warning; one more word: warning.
    sentence = " ".join(["woord"] * 24) + " {{ standen | length }}."
    chapter(edition, "03-expr.md", sentence + "\n")
    assert found(run, "long-sentence") == []
    path = chapter(edition, "03-expr.md", "extra " + sentence + "\n")
    assert found(run, "long-sentence") == [(path, 7, "warning")]
