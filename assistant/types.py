"""Our own domain types. LangChain `Document`s are converted to and from these at the edges."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Duty = Literal["must", "should"] | None

# Metadata every chunk carries (see README: "What a chunk knows").
CHUNK_METADATA_FIELDS = (
    "doc_id",
    "title",
    "edition",
    "publisher",
    "jurisdiction",
    "kind",
    "status",
    "superseded_by",
    "section",
    "paragraph",
    "page",
    "source",
    "url",
    "content_sha256",
    "chunk_index",
    "next_page_at",
)


@dataclass(frozen=True)
class DocumentInfo:
    """What we know about a whole document: from the catalogue, a sidecar, or the file itself."""

    doc_id: str
    title: str
    edition: str = ""
    publisher: str = ""
    jurisdiction: str = "England"
    kind: str = "guidance"
    status: str = "current"
    superseded_by: str = ""
    url: str = ""


# A note printed at a page's foot, kept by ingest as a chunk of its own, is filed under the
# section its page's text is in, with this last step ('… > Police > Footnote 142').
NOTE_STEP = re.compile(r"(?:^|> )Footnote \d+$")


def note_section(section: str, number: int) -> str:
    """The section path of a page's foot note (`NOTE_STEP`)."""
    return f"{section} > Footnote {number}" if section else f"Footnote {number}"


def is_note(chunk: Chunk) -> bool:
    """A foot-of-page note's chunk, not the body text it annotates."""
    return bool(NOTE_STEP.search(chunk.section))


# How an Act's annotations open, as legislation.gov.uk prints them after each section
ACT_ANNOTATION = re.compile(
    r"\b(?:Textual Amendments|Modifications etc\.|Commencement Information|Extent Information)"
    r"|\bF\d{1,3}\s+(?:Words?\b|Ss?\.|Sch\.|Pt\.|Para\b)"
)
ANNOTATION_OPENING = 80  # the characters of a chunk an annotation opens within
# a provision of the Act: a subsection opening ('(1) The Children's Commissioner must …', '(3) In
# making arrangements …'), not a note's reference ('ss. 107, 139(5) by …')
PROVISION = re.compile(
    r"\(\d{1,2}[A-Z]?\)\s+(?:[A-Z][a-z]|(?:a|an|the|any|each|in|where|if|for|this|subject)\b)"
)


def is_act_annotation(chunk: Chunk) -> bool:
    """An Act's annotations of its own text ('Textual Amendments F1 Ss. 2-2C substituted …', 'F108
    Word in s. 18(2)(e) omitted (10.1.2017) by virtue of …'): how the text came to be, not what it
    requires."""
    return chunk.kind == "legislation" and is_annotation(chunk.text)


def is_annotation(text: str) -> bool:
    """Text opening with an Act's annotation and holding none of its provisions ('(1) Each local
    authority …' run on after the note is the Act's text)."""
    return bool(ACT_ANNOTATION.search(text[:ANNOTATION_OPENING])) and not PROVISION.search(text)


def document_fields(source: Any) -> dict[str, Any]:
    """DocumentInfo's fields (doc_id, title, edition... url) as `source` holds them: a document's
    info, a catalogue entry, or a chunk (every chunk carries its document's)."""
    return {f.name: getattr(source, f.name) for f in fields(DocumentInfo)}


