"""The Gradio web chat: a thin `create_app()` over AnswerService, importable without launching.

It only turns library results and errors into what a practitioner sees; answering, safety and
citations all happen in the core chain.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

from assistant.answer import AnswerService, Turn
from assistant.config import Settings, apply_offline_environment
from assistant.errors import JoinedUpError
from assistant.feedback import FeedbackStore
from assistant.prompts import load_prompt
from assistant.retrieval import Filters
from assistant.web.guard import middleware
from assistant.web.library_tab import library_tab
from assistant.web.render import CSS, answer_markdown, notices_html, sources_html
from assistant.web.sessions import ApiSessions
from assistant.web.transcript import conversation_markdown

log = logging.getLogger(__name__)
STREAM_WORDS = 6  # words added per streamed update
JURISDICTION_CHOICES = ["England and Wales", "England", "Wales"]


def _filters(jurisdiction: str, kinds: list[str], include_superseded: bool) -> Filters:
    place = None if jurisdiction == JURISDICTION_CHOICES[0] else jurisdiction
    return Filters(place, tuple(kinds or ()), (), bool(include_superseded))


def _index_facts(service: AnswerService) -> tuple[list[str], dict[str, str]]:
    """Document kinds for the filter and local file paths for source links; empty if no index."""
    try:
        docs = service.reader.manifest.documents
    except JoinedUpError:
        return [], {}
    kinds = sorted({d.kind for d in docs.values() if d.kind})
    paths = {doc_id: d.source_path for doc_id, d in docs.items() if d.source_path}
    return kinds, paths


def export_folder() -> Path:
    """A private folder (0700) for this server's conversation exports; removed at shutdown (by
    launch() when the server stops, and at interpreter exit whoever created it)."""
    folder = Path(tempfile.mkdtemp(prefix="joinedup-exports-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def write_export(folder: Path, text: str) -> Path:
    """One conversation export, readable by its owner only (0600), under an unguessable name."""
    fd, name = tempfile.mkstemp(prefix="joinedup-conversation-", suffix=".md", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return Path(name)


def served_paths(service: AnswerService, exports: Path) -> list[str]:
    """Exactly what the server may hand out: each ingested document's own file (not its folder, which
    may hold anything) and this server's exports."""
    return sorted(_index_facts(service)[1].values()) + [str(exports)]


