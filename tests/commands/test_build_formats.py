"""`build --format` offers what the renderer registry holds: a new format is one module + one line."""

from __future__ import annotations

import pytest

from staatc.render import registry


@pytest.fixture
def with_txt(monkeypatch):
    extra = {(product, "txt"): "helpers.fake_renderer:NameRenderer" for product in ("rapportage", "kamerbrief")}
    monkeypatch.setattr(registry, "RENDERERS", {**registry.RENDERERS, **extra})


def test_format_choices_come_from_the_registry(edition, run, with_txt) -> None:
    bad = run("build", "2024", "--format", "odt")
    assert bad.exit_code == 2 and "use docx, pdf, html, txt" in bad.output


def test_a_registered_format_builds_every_product(edition, run, with_txt, tmp_path) -> None:
    result = run("build", "2024", "--format", "txt", "--out", "out", "--as-of", "2024-05-01")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert (out / "staat-van-de-uitvoering-2024.txt").read_text() == "Document"
    assert (out / "kamerbrief-2024.txt").read_text() == "Letter"
