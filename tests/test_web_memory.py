"""Memory over weeks of use: Gradio kept a session (~77 KiB, a copy of the page's configuration)
for every /ask API call until it held 10,000 (~0.8 GB). The server, started as `serve` starts it,
keeps API calls' sessions only while they may still be answering, and browser sessions up to
Settings.web_sessions. Figures over 10,000 and 50,000 questions: benchmarks/web_load.py --soak."""

import httpx
import pytest

from ingest.pipeline import ingest
from tests.conftest import free_port
from tests.test_bad_input import GOOD_TEXT


@pytest.fixture
def server(tmp_path):
    from assistant.config import Settings
    from assistant.web.app import launch

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.txt").write_text(GOOD_TEXT)
    settings = Settings(
        store=tmp_path / "store",
        embedder="fake",
        documents_dir=tmp_path / "none",
        feedback_db=tmp_path / "fb.sqlite3",
        queue_concurrency=2,
        queue_max_size=8,
        web_sessions=50,
    )
    assert ingest([tmp_path / "docs"], settings).documents == 1
    port = free_port()
    app = launch(settings, "127.0.0.1", port, None, prevent_thread_lock=True)
    yield app, f"http://127.0.0.1:{port}", settings
    app.close()


def ask(client: httpx.Client, question: str) -> str:
    event = (
        client.post("/gradio_api/call/ask", json={"data": [question]})
        .raise_for_status()
        .json()["event_id"]
    )
    return client.get(f"/gradio_api/call/ask/{event}").raise_for_status().text


@pytest.mark.integration
def test_api_calls_do_not_pile_up_sessions_and_browser_sessions_are_capped(server):
    app, url, settings = server
    keep = settings.queue_max_size + settings.queue_concurrency
    with httpx.Client(base_url=url, timeout=60) as client:
        for i in range(4 * keep):
            assert "event: complete" in ask(client, f"Who must share information about child {i}?")
    sessions = len(app.state_holder.session_data)
    assert sessions <= keep + 1, f"{sessions} sessions kept after {4 * keep} API calls"
    assert app.state_holder.capacity == settings.web_sessions
