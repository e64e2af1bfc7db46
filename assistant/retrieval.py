"""Hybrid retrieval: dense (Chroma, cosine) and lexical (BM25) candidates fused by reciprocal rank
fusion, filtered by metadata (jurisdiction, kind, status, document) and de-duplicated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.config import Settings
from assistant.lexical import token_set
from assistant.store import IndexReader
from assistant.types import Chunk, Passage

RRF_K = 60
SUPERSEDED_HINT = re.compile(
    r"\b(19|20)\d\d\b|\b(previous|earlier|older|old|superseded|former|last|past) (edition|version|guidance)s?\b|"
    r"\bwhat (has )?changed\b|\bhistory\b|\bused to\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Filters:
    jurisdiction: str | None = None  # "England" | "Wales" | None (both)
    kinds: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    include_superseded: bool = False

    def allows(self, chunk: Chunk) -> bool:
        if self.jurisdiction and not _jurisdiction_matches(chunk.jurisdiction, self.jurisdiction):
            return False
        if self.kinds and chunk.kind not in self.kinds:
            return False
        if self.doc_ids and chunk.doc_id not in self.doc_ids:
            return False
        return self.include_superseded or chunk.status != "superseded"

    def where(self) -> dict | None:
        """The same filter as a Chroma `where` clause (jurisdiction is matched after retrieval,
        because 'England and Wales' documents count for both)."""
        clauses = []
        if not self.include_superseded:
            clauses.append({"status": {"$ne": "superseded"}})
        if self.kinds:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _jurisdiction_matches(chunk_jurisdiction: str, wanted: str) -> bool:
    have = chunk_jurisdiction.lower()
    return wanted.lower() in have or have in ("uk", "united kingdom", "")


def wants_superseded(question: str) -> bool:
    return bool(SUPERSEDED_HINT.search(question))


class Retriever:
    def __init__(self, reader: IndexReader, embedder, settings: Settings):
        self.reader = reader
        self.embedder = embedder
        self.settings = settings

    def retrieve(self, query: str, k: int | None = None, filters: Filters | None = None,
                 named: frozenset[str] = frozenset()) -> list[Passage]:
        """Hybrid search. `named`: documents the question names ("KCSIE 2024"); their own best
        passages join the fusion as a third ranking, so the edition asked about comes first."""
        k = k or self.settings.k
        filters = filters or Filters()
        n = max(self.settings.candidates, k * 4)
        chunks = self.reader.chunks
        vector = self.embedder.encode_question(query)
        dense = self._dense(vector, n, filters)
        lexical = [(cid, score) for cid, score in self.reader.lexical.search(query, n * 3)
                   if cid in chunks and filters.allows(chunks[cid])][:n]
        similarity = dict(dense)
        missing = [cid for cid, _ in lexical if cid not in similarity]
        if missing:  # give lexical-only hits a real cosine too, for refusal and ranking
            similarity.update(self._cosines(vector, missing))
        rankings = [[c for c, _ in dense], [c for c, _ in lexical]]
        if named:
            in_named = [(cid, sim) for cid, sim in self.reader.search_within(vector, named, n * 2)
                         if cid in chunks and filters.allows(chunks[cid])][:n]
            similarity.update({cid: sim for cid, sim in in_named if cid not in similarity})
            rankings.append([c for c, _ in in_named])
        fused = reciprocal_rank_fusion(rankings)
        lex = dict(lexical)
        passages = [
            Passage(chunk=chunks[cid], score=score, similarity=similarity.get(cid, 0.0), lexical=lex.get(cid, 0.0))
            for cid, score in fused
        ]
        return deduplicate(passages, limit=k)

    def _dense(self, vector, n: int, filters: Filters) -> list[tuple[str, float]]:
        """Unfiltered HNSW search, filtered here: Chroma's metadata pre-filter costs ~12 ms a query
        (measured on 5,000 chunks) against ~1 ms without. Only when the filter leaves too few
        hits (a narrow document or kind filter) is the filtered query run."""
        chunks = self.reader.chunks
        hits = [(cid, sim) for cid, sim in self.reader.dense_search(vector, n * 2)
                if cid in chunks and filters.allows(chunks[cid])]
        if len(hits) >= n or len(hits) == len(chunks):
            return hits[:n]
        return [(cid, sim) for cid, sim in self.reader.dense_search(vector, n, filters.where())
                if cid in chunks and filters.allows(chunks[cid])]

    def _cosines(self, vector, ids: list[str]) -> dict[str, float]:
        import numpy as np

        return {cid: float(np.dot(vector, emb)) for cid, emb in self.reader.vectors(ids).items()}


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


def deduplicate(passages: list[Passage], threshold: float = 0.85, limit: int | None = None) -> list[Passage]:
    """Drop passages whose words mostly repeat a better-ranked one (e.g. two editions' same text)."""
    kept: list[Passage] = []
    kept_tokens: list[frozenset[str]] = []
    for passage in passages:
        if limit is not None and len(kept) >= limit:
            break
        tokens = token_set(passage.chunk.text)
        if any(_jaccard(tokens, other) >= threshold for other in kept_tokens):
            continue
        kept.append(passage)
        kept_tokens.append(tokens)
    return kept


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
