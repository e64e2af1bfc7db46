"""A local Ollama server (/api/chat, non-streaming)."""

from __future__ import annotations

from assistant.backends.base import ChatRequest, ServerBackend
from assistant.config import Settings


class OllamaBackend(ServerBackend):
    name = "ollama"
    server = "the Ollama server"

    def __init__(self, settings: Settings):
        super().__init__(settings, settings.ollama_url, settings.ollama_model)

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
        return self.post("/api/chat", body, reply=lambda answer: answer["message"]["content"])
