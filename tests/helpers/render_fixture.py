"""The render fixture document, shared by the Word and PDF renderer tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from staatc.render import Document, DocumentMeta

FIXTURES = Path(__file__).parent.parent / "fixtures" / "render"


def fixture_document(**meta_changes) -> Document:
    meta = DocumentMeta(
        title="Staat van de Uitvoering 2024",
        subtitle="Een kwestie van doen",
        publisher="Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        date=date(2024, 9, 9),
        concept=True,
        keywords=("uitvoering", "Standen"),
    )
    return Document(
        meta=replace(meta, **meta_changes),
        markdown=(FIXTURES / "rapportage.md").read_text(encoding="utf-8"),
        media={"images/knelpunten.png": (FIXTURES / "images" / "knelpunten.png").read_bytes()},
    )
