"""Download catalogue documents not yet present: checksum-verified, atomic (temp file + rename),
reported per document. Offline, each document fails with its reason; nothing is left half-written."""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.catalogue import Catalogue, CatalogueEntry, file_sha256

USER_AGENT = "joinedup-fetch/0.1 (+offline-first safeguarding guidance assistant)"


@dataclass
class FetchResult:
    doc_id: str
    status: str  # downloaded | present | failed | no_url
    detail: str
    path: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def fetch_all(catalogue: Catalogue, dest: Path, timeout_s: float = 30.0) -> list[FetchResult]:
    import httpx

    dest.mkdir(parents=True, exist_ok=True)
    results = []
    with httpx.Client(
        timeout=timeout_s,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        trust_env=False,
    ) as client:
        for entry in catalogue.entries:
            if not entry.file_url and not _present(entry, dest):
                results.append(
                    FetchResult(entry.doc_id, "no_url", "no download address in the catalogue")
                )
                continue
            results.append(fetch_one(client, entry, dest))
    return results


def _present(entry: CatalogueEntry, dest: Path) -> Path | None:
    target = dest / entry.file_name
    return target if target.exists() else None


def fetch_one(client, entry: CatalogueEntry, dest: Path) -> FetchResult:
    import httpx

    target = dest / entry.file_name
    if target.exists():
        if entry.sha256 and file_sha256(target) != entry.sha256:
            return FetchResult(
                entry.doc_id,
                "failed",
                "present but its sha256 does not match the catalogue",
                str(target),
            )
        return FetchResult(entry.doc_id, "present", "already downloaded", str(target))
    tmp = target.with_name(f".{target.name}.part-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with client.stream("GET", entry.file_url) as response:
            if response.status_code != 200:
                return FetchResult(
                    entry.doc_id, "failed", f"HTTP {response.status_code} from {entry.file_url}"
                )
            with open(tmp, "wb") as fh:
                for block in response.iter_bytes(1 << 16):
                    fh.write(block)
                    digest.update(block)
                fh.flush()
                os.fsync(fh.fileno())
        actual = digest.hexdigest()
        if entry.sha256 and actual != entry.sha256:
            return FetchResult(
                entry.doc_id,
                "failed",
                f"checksum mismatch: expected {entry.sha256[:12]}…, got {actual[:12]}… (file discarded)",
            )
        os.replace(tmp, target)
        note = "" if entry.sha256 else " (no checksum in catalogue to verify against)"
        return FetchResult(
            entry.doc_id, "downloaded", f"{target.stat().st_size} bytes{note}", str(target)
        )
    except httpx.HTTPError as exc:
        return FetchResult(
            entry.doc_id, "failed", f"cannot download {entry.file_url}: {_reason(exc)}"
        )
    except OSError as exc:
        return FetchResult(entry.doc_id, "failed", f"cannot write {target}: {exc.strerror or exc}")
    finally:
        if tmp.exists():
            tmp.unlink()


def _reason(exc: Exception) -> str:
    text = str(exc) or exc.__class__.__name__
    return text.splitlines()[0][:200]
