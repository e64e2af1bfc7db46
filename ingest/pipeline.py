"""The ingest pipeline: discover files, skip unchanged ones, load -> clean -> chunk -> embed, and
write the index through IndexWriter (atomic swap, single writer). Bad files are reported and
skipped; they never stop the rest or touch the existing index."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.catalogue import Catalogue, describe, file_sha256
from assistant.config import Settings
from assistant.errors import BadSidecar, JoinedUpError, UnreadableDocument
from assistant.files import regular_file_size
from assistant.sentence_vectors import sentence_texts
from assistant.store import IndexWriter, Manifest
from assistant.types import Chunk, DocumentRecord
from ingest.chunking import ChunkingOptions, chunk_document, split_oversized
from ingest.clean import clean_pdf_pages, clean_text_document, page_notes
from ingest.loaders import SUPPORTED_SUFFIXES, LoadedDocument, Page, ReadLimits, load_document
from ingest.progress import IngestProgress

IGNORED_NAMES = {"sources.yaml", "README.md", "SOURCES.md", "ATTRIBUTION.md"}


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Duplicate:
    """A file with the same bytes as one already indexed (or earlier in this run): indexed once."""

    path: str
    same_as: str
    doc_id: str


@dataclass
class IngestReport:
    documents: int = 0  # documents added or replaced in this run
    chunks: int = 0  # chunks embedded in this run
    unchanged: int = 0
    removed: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0
    total_documents: int = 0
    total_chunks: int = 0
    sentences: int = 0  # sentence vectors computed in this run (assistant/sentence_vectors.py)

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "duplicates": [dataclasses.asdict(d) for d in self.duplicates],
            "seconds": round(self.seconds, 3),
            "pages": self.pages,
            "total_documents": self.total_documents,
            "total_chunks": self.total_chunks,
            "sentences": self.sentences,
        }

    @property
    def ok(self) -> bool:
        """Exit status: something was ingested, unchanged or removed, or there was nothing bad."""
        return bool(
            self.documents or self.unchanged or self.removed or self.duplicates or not self.skipped
        )


@dataclass
class ParsedDocument:
    path: Path
    sha256: str
    doc_id: str
    chunks: list[Chunk]
    pages: int
    sidecar_problem: BadSidecar | None = None  # its sidecar was left out, and why


# Bump when extraction, cleaning or chunking changes what a file turns into: documents indexed by
# an older pipeline are then re-read on the next ingest instead of being skipped as unchanged.
# 3: document ids unique per source (path below the ingest root; a short hash on a clash);
#    part and annex titles that wrap, flat outlines, Acts; extent per part (England / Wales).
#    glued footnote markers come off words at cleaning ('Authorities20').
# 4: Acts lose their amendment markers ('[F83an') and head each section with its title ('16E Local
#    arrangements ...'); a list stays with the sentence that introduces it when a block is split.
# 5: (not released) the next page's first lines looked for in a passage.
# 6: a passage cites the page its own text starts on (a paragraph split over a page break cited
#    its first page for every piece) and knows where in it the next page starts, so a quoted
#    sentence after the break cites the next page.
# 7: a word broken at a line's end ('co-' / 'operation') is followed as one word when pages are
#    located (the same word on the next page moved the break forward).
# 8: a note at a page's foot that makes a statement is a chunk of its own ('… > Footnote 142'),
#    where before it was dropped with the references.
# 9: the lexical index's tokens drop contracted stop words ("I've", "don't", "dont"), as questions'
#    tokens do (assistant/text.py): an index built before kept them in its word counts.
# 10: an Act's long section is cut where a subsection starts, not after the tail of the list
#    before it; a section title with a colon ('28 … welfare: Wales') heads its section; a title
#    line before a long block opens its first piece instead of standing alone.
# 11: (no chunk changes) the sentence vectors stored for the answer's meaning scoring follow the
#    quotable units as they now are: an Act's next subsection ends the list before it, so
#    '(2) The arrangements are to be made …' is a unit of its own, embedded at ingest, not per question.
# 12: a passage whose first words extraction broke ('A' / 'bi Gbago,') is placed by the words
#    just after them, so its page and the page break inside it are known (47 of 4,396 passages
#    of the corpus had neither; 13 now).
# 13: that placement only when the words passed over end the page just before (review 18: a
#    running header three pages back put ADCS's opening on p. 1 with a break into p. 2).
# 14: a number a line wrapped onto ('… under the age of' / '18. If local partners …') is the
#    sentence's, not a new paragraph's: Working Together's para 332 was cited as '332–18' and its
#    sentence quoted as '… under the age of'.
# 15: the lexical index's words: 'whats', 'whos', 'hows' … are stop words as "what's" is, and
#    'childrens' is the possessive's word; a back cover's '© Crown copyright' line is a sentence of
#    its own (sentence vectors are keyed by sentence).
# 16: a myth and its truth marked by boxes ('⮽ The Myth Reporting a child … will mean they are
#    removed', '☑ The Truth The only authorities …') are sentences of their own: the myth was
#    quotable as part of the sentence before it.
# 17: a line holding a telephone number or an e-mail address is no heading (Lambeth's RAG ratings
#    sat under the section '(out of hours): 0207 926 5555').
# 19: a 'Section' heading ranks above others only as a document's division ('Section 3: Child
#    protection'), not as an Act's section a chart names ('Section 31 – care orders (Level 4)').
PIPELINE_VERSION = 19


def pipeline_version(settings: Settings) -> str:
    return f"{PIPELINE_VERSION}/{settings.chunk_target_tokens}/{settings.chunk_max_tokens}"


def default_paths(settings: Settings) -> list[Path]:
    paths = [settings.guidance_dir]
    if settings.documents_dir.exists():
        paths.append(settings.documents_dir)
    return paths


def discover(
    paths: Iterable[Path], max_bytes: int | None = None
) -> tuple[list[Path], list[Skipped]]:
    """The regular files under these paths that a loader reads; everything else, including a
    folder that cannot be opened, a pipe, a device or a file over `max_bytes`, is named in skipped."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in _walk(path, skipped):
                if not _ignored(child):
                    _add(child, files, skipped, max_bytes)
        elif path.exists() or path.is_symlink():
            _add(path, files, skipped, max_bytes)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    unique = list(dict.fromkeys(files))
    return unique, skipped


