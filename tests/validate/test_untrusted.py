"""Drafts come from pull requests: escape attempts are refused at file:line, run nothing, read nothing outside.

Each case plants one attempt in a copy of tests/roots/minimal and runs `staatc check` as CI
would. The check must fail with the expected code at the expected file and line, show no
traceback, create no canary file, and never open the secret file or /etc/passwd: a Python
audit hook records every file the check opens (Jinja sandbox escapes are in test_sandbox.py,
resource limits in test_template_limits.py).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from helpers import png

CH2 = "chapters/02-complexiteitsreductie.md"
KB = "kamerbrief.md"
SECRET_TEXT = "GEHEIM-7f3a"

# --- every file the process opens, while a test listens -----------------------------------
_opened: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # cannot be removed; it only records while `_opened` is a list


@pytest.fixture
def opened():
    global _opened
    _opened = []
    yield _opened
    _opened = None


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside editions/, with a secret Stand, chapter and image in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "geheim.md").write_text(
        "---\norganisatie: Geheime dienst\nafkorting: GD\ndepartement: BZK\ngepubliceerd: "
        f"2024-03-01\nurl: https://example.org/\n---\n{SECRET_TEXT}\n", encoding="utf-8")
    (folder / "geheim.png").write_bytes(png() + SECRET_TEXT.encode())
    return folder


# --- how each case plants its attempt ------------------------------------------------------

def replace_line(rel: str, old: str, new: str) -> Callable[[Path, Path], None]:
    def apply(root: Path, outside: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new.replace("{outside}", str(outside)), 1), encoding="utf-8")

    return apply


def body(new: str) -> Callable[[Path, Path], None]:
    """Replace line 8 of chapter 2 ('De oproep blijft staan.') by `new`."""
    return replace_line(CH2, "De oproep blijft staan.", new)


def symlink(rel: str, target: str) -> Callable[[Path, Path], None]:
    def apply(root: Path, outside: Path) -> None:
        link = root / rel
        if link.is_dir() and not link.is_symlink():
            for child in link.iterdir():
                child.unlink()
            link.rmdir()
        link.unlink(missing_ok=True)
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("{outside}", str(outside)), link)

    return apply


def both(*steps: Callable[[Path, Path], None]) -> Callable[[Path, Path], None]:
    def apply(root: Path, outside: Path) -> None:
        for step in steps:
            step(root, outside)

    return apply


def fifo(rel: str) -> Callable[[Path, Path], None]:
    def apply(root: Path, outside: Path) -> None:
        os.mkfifo(root / rel)  # reading it would block for ever

    return apply


IMAGE = "![Grafiek van de knelpunten](images/x.png)"


@dataclass(frozen=True)
class Case:
    id: str
    plant: Callable[[Path, Path], None]
    file: str
    line: int | None
    code: str
    hint: str


CASES = [
    # Raw output markup: would write Typst, Word XML or LaTeX straight into the documents.
    Case("raw-typst-block", body('```{=typst}\n#read("/etc/passwd")\n```'), CH2, 8, "raw-block", "raw Typst"),
    Case("raw-openxml-block", body("```{=openxml}\n<w:p><w:r><w:t>x</w:t></w:r></w:p>\n```"), CH2, 8, "raw-block", "raw Word"),
    Case("raw-latex-block", body("~~~ {=latex}\n\\input{/etc/passwd}\n~~~"), CH2, 8, "raw-block", "raw LaTeX"),
    Case("raw-typst-inline", body('Tekst `#read("/etc/passwd")`{=typst} tekst.'), CH2, 8, "raw-block", "write Markdown"),
    Case("raw-openxml-inline", body("Tekst ``<w:br/>``{= openxml} tekst."), CH2, 8, "raw-block", "raw Word"),
    Case("tex-input", body("Zie \\input{/etc/passwd} hier."), CH2, 8, "raw-block", "raw LaTeX ('\\input')"),
    Case("tex-include-kamerbrief", replace_line(KB, "Hierbij bied ik", "\\include{/etc/passwd}\nHierbij bied ik"), KB, 9, "raw-block", "raw LaTeX"),
    Case("raw-in-stand", replace_line("standen/uwv.md", "UWV ziet", "```{=typst}\n#panic()\n```\nUWV ziet"), "standen/uwv.md", 13, "raw-block", "raw Typst"),
    Case("raw-by-expression", body("{{ '`#panic()`{' ~ '=typst}' }}"), CH2, 8, "raw-block", "made by a template expression"),
    # Links and images that point at the machine that builds.
    Case("image-absolute", body("![Wachtwoorden](/etc/passwd)"), CH2, 8, "image-outside", "images/"),
    Case("image-traversal", body("![Geheim](images/../../../outside/geheim.png)"), CH2, 8, "image-outside", "'..'"),
    Case("image-file-url", body("![Geheim](file:///etc/passwd)"), CH2, 8, "image-outside", "not inside the edition"),
    Case("image-symlink-file", both(symlink("images/x.png", "/etc/passwd"), body(IMAGE)), "images/x.png", None, "unsafe-path", "copy the image into images/"),
    Case("image-symlink-folder", both(symlink("images", "{outside}"), body("![Geheim](images/geheim.png)")), "images", None, "unsafe-path", "make it a real folder"),
    Case("link-absolute", body("[de wachtwoorden](/etc/passwd)"), CH2, 8, "link-target", "not a web address"),
    Case("link-file-url", body("[geheim](file:///etc/passwd)"), CH2, 8, "link-target", "https://"),
    Case("link-traversal", body("[geheim](../../outside/geheim.md)"), CH2, 8, "link-target", "files on this computer"),
    Case("link-javascript", body("[klik](javascript:history.back)"), CH2, 8, "link-target", "not a web address"),
    # Source files and folders that lead out of the edition.
    Case("chapter-symlink-passwd", symlink("chapters/03-wachtwoorden.md", "/etc/passwd"), "chapters/03-wachtwoorden.md", None, "unsafe-path", "outside the edition"),
    Case("standen-folder-symlink", symlink("standen", "{outside}"), "standen", None, "unsafe-path", "make it a real folder"),
    Case("stand-symlink", symlink("standen/geheim.md", "{outside}/geheim.md"), "standen/geheim.md", None, "unsafe-path", "copy the file"),
    Case("stand-symlink-traversal", symlink("standen/geheim.md", "../../../outside/geheim.md"), "standen/geheim.md", None, "unsafe-path", "copy the file"),
    Case("edition-yaml-symlink", symlink("edition.yaml", "/etc/passwd"), "edition.yaml", None, "unsafe-path", "outside the edition"),
    Case("kamerbrief-to-device", symlink(KB, "/dev/zero"), KB, None, "unsafe-path", "outside the edition"),
    Case("chapter-fifo", fifo("chapters/03-pijp.md"), "chapters/03-pijp.md", None, "unsafe-path", "not a regular file"),
    # Images that would take the renderer down, or carry something active.
    Case("image-pixel-bomb", both(lambda r, o: (r / "images").mkdir() or (r / "images/x.png").write_bytes(png(60_000, 60_000)), body(IMAGE)), CH2, 8, "image-invalid", "60,000 × 60,000 pixels"),
    Case("image-not-an-image", both(lambda r, o: (r / "images").mkdir() or (r / "images/x.png").write_text("root:x:0:0"), body(IMAGE)), CH2, 8, "image-invalid", "save it as PNG"),
    Case("image-svg-external", both(lambda r, o: (r / "images").mkdir() or (r / "images/x.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>'), body(IMAGE)), CH2, 8, "image-invalid", "links to other files"),
    Case("image-svg-script", both(lambda r, o: (r / "images").mkdir() or (r / "images/x.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), body(IMAGE)), CH2, 8, "image-invalid", "scripts"),
    # Text and markup that Typst cannot print (found by fuzzing: it stopped the whole PDF).
    Case("glyph-emoji", body("Een blije organisatie 🙂."), CH2, 8, "glyph-missing", "U+1F642"),
    Case("glyph-in-front-matter", replace_line("standen/uwv.md", "afkorting: UWV", "afkorting: UWV 日本"), "standen/uwv.md", 3, "glyph-missing", "cannot be printed in the PDF"),
    Case("nesting-lists", body("\n".join("  " * i + f"- niveau {i}" for i in range(500))), CH2, 28, "nesting-depth", "flatten them"),
    Case("nesting-quotes", body("> " * 500 + "diep"), CH2, 8, "nesting-depth", "500 levels"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_escape_attempt_is_refused(case: Case, edition: Path, outside: Path, run, opened) -> None:
    case.plant(edition, outside)
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert SECRET_TEXT not in result.output and "root:x:0" not in result.output
    problems = json.loads(result.stdout)["problems"]
    expected = f"editions/2024/{case.file}"
    matching = [p for p in problems if p["file"] == expected and p["code"] == case.code]
    assert matching, f"no {case.code} at {expected} in {problems}"
    assert matching[0]["line"] == case.line, matching[0]
    assert matching[0]["severity"] == "error"
    assert case.hint in matching[0]["message"], matching[0]["message"]
    read = {Path(p).resolve() for p in opened}
    assert Path("/etc/passwd") not in read
    assert not any(p.is_relative_to(outside.resolve()) for p in read), sorted(map(str, read))


def test_the_audit_hook_sees_what_check_reads(edition: Path, run, opened) -> None:
    """The proof above is only as good as the hook: it must see the edition's own files."""
    run("check", "2024", "--as-of", "2024-05-01")
    read = {Path(p).resolve() for p in opened}
    assert (edition / CH2).resolve() in read and (edition / "edition.yaml").resolve() in read


