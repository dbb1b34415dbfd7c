"""Validate: the rules that span files, over a loaded edition (pure; no I/O).

Each rule is a small function returning problems; `staatc.validate.registry` runs them
all (no short circuit) so the editor sees everything in one run.
"""

from __future__ import annotations

import re

from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Iterable

from staatc.codes import problem
from staatc.errors import Problem
from staatc.markdown.links import find_links
from staatc.model import Edition, _Document
from staatc.suggest import did_you_mean


def edition_matches_folder(ed: Edition) -> Iterable[Problem]:
    if ed.config and ed.root.name.isdigit() and str(ed.config.edition) != ed.root.name:
        yield problem("edition-folder", ed.config_source.path, ed.config_source.line_of("edition"),
                      f"'edition: {ed.config.edition}' does not match the folder name "
                      f"'{ed.root.name}': make them the same")


def aanbieding_required(ed: Edition) -> Iterable[Problem]:
    if ed.config and ed.aanbieding() is None:
        yield problem("missing-aanbieding", ed.config_source.path,
                      ed.config_source.line_of("milestones"),
                      "there is no milestone with id 'aanbieding' (the date the minister sends "
                      "the report): add it to the milestones")


def themes_exist(ed: Edition) -> Iterable[Problem]:
    if ed.config is None:
        return
    known = ed.config.themes
    for stand in ed.standen:
        for i, knelpunt in enumerate(stand.knelpunten):
            if knelpunt.thema not in known:
                yield problem("unknown-theme", stand.source.path,
                              stand.source.line_of("knelpunten", i, "thema"),
                              _unknown_theme(knelpunt.thema, known))
    for onderzoek in ed.onderzoeken:
        if onderzoek.thema not in known:
            yield problem("unknown-theme", onderzoek.source.path, onderzoek.source.line_of("thema"),
                          _unknown_theme(onderzoek.thema, known))


def _unknown_theme(theme: str, known) -> str:
    if near := did_you_mean(theme, known):
        return (f"theme '{theme}' is not in edition.yaml: did you mean '{near}'? Write "
                f"'thema: {near}', or add '{theme}' under themes")
    return (f"theme '{theme}' is not in edition.yaml: use one of {', '.join(known)}, or add it "
            "under themes")


def afkortingen_unique(ed: Edition) -> Iterable[Problem]:
    first: dict[str, Path] = {}
    for stand in ed.standen:
        key = stand.afkorting.casefold()
        if key in first:
            yield problem("duplicate-afkorting", stand.source.path,
                          stand.source.line_of("afkorting"),
                          f"afkorting '{stand.afkorting}' is also used by {first[key].name}: each "
                          "organisation needs its own")
        else:
            first[key] = stand.source.path


def chapter_numbers_unique(ed: Edition) -> Iterable[Problem]:
    first: dict[int, Path] = {}
    for chapter in ed.chapters:
        if chapter.number in first:
            yield problem("duplicate-chapter-number", chapter.source.path, None,
                          f"chapter number {chapter.number:02d} is also used by "
                          f"{first[chapter.number].name}: give each chapter its own number")
        else:
            first[chapter.number] = chapter.source.path


def chapters_not_empty(ed: Edition) -> Iterable[Problem]:
    for chapter in ed.chapters:
        if not chapter.body.strip():
            yield problem("empty-chapter", chapter.source.path, chapter.source.body_line,
                          "this chapter has no text after its front matter: write it, or remove "
                          "the file")


_FOLDERS = {"stand": "standen", "onderzoek": "onderzoeken", "hoofdstuk": "chapters"}


def _reference_targets(ed: Edition) -> dict[str, set[str]]:
    targets = {
        "stand": {s.slug for s in ed.standen},
        "onderzoek": {o.slug for o in ed.onderzoeken},
        "hoofdstuk": {c.slug for c in ed.chapters},
    }
    for path in ed.unloaded:  # already reported; a second error for each link would be noise
        kind = {v: k for k, v in _FOLDERS.items()}.get(path.parent.name)
        if kind:
            targets[kind].add(path.stem)
    return targets


def _broken(link, targets: dict[str, set[str]]) -> str | None:
    if link.kind and link.slug not in targets[link.kind]:
        missing = f"'{link.target}' does not exist: there is no {_FOLDERS[link.kind]}/{link.slug}.md"
        if near := did_you_mean(link.slug, targets[link.kind]):
            return f"{missing}; did you mean '{link.kind}:{near}'?"
        return f"{missing}; fix the name after '{link.kind}:'"
    return None


