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
    """evals.metrics.percentile (the eval's p95 and the benchmarks' p95 are one statistic), NaN
    rather than None when nothing was timed, so a report line still formats."""
    from evals.metrics import percentile as interpolated

    result = interpolated(values, q)
    return float("nan") if result is None else result


def timed_ms(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
