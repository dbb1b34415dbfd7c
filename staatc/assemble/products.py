"""The products a build makes: the rapportage, the kamerbrief and the web edition, of one kind.

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
from staatc.assemble.site import Download, Site, assemble_site
from staatc.validate.check import CheckResult

DocT = TypeVar("DocT")


@dataclass(frozen=True)
class Product(Generic[DocT]):
    name: str   # "rapportage": the registry's key
    stem: str   # "staat-van-de-uitvoering": output files are <stem>-<year>.<format>
    title: str  # what a download link calls it: "Staat van de Uitvoering"
    # `charts`: whether it shows the generated charts (the redline does not); `downloads` are the
    # files built beside it (the web edition offers them on every page).
    assemble: Callable[[CheckResult, bool, tuple[Download, ...]], DocT]
    folder: bool = False  # a site is a folder of files, named by its stem alone

    def output_name(self, year: int, fmt: str) -> str:
        return self.stem if self.folder else f"{self.stem}-{year}.{fmt}"


def _rapportage(result: CheckResult, charts: bool, downloads: tuple[Download, ...]) -> Document:
    return assemble(result, charts)


def _kamerbrief(result: CheckResult, charts: bool, downloads: tuple[Download, ...]) -> Letter:
    return assemble_letter(result)


def _web(result: CheckResult, charts: bool, downloads: tuple[Download, ...]) -> Site:
    return assemble_site(result, charts, downloads)


RAPPORTAGE: Product[Document] = Product("rapportage", "staat-van-de-uitvoering",
                                        "Staat van de Uitvoering", _rapportage)
KAMERBRIEF: Product[Letter] = Product("kamerbrief", "kamerbrief", "Kamerbrief", _kamerbrief)
WEB: Product[Site] = Product("web", "web", "Webeditie", _web, folder=True)
PRODUCTS: tuple[Product, ...] = (RAPPORTAGE, KAMERBRIEF, WEB)

_KINDS = {"pdf": "PDF", "docx": "Word"}


def downloads(year: int, built: list[tuple[Product, str]]) -> tuple[Download, ...]:
    """The documents built beside the site, offered on every page of it."""
    return tuple(Download(p.output_name(year, fmt), f"{p.title} {year} ({_KINDS.get(fmt, fmt)})")
                 for p, fmt in built if not p.folder)
