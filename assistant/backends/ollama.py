"""A local Ollama server (/api/chat, non-streaming)."""

from __future__ import annotations

from assistant.backends.base import chat_messages
from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.types import Passage


class OllamaBackend:
    name = "ollama"
    generative = True

    def __init__(self, settings: Settings):
        self.url = settings.ollama_url.rstrip("/")
        self.model = settings.ollama_model
        self.timeout = settings.llm_timeout_s
        self.max_words = settings.answer_words

    @classmethod
    def from_settings(cls, settings: Settings) -> OllamaBackend:
        return cls(settings)

    def compose(self, question: str, passages: list[Passage]) -> str:
        return self.chat(chat_messages(question, passages, self.max_words))

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        seed: int | None = None,
        max_tokens: int = 400,
        json: bool = False,
    ) -> str:
        """One non-streaming chat completion (the quiz asks for JSON with a fixed seed)."""
        import httpx

        options = {
            "temperature": 0,
            "num_predict": max_tokens,
            **({"seed": seed} if seed is not None else {}),
        }
        body = {
            "model": self.model,
            "messages": messages,
            "stream": False,
            "options": options,
            **({"format": "json"} if json else {}),
        }
        try:
            response = httpx.post(
                f"{self.url}/api/chat", json=body, timeout=self.timeout, trust_env=False
            )
            response.raise_for_status()
            return response.json()["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            raise BackendUnavailable(
                f"the Ollama server at {self.url} did not answer ({exc})"
            ) from exc
