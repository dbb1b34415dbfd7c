"""The products a build makes: the rapportage and the kamerbrief, two of one kind.

Each product knows its name (the key of the renderer registry, `staatc.render.registry`),
the stem of its output files and how to assemble its document from a checked edition.
Pelican's generators: every product is assembled before anything is rendered or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Generic, TypeVar

from staatc.assemble.document import Document
from staatc.assemble.kamerbrief import Letter, assemble_letter
from staatc.assemble.rapportage import assemble
from staatc.validate.check import CheckResult

DocT = TypeVar("DocT")


@dataclass(frozen=True)
class Product(Generic[DocT]):
    name: str   # "rapportage": the registry's key
    stem: str   # "staat-van-de-uitvoering": output files are <stem>-<year>.<format>
    # The chart is drawn once per build (in its own process); products that show it take it.
    assemble: Callable[[CheckResult, bytes | None], DocT]

    def output_name(self, year: int, fmt: str) -> str:
        return f"{self.stem}-{year}.{fmt}"


def _rapportage(result: CheckResult, chart: bytes | None) -> Document:
    return assemble(result, chart=chart)


def _kamerbrief(result: CheckResult, chart: bytes | None) -> Letter:
    return assemble_letter(result)


RAPPORTAGE: Product[Document] = Product("rapportage", "staat-van-de-uitvoering", _rapportage)
KAMERBRIEF: Product[Letter] = Product("kamerbrief", "kamerbrief", _kamerbrief)
PRODUCTS: tuple[Product, ...] = (RAPPORTAGE, KAMERBRIEF)
