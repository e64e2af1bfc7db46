"""The web app's Quiz tab for trainers: topic and number in, a preview of the questions (answer
key at the end) and a file to download out. A thin layer over assistant.quiz."""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

from assistant.errors import JoinedUpError

log = logging.getLogger(__name__)
FORMAT_CHOICES = [
    ("Handout (Markdown)", "md"),
    ("Moodle (GIFT)", "gift"),
    ("Spreadsheet (CSV)", "csv"),
    ("JSON", "json"),
]
MAX_WEB_QUESTIONS = 20


def quiz_file(text: str, topic: str, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")[:40] or "quiz"
    path = (
        Path(tempfile.mkdtemp(prefix="joinedup-quiz-"))
        / f"joinedup-quiz-{slug}.{'txt' if fmt == 'gift' else fmt}"
    )
    path.write_text(text, encoding="utf-8")
    return str(path)


def make_quiz(service, topic: str, n, seed, fmt: str) -> tuple[str, str | None, str]:
    """(preview Markdown, file path, status line); errors become the status line."""
    from assistant.quiz import build_quiz, export_quiz, to_markdown

    try:
        quiz = build_quiz(service, topic or "", n=int(n or 5), seed=int(seed or 0))
        text = export_quiz(quiz, fmt or "md")
    except JoinedUpError as exc:
        return "", None, f"⚠ {exc}"
    except Exception:  # the app keeps running whatever happens in one request
        log.exception("quiz generation failed")
        return "", None, "⚠ Something went wrong while writing the quiz. Please try again."
    notes = "".join(f" Note: {note}." for note in quiz.notes)
    status = f"{len(quiz.items)} question(s) on “{quiz.topic}”, each checked against the passage it cites.{notes}"
    preview = text if (fmt or "md") == "md" else to_markdown(quiz)
    return preview, quiz_file(text, quiz.topic, fmt or "md"), status


def quiz_tab(gr, service) -> None:
    """Built inside the app's gr.Blocks; the generate button is also the `/quiz` API."""
    with gr.Tab("Quiz"):
        gr.Markdown(
            "Multiple-choice questions for training, written from the indexed guidance. Each answer is "
            "quoted from the passage it cites; the same seed gives the same quiz."
        )
        with gr.Row():
            topic = gr.Textbox(
                label="Topic", placeholder="e.g. information sharing", elem_id="quiz-topic", scale=3
            )
            number = gr.Slider(
                1, MAX_WEB_QUESTIONS, value=5, step=1, label="Questions", elem_id="quiz-n", scale=2
            )
            seed = gr.Number(0, precision=0, label="Seed", elem_id="quiz-seed", scale=1)
        fmt = gr.Radio(FORMAT_CHOICES, value="md", label="Download as", elem_id="quiz-format")
        generate = gr.Button("Generate quiz", variant="primary", elem_id="quiz-generate")
        status = gr.Markdown(elem_id="quiz-status")
        download = gr.File(label="Quiz file", elem_id="quiz-file")
        preview = gr.Markdown(elem_id="quiz-preview")
    generate.click(
        lambda *args: make_quiz(service, *args),
        [topic, number, seed, fmt],
        [preview, download, status],
        api_name="quiz",
    )
