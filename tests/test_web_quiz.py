"""The web app's Quiz tab end to end: launched in-process on a free port and called through its
`/quiz` API with gradio_client, as the generate button would be."""

import pytest

from assistant.answer import AnswerService
from assistant.quiz import gift
from tests.conftest import serve_app

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def web(guidance_settings, guidance_service):
    from assistant.web.app import create_app

    settings = guidance_settings.model_copy(
        update={"feedback_db": guidance_settings.store.parent / "quiz-feedback.sqlite3"}
    )
    app = create_app(AnswerService(settings, reader=guidance_service.reader), settings)
    app.queue(default_concurrency_limit=2, max_size=16)
    yield serve_app(app)
    app.close()


def test_the_quiz_tab_previews_the_quiz_and_offers_a_gift_file_that_parses(web):
    from gradio_client import Client

    preview, path, status = Client(web, verbose=False).predict(
        "information sharing", 2, 1, "gift", api_name="/quiz"
    )
    assert "## Question 1" in preview and "## Answer key" in preview
    assert "question(s) on “information sharing”" in status
    with open(path, encoding="utf-8") as fh:
        parsed = gift.parse(fh.read())
    assert 1 <= len(parsed) <= 2 and all(len(q.options) == 4 for q in parsed)


def test_the_quiz_tab_says_plainly_when_the_guidance_does_not_cover_a_topic(web):
    from gradio_client import Client

    preview, path, status = Client(web, verbose=False).predict(
        "sourdough baking", 3, 0, "md", api_name="/quiz"
    )
    assert preview == "" and path is None and "does not cover" in status
