"""The trainer quiz: validation rules on hand-built items, each exporter (GIFT parsed back), the
item writer's rules on real sentences, determinism, the uncovered-topic refusal, the model path
with a fake model, the CLI on the seeds, and the issue's done-when on the seeds plus the
information sharing advice."""

import csv
import io
import json
from dataclasses import replace

import pytest

from assistant.answer import AnswerService
from assistant.quiz import (
    Quiz,
    QuizItem,
    QuizRequestInvalid,
    TopicNotCovered,
    build_quiz,
    export_quiz,
    gift,
)
from assistant.quiz.extractive import candidates
from assistant.quiz.fake_model import FakeQuizModel
from assistant.quiz.model import BLANK, citation_of
from assistant.quiz.targets import find_targets
from assistant.quiz.validate import in_passage, item_problems, quiz_problems
from assistant.types import Chunk, Citation
from tests.conftest import free_port, make_chunk, run_cli
from tests.loopback import json_server

PASSAGE = (
    "Local authorities should make a decision within one working day of a referral being received. "
    "The police must be told at once when a crime may have been committed."
)


def chunk(
    text: str = PASSAGE,
    cid: str = "wt:1",
    kind: str = "statutory guidance",
    title: str = "Working Together",
) -> Chunk:
    return make_chunk(cid, text, doc_id="wt", title=title, kind=kind, paragraph="160", page=55)


def good_item(cid: str = "wt:1") -> QuizItem:
    return QuizItem(
        scenario="Tom is a social worker. A school refers a child with bruises. Tom must decide what happens next.",
        question=f"Which timescale completes this statement?\n“Local authorities should make a decision within {BLANK} "
        "of a referral being received.”",
        options=("one working day", "45 working days", "15 working days", "three months"),
        answer_index=0,
        rationale="Working Together says: “Local authorities should make a decision within one working day of a referral being received.”",
        citation=citation_of(replace(chunk(cid=cid), section="Referral", url="")),
        quote="Local authorities should make a decision within one working day of a referral being received.",
        kind="timescale",
    )


# --- validation rules ----------------------------------------------------------------------


def test_a_well_formed_item_passes_validation():
    assert item_problems(good_item(), PASSAGE) == []


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"options": ("one working day", "45 working days", "15 working days")}, "3 options"),
        (
            {"options": ("one working day", "45 working days", "45  Working Days", "three months")},
            "same thing",
        ),
        ({"answer_index": 4}, "not 0-3"),
        ({"answer_index": 1}, "not in the passage"),  # the key points at a distractor
        (
            {"options": ("one working day", "one working day.", "15 working days", "three months")},
            "same thing",
        ),
        ({"rationale": "The local authority decides quickly."}, "does not quote"),
        ({"quote": "Local authorities decide within a week."}, "not in the passage"),
        ({"question": "  "}, "empty"),
    ],
)
def test_validation_rejects_each_broken_rule(change, problem):
    problems = item_problems(replace(good_item(), **change), PASSAGE)
    assert any(problem in p for p in problems), problems


def test_a_distractor_the_passage_also_supports_is_rejected():
    passage = (
        PASSAGE
        + " Health visitors should make a decision within one working day of a referral being received."
    )
    item = replace(
        good_item(),
        question=f"Who is named here?\n“{BLANK} should make a decision within one working day of a referral being received.”",
        options=("Local authorities", "Health visitors", "The police", "Schools"),
        answer_index=0,
    )
    assert any(
        "also supports the distractor 'Health visitors'" in p for p in item_problems(item, passage)
    )


def test_free_form_items_need_word_support_for_the_answer_and_none_for_distractors():
    item = replace(
        good_item(),
        question="When must the local authority decide on a referral?",
        options=(
            "Within one working day of receiving the referral",
            "Within 45 working days",
            "Within 15 working days",
            "Within three months",
        ),
    )
    assert item_problems(item, PASSAGE) == []
    unsupported = replace(item, options=("Within ten minutes of a phone call", *item.options[1:]))
    assert "the passage does not support the answer" in item_problems(unsupported, PASSAGE)
    supported_distractor = replace(
        item, options=(item.options[0], "The police must be told at once", *item.options[2:])
    )
    assert any(
        "also supports the distractor" in p for p in item_problems(supported_distractor, PASSAGE)
    )


def test_two_items_on_one_passage_and_a_passage_missing_from_the_index_are_rejected():
    problems = quiz_problems([good_item(), good_item()], {"wt:1": PASSAGE})
    assert any("already tests passage 'wt:1'" in p for p in problems)
    assert any(
        "not in the index" in p for p in quiz_problems([good_item("gone:9")], {"wt:1": PASSAGE})
    )


