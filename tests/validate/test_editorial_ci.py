"""The CI kit: the example workflow, the pre-commit hook, and the README's list of codes."""

from __future__ import annotations

import yaml

from helpers import REPO
from staatc.validate.editorial import CHECKS


def test_example_workflow_checks_pull_requests_strictly() -> None:
    workflow = yaml.safe_load((REPO / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "pip install ." in runs
    assert any(r.startswith("staatc check") and "--format github" in r and "--strict" in r for r in runs)


def test_pre_commit_hook() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "staatc-check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["entry"] == "staatc check"


def test_readme_documents_every_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for check in CHECKS:
        assert f"| `{check.code}` |" in readme, check.code
