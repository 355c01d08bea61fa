"""The public /verify page driven in headless Chromium, as a verifier at a counter uses it:
paste a card's QR text, press the button, read the colour. A valid card turns green, a
forged one red, in French and in Arabic (the Arabic page right to left)."""

from __future__ import annotations

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from test_central_cards import validated

GREEN, RED = "rgba(27, 127, 59, 1)", "rgba(179, 38, 30, 1)"


def _binary(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        f"headless Chromium not found ({' or '.join(names)}): the test command installs"
        " Debian's chromium and chromium-driver packages (scripts/system-deps)"
    )


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = _binary("chromium", "chromium-browser")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(_binary("chromedriver")), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _check(browser, base_url: str, lang: str, text: str):
    browser.get(f"{base_url}/verify?lang={lang}")
    box = browser.find_element(By.ID, "qr_text")
    browser.execute_script("arguments[0].value = arguments[1];", box, text)
    browser.find_element(By.ID, "check").click()  # submits: a new page comes back
    verdict = WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.ID, "verdict"))
    )
    return verdict, verdict.value_of_css_property("background-color")


def test_a_valid_card_turns_green_and_a_forged_one_red(browser, make_laptop, base_url):
    sup, m = validated(make_laptop)
    qr = sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/card").json()["qr_text"]
    verdict, colour = _check(browser, base_url, "fr", qr)
    assert colour == GREEN and verdict.get_attribute("data-status") == "valid_final"
    assert m.patch["nia"] in verdict.text
    forged = qr[:60] + ("A" if qr[60] != "A" else "B") + qr[61:]
    verdict, colour = _check(browser, base_url, "fr", forged)
    assert colour == RED and verdict.get_attribute("data-status") != "valid_final"


def test_the_arabic_page_reads_right_to_left(browser, make_laptop, base_url):
    sup, m = validated(make_laptop)
    qr = sup.post(f"/v1/regions/07/artisans/{m.entity_uid}/card").json()["qr_text"]
    verdict, colour = _check(browser, base_url, "ar", qr)
    assert colour == GREEN
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert any("\u0600" <= ch <= "\u06ff" for ch in verdict.text)
