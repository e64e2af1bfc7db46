"""Quiz items written by a generative backend: richer scenarios, each checked exactly like an
offline item; an item that fails is sent back once with the reasons, then dropped (the offline
writer fills the gap). The model only writes words: the citation always comes from the index."""

from __future__ import annotations

import json
import random
import re

from assistant.backends.base import AnswerBackend, without_instructions
from assistant.errors import BackendUnavailable
from assistant.prompts import load_prompt, render_prompt
from assistant.quiz.cite import document_name, reference
from assistant.quiz.model import Quiz, QuizItem, citation_of
from assistant.quiz.validate import in_passage, item_problems, word_support
from assistant.types import Chunk

ATTEMPTS = 2
ITEM_TOKENS = 700  # a whole item as JSON: scenario, question, four options, rationale
LIMITS = {"scenario": 90, "question": 60, "option": 35}  # words
ROLES = "a health visitor, teacher, social worker, police officer, family hub worker or designated safeguarding lead"


def quiz_messages(topic: str, chunk: Chunk, feedback: str = "") -> list[dict[str, str]]:
    passage = without_instructions(chunk.text)
    user = render_prompt(
        "quiz_item",
        topic=topic,
        roles=ROLES,
        feedback=feedback,
        reference=reference(citation_of(chunk)),
        passage=passage,
    )
    return [
        {"role": "system", "content": load_prompt("quiz_system")},
        {"role": "user", "content": user},
    ]


def chat(model: AnswerBackend, messages: list[dict[str, str]], seed: int = 0) -> str:
    """One chat completion through the chosen answer backend's own `chat` (its server or model
    file, its errors)."""
    return model.chat(messages, seed=seed, max_tokens=ITEM_TOKENS, json=True)


def parse_item(raw: str, chunk: Chunk, rng: random.Random) -> tuple[QuizItem | None, list[str]]:
    """The model's JSON as a QuizItem citing the chunk, with every problem found in it."""
    match = re.search(r"\{.*\}", raw or "", re.DOTALL)
    try:
        data = json.loads(match.group(0)) if match else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None, ["the reply was not one JSON object"]
    try:
        options = [" ".join(str(o).split()) for o in data.get("options", [])]
        answer_index = int(data.get("answer_index", -1))
    except (TypeError, ValueError):
        return None, ["options or answer_index were malformed"]
    quote = " ".join(str(data.get("quote", "")).split())
    answer = options[answer_index] if 0 <= answer_index < len(options) else None
    order = list(range(len(options)))
    rng.shuffle(order)
    citation = citation_of(chunk, quote)
    item = QuizItem(
        scenario=" ".join(str(data.get("scenario", "")).split()),
        question=" ".join(str(data.get("question", "")).split()),
        options=tuple(options[i] for i in order),
        answer_index=order.index(answer_index) if answer is not None else answer_index,
        rationale=f"{document_name(citation)} says: “{quote}”",
        citation=citation,
        quote=quote,
        kind="generated",
    )
    problems = item_problems(item, chunk.text) + _shape_problems(item)
    if (
        answer is not None
        and quote
        and in_passage(quote, chunk.text)
        and not (in_passage(answer, quote) or word_support(answer, quote) >= 0.8)
    ):
        problems.append("the quoted sentence does not state the correct option")
    return item, problems


def _shape_problems(item: QuizItem) -> list[str]:
    problems = []
    if (
        len(item.scenario.split()) > LIMITS["scenario"]
        or len(item.question.split()) > LIMITS["question"]
    ):
        problems.append("the scenario or question is too long")
    if any(len(o.split()) > LIMITS["option"] for o in item.options):
        problems.append("an option is too long")
    return problems


class GenerativeWriter:
    def __init__(self, model, topic: str, quiz: Quiz):
        self.model = model
        self.topic = topic
        self.rng = random.Random(f"{quiz.seed}:generated")
        self.seed = quiz.seed
        self.written = self.rejected = 0
        self.unavailable = ""

    def write(self, chunk: Chunk) -> QuizItem | None:
        if self.unavailable:
            return None
        feedback = ""
        for _ in range(ATTEMPTS):
            try:
                raw = chat(self.model, quiz_messages(self.topic, chunk, feedback), self.seed)
            except BackendUnavailable as exc:
                self.unavailable = str(exc)
                return None
            item, problems = parse_item(raw, chunk, self.rng)
            if item is not None and not problems:
                self.written += 1
                return item
            self.rejected += 1
            feedback = (
                "\nYour previous question was rejected: "
                + "; ".join(problems[:4])
                + ". Write a new one that fixes this.\n"
            )
        return None

    def notes(self) -> list[str]:
        notes = []
        if self.unavailable:
            notes.append(
                f"{self.unavailable}; the remaining questions were written without a model"
            )
        if self.rejected:
            notes.append(
                f"{self.rejected} generated question(s) failed the checks against their passage and were "
                f"rewritten or replaced by quoted ones; {self.written} generated question(s) kept"
            )
        return notes
