"""Helpers for the editorial-check tests: write a chapter into a fixture edition, run check."""

from __future__ import annotations

import json
from pathlib import Path

FRONT = "---\ntitle: {title}\nstatus: {status}\nowner: Team Staat\ndeadline: 2024-06-01\n---\n"
BODY_LINE = 7  # the first body line of a chapter written by `chapter()`


def chapter(root: Path, name: str, body: str, status: str = "concept", title: str = "Proef") -> str:
    """Write chapters/<name> with a six-line front matter; return its path as check prints it."""
    (root / "chapters" / name).write_text(FRONT.format(title=title, status=status) + body, encoding="utf-8")
    return f"editions/2024/chapters/{name}"


def set_config(root: Path, extra: str) -> None:
    """Append YAML (e.g. 'checks:\\n  spelling: warning\\n') to edition.yaml."""
    path = root / "edition.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def problems(run, *args: str) -> tuple[int, list[dict]]:
    result = run("check", "2024", "--as-of", "2024-05-01", "--format", "json", *args)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)["problems"]


def found(run, code: str, path: str | None = None) -> list[tuple[str, int, str]]:
    """(file, line, severity) of every problem with this code (in this file)."""
    _, items = problems(run)
    return [(p["file"], p["line"], p["severity"]) for p in items
            if p["code"] == code and path in (None, p["file"])]


def messages(run, code: str, path: str | None = None) -> list[str]:
    _, items = problems(run)
    return [p["message"] for p in items if p["code"] == code and path in (None, p["file"])]
