"""Huisregels: working notes, final chapters citing concepts, counts typed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.editorial import chapter, found, messages, problems, set_config

# tests/roots/minimal has 2 Standen with 3 knelpunten, 1 onderzoek and 2 chapters
# (01-inleiding: review, 02-complexiteitsreductie: concept); each test adds one chapter.


@pytest.mark.parametrize("status, severity", [("final", "error"), ("review", "warning")])
def test_working_note_in_a_final_or_review_chapter(status: str, severity: str, edition: Path, run) -> None:
    path = chapter(edition, "03-noot.md", "Tekst.\n\nHier komt het cijfer [PM].\n", status=status)
    assert found(run, "todo-marker") == [(path, 9, severity)]


def test_working_note_fails_the_check_only_when_final(edition: Path, run) -> None:
    chapter(edition, "03-noot.md", "TODO: bronnen toevoegen.\n", status="final")
    assert problems(run)[0] == 1
    chapter(edition, "03-noot.md", "TODO: bronnen toevoegen.\n", status="review")
    assert problems(run)[0] == 0


def test_working_notes_are_allowed_in_a_concept(edition: Path, run) -> None:
    chapter(edition, "03-noot.md", "TODO: bronnen toevoegen. XXX nog nakijken.\n", status="concept")
    assert found(run, "todo-marker") == []


def test_final_chapter_without_notes(edition: Path, run) -> None:
    chapter(edition, "03-af.md", "De tekst is af. Een todolijst is geen notitie.\n", status="final")
    assert found(run, "todo-marker") == []


def test_standen_follow_the_edition_status(edition: Path, run) -> None:
    uwv = edition / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text(encoding="utf-8") + "FIXME: cijfers 2023\n", encoding="utf-8")
    assert found(run, "todo-marker") == [("editions/2024/standen/uwv.md", 14, "warning")]
    config = edition / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("status: concept", "status: definitief"))
    assert found(run, "todo-marker") == [("editions/2024/standen/uwv.md", 14, "error")]


def test_final_chapter_that_cites_a_concept(edition: Path, run) -> None:
    path = chapter(edition, "03-slot.md", "Tekst.\n\nZie [hoofdstuk 2](hoofdstuk:02-complexiteitsreductie).\n",
                   status="final")
    assert found(run, "final-cites-concept") == [(path, 9, "warning")]
    assert "02-complexiteitsreductie" in messages(run, "final-cites-concept")[0]


def test_final_chapter_that_cites_a_chapter_in_review(edition: Path, run) -> None:
    chapter(edition, "03-slot.md", "Zie [de inleiding](hoofdstuk:01-inleiding).\n", status="final")
    assert found(run, "final-cites-concept") == []


def test_concept_may_cite_a_concept(edition: Path, run) -> None:
    chapter(edition, "03-slot.md", "Zie [hoofdstuk 2](hoofdstuk:02-complexiteitsreductie).\n", status="concept")
    assert found(run, "final-cites-concept") == []


@pytest.mark.parametrize("typed, noun", [
    ("3 Standen", "2 Standen"),
    ("twee onderzoeken", "1 onderzoeken"),
    ("4 knelpunten", "3 knelpunten"),
    ("12 hoofdstukken", "3 hoofdstukken"),
])
def test_typed_count_that_differs_from_the_data(typed: str, noun: str, edition: Path, run) -> None:
    path = chapter(edition, "03-tellen.md", f"Inleiding.\n\nDit jaar zijn er {typed}.\n")
    assert found(run, "typed-count") == [(path, 9, "warning")]
    message = messages(run, "typed-count")[0]
    assert f"this edition has {noun}" in message and "{{" in message


@pytest.mark.parametrize("text", [
    "Dit jaar zijn er 2 Standen.",  # right
    "Dit jaar zijn er {{ standen | length }} Standen.",  # produced by an expression
    "Er is 1 onderzoeken en 1 knelpunten.",  # far below the total: a part of them
    "Zoals in 2022 Standen lieten zien.",  # a year, not a count
    "Er zijn 3 hoofdstukken.",  # right (two in the fixture plus this one)
])
def test_typed_count_that_is_right_or_not_a_total(text: str, edition: Path, run) -> None:
    chapter(edition, "03-tellen.md", text + "\n")
    assert found(run, "typed-count") == []


def test_typed_count_ignores_standen_themselves(edition: Path, run) -> None:
    uwv = edition / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text(encoding="utf-8") + "UWV noemt 5 knelpunten.\n", encoding="utf-8")
    assert found(run, "typed-count") == []


def test_switching_off_the_house_rules(edition: Path, run) -> None:
    chapter(edition, "03-noot.md", "TODO 3 Standen.\n", status="final")
    set_config(edition, "checks:\n  todo-marker: off\n  typed-count: off\n")
    code, items = problems(run)
    assert code == 0
    assert not [p for p in items if p["code"] in ("todo-marker", "typed-count")]


# typed-chapter: "hoofdstuk 2" typed by hand goes stale when chapters move.

def test_typed_chapter_number_in_a_link_names_the_reference_to_write(edition: Path, run) -> None:
    path = chapter(edition, "03-slot.md",
                   "Tekst.\n\nZie [hoofdstuk 2](hoofdstuk:02-complexiteitsreductie).\n")
    assert found(run, "typed-chapter") == [(path, 9, "warning")]
    [message] = messages(run, "typed-chapter")
    assert message == ("'hoofdstuk 2' is typed in the link text: write "
                       "[](hoofdstuk:02-complexiteitsreductie) so the number follows the chapter")


def test_typed_chapter_number_that_is_wrong_says_the_right_one(edition: Path, run) -> None:
    chapter(edition, "03-slot.md", "Zie [Hoofdstuk 5](hoofdstuk:02-complexiteitsreductie).\n")
    [message] = messages(run, "typed-chapter")
    assert "'Hoofdstuk 5' is typed in the link text, and that chapter is hoofdstuk 2 now" in message


def test_typed_chapter_number_without_a_link(edition: Path, run) -> None:
    path = chapter(edition, "03-slot.md", "Tekst.\n\nIn hoofdstuk 2 staat de oproep; hoofdstuk 9 is er niet.\n")
    assert found(run, "typed-chapter") == [(path, 9, "warning"), (path, 9, "warning")]
    first, second = messages(run, "typed-chapter")
    assert first == ("'hoofdstuk 2' is typed: write [](hoofdstuk:02-complexiteitsreductie) so the "
                     "number follows the chapter when chapters move")
    assert second == ("'hoofdstuk 9' is typed, and this edition has no hoofdstuk 9: link the "
                      "chapter you mean with [](hoofdstuk:NN-slug)")


def test_typed_chapter_in_a_stand_and_the_kamerbrief(edition: Path, run) -> None:
    for name in ("standen/uwv.md", "kamerbrief.md"):
        path = edition / name
        path.write_text(path.read_text(encoding="utf-8") + "\nZie hoofdstuk 1.\n", encoding="utf-8")
    assert sorted(f for f, *_ in found(run, "typed-chapter")) == [
        "editions/2024/kamerbrief.md", "editions/2024/standen/uwv.md"]


@pytest.mark.parametrize("text", [
    "Zie [](hoofdstuk:02-complexiteitsreductie) en [het slot](hoofdstuk:01-inleiding).",
    "Het slothoofdstuk 2024 en hoofdstukken zonder nummer.",
    "```\nhoofdstuk 2 in code\n```",
    "Zie `hoofdstuk 2` in code, en {{ 'hoofdstuk 2' }} uit een expressie.",
])
def test_generated_labels_code_and_expressions_are_not_typed_numbers(text: str, edition: Path, run) -> None:
    chapter(edition, "03-slot.md", text + "\n")
    assert found(run, "typed-chapter") == []


def test_typed_chapter_can_be_switched_off(edition: Path, run) -> None:
    chapter(edition, "03-slot.md", "Zie hoofdstuk 2.\n")
    set_config(edition, "checks:\n  typed-chapter: off\n")
    assert found(run, "typed-chapter") == []
