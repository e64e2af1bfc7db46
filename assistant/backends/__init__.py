"""Answer backends behind one interface (`AnswerBackend`), registered by name in BACKENDS.

Adding a backend: a subclass of `AnswerBackend` (or of `ModelBackend`, for one that runs a model;
of `ServerBackend`, for a model behind a chat server) with `name`, `generative`, `from_settings`,
`compose` and `complete` (what `chat` does) in a module here, and one line in BACKENDS. Each
module imports its heavy or optional dependency inside the backend, so a missing extra fails with
the name of the pip extra to install, and importing this package costs nothing.
"""

from __future__ import annotations

from assistant.backends.base import AnswerBackend
from assistant.backends.extractive import ExtractiveBackend
from assistant.backends.fake import FakeGenerativeBackend
from assistant.backends.llamacpp import LlamaCppBackend
from assistant.backends.ollama import OllamaBackend
from assistant.backends.openai_compat import OpenAICompatibleBackend
from assistant.config import Settings
from assistant.errors import UnknownBackend

BACKENDS: dict[str, type[AnswerBackend]] = {
    "extractive": ExtractiveBackend,
    "llamacpp": LlamaCppBackend,
    "ollama": OllamaBackend,
    "openai": OpenAICompatibleBackend,
    "fake": FakeGenerativeBackend,  # for tests: a generative backend with no model
}


def backend_class(name: str) -> type[AnswerBackend]:
    try:
        return BACKENDS[name.lower()]
    except KeyError:
        raise UnknownBackend(
            f"unknown backend '{name}': choose from {', '.join(BACKENDS)}"
        ) from None


def get_backend(settings: Settings, name: str | None = None) -> AnswerBackend:
    return backend_class(name or settings.backend).from_settings(settings)


__all__ = ["AnswerBackend", "BACKENDS", "backend_class", "get_backend"]
