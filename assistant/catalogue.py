"""Document metadata: the catalogue (guidance_docs/sources.yaml), sidecars (NAME.meta.yaml beside a
file), and what a file says about itself, in that order of trust."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from assistant.errors import BadSidecar, UnreadableDocument
from assistant.files import open_regular
from assistant.types import DocumentInfo, document_fields

SIDECAR_FIELDS = (
    "doc_id",
    "title",
    "edition",
    "date",
    "publisher",
    "author",
    "jurisdiction",
    "kind",
    "status",
    "superseded_by",
    "url",
)


@dataclass(frozen=True)
class CatalogueEntry(DocumentInfo):
    """A document the catalogue (or a sidecar) knows: its metadata (DocumentInfo) and where it
    comes from. `url` is the address a reader is sent to: the landing page, else the file."""

    licence: str = ""
    landing_url: str = ""
    file_url: str = ""
    files: tuple[str, ...] = ()
    sha256: str = ""
    # other names practitioners use for it ("Wales Safeguarding Procedures")
    aliases: tuple[str, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "url", self.url or self.landing_url or self.file_url)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)

    def info(self) -> DocumentInfo:
        return DocumentInfo(**document_fields(self))

    @property
    def file_name(self) -> str:
        return self.files[0] if self.files else f"{self.doc_id}.pdf"


@dataclass
class Catalogue:
    entries: list[CatalogueEntry] = field(default_factory=list)
    problems: list[BadSidecar] = field(default_factory=list)  # sidecars left out, with why

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        """The catalogue file plus the sidecars of the bundled reviews beside it, so a copy of a
        seed found elsewhere (e.g. ../shared/seeds) gets the same metadata."""
        if not path.exists():
            return cls()
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries, problems = [], []
        for side in sorted(path.parent.glob("**/*.meta.yaml")):
            try:
                entries.append(_sidecar_entry(side))
            except BadSidecar as exc:
                problems.append(exc)
        for raw in data.get("documents", []):
            raw = {k: ("" if v is None else v) for k, v in raw.items()}
            raw["files"] = tuple(raw.get("files") or ())
            raw["aliases"] = tuple(raw.get("aliases") or ())
            known = {k: v for k, v in raw.items() if k in CatalogueEntry.__dataclass_fields__}
            known = {k: (str(v) if k not in ("files", "aliases") else v) for k, v in known.items()}
            entries.append(CatalogueEntry(**known))
        return cls(entries, problems)

    def by_id(self, doc_id: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.doc_id == doc_id), None)

    def match(self, path: Path, sha256: str) -> CatalogueEntry | None:
        for entry in self.entries:
            if entry.sha256 and entry.sha256 == sha256:
                return entry
        for entry in self.entries:
            if path.name in entry.files:
                return entry
        return None


def _sidecar_entry(side: Path) -> CatalogueEntry:
    name = side.name[: -len(".meta.yaml")]
    info = sidecar_info(parse_sidecar(side), name)
    files = tuple(str(p.name) for p in side.parent.glob(f"{name}.*") if p != side)
    return CatalogueEntry(**asdict(info), landing_url=info.url, files=files)


def sidecar_info(
    data: dict, name: str, title_hint: str = "", author_hint: str = "", year_hint: str = ""
) -> DocumentInfo:
    """A document's metadata from its sidecar's fields; what a field leaves out comes from the
    document itself (the hints), else from `name` (the sidecar's file name without .meta.yaml)."""
    return DocumentInfo(
        doc_id=str(data.get("doc_id") or slugify(name)),
        title=str(data.get("title") or title_hint or name),
        edition=str(data.get("edition") or data.get("date") or year_hint),
        publisher=str(data.get("publisher") or data.get("author") or author_hint),
        jurisdiction=str(data.get("jurisdiction") or "England"),
        kind=str(data.get("kind") or "guidance"),
        status=str(data.get("status") or "current"),
        superseded_by=str(data.get("superseded_by") or ""),
        url=str(data.get("url") or ""),
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sidecar_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.meta.yaml")


def read_sidecar(path: Path) -> dict | None:
    """The sidecar of a document, None if it has none; BadSidecar if it cannot be used."""
    side = sidecar_path(path)
    if not side.exists() and not side.is_symlink():
        return None
    return parse_sidecar(side)


MAX_SIDECAR_BYTES = 1 << 20  # a few lines of metadata; a megabyte is already absurd


def parse_sidecar(side: Path) -> dict:
    """A sidecar's fields: a YAML mapping whose known fields hold single values, not lists."""
    try:
        with open_regular(side, MAX_SIDECAR_BYTES) as fh:
            text = fh.read().decode("utf-8")
    except UnreadableDocument as exc:
        raise BadSidecar(str(side), exc.reason) from exc
    except UnicodeDecodeError as exc:
        raise BadSidecar(str(side), "not UTF-8 text") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise BadSidecar(str(side), f"not valid YAML{at} ({problem})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadSidecar(str(side), f"holds a {_yaml_kind(data)}, not 'field: value' lines")
    for name in SIDECAR_FIELDS:
        if isinstance(data.get(name), (list, dict)):
            raise BadSidecar(
                str(side), f"field '{name}' holds a {_yaml_kind(data[name])}, not a single value"
            )
    return data


def _yaml_kind(value) -> str:
    return {list: "list", dict: "mapping", str: "text"}.get(type(value), type(value).__name__)


def slugify(text: str) -> str:
    """Letters and digits of any script, joined by '-' ('子供.md' -> '子供-md', not 'md')."""
    text = unicodedata.normalize("NFC", text).lower()
    return re.sub(r"[\W_]+", "-", text).strip("-")[:80].strip("-") or "document"


def describe(
    path: Path,
    sha256: str,
    catalogue: Catalogue,
    title_hint: str = "",
    author_hint: str = "",
    year_hint: str = "",
    first_heading: str = "",
    name: str = "",
    use_sidecar: bool = True,
) -> DocumentInfo:
    """Metadata for a file: sidecar, else catalogue, else the file's own title/author/year.
    `name`: the file's path below the folder it was found in, for an id of its own when neither
    sidecar nor catalogue gives one (a/thresholds.md and b/thresholds.md are two documents).
    BadSidecar if the sidecar cannot be used (use_sidecar=False: leave it out)."""
    side = read_sidecar(path) if use_sidecar else None
    if side:
        return sidecar_info(side, path.stem, title_hint, author_hint, year_hint)
    entry = catalogue.match(path, sha256)
    if entry is not None:
        return entry.info()
    title = title_hint or first_heading or path.stem.replace("_", " ").replace("-", " ")
    return DocumentInfo(
        doc_id=slugify(
            name or path.name
        ),  # with the extension: guide.pdf and guide.txt are two documents
        title=title.strip()[:200],
        edition=year_hint or _year_in(path.stem),
        publisher=author_hint,
        jurisdiction=_jurisdiction_in(f"{path.stem} {title}"),
        kind="guidance",
        status="current",
        url="",
    )


def _year_in(text: str) -> str:
    years = re.findall(r"(?:19|20)\d\d", text)
    return years[-1] if years else ""


def _jurisdiction_in(text: str) -> str:
    return "Wales" if re.search(r"\b(wales|welsh|cymru)\b", text, re.IGNORECASE) else "England"


LOCAL_PUBLISHER = re.compile(
    r"\s+(?:Safeguarding\s+Children\s+(?:Partnership|Board)|Children(?:'s|’s)?\s+Partnership|"
    r"(?:County|City|Borough)?\s*Council)\b.*$",
    re.IGNORECASE,
)


def local_area(kind: str, publisher: str) -> str:
    """'Northamptonshire' for a local document of the Northamptonshire Safeguarding Children
    Partnership; '' for national documents."""
    if not (kind or "").lower().startswith("local") or not publisher:
        return ""
    area = LOCAL_PUBLISHER.sub("", publisher.strip()).strip()
    return area or publisher.strip()
