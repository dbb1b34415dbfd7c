"""What the check cache keeps besides the per-file results (issue 16): the links, headings and
code lines read off each text (staatc.markdown.memo), so a warm check parses only the files
that changed, and pyphen's parsed patterns, so a new word does not cost a dictionary parse.
Each is a hint: one that is not what staatc writes makes the check do the work itself."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from helpers.editorial import chapter, problems
from staatc.markdown.memo import MEMOS
from staatc.markdown.tree import tokens

CACHE = "build/2024/.staatc-cache/check.json"
PATTERNS = "build/2024/.staatc-cache/hyphenation.json"
EDITED = "# Nieuw\n\nEen alinea die net is geschreven, met [een link](stand:uwv).\n"


def new_process() -> None:
    """Forget what this test process read off texts, as a new `staatc check` would."""
    for m in MEMOS.values():
        m.known.clear()
    tokens.cache_clear()


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every text markdown-it parses from now on."""
    texts: list[str] = []
    parse = MarkdownIt.parse

    def recording(self, src, env=None):
        texts.append(src)
        return parse(self, src, env)

    monkeypatch.setattr(MarkdownIt, "parse", recording)
    return texts


def test_a_warm_check_parses_only_the_edited_file(edition, run, parsed):
    chapter(edition, "03-nieuw.md", "# Nieuw\n\nEerst dit.\n", status="review")
    problems(run)
    new_process()
    parsed.clear()
    chapter(edition, "03-nieuw.md", EDITED, status="review")
    after = problems(run)
    assert parsed, "the edited file was not read"
    assert all(text.strip() in EDITED for text in parsed), [t[:40] for t in parsed]
    new_process()
    assert after == problems(run, "--no-cache")


def test_kept_readings_give_the_same_problems_as_parsing(edition, run, tmp_path):
    chapter(edition, "03-nieuw.md", EDITED.replace("stand:uwv", "stand:cak"), status="review")
    problems(run)
    data = json.loads((tmp_path / CACHE).read_text(encoding="utf-8"))
    assert {"links", "headings", "code-lines", "prose"} <= data["memos"].keys()
    new_process()
    warm = problems(run)
    assert any(p["code"] == "broken-reference" for p in warm[1])  # read from the kept links
    new_process()
    assert warm == problems(run, "--no-cache")


@pytest.mark.parametrize("memo, bad", [
    ("links", [[1, "tekst", 3, False, "", False]]),  # a target that is no text
    ("headings", [[1, 2, "Titel", "id"]]),  # a field short
    ("code-lines", [-1]),
    ("links", "geen lijst"),
])
def test_a_kept_reading_of_the_wrong_shape_makes_the_whole_cache_untrusted(edition, run, tmp_path,
                                                                           memo, bad):
    problems(run)
    cache = tmp_path / CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    for key in data["files"]:  # believed only where the cache is believed
        data["files"][key].append([1, "warning", "long-sentence", "uit de cache"])
    data["memos"][memo] = {"0" * 64: bad}
    cache.write_text(json.dumps(data), encoding="utf-8")
    new_process()
    after = problems(run)
    assert not any(p["message"] == "uit de cache" for p in after[1])
    new_process()
    assert after == problems(run, "--no-cache")


@pytest.fixture
def fresh_pyphen(monkeypatch):
    """As in a new process: no pyphen loaded, no word counted."""
    import pyphen

    from staatc.validate.editorial import hyphenation, readability

    def forget():
        hyphenation.hyphenator.cache_clear()
        pyphen.hdcache.clear()
        readability.KNOWN.clear()

    forget()
    yield forget
    forget()


PLAIN = "# Tekst\n\n" + "De kat zit op de mat en kijkt naar het huis. " * 8 + "\n"


def test_pyphens_patterns_are_kept_and_read_back_without_parsing(edition, run, tmp_path,
                                                                 fresh_pyphen, monkeypatch):
    import pyphen

    chapter(edition, "05-tekst.md", PLAIN, status="review")
    first = problems(run)
    kept = json.loads((tmp_path / PATTERNS).read_text(encoding="utf-8"))
    assert len(kept["patterns"]) > 10_000
    fresh_pyphen()
    chapter(edition, "05-tekst.md", PLAIN + "\nDe onderzoeksraad vergadert.\n", status="review")

    def parse(self, path):
        raise AssertionError("pyphen parsed its dictionary")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", parse)
    warm = problems(run)
    monkeypatch.undo()
    fresh_pyphen()
    assert warm == problems(run, "--no-cache")
    assert first[0] == warm[0]


@pytest.mark.parametrize("content", ['{"tag": "another pyphen", "patterns": {"ab": [0, [1]]}}',
                                     '{"tag": "TAG", "patterns": {"ab": [0, ["1"]]}}', "niet json"])
def test_kept_patterns_from_another_pyphen_or_damaged_are_ignored(edition, run, tmp_path,
                                                                  fresh_pyphen, content):
    from staatc.validate.editorial.hyphenation import hyphenation_tag
    from staatc.validate.editorial.readability import syllables

    chapter(edition, "05-tekst.md", PLAIN, status="review")
    problems(run)
    (tmp_path / PATTERNS).write_text(content.replace("TAG", hyphenation_tag()), encoding="utf-8")
    fresh_pyphen()
    chapter(edition, "05-tekst.md", PLAIN + "\nDe onderzoeksraad.\n", status="review")
    problems(run)
    assert syllables("onderzoeksraad") == 4  # counted with pyphen's own patterns
    assert len(json.loads((tmp_path / PATTERNS).read_text(encoding="utf-8"))["patterns"]) > 10_000
