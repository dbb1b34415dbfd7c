"""The package tree is the pipeline: a stage imports only the stages below it.

The order is the import-linter contract in pyproject.toml; this test runs it, so a change
that makes (say) `staatc.load` import `staatc.render` fails here, not in review.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_lower_stages_never_import_higher_ones():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_stage_is_a_package():
    stages = ["load", "markdown", "templating", "validate", "schedule", "assemble", "render",
              "diff", "reporting", "commands"]
    found = {p.name for p in (REPO / "staatc").iterdir() if (p / "__init__.py").exists()}
    assert set(stages) <= found
    loose = sorted(p.name for p in (REPO / "staatc").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py", "cli_options.py", "cli_output.py", "codes.py",
                     "dutch.py", "english.py", "errors.py", "model.py", "output.py", "printable.py", "suggest.py"]
