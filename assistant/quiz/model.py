"""The quiz's own types: a Quiz of QuizItems, each citing one indexed passage with the core
`Citation`. No logic beyond turning them into plain dicts and back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import JoinedUpError, UsageError
from assistant.types import Chunk, Citation, Passage

BLANK = "_____"  # marks the gap in a fill-the-gap question's quoted statement
# how a question about a point of a list shows the words leading into the list
LEAD_IN = re.compile(r"It lists: “([^“”]+)”")
LETTERS = "ABCD"


class TopicNotCovered(JoinedUpError):
    """The indexed guidance says too little about the topic to ask anything honest about it."""

    exit_code = 2


class QuizRequestInvalid(UsageError):
    """A quiz asked for wrongly: no topic, too many or too few questions, an unknown format."""


# Where the passage an item cites comes from, as every quiz file names it (JSON citation, CSV).
SOURCE_FIELDS = ("doc_id", "title", "edition", "section", "paragraph", "page", "url")
# What a quiz file says about the passage an item cites (JSON export): the chunk's own fields.
CITATION_FIELDS = ("id", *SOURCE_FIELDS, "status", "jurisdiction", "text")


def citation_of(chunk: Chunk, quote: str = "") -> Citation:
    """The item's one source (marker 1), quoting the sentence it tests where there is one."""
    return Citation(1, Passage(chunk, 0.0), supporting=(quote,) if quote else ())


def citation_dict(citation: Citation) -> dict[str, Any]:
    chunk = citation.passage.chunk
    return {name: getattr(chunk, name) for name in CITATION_FIELDS}


def citation_from_dict(data: dict[str, Any]) -> Citation:
    """A citation read back from a quiz file; fields the file does not hold are empty."""
    chunk = Chunk.from_metadata(str(data.get("id", "")), str(data.get("text", "")), data)
    return Citation(1, Passage(chunk, 0.0))


@dataclass(frozen=True)
class QuizItem:
    scenario: str
    question: str
    options: tuple[str, ...]
    answer_index: int
    rationale: str
    citation: Citation
    quote: str = ""  # the passage sentence the item tests, verbatim
    kind: str = ""  # what the gap or question is about: agency, timescale, duty, law, term, number
    type: str = (
        ""  # what a trainer would call it: who, when, what next, threshold, record/share, law, duty
    )

    @property
    def answer(self) -> str:
        return self.options[self.answer_index]

    @property
    def lead_in(self) -> str:
        """For a point of a list, the words leading into the list, as the question shows them."""
        found = LEAD_IN.search(self.question)
        return found.group(1) if found else ""

    @property
    def statement(self) -> str:
        """What the item states, as a learner reads it: a list's lead-in and the quoted point."""
        return f"{self.lead_in} {self.quote}".strip()

    @property
    def chunk(self) -> Chunk:
        return self.citation.passage.chunk

    @property
    def chunk_id(self) -> str:
        return self.chunk.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "question": self.question,
            "options": list(self.options),
            "answer_index": self.answer_index,
            "rationale": self.rationale,
            "citation": citation_dict(self.citation),
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
            citation=citation_from_dict(data.get("citation") or {}),
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
    notes: list[str] = field(default_factory=list)  # for the trainer: in the handout, JSON and GIFT

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "seed": self.seed,
            "backend": self.backend,
            "items": [item.to_dict() for item in self.items],
            "notes": list(self.notes),
        }
