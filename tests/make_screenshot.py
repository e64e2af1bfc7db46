"""Write docs/screenshot.png (the web chat answering a question) and docs/library.png (the Library
tab: what the index holds), in Debian's headless Chromium.

Run by `make screenshot` against an index of the bundled documents (STORE)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]  # tests/ is one below the project root
sys.path.insert(0, str(REPO))

from assistant.answer import AnswerService  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.web.app import create_app  # noqa: E402
from assistant.web.render import CSS  # noqa: E402
from tests.browser import ask_in_browser, chrome  # noqa: E402
from tests.conftest import serve_app  # noqa: E402


def main() -> int:
    store = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".joinedup/store")
    question = (
        sys.argv[2]
        if len(sys.argv) > 2
        else "What is the trigger trio, and why does it call for joined-up services?"
    )
    settings = Settings(store=store)
    service = AnswerService(settings)
    service.warm_up()
    app = create_app(service, settings)
    url = serve_app(app.queue(), css=CSS)
    driver = chrome(1400, 1100)
    try:
        ask_in_browser(driver, url, question)
        time.sleep(1.0)  # let the streamed answer finish
        out = REPO / "docs" / "screenshot.png"
        driver.save_screenshot(str(out))
        print(f"wrote {out}")
        out = REPO / "docs" / "library.png"
        show_library(driver)
        driver.save_screenshot(str(out))
        print(f"wrote {out}")
    finally:
        driver.quit()
        app.close()
    return 0


def show_library(driver, timeout: float = 30) -> None:
    """Open the Library tab and wait for its table of documents."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, timeout)
    tab = wait.until(
        ec.element_to_be_clickable((By.XPATH, "//button[@role='tab'][normalize-space()='Library']"))
    )
    tab.click()
    wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#library table")))
    time.sleep(0.5)


if __name__ == "__main__":
    sys.exit(main())
