"""staatc runs the pandoc of its own wheel, whatever else the machine has (reproducible output)."""

from __future__ import annotations

import os
import stat

from staatc.render import pandoc


def test_a_newer_pandoc_on_path_is_not_used(tmp_path, monkeypatch) -> None:
    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\necho 'pandoc 99.0'\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    pandoc.pandoc_path.cache_clear()
    try:
        found = pandoc.pandoc_path()
    finally:
        pandoc.pandoc_path.cache_clear()
    assert found != str(fake)
    assert found.endswith(os.path.join("pypandoc", "files", "pandoc"))