@pytest.mark.parametrize(
    "text",
    [
        "Code: `<b>vet</b>` en `\\input{x}` blijven code.",
        "```html\n<script>alert(1)</script>\n```",
        "```latex\n\\input{/etc/passwd}\n```",
        "Een notitie <!-- <b>nog doen</b> \\input{x} --> verdwijnt.",
        "{## <b> en \\input{x} in een notitie ##}Tekst.",
        "Zie <https://www.uwv.nl/> of mail <info@example.org>; 3 < 4 > 2.",
        "Een link naar [UWV](https://www.uwv.nl/), [mail](mailto:a@example.org) en [kop](#sec-x).",
        "\n".join("  " * i + f"- niveau {i}" for i in range(20)),
        "> " * 20 + "twintig niveaus mag",
    ],
    ids=["code-span", "code-block-html", "code-block-latex", "html-comment", "template-comment",
         "autolinks-and-less-than", "web-links", "lists-20-deep", "quotes-20-deep"],
)
def test_look_alikes_are_not_refused(text: str, edition: Path, run) -> None:
    body(text)(edition, edition)
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    codes = {p["code"] for p in json.loads(result.stdout)["problems"]}
    assert not codes & {"raw-block", "raw-html", "link-target", "nesting-depth"}, result.stdout


