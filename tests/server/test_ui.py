"""The query page in a real headless Chromium (Debian's chromium and chromedriver): run an example, see its rows."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.server.conftest import live_server

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
# skipped on a developer machine without them; in CI (.ci/run installs them) a missing browser fails
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER) and not os.environ.get("CI"),
                                reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)")


@pytest.fixture()
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_example_query_runs_and_shows_its_rows(seed_store, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    with live_server(seed_store) as url:
        browser.get(url + "/")
        wait = WebDriverWait(browser, 30)
        button = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "button.example[data-name='attendees-8th-conference']")))
        wait.until(lambda d: d.execute_script("return !!window.orgkgYasgui"))
        button.click()
        rows = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr") or False)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")) >= 29)
        rows = browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")
        browser.save_screenshot(str(tmp_path / "query-page.png"))
        assert len(rows) == 29
        assert any("雷文多" in row.text for row in rows)
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and url in e["message"]]
        assert not errors, errors