def _walk(root: Path, skipped: list[Skipped]) -> list[Path]:
    """Every non-folder entry under root, sorted; links to folders are not followed. A folder that
    cannot be listed is named in skipped (pathlib's rglob passes over it in silence)."""

    def refused(exc: OSError) -> None:
        skipped.append(
            Skipped(str(exc.filename or root), f"cannot open folder ({exc.strerror or exc})")
        )

    found: list[Path] = []
    for folder, _dirs, names in os.walk(root, onerror=refused):
        found.extend(Path(folder, name) for name in names)
    return sorted(found)


def _ignored(path: Path) -> bool:
    return (
        any(part.startswith(".") for part in path.parts[-1:])
        or path.name in IGNORED_NAMES
        or path.name.endswith((".meta.yaml", ".meta.yml"))
    )


def _add(
    path: Path, files: list[Path], skipped: list[Skipped], max_bytes: int | None = None
) -> None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        skipped.append(
            Skipped(
                str(path),
                f"unsupported file type '{path.suffix or '(none)'}' "
                f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})",
            )
        )
        return
    try:
        regular_file_size(path, max_bytes)  # stat only: a FIFO or /dev/zero is never opened
    except UnreadableDocument as exc:
        skipped.append(Skipped(str(path), exc.reason))
        return
    files.append(path)


