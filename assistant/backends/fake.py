"""A fake generative backend for tests: one supported sentence, one citing a passage that does not
exist, and one with no support, so verification has something to drop."""

from __future__ import annotations

from assistant.backends.base import AnswerBackend, ChatRequest
from assistant.config import Settings
from assistant.text import split_sentences
from assistant.types import Passage


class FakeGenerativeBackend(AnswerBackend):
    name = "fake"
    generative = True

    def __init__(self, reply: str | None = None):
        self.reply = reply

    @classmethod
    def from_settings(cls, settings: Settings) -> FakeGenerativeBackend:
        return cls()

    def complete(self, request: ChatRequest) -> str:
        """The quiz-writing stand-in (wrong first, fair on the retry)."""
        from assistant.quiz.fake_model import FakeQuizModel

        return FakeQuizModel().chat(request.messages)

    def compose(self, question: str, passages: list[Passage]) -> str:
        if self.reply is not None:
            return self.reply
        first = max(split_sentences(passages[0].chunk.text), key=len) if passages else "Nothing."
        return (
            f"{first} [1] Every council must open a dragon sanctuary [{len(passages) + 5}]. "
            f"Unicorns are statutory partners [1]."
        )
