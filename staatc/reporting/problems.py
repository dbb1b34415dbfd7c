"""Problems → text, JSON, GitHub workflow commands or JUnit XML (pure: returns strings)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree as ET

from staatc.errors import Problem
from staatc.printable import json_printable, printable

FORMATS = ("text", "json", "github", "junit")


def as_text(problems: list[Problem], cwd: Path) -> str:
    return "".join(p.format(cwd) + "\n" for p in problems)


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "No problems found."
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."


def as_json(problems: list[Problem], cwd: Path) -> str:
    items = [
        {
            "file": p.display_path(cwd),
            "line": p.line,
            "severity": p.severity,
            "code": p.code,
            "message": p.message,  # the file is printable already: its name may not be UTF-8
        }
        for p in problems
    ]
    return json_printable(json.dumps({"problems": items}, ensure_ascii=False, indent=2)) + "\n"


def _escape_github(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(problems: list[Problem], cwd: Path) -> str:
    lines = []
    for p in problems:
        props = f"file={_escape_github(p.display_path(cwd), True)}"
        if p.line:
            props += f",line={p.line}"
        props += f",title={_escape_github(p.code, True)}"
        lines.append(f"::{p.severity} {props}::{_escape_github(printable(p.message))}")
    return "".join(line + "\n" for line in lines)


def github_notice(message: str) -> str:
    """A notice annotation: shown in the run, not tied to a line, never a failure."""
    return f"::notice title=staatc::{_escape_github(printable(message))}\n"


def as_junit(problems: list[Problem], cwd: Path, files: list[Path], strict: bool = False) -> str:
    """One test case per source file; errors (and warnings under --strict) are failures."""
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for p in problems:
        by_file[p.display_path(cwd)].append(p)
    names = sorted({*(_rel(f, cwd) for f in files), *by_file})
    suite = ET.Element("testsuite", name="staatc check", tests=str(len(names)))
    failures = 0
    for name in names:
        case = ET.SubElement(suite, "testcase", classname="staatc.validate.check", name=name)
        failing = [p for p in by_file.get(name, []) if p.severity == "error" or strict]
        if failing:
            failures += 1
            text = "\n".join(p.format(cwd) for p in failing)
            ET.SubElement(case, "failure", message=printable(failing[0].message),
                          type=failing[0].code).text = text
        rest = [p for p in by_file.get(name, []) if p not in failing]
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(p.format(cwd) for p in rest)
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def render(fmt: str, problems: list[Problem], cwd: Path, files: list[Path], strict: bool = False) -> str:
    """The problems in one of FORMATS; `files` lets JUnit show a passing case per clean file."""
    if fmt == "text":
        return as_text(problems, cwd)
    if fmt == "json":
        return as_json(problems, cwd)
    if fmt == "github":
        return as_github(problems, cwd)
    if fmt == "junit":
        return as_junit(problems, cwd, files, strict)
    raise ValueError(f"unknown problem format {fmt!r}")


def _rel(path: Path, cwd: Path) -> str:
    return Problem(path, None, "error", "", "").display_path(cwd)