def parse_document(
    path: Path,
    sha256: str,
    catalogue: Catalogue,
    options: ChunkingOptions,
    name: str = "",
    assign_id: Callable[[str], str] | None = None,
    limits: ReadLimits | None = None,
) -> ParsedDocument:
    """`name`: the path below the ingest root (see describe); `assign_id` turns the id the
    document asks for into the one it gets (unique in the index: see DocumentIds)."""
    loaded = load_document(path, limits)
    pages = clean_pages(loaded)
    first_heading = next(
        (ln.lstrip("# ").strip() for p in pages for ln in p.text.splitlines() if ln.strip()), ""
    )
    hints = (loaded.title, loaded.author, loaded.created, first_heading)
    problem = None
    try:
        info = describe(path, sha256, catalogue, *hints, name=name)
    except BadSidecar as exc:  # the document still goes in, with catalogue or default metadata
        problem = exc
        info = describe(path, sha256, catalogue, *hints, name=name, use_sidecar=False)
    if assign_id is not None:
        info = dataclasses.replace(info, doc_id=assign_id(info.doc_id))
    chunks = chunk_document(pages, info, path.name, loaded.outline, options)
    if not chunks:
        raise UnreadableDocument(str(path), "no text content after cleaning")
    return ParsedDocument(path, sha256, info.doc_id, chunks, len(loaded.pages), problem)


def clean_pages(loaded: LoadedDocument) -> list[Page]:
    if loaded.format == "pdf":
        raw = [p.text for p in loaded.pages]
        texts, notes = clean_pdf_pages(raw), page_notes(raw)
        return [Page(p.number, t, n) for p, t, n in zip(loaded.pages, texts, notes, strict=True)]
    return [Page(p.number, clean_text_document(p.text)) for p in loaded.pages]


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the passage with the tail of its heading path for context."""
    tail = " > ".join(chunk.section.split(" > ")[-2:]) if chunk.section else ""
    return f"{tail}\n{chunk.text}" if tail else chunk.text


# fit_to_window: a chunk over the embedder's window is split into pieces of FIT_FIRST_TARGET
# cl100k tokens (a first guess well under all-MiniLM's window of 254 word pieces), then smaller by
# FIT_SHRINK until every piece fits; FIT_SMALLEST_TARGET stops it on text no split can fit.
FIT_FIRST_TARGET = 120
FIT_SHRINK = 0.7
FIT_SMALLEST_TARGET = 20
# embed_chunks hands the embedder this many batches at once (at least EMBED_MIN_STEP texts), so
# progress is reported after each step, not only when all are done.
EMBED_BATCHES_PER_STEP = 8
EMBED_MIN_STEP = 256


def fit_to_window(chunks: list[Chunk], embedder) -> list[Chunk]:
    """Guarantee the embedder sees every word: split any chunk over the model's own window."""
    out: list[Chunk] = []
    for chunk in chunks:
        if embedder.token_count(embedding_text(chunk)) <= embedder.max_tokens:
            out.append(chunk)
            continue
        target = FIT_FIRST_TARGET
        while True:
            pieces = split_oversized(chunk.text, target)
            if (
                all(
                    embedder.token_count(embedding_text(_with_text(chunk, p)))
                    <= embedder.max_tokens
                    for p in pieces
                )
                or target <= FIT_SMALLEST_TARGET
            ):
                break
            target = int(target * FIT_SHRINK)
        out.extend(_with_text(chunk, p) for p in pieces)
    return _renumber(out)


def _with_text(chunk: Chunk, text: str) -> Chunk:
    return dataclasses.replace(
        chunk, text=text, content_sha256=hashlib.sha256(text.encode()).hexdigest()
    )


def _renumber(chunks: list[Chunk]) -> list[Chunk]:
    return [
        dataclasses.replace(c, chunk_index=i, id=f"{c.doc_id}:{i:05d}:{c.content_sha256[:12]}")
        for i, c in enumerate(chunks)
    ]


