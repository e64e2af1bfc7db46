"""The lexical (BM25) index kept in step with the vector store, so that acronyms and numbers
('S47', 'LADO', '3.14') are found as well as paraphrases."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

from assistant.text import STOPWORDS, token_set, tokenize

# Tokens, stop words and stems are assistant/text.py's; the names stay importable from here for
# modules written before it.
__all__ = ["STOPWORDS", "LexicalIndex", "token_set", "tokenize"]


class LexicalIndex:
    def __init__(self, ids: list[str], retriever=None, df: dict[str, int] | None = None):
        self.ids = ids
        self._retriever = retriever
        self._df = df or {}
        self._vocab = frozenset(self._df)

    @property
    def vocabulary_size(self) -> int:
        """How many distinct tokens the index's passages hold."""
        return len(self._vocab)

    def knows(self, token: str) -> bool:
        """Some passage of the index has this token."""
        return token in self._vocab

    def idf(self, token: str) -> float:
        """Inverse document frequency; a word the index has never seen weighs most."""
        n = max(1, len(self.ids))
        return math.log(1 + n / (1 + self._df.get(token, 0)))

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        import bm25s

        if not ids:
            return cls([])
        corpus = [tokenize(t) or ["_empty_"] for t in texts]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        df = Counter(tok for doc in corpus for tok in set(doc))
        return cls(list(ids), retriever, dict(df))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ids.json").write_text(json.dumps(self.ids))
        if self._retriever is not None:
            self._retriever.save(str(folder / "bm25"), show_progress=False)
            (folder / "df.json").write_text(json.dumps(self._df, sort_keys=True))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        ids = json.loads((folder / "ids.json").read_text())
        if not ids:
            return cls([])
        retriever = bm25s.BM25.load(str(folder / "bm25"))
        df = json.loads((folder / "df.json").read_text())
        return cls(ids, retriever, df)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        if self._retriever is None:
            return []
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens:
            return []
        k = min(k, len(self.ids))
        docs, scores = self._retriever.retrieve([tokens], k=k, show_progress=False)
        return [
            (self.ids[int(i)], float(s))
            for i, s in zip(np.asarray(docs)[0], np.asarray(scores)[0], strict=True)
            if s > 0
        ]

    def scores(self, query: str):
        """BM25 score of every indexed chunk for `query` (in `ids` order); None when no query word is
        in the index. Lets retrieval score a chunk together with its neighbours (small-to-big)."""
        if self._retriever is None:
            return None
        tokens = [
            t for t in tokenize(query) if t in self._vocab
        ]  # repeats weigh more, as in search()
        if not tokens:
            return None
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def __len__(self) -> int:
        return len(self.ids)