@dataclass(frozen=True)
class DocumentRecord:
    """One document of the index, as the manifest records it (manifest.json "documents"):
    the file it came from, what it is, and the ids of its chunks. Written by the ingest pipeline;
    read wherever the index's documents are listed."""

    source_path: str = ""  # the file it was ingested from (resolved)
    source: str = ""  # that file's name
    sha256: str = ""  # of the file's bytes: an unchanged file is not read again
    pipeline: str = ""  # ingest/pipeline.py pipeline_version() it was read with
    title: str = ""
    edition: str = ""
    status: str = ""
    jurisdiction: str = ""
    kind: str = ""
    pages: int | None = None
    chunk_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The manifest's JSON object for this document (the on-disk format)."""
        return {**asdict(self), "chunk_ids": list(self.chunk_ids)}

    @classmethod
    def of_document(cls, info: Any, **file: Any) -> DocumentRecord:
        """The record of a document: what it is, as far as the record keeps it, from `info` (its
        DocumentInfo, or any chunk of it: every chunk carries it), and the rest (`file`: the file,
        the pipeline, the pages and chunk ids) by name."""
        known = {f.name for f in fields(cls)}
        metadata = {k: v for k, v in document_fields(info).items() if k in known}
        return cls(**metadata, **file)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DocumentRecord:
        """From the manifest's JSON object; keys an older manifest lacks take their defaults."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        return cls(**{**values, "chunk_ids": tuple(values.get("chunk_ids") or ())})


@dataclass(frozen=True)
class Chunk:
    """One citable passage of a document, as stored in the index."""

    id: str
    text: str
    doc_id: str
    title: str
    edition: str
    publisher: str
    jurisdiction: str
    kind: str
    status: str
    superseded_by: str
    section: str
    paragraph: str
    page: int | None
    source: str
    url: str
    content_sha256: str
    chunk_index: int
    # where in `text` the next page starts, when the passage runs on to it (0: all on `page`)
    next_page_at: int = 0

    def page_of(self, sentence: str) -> int | None:
        """The page a sentence of this passage starts on: `page`, or the next one when the
        sentence starts after the page break."""
        if not self.page or not self.next_page_at:
            return self.page
        whole = " ".join(self.text.split())  # the answer joins a list's lines with spaces
        at = whole.find(" ".join(sentence.split())[:60])
        before_break = len(" ".join(self.text[: self.next_page_at].split()))
        return self.page + 1 if at >= before_break else self.page

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata: scalars only, no None (Chroma rejects it)."""
        meta = {name: getattr(self, name) for name in CHUNK_METADATA_FIELDS}
        meta["page"] = self.page if self.page is not None else 0
        return meta

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        values = {name: meta.get(name, "") for name in CHUNK_METADATA_FIELDS}
        values["page"] = int(meta.get("page") or 0) or None
        values["chunk_index"] = int(meta.get("chunk_index") or 0)
        values["next_page_at"] = int(meta.get("next_page_at") or 0)  # an older index has none
        return cls(id=chunk_id, text=text, **values)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its scores."""

    chunk: Chunk
    score: float  # fused score used for ranking
    similarity: float = 0.0  # cosine similarity to the question (dense), 0 if only lexical
    lexical: float = 0.0  # BM25 score, 0 if only dense
    # its last sentence goes on in the next passage (which opens in lower case): quotable with '…'
    runs_on: bool = False


@dataclass(frozen=True)
class Citation:
    n: int
    passage: Passage
    duty: Duty = None
    supporting: tuple[str, ...] = ()  # sentences of the passage the answer quotes
    unverified: bool = False  # no catalogue entry or sidecar names the document's publisher

    @property
    def page(self) -> int | None:
        """The page the first sentence the answer quotes starts on (the passage's first page
        when it quotes none)."""
        chunk = self.passage.chunk
        return chunk.page_of(self.supporting[0]) if self.supporting else chunk.page

    @property
    def pages(self) -> str | None:
        """The page the answer's quotes from this passage start on, or the pages they span
        ('133–134') when one starts after the page break: a reader checking the second sentence
        on the first page would not find it."""
        chunk = self.passage.chunk
        starts = sorted({p for p in (chunk.page_of(s) for s in self.supporting) if p})
        if len(starts) > 1:
            return f"{starts[0]}–{starts[-1]}"
        page = self.page
        return str(page) if page else None

    def to_dict(self) -> dict[str, Any]:
        c = self.passage.chunk
        return {
            "n": self.n,
            "id": c.id,
            "doc_id": c.doc_id,
            "title": c.title,
            "edition": c.edition,
            "publisher": c.publisher,
            "jurisdiction": c.jurisdiction,
            "kind": c.kind,
            "status": c.status,
            "section": c.section,
            "paragraph": c.paragraph,
            "page": self.page,
            "pages": self.pages,
            "source": c.source,
            "url": c.url,
            "duty": self.duty,
            "text": c.text,
            "supporting": list(self.supporting),
            "unverified_source": self.unverified,
            "score": round(self.passage.score, 4),
            "similarity": round(self.passage.similarity, 4),
        }


@dataclass(frozen=True)
class Notice:
    kind: Literal["emergency", "superseded", "jurisdiction", "personal_data", "info", "authority"]
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text}


@dataclass
class Answer:
    question: (
        str  # as asked, personal details replaced by placeholders ([NAME]): the only form kept
    )
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    backend: str = "extractive"
    standalone_question: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "refused": self.refused,
            "notices": [n.to_dict() for n in self.notices],
            "citations": [c.to_dict() for c in self.citations],
            "backend": self.backend,
            "standalone_question": self.standalone_question,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
