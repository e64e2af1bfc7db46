"""The quiz's own types: a Quiz of QuizItems, each citing one indexed passage. No logic beyond
turning them into plain dicts and back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.errors import JoinedUpError
from assistant.types import Chunk

BLANK = "_____"  # marks the gap in a fill-the-gap question's quoted statement
LETTERS = "ABCD"


class TopicNotCovered(JoinedUpError):
    """The indexed guidance says too little about the topic to ask anything honest about it."""

    exit_code = 2


class QuizRequestInvalid(JoinedUpError):
    exit_code = 2


def citation_of(chunk: Chunk) -> dict[str, Any]:
    return {
        "id": chunk.id,
        "doc_id": chunk.doc_id,
        "title": chunk.title,
        "edition": chunk.edition,
        "section": chunk.section,
        "paragraph": chunk.paragraph,
        "page": chunk.page,
        "url": chunk.url,
        "status": chunk.status,
        "jurisdiction": chunk.jurisdiction,
        "text": chunk.text,
    }


@dataclass(frozen=True)
class QuizItem:
    scenario: str
    question: str
    options: tuple[str, ...]
    answer_index: int
    rationale: str
    citation: dict[str, Any]
    quote: str = ""  # the passage sentence the item tests, verbatim
    kind: str = ""  # what the gap or question is about: agency, timescale, duty, law, term, number
    type: str = (
        ""  # what a trainer would call it: who, when, what next, threshold, record/share, law, duty
    )

    @property
    def answer(self) -> str:
        return self.options[self.answer_index]

    @property
    def chunk_id(self) -> str:
        return self.citation.get("id", "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "question": self.question,
            "options": list(self.options),
            "answer_index": self.answer_index,
            "rationale": self.rationale,
            "citation": dict(self.citation),
            "quote": self.quote,
            "kind": self.kind,
            "type": self.type,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizItem:
        return cls(
            scenario=str(data.get("scenario", "")),
            question=str(data.get("question", "")),
            options=tuple(str(o) for o in data.get("options", [])),
            answer_index=int(data.get("answer_index", -1)),
            rationale=str(data.get("rationale", "")),
            citation=dict(data.get("citation") or {}),
            quote=str(data.get("quote", "")),
            kind=str(data.get("kind", "")),
            type=str(data.get("type", "")),
        )


@dataclass
class Quiz:
    topic: str
    seed: int
    items: list[QuizItem]
    backend: str = "extractive"
    notes: list[str] = field(default_factory=list)  # shown to the trainer, not part of the quiz

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "seed": self.seed,
            "backend": self.backend,
            "items": [item.to_dict() for item in self.items],
        }
