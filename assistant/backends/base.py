"""The answer-backend interface and the prompt every generative backend sends."""

from __future__ import annotations

from typing import Protocol

from assistant.config import Settings
from assistant.prompts import render_prompt
from assistant.safety import looks_like_injection
from assistant.text import split_sentences
from assistant.types import Passage

NOT_COVERED = "NOT_COVERED"  # the fixed sentinel a model returns instead of improvising a refusal


class AnswerBackend(Protocol):
    """What the answer chain and the quiz need from a backend. `generative`: it runs a model
    (its answers are verified, and it can `chat`); the extractive backend only quotes."""

    name: str
    generative: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> AnswerBackend:
        """The backend as Settings configure it (server address, model, answer length)."""

    def compose(self, question: str, passages: list[Passage]) -> str:
        """An answer whose sentences end with [n] markers, n = 1-based index into passages."""

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        seed: int | None = None,
        max_tokens: int = 400,
        json: bool = False,
    ) -> str:
        """One completion of a chat. `json`: the reply should be one JSON object (the quiz).
        Raises BackendUnavailable when the model cannot be reached or there is none."""


def without_instructions(text: str) -> str:
    """The text with any instruction-like sentence removed, so planted text is not obeyed."""
    return " ".join(s for s in split_sentences(text) if not looks_like_injection(s))


def passages_for_prompt(passages: list[Passage]) -> str:
    """Numbered passages with any instruction-like sentence removed, so planted text is not obeyed."""
    blocks = []
    for n, passage in enumerate(passages, start=1):
        c = passage.chunk
        text = without_instructions(c.text)
        where = ", ".join(
            x
            for x in (c.title, c.edition, c.section, f"para {c.paragraph}" if c.paragraph else "")
            if x
        )
        blocks.append(f"[{n}] ({where})\n{text}")
    return "\n\n".join(blocks)


def chat_messages(question: str, passages: list[Passage], max_words: int) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": render_prompt("system", max_words=max_words)},
        {
            "role": "user",
            "content": render_prompt(
                "answer", passages=passages_for_prompt(passages), question=question
            ),
        },
    ]
