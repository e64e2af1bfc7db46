"""The web chat end to end: launched in-process on a free port, called with gradio_client (answer,
citations, the /ask JSON, feedback rows, errors) and driven in a real headless Chromium."""

import csv
import json
import threading

import pytest

from assistant.answer import AnswerService
from assistant.feedback import FeedbackStore
from assistant.web.render import answer_markdown, highlight, notices_html, sources_html
from tests.browser import ask_in_browser, browser_available, chrome
from tests.conftest import answer, answer_dict, citation, free_port, run_cli, serve_app

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def web(seed_settings, tmp_path_factory):
    from assistant.web.app import configure_queue, create_app
    from assistant.web.render import CSS

    settings = seed_settings.model_copy(
        update={"feedback_db": tmp_path_factory.mktemp("fb") / "feedback.sqlite3"}
    )
    service = AnswerService(settings)
    service.warm_up()
    app = create_app(service, settings)
    configure_queue(app, settings)
    yield serve_app(app, css=CSS), settings
    app.close()


def test_ask_endpoint_returns_the_cli_json_object(web):
    from gradio_client import Client

    url, settings = web
    data = Client(url, verbose=False).predict("What is the trigger trio?", api_name="/ask")
    cli = json.loads(
        run_cli(
            "ask",
            "What is the trigger trio?",
            "--json",
            env={"JOINEDUP_STORE": str(settings.store)},
        ).stdout
    )
    assert set(data) == set(cli)
    assert data["answer"] == cli["answer"]
    assert [c["id"] for c in data["citations"]] == [c["id"] for c in cli["citations"]]
    assert data["citations"][0]["doc_id"] == "wcpp-complex-partnerships-2022"


def test_empty_question_on_the_api_is_a_clear_error(web):
    from gradio_client import Client

    with pytest.raises(Exception, match="empty"):
        Client(web[0], verbose=False).predict("   ", api_name="/ask")


def test_concurrent_api_users_all_get_answers(web):
    from gradio_client import Client

    results, errors = [], []

    def user():
        try:
            results.append(
                Client(web[0], verbose=False).predict(
                    "What replaced Area Child Protection Committees?", api_name="/ask"
                )
            )
        except Exception as exc:  # noqa: BLE001 - counted below
            errors.append(exc)

    threads = [threading.Thread(target=user) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and len(results) == 8 and all(r["citations"] for r in results)


def test_feedback_rows_are_written_and_exported(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    answer = answer_dict("q?", "a [1]")
    store.record("wrong_evidence", answer, "para 3 is about something else")
    rows = store.rows()
    assert (
        rows[0]["rating"] == "wrong_evidence"
        and json.loads(rows[0]["citations"])[0]["paragraph"] == "3"
    )
    result = run_cli(
        "feedback",
        "export",
        "--csv",
        str(tmp_path / "out.csv"),
        env={"JOINEDUP_FEEDBACK_DB": str(tmp_path / "fb.sqlite3")},
    )
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "out.csv", newline="") as fh:
        assert list(csv.DictReader(fh))[0]["comment"] == "para 3 is about something else"


def test_rendering_links_markers_highlights_quotes_and_makes_emergency_unmissable():
    data = answer(
        "Partners must act. [1]",
        notices=[("emergency", "call 999")],
        citations=[
            citation(
                1,
                duty="must",
                supporting=["Partners must act."],
                doc_id="d",
                title="WT",
                edition="2023",
                section="Ch 2",
                paragraph="65",
                page=31,
                url="https://example.org",
                status="current",
                jurisdiction="England",
                text="Partners must act. <b>Other</b>",
            )
        ],
    )
    assert "(#source-1)" in answer_markdown(data)
    assert 'role="alert"' in notices_html(data) and "ju-emergency" in notices_html(data)
    html = sources_html(data, {"d": "/docs/wt.pdf"})
    assert (
        'id="source-1"' in html
        and "Paragraph 65" in html
        and "Page 31" in html
        and "Requirement (must)" in html
    )
    assert "<mark>Partners must act.</mark>" in html and "&lt;b&gt;" in html and "#page=31" in html
    assert highlight("a < b", []) == "a &lt; b"


def test_serve_refuses_a_malformed_auth_value(tmp_path):
    result = run_cli(
        "serve",
        "--auth",
        "nopassword",
        "--port",
        str(free_port()),
        env={"JOINEDUP_STORE": str(tmp_path)},
    )
    assert result.returncode != 0 and "USER:PASS" in result.stderr


@pytest.mark.skipif(
    not browser_available(), reason="Debian chromium + chromium-driver are not installed"
)
def test_a_practitioner_asks_in_a_real_browser_and_sees_a_cited_answer_with_sources(web):
    from selenium.webdriver.common.by import By

    driver = chrome()
    try:
        ask_in_browser(driver, web[0], "What is the trigger trio?")
        chat = driver.find_element(By.CSS_SELECTOR, "#chat").text
        assert "trigger trio" in chat
        source = driver.find_element(By.CSS_SELECTOR, "#source-1").text
        assert "Complex partnership arrangements" in source
        assert driver.find_elements(By.CSS_SELECTOR, "#sources mark")
        assert "not legal advice" in driver.find_element(By.CSS_SELECTOR, "#disclaimer").text
        link = driver.find_element(By.CSS_SELECTOR, "#chat a[href='#source-1']")
        assert link.text.strip() == "[1]"
    finally:
        driver.quit()