def ingest(
    paths: list[Path] | None,
    settings: Settings,
    prune: bool = False,
    embedder=None,
) -> IngestReport:
    """Index the files under `paths` (default: the bundled guidance and the documents folder):
    find them, skip what is unchanged, read the rest, embed and write them as one new generation;
    with `prune`, drop documents whose file is gone."""
    started = time.perf_counter()
    report = IngestReport()
    roots = [Path(p) for p in (paths or default_paths(settings))]
    limits = ReadLimits.from_settings(settings)
    files, report.skipped = discover(roots, limits.file_bytes)
    catalogue = Catalogue.load(settings.catalogue)
    report.skipped.extend(
        Skipped(p.path, f"{p.reason}; sidecar ignored") for p in catalogue.problems
    )
    pipeline = pipeline_version(settings)

    with IndexWriter(settings.store, settings.collection) as writer:
        todo = _plan(_hashed(files, report), writer, pipeline, report)
        ids = DocumentIds(writer.manifest)
        reader = _Reader(
            catalogue,
            ChunkingOptions(settings.chunk_target_tokens, settings.chunk_max_tokens),
            roots,
            limits,
            ids,
        )
        progress = IngestProgress(len(todo), settings.progress_interval_s)
        with progress:
            parsed = reader.read_all(todo, progress, report)
        read_as = {str(doc.path.resolve()): doc.doc_id for doc in parsed}
        for dup in report.duplicates:
            dup.doc_id = read_as.get(dup.same_as, dup.doc_id)

        if parsed:
            from assistant.embeddings import get_embedder

            embedder = embedder or get_embedder(settings)
            _check_same_embedder(writer.manifest, embedder, settings)
            vectors = _embed_documents(parsed, embedder, settings.embed_batch_size, progress)
            _write_documents(parsed, vectors, writer, ids, pipeline, report)
        if prune:
            _prune(writer, report)
        if settings.sentence_meaning:
            _embed_sentences(writer, settings, embedder, progress, report)
        if writer.changed:
            writer.commit(embedder.name if parsed else writer.manifest.embedder)
        report.total_documents = len(writer.manifest.documents)
        report.total_chunks = writer.manifest.chunk_count

    report.seconds = time.perf_counter() - started
    return report


def _hashed(files: list[Path], report: IngestReport) -> list[tuple[Path, str]]:
    """Each readable file with its sha256; a file that cannot be read is named in skipped."""
    hashed: list[tuple[Path, str]] = []
    for path in files:
        try:
            hashed.append((path, file_sha256(path)))
        except UnreadableDocument as exc:
            report.skipped.append(Skipped(str(path), exc.reason))
        except OSError as exc:
            report.skipped.append(Skipped(str(path), f"cannot read file ({exc.strerror or exc})"))
    return hashed


@dataclass
class _Reader:
    """Reads the planned files into ParsedDocuments, each under an id unique in the index."""

    catalogue: Catalogue
    options: ChunkingOptions
    roots: list[Path]
    limits: ReadLimits
    ids: DocumentIds

    def read_all(
        self, todo: list[tuple[Path, str, str]], progress: IngestProgress, report: IngestReport
    ) -> list[ParsedDocument]:
        """Unreadable files and unusable sidecars are named in the report (each sidecar once)."""
        sidecars = {problem.path for problem in self.catalogue.problems}
        parsed: list[ParsedDocument] = []
        for path, sha, wanted in todo:
            progress.reading(path.name)
            try:
                doc = self.read(path, sha, wanted)
            except UnreadableDocument as exc:
                report.skipped.append(Skipped(str(path), exc.reason))
                progress.read()
                continue
            progress.read(doc.pages, len(doc.chunks))
            problem = doc.sidecar_problem
            if problem and problem.path not in sidecars:
                sidecars.add(problem.path)
                report.skipped.append(
                    Skipped(
                        problem.path,
                        f"{problem.reason}; sidecar ignored, {path.name} read with catalogue or default metadata",
                    )
                )
            parsed.append(doc)
        return parsed

    def read(self, path: Path, sha: str, wanted: str) -> ParsedDocument:
        """`wanted`: the id the file's document must keep (it moved), or '' for the one it asks for."""
        return parse_document(
            path,
            sha,
            self.catalogue,
            self.options,
            _name_below(path, self.roots),
            lambda doc_id: self.ids.assign(wanted or doc_id, path),
            self.limits,
        )


def _check_same_embedder(manifest: Manifest, embedder, settings: Settings) -> None:
    """One index, one embedder: vectors of two models cannot be compared."""
    if manifest.embedder and manifest.embedder != embedder.name and manifest.documents:
        raise JoinedUpError(
            f"the index at {settings.store} was built with {manifest.embedder}; "
            f"this run uses {embedder.name}: ingest into a new --store"
        )


