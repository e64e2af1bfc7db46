"""The ingest pipeline: discover files, skip unchanged ones, load -> clean -> chunk -> embed, and
write the index through IndexWriter (atomic swap, single writer). Bad files are reported and
skipped; they never stop the rest or touch the existing index."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.errors import JoinedUpError, UnreadableDocument
from assistant.store import IndexWriter
from assistant.types import Chunk
from ingest.catalogue import Catalogue, describe, file_sha256
from ingest.chunking import ChunkingOptions, chunk_document, split_oversized
from ingest.clean import clean_pdf_pages, clean_text_document
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedDocument, Page, load_document

IGNORED_NAMES = {"sources.yaml", "README.md", "SOURCES.md"}


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class IngestReport:
    documents: int = 0  # documents added or replaced in this run
    chunks: int = 0  # chunks embedded in this run
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0
    total_documents: int = 0
    total_chunks: int = 0

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "seconds": round(self.seconds, 3),
            "pages": self.pages,
            "total_documents": self.total_documents,
            "total_chunks": self.total_chunks,
        }

    @property
    def ok(self) -> bool:
        """Exit status: something was ingested, unchanged or removed, or there was nothing bad."""
        return bool(self.documents or self.unchanged or self.removed or not self.skipped)


@dataclass
class ParsedDocument:
    path: Path
    sha256: str
    doc_id: str
    chunks: list[Chunk]
    pages: int


# Bump when extraction, cleaning or chunking changes what a file turns into: documents indexed by
# an older pipeline are then re-read on the next ingest instead of being skipped as unchanged.
PIPELINE_VERSION = 3


def pipeline_version(settings: Settings) -> str:
    return f"{PIPELINE_VERSION}/{settings.chunk_target_tokens}/{settings.chunk_max_tokens}"


def default_paths(settings: Settings) -> list[Path]:
    paths = [settings.guidance_dir]
    if settings.documents_dir.exists():
        paths.append(settings.documents_dir)
    return paths


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_dir() or _ignored(child):
                    continue
                _add(child, files, skipped)
        elif path.exists() or path.is_symlink():
            _add(path, files, skipped)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    unique = list(dict.fromkeys(files))
    return unique, skipped


def _ignored(path: Path) -> bool:
    return (
        any(part.startswith(".") for part in path.parts[-1:])
        or path.name in IGNORED_NAMES
        or path.name.endswith((".meta.yaml", ".meta.yml"))
    )


def _add(path: Path, files: list[Path], skipped: list[Skipped]) -> None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        skipped.append(
            Skipped(str(path), f"unsupported file type '{path.suffix or '(none)'}' "
                    f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
        )
    else:
        files.append(path)


def parse_document(path: Path, sha256: str, catalogue: Catalogue, options: ChunkingOptions) -> ParsedDocument:
    loaded = load_document(path)
    pages = clean_pages(loaded)
    first_heading = next((ln.lstrip("# ").strip() for p in pages for ln in p.text.splitlines() if ln.strip()), "")
    info = describe(path, sha256, catalogue, loaded.title, loaded.author, loaded.created, first_heading)
    chunks = chunk_document(pages, info, path.name, loaded.outline, options)
    if not chunks:
        raise UnreadableDocument(str(path), "no text content after cleaning")
    return ParsedDocument(path, sha256, info.doc_id, chunks, len(loaded.pages))


def clean_pages(loaded: LoadedDocument) -> list[Page]:
    if loaded.format == "pdf":
        texts = clean_pdf_pages([p.text for p in loaded.pages])
        return [Page(p.number, t) for p, t in zip(loaded.pages, texts, strict=True)]
    return [Page(p.number, clean_text_document(p.text)) for p in loaded.pages]


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the passage with the tail of its heading path for context."""
    tail = " > ".join(chunk.section.split(" > ")[-2:]) if chunk.section else ""
    return f"{tail}\n{chunk.text}" if tail else chunk.text


def fit_to_window(chunks: list[Chunk], embedder) -> list[Chunk]:
    """Guarantee the embedder sees every word: split any chunk over the model's own window."""
    out: list[Chunk] = []
    for chunk in chunks:
        if embedder.token_count(embedding_text(chunk)) <= embedder.max_tokens:
            out.append(chunk)
            continue
        target = 120
        while True:
            pieces = split_oversized(chunk.text, target)
            if all(embedder.token_count(embedding_text(_with_text(chunk, p))) <= embedder.max_tokens for p in pieces) or target <= 20:
                break
            target = int(target * 0.7)
        out.extend(_with_text(chunk, p) for p in pieces)
    return _renumber(out)


def _with_text(chunk: Chunk, text: str) -> Chunk:
    import dataclasses
    import hashlib

    return dataclasses.replace(chunk, text=text, content_sha256=hashlib.sha256(text.encode()).hexdigest())