def test_verbatim_checks_ignore_quote_styles_spacing_and_glued_footnote_numbers():
    passage = "It is for local safeguarding partners20 to consider how they will build “positive” relationships."
    assert in_passage(
        "local safeguarding partners to consider how they will build 'positive'  relationships",
        passage,
    )
    assert not in_passage("national safeguarding partners to consider", passage)


# --- choosing what to ask ------------------------------------------------------------------


def test_timescales_agencies_and_duties_are_found_and_negated_statements_are_not_blanked():
    kinds = {(t.kind, t.text) for t in find_targets(PASSAGE)}
    assert (
        ("timescale", "one working day") in kinds
        and ("agency", "The police") in kinds
        and ("duty", "must") in kinds
    )
    negated = chunk(
        "You do not need consent to share personal information about a child who is at risk of harm."
    )
    assert all(
        c.target.kind == "duty" or c.target.text != "consent"
        for c in candidates(negated, "consent")
    )


def test_items_in_a_list_of_alternatives_or_first_person_blog_sentences_are_not_used():
    listed = chunk(
        "Seek advice from your manager, the Data Protection Officer or the Caldicott Guardian before sharing anything."
    )
    assert not [c for c in candidates(listed, "advice") if c.target.kind == "agency"]
    blog = chunk(
        "I think local authorities must work within one working day of a referral.",
        kind="commentary",
    )
    assert candidates(blog, "referral") == []


def test_scenarios_change_person_and_situation_once_an_item_is_kept():
    import random

    from assistant.quiz.scenarios import ScenarioWriter

    writer = ScenarioWriter(random.Random(0))
    text = "Practitioners should share information with consent where it is safe; data protection law allows it."
    first = writer.write(text, "information sharing")
    assert (
        writer.write(text, "information sharing").name == first.name
    )  # only proposed: nothing used up yet
    writer.use(first)
    second = writer.write(text, "information sharing")
    assert second.name != first.name and second.situation != first.situation
    assert first.text.startswith(f"{first.name} is a") and f"{first.name} must decide" in first.text
    school = writer.write(text, "information sharing", school=True)
    assert any(
        word in school.text.split(".")[0]
        for word in ("teacher", "tutor", "school", "safeguarding lead", "head")
    )


def test_a_quiz_needs_a_topic_and_1_to_50_questions():
    from assistant.quiz import QuizRequestInvalid

    with pytest.raises(QuizRequestInvalid, match="1 to 50"):
        build_quiz(None, "early help", n=0)
    with pytest.raises(QuizRequestInvalid, match="give a topic"):
        build_quiz(None, "   ", n=3)


# --- exporters -----------------------------------------------------------------------------

SPECIAL = "Tricky ~ = # { } : \\ characters"


def sample_quiz() -> Quiz:
    tricky = replace(
        good_item("wt:2"),
        scenario=f"{SPECIAL}.\nSecond line.",
        options=("one working day", "45 ~ days", "a = b {x}", "C:\\path #1"),
        rationale="Says: “Local authorities should make a decision within one working day of a referral being received.” #note",
    )
    return Quiz(topic="referrals: timing", seed=3, items=[good_item(), tricky])


def test_gift_export_parses_back_to_the_same_questions_and_answers_with_special_characters():
    quiz = sample_quiz()
    parsed = gift.parse(export_quiz(quiz, "gift"))
    assert len(parsed) == 2
    for item, question in zip(quiz.items, parsed, strict=True):
        assert question.options == list(item.options)
        assert question.answer_index == item.answer_index
        assert question.text == f"{item.scenario}\n\n{item.question}"
        assert question.feedback.startswith(item.rationale)
    assert SPECIAL in parsed[1].text and parsed[0].title == "referrals: timing 01"


def test_gift_parser_refuses_malformed_questions():
    with pytest.raises(ValueError, match="two correct"):
        gift.parse("::t::Q {\n=a\n=b\n~c\n}")
    with pytest.raises(ValueError, match="answer block"):
        gift.parse("::t::Q with a stray brace \\{ and no answers")
    with pytest.raises(ValueError, match="no correct"):
        gift.parse("Q {\n~a\n~b\n}")


# The fields of an item's citation in a quiz file (README: Formats), in order.
QUIZ_CITATION_FIELDS = [
    "id",
    "doc_id",
    "title",
    "edition",
    "section",
    "paragraph",
    "page",
    "url",
    "status",
    "jurisdiction",
    "text",
]