def _embed_documents(
    parsed: list[ParsedDocument], embedder, batch_size: int, progress: IngestProgress
) -> np.ndarray:
    """One vector a chunk, in document order, after fitting every chunk to the model's window."""
    for doc in parsed:
        doc.chunks = fit_to_window(doc.chunks, embedder)
    all_chunks = [c for doc in parsed for c in doc.chunks]
    with progress.embedding(len(all_chunks)):
        return embed_chunks(all_chunks, embedder, batch_size, progress)


def _embed_sentences(
    writer: IndexWriter,
    settings: Settings,
    embedder,
    progress: IngestProgress,
    report: IngestReport,
) -> None:
    """The vectors of the sentences an answer may quote, for the chunks that have none stored
    yet (new ones, and an index built before sentences were stored): answers then score their
    candidate sentences by meaning without running the model (assistant/sentence_vectors.py)."""
    chunks = writer.chunks_without_sentences()
    if not chunks:
        return
    stored = writer.live_sentences()
    texts = list(
        dict.fromkeys(
            t for text in chunks.values() for t in sentence_texts(text) if t not in stored
        )
    )
    if texts:
        from assistant.embeddings import get_embedder

        embedder = embedder or get_embedder(settings)
        _check_same_embedder(writer.manifest, embedder, settings)
        with progress.embedding(len(texts), "sentence"):
            vectors = _embed_texts(texts, embedder, settings.embed_batch_size, progress)
    else:
        vectors = np.zeros((0, 0), dtype=np.float32)
    writer.add_sentences(texts, vectors, set(chunks))
    report.sentences = len(texts)


def _write_documents(
    parsed: list[ParsedDocument],
    vectors: np.ndarray,
    writer: IndexWriter,
    ids: DocumentIds,
    pipeline: str,
    report: IngestReport,
) -> None:
    """Each document replaces its earlier self (under the id it had, if that changed) in the new
    generation, and gets its manifest record."""
    manifest = writer.manifest
    offset = 0
    for doc in parsed:
        n = len(doc.chunks)
        previous = ids.held_by(doc.path)  # this file's document, under the id it had
        if previous and previous != doc.doc_id:
            writer.remove_document(previous)
        writer.remove_document(doc.doc_id)
        writer.add_chunks(doc.chunks, vectors[offset : offset + n])
        offset += n
        manifest.documents[doc.doc_id] = DocumentRecord.of_document(
            doc.chunks[0],
            source_path=str(doc.path.resolve()),
            source=doc.path.name,
            sha256=doc.sha256,
            pipeline=pipeline,
            pages=doc.pages,
            chunk_ids=tuple(c.id for c in doc.chunks),
        )
        report.documents += 1
        report.chunks += n
        report.pages += doc.pages


def _prune(writer: IndexWriter, report: IngestReport) -> None:
    """Documents whose source file no longer exists leave the index."""
    for doc_id, entry in list(writer.manifest.documents.items()):
        if not Path(entry.source_path).exists():
            writer.remove_document(doc_id)
            report.removed += 1


