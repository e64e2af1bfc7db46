"""Shared helpers for the benchmark scripts: where the corpus is, timing, medians and percentiles."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEEDS = REPO / "guidance_docs" / "reviews"


def corpus_files(include_local: bool = False) -> list[Path]:
    if not CORPUS.is_dir():
        raise SystemExit(f"{CORPUS} is not here: the benchmarks need ../shared/corpus")
    files = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.pdf"))
    if include_local:
        files += sorted((CORPUS / "local").glob("*.pdf"))
    return files


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed_ms(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
