"""Ingest benchmark: the seeds plus ../shared/corpus/*.pdf into a temporary store.

Prints pages, chunks, seconds, chunks/s and peak RSS; in the same run, on the same chunk texts,
the embedder's raw `encode` time for what ingest embeds (the chunks, then every quotable
sentence: assistant/sentence_vectors.py) and the ratio of that to ingest's time (target >= 0.9:
ingest is no slower than the model allows); then the unchanged re-ingest time (median of 3 runs of the CLI in
a fresh process, target <= 3 s). The model is loaded before timing, as in a warm process."""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import REPO, corpus_files, median  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--local", action="store_true", help="also ingest ../shared/corpus/local/*.pdf"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from assistant.config import Settings
    from assistant.embeddings import get_embedder
    from assistant.store import IndexReader
    from ingest.pipeline import embedding_text, ingest

    files = corpus_files(args.local)
    store = Path(tempfile.mkdtemp(prefix="joinedup-bench-")) / "store"
    settings = Settings(store=store)
    embedder = get_embedder(settings)
    embedder.encode(["warm up the model"])

    started = time.perf_counter()
    report = ingest(files, settings)
    ingest_s = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    reader = IndexReader.open(store)
    texts = [embedding_text(c) for c in reader.chunks.values()]
    started = time.perf_counter()
    embedder.encode(texts, batch_size=settings.embed_batch_size)
    encode_s = time.perf_counter() - started
    sentences = list(reader.sentences.texts)
    started = time.perf_counter()
    embedder.encode(sentences, batch_size=settings.embed_batch_size)
    encode_sentences_s = time.perf_counter() - started

    unchanged = []
    for _ in range(3):
        started = time.perf_counter()
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "assistant.cli",
                "ingest",
                *map(str, files),
                "--store",
                str(store),
                "--json",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        )
        unchanged.append(time.perf_counter() - started)
        assert json.loads(out.stdout)["unchanged"] == len(files)

    ingest_rate = report.chunks / ingest_s
    encode_rate = len(texts) / encode_s
    model_s = encode_s + encode_sentences_s  # what the model alone takes for what ingest embeds
    figures = {
        "files": len(files),
        "pages": report.pages,
        "chunks": report.chunks,
        "ingest_seconds": round(ingest_s, 1),
        "ingest_chunks_per_s": round(ingest_rate, 1),
        "peak_rss_mb": round(peak_rss_mb),
        "encode_seconds": round(encode_s, 1),
        "encode_chunks_per_s": round(encode_rate, 1),
        "sentences": report.sentences,
        "encode_sentences_seconds": round(encode_sentences_s, 1),
        "ratio_ingest_to_encode": round(model_s / ingest_s, 3),
        "unchanged_reingest_s_median_of_3": round(median(unchanged), 2),
        "skipped": [s.path for s in report.skipped],
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>34}: {value}")
        print(
            f"{'targets':>34}: ratio >= 0.9 ({'met' if figures['ratio_ingest_to_encode'] >= 0.9 else 'NOT met'}), "
            f"unchanged <= 3 s ({'met' if figures['unchanged_reingest_s_median_of_3'] <= 3 else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
