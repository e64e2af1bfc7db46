"""How close in meaning each candidate answer sentence is to the question (all-MiniLM-L6-v2).

Only the few sentences the word scoring put forward are embedded, in one batch; vectors are kept
per sentence text (least-recently-used), so a passage retrieved again costs nothing."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

CACHE_SIZE = 8192


class SentenceMeaning:
    def __init__(self, embedder, cache_size: int = CACHE_SIZE) -> None:
        self._embedder = embedder
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()

    def similarities(self, question: str, sentences: list[str]) -> list[float]:
        """Cosine similarity of each sentence to the question."""
        if not sentences:
            return []
        q = self._embedder.encode_question(question)
        with self._lock:
            missing = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        if missing:
            vectors = self._embedder.encode(missing, batch_size=len(missing))
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    self._cache[text] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        with self._lock:
            rows = []
            for s in sentences:
                vector = self._cache.get(s)
                if vector is None:  # evicted by a concurrent request: embed again
                    vector = self._embedder.encode([s])[0]
                else:
                    self._cache.move_to_end(s)
                rows.append(vector)
        return [float(x) for x in np.asarray(rows) @ q]
