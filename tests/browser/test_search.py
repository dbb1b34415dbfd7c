"""The search works from the static folder: type a word, follow a result."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

from helpers.axe import run_axe


def test_search_finds_gegevensuitwisseling_and_follows_a_result(sites, serve_folder, driver):
    base = serve_folder(sites("2024"))
    driver.get(base + "zoeken.html")
    box = driver.find_element(By.ID, "zoekterm")
    box.send_keys("gegevensuitwisseling")
    wait = WebDriverWait(driver, 20)
    result = wait.until(ready.element_to_be_clickable(
        (By.CSS_SELECTOR, "#zoekresultaten .pagefind-ui__result-link")))
    target = result.get_attribute("href")
    assert target.startswith(base)
    result.click()
    wait.until(lambda d: d.current_url.split("#")[0] != base + "zoeken.html")
    assert driver.current_url.split("#")[0] == target.split("#")[0]
    assert "gegevensuitwisseling" in driver.find_element(By.TAG_NAME, "main").text.lower()


def test_search_page_reads_the_query_from_the_address_and_its_results_pass_axe(
        sites, serve_folder, driver):
    base = serve_folder(sites("2024"))
    driver.get(base + "zoeken.html?q=arbeidsmarkt")
    links = WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#zoekresultaten .pagefind-ui__result-link"))
    assert all(link.get_attribute("href").startswith(base) for link in links)
    assert run_axe(driver) == []


def test_search_works_from_a_site_placed_in_a_subfolder(sites, serve_folder, driver, tmp_path):
    import shutil

    shutil.copytree(sites("2024"), tmp_path / "staat" / "2024")
    base = serve_folder(tmp_path) + "staat/2024/"
    driver.get(base + "zoeken.html?q=gegevensuitwisseling")
    links = WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#zoekresultaten .pagefind-ui__result-link"))
    assert links[0].get_attribute("href").startswith(base)
