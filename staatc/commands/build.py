"""The build recipe: check → assemble → render (in parallel) → write.

Read as MkDocs' `commands/build.py`: one function per step, called in order.
An unchanged edition (same files, same day) is recognised by a hash of its files and skips
everything. Otherwise the edition is parsed once (by the check). As soon as it is loaded, and
while the check's rules still run, it is assembled once per product
(`staatc.assemble.products`: the rapportage and the kamerbrief); the rapportage's PDF starts
rendering then, the other formats once the rules are done, in parallel (staatc.render.parallel;
the PDF keeps its sections' Typst, staatc.render.typst_sections); an output whose document is unchanged since the
last build comes from the render cache (staatc.render.cache). When the rules find an error the
renders are stopped. Nothing is written until every renderer has succeeded, and then each file
is written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from staatc import TEMPLATES, __version__
from staatc.errors import InvalidEdition, OutputError, Problem, RenderLimitError
from staatc.load.files import walk_files
from staatc.load.folders import CACHE_FOLDER, override_folder, series_files
from staatc.output import OutputFolder, write_atomic

if TYPE_CHECKING:
    from staatc.render.parallel import Job
    from staatc.validate.check import CheckResult

# The loader, the checks and the renderers are imported once the stamp says there is work: a
# no-op rebuild is a hash of the files and a look at the stamp (a third of the time).

FORMATS = ("docx", "pdf")  # the default; `--format all` asks for every registered format

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    problems: list[Problem]
    outputs: list[Path] = field(default_factory=list)
    skipped: bool = False


def write_site(out: OutputFolder, name: str, site: dict[str, bytes], rendered: dict,
               index: Callable[[Path], None] | None = None) -> Path:
    """The site folder with copies of the documents it offers, then its search index
    (`index`, run on the folder before it is put in place; Pagefind unless told otherwise)."""
    from staatc.render.web import DOWNLOADS
    from staatc.render.web.search import index_site

    files = dict(site)
    for other, data in rendered.items():
        if isinstance(data, bytes):
            files[f"{DOWNLOADS}/{other}"] = data
    return out.write_folder(name, files, finish=index or index_site)


def sources_key(root: Path, formats: tuple[str, ...]) -> str:
    """What the outputs depend on: every file of the edition, staatc's code, the bundled
    house style and the editions' own templates/ folder (staatc.load.house_style).

    Hashing the files is much cheaper than checking them, so an unchanged edition is
    recognised before any parsing. A symlink counts by where it points, never by what it
    points at: nothing outside the edition is read.
    """
    h = hashlib.sha256(json.dumps([__version__, list(formats)]).encode())
    package = Path(__file__).parent.parent
    for path in series_files(root):  # the predecessors, as far as "Door de jaren heen" reads them
        h.update(b"\0" + os.fsencode(path.relative_to(root.parent).as_posix()) + b"\0")
        if path.is_file() and path.resolve().is_relative_to(root.parent.resolve()):
            _hash_file(h, path)
    for number, base in enumerate((root, package, TEMPLATES, override_folder(root))):
        h.update(b"\0base %d\0" % number)  # a file moved from one folder to another counts
        if base is None or base.is_symlink():  # a templates/ link out is refused by check
            continue
        for path in walk_files(base):  # a folder nested without end is a message, not a crash
            if "__pycache__" in path.parts:
                continue
            h.update(b"\0" + os.fsencode(path.relative_to(base).as_posix()) + b"\0")  # any name, UTF-8 or not
            if path.is_symlink():
                h.update(os.fsencode(os.readlink(path)))
            elif path.is_file():  # never a FIFO or device: it could block for ever
                _hash_file(h, path)
    return h.hexdigest()


def _hash_file(h, path: Path) -> None:
    with path.open("rb") as f:  # in pieces: a huge file is not held in memory
        h.update(hashlib.file_digest(f, "sha256").digest())


def refuse_inside(out_dir: Path, root: Path) -> None:
    if out_dir.resolve().is_relative_to(root.resolve()):
        raise OutputError(f"the output folder {out_dir} is inside the edition folder, where git "
                          "would offer to commit the built files: choose a folder outside it "
                          "(leave out --out to use build/ beside editions/)", out_dir)


def build_edition(
    root: Path,
    out_dir: Path,
    as_of: date,
    formats: tuple[str, ...] = FORMATS,
    strict: bool = False,
    force: bool = False,
    progress: Progress = lambda step: None,
    index: Callable[[Path], None] | None = None,
    waiting: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    """`index` replaces the site's search indexing (serve: the last index now, a new one after
    the reload); `waiting` hears that another build holds the output folder."""
    refuse_inside(out_dir, root)
    out = OutputFolder(out_dir)
    key = sources_key(root, formats)
    stamp = None if force else out.up_to_date(key)
    if stamp is not None:
        return _recheck(root, out, key, stamp, as_of, strict)

    from staatc.render.cache import RenderCache
    from staatc.render.parallel import Renders
    from staatc.validate.check import check_edition

    progress("Checking the edition")
    cache = RenderCache(out_dir)
    started: list[Renders] = []

    def begin(checked: CheckResult, held: bool = False) -> Renders:
        return Renders(assemble_jobs(checked, formats), cache, reuse=not force, held=held)

    def start(loaded: CheckResult) -> None:  # the edition loaded: render while the rules run
        try:
            # The rapportage's PDF only, the longest chain: the rules take a core of their own,
            # and the other renders have time to spare (a first build 0.06 s sooner).
            started.append(begin(loaded, held=True))
        except Exception:  # assembled again after the check, whose message comes first
            pass

    # Beside the outputs. A first build keeps its check cache until the outputs are written:
    # one that fails leaves no folder behind.
    later: list[tuple[Path, bytes]] = []
    keep = write_atomic if out_dir.is_dir() else lambda path, data: later.append((path, data))
    result = check_edition(root, as_of, cache_dir=out_dir / CACHE_FOLDER, write=keep, loaded=start)
    if result.failed(strict):
        for renders in started:
            renders.abandon()
        raise InvalidEdition(result.problems)
    renders = started[0] if started else begin(result)
    fresh = [job.name for job in renders.jobs if job.name not in renders.reused]
    progress("Rendering " + (", ".join(fresh) or "nothing")
             + (f" (unchanged: {', '.join(renders.reused)})" if renders.reused else ""))
    try:
        rendered = renders.results()
    except RenderLimitError as exc:  # too big or too deep for pandoc/Typst: about the edition
        raise RenderLimitError(exc.message, root) from None

    progress("Writing")
    with out.writing(waiting):  # the whole set, or nothing of it
        # Files first: a site copies the documents built beside it.
        paths = [out.write(name, data) for name, data in rendered.items() if isinstance(data, bytes)]
        paths += [write_site(out, name, data, rendered, index) for name, data in rendered.items()
                  if not isinstance(data, bytes)]
        out.write_stamp(key, as_of.isoformat(), [_as_dict(p) for p in result.problems])
        cache.save()
    try:
        for path, data in later:
            write_atomic(path, data)
    except OutputError:  # a cache that cannot be written goes without, as check's does
        pass
    return BuildResult(result.problems, paths)


def assemble_jobs(result: CheckResult, formats: tuple[str, ...]) -> list[Job]:
    """Every product's document, assembled before any is rendered, with its renderers, the
    rapportage's PDF first (the longest render)."""
    from staatc.assemble.products import PRODUCTS, downloads
    from staatc.render.parallel import Job
    from staatc.render.registry import has_renderer, renderer

    year = result.edition.config.edition
    built = [(p, fmt) for p in PRODUCTS for fmt in formats if has_renderer(p.name, fmt)]
    offered = downloads(year, built)
    jobs: list[Job] = []
    for product in PRODUCTS:  # the slowest first: the renders start in this order
        fmts = sorted((fmt for p, fmt in built if p is product), key=lambda f: f != "pdf")
        if fmts:
            document = product.assemble(result, True, offered)
            jobs += [Job(product.output_name(year, fmt), document, renderer(product.name, fmt))
                     for fmt in fmts]
    return jobs


def _recheck(root: Path, out: OutputFolder, key: str, stamp: dict, as_of: date,
             strict: bool) -> BuildResult:
    """The outputs stand. On the day of the last build its problems stand too; on another
    day the schedule may have moved on, so the edition is checked again (not rendered)."""
    if stamp.get("as_of") == as_of.isoformat():
        problems = [_from_dict(p) for p in stamp.get("problems", [])]
    else:
        from staatc.validate.check import check_edition

        problems = check_edition(root, as_of, cache_dir=out.root / CACHE_FOLDER, write=write_atomic).problems
        with out.writing():
            out.write_stamp(key, as_of.isoformat(), [_as_dict(p) for p in problems], stamp["files"])
    if any(p.severity == "error" for p in problems) or (strict and problems):
        raise InvalidEdition(problems)
    return BuildResult(problems, [out.path(n) for n in stamp["files"]], skipped=True)


def _from_dict(p: dict) -> Problem:
    return Problem(Path(p["file"]), p["line"], p["severity"], p["code"], p["message"])


def _as_dict(problem: Problem) -> dict:
    return {"file": str(problem.file), "line": problem.line, "severity": problem.severity,
            "code": problem.code, "message": problem.message}
