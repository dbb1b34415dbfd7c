"""The (product, format) registry: every renderer the build can ask for, typed by its document."""

from __future__ import annotations

import inspect
import typing

import pytest

from staatc.assemble.products import PRODUCTS
from staatc.commands.build import FORMATS
from staatc.render import registry


def test_registry_covers_every_product_in_its_formats_and_nothing_else() -> None:
    documents = {(p.name, fmt) for p in PRODUCTS if not p.folder for fmt in FORMATS}
    assert set(registry.RENDERERS) == documents | {("web", "html")}
    assert FORMATS == ("docx", "pdf")  # the default build: the documents
    assert registry.formats() == ("docx", "pdf", "html")


@pytest.mark.parametrize("key", sorted(registry.RENDERERS))
def test_each_renderer_takes_the_document_its_product_assembles(key) -> None:
    product_name, fmt = key
    product = next(p for p in PRODUCTS if p.name == product_name)
    made = registry.renderer(product_name, fmt)
    assert made.name == fmt and made.suffix == ("/" if product.folder else "." + fmt)
    takes = typing.get_type_hints(made.render)
    param = next(iter(inspect.signature(made.render).parameters))
    assert takes[param] is typing.get_type_hints(product.assemble)["return"]


def test_an_unknown_pair_is_a_bug_not_a_user_error() -> None:
    with pytest.raises(ValueError):
        registry.renderer("rapportage", "odt")


def test_product_output_names() -> None:
    assert [p.output_name(2024, "pdf") for p in PRODUCTS] == [
        "staat-van-de-uitvoering-2024.pdf", "kamerbrief-2024.pdf", "web"]
