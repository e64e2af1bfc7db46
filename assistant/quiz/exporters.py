"""A quiz as a file: Markdown handout (questions, then answer key, rationales and sources), JSON,
CSV with a header row, and Moodle GIFT. Pure functions of a Quiz."""

from __future__ import annotations

import csv
import io
import json

from assistant.links import web_url  # only http(s) addresses become links
from assistant.quiz import gift
from assistant.quiz.cite import reference
from assistant.quiz.model import BLANK, LETTERS, SOURCE_FIELDS, Quiz, QuizItem, QuizRequestInvalid

FORMATS = ("md", "json", "csv", "gift")
OPTION_FIELDS = tuple(f"option_{letter.lower()}" for letter in LETTERS)
CSV_FIELDS = (
    "number",
    "type",
    "scenario",
    "question",
    *OPTION_FIELDS,
    "answer",
    "answer_index",
    "rationale",
    *SOURCE_FIELDS,
    "chunk_id",
)
DISCLAIMER = (
    "Questions are built from the passages cited; check local procedures too. "
    "This is training material, not legal advice."
)


def export_quiz(quiz: Quiz, fmt: str) -> str:
    exporters = {"md": to_markdown, "json": to_json, "csv": to_csv, "gift": to_gift}
    if fmt not in exporters:
        raise QuizRequestInvalid(f"unknown quiz format '{fmt}' (choose from: {', '.join(FORMATS)})")
    return exporters[fmt](quiz)


def to_json(quiz: Quiz) -> str:
    return json.dumps(quiz.to_dict(), ensure_ascii=False, indent=1) + "\n"


def to_csv(quiz: Quiz) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for n, item in enumerate(quiz.items, start=1):
        c = item.chunk
        writer.writerow(
            {
                "number": n,
                "type": item.type,
                "scenario": item.scenario,
                "question": item.question,
                **dict(zip(OPTION_FIELDS, item.options, strict=True)),
                "answer": LETTERS[item.answer_index],
                "answer_index": item.answer_index,
                "rationale": item.rationale,
                **{name: getattr(c, name) for name in SOURCE_FIELDS},
                "page": c.page or "",  # no page: an empty cell
                "chunk_id": c.id,
            }
        )
    return out.getvalue()


def question_text(item: QuizItem) -> str:
    return f"{item.scenario}\n\n{item.question}" if item.scenario else item.question


def to_gift(quiz: Quiz) -> str:
    header = [
        f"// Joined Up quiz: {' '.join(quiz.topic.split())} (seed {quiz.seed}, {len(quiz.items)} questions)",
        f"// {DISCLAIMER}",
        *(f"// Note: {' '.join(note.split())}." for note in quiz.notes),
    ]
    blocks = ["\n".join(header)]
    for n, item in enumerate(quiz.items, start=1):
        title = f"{quiz.topic} {n:02d}"
        feedback = f"{item.rationale}\nSource: {reference(item.citation)}"
        blocks.append(
            gift.question(
                title, question_text(item), list(item.options), item.answer_index, feedback
            )
        )
    return "\n\n".join(blocks) + "\n"


def to_markdown(quiz: Quiz) -> str:
    lines = [f"# Quiz: {quiz.topic}", "", f"{len(quiz.items)} questions. {DISCLAIMER}", ""]
    lines += [line for note in quiz.notes for line in (f"> Note: {note}.", "")]
    for n, item in enumerate(quiz.items, start=1):
        lines += [f"## Question {n}", ""] + ([item.scenario, ""] if item.scenario else [])
        lines += [_quote_block(item.question).replace(BLANK, "\\_" * len(BLANK)), ""]
        lines += [
            f"- **{letter}.** {option}"
            for letter, option in zip(LETTERS, item.options, strict=True)
        ]
        lines.append("")
    lines += ["---", "", "## Answer key", ""]
    for n, item in enumerate(quiz.items, start=1):
        lines += [
            f"**{n}. {LETTERS[item.answer_index]}**: {item.answer}",
            "",
            item.rationale,
            "",
            f"Source: {reference(item.citation)}"
            + (f" <{url}>" if (url := web_url(item.chunk.url)) else ""),
            "",
        ]
    return "\n".join(lines)


def _quote_block(question: str) -> str:
    """The question's lead-in, with a quoted statement on its own line set as a block quote."""
    head, sep, statement = question.partition("\n")
    return f"{head}\n\n> {statement}" if sep else question
