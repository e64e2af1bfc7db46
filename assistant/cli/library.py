"""`joinedup ingest`, `fetch` and `stats`: what goes into the index, and what it holds."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.cli.settings import print_json, settings_from_args


def register(sub) -> None:
    p = sub.add_parser(
        "ingest", help="index documents (default: the bundled guidance_docs/ and fetched documents)"
    )
    p.add_argument("paths", nargs="*", help="files or folders of PDF, HTML, DOCX, Markdown, TXT")
    p.add_argument(
        "--store", type=Path, help="index folder (default: $JOINEDUP_STORE or .joinedup/store)"
    )
    p.add_argument("--prune", action="store_true", help="remove documents whose files are gone")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("fetch", help="download catalogue documents not yet present")
    p.add_argument("--dest", help="folder to download into (default: .joinedup/documents)")
    p.add_argument("--catalogue", help="catalogue YAML (default: guidance_docs/sources.yaml)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_fetch)

    p = sub.add_parser("stats", help="what the index holds")
    p.add_argument("--store", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import ingest

    settings = settings_from_args(args)
    report = ingest([Path(p) for p in args.paths] or None, settings, prune=args.prune)
    if args.json:
        print_json(report.to_dict())
    else:
        print(
            f"{report.documents} document(s) added or updated ({report.chunks} chunks), "
            f"{report.unchanged} unchanged, {report.removed} removed, "
            f"{len(report.skipped)} skipped in {report.seconds:.1f}s; "
            f"index now holds {report.total_documents} documents, {report.total_chunks} chunks "
            f"at {settings.store}"
        )
        for s in report.skipped:
            print(f"  skipped {s.path}: {s.reason}", file=sys.stderr)
        for d in report.duplicates:
            print(f"  duplicate {d.path}: same bytes as {d.same_as}, indexed once as '{d.doc_id}'")
    return 0 if report.ok else 1


def cmd_fetch(args: argparse.Namespace) -> int:
    from assistant.catalogue import Catalogue
    from ingest.fetch import fetch_all

    settings = settings_from_args(args)
    catalogue = Catalogue.load(Path(args.catalogue) if args.catalogue else settings.catalogue)
    if args.catalogue is None:  # the bundled reviews are not downloads
        catalogue.entries = [e for e in catalogue.entries if e.landing_url or e.file_url]
    dest = Path(args.dest) if args.dest else settings.documents_dir
    results = fetch_all(catalogue, dest, settings.fetch_timeout_s)
    if args.json:
        print_json({"dest": str(dest), "results": [r.to_dict() for r in results]})
    else:
        for r in results:
            print(f"{r.status:<10} {r.doc_id}: {r.detail}")
    failed = [r for r in results if r.status == "failed"]
    return 1 if failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from assistant.catalogue import Catalogue
    from assistant.library import holds_authority, library_rows
    from assistant.prompts import load_prompt
    from assistant.store import IndexReader

    settings = settings_from_args(args)
    reader = IndexReader.open(settings.store, settings.collection)
    docs = reader.manifest.documents
    rows = library_rows(docs, Catalogue.load(settings.catalogue))
    data = {
        "store": str(Path(settings.store).resolve()),
        "generation": reader.folder.name,
        "embedder": reader.manifest.embedder,
        "documents": len(docs),
        "chunks": reader.count(),
        "lexical_entries": len(reader.lexical),
        "holds_statutory": holds_authority(docs),
        "by_document": [
            {
                "doc_id": doc_id,
                "title": d.title,
                "edition": d.edition,
                "status": d.status,
                "jurisdiction": d.jurisdiction,
                "kind": d.kind,
                "pages": d.pages,
                "chunks": len(d.chunk_ids),
                "source": d.source,
            }
            for doc_id, d in sorted(docs.items())
        ],
        "library": [r.to_dict() for r in rows],
    }
    if args.json:
        print_json(data)
        return 0
    print(f"Index: {data['store']} ({data['generation']})")
    print(f"Embedder: {data['embedder']}")
    print(f"Documents: {data['documents']}   Chunks: {data['chunks']}")
    for r in rows:
        if r.held:
            print(
                f"  {r.title} | {r.edition} | {r.publisher or 'publisher not known'} | {r.jurisdiction} | "
                f"{r.kind} | {r.status_text} | {r.pages if r.pages is not None else '?'} pages, {r.chunks} chunks"
            )
    missing = [r for r in rows if not r.held]
    if missing:
        print("Catalogue documents not held:")
        for r in missing:
            print(f"  {r.title} | {r.edition} | {r.status_text} | {r.note}")
    if not data["holds_statutory"]:
        print(load_prompt("commentary_only_index"))
    return 0
