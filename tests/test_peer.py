"""The hybrid recipe is LangChain's own classes, set up as the issue describes: BM25Retriever on
lower-cased word tokens, EnsembleRetriever fusing by chunk id (not by text, which repeats between
KCSIE editions)."""

import warnings

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from evals.metrics import page_at_k
from evals.peer import CHUNK_ID, word_tokens

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever


class Fixed(BaseRetriever):
    docs: list[Document]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun):
        return self.docs


def doc(text: str, chunk_id: str) -> Document:
    return Document(page_content=text, metadata={CHUNK_ID: chunk_id})


def test_word_tokens_lowercase_and_split_on_word_characters():
    assert word_tokens("The LADO's S47 (ICPC)!") == ["the", "lado", "s", "s47", "icpc"]


def test_bm25_on_word_tokens_matches_a_question_whatever_its_case_and_punctuation():
    docs = [doc("Refer to the LADO within one working day.", "a#0")] + [
        doc(f"Other text {n}.", f"b#{n}") for n in range(4)
    ]  # enough documents for BM25's idf to reward a rare word
    bm25 = BM25Retriever.from_documents(docs, preprocess_func=word_tokens, k=1)
    assert bm25.invoke("who tells the lado?")[0].metadata[CHUNK_ID] == "a#0"
    default = BM25Retriever.from_documents(docs, k=1)  # str.split: "lado?" is not "LADO"
    assert default.vectorizer.get_scores("lado?".split()).max() == 0


def test_fusion_is_keyed_by_chunk_id_so_identical_texts_stay_apart():
    same = "Identical text in two editions."
    first, second, other = (
        doc(same, "kcsie-2024#1"),
        doc(same, "kcsie-2025#1"),
        doc("Other.", "x#2"),
    )
    ensemble = EnsembleRetriever(
        retrievers=[Fixed(docs=[first, other]), Fixed(docs=[other, second])],
        weights=[0.5, 0.5],
        id_key=CHUNK_ID,
    )
    fused = ensemble.invoke("anything")
    assert [d.metadata[CHUNK_ID] for d in fused] == ["x#2", "kcsie-2024#1", "kcsie-2025#1"]
    by_text = EnsembleRetriever(
        retrievers=[Fixed(docs=[first, other]), Fixed(docs=[other, second])], weights=[0.5, 0.5]
    )
    assert len(by_text.invoke("anything")) == 2  # the default key merges the two editions


def test_page_at_k_credits_the_right_page_in_the_top_k():
    gold = {("wt.pdf", 40)}
    assert page_at_k([("a.pdf", 1), ("wt.pdf", 40)], gold, 5) == 1.0
    assert page_at_k([("wt.pdf", 41)] * 5 + [("wt.pdf", 40)], gold, 5) == 0.0
