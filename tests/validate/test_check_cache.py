"""The per-file check cache: a cached check reports exactly what an uncached one does.

`check` keeps the per-file rules' results in build/<year>/.staatc-cache/check.json. These
tests read what a user sees (`check --format json`) with and without the cache, after an
edit, with a corrupt cache and with a cache from another staatc; and they poison the cache
on purpose to show which results are reused and which are redone.
"""

from __future__ import annotations

import json

import pytest

from helpers.editorial import chapter, problems

LONG = " ".join(["woord"] * 30) + ".\n"  # one sentence over the 25-word limit: long-sentence
CACHE = "build/2024/.staatc-cache/check.json"


@pytest.fixture
def drafted(edition):
    chapter(edition, "03-lang.md", "# Lang\n\n" + LONG, status="review")
    chapter(edition, "04-notitie.md", "# Notitie\n\nTODO hier komt nog tekst.\n", status="review")
    return edition


def uncached(run) -> tuple[int, list[dict]]:
    return problems(run, "--no-cache")


def poison(path, message: str = "uit de cache") -> None:
    """Give every cached file one extra problem: it shows only where the cache is believed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in data["files"]:
        data["files"][key].append([1, "warning", "long-sentence", message])
    path.write_text(json.dumps(data), encoding="utf-8")


def test_cached_check_reports_exactly_what_an_uncached_one_does(drafted, run, tmp_path):
    first = problems(run)
    assert {p["code"] for p in first[1]} >= {"long-sentence", "todo-marker"}
    assert (tmp_path / CACHE).is_file()
    assert problems(run) == first == uncached(run)


def test_the_cache_is_kept_beside_the_outputs_never_in_the_edition(drafted, run, tmp_path):
    before = sorted(p.relative_to(drafted) for p in drafted.rglob("*"))
    problems(run)
    problems(run)
    assert sorted(p.relative_to(drafted) for p in drafted.rglob("*")) == before
    assert (tmp_path / CACHE).is_file()


def test_no_cache_writes_no_cache(drafted, run, tmp_path):
    uncached(run)
    assert not (tmp_path / CACHE).exists()


def test_after_an_edit_only_that_file_is_judged_again(drafted, run, tmp_path):
    problems(run)
    poison(tmp_path / CACHE)
    _, seen = problems(run)
    poisoned = {p["file"] for p in seen if p["message"] == "uit de cache"}
    assert "editions/2024/chapters/03-lang.md" in poisoned  # proof that results are reused

    chapter(drafted, "03-lang.md", "# Lang\n\nKort nu.\n\n" + LONG + "\n" + LONG, status="review")
    _, seen = problems(run)
    poisoned = {p["file"] for p in seen if p["message"] == "uit de cache"}
    assert "editions/2024/chapters/03-lang.md" not in poisoned  # edited: judged again
    assert "editions/2024/chapters/04-notitie.md" in poisoned  # untouched: reused
    lines = [p["line"] for p in seen if p["code"] == "long-sentence"
             and p["file"].endswith("03-lang.md")]
    assert lines == [11, 13]


def test_after_an_edit_the_cached_check_matches_an_uncached_one(drafted, run):
    problems(run)
    chapter(drafted, "03-lang.md", "# Lang\n\nKort.\n", status="review")
    chapter(drafted, "05-nieuw.md", "# Nieuw\n\n#### Diep\n\n" + LONG, status="final")
    after = problems(run)
    assert after == uncached(run)
    assert not any(p["file"].endswith("03-lang.md") for p in after[1])
    assert {p["code"] for p in after[1] if p["file"].endswith("05-nieuw.md")} >= {
        "long-sentence", "heading-skip"}


def test_a_changed_setting_in_edition_yaml_judges_every_file_again(drafted, run, tmp_path):
    problems(run)
    poison(tmp_path / CACHE)
    path = drafted / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "readability:\n  sentence_words: 40\n",
                    encoding="utf-8")
    after = problems(run)
    assert not any(p["message"] == "uit de cache" for p in after[1])
    assert not any(p["code"] == "long-sentence" for p in after[1])
    assert after == uncached(run)


@pytest.mark.parametrize("content", [
    b"", b"\xff\xfe not json", b"[1, 2, 3]", b'{"format": 1}', b"{" * 10_000,
    b'{"format": 1, "staatc": "x", "files": {"k": [[1, "fatal", "todo", 3]]}}',
])
def test_a_corrupt_cache_is_ignored_and_written_anew(drafted, run, tmp_path, content):
    expected = uncached(run)
    cache = tmp_path / CACHE
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    assert problems(run) == expected
    assert json.loads(cache.read_text(encoding="utf-8"))["format"] == 1
    assert problems(run) == expected


def test_a_cache_entry_of_the_wrong_shape_makes_the_whole_cache_untrusted(drafted, run, tmp_path):
    problems(run)
    poison(tmp_path / CACHE)
    data = json.loads((tmp_path / CACHE).read_text(encoding="utf-8"))
    next(iter(data["files"].values())).append([1, "warning", "no-such-code", "x"])
    (tmp_path / CACHE).write_text(json.dumps(data), encoding="utf-8")
    assert problems(run) == uncached(run)


def test_a_cache_from_another_staatc_is_ignored(drafted, run, tmp_path, monkeypatch):
    problems(run)
    poison(tmp_path / CACHE)
    monkeypatch.setattr("staatc.validate.cache.__version__", "99.0.0")
    after = problems(run)
    assert not any(p["message"] == "uit de cache" for p in after[1])
    assert after == uncached(run)


def test_a_cache_that_cannot_be_written_still_checks(drafted, run, tmp_path):
    (tmp_path / "build").write_text("a file where the build folder would be", encoding="utf-8")
    code, found = problems(run)
    assert (code, found) == uncached(run)
    assert any(p["code"] == "long-sentence" for p in found)


LOOP = "# Lus\n\n{% for s in standen %}" + "woord " * 13 + "{% endfor %}einde.\n"  # 13 words a Stand


def test_a_rendered_text_is_rendered_again_when_the_data_it_reads_changes(drafted, run, tmp_path):
    chapter(drafted, "05-lus.md", LOOP, status="review")
    assert any(p["file"].endswith("05-lus.md") and p["code"] == "long-sentence"
               for p in problems(run)[1])  # two Standen: 26 words and more
    data = json.loads((tmp_path / CACHE).read_text(encoding="utf-8"))
    assert len(data["texts"]) >= 1  # rendered texts are kept too
    (drafted / "standen" / "svb.md").unlink()
    after = problems(run)
    assert not any(p["file"].endswith("05-lus.md") and p["code"] == "long-sentence"
                   for p in after[1])  # one Stand: 13 words
    assert after == uncached(run)


def test_a_kept_rendered_text_is_reused_only_for_the_same_source_and_data(drafted, run, tmp_path):
    chapter(drafted, "05-lus.md", LOOP, status="review")
    problems(run)
    cache = tmp_path / CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["texts"] = {key: "TODO uit de cache\n" for key in data["texts"]}
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert any(p["code"] == "todo-marker" and p["file"].endswith("05-lus.md")
               for p in problems(run)[1])  # proof that the kept text is used
    chapter(drafted, "05-lus.md", LOOP + "\nNog een zin.\n", status="review")
    after = problems(run)
    mine = lambda found: [p for p in found[1] if p["file"].endswith("05-lus.md")]  # noqa: E731
    assert not any(p["code"] == "todo-marker" for p in mine(after))  # edited: rendered anew
    assert mine(after) == mine(uncached(run))


PLAIN = "# Tekst\n\n" + "De kat zit op de mat en kijkt naar het huis. " * 8 + "\n"  # easy to read


def test_kept_syllable_counts_are_used_only_from_the_same_pyphen(drafted, run, tmp_path):
    chapter(drafted, "05-tekst.md", PLAIN, status="review")
    assert not any(p["code"] == "readability" for p in problems(run)[1])
    cache = tmp_path / CACHE
    data = json.loads(cache.read_text(encoding="utf-8"))
    assert data["words"]["counts"]["kat"] == 1
    data["words"]["counts"] = {word: 9 for word in data["words"]["counts"]}
    cache.write_text(json.dumps(data), encoding="utf-8")
    chapter(drafted, "05-tekst.md", PLAIN + "\nDe kat.\n", status="review")  # judged again
    from staatc.validate.editorial import readability

    readability.KNOWN.clear()  # this test process counted the words itself before
    assert any(p["code"] == "readability" for p in problems(run)[1])  # proof: the counts are used
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["words"]["tag"] = "another pyphen"
    cache.write_text(json.dumps(data), encoding="utf-8")
    chapter(drafted, "05-tekst.md", PLAIN + "\nDe kat zit.\n", status="review")
    readability.KNOWN.clear()
    assert not any(p["code"] == "readability" for p in problems(run)[1])
    readability.KNOWN.clear()


def test_build_keeps_the_cache_in_the_same_folder_check_does():
    from staatc.commands import build
    from staatc.validate import cache

    assert build.CACHE_FOLDER == cache.FOLDER
