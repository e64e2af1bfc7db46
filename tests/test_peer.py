"""The hybrid recipe's pieces, checked on hand-made cases: BM25Okapi as rank_bm25 scores it, and
EnsembleRetriever's weighted reciprocal rank fusion keyed by chunk id (not by text)."""

import math

from langchain_core.documents import Document

from evals.metrics import page_at_k
from evals.peer import BM25Okapi, weighted_reciprocal_rank, word_tokens


def test_word_tokens_lowercase_and_split_on_word_characters():
    assert word_tokens("The LADO's S47 (ICPC)!") == ["the", "lado", "s", "s47", "icpc"]


def test_bm25okapi_scores_as_rank_bm25_does():
    corpus = [["a", "b", "a"], ["b", "c"], ["c", "d"], ["e"]]
    bm25 = BM25Okapi(corpus)
    n, avgdl, k1, b = 4, 2.0, 1.5, 0.75
    idf_a = math.log(n - 1 + 0.5) - math.log(1 + 0.5)
    expected = idf_a * 2 * (k1 + 1) / (2 + k1 * (1 - b + b * 3 / avgdl))
    assert math.isclose(bm25.scores(["a"])[0], expected)
    assert bm25.top_n(["c", "d"], 1) == [2]
    # every occurrence of a query word counts, as in rank_bm25
    assert math.isclose(bm25.scores(["a", "a"])[0], 2 * expected)


def test_fusion_is_keyed_by_chunk_id_so_identical_texts_stay_apart():
    same = "Identical text in two editions."
    first = Document(page_content=same, metadata={"chunk_id": "kcsie-2024#1"})
    second = Document(page_content=same, metadata={"chunk_id": "kcsie-2025#1"})
    other = Document(page_content="Other.", metadata={"chunk_id": "x#2"})
    fused = weighted_reciprocal_rank([[first, other], [other, second]], (0.5, 0.5))
    assert [d.metadata["chunk_id"] for d, _ in fused] == ["x#2", "kcsie-2024#1", "kcsie-2025#1"]
    assert math.isclose(fused[0][1], 0.5 / 62 + 0.5 / 61)


def test_page_at_k_credits_the_right_page_in_the_top_k():
    gold = {("wt.pdf", 40)}
    assert page_at_k([("a.pdf", 1), ("wt.pdf", 40)], gold, 5) == 1.0
    assert page_at_k([("wt.pdf", 41)] * 5 + [("wt.pdf", 40)], gold, 5) == 0.0
