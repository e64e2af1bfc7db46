"""What the index holds, as rows a person can read: the documents indexed (title, edition,
publisher, jurisdiction, kind, status, pages, chunks) and the catalogue's official documents
that are not. One pure function from the index manifest and the catalogue; the web Library tab
and `joinedup stats` both render these rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from assistant.types import DocumentInfo, DocumentRecord, document_fields

if TYPE_CHECKING:
    from assistant.catalogue import Catalogue, CatalogueEntry

# Kinds that carry authority: a duty or a requirement can be read from them.
AUTHORITATIVE_KINDS = frozenset({"statutory guidance", "legislation"})
KIND_ORDER = (
    "legislation",
    "statutory guidance",
    "non-statutory advice",
    "programme guide",
    "procedures",
)
NOT_INDEXED = "not indexed: `joinedup fetch` on a connected machine or add the file"


@dataclass(frozen=True)
class LibraryRow(DocumentInfo):
    """A document as the Library lists it: its metadata (`superseded_by`: the title of the edition
    that replaced it; `url`: where to read it) and what the index holds of it."""

    pages: int | None = None
    chunks: int | None = None
    held: bool = True

    @property
    def status_text(self) -> str:
        if self.status == "superseded":
            return f"superseded by {self.superseded_by}" if self.superseded_by else "superseded"
        return self.status or "current"

    @property
    def note(self) -> str:
        return "" if self.held else NOT_INDEXED

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["url"] = row.pop("url")  # after what the index holds, where the Library's JSON has it
        return {**row, "status_text": self.status_text, "note": self.note}


def holds_authority(documents: Mapping[str, DocumentRecord]) -> bool:
    """Whether the index holds any statutory guidance or legislation."""
    return any(str(d.kind).lower() in AUTHORITATIVE_KINDS for d in documents.values())


def library_rows(documents: Mapping[str, DocumentRecord], catalogue: Catalogue) -> list[LibraryRow]:
    """Indexed documents first (authority first, current before superseded), then the official
    documents the catalogue knows that the index lacks. A catalogue entry counts as held when a
    document has its id, its checksum or one of its file names."""
    held_ids = set(documents)
    held_sha = {d.sha256 for d in documents.values()}
    held_names = {d.source for d in documents.values()}
    rows = [_held_row(doc_id, d, catalogue) for doc_id, d in documents.items()]
    rows.sort(key=lambda r: (r.status == "superseded", _kind_rank(r.kind), r.title.lower()))
    missing = [
        e
        for e in catalogue.entries
        if (e.landing_url or e.file_url)  # official documents; local ones cannot be fetched
        and e.doc_id not in held_ids
        and not (e.sha256 and e.sha256 in held_sha)
        and not held_names.intersection(e.files)
    ]
    missing.sort(key=lambda e: (e.status == "superseded", _kind_rank(e.kind), e.title.lower()))
    return rows + [_missing_row(e, catalogue) for e in missing]


def _held_row(doc_id: str, d: DocumentRecord, catalogue: Catalogue) -> LibraryRow:
    entry = catalogue.by_id(doc_id) or _by_checksum(catalogue, d.sha256)
    return LibraryRow(
        doc_id=doc_id,
        title=str(d.title or (entry.title if entry else doc_id)),
        edition=str(d.edition or (entry.edition if entry else "")),
        publisher=entry.publisher if entry else "",
        jurisdiction=str(d.jurisdiction or (entry.jurisdiction if entry else "")),
        kind=str(d.kind or (entry.kind if entry else "")),
        status=str(d.status or "current"),
        superseded_by=_successor(entry, catalogue),
        pages=int(d.pages) if d.pages is not None else None,
        chunks=len(d.chunk_ids),
        held=True,
        url=entry.landing_url if entry else "",
    )


def _missing_row(entry: CatalogueEntry, catalogue: Catalogue) -> LibraryRow:
    # the catalogue's metadata; the successor by its title; the landing page, else the file
    document = document_fields(entry) | {
        "superseded_by": _successor(entry, catalogue),
        "url": entry.landing_url or entry.file_url,
    }
    return LibraryRow(**document, held=False)


def _by_checksum(catalogue: Catalogue, sha256: str) -> CatalogueEntry | None:
    return next((e for e in catalogue.entries if sha256 and e.sha256 == sha256), None)


def _successor(entry: CatalogueEntry | None, catalogue: Catalogue) -> str:
    if entry is None or not entry.superseded_by:
        return ""
    newer = catalogue.by_id(entry.superseded_by)
    return newer.title if newer else entry.superseded_by


def _kind_rank(kind: str) -> int:
    kind = (kind or "").lower()
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
