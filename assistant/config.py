"""The one Settings object. Only this module reads the environment (JOINEDUP_* variables)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_DOCS = PROJECT_ROOT / "guidance_docs"


class Settings(BaseSettings):
    """Every knob of Joined Up, with defaults that work out of the box."""

    model_config = SettingsConfigDict(env_prefix="JOINEDUP_", extra="ignore")

    # Where things live
    store: Path = Field(Path(".joinedup/store"), description="Index folder (Chroma + BM25).")
    documents_dir: Path = Field(
        Path(".joinedup/documents"), description="Where `fetch` puts official documents."
    )
    guidance_dir: Path = Field(BUNDLED_DOCS, description="Bundled guidance_docs/ folder.")
    catalogue: Path = Field(BUNDLED_DOCS / "sources.yaml", description="Document catalogue.")

    # Embedding and chunking
    embedder: str = Field("minilm", description="'minilm' (real, offline) or 'fake' (tests).")
    embed_batch_size: int = Field(
        16, description="Small batches pad less: measured fastest on CPU."
    )
    question_encoder: Literal["onnx", "torch"] = Field(
        "onnx",
        description="'onnx' (questions in ~10 ms, exported once from the same model) or 'torch'.",
    )
    model_cache: Path = Field(
        Path(".joinedup/models"), description="Where the ONNX copy of the model is kept."
    )
    chunk_target_tokens: int = Field(160, description="cl100k tokens a chunk aims for.")
    chunk_max_tokens: int = Field(200, description="cl100k tokens a chunk never exceeds.")
    collection: str = "guidance"

    progress_interval_s: float = Field(
        10.0,
        description="When stderr is not a terminal, ingest writes a progress line this often (seconds).",
    )

    # What ingest will read: a file over a limit is skipped with the reason. The defaults let every
    # real document through (the largest corpus PDF: ~3.5 MB, 185 pages, ~0.6 M characters).
    max_file_bytes: int = Field(
        64 * 1024 * 1024, description="Bytes per file, and per part unpacked from a DOCX."
    )
    max_document_chars: int = Field(
        5_000_000, description="Characters of text extracted from one document."
    )
    max_document_paragraphs: int = Field(
        200_000, description="Paragraphs in one DOCX or HTML document."
    )
    max_pdf_pages: int = Field(3_000, description="Pages in one PDF.")

    # Retrieval and answering
    k: int = Field(6, description="Passages given to the answer backend.")
    candidates: int = Field(40, description="Candidates each retriever contributes to fusion.")
    backend: str = Field("extractive", description="extractive | llamacpp | ollama | openai | fake")
    answer_words: int = 120
    # Each candidate sentence's vector is read from those stored at ingest (sentence_vectors.py):
    # embedding a dozen sentences per answer instead took ask's p95 from 63 ms to 588 ms on the
    # seeds index (2026-11-28). Off: no sentence vectors at ingest, and answers score words only.
    sentence_meaning: bool = Field(
        True,
        description="Score answer sentences by meaning (MiniLM) as well as words; ingest stores "
        "every sentence's vector for it.",
    )
    max_question_chars: int = 2000
    refusal_threshold: float = Field(
        0.45, description="Cosine similarity of the best passage above which we answer."
    )
    refusal_floor: float = Field(
        0.28, description="Below this similarity we never answer, whatever words match."
    )
    refusal_min_coverage: float = Field(
        0.7,
        description="Between floor and threshold: share of the question's rare words a passage must hold.",
    )

    # Generative backends (all optional)
    llamacpp_model_path: Path | None = None
    ollama_url: str = "http://127.0.0.1:11434"
    ollama_model: str = "llama3.2"
    openai_base_url: str = "http://127.0.0.1:8000/v1"
    openai_model: str = "gpt-4o-mini"
    openai_api_key: str | None = None
    llm_timeout_s: float = 60.0

    # Web app
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = Field(None, description="USER:PASS for basic auth on the web app.")
    feedback_db: Path = Path(".joinedup/feedback.sqlite3")
    queue_concurrency: int = Field(4, description="Questions the web app answers at once.")
    queue_max_size: int = Field(
        64, description="Questions waiting beyond that; more are turned away."
    )
    store_check_ms: int = Field(
        1000, description="How often (at most) a running app looks for a newer index generation."
    )
    web_sessions: int = Field(
        1000,
        description="Browser sessions (conversations) kept; beyond this the least recently used is forgotten.",
    )

    # Network for `fetch` only
    fetch_timeout_s: float = 30.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def apply_offline_environment() -> None:
    """Keep every library we use from reaching out: no hub downloads, no telemetry."""
    for name, value in {
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "TOKENIZERS_PARALLELISM": "false",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    }.items():
        os.environ.setdefault(name, value)
