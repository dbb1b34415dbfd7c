"""Assemble the kamerbrief: a checked edition → one `Letter`, the data every letter renderer needs.

Pure apart from reading the images the body shows (as `assemble` does); no clock. The layout follows the Rijksoverheid letters (see the domain notes):
the addressee block on the left with *Datum* and *Betreft* below it, a sender column on the right
(the ministry, its postal address, www.rijksoverheid.nl, then *Ons kenmerk*, *Uw kenmerk* and
*Bijlage(n)*), the body, and the closing with the signatory. The renderers place these pieces;
they never compute or reword them, so the Word and PDF letters say exactly the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from staatc.assemble.labels import reference_labels
from staatc.assemble.rapportage import prepare_body
from staatc.validate.check import CheckResult
from staatc.markdown.links import find_links
from staatc.dutch import dutch_date
from staatc.model import HouseStyle

ADDRESSEE = (
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Postbus 20018",
    "2500 EA  Den Haag",  # two spaces between postcode and town, as PostNL asks
)
WEBSITE = "www.rijksoverheid.nl"

# The postal address of each publisher we know. A ministry not listed gets no postal lines
# (name and website only) rather than an address we are not sure of.
POSTAL_ADDRESSES: dict[str, tuple[str, ...]] = {
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties": ("Postbus 20011", "2500 EA  Den Haag"),
}


@dataclass(frozen=True)
class Field:
    """One labelled value of the letter head: ("Ons kenmerk", "2024-0000412345")."""

    label: str
    value: str
    heading: bool = False  # the letter's subject: its level-1 heading for screen readers


@dataclass(frozen=True)
class Letter:
    title: str                       # the document title: what *Betreft* says
    publisher: str                   # the ministry; author in the document properties
    date: date                       # the letter's date (also fixes the output's timestamps)
    lang: str                        # "nl-NL"
    concept: bool                    # True → a visible CONCEPT mark
    return_address: str | None       # "Retouradres Postbus 20011 2500 EA  Den Haag", if known
    addressee: tuple[str, ...]       # the address block, one line each
    letter_fields: tuple[Field, ...]  # under the addressee: Datum, Betreft
    sender: tuple[str, ...]          # the sender column: ministry, directie, addresses, website
    sender_fields: tuple[Field, ...]  # below it: Ons kenmerk, Uw kenmerk (if any), Bijlage(n)
    running_fields: tuple[Field, ...]  # repeated on page 2 and later: Datum, Ons kenmerk
    body: str                        # pandoc Markdown, expressions rendered
    closing: str                     # "De minister van Binnenlandse Zaken en Koninkrijksrelaties,"
    signatory: str                   # the minister's name
    subject: str = "Kamerbrief"      # the document's description
    media: dict[str, bytes] = field(default_factory=dict)  # images the body shows, by path
    style: HouseStyle = field(default_factory=HouseStyle.bundled)  # reference.docx, Typst, fonts


# Control characters (YAML can write them: "\x01") show in no font and are not allowed in XML.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain(value: str) -> str:
    """A front-matter value as one line of text."""
    return " ".join(_CONTROL.sub(" ", value).split())


def address_line(value: str) -> str:
    """One line of an address, keeping the two spaces between postcode and place."""
    return _CONTROL.sub(" ", value).strip()


def letter_date(result: CheckResult) -> date:
    """`datum` from kamerbrief.md, or else the day of the aanbieding milestone."""
    kb = result.edition.kamerbrief
    if kb.datum is not None:
        return kb.datum
    aanbieding = result.edition.aanbieding()
    if aanbieding is None:  # the check reports this (missing-aanbieding) before any build
        raise ValueError("the edition has no 'aanbieding' milestone and kamerbrief.md no datum")
    return aanbieding.date


def assemble_letter(result: CheckResult) -> Letter:
    """The kamerbrief of a checked edition (one without errors)."""
    ed = result.edition
    kb, config = ed.kamerbrief, ed.config
    day = letter_date(result)
    postal = POSTAL_ADDRESSES.get(config.publisher, ())
    betreft = plain(kb.betreft or f"Aanbieding {config.title}")
    ons_kenmerk = plain(kb.ons_kenmerk)
    sender_fields = [Field("Ons kenmerk", ons_kenmerk)]
    if plain(kb.uw_kenmerk):
        sender_fields.append(Field("Uw kenmerk", plain(kb.uw_kenmerk)))
    if kb.bijlagen > 0:
        sender_fields.append(Field("Bijlage(n)", str(kb.bijlagen)))
    text = result.texts.get(kb.source.path, kb.body)
    return Letter(
        title=betreft,
        publisher=plain(config.publisher),
        date=day,
        lang=config.language if "-" in config.language else "nl-NL",
        concept=config.status == "concept",
        return_address=("Retouradres " + " ".join(postal)) if postal else None,
        addressee=ADDRESSEE,
        letter_fields=(Field("Datum", dutch_date(day)), Field("Betreft", betreft, heading=True)),
        sender=(plain(config.publisher), *([plain(config.directie)] if config.directie else []),
                *(address_line(line) for line in config.bezoekadres), *postal, WEBSITE),
        sender_fields=tuple(sender_fields),
        running_fields=(Field("Datum", dutch_date(day)), Field("Ons kenmerk", ons_kenmerk)),
        # Headings start at level 2: a level-1 heading would start a new page in the renderers.
        body=prepare_body(text, "kb", 2, reference_labels(ed)),
        closing=plain(kb.ondertekenaar).rstrip(",") + ",",
        signatory=plain(kb.naam),
        media=_images(result, text),
        style=result.edition.house_style,
    )


def _images(result: CheckResult, text: str) -> dict[str, bytes]:
    """The bytes of the images the letter shows (the check made sure they exist)."""
    images: dict[str, Path] = result.edition.images
    return {
        link.target: images[link.target].read_bytes()
        for link in find_links(text)
        if link.image and link.target in images
    }
