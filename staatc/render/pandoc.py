"""The one place pandoc runs.

Always with `--sandbox` (readers and writers touch no file but those named on the command line),
the Markdown on stdin, one call per output format. Images reach pandoc through our Lua filter,
which reads them from the renderer's private temp dir (the manifest named in `STAATC_MEDIA`):
for Word it puts them in pandoc's media bag, for Typst it points the image at a safe file name.
"""

from __future__ import annotations

import contextvars
import importlib.util
import logging
import os
import shlex
import subprocess
import threading
from functools import lru_cache
from pathlib import Path

from staatc import TEMPLATES  # the bundled house style; the filter is never overridden
from staatc.errors import RenderLimitError
from staatc.render.base import RenderError
from staatc.render.limits import limit_advice, memory_limit_mb, run_limited

log = logging.getLogger("staatc")  # --verbose shows every call

LUA_FILTER = TEMPLATES / "staatc.lua"

# Pandoc's Markdown without the escape hatches: no raw TeX/Typst/OpenXML, no raw attributes, no
# TeX math, no YAML block in the body. Raw HTML is read only so that the filter can drop HTML
# comments; it turns every other piece of HTML back into plain text. So text with `<`, `$`, `\`
# and `#` stays text in both outputs. No links made from a heading's text (`[Inleiding]`): the
# check does not see them, the web edition does not make them, and they would reach across
# the sections that the PDF converts one by one (render/typst_sections.py).
READER = (
    "markdown"
    "-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-tex_math_double_backslash-latex_macros-yaml_metadata_block-implicit_header_references"
)


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The pandoc inside the pypandoc-binary wheel. Found without importing pypandoc: it loads
    urllib, http and ssl for its downloader, and its own search runs `pandoc --version` on
    every candidate and takes the newest, a pandoc on PATH too, which would make the outputs
    depend on the machine."""
    spec = importlib.util.find_spec("pypandoc")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for name in ("pandoc", "pandoc.exe"):
            if (candidate := Path(folder) / "files" / name).is_file():
                return str(candidate)
    import pypandoc  # a pypandoc without the binary: its search is all there is

    return pypandoc.get_pandoc_path()


def run_pandoc(
    markdown: str,
    to: str,
    args: list[str],
    *,
    epoch: int,
    media_manifest: Path | None = None,
    heading_base: int = 0,
    sections: str | None = None,
    section_state: Path | None = None,
) -> bytes:
    """Convert `markdown` to format `to` (e.g. 'docx+native_numbering', 'typst'); return stdout.

    `heading_base` is the heading level the text sits below: the filter keeps levels
    consecutive from there (PDF/UA), so a body under a level-1 heading starts at level 2.

    `epoch` becomes SOURCE_DATE_EPOCH so dates inside the output (docx core properties, zip
    entries) are fixed. Raises RenderError with pandoc's message when it fails.

    `sections` (a marker) and `section_state` (a JSON file) convert a document by its sections
    (render/typst_sections.py).
    """
    cmd = [
        pandoc_path(),
        "--sandbox",
        f"--from={READER}",
        f"--to={to}",
        f"--lua-filter={LUA_FILTER}",
        f"--data-dir={TEMPLATES / 'pandoc'}",  # never the user's ~/.local/share/pandoc
        "--output=-",
        *args,
    ]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": str(epoch),
        "STAATC_HEADING_BASE": str(heading_base),
    }
    if media_manifest is not None:
        env["STAATC_MEDIA"] = str(media_manifest)
    if sections is not None:
        env["STAATC_SECTIONS"] = sections
    if section_state is not None:
        env["STAATC_SECTION_STATE"] = str(section_state)
    # Time and memory are limited (render/limits.py): GHC's own heap limit first, so pandoc
    # stops itself cleanly; the watch on the process is the backstop.
    memory = memory_limit_mb(len(markdown.encode("utf-8")))
    cmd[1:1] = ["+RTS", f"-M{memory * 9 // 10}m", "-RTS"]  # the heap; the process is a bit more
    what = f"converting the text ({to.split('+')[0]}, pandoc)"
    log.info("pandoc: %s", shlex.join(cmd))
    try:
        proc = run_limited(cmd, markdown.encode("utf-8"), env=env, what=what, memory_mb=memory)
    except OSError as exc:  # the binary is missing or not executable
        raise RenderError(f"pandoc could not start: {exc}") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        if "Heap exhausted" in message or "heap overflow" in message:
            raise RenderLimitError(f"{what} needed more than {memory} MB of memory, so the "
                                   "build stopped: that is " + limit_advice(memory) + ". Or "
                                   "shorten very long chapters and tables")
        raise RenderError(f"pandoc ({to}) failed with code {proc.returncode}: {message}")
    return proc.stdout


class Background:
    """`fn(*args, **kwargs)` in a background thread: start it first, do other work, then
    `result()`.

    The thread only waits on subprocesses (pandoc), so the caller's own work (imports, Typst's
    fonts, babel's date formats) overlaps with pandoc instead of following it.
    """

    def __init__(self, fn, *args, **kwargs):
        self._output = None
        self._error: BaseException | None = None
        # In the caller's context: a build that abandons its renders stops this pandoc too.
        context = contextvars.copy_context()
        self._thread = threading.Thread(target=context.run, args=(self._run, fn, *args),
                                        kwargs=kwargs, daemon=True)
        self._thread.start()

    def _run(self, fn, *args, **kwargs) -> None:
        try:
            self._output = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the caller in result()
            self._error = exc

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._output


def default_data_file(name: str) -> bytes:
    """One of pandoc's built-in data files (e.g. 'reference.docx'); used by tools/ only."""
    proc = subprocess.run(
        [pandoc_path(), "--sandbox", f"--print-default-data-file={name}"],
        capture_output=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RenderError(proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout
