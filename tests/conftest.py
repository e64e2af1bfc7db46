"""Shared fixtures. Unit tests use the fake embedder and tiny fixtures; integration tests build one
real index of the bundled seeds (real model, real Chroma) per session. Tests that need
../shared/corpus skip cleanly when it is absent."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.types import CHUNK_METADATA_FIELDS, Answer, Chunk, Citation, Notice, Passage

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS_DIR = REPO / "guidance_docs" / "reviews"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


def needs_corpus():
    return pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")


@pytest.fixture
def fake_settings(tmp_path):
    from assistant.config import Settings

    return Settings(
        store=tmp_path / "store", embedder="fake", documents_dir=tmp_path / "no-documents"
    )


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory):
    """A real index of the five bundled seed texts (built once per test session)."""
    from assistant.config import Settings
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("seeds")
    settings = Settings(store=root / "store", documents_dir=root / "no-documents")
    report = ingest([SEEDS_DIR], settings)
    assert report.documents == 5, report.to_dict()
    return settings


INFO_SHARING_BUNDLED = REPO / "guidance_docs" / "national" / "information-sharing-advice-2024.pdf"


@pytest.fixture(scope="session")
def guidance_settings(tmp_path_factory):
    """The seeds plus one bundled national guidance document (information sharing advice, 28
    pages): the smallest real index a quiz can test practice from (the seeds are commentary)."""
    from assistant.config import Settings
    from ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("guidance")
    settings = Settings(store=root / "store", documents_dir=root / "no-documents")
    report = ingest([SEEDS_DIR, INFO_SHARING_BUNDLED], settings)
    assert report.documents == 6, report.to_dict()
    return settings


@pytest.fixture(scope="session")
def guidance_service(guidance_settings):
    from assistant.answer import AnswerService

    service = AnswerService(guidance_settings)
    service.warm_up()
    return service


@pytest.fixture(scope="session")
def seed_service(seed_settings):
    from assistant.answer import AnswerService

    service = AnswerService(seed_settings)
    service.warm_up()
    return service


def run_cli(*args: str, env: dict | None = None, timeout: float = 600, cwd: Path | None = None):
    """Run `joinedup` in a fresh process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        cwd=cwd or REPO,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_app(app, **options) -> str:
    """Start a Gradio app on a free loopback port without blocking the test; its URL. `options`:
    more of Gradio's launch() arguments (css, show_error)."""
    port = free_port()
    app.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        ssr_mode=False,
        quiet=True,
        **options,
    )
    return f"http://127.0.0.1:{port}/"


def make_chunk(cid: str, text: str, **meta):
    """A Chunk with plain metadata (a current statutory guidance passage); `meta` overrides it."""
    from assistant.types import Chunk

    fields = dict(
        doc_id="d",
        title="t",
        edition="2023",
        publisher="p",
        jurisdiction="England",
        kind="statutory guidance",
        status="current",
        superseded_by="",
        section="",
        paragraph="",
        page=1,
        source="s",
        url="",
        content_sha256="x",
        chunk_index=0,
    )
    fields.update(meta)
    return Chunk(id=cid, text=text, **fields)


def answer_dict(question: str, answer: str = "Partners must act. [1]") -> dict:
    """An answer as Answer.to_dict() gives it, citing one passage (feedback and transcripts)."""
    return {
        "question": question,
        "answer": answer,
        "refused": False,
        "backend": "extractive",
        "citations": [
            {
                "n": 1,
                "doc_id": "d",
                "title": "T",
                "edition": "2023",
                "section": "",
                "paragraph": "3",
                "page": 4,
                "text": "x",
            }
        ],
    }


def citation(n: int = 1, duty=None, supporting=(), unverified=False, **chunk_fields) -> Citation:
    """A Citation of a hand-made chunk: the chunk's fields by name, the rest empty."""
    fields = {name: "" for name in ("text", *CHUNK_METADATA_FIELDS)}
    fields |= {"page": None, "chunk_index": 0}
    chunk = Chunk(id=f"c{n}", **(fields | chunk_fields))
    return Citation(n, Passage(chunk, score=1.0), duty, tuple(supporting), unverified)


def answer(text: str = "", citations=(), notices=(), **fields) -> Answer:
    """An Answer as the chain returns it, for rendering; notices as (kind, text) pairs."""
    fields = {"question": "", "refused": False} | fields
    return Answer(
        text=text,
        citations=list(citations),
        notices=[Notice(kind, said) for kind, said in notices],
        **fields,
    )