def test_json_export_has_the_documented_shape():
    data = json.loads(export_quiz(sample_quiz(), "json"))
    assert data["topic"] == "referrals: timing" and len(data["items"]) == 2
    item = data["items"][0]
    assert {"scenario", "question", "options", "answer_index", "rationale", "citation"} <= set(item)
    assert len(item["options"]) == 4 and item["options"][item["answer_index"]] == "one working day"
    assert list(item["citation"]) == QUIZ_CITATION_FIELDS


def test_an_item_cites_with_the_core_citation_and_its_file_keeps_the_quiz_citation_fields():
    item = good_item()
    assert isinstance(item.citation, Citation) and item.citation.passage.chunk.id == "wt:1"
    data = item.to_dict()
    assert list(data["citation"]) == QUIZ_CITATION_FIELDS
    assert QuizItem.from_dict(json.loads(json.dumps(data))).to_dict() == data


def test_csv_export_has_a_header_and_one_row_per_question():
    rows = list(csv.DictReader(io.StringIO(export_quiz(sample_quiz(), "csv"))))
    assert len(rows) == 2 and rows[0]["answer"] == "A" and rows[0]["option_a"] == "one working day"
    assert (
        rows[1]["option_d"] == "C:\\path #1"
        and rows[1]["chunk_id"] == "wt:2"
        and rows[0]["paragraph"] == "160"
    )


def test_markdown_handout_puts_questions_first_and_the_answer_key_with_rationales_at_the_end():
    text = export_quiz(sample_quiz(), "md")
    key = text.index("## Answer key")
    assert text.index("## Question 1") < text.index("## Question 2") < key
    assert (
        "**1. A**: one working day" in text[key:]
        and "Source: Working Together (2023)" in text[key:]
    )
    assert (
        "should make a decision within one working day" in text[key:]
        and "\\_\\_\\_\\_\\_" in text[:key]
    )


def test_a_short_quiz_s_note_travels_with_the_handout_the_json_and_the_gift_file():
    # a trainer who saves the handout or imports the file still reads why it is short
    quiz = sample_quiz()
    quiz.notes.append("only 2 of the 10 questions asked for could be written")
    note = "only 2 of the 10 questions asked for could be written"
    handout = export_quiz(quiz, "md")
    assert f"> Note: {note}." in handout and handout.index(note) < handout.index("## Question 1")
    assert json.loads(export_quiz(quiz, "json"))["notes"] == [note]
    moodle = export_quiz(quiz, "gift")
    assert f"// Note: {note}." in moodle and len(gift.parse(moodle)) == 2


def test_an_unknown_format_is_a_clear_error():
    with pytest.raises(QuizRequestInvalid, match="unknown quiz format"):
        export_quiz(sample_quiz(), "docx")


# --- on the real seed index ----------------------------------------------------------------

SEED_TOPIC = "information sharing"  # on the seeds plus the bundled information sharing advice


def index_texts(service) -> dict[str, str]:
    return {cid: c.text for cid, c in service.reader.chunks.items()}


@pytest.mark.integration
def test_the_same_seed_gives_the_same_quiz_and_another_seed_a_different_one(guidance_service):
    first = build_quiz(guidance_service, SEED_TOPIC, n=2, seed=1)
    again = build_quiz(guidance_service, SEED_TOPIC, n=2, seed=1)
    other = build_quiz(guidance_service, SEED_TOPIC, n=2, seed=2)
    assert export_quiz(first, "json") == export_quiz(again, "json")
    assert export_quiz(first, "json") != export_quiz(other, "json")
    assert first.items and quiz_problems(first.items, index_texts(guidance_service)) == []
    # The generator's last gate drops items that fail those checks; none should have reached it.
    assert not any("left out" in note for note in first.notes)


@pytest.mark.integration
@pytest.mark.parametrize("topic", ["sourdough baking", "car insurance premiums"])
def test_a_topic_the_guidance_does_not_cover_is_refused(guidance_service, topic):
    with pytest.raises(TopicNotCovered, match="does not cover"):
        build_quiz(guidance_service, topic, n=3)


@pytest.mark.integration
def test_a_generative_backend_s_failed_items_are_dropped_and_rewritten(guidance_service):
    quiz = build_quiz(guidance_service, SEED_TOPIC, n=2, seed=1, backend="fake")
    generated = [i for i in quiz.items if i.kind == "generated"]
    assert generated and quiz.backend == "fake"
    assert any(
        "failed the checks" in note for note in quiz.notes
    )  # the fake's first try is always wrong
    assert all("dragon" not in o for i in quiz.items for o in i.options)
    assert quiz_problems(quiz.items, index_texts(guidance_service)) == []
    assert not any("left out" in note for note in quiz.notes)