def _renumber(chunks: list[Chunk]) -> list[Chunk]:
    import dataclasses

    return [
        dataclasses.replace(c, chunk_index=i, id=f"{c.doc_id}:{i:05d}:{c.content_sha256[:12]}")
        for i, c in enumerate(chunks)
    ]


def _progress(total: int, desc: str, unit: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=not sys.stderr.isatty(), leave=False)


def ingest(
    paths: list[Path] | None,
    settings: Settings,
    prune: bool = False,
    embedder=None,
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    files, report.skipped = discover(paths or default_paths(settings))
    catalogue = Catalogue.load(settings.catalogue)
    options = ChunkingOptions(settings.chunk_target_tokens, settings.chunk_max_tokens)
    pipeline = pipeline_version(settings)

    with IndexWriter(settings.store, settings.collection) as writer:
        manifest = writer.manifest
        by_source = {d.get("source_path"): doc_id for doc_id, d in manifest.documents.items()}
        todo: list[tuple[Path, str]] = []
        for path in files:
            try:
                sha = file_sha256(path)
            except OSError as exc:
                report.skipped.append(Skipped(str(path), f"cannot read file ({exc.strerror or exc})"))
                continue
            doc_id = by_source.get(str(path.resolve()))
            entry = manifest.documents.get(doc_id, {}) if doc_id else {}
            if entry.get("sha256") == sha and entry.get("pipeline") == pipeline:
                report.unchanged += 1
            else:
                todo.append((path, sha))

        parsed: list[ParsedDocument] = []
        seen_ids: dict[str, Path] = {}
        with _progress(len(todo), "reading", "doc") as bar:
            for path, sha in todo:
                try:
                    doc = parse_document(path, sha, catalogue, options)
                except UnreadableDocument as exc:
                    report.skipped.append(Skipped(str(path), exc.reason))
                    continue
                finally:
                    bar.update(1)
                if doc.doc_id in seen_ids:
                    report.skipped.append(Skipped(str(path), f"same document id '{doc.doc_id}' as {seen_ids[doc.doc_id]}"))
                    continue
                existing = manifest.documents.get(doc.doc_id)
                if existing and existing.get("sha256") == sha and existing.get("pipeline") == pipeline:
                    # same content found under another path: nothing to embed
                    existing["source_path"] = str(path.resolve())
                    report.unchanged += 1
                    continue
                seen_ids[doc.doc_id] = path
                parsed.append(doc)

        if parsed:
            from assistant.embeddings import get_embedder

            embedder = embedder or get_embedder(settings)
            if manifest.embedder and manifest.embedder != embedder.name and manifest.documents:
                raise JoinedUpError(
                    f"the index at {settings.store} was built with {manifest.embedder}; "
                    f"this run uses {embedder.name}: ingest into a new --store"
                )
            for doc in parsed:
                doc.chunks = fit_to_window(doc.chunks, embedder)
            all_chunks = [c for doc in parsed for c in doc.chunks]
            vectors = embed_chunks(all_chunks, embedder, settings.embed_batch_size)
            offset = 0
            for doc in parsed:
                n = len(doc.chunks)
                writer.remove_document(doc.doc_id)
                writer.add_chunks(doc.chunks, vectors[offset : offset + n])
                offset += n
                first = doc.chunks[0]
                manifest.documents[doc.doc_id] = {
                    "source_path": str(doc.path.resolve()),
                    "source": doc.path.name,
                    "sha256": doc.sha256,
                    "pipeline": pipeline,
                    "title": first.title,
                    "edition": first.edition,
                    "status": first.status,
                    "jurisdiction": first.jurisdiction,
                    "kind": first.kind,
                    "pages": doc.pages,
                    "chunk_ids": [c.id for c in doc.chunks],
                }
                report.documents += 1
                report.chunks += n
                report.pages += doc.pages

        if prune:
            for doc_id, entry in list(manifest.documents.items()):
                if not Path(entry.get("source_path", "")).exists():
                    writer.remove_document(doc_id)
                    report.removed += 1

        if writer.changed:
            writer.commit(embedder.name if parsed else manifest.embedder)
        report.total_documents = len(writer.manifest.documents)
        report.total_chunks = writer.manifest.chunk_count

    report.seconds = time.perf_counter() - started
    return report


def embed_chunks(chunks: list[Chunk], embedder, batch_size: int) -> np.ndarray:
    texts = [embedding_text(c) for c in chunks]
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    step = max(batch_size * 8, 256)
    parts = []
    with _progress(len(texts), "embedding", "chunk") as bar:
        for start in range(0, len(texts), step):
            parts.append(embedder.encode(texts[start : start + step], batch_size=batch_size))
            bar.update(min(step, len(texts) - start))
    return np.vstack(parts)
