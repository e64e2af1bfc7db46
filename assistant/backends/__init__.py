"""Answer backends behind one interface, chosen by name from Settings (`get_backend`).

Each module imports its heavy or optional dependency inside the backend, so a missing extra fails
with the name of the pip extra to install, and importing this package costs nothing.
"""

from __future__ import annotations

from assistant.backends.base import AnswerBackend
from assistant.config import Settings

BACKENDS = ("extractive", "llamacpp", "ollama", "openai", "fake")


def get_backend(settings: Settings, name: str | None = None) -> AnswerBackend:
    name = (name or settings.backend).lower()
    if name == "extractive":
        from assistant.backends.extractive import ExtractiveBackend

        return ExtractiveBackend(settings.answer_words)
    if name == "openai":
        from assistant.backends.openai_compat import OpenAICompatibleBackend

        return OpenAICompatibleBackend(settings)
    if name == "ollama":
        from assistant.backends.ollama import OllamaBackend

        return OllamaBackend(settings)
    if name == "llamacpp":
        from assistant.backends.llamacpp import LlamaCppBackend

        return LlamaCppBackend(settings)
    if name == "fake":
        from assistant.backends.fake import FakeGenerativeBackend

        return FakeGenerativeBackend()
    raise ValueError(f"unknown backend '{name}' (choose from: {', '.join(BACKENDS)})")


__all__ = ["AnswerBackend", "BACKENDS", "get_backend"]
