"""`staatc diff`: a reviewer compares two editions and sees exactly what changed.

Each test copies tests/roots/minimal twice (editions/2023 and editions/2024),
makes known edits to one, and checks what each output format reports.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from helpers import copy_root

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CH1 = "chapters/01-inleiding.md"
CH2 = "chapters/02-complexiteitsreductie.md"
UWV = "standen/uwv.md"

RDW = """---
organisatie: Rijksdienst voor het Wegverkeer
afkorting: RDW
departement: IenW
gepubliceerd: 2024-03-01
url: https://www.rdw.nl/
knelpunten:
  - thema: gegevensuitwisseling
    titel: Kentekengegevens komen laat bij gemeenten
---
De RDW deelt gegevens met <script>alert("x")</script> gemeenten.
"""

EUR = """---
titel: Gegevens delen in ketens
instelling: Erasmus Universiteit Rotterdam
auteurs: [C. Auteur]
thema: gegevensuitwisseling
jaar: 2024
---
Ketens delen te weinig.
"""


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def pair(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """editions/2023 and editions/2024, the same text; cwd at their parent."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    old = copy_root("minimal", tmp_path, "2023")
    edit(old, "edition.yaml", "edition: 2024", "edition: 2023")
    new = copy_root("minimal", tmp_path, "2024")
    return old, new


def known_edits(new: Path) -> None:
    """Every kind of change the JSON must list, and nothing else."""
    edit(new, "edition.yaml", "title: Staat van de Uitvoering 2024", "title: De Staat 2024")
    edit(new, "edition.yaml", "date: 2024-06-20", "date: 2024-06-27")  # duidingssessie moved
    write(new, "standen/rdw.md", RDW)  # added
    (new / "standen/svb.md").unlink()  # removed
    edit(new, UWV, "gepubliceerd: 2024-04-15", "gepubliceerd: 2024-04-19")
    edit(new, UWV, "titel: Gegevens van andere organisaties komen laat",
         "titel: Gegevens van gemeenten komen laat")
    edit(new, UWV, "regels op elkaar stapelen.", "regels steeds vaker op elkaar stapelen.")
    write(new, "onderzoeken/eur-ketens.md", EUR)  # added
    edit(new, "onderzoeken/tias-stapeling.md", "jaar: 2024", "jaar: 2023")
    edit(new, CH1, "status: review", "status: final")
    edit(new, CH1, "Dit is een illustratief voorbeeld.", "Dit is een fictief voorbeeld.")
    # Chapter 02 moves to 03 (a link follows it); a new chapter 02 comes in.
    (new / CH2).rename(new / "chapters/03-complexiteitsreductie.md")
    edit(new, CH1, "hoofdstuk:02-complexiteitsreductie", "hoofdstuk:03-complexiteitsreductie")
    write(new, "chapters/02-nieuw.md",
          "---\ntitle: Nieuw\nstatus: concept\nowner: Team\ndeadline: 2024-07-01\n---\nGeheel nieuw.\n")


