"""Generation size under replacement: the seeds and ../shared/corpus/*.pdf (the seeds alone when
the corpus is absent) are ingested into a temporary store, then re-issued (the same text in new
bytes, so every chunk of a re-issued file is replaced) --rounds times all together, then one
file at a time for --single rounds. Prints, after each ingest, the live generation's size (all
files, and Chroma's HNSW files alone), whether it was built fresh, and the seconds the ingest
took; then the same run with compaction off (what every ingest did before), and a fresh build of
the final files for reference.

Sizes do not depend on the vectors' values (384 float32 per chunk whatever the model), so the
default embedder is the fake one, which keeps a run to minutes; --embedder minilm uses the real
model (each round then re-embeds every replaced chunk)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import CORPUS, SEEDS  # noqa: E402

HNSW_FILES = (
    "data_level0.bin",
    "link_lists.bin",
    "length.bin",
    "header.bin",
    "index_metadata.pickle",
)


def sizes_mb(generation: Path) -> tuple[float, float]:
    files = [f for f in generation.rglob("*") if f.is_file() and not f.name.startswith(".")]
    total = sum(f.stat().st_size for f in files)
    hnsw = sum(f.stat().st_size for f in files if f.name in HNSW_FILES)
    return round(total / 1e6, 2), round(hnsw / 1e6, 2)


def reissue(path: Path, round_: int) -> None:
    """New bytes, same text: a PDF comment after %%EOF, or a trailing blank line."""
    with open(path, "ab") as fh:
        fh.write(f"\n%reissued {round_}\n".encode() if path.suffix == ".pdf" else b"\n")


def run(
    files: list[Path], embedder: str, rounds: int, single: int, compact: bool, work: Path
) -> list[dict]:
    import assistant.store as store
    from assistant.config import Settings
    from ingest.pipeline import ingest

    folder = work / ("docs-compact" if compact else "docs-plain")
    folder.mkdir(parents=True)
    for f in files:
        shutil.copy(f, folder)
    copies = sorted(p for p in folder.iterdir())
    settings = Settings(
        store=work / ("store-compact" if compact else "store-plain"),
        embedder=embedder,
        documents_dir=work / "none",
    )
    saved, store.COMPACT_SHARE = (
        store.COMPACT_SHARE,
        (store.COMPACT_SHARE if compact else float("inf")),
    )
    rows = []
    try:
        steps = [("first ingest", [])] + [
            (f"all re-issued ({r})", copies) for r in range(1, rounds + 1)
        ]
        steps += [
            (f"{copies[i % len(copies)].name} re-issued", [copies[i % len(copies)]])
            for i in range(single)
        ]
        replaced = 0
        for step, (label, changed) in enumerate(steps):
            for path in changed:
                reissue(path, step)
            started = time.perf_counter()
            report = ingest([folder], settings)
            seconds = time.perf_counter() - started
            if step:
                replaced += report.chunks
            live = store.live_generation(settings.store)
            total, hnsw = sizes_mb(live)
            rows.append(
                {
                    "step": label,
                    "chunks": report.total_chunks,
                    "replaced_so_far": replaced,
                    "size_mb": total,
                    "hnsw_mb": hnsw,
                    "built_fresh": store.Manifest.read(live).deleted_chunks == 0,
                    "seconds": round(seconds, 1),
                }
            )
    finally:
        store.COMPACT_SHARE = saved
    return rows


def fresh_build(folder: Path, embedder: str, work: Path) -> tuple[float, float]:
    from assistant.config import Settings
    from assistant.store import live_generation
    from ingest.pipeline import ingest

    settings = Settings(store=work / "store-fresh", embedder=embedder, documents_dir=work / "none")
    ingest([folder], settings)
    return sizes_mb(live_generation(settings.store))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="fake", choices=["fake", "minilm"])
    parser.add_argument("--rounds", type=int, default=2, help="re-issues of every file")
    parser.add_argument(
        "--single", type=int, default=4, help="then re-issues of one file at a time"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    files = sorted(SEEDS.glob("*.txt")) + (sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else [])
    work = Path(tempfile.mkdtemp(prefix="joinedup-growth-"))
    try:
        result = {
            "files": len(files),
            "compacting": run(files, args.embedder, args.rounds, args.single, True, work),
            "not_compacting": run(files, args.embedder, args.rounds, args.single, False, work),
        }
        result["fresh_build_mb"] = fresh_build(work / "docs-compact", args.embedder, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    fresh_total, fresh_hnsw = result["fresh_build_mb"]
    print(
        f"{result['files']} files; a fresh build of the final files: {fresh_total} MB (HNSW {fresh_hnsw} MB)"
    )
    for name in ("compacting", "not_compacting"):
        print(f"\n{name.replace('_', ' ')}:")
        for row in result[name]:
            print(
                f"  {row['step']:<42} {row['chunks']:>6} chunks, {row['replaced_so_far']:>6} replaced so far: "
                f"{row['size_mb']:>6} MB (HNSW {row['hnsw_mb']:>5} MB, {row['size_mb'] / fresh_total:.2f}x fresh)"
                f"{'  built fresh' if row['built_fresh'] else ''}  {row['seconds']} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
