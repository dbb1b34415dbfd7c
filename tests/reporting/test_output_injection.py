"""Output injection (issue 15, class 5): what a draft names and writes cannot steer a terminal
or a CI log. Control characters, escape sequences, newlines, bidirectional controls and
names that are not UTF-8 are escaped in every format; no printed line starts a GitHub
workflow command except the ones `--format github` makes on purpose; JSON stays valid JSON
and JUnit well-formed XML. The CLI runs in a real process, so the real stdout encoding counts
(a file name that is not UTF-8 used to crash the print)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO, copy_root
from staatc.cli_output import printed
from staatc.reporting import problems as report
from staatc.validate.check import check_edition

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
FORMATS = ["text", "json", "github", "junit"]
HOSTILE_NAMES = [
    b"03-x\n::add-mask::geheim.md",               # a workflow command on a line of its own
    b"\x1b]8;;https:evil.example\x07klik\x1b]8;;\x07.txt",  # a terminal hyperlink
    b"caf\xe9.md",                                   # not UTF-8 (Latin-1)
    b"\xe2\x80\xaeinleiding.md",                     # U+202E: the rest of the line reversed
    b"bel\x07\x07\r::warning::overwritten.md",       # BEL, and CR to overwrite the line
]


def assert_safe(out: str, kind: str) -> None:
    assert not RAW.search(out), repr(RAW.search(out)[0])
    lines = out.splitlines()
    if kind == "github":
        assert all(re.match(r"::(error|warning|notice) ", line) for line in lines), lines
    else:
        assert not [line for line in lines if line.lstrip().startswith("::")], lines
    if kind == "json":
        json.loads(out)
    if kind == "junit":
        ET.fromstring(out.encode("utf-8"))


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-P", "-m", "staatc", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("injection")
    root = copy_root("minimal", tmp)
    for name in HOSTILE_NAMES:
        folder = root / ("chapters" if name.startswith(b"03") else "standen")
        with open(os.path.join(os.fsencode(folder), name), "w") as f:
            f.write("x\n")
    owner = root / "chapters" / "01-inleiding.md"
    owner.write_text(owner.read_text(encoding="utf-8").replace(
        "owner: Team Staat", 'owner: "Team \u202e[link=https://evil.example]Staat[/link]"'), encoding="utf-8")
    return tmp


@pytest.mark.slow  # five processes
@pytest.mark.parametrize(("command", "fmt"), [*(("check", f) for f in FORMATS), ("build", "text")])
def test_hostile_names_are_escaped_in_every_format(hostile: Path, fmt: str, command: str) -> None:
    args = [command, "2024", "--as-of", "2024-05-01"]
    args += ["--format", fmt] if command == "check" else ["--out", str(hostile / "out")]
    result = cli(args, hostile)
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 1, err
    assert "Traceback" not in err
    report_text = out if command == "check" else err
    assert_safe(report_text, fmt if command == "check" else "text")
    assert_safe(err, "text")
    if fmt == "json":
        shown = " ".join(p["file"] for p in json.loads(report_text)["problems"])
    else:
        shown = report_text.replace("%3A", ":")  # github escapes colons in a file= property
    # Each name is there, escaped, so an editor can still find the file.
    assert "03-x\\x0a::add-mask::geheim.md" in shown
    assert "caf\\udce9.md" in shown
    assert "\\x1b]8;;https:evil.example\\x07klik" in shown
    assert "bel\\x07\\x07\\x0d::warning::overwritten.md" in shown


def test_milestones_never_print_markup_or_controls_of_a_value(hostile: Path) -> None:
    from staatc.reporting import schedule_text, schedule_view
    from staatc.schedule.plan import build_schedule
    from rich.console import Console

    root = hostile / "editions" / "2024"
    for name in HOSTILE_NAMES:  # the schedule is read from a valid edition
        for folder in ("chapters", "standen"):
            path = os.path.join(os.fsencode(root / folder), name)
            if os.path.exists(path):
                os.unlink(path)
    result = check_edition(root, date(2024, 5, 1))
    sched = build_schedule(result.edition, date(2024, 5, 1))
    lines = printed(schedule_text.as_lines("Staat", sched))
    assert_safe(lines, "text")
    assert "Team \\u202e[link=https://evil.example]Staat[/link]" in lines
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=200, color_system="truecolor")
    console.print(schedule_view.milestone_table("Staat", sched), schedule_view.overdue_table(sched))
    drawn = buf.getvalue()
    assert "\x1b]8;" not in drawn and "\u202e" not in drawn  # no hyperlink, no reversal
    assert "[link=https://evil.example]Staat[/link]" in drawn


names = st.lists(st.sampled_from(["\n", "\r", "\x1b", "\x07", "\x00", "\x85", "\u202e", "\u2028",
                                  "::", "::add-mask::", "%0A", "]]>", "<", "&", "'", '"', "[b]",
                                  "a", "Z", "é", " ", "\udcff", "\udce9"]),
                 min_size=1, max_size=12).map("".join)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(names, st.sampled_from([".md", ".txt", ""]), st.sampled_from(["standen", "chapters", "onderzoeken"]))
def test_fuzzed_file_names_are_safe_in_every_format(tmp_path_factory, name: str, suffix: str,
                                                      folder: str) -> None:
    raw = os.fsencode(name.replace("\x00", "") + suffix)
    if not raw or raw in (b".", b"..") or b"/" in raw or len(raw) > 200:
        return
    tmp = tmp_path_factory.mktemp("fuzz")
    root = copy_root("minimal", tmp)
    with open(os.path.join(os.fsencode(root / folder), raw), "wb") as f:
        f.write(b"---\ntitle: x\n---\nx\n")
    checked = check_edition(root, date(2024, 5, 1))
    files = [root / "edition.yaml"]
    for fmt in FORMATS:
        out = printed(report.render(fmt, checked.problems, tmp, files), fmt)
        out.encode("utf-8")  # printable: a lone surrogate would fail here, as on stdout
        assert_safe(out, fmt)