def as_json(run, *args: str) -> dict:
    result = run("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_lists_exactly_the_known_changes(pair, run) -> None:
    old, new = pair
    known_edits(new)
    d = as_json(run, "2023", "2024")

    assert d["changed"] is True
    assert d["edition"]["fields"] == [
        {"field": "edition", "old": 2023, "new": 2024},
        {"field": "title", "old": "Staat van de Uitvoering 2024", "new": "De Staat 2024"},
    ]
    assert d["milestones"]["moved"] == [{"id": "duidingssessie", "name": "Duidingssessie met bestuurders",
                                         "old": "2024-06-20", "new": "2024-06-27", "days": 7}]
    assert d["milestones"]["added"] == d["milestones"]["removed"] == d["milestones"]["changed"] == []

    standen = d["standen"]
    assert standen["added"] == ["rdw"]
    assert standen["removed"] == ["svb"]
    [uwv] = standen["changed"]
    assert uwv["slug"] == "uwv"
    assert uwv["fields"] == [{"field": "gepubliceerd", "old": "2024-04-15", "new": "2024-04-19"}]
    assert uwv["knelpunten"] == {
        "added": [{"thema": "gegevensuitwisseling", "titel": "Gegevens van gemeenten komen laat"}],
        "removed": [{"thema": "gegevensuitwisseling",
                     "titel": "Gegevens van andere organisaties komen laat"}],
        "changed": [],  # knelpunten without an id: removed and added
    }
    assert uwv["text"]["inserted_words"] == 2 and uwv["text"]["deleted_words"] == 0
    assert ["+", "steeds vaker"] in uwv["text"]["ops"]

    assert d["onderzoeken"]["added"] == ["eur-ketens"]
    assert d["onderzoeken"]["removed"] == []
    [tias] = d["onderzoeken"]["changed"]
    assert tias["fields"] == [{"field": "jaar", "old": 2024, "new": 2023}]
    assert tias["text"]["changed"] is False

    chapters = d["chapters"]
    assert [c["slug"] for c in chapters["added"]] == ["02-nieuw"]
    assert chapters["removed"] == [] and chapters["renamed"] == []
    assert chapters["moved"] == [{"slug": "03-complexiteitsreductie", "old": 2, "new": 3}]
    assert chapters["status"] == [{"slug": "01-inleiding", "old": "review", "new": "final"}]
    assert [c["slug"] for c in chapters["changed"]] == ["01-inleiding", "03-complexiteitsreductie"]
    inleiding = chapters["changed"][0]
    # The rendered text: one more Stand with a knelpunt, so the computed figure changes too.
    ops = inleiding["text"]["ops"]
    assert ["-", "illustratief"] in ops and ["+", "fictief"] in ops
    assert d["kamerbrief"] is None  # its text says '2 Standen' on both sides

    counts = {t["theme"]: (t["old"], t["new"]) for t in d["knelpunten_per_theme"]}
    assert counts == {"complexiteit": (2, 1), "gegevensuitwisseling": (1, 2)}


def test_template_figures_are_compared_after_rendering(pair, run) -> None:
    old, new = pair
    write(new, "standen/rdw.md", RDW)
    d = as_json(run, "2023", "2024")
    [inleiding] = d["chapters"]["changed"]
    ops = inleiding["text"]["ops"]
    assert ["-", "2"] in ops and ["+", "3"] in ops  # '2 Standen' → '3 Standen'
    assert ["-", "3"] in ops and ["+", "4"] in ops  # '3 knelpunten' → '4 knelpunten'
    assert d["kamerbrief"]["text"]["ops"][1:3] == [["-", "2"], ["+", "3"]]


def test_rewrapped_paragraph_is_no_change(pair, run) -> None:
    old, new = pair
    edit(new, CH1, "Dit is een illustratief voorbeeld. Dit jaar verschenen",
         "Dit is een\nillustratief   voorbeeld.\nDit jaar verschenen")
    edit(new, UWV, "UWV ziet dat regels op elkaar stapelen.", "UWV ziet dat regels\nop elkaar stapelen.  ")
    d = as_json(run, "2024", "2024")
    assert d["changed"] is False
    d = as_json(run, "2023", str(new))
    assert d["chapters"]["changed"] == [] and d["standen"]["changed"] == []


def test_a_renamed_chapter_is_one_chapter(pair, run) -> None:
    old, new = pair
    (new / CH2).rename(new / "chapters/02-minder-regels.md")
    edit(new, CH1, "hoofdstuk:02-complexiteitsreductie", "hoofdstuk:02-minder-regels")
    d = as_json(run, "2023", "2024")
    assert d["chapters"]["added"] == [] and d["chapters"]["removed"] == []
    assert d["chapters"]["renamed"] == [{"slug": "02-minder-regels", "old": "02-complexiteitsreductie",
                                         "new": "02-minder-regels"}]
    assert d["chapters"]["moved"] == []


def test_a_replaced_chapter_is_removed_and_added(pair, run) -> None:
    old, new = pair
    (new / CH2).unlink()
    write(new, "chapters/02-iets-anders.md",
          "---\ntitle: Anders\nstatus: concept\nowner: Team\ndeadline: 2024-07-01\n---\n"
          "Een heel andere tekst over iets anders dan complexiteit.\n")
    edit(new, CH1, "hoofdstuk:02-complexiteitsreductie", "hoofdstuk:02-iets-anders")
    d = as_json(run, "2023", "2024")
    assert [c["slug"] for c in d["chapters"]["added"]] == ["02-iets-anders"]
    assert [c["slug"] for c in d["chapters"]["removed"]] == ["02-complexiteitsreductie"]
    assert d["chapters"]["renamed"] == []


def test_json_is_stable(pair, run) -> None:
    old, new = pair
    known_edits(new)
    first = run("diff", "2023", "2024", "--format", "json").stdout
    assert first == run("diff", "2023", "2024", "--format", "json").stdout
    keys = re.findall(r'^ *"(\w+)":', first, re.M)
    assert keys[:4] == ["changed", "chapters", "added", "number"]  # sorted keys


def test_text_is_plain_without_a_terminal(pair, run, monkeypatch) -> None:
    old, new = pair
    known_edits(new)
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("diff", "2023", "2024")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out
    assert "Dit is een [-illustratief-] {+fictief+} voorbeeld." in out
    assert "+ rdw: Rijksdienst voor het Wegverkeer (RDW) added" in out
    assert "- svb: Sociale Verzekeringsbank (SVB) removed" in out
    assert "moved from 02 to 03" in out
    assert "status review → final" in out
    assert "duidingssessie: moved 2024-06-20 → 2024-06-27 (+7 days)" in out
    assert "Gegevensuitwisseling: 1 → 2 (+1)" in out
    assert "knelpunt added [gegevensuitwisseling]: Gegevens van gemeenten komen laat" in out


def test_text_to_a_file_is_plain(pair, run, tmp_path) -> None:
    old, new = pair
    edit(new, UWV, "regels op elkaar", "regels op elk")
    out = tmp_path / "diff.txt"
    result = run("diff", "2023", "2024", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "[-elkaar-] {+elk+}" in text and "\x1b[" not in text


def test_text_is_coloured_on_a_terminal(pair) -> None:
    from rich.console import Console

    from staatc.diff.sources import compare
    from staatc.diff.to_text import render

    old, new = pair
    edit(new, UWV, "regels op elkaar", "regels op elk")
    text = render(compare("2023", "2024", old.parent.parent, date(2024, 5, 1)), color=True)
    console = Console(force_terminal=True, color_system="standard", width=200)
    with console.capture() as capture:
        console.print(text)
    shown = capture.get()
    assert "\x1b[" in shown and "{+" not in shown and "[-" not in shown
    assert any(span.style == "red strike" for span in text.spans)


def test_no_changes(pair, run, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("diff", "2024", "2024")
    assert result.exit_code == 0
    assert "No changes." in result.stdout


def test_html_marks_changes_and_escapes(pair, run, tmp_path) -> None:
    old, new = pair
    known_edits(new)
    edit(new, UWV, "op elkaar stapelen.", "op elkaar stapelen. <script>alert(1)</script> & meer")
    out = tmp_path / "diff.html"
    result = run("diff", "2023", "2024", "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<del>illustratief</del>" in page.replace("<del> ", "<del>")
    assert "<ins>fictief</ins>" in page.replace("<ins> ", "<ins>")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp; meer" in page
    assert 'src="http' not in page and "<link" not in page  # self-contained


def test_docx_default_name_and_bytes_are_reproducible(pair, run, tmp_path) -> None:
    old, new = pair
    known_edits(new)
    result = run("diff", "2023", "2024", "--format", "docx")
    assert result.exit_code == 0, result.output
    first = (tmp_path / "diff-2023-2024.docx").read_bytes()
    run("diff", "2023", "2024", "--format", "docx")
    assert (tmp_path / "diff-2023-2024.docx").read_bytes() == first


def test_docx_tracked_changes_read_back_by_pandoc(pair, run, tmp_path) -> None:
    import pypandoc

    old, new = pair
    known_edits(new)
    out = tmp_path / "review.docx"
    assert run("diff", "2023", "2024", "--format", "docx", "--out", str(out)).exit_code == 0
    md = pypandoc.convert_file(str(out), "markdown", extra_args=["--track-changes=all", "--wrap=none"])
    stamp = 'author="staatc" date="2024-09-09T00:00:00Z"'  # the new edition's aanbieding
    assert f'[illustratief]{{.deletion {stamp}}}' in md
    assert f'[fictief]{{.insertion {stamp}}}' in md
    assert f'[steeds vaker]{{.insertion {stamp}}}' in md
    accepted = pypandoc.convert_file(str(out), "plain", extra_args=["--track-changes=accept"])
    assert "Dit is een fictief voorbeeld." in accepted and "illustratief" not in accepted
    rejected = pypandoc.convert_file(str(out), "plain", extra_args=["--track-changes=reject"])
    assert "Dit is een illustratief voorbeeld." in rejected and "fictief" not in rejected


def test_docx_redline_is_the_new_rapportage_itself(pair, run, tmp_path) -> None:
    """Headings, the table of contents, tables and captions as in the build; no Markdown."""
    from docx import Document

    old, new = pair
    known_edits(new)
    edit(new, CH1, "| Complexiteit | 2 |", "| Complexiteit | 2 |\n| Gegevens | 1 |")
    out = tmp_path / "review.docx"
    assert run("diff", "2023", "2024", "--format", "docx", "--out", str(out)).exit_code == 0
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Waarom deze Staat" in headings and "Overzicht van de Standen" in headings
    texts = [p.text for p in doc.paragraphs]
    assert not any("{#" in t or t.startswith(("#", "|")) for t in texts)  # no Markdown source
    assert any(t.replace("\u00a0", " ").startswith("Tabel 1:") for t in texts)
    body = doc.element.body
    assert body.find(f"{W}sdt") is not None  # the table of contents
    rows = [["".join(t.text for t in c._tc.iter(f"{W}t")) for c in r.cells]
            for table in doc.tables for r in table.rows]
    assert ["Gegevens", "1"] in rows  # an inserted table row is a table row
    inserted = [t.text for t in body.iter(f"{W}t") if any(a.tag == f"{W}ins" for a in t.iterancestors())]
    assert "Gegevens" in inserted and "fictief" in inserted


def test_docx_accepted_is_the_new_rapportage(pair, run, tmp_path) -> None:
    """Accepting every change gives the text of the new rapportage as the build renders it."""
    import pypandoc

    from staatc.assemble.products import RAPPORTAGE
    from staatc.render.rapportage_docx import DocxRenderer
    from staatc.validate.check import check_edition

    old, new = pair
    known_edits(new)
    edit(new, UWV, "op elkaar stapelen.", "op elkaar stapelen.\n\nEen tweede alinea.")
    edit(old, "chapters/02-complexiteitsreductie.md", "De oproep blijft staan.",
         "De oproep\n\nblijft staan.")  # two paragraphs joined in the new text
    out = tmp_path / "review.docx"
    assert run("diff", "2023", "2024", "--format", "docx", "--out", str(out)).exit_code == 0
    built = tmp_path / "built.docx"
    result = check_edition(new, date(2024, 5, 1), editorial=False)
    built.write_bytes(DocxRenderer().render(RAPPORTAGE.assemble(result, False, ())))

    def words(path: Path, *args: str) -> list[str]:
        return pypandoc.convert_file(str(path), "plain", extra_args=list(args)).split()

    assert words(out, "--track-changes=accept") == words(built)
    rejected = " ".join(words(out, "--track-changes=reject"))
    assert "Een tweede alinea." not in rejected and "illustratief" in rejected


def test_docx_changes_carry_author_date_and_unique_ids(pair, run, tmp_path) -> None:
    import zipfile

    old, new = pair
    known_edits(new)
    out = tmp_path / "review.docx"
    run("diff", "2023", "2024", "--format", "docx", "--out", str(out))
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode()
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    changes = re.findall(r"<w:(ins|del) ([^>]*)>", xml)
    assert changes
    ids = [re.search(r'w:id="(\d+)"', attrs)[1] for _, attrs in changes]
    bookmarks = re.findall(r'<w:bookmarkStart w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids)) and not set(ids) & set(bookmarks)
    assert all('w:author="staatc"' in a and 'w:date="2024-09-09T00:00:00Z"' in a for _, a in changes)


def test_errors_in_either_side_are_reported_like_check(pair, run) -> None:
    old, new = pair
    edit(old, UWV, "thema: complexiteit", "thema: onbekend")
    result = run("diff", "2023", "2024")
    assert result.exit_code == 1
    assert "editions/2023/standen/uwv.md:8: error: theme 'onbekend' is not in edition.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_missing_edition(pair, run) -> None:
    result = run("diff", "2022", "2024")
    assert result.exit_code == 1
    assert "no edition found" in result.stderr


def test_a_knelpunt_with_an_id_that_changed_is_changed_not_removed_and_added(edition, run) -> None:
    import shutil

    old = edition.parent / "2023"
    shutil.copytree(edition, old)
    config = old / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("edition: 2024", "edition: 2023"), encoding="utf-8")
    for root, thema, titel in ((old, "gegevensuitwisseling", "Gegevens van andere organisaties komen laat"),
                               (edition, "complexiteit", "Gegevens van gemeenten komen te laat")):
        uwv = root / "standen" / "uwv.md"
        text = uwv.read_text(encoding="utf-8").replace(
            "  - thema: gegevensuitwisseling\n    titel: Gegevens van andere organisaties komen laat",
            f"  - thema: {thema}\n    titel: {titel}\n    id: uwv-gegevens")
        uwv.write_text(text, encoding="utf-8")
    result = run("diff", "2023", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    [uwv] = [s for s in json.loads(result.stdout)["standen"]["changed"] if s["slug"] == "uwv"]
    assert uwv["knelpunten"]["added"] == [] and uwv["knelpunten"]["removed"] == []
    [change] = uwv["knelpunten"]["changed"]
    assert change["old"]["thema"] == "gegevensuitwisseling" and change["new"]["thema"] == "complexiteit"
    text = run("diff", "2023", "2024").stdout
    assert "knelpunt changed (uwv-gegevens) [gegevensuitwisseling]" in text
    assert "knelpunt removed" not in text


def test_a_renamed_theme_counts_as_one_theme(edition, run) -> None:
    import shutil

    old = edition.parent / "2023"
    shutil.copytree(edition, old)
    config = old / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("edition: 2024", "edition: 2023")
                      .replace("  gegevensuitwisseling: Gegevensuitwisseling", "  gegevens: Gegevens"), encoding="utf-8")
    uwv = old / "standen" / "uwv.md"
    uwv.write_text(uwv.read_text(encoding="utf-8").replace("thema: gegevensuitwisseling", "thema: gegevens"),
                   encoding="utf-8")
    config = edition / "edition.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  gegevensuitwisseling: Gegevensuitwisseling",
        "  gegevensuitwisseling:\n    label: Gegevensuitwisseling\n    was: gegevens"), encoding="utf-8")
    result = run("diff", "2023", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout)["knelpunten_per_theme"]
    by_theme = {c["theme"]: (c["old"], c["new"]) for c in counts}
    assert "gegevens" not in by_theme and by_theme["gegevensuitwisseling"] == (1, 1)
