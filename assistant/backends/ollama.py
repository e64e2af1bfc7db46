"""A local Ollama server (/api/chat, non-streaming)."""

from __future__ import annotations

from assistant.backends.base import ChatRequest, ModelBackend, post_for_reply
from assistant.config import Settings


class OllamaBackend(ModelBackend):
    name = "ollama"

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.url = settings.ollama_url.rstrip("/")
        self.model = settings.ollama_model
        self.timeout = settings.llm_timeout_s

    def complete(self, request: ChatRequest) -> str:
        """One non-streaming chat completion (the quiz asks for JSON with a fixed seed)."""
        options = {
            "temperature": 0,
            "num_predict": request.max_tokens,
            **({"seed": request.seed} if request.seed is not None else {}),
        }
        body = {
            "model": self.model,
            "messages": request.messages,
            "stream": False,
            "options": options,
            **({"format": "json"} if request.json else {}),
        }
        return post_for_reply(
            f"{self.url}/api/chat",
            body,
            server=f"the Ollama server at {self.url}",
            timeout=self.timeout,
            reply=lambda answer: answer["message"]["content"],
        )
