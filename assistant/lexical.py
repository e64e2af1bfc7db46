"""The lexical (BM25) index kept in step with the vector store, so that acronyms and numbers
('S47', 'LADO', '3.14') are found as well as paraphrases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

TOKEN = re.compile(r"\d+(?:\.\d+)+|[a-z0-9]+(?:['’][a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves""".split()
)


def tokenize(text: str) -> list[str]:
    tokens = []
    for token in TOKEN.findall(text.lower().replace("’", "'")):
        token = token.replace("'s", "").replace("'", "")
        if token and token not in STOPWORDS:
            tokens.append(_light_stem(token))
    return tokens


def _light_stem(token: str) -> str:
    """Plural folding only: 'children' and 'enquiries' still match their singulars."""
    if token in ("children", "child's"):
        return "child"
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


class LexicalIndex:
    def __init__(self, ids: list[str], retriever=None, vocab: frozenset[str] = frozenset()):
        self.ids = ids
        self._retriever = retriever
        self._vocab = vocab

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        import bm25s

        if not ids:
            return cls([])
        corpus = [tokenize(t) or ["_empty_"] for t in texts]
        retriever = bm25s.BM25()
        retriever.index(corpus, show_progress=False)
        vocab = frozenset(tok for doc in corpus for tok in doc)
        return cls(list(ids), retriever, vocab)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ids.json").write_text(json.dumps(self.ids))
        if self._retriever is not None:
            self._retriever.save(str(folder / "bm25"), show_progress=False)
            (folder / "vocab.json").write_text(json.dumps(sorted(self._vocab)))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        ids = json.loads((folder / "ids.json").read_text())
        if not ids:
            return cls([])
        retriever = bm25s.BM25.load(str(folder / "bm25"))
        vocab = frozenset(json.loads((folder / "vocab.json").read_text()))
        return cls(ids, retriever, vocab)

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

    def __len__(self) -> int:
        return len(self.ids)
