"""How the dense ranking meets a filter on an HNSW index (a stub reader stands in for Chroma):
Chroma's filtered query is the last resort, not the first, because at 100,000 chunks it took
150-290 ms against 5 ms for a deeper unfiltered search."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.retrieval import DENSE_WIDENING, Filters, Retriever
from assistant.types import Chunk
from tests.conftest import make_chunk


def _chunk(cid: str, doc_id: str, status: str = "current") -> Chunk:
    return make_chunk(cid, f"text of {cid}", doc_id=doc_id, status=status)


@dataclass
class StubReader:
    """Chunks ranked in a fixed order; records every search asked of it."""

    ranked: list[str]
    chunks: dict[str, Chunk]
    calls: list[tuple] = field(default_factory=list)
    exact_search: bool = False

    def dense_search(self, vector, k, where=None):
        self.calls.append(("dense", k, where))
        pool = self.ranked if where is None else [c for c in self.ranked if self._where(c, where)]
        return [(cid, 1.0 - i / 1000) for i, cid in enumerate(pool[:k])]

    def search_within(self, vector, doc_ids, k):
        self.calls.append(("within", tuple(sorted(doc_ids)), k))
        inside = [c for c in self.ranked if self.chunks[c].doc_id in doc_ids]
        return [(cid, 1.0 - i / 1000) for i, cid in enumerate(inside[:k])]

    def _where(self, cid, where):
        return self.chunks[cid].status != "superseded"


def _retriever(reader) -> Retriever:
    retriever = Retriever.__new__(Retriever)
    retriever.reader = reader
    return retriever


def _crowded(n: int) -> StubReader:
    """An old edition's copies first (superseded), then the current passages."""
    old = [f"old:{i}" for i in range(n * 3)]
    new = [f"new:{i}" for i in range(n * 2)]
    chunks = {c: _chunk(c, "kcsie-2024", "superseded") for c in old}
    chunks |= {c: _chunk(c, "kcsie-2025") for c in new}
    return StubReader(ranked=old + new, chunks=chunks)


def test_a_superseded_edition_crowding_the_first_hits_is_passed_by_a_deeper_search_not_a_filtered_query():
    n = 10
    reader = _crowded(n)
    hits = _retriever(reader)._dense(np.zeros(3), n, Filters())
    assert [cid for cid, _ in hits] == [f"new:{i}" for i in range(n)]
    assert [call[1] for call in reader.calls] == [n * 2, n * DENSE_WIDENING]
    assert all(call[2] is None for call in reader.calls)  # no metadata filter asked of Chroma


def test_the_filtered_query_still_runs_when_the_deeper_search_is_short_too():
    n = 10
    reader = _crowded(n)
    old = [f"old:{i}" for i in range(n * DENSE_WIDENING)]
    reader.ranked = old + reader.ranked[n * 3 :]
    reader.chunks |= {c: _chunk(c, "kcsie-2024", "superseded") for c in old}
    hits = _retriever(reader)._dense(np.zeros(3), n, Filters())
    assert [cid for cid, _ in hits] == [f"new:{i}" for i in range(n)]
    assert reader.calls[-1][2] is not None  # Chroma's filtered query, last


def test_a_document_filter_ranks_that_documents_passages_exactly():
    n = 10
    reader = _crowded(n)
    hits = _retriever(reader)._dense(np.zeros(3), n, Filters(doc_ids=("kcsie-2025",)))
    assert [cid for cid, _ in hits] == [f"new:{i}" for i in range(n)]
    assert reader.calls[-1][:2] == ("within", ("kcsie-2025",))
    assert all(call[0] != "dense" or call[2] is None for call in reader.calls)
