"""Any OpenAI-compatible chat-completions server (vLLM, llama.cpp server, LM Studio, OpenAI...)."""

from __future__ import annotations

from assistant.backends.base import ChatRequest, ServerBackend
from assistant.config import Settings


class OpenAICompatibleBackend(ServerBackend):
    name = "openai"
    server = "the OpenAI-compatible server"

    def __init__(self, settings: Settings):
        super().__init__(settings, settings.openai_base_url, settings.openai_model)
        self.api_key = settings.openai_api_key

    def complete(self, request: ChatRequest) -> str:
        """One chat completion (the quiz asks for a fixed seed and room for a whole item). `json`
        is left to the prompt: servers differ on `response_format`, and some reject it."""
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {
            "model": self.model,
            "messages": request.messages,
            "temperature": 0,
            "max_tokens": request.max_tokens,
            **({"seed": request.seed} if request.seed is not None else {}),
        }
        return self.post(
            "/chat/completions",
            body,
            reply=lambda answer: answer["choices"][0]["message"]["content"],
            headers=headers,
        )
