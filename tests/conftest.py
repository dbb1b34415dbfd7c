"""Shared fixtures: small edition trees under tests/roots/, copied per test (Sphinx's model).

Hypothesis runs a small profile by default (`python -m pytest` stays within a minute) and a
large one in CI (`.ci/run` sets HYPOTHESIS_PROFILE=ci). Property tests take their number of
examples from the profile: never a fixed `max_examples` in a test (helpers.examples scales it
for the costly ones).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from helpers import copy_root

settings.register_profile("dev", max_examples=25)
settings.register_profile("ci", max_examples=500, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def edition(tmp_path, monkeypatch) -> Path:
    """A valid minimal edition at <tmp>/editions/2024, with the cwd at <tmp>."""
    monkeypatch.chdir(tmp_path)
    return copy_root("minimal", tmp_path)


class Run:
    def __init__(self, result):
        self.exit_code = result.exit_code
        self.stdout = result.stdout
        self.stderr = result.stderr
        self.output = result.stdout + result.stderr
        self.exception = result.exception


@pytest.fixture
def run():
    """Call the CLI in-process as a user would (typer's test runner)."""
    from staatc.cli import app

    runner = CliRunner()

    def invoke(*args: str) -> Run:
        result = runner.invoke(app, list(args), catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result)

    return invoke
