"""Print a command of the README's Quick start: `build` (the first line) or `test` (the second).

`.ci/run` runs the `test` line as it is written, and tests/test_format_doc.py reads the same lines,
so the Quick start a new developer copies is the one CI proves.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def quick_start(text: str) -> list[str]:
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    if block is None:
        raise SystemExit("README.md: the Quick start has no ```sh block")
    return [line for line in block[1].splitlines() if line.strip()]


if __name__ == "__main__":
    lines = quick_start(README.read_text(encoding="utf-8"))
    print(lines[{"build": 0, "test": 1}[sys.argv[1]]])
