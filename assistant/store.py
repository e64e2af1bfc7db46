"""The index on disk: a Chroma collection (cosine, our embeddings) and a BM25 index, kept in step.

Layout: STORE/CURRENT names the live generation folder (STORE/gen-NNNNNN/ with chroma/,
lexical/ and manifest.json). A writer builds a new generation beside the live one and then
swaps CURRENT atomically, so a crash (even kill -9) mid-ingest leaves the previous index whole.
One writer at a time: STORE/.ingest.lock, taken without waiting.

A new generation is a copy of the live one with the changes applied, or, once chunks deleted
since the last fresh build exceed COMPACT_SHARE of the index, a fresh collection of the kept
records (their stored embeddings, nothing re-embedded) plus the new ones: Chroma never gives back
the room of deleted records, so without this a generation grows with every replacement.

Readers lease the generation they read: a shared flock on gen-NNNNNN/.readers, held while the
reader is open. Old generations are removed (by the writer after its swap, and by a LiveIndex
once it has moved on) only when an exclusive flock on that file can be had: never while any
process still reads them, and a crashed reader's lease goes with its process. LiveIndex is the
long-running reader (the web app): it checks CURRENT between questions and moves to a new
generation while questions in flight finish on the old one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import StoreBusy, StoreUnavailable
from assistant.lexical import LexicalIndex
from assistant.sentence_vectors import SentenceVectors, sentence_texts
from assistant.types import Chunk, DocumentRecord

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
LOCK = ".ingest.lock"
MANIFEST = "manifest.json"
READERS = ".readers"  # in each generation: every reader holds a shared flock on it
TRASH = ".trash-"  # a generation being removed is renamed to this prefix first
GEN_PATTERN = re.compile(r"^gen-(\d{6})$")
# A new generation is built fresh (no deleted records carried over) once the chunks deleted since
# the last fresh build exceed this share of the chunks it will hold.
COMPACT_SHARE = 0.25
# Chroma binds one SQL variable per id it reads back: a single get() of ~30,000+ records fails
# with "too many SQL variables", so whole-collection reads go in pages of this size.
READ_PAGE = 5000
# Records written per upsert: under Chroma's largest batch (get_max_batch_size(): 5,461 with
# chromadb 1.5.9 on SQLite), with room to spare, and a few MB of vectors and text at a time.
WRITE_BATCH = 2000
# IndexReader.open tries this many times, OPEN_RETRY_S apart (one second in all), when CURRENT
# moves on while it opens a generation; an index that changes for a whole second is reported.
OPEN_ATTEMPTS = 100
OPEN_RETRY_S = 0.01
# Up to this many chunks, unfiltered dense search is exact: every stored vector in one matrix
# (4,500 chunks: 7 MB, ~1 ms a question), ranked by cosine with ties in index order. Chroma's HNSW
# is approximate and its answers drifted between processes on the same index (23 of 143
# development questions had a different dense top 10 in a second run), so evaluations did not
# repeat. Above it (20,000 chunks: 31 MB, ~8 ms a question under load) HNSW answers.
EXACT_SEARCH_MAX_CHUNKS = 20_000


@dataclass
class Manifest:
    """What the index holds, per document: enough to skip unchanged files without opening Chroma."""

    embedder: str = ""
    documents: dict[str, DocumentRecord] = field(default_factory=dict)
    deleted_chunks: int = 0  # deleted from the collection since it was last built fresh

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.exists():
            return cls()
        data = json.loads(path.read_text())
        return cls(
            embedder=data.get("embedder", ""),
            documents={
                doc_id: DocumentRecord.from_json(entry)
                for doc_id, entry in data.get("documents", {}).items()
            },
            deleted_chunks=int(data.get("deleted_chunks", 0)),
        )

    def write(self, folder: Path) -> None:
        data = {
            "embedder": self.embedder,
            "documents": {doc_id: d.to_json() for doc_id, d in self.documents.items()},
            "deleted_chunks": self.deleted_chunks,
        }
        _atomic_write(folder / MANIFEST, json.dumps(data, indent=1, sort_keys=True))

    @property
    def chunk_count(self) -> int:
        return sum(len(d.chunk_ids) for d in self.documents.values())


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def live_generation(root: Path) -> Path | None:
    pointer = root / CURRENT
    if not pointer.exists():
        return None
    name = pointer.read_text().strip()
    folder = root / name
    return folder if GEN_PATTERN.match(name) and folder.is_dir() else None


def _generation_number(name: str) -> int:
    m = GEN_PATTERN.match(name)
    return int(m.group(1)) if m else 0


class _Lease:
    """A reader's shared flock on one generation's READERS file. Released by release(), when the
    object is collected, or by the process ending however it ends (kill -9 included), so a
    crashed reader never keeps a generation on disk."""

    def __init__(self, fd: int | None):
        self._release = weakref.finalize(self, os.close, fd) if fd is not None else None

    @classmethod
    def take(cls, folder: Path) -> _Lease | None:
        """A lease on `folder`; None when the generation is gone or being removed."""
        path = folder / READERS
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except FileNotFoundError:
            return None
        except OSError:  # a read-only store: nothing can remove the generation either
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                return cls(None) if (folder / MANIFEST).exists() else None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            # Still the generation's own file: a remover renames the folder before it lets go.
            if not os.path.samestat(os.fstat(fd), os.stat(path)):
                raise FileNotFoundError(errno.ENOENT, "generation moved away", str(path))
        except OSError:
            os.close(fd)
            return None
        return cls(fd)

    def release(self) -> None:
        if self._release is not None:
            self._release()


def _remove_unread(folder: Path) -> bool:
    """Remove a generation if no reader holds it (True when it is gone)."""
    path = folder / READERS
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except FileNotFoundError:
        return not folder.exists()
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a reader holds it
        trash = folder.with_name(f"{TRASH}{folder.name}-{uuid.uuid4().hex[:8]}")
        try:
            os.rename(folder, trash)
        except FileNotFoundError:
            return True  # another process removed it meanwhile
    finally:
        os.close(fd)
    shutil.rmtree(trash, ignore_errors=True)
    return True


def remove_old_generations(root: Path, live: str) -> list[str]:
    """Remove the generations older than `live` that no reader holds, and what a crash left of
    earlier removals. Returns the names kept because a reader still holds them."""
    held = []
    live_n = _generation_number(live)
    for path in sorted(Path(root).iterdir()):
        if path.name.startswith(TRASH):
            shutil.rmtree(path, ignore_errors=True)
        elif (
            GEN_PATTERN.match(path.name)
            and _generation_number(path.name) < live_n
            and not _remove_unread(path)
        ):
            held.append(path.name)
    return held


def _current_signature(root: Path) -> tuple[int, int] | None:
    """Identity of the CURRENT file (a swap replaces it, so the inode changes): one stat."""
    try:
        st = os.stat(root / CURRENT)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def _chroma_client(path: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(
        path=str(path),
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
    )


def read_all(collection, include: list[str]) -> dict[str, list]:
    """Every record of a collection, read page by page (see READ_PAGE)."""
    out: dict[str, list] = {"ids": [], **{field: [] for field in include}}
    offset = 0
    while True:
        page = collection.get(include=include, limit=READ_PAGE, offset=offset)
        for name in out:
            out[name].extend(page[name])
        if len(page["ids"]) < READ_PAGE:
            return out
        offset += READ_PAGE


def _collection(client, name: str, create: bool):
    if create:
        return client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
    return client.get_collection(name, embedding_function=None)


class IndexReader:
    """A read-only view of the live generation: dense search, lexical search, chunk lookup."""

    def __init__(self, folder: Path, collection_name: str, lease: _Lease | None = None):
        self.folder = folder
        self._lease = lease or _Lease.take(folder)
        if self._lease is None:
            raise StoreUnavailable(
                f"the index at {folder} has been replaced and removed; open the live one"
            )
        self.manifest = Manifest.read(folder)
        try:
            self._client = _chroma_client(folder / "chroma")
            self._collection = _collection(self._client, collection_name, False)
        except Exception as exc:
            self._lease.release()
            raise StoreUnavailable(f"the index at {folder} cannot be opened ({exc})") from exc
        self.lexical = LexicalIndex.load(folder / "lexical")
        self._chunks: dict[str, Chunk] | None = None
        self._count: int | None = None
        self._doc_vectors: dict[str, tuple[list[str], np.ndarray]] = {}
        self._sentences: SentenceVectors | None = None
        # every stored vector (exact search): the ids in row order, each id's row, the matrix
        self._all_vectors: tuple[list[str], dict[str, int], np.ndarray] | None = None

    @classmethod
    def open(cls, root: Path, collection_name: str = "guidance") -> IndexReader:
        """The live generation, leased (see _Lease) so no ingest removes it while it is open."""
        for _ in range(OPEN_ATTEMPTS):
            folder = live_generation(Path(root))
            if folder is None:
                raise StoreUnavailable(
                    f"no index at {root}: build one with 'joinedup ingest' (or 'make run')"
                )
            lease = _Lease.take(folder)
            if lease is not None:
                return cls(folder, collection_name, lease)
            # CURRENT moved on and this generation is being removed: read it again
            time.sleep(OPEN_RETRY_S)
        raise StoreUnavailable(f"the index at {root} keeps changing under the reader; try again")

    def close(self) -> None:
        """Let go of Chroma and of the lease (chunks already loaded stay readable)."""
        client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        self._lease.release()

    @property
    def chunks(self) -> dict[str, Chunk]:
        """Every chunk, loaded once: lookups on the hot path cost nothing."""
        if self._chunks is None:
            data = read_all(self._collection, ["documents", "metadatas"])
            self._chunks = {
                cid: Chunk.from_metadata(cid, text or "", meta or {})
                for cid, text, meta in zip(
                    data["ids"], data["documents"], data["metadatas"], strict=True
                )
            }
        return self._chunks

    @property
    def sentences(self) -> SentenceVectors:
        """The stored vectors of this generation's sentences (read once, memory-mapped)."""
        if self._sentences is None:
            self._sentences = SentenceVectors.read(self.folder)
        return self._sentences

    def count(self) -> int:
        """Chunks in this generation. A generation never changes once live, so this is counted
        once: Chroma's count() costs ~8 ms at 100,000 chunks, on every query."""
        if self._count is None:
            self._count = (
                len(self._chunks) if self._chunks is not None else self._collection.count()
            )
        return self._count

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored embeddings of these chunks (ids not in the index are left out): rows of the
        exact-search matrix when search is exact (a Chroma read cost ~3 ms a question), else Chroma."""
        if self.exact_search:
            _, rows, matrix = self._all_vectors_loaded()
            return {cid: matrix[rows[cid]] for cid in ids if cid in rows}
        out: dict[str, np.ndarray] = {}
        for start in range(0, len(ids), READ_PAGE):
            data = self._collection.get(ids=ids[start : start + READ_PAGE], include=["embeddings"])
            out.update(
                zip(data["ids"], np.asarray(data["embeddings"], dtype=np.float32), strict=True)
            )
        return out

    def search_within(
        self, vector: np.ndarray, doc_ids: frozenset[str], k: int
    ) -> list[tuple[str, float]]:
        """Exact cosine ranking over the chunks of a few documents. Chroma's filtered query does
        the same in 15-25 ms at 100,000 chunks (2 ms unfiltered); these vectors are read once a
        document and the product takes well under a millisecond."""
        ranked: list[tuple[str, float]] = []
        for doc_id in sorted(doc_ids):
            ids, matrix = self._document_vectors(doc_id)
            if ids:
                ranked.extend(zip(ids, (matrix @ vector).tolist(), strict=True))
        ranked.sort(key=lambda pair: -pair[1])
        return ranked[:k]

    def _document_vectors(self, doc_id: str) -> tuple[list[str], np.ndarray]:
        if doc_id not in self._doc_vectors:
            record = self.manifest.documents.get(doc_id)
            found = self.vectors(list(record.chunk_ids) if record else [])
            ids = list(found)
            matrix = (
                np.vstack([found[i] for i in ids]) if ids else np.zeros((0, 0), dtype=np.float32)
            )
            self._doc_vectors[doc_id] = (ids, matrix)
        return self._doc_vectors[doc_id]

    @property
    def exact_search(self) -> bool:
        """Whether unfiltered dense_search ranks every chunk exactly (see EXACT_SEARCH_MAX_CHUNKS)."""
        return self.count() <= EXACT_SEARCH_MAX_CHUNKS

    def dense_search(
        self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The `k` chunks closest to `vector` by cosine, closest first; `where` is Chroma's
        metadata filter (always answered by Chroma's approximate search)."""
        n = min(k, self.count())
        if n == 0:
            return []
        if where is None and self.exact_search:
            return self._exact_search(vector, n)
        result = self._collection.query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=where or None,
            include=["distances"],
        )
        return [
            (cid, 1.0 - float(dist))
            for cid, dist in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def _all_vectors_loaded(self) -> tuple[list[str], dict[str, int], np.ndarray]:
        """Every stored vector, read from Chroma once: the ids in row order, each id's row, the
        matrix."""
        if self._all_vectors is None:
            data = read_all(self._collection, ["embeddings"])
            ids = list(data["ids"])
            matrix = (
                np.asarray(data["embeddings"], dtype=np.float32).reshape(len(ids), -1)
                if ids
                else np.zeros((0, 0), dtype=np.float32)
            )
            self._all_vectors = (ids, {cid: row for row, cid in enumerate(ids)}, matrix)
        return self._all_vectors

    def _exact_search(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        ids, _, matrix = self._all_vectors_loaded()
        similarity = matrix @ vector
        top = np.argpartition(-similarity, n - 1)[:n] if n < len(ids) else np.arange(len(ids))
        top = top[np.lexsort((top, -similarity[top]))]  # closest first; ties in index order
        return [(ids[i], float(similarity[i])) for i in top]


class LiveIndex:
    """The live generation for a long-running reader (the web app).

    Questions borrow the current IndexReader. Between questions, at most every `check_ms`, one
    stat of CURRENT tells whether an ingest has swapped in a new generation; if so it is opened
    (and `prepare`d: warmed) in the background, then handed to the next questions. Questions in
    flight finish on the generation they started on; its reader is closed (lease released) when
    the last of them returns, and generations no process reads any more are then removed."""

    def __init__(
        self,
        root: Path,
        collection_name: str = "guidance",
        check_ms: int = 1000,
        prepare: Callable[[IndexReader], None] | None = None,
    ):
        self.root = Path(root)
        self.collection_name = collection_name
        self.check_s = max(check_ms, 0) / 1000
        self.prepare = prepare
        self._lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._reader: IndexReader | None = None
        self._users: dict[IndexReader, int] = {}
        self._retired: set[IndexReader] = set()
        self._seen: tuple[int, int] | None = None
        self._checked = 0.0
        self._switching = False
        self._fixed = False

    @classmethod
    def fixed(cls, reader: IndexReader) -> LiveIndex:
        """Always this reader (tests and tools that open their own)."""
        live = cls(reader.folder.parent)
        live._reader, live._fixed = reader, True
        return live

    def current(self) -> IndexReader:
        if self._reader is None:
            return self._open_first()
        if not self._fixed:
            self._check()
        return self._reader

    @contextlib.contextmanager
    def borrow(self) -> Iterator[IndexReader]:
        """The current reader, kept open until the block ends even if a newer one arrives."""
        self.current()
        with self._lock:
            reader = self._reader  # never a retired one: those are only closed once unused
            self._users[reader] = self._users.get(reader, 0) + 1
        try:
            yield reader
        finally:
            with self._lock:
                left = self._users.pop(reader) - 1
                if left:
                    self._users[reader] = left
                done = not left and reader in self._retired
                if done:
                    self._retired.discard(reader)
            if done:
                self._retire(reader)

    def _open_first(self) -> IndexReader:
        with self._open_lock:
            if self._reader is None:
                seen = _current_signature(self.root)
                reader = IndexReader.open(self.root, self.collection_name)
                with self._lock:
                    self._reader, self._seen, self._checked = reader, seen, time.monotonic()
        return self._reader

    def _check(self) -> None:
        now = time.monotonic()
        with self._lock:
            if self._switching or now - self._checked < self.check_s:
                return
            self._checked = now
            seen = _current_signature(self.root)
            if seen == self._seen:
                return
            live = live_generation(self.root)
            if live is None or live.name == self._reader.folder.name:
                self._seen = seen
                return
            self._switching = True
        threading.Thread(
            target=self._switch, args=(seen,), name="joinedup-index-switch", daemon=True
        ).start()

    def _switch(self, seen: tuple[int, int] | None) -> None:
        reader = None
        try:
            reader = IndexReader.open(self.root, self.collection_name)
            if self.prepare is not None:
                self.prepare(reader)
        except Exception as exc:  # keep answering from the generation we have; retried next check
            log.warning(
                "could not open the new index at %s (%s); still answering from %s",
                self.root,
                exc,
                self._reader.folder.name,
            )
            if reader is not None:
                reader.close()
            with self._lock:
                self._switching = False
            return
        with self._lock:
            old, self._reader, self._seen, self._switching = self._reader, reader, seen, False
            idle = old not in self._users
            if not idle:
                self._retired.add(old)
        log.info("answering from %s (was %s)", reader.folder.name, old.folder.name)
        if idle:
            self._retire(old)

    def _retire(self, reader: IndexReader) -> None:
        """Close a replaced reader and remove what no process reads any more, off the question's path."""
        threading.Thread(
            target=self._close_and_tidy,
            args=(reader, self._reader.folder.name),
            name="joinedup-index-retire",
            daemon=True,
        ).start()

    def _close_and_tidy(self, reader: IndexReader, live: str) -> None:
        reader.close()
        try:
            remove_old_generations(self.root, live)
        except OSError as exc:  # a read-only store: the next ingest tidies up
            log.info("old generations left in place (%s)", exc)

    def close(self) -> None:
        if self._reader is not None and not self._fixed:
            self._reader.close()


class IndexWriter:
    """Builds the next generation beside the live one, then swaps it in. Use as a context manager.

    Changes are collected (remove_document, add_chunks) and written by commit(): onto a copy of
    the live generation, or, when deletions have piled up (COMPACT_SHARE), into a fresh collection
    of the kept records' stored embeddings plus the new ones."""

    def __init__(
        self, root: Path, collection_name: str = "guidance", compact_share: float | None = None
    ):
        self.root = Path(root)
        self.collection_name = collection_name
        self.compact_share = COMPACT_SHARE if compact_share is None else compact_share
        self._lock = None
        self._live: Path | None = None
        self._work: Path | None = None
        self._removed: set[str] = set()
        self._added: dict[str, tuple[Chunk, np.ndarray]] = {}
        # sentence vectors to store (assistant/sentence_vectors.py): texts, their rows, and the
        # chunks whose sentences they complete
        self._sentences: tuple[list[str], list[np.ndarray], set[str]] = ([], [], set())
        self._live_sentences: SentenceVectors | None = None  # read once per live generation
        self._live_ids: set[str] = set()
        self._touched = False
        self.manifest = Manifest()
        self.built_fresh = False  # what the last commit did
        self.kept_generations: list[str] = []  # older generations a reader still held at commit

    def __enter__(self) -> IndexWriter:
        from filelock import FileLock, Timeout

        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(self.root / LOCK), timeout=0)
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise StoreBusy(
                f"another ingest is writing to {self.root}; try again when it has finished"
            ) from exc
        self._live = live_generation(self.root)
        self.manifest = Manifest.read(self._live) if self._live else Manifest()
        self._live_ids = {cid for d in self.manifest.documents.values() for cid in d.chunk_ids}
        return self

    def __exit__(self, *exc_info) -> None:
        if self._work is not None and self._work.exists():
            shutil.rmtree(self._work, ignore_errors=True)  # never committed: discard
        if self._lock is not None:
            self._lock.release()

    def _next_number(self) -> int:
        numbers = [int(m.group(1)) for p in self.root.iterdir() if (m := GEN_PATTERN.match(p.name))]
        return max(numbers, default=0) + 1

    def _remove_abandoned(self) -> None:
        """Generations newer than the live one were left by a crashed writer."""
        live_n = _generation_number(self._live.name) if self._live else 0
        for path in self.root.iterdir():
            if GEN_PATTERN.match(path.name) and _generation_number(path.name) > live_n:
                _remove_unread(path)

    def remove_document(self, doc_id: str) -> None:
        entry = self.manifest.documents.pop(doc_id, None)
        if entry is None:
            return
        for cid in entry.chunk_ids:
            self._added.pop(cid, None)  # added earlier in this run: never written
            self._removed.add(cid)
        self._touched = True

    def add_chunks(self, chunks: list[Chunk], vectors: np.ndarray) -> None:
        for chunk, vector in zip(chunks, vectors, strict=True):
            self._added[chunk.id] = (chunk, vector)
        self._touched = self._touched or bool(chunks)

    def live_sentences(self) -> SentenceVectors:
        """The sentence vectors the live generation holds (empty if none)."""
        if self._live_sentences is None:
            self._live_sentences = SentenceVectors.read(self._live)
        return self._live_sentences

    def chunks_without_sentences(self) -> dict[str, str]:
        """Text by id of the chunks the next generation will hold whose sentences may not all be
        stored: every one added in this run (a new pipeline may cut the same text into other
        quotable sentences: the caller embeds only the sentences not stored yet), and live ones
        from before sentences were stored."""
        covered = self.live_sentences().covered | self._sentences[2]
        out = {cid: chunk.text for cid, (chunk, _) in self._added.items()}
        old = sorted(self._live_ids - self._removed - covered - set(out))
        if old and self._live is not None:
            client = _chroma_client(self._live / "chroma")
            try:
                live = _collection(client, self.collection_name, False)
                for start in range(0, len(old), READ_PAGE):
                    page = live.get(ids=old[start : start + READ_PAGE], include=["documents"])
                    out.update(zip(page["ids"], page["documents"], strict=True))
            finally:
                client.close()
        return out

    def add_sentences(self, texts: list[str], vectors: np.ndarray, chunk_ids: set[str]) -> None:
        """Store these sentence vectors; with them, every sentence of `chunk_ids` is stored."""
        self._sentences[0].extend(texts)
        self._sentences[1].extend(vectors)
        self._sentences[2].update(chunk_ids)
        self._touched = self._touched or bool(chunk_ids)

    def touch(self) -> None:
        """The manifest changed though no chunk did (a document's file moved): commit it too."""
        self._touched = True

    @property
    def changed(self) -> bool:
        return self._touched

    def commit(self, embedder_name: str) -> None:
        """Write the new generation, rebuild its lexical index, make it live, remove old ones."""
        if not self._touched:
            return
        self._remove_abandoned()
        self._work = work = self.root / f"gen-{self._next_number():06d}"
        deleted = self.manifest.deleted_chunks + len(self._removed & self._live_ids)
        self.built_fresh = self._live is None or deleted > self.compact_share * max(
            self.manifest.chunk_count, 1
        )
        if self.built_fresh:
            client, collection = self._build_fresh(work)
            self.manifest.deleted_chunks = 0
        else:
            client, collection = self._build_from_copy(work)
            self.manifest.deleted_chunks = deleted
        data = read_all(collection, ["documents"])
        LexicalIndex.build(data["ids"], data["documents"]).save(work / "lexical.new")
        shutil.rmtree(work / "lexical", ignore_errors=True)
        os.replace(work / "lexical.new", work / "lexical")
        client.close()
        self._write_sentences(work, data["documents"])
        self.manifest.embedder = embedder_name
        self.manifest.write(work)
        _fsync_dir(work)
        _atomic_write(self.root / CURRENT, work.name)
        self._live, self._work = work, None
        self._live_ids = {cid for d in self.manifest.documents.values() for cid in d.chunk_ids}
        self._removed, self._added, self._touched = set(), {}, False
        self._sentences, self._live_sentences = ([], [], set()), None
        self.kept_generations = remove_old_generations(self.root, work.name)

    def _write_sentences(self, work: Path, chunk_texts: list[str]) -> None:
        """The live generation's sentence vectors with this run's added; a fresh generation keeps
        only the sentences of the chunks it holds."""
        texts, vectors, covered = self._sentences
        live = self.live_sentences()
        if self.built_fresh and len(live):
            live = live.only({t for text in chunk_texts for t in sentence_texts(text)})
        matrix = np.vstack(vectors) if vectors else np.zeros((0, 0), dtype=np.float32)
        keep = {cid for d in self.manifest.documents.values() for cid in d.chunk_ids}
        merged = live.merged(texts, matrix, covered, keep)
        if len(merged) or merged.covered:
            merged.write(work)

    def _build_from_copy(self, work: Path):
        shutil.copytree(self._live, work, ignore=shutil.ignore_patterns(READERS))
        client = _chroma_client(work / "chroma")
        collection = _collection(client, self.collection_name, True)
        removed = sorted(self._removed)
        for start in range(0, len(removed), READ_PAGE):
            collection.delete(ids=removed[start : start + READ_PAGE])
        self._write_added(collection)
        return client, collection

    def _build_fresh(self, work: Path):
        work.mkdir(parents=True)
        client = _chroma_client(work / "chroma")
        collection = _collection(client, self.collection_name, True)
        if self._live is not None:
            live_client = _chroma_client(self._live / "chroma")
            try:
                live = _collection(live_client, self.collection_name, False)
                offset = 0
                while True:  # page by page, so memory stays flat whatever the index size
                    page = live.get(
                        include=["embeddings", "documents", "metadatas"],
                        limit=READ_PAGE,
                        offset=offset,
                    )
                    keep = [i for i, cid in enumerate(page["ids"]) if cid not in self._removed]
                    if keep:
                        collection.upsert(
                            ids=[page["ids"][i] for i in keep],
                            embeddings=np.asarray(page["embeddings"], dtype=np.float32)[keep],
                            documents=[page["documents"][i] for i in keep],
                            metadatas=[page["metadatas"][i] for i in keep],
                        )
                    if len(page["ids"]) < READ_PAGE:
                        break
                    offset += READ_PAGE
            finally:
                live_client.close()
        self._write_added(collection)
        return client, collection

    def _write_added(self, collection) -> None:
        added = list(self._added.values())
        for start in range(0, len(added), WRITE_BATCH):
            part = added[start : start + WRITE_BATCH]
            collection.upsert(
                ids=[c.id for c, _ in part],
                embeddings=np.vstack([v for _, v in part]),
                documents=[c.text for c, _ in part],
                metadatas=[c.metadata() for c, _ in part],
            )
