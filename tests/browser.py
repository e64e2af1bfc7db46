"""A real headless Chromium (Debian's chromium + chromedriver) driven by Selenium: no downloads."""

from __future__ import annotations

import shutil
import tempfile

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def browser_available() -> bool:
    return bool(shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER))


def chrome(width: int = 1400, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
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
        f"--window-size={width},{height}",
        f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def ask_in_browser(driver, url: str, question: str, timeout: float = 60):
    """Type a question into the chat, press Ask, and wait until a cited answer and sources show."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    wait = WebDriverWait(driver, timeout)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "#question textarea")))
    box.send_keys(question)
    driver.find_element(By.CSS_SELECTOR, "#ask-button").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#sources .ju-source")))
    wait.until(lambda d: "[1]" in d.find_element(By.CSS_SELECTOR, "#chat").text)
    return driver
