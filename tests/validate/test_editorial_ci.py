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
    assert any("xargs -r staatc check --format github --strict" in r for r in runs)


def test_example_workflow_checks_the_editions_a_pull_request_touches(edition, tmp_path) -> None:
    """The workflow's pipeline, run in a repository where a branch changed one of two editions."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    workflow = yaml.safe_load((REPO / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    [line] = [s["run"] for job in workflow["jobs"].values() for s in job["steps"]
              if "staatc check" in s.get("run", "")]
    shutil.copytree(edition, edition.parent / "2023")
    yml = edition.parent / "2023" / "edition.yaml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("edition: 2024", "edition: 2023"), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_BASE_REF": "main", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}

    def sh(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)

    sh("git init -q -b main && git add -A && git commit -qm base && git update-ref refs/remotes/origin/main HEAD"
       " && git checkout -qb draft")
    chapter = edition / "chapters" / "01-inleiding.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("status: review", "status: klaar"),
                       encoding="utf-8")
    sh("git commit -qam draft")
    done = sh(line)
    assert done.returncode == 123, done.stderr  # xargs: staatc exited 1 (a usage error would show no annotation)
    annotations = [a for a in done.stdout.splitlines() if a.startswith("::error")]
    assert len(annotations) == 1 and "editions/2024/chapters/01-inleiding.md" in annotations[0]
    assert "editions/2023" not in done.stdout  # untouched: not checked


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
