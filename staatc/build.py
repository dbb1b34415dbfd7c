"""The build recipe: check → assemble → render (in parallel) → write.

Read as MkDocs' `commands/build.py`: one function per step, called in order.
The edition is parsed once (by the check); it is assembled twice, into the
rapportage (`assemble`) and the kamerbrief (`assemble_letter`); every format of
each is rendered in parallel; nothing is written until every renderer has
succeeded, and then each file is written atomically.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from . import __version__
from .assemble import assemble, theme_counts
from .check import CheckResult, check_edition
from .errors import InvalidEdition, Problem
from .letter import Letter, assemble_letter
from .output import OutputFolder
from .render.base import Document, Renderer

FORMATS = ("docx", "pdf")
RAPPORTAGE = "staat-van-de-uitvoering"
KAMERBRIEF = "kamerbrief"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One output file: which document, through which renderer, under which name."""

    name: str
    document: Document | Letter
    renderer: Renderer  # for a Letter: a letter renderer (same name, suffix, render)


@dataclass
class BuildResult:
    problems: list[Problem]
    outputs: list[Path] = field(default_factory=list)
    skipped: bool = False


def renderer_for(fmt: str) -> Renderer:
    if fmt == "docx":
        from .render.docx import DocxRenderer

        return DocxRenderer()
    if fmt == "pdf":
        from .render.pdf import PdfRenderer

        return PdfRenderer()
    raise ValueError(f"unknown format {fmt!r}")


def letter_renderer_for(fmt: str):
    if fmt == "docx":
        from .render.kamerbrief_docx import KamerbriefDocxRenderer

        return KamerbriefDocxRenderer()
    if fmt == "pdf":
        from .render.kamerbrief_pdf import KamerbriefPdfRenderer

        return KamerbriefPdfRenderer()
    raise ValueError(f"unknown format {fmt!r}")


def output_name(product: str, year: int, fmt: str) -> str:
    return f"{product}-{year}.{fmt}"


def output_names(year: int, formats: tuple[str, ...]) -> list[str]:
    """The rapportage and the kamerbrief, in each format asked for."""
    return [output_name(product, year, fmt) for product in (RAPPORTAGE, KAMERBRIEF) for fmt in formats]


def build_key(doc_markdown: str, result: CheckResult, formats: tuple[str, ...],
              letter: Letter | None = None) -> str:
    """What the outputs depend on: the assembled texts, the images, the templates, staatc itself."""
    h = hashlib.sha256()
    h.update(json.dumps([__version__, list(formats)]).encode())
    h.update(doc_markdown.encode("utf-8"))
    if letter is not None:  # its images are hashed below with the edition's
        h.update(repr(dataclasses.replace(letter, media={})).encode("utf-8"))
    h.update(repr(theme_counts(result.edition)).encode())
    ed = result.edition
    h.update(repr(ed.config.model_dump(mode="json")).encode())
    for name in sorted(ed.images):
        h.update(name.encode() + ed.images[name].read_bytes())
    templates = Path(__file__).parent / "templates"
    for path in sorted(templates.rglob("*")) if templates.is_dir() else []:
        if path.is_file():
            h.update(path.relative_to(templates).as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def build_edition(
    root: Path,
    out_dir: Path,
    as_of: date,
    formats: tuple[str, ...] = FORMATS,
    strict: bool = False,
    force: bool = False,
    progress: Progress = lambda step: None,
) -> BuildResult:
    progress("Checking the edition")
    result = check_edition(root, as_of)
    if result.failed(strict):
        raise InvalidEdition(result.problems)

    out = OutputFolder(out_dir)
    names = output_names(result.edition.config.edition, formats)
    draft = assemble(result, chart=None)  # cheap: tells whether anything changed
    letter = assemble_letter(result)
    key = build_key(draft.markdown, result, formats, letter)
    if not force and out.up_to_date(key, names):
        return BuildResult(result.problems, [out.path(n) for n in names], skipped=True)

    progress("Drawing the chart")
    from .chart import knelpunten_chart

    chart = knelpunten_chart([(label, n) for _, label, n in theme_counts(result.edition)])
    document = assemble(result, chart=chart)
    year = result.edition.config.edition
    jobs = [Job(output_name(RAPPORTAGE, year, fmt), document, renderer_for(fmt)) for fmt in formats]
    jobs += [Job(output_name(KAMERBRIEF, year, fmt), letter, letter_renderer_for(fmt)) for fmt in formats]

    progress("Rendering " + ", ".join(j.name for j in jobs))
    rendered = render_all(jobs)

    progress("Writing")
    out.remove_stale_temp_files()
    paths = [out.write(name, data) for name, data in rendered.items()]
    out.write_stamp(key)
    return BuildResult(result.problems, paths)


def render_all(jobs: list[Job]) -> dict[str, bytes]:
    """Render every job; pandoc and typst work outside the GIL, so threads run them in parallel."""
    if len(jobs) == 1:
        return {jobs[0].name: jobs[0].renderer.render(jobs[0].document)}
    with ThreadPoolExecutor(max_workers=min(4, len(jobs))) as pool:
        futures = {job.name: pool.submit(job.renderer.render, job.document) for job in jobs}
        return {name: future.result() for name, future in futures.items()}