def create_app(service: AnswerService, settings: Settings, exports: Path | None = None):
    """`exports`: the folder conversation exports are written to (a new private one if not given);
    pass it in served_paths() to launch so exports can be downloaded."""
    apply_offline_environment()
    import gradio as gr

    feedback = FeedbackStore(settings.feedback_db)
    exports = exports or export_folder()
    kinds, local_paths = _index_facts(service)
    disclaimer = load_prompt("disclaimer")

    def ask_stream(message, chat, turns, answers, jurisdiction, chosen_kinds, include_superseded):
        chat = list(chat or []) + [{"role": "user", "content": message or ""}]
        try:
            answer = service.ask(
                message,
                history=turns,
                filters=_filters(jurisdiction, chosen_kinds, include_superseded),
            )
        except JoinedUpError as exc:
            chat.append({"role": "assistant", "content": f"⚠ {exc}"})
            yield chat, turns, answers, "", sources_html(None, local_paths), ""
            return
        except Exception:  # the app keeps running whatever happens in one request
            log.exception("answering failed")
            chat.append(
                {
                    "role": "assistant",
                    "content": "⚠ Something went wrong while answering. Please try again.",
                }
            )
            yield chat, turns, answers, "", sources_html(None, local_paths), ""
            return
        turns = list(turns) + [Turn(answer.standalone_question, answer.text)]
        answers = list(answers) + [answer.to_dict()]  # kept for feedback and the export
        notices, sources = notices_html(answer), sources_html(answer, local_paths)
        words = answer_markdown(answer).split(" ")
        chat.append({"role": "assistant", "content": ""})
        for end in range(STREAM_WORDS, len(words) + STREAM_WORDS, STREAM_WORDS):
            chat[-1] = {"role": "assistant", "content": " ".join(words[:end])}
            yield chat, turns, answers, notices, sources, ""

    api_sessions = ApiSessions(settings.queue_max_size + settings.queue_concurrency)

    def api_ask(question, request=None):
        """The same JSON object as `joinedup ask --json`."""
        api_sessions.called(
            getattr(app, "state_holder", None), getattr(request, "session_hash", None)
        )
        try:
            return service.ask(question).to_dict()
        except JoinedUpError as exc:
            raise gr.Error(str(exc)) from exc
        except Exception as exc:  # never an error without a message ({"error": null})
            log.exception("answering failed")
            raise gr.Error("Something went wrong while answering. Please try again.") from exc

    # Real types, not the postponed strings: Gradio reads them to describe the API and to pass the request
    api_ask.__annotations__ = {"question": str, "request": gr.Request, "return": dict}

    def rate(rating, comment, answers):
        if not answers:
            return "Ask a question first, then rate its answer.", comment
        feedback.record(rating, answers[-1], comment or "")
        return "Thank you: your feedback was saved.", ""

    def export(answers):
        if not answers:
            return None
        return str(write_export(exports, conversation_markdown(answers, disclaimer)))

    with gr.Blocks(title="Joined Up", analytics_enabled=False) as app:
        gr.Markdown(
            "# Joined Up\nAnswers from multi-agency safeguarding guidance, with the passages they quote."
        )
        gr.Markdown(f"**{disclaimer}**", elem_classes="ju-disclaimer", elem_id="disclaimer")
        turns, answers = gr.State([]), gr.State([])
        with gr.Tab("Ask"):
            with gr.Row():
                with gr.Column(scale=3):
                    notices = gr.HTML(elem_id="notices")
                    chat = gr.Chatbot(
                        label="Conversation",
                        elem_id="chat",
                        height=460,
                        sanitize_html=True,
                        latex_delimiters=[],
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            label="Your question",
                            placeholder="e.g. Who are the safeguarding partners?",
                            elem_id="question",
                            scale=5,
                            max_lines=4,
                        )
                        send = gr.Button("Ask", variant="primary", elem_id="ask-button", scale=1)
                    with gr.Row():
                        new = gr.Button("New conversation", elem_id="new-conversation")
                        export_button = gr.Button(
                            "Export conversation (Markdown)", elem_id="export"
                        )
                    export_file = gr.File(
                        label="Conversation file", visible=True, elem_id="export-file"
                    )
                    export_file.GRADIO_CACHE = str(
                        exports
                    )  # served from the private folder, not copied to /tmp/gradio
                    with gr.Accordion("Was this answer useful?", open=False):
                        comment = gr.Textbox(label="Comment (optional)", elem_id="feedback-comment")
                        with gr.Row():
                            # Text only: Debian's chromium has no emoji font and showed empty boxes.
                            up = gr.Button("Helpful", elem_id="thumbs-up")
                            down = gr.Button("Not helpful", elem_id="thumbs-down")
                            wrong = gr.Button("Evidence wrong", elem_id="evidence-wrong")
                        feedback_status = gr.Markdown(elem_id="feedback-status")
                with gr.Column(scale=2):
                    with gr.Accordion("Filters", open=False):
                        jurisdiction = gr.Radio(
                            JURISDICTION_CHOICES,
                            value=JURISDICTION_CHOICES[0],
                            label="Jurisdiction",
                        )
                        kind_filter = gr.CheckboxGroup(
                            kinds, value=[], label="Document kinds (none ticked: all)"
                        )
                        superseded = gr.Checkbox(False, label="Include superseded editions")
                    gr.Markdown(f"Answer backend: **{settings.backend}**", elem_id="backend")
                    sources = gr.HTML(sources_html(None), elem_id="sources")
        build_quiz_tab(gr, service)
        library_tab(gr, service, settings)

        inputs = [question, chat, turns, answers, jurisdiction, kind_filter, superseded]
        outputs = [chat, turns, answers, notices, sources, question]
        send.click(ask_stream, inputs, outputs, api_visibility="private")
        question.submit(ask_stream, inputs, outputs, api_visibility="private")
        new.click(
            lambda: ([], [], [], "", sources_html(None), None),
            None,
            [chat, turns, answers, notices, sources, export_file],
            api_visibility="private",
        )
        export_button.click(export, answers, export_file, api_visibility="private")
        for button, rating in ((up, "up"), (down, "down"), (wrong, "wrong_evidence")):
            button.click(
                lambda c, a, r=rating: rate(r, c, a),
                [comment, answers],
                [feedback_status, comment],
                api_visibility="private",
            )
        gr.api(api_ask, api_name="ask")
        gr.Markdown(f"<small>{disclaimer}</small>")
    return app


def build_quiz_tab(gr, service: AnswerService) -> None:
    """The trainers' tab."""
    from assistant.web.quiz_tab import quiz_tab

    quiz_tab(gr, service)


def configure_queue(app, settings: Settings) -> None:
    """Bounded concurrency and a bounded queue, so a busy office cannot pile up unbounded work."""
    app.queue(
        default_concurrency_limit=settings.queue_concurrency, max_size=settings.queue_max_size
    )


def launch(
    settings: Settings,
    host: str,
    port: int,
    auth: tuple[str, str] | None,
    prevent_thread_lock: bool = False,
):
    service = AnswerService(settings)
    try:
        service.warm_up()
    except JoinedUpError as exc:  # no index yet: the chat says so on each question
        log.warning("%s", exc)
    exports = export_folder()
    app = create_app(service, settings, exports)
    configure_queue(app, settings)
    try:
        app.launch(
            server_name=host,
            server_port=port,
            auth=auth,
            share=False,
            ssr_mode=False,
            quiet=False,
            css=CSS,
            allowed_paths=served_paths(service, exports),
            prevent_thread_lock=prevent_thread_lock,
            show_error=False,
            app_kwargs={"middleware": middleware()},
            state_session_capacity=settings.web_sessions,
        )
    finally:
        if not prevent_thread_lock:  # the server has stopped: its exports go with it
            shutil.rmtree(exports, ignore_errors=True)
    return app
