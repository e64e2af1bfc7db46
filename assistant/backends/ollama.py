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

    def compose(self, question: str, passages: list[Passage]) -> str:
        import httpx

        body = {
            "model": self.model,
            "messages": chat_messages(question, passages, self.max_words),
            "stream": False,
            "options": {"temperature": 0},
        }
        try:
            response = httpx.post(f"{self.url}/api/chat", json=body, timeout=self.timeout, trust_env=False)
            response.raise_for_status()
            return response.json()["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            raise BackendUnavailable(f"the Ollama server at {self.url} did not answer ({exc})") from exc
