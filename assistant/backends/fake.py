"""A fake generative backend for tests: one supported sentence, one citing a passage that does not
exist, and one with no support, so verification has something to drop."""

from __future__ import annotations

from assistant.sentences import split_sentences
from assistant.types import Passage


class FakeGenerativeBackend:
    name = "fake"
    generative = True

    def __init__(self, reply: str | None = None):
        self.reply = reply

    def compose(self, question: str, passages: list[Passage]) -> str:
        if self.reply is not None:
            return self.reply
        first = max(split_sentences(passages[0].chunk.text), key=len) if passages else "Nothing."
        return (
            f"{first} [1] Every council must open a dragon sanctuary [{len(passages) + 5}]. "
            f"Unicorns are statutory partners [1]."
        )
