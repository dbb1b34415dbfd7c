"""The kamerbrief as PDF: pandoc writes Typst for the body, kamerbrief.typ lays out the letter.

Same machinery as the rapportage (render/pdf.py): the bundled fonts only, PDF/A-2a + PDF/UA-1,
a fixed timestamp. Everything from front matter and edition.yaml reaches Typst as JSON data in
`sys.inputs`, never as markup, so a Betreft like `#set text(red)` is shown as text.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from staatc.assemble.kamerbrief import Letter
from staatc.render.base import epoch_of, lang_parts
from staatc.render.media import stage_media
from staatc.render.pandoc import run_pandoc
from staatc.render.rapportage_pdf import compile_with_template, escape_block_markers
from staatc.render.typst_service import typst_root


def typst_inputs(letter: Letter) -> dict[str, str]:
    """The letter's head as one JSON string for the template's `sys.inputs` (data, not markup)."""
    language, region = lang_parts(letter.lang)

    def fields(items) -> list[dict[str, str]]:
        return [asdict(f) for f in items]

    data = {
        "title": letter.title,
        "subject": letter.subject,
        "publisher": letter.publisher,
        "year": letter.date.year,
        "month": letter.date.month,
        "day": letter.date.day,
        "language": language,
        "region": region,
        "concept": letter.concept,
        "return-address": letter.return_address,
        "addressee": list(letter.addressee),
        "letter-fields": fields(letter.letter_fields),
        "sender": list(letter.sender),
        "sender-fields": fields(letter.sender_fields),
        "running-fields": fields(letter.running_fields),
        "closing": letter.closing,
        "signatory": letter.signatory,
    }
    return {"staatc-letter": json.dumps(data, ensure_ascii=False, sort_keys=True)}


class KamerbriefPdfRenderer:
    name = "pdf"
    suffix = ".pdf"

    def render(self, letter: Letter) -> bytes:
        epoch = epoch_of(letter.date)
        with typst_root("kamerbrief-pdf") as (root, worker):
            manifest = stage_media(letter.media, root) if letter.media else None
            body = run_pandoc(letter.body, "typst", [], epoch=epoch, media_manifest=manifest,
                              heading_base=1)  # the body sits below the Betreft heading
            body_markup = escape_block_markers(body.decode("utf-8"))
            return compile_with_template(letter.style, letter.style.kamerbrief_typ, "kamerbrief",
                                         [body_markup], root, typst_inputs(letter), epoch, worker)
