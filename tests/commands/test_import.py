"""`staatc import`: a Word draft becomes a chapter that `staatc check` reads like any other."""

from __future__ import annotations

import re

import docx
import yaml

from helpers.word import DRAFT, word_draft
from staatc.load.edition import split_front_matter
from staatc.markdown.headings import headings


def test_a_word_draft_becomes_a_chapter(edition, tmp_path, run) -> None:
    draft = word_draft(tmp_path / "concept.docx")
    result = run("import", "concept.docx", "2024", "--chapter", "08-wachttijden")
    assert result.exit_code == 0, result.output
    assert "Wrote: editions/2024/chapters/08-wachttijden.md and 1 image(s)" in result.stdout

    chapter = edition / "chapters" / "08-wachttijden.md"
    front, body, _ = split_front_matter(chapter.read_text(encoding="utf-8"), chapter)
    meta = yaml.safe_load(front)
    assert meta["title"] == "Wachten op een beoordeling"  # the first heading, not repeated below
    assert (meta["status"], meta["owner"]) == ("concept", "Jan Jansen")
    assert [(h.level, h.title) for h in headings(body)] == [(2, "Wat organisaties doen")]
    assert "- UWV zet meer professionals in" in body
    assert re.search(r"^\| UWV +\| 14 weken +\|$", body, re.M)  # a pipe table
    assert ": Wachttijden per organisatie" in body  # its caption
    assert "lang.[^1]" in body and "[^1]: Gemeten in het eerste kwartaal." in body
    # The tracked changes are accepted; the comment is not text of the chapter.
    assert "een tekort aan artsen" in body and "de drukte" not in body
    assert "Klopt dit cijfer" not in body and "Het gaat om duizenden mensen." in body
    (image,) = re.findall(r"!\[Grafiek van de wachttijden per\s+maand\]\((images/08-wachttijden/[^)]+)\)", body)
    assert (edition / image).read_bytes().startswith(b"\x89PNG")

    # Each comment and change is a warning that says what was found, at the Word file.
    warnings = result.stderr.splitlines()
    assert any("concept.docx: warning: comment by Els Bakker on 2024-05-02: 'Klopt dit cijfer?'" in w
               and w.endswith("[word-comment]") for w in warnings), warnings
    assert any("tracked insertion by Jan Jansen" in w and "'een tekort aan artsen'" in w for w in warnings)
    assert any("tracked deletion by Piet de Vries" in w and "'de drukte'" in w
               and w.endswith("[word-tracked-change]") for w in warnings)
    assert draft.is_file()  # the Word file is left as it was

    checked = run("check", "2024", "--as-of", "2024-01-15")
    assert checked.exit_code == 0 and checked.stdout.strip() == "", checked.output


def test_what_the_check_finds_in_an_imported_chapter_is_at_its_line(edition, tmp_path, run) -> None:
    word_draft(tmp_path / "zonder-alt.docx", "# Kop\n\nEen alinea.\n", author=None, picture_alt="")
    result = run("import", "zonder-alt.docx", "2024", "--chapter", "09-zonder-alt")
    assert result.exit_code == 0, result.output
    text = (edition / "chapters" / "09-zonder-alt.md").read_text(encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("![]("))
    where = f"editions/2024/chapters/09-zonder-alt.md:{line}: error:"
    assert where in result.stderr and "[image-alt]" in result.stderr  # import says so at once
    checked = run("check", "2024", "--as-of", "2024-01-15")
    assert checked.exit_code == 1 and where in checked.stdout
    assert "owner: nog te bepalen" in text  # no author in the Word file


def test_text_that_looks_like_an_expression_stays_text(edition, tmp_path, run) -> None:
    from staatc.load.edition import load_edition
    from staatc.templating.render import render_texts

    word_draft(tmp_path / "accolades.docx", "# Kop\n\nSchrijf {{ naam }} en {% if %} zo.\n", picture=False)
    assert run("import", "accolades.docx", "2024", "--chapter", "08-accolades").exit_code == 0
    loaded, _ = load_edition(edition)
    texts, problems = render_texts(loaded)
    assert problems == []
    assert "Schrijf {{ naam }} en {% if %} zo." in texts[edition / "chapters" / "08-accolades.md"]


def test_import_refuses_what_it_cannot_do(edition, tmp_path, run) -> None:
    (tmp_path / "notities.docx").write_text("gewoon tekst", encoding="utf-8")
    not_word = run("import", "notities.docx", "2024", "--chapter", "08-nieuw")
    assert not_word.exit_code == 1 and "this is not a Word file (.docx)" in not_word.stderr
    word_draft(tmp_path / "concept.docx", picture=False)
    bad_name = run("import", "concept.docx", "2024", "--chapter", "nieuw")
    assert bad_name.exit_code == 1 and "'nieuw' is not a chapter name" in bad_name.stderr
    exists = run("import", "concept.docx", "2024", "--chapter", "01-inleiding")
    assert exists.exit_code == 1 and "never overwrites a chapter" in exists.stderr
    assert "[import-source]" in exists.stderr
    assert not list((edition / "chapters").glob("08-*"))
    outside = tmp_path / "elders"
    outside.mkdir()
    (edition / "images").symlink_to(outside)
    linked = run("import", "concept.docx", "2024", "--chapter", "08-nieuw")
    assert linked.exit_code == 1 and "points outside the edition folder" in linked.stderr
    assert list(outside.iterdir()) == [] and not (edition / "chapters" / "08-nieuw.md").exists()


def test_a_word_file_saved_as_markdown_is_named_as_such(edition, tmp_path, run) -> None:
    word_draft(edition / "chapters" / "03-uit-word.md", picture=False)
    checked = run("check", "2024")
    assert checked.exit_code == 1
    message = next(line for line in checked.stdout.splitlines() if "03-uit-word.md" in line)
    assert "this is a Word file (.docx), not Markdown text" in message and "staatc import" in message
    assert message.endswith("[word-file]") and "UTF-8" not in checked.stdout
    built = run("build", "2024", "--out", str(tmp_path / "out"))
    assert built.exit_code == 1 and "this is a Word file (.docx)" in built.output
    (edition / "chapters" / "03-uit-word.md").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    old = run("check", "2024")
    assert old.exit_code == 1 and "this is an old Word file (.doc), not Markdown text: save it in Word as .docx" in old.stdout


def test_the_helper_really_writes_word_files(tmp_path) -> None:
    """The drafts above are what Word reads: headings, a caption, a picture with its alt text."""
    document = docx.Document(str(word_draft(tmp_path / "d.docx")))
    assert document.core_properties.author == "Jan Jansen"
    assert any(p.text == "Wachttijden per organisatie" for p in document.paragraphs)
    assert [p.text for p in document.paragraphs if p.style.name.startswith("Heading")][:1] == [
        DRAFT.splitlines()[0].lstrip("# ")]
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == "Grafiek van de wachttijden per maand"


def test_the_word_title_is_the_chapter_title(edition, tmp_path, run) -> None:
    word_draft(tmp_path / "titel.docx", "% Titel uit Word\n\nTekst.\n\n# Eerste kop\n\nMeer.\n",
               picture=False)
    assert run("import", "titel.docx", "2024", "--chapter", "08-titel").exit_code == 0
    chapter = edition / "chapters" / "08-titel.md"
    front, body, _ = split_front_matter(chapter.read_text(encoding="utf-8"), chapter)
    assert yaml.safe_load(front)["title"] == "Titel uit Word"
    assert [h.title for h in headings(body)] == ["Eerste kop"]  # a heading of the body stays
