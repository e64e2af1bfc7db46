"""The answer-backend interface and the prompt every generative backend sends."""

from __future__ import annotations

from typing import Protocol

from assistant.prompts import render_prompt
from assistant.safety import looks_like_injection
from assistant.sentences import split_sentences
from assistant.types import Passage

NOT_COVERED = "NOT_COVERED"  # the fixed sentinel a model returns instead of improvising a refusal


class AnswerBackend(Protocol):
    name: str
    generative: bool

    def compose(self, question: str, passages: list[Passage]) -> str:
        """An answer whose sentences end with [n] markers, n = 1-based index into passages."""


def without_instructions(text: str) -> str:
    """The text with any instruction-like sentence removed, so planted text is not obeyed."""
    return " ".join(s for s in split_sentences(text) if not looks_like_injection(s))


def passages_for_prompt(passages: list[Passage]) -> str:
    """Numbered passages with any instruction-like sentence removed, so planted text is not obeyed."""
    blocks = []
    for n, passage in enumerate(passages, start=1):
        c = passage.chunk
        text = without_instructions(c.text)
        where = ", ".join(x for x in (c.title, c.edition, c.section, f"para {c.paragraph}" if c.paragraph else "") if x)
        blocks.append(f"[{n}] ({where})\n{text}")
    return "\n\n".join(blocks)


def chat_messages(question: str, passages: list[Passage], max_words: int) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": render_prompt("system", max_words=max_words)},
        {"role": "user", "content": render_prompt("answer", passages=passages_for_prompt(passages), question=question)},
    ]
