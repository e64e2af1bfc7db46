"""Any OpenAI-compatible chat-completions server (vLLM, llama.cpp server, LM Studio, OpenAI...)."""

from __future__ import annotations

from assistant.backends.base import chat_messages
from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.types import Passage


class OpenAICompatibleBackend:
    name = "openai"
    generative = True

    def __init__(self, settings: Settings):
        self.base_url = settings.openai_base_url.rstrip("/")
        self.model = settings.openai_model
        self.api_key = settings.openai_api_key
        self.timeout = settings.llm_timeout_s
        self.max_words = settings.answer_words

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAICompatibleBackend:
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
        """One chat completion (the quiz asks for a fixed seed and room for a whole item). `json`
        is left to the prompt: servers differ on `response_format`, and some reject it."""
        import httpx

        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "max_tokens": max_tokens,
            **({"seed": seed} if seed is not None else {}),
        }
        try:
            response = httpx.post(
                f"{self.base_url}/chat/completions",
                json=body,
                headers=headers,
                timeout=self.timeout,
                trust_env=False,
            )
            response.raise_for_status()
            return response.json()["choices"][0]["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
            raise BackendUnavailable(
                f"the OpenAI-compatible server at {self.base_url} did not answer ({exc})"
            ) from exc
