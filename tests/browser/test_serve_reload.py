"""`staatc serve` in the browser: an edit shows on the open page without touching it."""

from __future__ import annotations

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import copy_root
from helpers.preview import LIMIT, running_preview


def test_an_edit_reloads_the_open_page(tmp_path, monkeypatch, driver):
    monkeypatch.chdir(tmp_path)
    edition = copy_root("minimal", tmp_path)
    with running_preview(edition) as (_, url, _lines):
        driver.get(url + "standen/uwv.html")
        assert "regels op elkaar stapelen" in driver.find_element(By.TAG_NAME, "main").text
        stand = edition / "standen" / "uwv.md"
        text = stand.read_text(encoding="utf-8")
        started = time.monotonic()
        stand.write_text(text.replace("regels op elkaar stapelen", "een nieuwe zin"), encoding="utf-8")
        WebDriverWait(driver, LIMIT).until(
            lambda d: "een nieuwe zin" in d.find_element(By.TAG_NAME, "main").text)
        print(f"edit visible after {time.monotonic() - started:.2f} s")
        stand.write_text(text.replace("thema: complexiteit", "thema: complexiteitt"), encoding="utf-8")
        banner = WebDriverWait(driver, LIMIT).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".staatc-banner[role=alert]"))
        assert "uwv.md:" in banner[0].text and "error: theme 'complexiteitt'" in banner[0].text
        assert "een nieuwe zin" in driver.find_element(By.TAG_NAME, "main").text