def references_resolve(ed: Edition) -> Iterable[Problem]:
    targets = _reference_targets(ed)
    for doc in ed.documents():
        for link in find_links(doc.body, doc.source.body_line):
            if message := _broken(link, targets):
                yield problem("broken-reference", doc.source.path, link.line, message)


_REFERENCE = re.compile(r"(?:stand|onderzoek|hoofdstuk):[^\s()\[\]<>\"']*")


def _may_make_references(text: str, typed: set[str]) -> bool:
    """Whether the rendered text can hold a reference the typed text has not: each one's
    target is in it literally, unless written with an entity or an escape."""
    if "&" in text or "\\" in text:
        return True
    return any(m.group() not in typed for m in _REFERENCE.finditer(text))


def generated_references_resolve(ed: Edition, texts: dict[Path, str]) -> Iterable[Problem]:
    """References that template expressions write (in a loop, say) are checked too.

    They have no line of their own, so they are reported at the start of the text.
    """
    targets = _reference_targets(ed)
    for doc in ed.documents():
        typed = {link.target for link in find_links(doc.body)}
        text = texts.get(doc.source.path, "")
        if not _may_make_references(text, typed):
            continue  # a second parse of a 1 MB text costs seconds
        for link in find_links(text):
            if link.target not in typed and (message := _broken(link, targets)):
                yield problem("broken-reference", doc.source.path, doc.source.body_line,
                              message + " (this link is made by a template expression)")


def images_valid(ed: Edition) -> Iterable[Problem]:
    for doc in ed.documents():
        for link in find_links(doc.body, doc.source.body_line):
            if not link.image:
                continue
            yield from _image_problems(ed, doc, link.target, link.text, link.line)


def _image_problems(ed: Edition, doc: _Document, target: str, alt: str, line: int):
    path = doc.source.path
    if not alt.strip():
        yield problem("image-alt", path, line,
                      f"image '{target}' has no alt text: describe it between the brackets, "
                      "![Grafiek van …](…)")
    pure = PurePosixPath(target)
    if "://" in target or target.startswith(("data:", "/", "\\")) or pure.is_absolute():
        yield problem("image-outside", path, line,
                      f"image '{target}' is not inside the edition: put the file in images/ and "
                      "write images/<name>")
        return
    if ".." in pure.parts:
        yield problem("image-outside", path, line,
                      f"image '{target}' points outside the edition ('..'): put the file in "
                      "images/ and write images/<name>")
        return
    if target not in ed.images:
        same = [name for name in ed.images if name.casefold() == target.casefold()]
        if same:  # Windows and macOS find it; Linux (CI, the build server) does not
            yield problem("image-missing", path, line,
                          f"image '{target}' does not exist, but '{same[0]}' does: the names "
                          f"differ only in capitals, which counts on the build server; write "
                          f"'{same[0]}'")
            return
        yield problem("image-missing", path, line,
                      f"image '{target}' does not exist: add the file to the edition's images/ "
                      "folder, or fix the name (images must be inside images/)"
                      + (f"; did you mean '{near}'?" if (near := did_you_mean(target, ed.images)) else ""))


_WEB = ("http://", "https://", "mailto:", "tel:")


def links_are_web_addresses(ed: Edition) -> Iterable[Problem]:
    """A link to a file (`/etc/passwd`, `../x.md`, `file:…`) or a script works for no reader."""
    for doc in ed.documents():
        for link in find_links(doc.body, doc.source.body_line):
            target = link.target
            if link.image or link.kind or target.startswith("#") or target.lower().startswith(_WEB):
                continue
            yield problem("link-target", doc.source.path, link.line,
                          f"link '{target}' is not a web address, and readers of the report "
                          "cannot open files on this computer: link to https://…, mailto:…, or "
                          "use stand:, onderzoek: or hoofdstuk:")


def standen_unique_organisation(ed: Edition) -> Iterable[Problem]:
    seen: dict[str, list] = defaultdict(list)
    for stand in ed.standen:
        seen[stand.organisatie.casefold()].append(stand)
    for stands in seen.values():
        for stand in stands[1:]:
            yield problem("duplicate-organisatie", stand.source.path,
                          stand.source.line_of("organisatie"),
                          f"'{stand.organisatie}' also has a Stand in "
                          f"{stands[0].source.path.name}: merge them if this is the same one")
