"""The wheel ships every package of staatc/ and the house style from templates/.

pyproject.toml lists the packages by hand (that is what lets setuptools map `staatc.templates`
onto the top-level templates/ folder), so a new subpackage must be added there: this test says
so before a wheel without it is published. Building and installing the wheel is a slow test.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _setuptools() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_is_listed_for_the_wheel():
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "staatc").rglob("__init__.py")}
    house = {"staatc.templates", *("staatc.templates." + d.name
                                   for d in (REPO / "templates").iterdir() if d.is_dir())}
    assert set(_setuptools()["packages"]) == found | house


def test_the_house_style_package_is_the_templates_folder():
    config = _setuptools()
    assert config["package-dir"]["staatc.templates"] == "templates"
    bundled = {p.relative_to(REPO / "templates") for p in (REPO / "templates").rglob("*") if p.is_file()}
    shipped = set()
    for package, patterns in config["package-data"].items():
        folder = Path(*package.split(".")[2:])  # staatc.templates.fonts: fonts/
        shipped |= {p for p in bundled if p.parent == folder
                    and any(p.match(pattern) for pattern in patterns)}
    assert shipped == bundled


@pytest.mark.slow
def test_the_wheel_holds_the_house_style(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(tmp_path),
                    "--no-deps", "-q"], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("staatc-*.whl")
    loud = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "-w", str(tmp_path / "again"),
                           "--no-deps", "-v"], check=True, capture_output=True, text=True)
    assert "would be ignored" not in loud.stdout + loud.stderr
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "templates").rglob("*"):
        if path.is_file():
            assert "staatc/templates/" + path.relative_to(REPO / "templates").as_posix() in names
    assert "staatc/render/pandoc.py" in names
    assert not any(name.startswith("templates/") for name in names)