def test_raw_html_is_a_warning_and_strict_refuses_it(edition: Path, run) -> None:
    body("De RDW deelt gegevens met <script>alert(1)</script> gemeenten.")(edition, edition)
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    assert result.exit_code == 0
    found = [(p["line"], p["severity"], p["code"]) for p in json.loads(result.stdout)["problems"]]
    assert (8, "warning", "raw-html") in found
    assert run("check", "2024", "--as-of", "2024-05-01", "--strict").exit_code == 1


def test_symlink_inside_the_edition_is_fine(edition: Path, run) -> None:
    (edition / "images").mkdir()
    (edition / "images" / "echt.png").write_bytes(png())
    os.symlink("echt.png", edition / "images" / "x.png")
    body(IMAGE)(edition, edition)
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json")
    assert result.exit_code == 0, result.stdout


def test_diff_of_a_crafted_commit_writes_nothing_outside(tmp_path: Path, run, monkeypatch) -> None:
    """A commit can hold tree entries named '..' (a push to GitHub is refused them, a fetch
    without fsck is not): `staatc diff 2024@REV` must not follow them out of its temp folder.
    Twelve of them lead from <tmp>/staatc-diff-…/editions/2024 up to the root of the disk."""
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from helpers import copy_root

    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args: str, stdin: str | None = None) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], input=stdin, env=env, check=True,
                              capture_output=True, text=True).stdout.strip()

    git("init", "-q")
    root = copy_root("minimal", repo)
    name = f"written-by-staatc-diff-{os.getpid()}.md"
    tree = git("mktree", stdin=f"100644 blob {git('hash-object', '-w', '--stdin', stdin='x')}\t{name}\n")
    for _ in range(12):
        tree = git("mktree", stdin=f"040000 tree {tree}\t..\n")
    yaml = git("hash-object", "-w", str(root / "edition.yaml"))
    tree = git("mktree", stdin=f"100644 blob {yaml}\tedition.yaml\n040000 tree {tree}\t..\n")
    tree = git("mktree", stdin=f"040000 tree {tree}\t2024\n")
    tree = git("mktree", stdin=f"040000 tree {tree}\teditions\n")
    commit = git("commit-tree", tree, "-m", "crafted")
    assert "/../" in git("ls-tree", "-r", "--name-only", "--full-tree", commit)
    monkeypatch.chdir(repo)
    result = run("diff", f"2024@{commit}", "2024")
    assert "Traceback" not in result.output
    target = Path("/") / name
    try:
        assert not target.exists(), "the diff wrote outside its temp folder"
    finally:
        target.unlink(missing_ok=True)


def test_build_runs_no_code_from_the_current_folder(edition: Path, run, monkeypatch) -> None:
    """In CI the current folder is someone's pull request: a `staatc/` package in it must not
    be what the helper processes (chart, Typst worker) import."""
    from helpers import REPO

    canary = edition.parent.parent / "ran-code-from-the-checkout"
    planted = edition.parent.parent / "staatc"
    planted.mkdir()
    for module in ("__init__.py", "chart.py", "__main__.py"):
        (planted / module).write_text(f"open({str(canary)!r}, 'w').write('x')\n")
    monkeypatch.setenv("PYTHONPATH", str(REPO))  # as installed: not the current folder
    result = run("build", "2024", "--out", "out", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert not canary.exists()
