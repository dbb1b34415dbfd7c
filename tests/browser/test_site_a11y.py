"""Every page of the 2024 and 2023 sample sites passes axe-core (WCAG 2.1 A and AA) in Chromium."""

from __future__ import annotations

import pytest

from helpers.axe import run_axe


def pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "pagefind" not in p.parts)


@pytest.mark.parametrize("year", ["2024", "2023"])
def test_every_page_has_no_axe_violations(year, sites, serve_folder, driver):
    site = sites(year)
    base = serve_folder(site)
    found = {}
    driver.set_window_size(1280, 900)
    for page in pages(site):
        driver.get(base + page)
        violations = run_axe(driver)
        if violations:
            found[page] = violations
    assert len(pages(site)) > 40
    assert found == {}


@pytest.mark.parametrize("page", ["index.html", "standen/index.html", "themas/index.html",
                                  "hoofdstukken/02-complexiteitsreductie.html", "zoeken.html"])
def test_reflows_at_320_px_and_passes_axe_there(page, sites, serve_folder, driver):
    base = serve_folder(sites("2024"))
    driver.set_window_size(320, 800)
    try:
        driver.get(base + page)
        inner = driver.execute_script("return window.innerWidth")
        wide = driver.execute_script("return document.documentElement.scrollWidth")
        assert wide <= inner, f"{page} scrolls sideways at {inner} px ({wide} px wide)"
        assert run_axe(driver) == []
    finally:
        driver.set_window_size(1280, 900)


def test_no_content_security_policy_violations(sites, serve_folder, driver):
    """The pages load only the site's own files: Chromium reports no refused resource."""
    base = serve_folder(sites("2024"))
    driver.get_log("browser")  # drop what earlier tests logged
    for page in ("index.html", "zoeken.html?q=gegevens", "themas/index.html"):
        driver.get(base + page)
    messages = [m["message"] for m in driver.get_log("browser") if m["level"] in ("SEVERE", "WARNING")]
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m], messages


def test_focus_is_visible_on_the_skip_link(sites, serve_folder, driver):
    from selenium.webdriver.common.keys import Keys

    base = serve_folder(sites("2024"))
    driver.get(base + "index.html")
    driver.find_element("tag name", "body").send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.value_of_css_property("outline-style") == "solid"
    assert active.location["y"] >= 0  # on screen once focused


def test_axe_does_find_a_violation_on_a_bad_page(tmp_path, serve_folder, driver):
    """The check is real: a page without lang, with an unlabelled image and low contrast fails."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body>'
        '<img src="x.png"><p style="color:#aaa">grijs</p></body></html>', encoding="utf-8")
    driver.get(serve_folder(tmp_path) + "bad.html")
    ids = {v["id"] for v in run_axe(driver)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= ids


@pytest.mark.parametrize("page", ["themas/index.html", "themas/door-de-jaren-heen.html"])
def test_a_chart_keeps_readable_text_on_a_phone(page, sites, serve_folder, driver):
    """At 375 px a chart is shown at 80 % of its own size or more, so its 14 px labels stay
    at 11 px or more (drawn 720 px wide, they were shrunk to half: about 6 px)."""
    base = serve_folder(sites("2024"))
    driver.set_window_size(375, 800)
    try:
        driver.get(base + page)
        charts = driver.execute_script(
            "return [...document.querySelectorAll('img[src$=\".svg\"]')]"
            ".map(i => [i.clientWidth, i.naturalWidth])")
        assert charts, f"no chart on {page}"
        for shown, drawn in charts:
            assert shown >= 0.8 * drawn, f"{page}: drawn {drawn} px wide, shown at {shown} px"
    finally:
        driver.set_window_size(1280, 900)
