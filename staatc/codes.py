"""Every problem code staatc reports, declared once: its severity, what it means, what to do.

This sits in the bottom layer (next to `errors.py`) because every stage reports problems,
from the loader up; the rules that find them live in their stages and run through
`staatc.validate.registry`. A problem is made through `problem()`, which refuses a code
that is not declared here: a typo in a code is a bug in staatc, so it is a traceback, and
`checks:`, `staatc rules` and the README can never disagree with what is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from staatc.errors import Problem, Severity

Default = Literal["on", "off"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    explanation: str  # one line: what was found
    fix: str  # one line: what the editor does about it
    default: Default = "on"  # "off": only reported when `checks:` switches it on

    @property
    def switchable(self) -> bool:
        """Only warnings may be switched under `checks:`; an error would break the build."""
        return self.severity == "warning"

    def problem(self, file: Path, line: int | None, message: str,
                severity: Severity | None = None) -> Problem:
        return Problem(file, line, severity or self.severity, self.code, message)


def _e(code: str, explanation: str, fix: str) -> Code:
    return Code(code, "error", explanation, fix)


def _w(code: str, explanation: str, fix: str, default: Default = "on") -> Code:
    return Code(code, "warning", explanation, fix, default)


_ALL: tuple[Code, ...] = (
    # Reading the edition folder (staatc.load, errors.py)
    _e("edition-not-found", "the edition argument is neither a year under editions/ nor a folder",
       "pass a year such as 2024 or the path of an edition folder"),
    _e("encoding", "a source file is not UTF-8 text, is too large, or has a control character",
       "save it as UTF-8, split it, or delete the invisible character"),
    _e("yaml-syntax", "edition.yaml or a front matter block is not valid YAML",
       "fix the YAML at the line shown (indentation, quotes, colons)"),
    _e("front-matter", "a front matter block is missing, not closed, not 'key: value' lines, "
       "or has a key twice", "write the block as '---', 'key: value' lines, '---'"),
    _e("unsafe-path", "a file or folder is a link to outside the edition, or not a plain file",
       "replace the link by the file itself"),
    _e("missing-key", "a required key is missing from edition.yaml or a front matter",
       "add the key"),
    _e("unknown-key", "a key that the format does not know (often a typo)",
       "remove it or fix its spelling"),
    _e("invalid-date", "a date that is not a real date in YYYY-MM-DD form",
       "write the date as YYYY-MM-DD"),
    _e("invalid-value", "a value of the wrong kind, or not one of the allowed values",
       "use a value the message allows"),
    _e("chapter-name", "a chapter file name does not start with a two-digit number",
       "rename it to NN-slug.md"),
    _e("file-name", "a file name that is not lowercase letters, digits and dashes",
       "rename the file, e.g. uwv.md"),
    _e("missing-kamerbrief", "the edition has no kamerbrief.md", "add kamerbrief.md"),
    _e("no-chapters", "the chapters/ folder is missing or has no chapters",
       "add at least one chapter"),
    _w("stray-file", "a file in chapters/, standen/ or onderzoeken/ that is not Markdown",
       "move it out of the folder, or rename it to .md"),
    # The house style: a repository's templates/ folder beside editions/ (staatc.load.house_style)
    _e("house-style", "a house-style override in templates/ is not usable (a broken template, "
       "a Word file with macros or external links, a font that is no font)",
       "fix or remove the file named; the bundled house style is used without it"),
    _w("house-style-ignored", "a file in templates/ that is never used (the Lua filter cannot be "
       "overridden: it is code)", "remove the file, or rename it to one of the house-style files"),
    # The series of editions (staatc.load.series, staatc.validate.series)
    _e("series-missing-vorige", "'vorige:' names an edition that is not under editions/",
       "correct the year, or remove 'vorige' from the first edition"),
    _e("series-cycle", "the editions' 'vorige:' links go round in a circle",
       "let 'vorige' name an earlier edition"),
    _e("unknown-theme-was", "a theme's 'was:' is not a theme key of the previous edition",
       "use the key the theme had in the previous edition"),
    _e("duplicate-knelpunt-id", "two knelpunten in one edition have the same id",
       "give each knelpunt its own id"),
    _e("unknown-oproep", "a chapter's 'oproep:' is not an id under oproepen in edition.yaml",
       "use a listed oproep id, or add the oproep"),
    _e("duplicate-oproep", "an oproep id appears twice under oproepen", "keep one of them"),
    # Template expressions (staatc.templating)
    _e("template", "a template expression is wrong, not allowed or too expensive",
       "fix the expression at the line shown"),
    # Rules over the whole edition (staatc.validate)
    _e("edition-folder", "'edition:' in edition.yaml differs from the folder name",
       "make them the same"),
    _e("missing-aanbieding", "no milestone has the id 'aanbieding'",
       "add the aanbieding milestone"),
    _e("unknown-theme", "a knelpunt or onderzoek uses a theme that edition.yaml does not list",
       "use a listed theme, or add it under themes"),
    _e("duplicate-afkorting", "two Standen use the same afkorting",
       "give each organisation its own"),
    _w("duplicate-organisatie", "two Standen name the same organisation",
       "merge them if they are the same Stand"),
    _e("duplicate-chapter-number", "two chapters have the same NN- number",
       "give each chapter its own number"),
    _e("empty-chapter", "a chapter has no text after its front matter",
       "write the chapter or remove the file"),
    _e("broken-reference",
       "a stand:, onderzoek: or hoofdstuk: link to something that does not exist",
       "fix the name after the colon"),
    _e("link-target", "a link that is not a web address (a file, a script)",
       "link to https://…, mailto:… or use stand:, onderzoek:, hoofdstuk:"),
    _e("broken-anchor", "an internal #anchor link that no heading or anchor has (it would vanish)",
       "link to an existing #id, or use a cross reference such as hoofdstuk:02-slug"),
    _e("image-alt", "an image without alt text", "describe the image between the brackets"),
    _e("image-outside", "an image path outside the edition (a web address, '/', '..')",
       "put the file in images/ and write images/<name>"),
    _e("image-missing", "an image file that does not exist", "add it to images/ or fix the name"),
    _e("image-invalid", "an image that is not a safe PNG, JPEG, GIF or SVG, or is too large",
       "save it again as PNG"),
    _e("glyph-missing", "a character the PDF's fonts cannot print",
       "remove the character or write it in words"),
    _e("raw-block", "raw Typst, Word or LaTeX markup in edition text", "write Markdown instead"),
    _w("raw-html", "an HTML tag in edition text (it would only show as literal text)",
       "write Markdown instead"),
    _e("nesting-depth", "lists and block quotes nested deeper than can be printed",
       "flatten them"),
    _e("empty-heading", "a heading without text (a line with only #)",
       "write the heading's title after the #, or delete the #"),
    _w("placeholder", "a placeholder such as (naam), XXX or TODO left in a definitief edition's "
       "fields or text", "fill in the real value"),
    _e("markup-flood", "a text with more markup characters than a report can need (50,000)",
       "remove the repeated characters"),
    # The schedule (staatc.schedule)
    _e("milestone-order", "the milestones are not in date order", "reorder them or fix the date"),
    _e("duplicate-milestone", "two milestones have the same id", "give each milestone its own id"),
    _e("deadline-after-aanbieding", "a chapter's deadline is after the aanbieding",
       "set an earlier deadline"),
    _w("stand-after-peildatum", "a Stand was published after the peildatum",
       "move it to the next edition, or change the peildatum"),
    _w("chapter-overdue", "a chapter's deadline has passed and it is not final",
       "finish it, or agree a new deadline"),
    _w("gate-missed", "a passed milestone's gate was not met by this chapter",
       "get the chapter to the gate's status"),
    _w("gate-due", "a milestone within two weeks whose gate is not yet met",
       "get the listed chapters to the gate's status"),
    # Editorial checks (staatc.validate.editorial)
    _w("readability", "a chapter's Flesch-Douma score is below readability.minimum",
       "shorten the sentences and words of its hardest paragraphs"),
    _w("long-sentence", "a sentence longer than readability.sentence_words words",
       "split the sentence"),
    _w("spelling", "a word that is in neither the Dutch dictionary nor woordenlijst.txt",
       "fix the spelling, or add the word to woordenlijst.txt", default="off"),
    _w("heading-skip", "a heading skips a level (## followed by ####)", "use the next level"),
    _w("alt-text", "an image's alt text is its file name or a bare word", "describe the image"),
    _w("table-header", "a table without a header row", "give the table a header row"),
    _w("link-text", "link text such as 'klik hier' or a bare web address",
       "say where the link goes"),
    _w("todo-marker", "TODO, FIXME, XXX or [PM] left in the text (an error in a final text)",
       "finish the text and remove the note"),
    _w("final-cites-concept", "a final chapter refers to a chapter that is still a concept",
       "finish the other chapter first"),
    _w("typed-count", "a count typed by hand that differs from the data",
       "let a template expression count it from the data"),
    _w("typed-chapter", "a chapter number typed by hand ('hoofdstuk 2'), which goes stale when "
       "chapters move", "write [](hoofdstuk:NN-slug): staatc writes the number"),
    # `checks:` in edition.yaml
    _e("unknown-check", "a code under checks: that staatc does not know",
       "use a code from `staatc rules`"),
    _e("check-not-switchable", "an error code under checks: set to off or warning",
       "remove the line: errors cannot be switched off"),
    # New editions and Word drafts (staatc.commands.new, staatc.commands.import_docx, staatc.load)
    _e("word-file", "a source file with a .md name that is really a Word file",
       "turn it into Markdown with staatc import FILE EDITION --chapter NN-slug"),
    _e("new-edition", "staatc new cannot make the edition: its folder exists already, or the "
       "year is not after the edition it starts from", "choose another year or --from"),
    _e("import-source", "staatc import was given a file that is not a Word file (.docx), a bad "
       "chapter name, or a chapter that already exists", "give a .docx and a new NN-slug"),
    _w("word-comment", "a comment in an imported Word file: comments are not imported",
       "settle the comment in Word, or write its point into the chapter"),
    _w("word-tracked-change", "a tracked change in an imported Word file: it was accepted",
       "read the new chapter where the change was, and correct it if it should not stay"),
    # Commands (staatc.commands, staatc.diff)
    _e("invalid-edition", "the edition has errors, so nothing was built", "fix the errors"),
    _e("output", "an output file could not be written", "check the output folder"),
    _e("render-limit", "pandoc or Typst ran out of time or memory on this edition",
       "simplify the text the message names"),
    _e("git-revision", "an EDITION@GITREV that git cannot read", "use an existing revision"),
)

CODES: dict[str, Code] = {c.code: c for c in _ALL}
assert len(CODES) == len(_ALL), "a code is declared twice"


def problem(code: str, file: Path, line: int | None, message: str,
            severity: Severity | None = None) -> Problem:
    """A problem with a declared code; an undeclared one is a bug (KeyError)."""
    return CODES[code].problem(file, line, message, severity)
