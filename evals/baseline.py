"""The regression gate: compare a run's overall metrics with a committed baseline
(evals/baselines/*.json), each within its tolerance. Baselines change only with --write-baseline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from evals.runner import LOWER_IS_BETTER

# Metrics the gate watches, with the drop each may take before the run fails. Latency is not
# gated (it depends on the machine); benchmarks/ measure speed.
DEFAULT_TOLERANCES = {
    "recall@1": 0.03,
    "recall@5": 0.03,
    "recall@10": 0.03,
    "hit@5": 0.03,
    "mrr@10": 0.03,
    "ndcg@10": 0.03,
    "citation_validity": 0.0,
    "citation_support": 0.03,
    "key_fact_recall": 0.03,
    "notice_recall": 0.05,
    "refusal_accuracy": 0.0,
    "false_refusal_rate": 0.03,
    "emergency_recall": 0.0,
    "emergency_false_positive_rate": 0.02,
}


@dataclass(frozen=True)
class Regression:
    metric: str
    baseline: float
    got: float | None
    tolerance: float

    def __str__(self) -> str:
        got = "missing" if self.got is None else f"{self.got:.3f}"
        direction = "rose" if self.metric in LOWER_IS_BETTER else "fell"
        return f"{self.metric} {direction}: {got} vs baseline {self.baseline:.3f} (tolerance {self.tolerance:.3f})"


def read_baseline(path: Path) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "metrics" not in data:
        raise ValueError(f"{path}: a baseline needs a 'metrics' object")
    return data


# A written baseline holds each metric rounded to 4 decimals: a run equal to the one that wrote
# it (0.79166… stored as 0.7917) must not read as a drop.
ROUNDING = 0.5e-4 + 1e-9


def compare(overall: dict, baseline: dict) -> list[Regression]:
    tolerances = {**DEFAULT_TOLERANCES, **baseline.get("tolerances", {})}
    regressions = []
    for metric, expected in baseline["metrics"].items():
        if expected is None:
            continue
        tolerance = tolerances.get(metric, 0.03)
        got = overall.get(metric)
        if got is None:
            regressions.append(Regression(metric, expected, None, tolerance))
        elif metric in LOWER_IS_BETTER and got > expected + tolerance + ROUNDING:
            regressions.append(Regression(metric, expected, got, tolerance))
        elif metric not in LOWER_IS_BETTER and got < expected - tolerance - ROUNDING:
            regressions.append(Regression(metric, expected, got, tolerance))
    return regressions


def write_baseline(path: Path, overall: dict, dataset: str, scope: str) -> None:
    metrics = {
        name: (round(overall[name], 4) if overall.get(name) is not None else None)
        for name in DEFAULT_TOLERANCES
    }
    data = {
        "about": "Overall metrics of a deliberate evaluation run; `joinedup eval --baseline` fails when a "
        "metric drops more than its tolerance. Update only with --write-baseline, on purpose.",
        "dataset": dataset,
        "scope": scope,
        "questions": overall.get("questions"),
        "metrics": metrics,
        "tolerances": DEFAULT_TOLERANCES,
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