def _plan(
    hashed: list[tuple[Path, str]], writer: IndexWriter, pipeline: str, report: IngestReport
) -> list[tuple[Path, str, str]]:
    """What to read: (file, sha256, id it must keep or ''). Unchanged files are counted; a file
    with the bytes of another (in this run, or indexed from a path that still exists) is indexed
    once and reported as a duplicate; a document whose file has moved follows it."""
    documents = writer.manifest.documents
    by_source = {d.source_path: doc_id for doc_id, d in documents.items()}
    by_sha: dict[str, str] = {}
    for doc_id, d in documents.items():
        by_sha.setdefault(d.sha256, doc_id)
    sources = {str(path.resolve()): (path, sha) for path, sha in hashed}
    first: dict[str, str] = {}  # sha256 -> the source that stands for it in this run
    for source, (_, sha) in sources.items():
        holder = documents.get(by_sha.get(sha, ""))
        if sha not in first or (holder is not None and holder.source_path == source):
            first[sha] = source  # prefer the copy the index already has

    todo: list[tuple[Path, str, str]] = []
    for source, (path, sha) in sources.items():
        own = by_source.get(source)
        if first[sha] != source:
            same_as = first[sha]
            doc_id = by_source.get(same_as) or by_sha.get(sha) or ""
            _drop_own(writer, own, doc_id)
            report.duplicates.append(Duplicate(str(path), same_as, doc_id))
            continue
        entry = documents.get(own) if own else None
        if entry is not None and entry.sha256 == sha:
            if entry.pipeline == pipeline:
                report.unchanged += 1
            else:
                todo.append((path, sha, ""))
            continue
        other = by_sha.get(sha)
        holder = documents.get(other) if other else None
        if holder is None:
            todo.append((path, sha, ""))
        elif Path(holder.source_path).exists():  # the same bytes indexed from elsewhere
            _drop_own(writer, own, other)
            report.duplicates.append(Duplicate(str(path), holder.source_path, other))
        elif holder.pipeline == pipeline:  # moved: the document follows its file
            _drop_own(writer, own, other)
            documents[other] = dataclasses.replace(holder, source_path=source, source=path.name)
            by_source[source] = other
            writer.touch()
            report.unchanged += 1
        else:
            todo.append((path, sha, other))
    return todo


def _drop_own(writer: IndexWriter, own: str | None, keep: str) -> None:
    """A duplicate file's own earlier document goes: it held either these same bytes (now indexed
    once, as `keep`) or bytes the file no longer has."""
    if own and own != keep:
        writer.remove_document(own)


def _name_below(path: Path, roots: list[Path]) -> str:
    """The file's path below the folder it was found in ('a/thresholds.md'), or its name."""
    for root in roots:
        if root.is_dir():
            try:
                return path.relative_to(root).as_posix()
            except ValueError:
                continue
    return path.name


class DocumentIds:
    """Document ids unique in the index, so no document ever replaces another by its name.

    A file gets the id it asks for (catalogue, sidecar, or its path below the ingest root) unless
    another document holds it whose file still exists, or another file of this run has taken it;
    then it gets that id plus a short hash of its own path (stable: the same on every run)."""

    def __init__(self, manifest: Manifest):
        self.documents = manifest.documents
        self.by_source = {d.source_path: doc_id for doc_id, d in manifest.documents.items()}
        self.taken: dict[str, str] = {}  # id -> source, in this run

    def held_by(self, path: Path) -> str | None:
        return self.by_source.get(str(path.resolve()))

    def assign(self, wanted: str, path: Path) -> str:
        source = str(path.resolve())
        doc_id, digest = wanted, hashlib.sha256(source.encode()).hexdigest()
        for width in (8, 16, 64):
            if not self._clashes(doc_id, source):
                break
            doc_id = f"{wanted}-{digest[:width]}"
        self.taken[doc_id] = source
        return doc_id

    def _clashes(self, doc_id: str, source: str) -> bool:
        if doc_id in self.taken:
            return self.taken[doc_id] != source
        record = self.documents.get(doc_id)
        holder = record.source_path if record else ""
        return bool(holder) and holder != source and Path(holder).exists()


def embed_chunks(
    chunks: list[Chunk], embedder, batch_size: int, progress: IngestProgress | None = None
) -> np.ndarray:
    return _embed_texts([embedding_text(c) for c in chunks], embedder, batch_size, progress)


def _embed_texts(
    texts: list[str], embedder, batch_size: int, progress: IngestProgress | None = None
) -> np.ndarray:
    """One vector a text, handed to the model a few batches at a time so progress can show."""
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    step = max(batch_size * EMBED_BATCHES_PER_STEP, EMBED_MIN_STEP)
    parts = []
    for start in range(0, len(texts), step):
        parts.append(embedder.encode(texts[start : start + step], batch_size=batch_size))
        if progress is not None:
            progress.embedded_chunks(min(step, len(texts) - start))
    return np.vstack(parts)
