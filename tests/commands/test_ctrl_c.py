"""Ctrl-C at any moment (issue 15, class 9): exit 130 and no traceback, pandoc's and Typst's
helpers included, and the outputs are the previous set or none.

A terminal's Ctrl-C sends SIGINT to the whole foreground process group: staatc, pandoc and
the Typst worker at once. Each command runs in its own session here and gets that signal at
moments spread over its run, from the first imports (before the CLI exists) to the writing.
A process that Python ends by re-raising SIGINT (-2 here) is what a shell also shows as 130.
In its first hundredths of a second the interpreter is still starting (importing `site` and
`runpy`, finding the package): a Ctrl-C then gets CPython's own words or a traceback of its
frozen start-up frames only, before any line of staatc runs, and is not counted.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO, copy_root

STOPPED = (130, -signal.SIGINT)
# What CPython itself prints when Ctrl-C comes while it is still starting up (importing `site`,
# or `runpy` for `-m`), before any line of staatc has run.
PYTHON_STARTING = ("Fatal Python error: init_import_site", "Could not import runpy module")


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def interrupted(cmd: list[str], after: float) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-P", "-m", "staatc", *cmd], env=ENV, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    time.sleep(after)
    try:
        os.killpg(proc.pid, signal.SIGINT)
    except ProcessLookupError:
        pass  # it had finished
    out, _ = proc.communicate(timeout=60)
    return proc.returncode, out


def python_starting(text: str) -> bool:
    """CPython's words, or a traceback through its frozen start-up alone: no staatc frame."""
    frames = re.findall(r'^  File "([^"]+)"', text, re.MULTILINE)
    return (any(words in text for words in PYTHON_STARTING)
            or (bool(frames) and all(f.startswith("<frozen ") for f in frames)))


def counted(after: float, code: int, text: str) -> None:
    if python_starting(text):  # before staatc runs (see above)
        return
    assert code in (*STOPPED, 0), (after, code, text)
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, (after, text)


def whole_or_none(out: Path) -> None:
    import docx
    from pypdf import PdfReader

    for path in out.glob("[!.]*.docx"):
        assert docx.Document(str(path)).paragraphs
    for path in out.glob("[!.]*.pdf"):
        assert PdfReader(str(path), strict=True).pages


@pytest.mark.slow  # twelve builds
def test_ctrl_c_during_a_build_is_exit_130_without_a_traceback(tmp_path: Path) -> None:
    root = copy_root("minimal", tmp_path)
    out = tmp_path / "out"
    cmd = ["build", str(root), "--out", str(out), "--as-of", "2024-05-01", "--force"]
    started = time.monotonic()  # first a whole build: how long one takes
    subprocess.run([sys.executable, "-P", "-m", "staatc", *cmd], env=ENV, check=True,
                   capture_output=True)
    took = time.monotonic() - started
    for i in range(12):
        after = 0.02 + took * i / 12
        counted(after, *interrupted(cmd, after))
        whole_or_none(out)


@pytest.mark.slow  # six checks
@pytest.mark.parametrize("after", [0.02, 0.08, 0.15, 0.25, 0.4, 0.6])
def test_ctrl_c_during_a_check(tmp_path: Path, after: float) -> None:
    root = copy_root("minimal", tmp_path)
    counted(after, *interrupted(["check", str(root), "--as-of", "2024-05-01"], after))


def test_ctrl_c_wrapped_by_python_is_still_ctrl_c() -> None:
    """A KeyboardInterrupt inside a class body's __set_name__ (a cached_property while a module
    is imported) reaches staatc as a RuntimeError: it is Ctrl-C, not an internal error."""
    from staatc.__main__ import interrupted
    from staatc.cli_output import internal_error

    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as ctrl_c:
            raise RuntimeError("Error calling __set_name__ on 'cached_property' instance") from ctrl_c
    except RuntimeError as wrapped:
        assert interrupted(wrapped)
        assert internal_error(wrapped) == 130
    assert not interrupted(RuntimeError("a real bug"))
