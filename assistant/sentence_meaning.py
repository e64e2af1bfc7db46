"""How close in meaning each candidate answer sentence is to the question (all-MiniLM-L6-v2).

A sentence's vector is read from those the index stored at ingest (assistant/sentence_vectors.py);
one not stored there (an index built before they were, or a synthetic one) is embedded, with the
other missing ones in one batch, and kept per text (least-recently-used), so a passage retrieved
again costs nothing."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from assistant.sentence_vectors import SentenceVectors

CACHE_SIZE = 8192


class SentenceMeaning:
    def __init__(
        self,
        embedder,
        stored: Callable[[], SentenceVectors] | None = None,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        """`stored`: the live index's sentence vectors (asked each time: the index can change)."""
        self._embedder = embedder
        self._stored = stored
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()

    def similarities(self, question: str, sentences: list[str]) -> list[float]:
        """Cosine similarity of each sentence to the question."""
        if not sentences:
            return []
        q = self._embedder.encode_question(question)
        vectors = self._vectors(sentences)
        return [float(x) for x in np.asarray(vectors) @ q]

    def similarities_together(self, question: str, pairs: list[tuple[str, str]]) -> list[float]:
        """Cosine similarity to the question of each pair of sentences read as one: the mean of
        their two vectors, so a sentence leaning on the one before it ('This will be either the
        headteacher …') is judged with what it stands for, from stored vectors."""
        if not pairs:
            return []
        q = self._embedder.encode_question(question)
        vectors = self._vectors([text for pair in pairs for text in pair])
        out = []
        for i in range(len(pairs)):
            joined = np.asarray(vectors[2 * i], dtype=np.float32) + np.asarray(
                vectors[2 * i + 1], dtype=np.float32
            )
            norm = float(np.linalg.norm(joined)) or 1.0
            out.append(float(joined @ q) / norm)
        return out

    def _vectors(self, sentences: list[str]) -> list[np.ndarray]:
        stored = self._stored() if self._stored is not None else SentenceVectors()
        found: dict[str, np.ndarray] = {}
        for s in sentences:
            vector = stored.get(s)
            if vector is not None:
                found[s] = vector
        with self._lock:
            for s in sentences:
                if s not in found and s in self._cache:
                    self._cache.move_to_end(s)
                    found[s] = self._cache[s]
        missing = list(dict.fromkeys(s for s in sentences if s not in found))
        if missing:
            embedded = self._embedder.encode(missing, batch_size=len(missing))
            found.update(zip(missing, embedded, strict=True))
            with self._lock:
                for text, vector in zip(missing, embedded, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return [found[s] for s in sentences]
