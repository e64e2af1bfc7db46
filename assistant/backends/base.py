"""The answer-backend interface and the prompt every generative backend sends."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.prompts import render_prompt
from assistant.safety import looks_like_injection
from assistant.text import split_sentences, where_parts
from assistant.types import Passage

NOT_COVERED = "NOT_COVERED"  # the fixed sentinel a model returns instead of improvising a refusal


# Room for a reply when the caller names none: a cited answer of the default length (about 120
# words, ~160 tokens) with its markers, twice over; the quiz asks for more (quiz/llm.py ITEM_TOKENS).
CHAT_MAX_TOKENS = 400


@dataclass(frozen=True)
class ChatRequest:
    """One chat completion asked of a backend: see AnswerBackend.chat."""

    messages: list[dict[str, str]]
    seed: int | None = None
    max_tokens: int = CHAT_MAX_TOKENS
    json: bool = False


class AnswerBackend:
    """What the answer chain and the quiz need from a backend. `generative`: it runs a model
    (its answers are verified, and it can `chat`); the extractive backend only quotes.
    A backend defines `name`, `generative`, `from_settings`, `compose` and `complete`."""

    name: str
    generative: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> AnswerBackend:
        """The backend as Settings configure it (server address, model, answer length)."""
        raise NotImplementedError

    def compose(self, question: str, passages: list[Passage]) -> str:
        """An answer whose sentences end with [n] markers, n = 1-based index into passages."""
        raise NotImplementedError

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        seed: int | None = None,
        max_tokens: int = CHAT_MAX_TOKENS,
        json: bool = False,
    ) -> str:
        """One completion of a chat. `json`: the reply should be one JSON object (the quiz).
        Raises BackendUnavailable when the model cannot be reached or there is none."""
        return self.complete(ChatRequest(messages, seed, max_tokens, json))

    def complete(self, request: ChatRequest) -> str:
        """chat() as the backend does it."""
        raise NotImplementedError


class ModelBackend(AnswerBackend):
    """A backend that runs a model: configured by Settings alone, and answering by sending the
    answer prompt (chat_messages) to its model."""

    generative = True

    def __init__(self, settings: Settings):
        self.max_words = settings.answer_words

    @classmethod
    def from_settings(cls, settings: Settings) -> ModelBackend:
        return cls(settings)

    def compose(self, question: str, passages: list[Passage]) -> str:
        return self.chat(chat_messages(question, passages, self.max_words))


class ServerBackend(ModelBackend):
    """A model behind a chat server (local by design): its address, its model, how long to wait,
    and how messages name it (`server`, 'the Ollama server')."""

    server: str

    def __init__(self, settings: Settings, url: str, model: str):
        super().__init__(settings)
        self.url = url.rstrip("/")
        self.model = model
        self.timeout = settings.llm_timeout_s

    def post(self, path: str, body: dict, *, reply, headers=None) -> str:
        """POST a JSON chat request to the server's `path` and return `reply(the JSON answer)`. A
        server that cannot be reached, refuses, or answers in another shape is BackendUnavailable
        naming it. Proxies from the environment are never used: the server is local by design."""
        import httpx

        try:
            response = httpx.post(
                f"{self.url}{path}",
                json=body,
                headers=headers,
                timeout=self.timeout,
                trust_env=False,
            )
            response.raise_for_status()
            return reply(response.json()) or ""
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise BackendUnavailable(f"{self.server} at {self.url} did not answer ({exc})") from exc


def without_instructions(text: str) -> str:
    """The text with any instruction-like sentence removed, so planted text is not obeyed."""
    return " ".join(s for s in split_sentences(text) if not looks_like_injection(s))


def passages_for_prompt(passages: list[Passage]) -> str:
    """Numbered passages with any instruction-like sentence removed, so planted text is not obeyed."""
    blocks = []
    for n, passage in enumerate(passages, start=1):
        c = passage.chunk
        text = without_instructions(c.text)
        place = where_parts(
            {"section": c.section, "paragraph": c.paragraph}
        )  # no page: no use to it
        where = ", ".join(x for x in (c.title, c.edition, *place) if x)
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
