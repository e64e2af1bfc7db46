"""Any OpenAI-compatible chat-completions server (vLLM, llama.cpp server, LM Studio, OpenAI...)."""

from __future__ import annotations

from assistant.backends.base import ChatRequest, ModelBackend, post_for_reply
from assistant.config import Settings


class OpenAICompatibleBackend(ModelBackend):
    name = "openai"

    def __init__(self, settings: Settings):
        super().__init__(settings)
        self.base_url = settings.openai_base_url.rstrip("/")
        self.model = settings.openai_model
        self.api_key = settings.openai_api_key
        self.timeout = settings.llm_timeout_s

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
        return post_for_reply(
            f"{self.base_url}/chat/completions",
            body,
            server=f"the OpenAI-compatible server at {self.base_url}",
            timeout=self.timeout,
            reply=lambda answer: answer["choices"][0]["message"]["content"],
            headers=headers,
        )