def seed_quiz_from(settings, backend: str, guidance_service):
    """Two items on SEED_TOPIC (seed 1) from the guidance index, written by `backend` as
    `settings` configure it."""
    service = AnswerService(settings, reader=guidance_service.reader)
    return build_quiz(service, SEED_TOPIC, n=2, seed=1, backend=backend)


@pytest.mark.integration
def test_an_openai_compatible_server_writes_items_that_are_checked_like_any_other(
    guidance_settings, guidance_service
):
    def model(body: dict) -> dict:
        content = FakeQuizModel().chat(body["messages"])
        return {"choices": [{"message": {"role": "assistant", "content": content}}]}

    with json_server(model) as (handler, url):
        settings = guidance_settings.model_copy(update={"openai_base_url": f"{url}/v1"})
        quiz = seed_quiz_from(settings, "openai", guidance_service)
    assert quiz.backend == "openai" and handler.requests[0]["path"] == "/v1/chat/completions"
    body = handler.requests[0][
        "body"
    ]  # through the openai backend's own chat(): seeded, room for an item
    assert body["seed"] == 1 and body["max_tokens"] == 700 and body["temperature"] == 0
    assert any(i.kind == "generated" for i in quiz.items)
    assert quiz_problems(quiz.items, index_texts(guidance_service)) == []
    assert not any("left out" in note for note in quiz.notes)


@pytest.mark.integration
def test_an_unreachable_model_server_gives_a_note_and_offline_items(
    guidance_settings, guidance_service
):
    settings = guidance_settings.model_copy(
        update={"ollama_url": f"http://127.0.0.1:{free_port()}", "llm_timeout_s": 2}
    )
    quiz = seed_quiz_from(settings, "ollama", guidance_service)
    assert quiz.items and all(i.kind != "generated" for i in quiz.items)
    assert any("did not answer" in note for note in quiz.notes)


@pytest.mark.integration
def test_cli_quiz_json_on_the_seeds_is_the_library_s_quiz(guidance_settings, guidance_service):
    env = {"JOINEDUP_STORE": str(guidance_settings.store)}
    result = run_cli(
        "quiz", "--topic", SEED_TOPIC, "--n", "2", "--format", "json", "--seed", "1", env=env
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["topic"] == SEED_TOPIC and data["items"]
    assert data == json.loads(
        export_quiz(build_quiz(guidance_service, SEED_TOPIC, n=2, seed=1), "json")
    )


@pytest.mark.integration
def test_cli_quiz_on_an_uncovered_topic_is_one_line_and_exit_code_2(guidance_settings, capsys):
    from assistant.cli.main import main

    assert (
        main(["quiz", "--topic", "sourdough baking", "--store", str(guidance_settings.store)]) == 2
    )
    err = capsys.readouterr().err
    assert "does not cover “sourdough baking”" in err and len(err.strip().splitlines()) == 1


# --- the done-when, on the seeds plus the information sharing advice -------------------


@pytest.mark.integration
def test_items_on_information_sharing_are_valid_and_cite_passages_that_hold_their_answers(
    guidance_settings, tmp_path
):
    from assistant.cli.main import main

    env = {"JOINEDUP_STORE": str(guidance_settings.store)}
    args = ("quiz", "--topic", "information sharing", "--n", "10", "--seed", "1")
    result = run_cli(*args, "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    items = [QuizItem.from_dict(d) for d in json.loads(result.stdout)["items"]]
    service = AnswerService(guidance_settings)
    chunks = service.reader.chunks
    # fewer than asked, with a note, rather than off-topic or duty-word items (README: Quizzes)
    assert 3 <= len(items) <= 10, len(items)  # 4 on this small index (2026-11-28)
    assert len({i.chunk_id for i in items}) == len(items) and all(
        i.chunk_id in chunks for i in items
    )
    assert all(in_passage(i.answer, chunks[i.chunk_id].text) for i in items)
    assert quiz_problems(items, {i.chunk_id: chunks[i.chunk_id].text for i in items}) == []
    out = tmp_path / "quiz.gift"  # the same quiz as GIFT (in-process: the model is already loaded)
    assert (
        main(
            [
                *args,
                "--format",
                "gift",
                "--out",
                str(out),
                "--store",
                str(guidance_settings.store),
            ]
        )
        == 0
    )
    parsed = gift.parse(out.read_text(encoding="utf-8"))
    assert len(parsed) == len(items)
    assert [p.options[p.answer_index] for p in parsed] == [i.answer for i in items]
