"""The seeds-only evaluation with its regression gate (runs inside `make test`), and the proof that
the gate bites: breaking retrieval on purpose (k = 1) makes `joinedup eval --baseline` exit non-zero."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, run_cli

SEEDS_BASELINE = REPO / "evals" / "baselines" / "seeds.json"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def seeds_eval(seed_settings, seed_service, tmp_path_factory):
    from evals.evaluate import EvalOptions, evaluate

    out = tmp_path_factory.mktemp("eval")
    options = EvalOptions(out=out, baseline=SEEDS_BASELINE, with_peer=True)
    return evaluate(seed_settings, options, service=seed_service), out


def test_seeds_evaluation_meets_the_committed_baseline(seeds_eval):
    outcome, _ = seeds_eval
    assert outcome.regressions == [], [str(r) for r in outcome.regressions]


def test_seeds_evaluation_writes_the_four_files(seeds_eval):
    outcome, out = seeds_eval
    assert sorted(p.name for p in out.iterdir()) == [
        "report.html",
        "report.md",
        "results.jsonl",
        "summary.json",
    ]
    summary = json.loads((out / "summary.json").read_text())
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert summary["run"]["scope"] == "seeds"
    assert len(results) == summary["overall"]["questions"] >= 30
    assert summary["run"]["skipped"] > 0  # the corpus questions
    assert {"out_of_scope", "emergency", "history"} <= set(summary["per_category"])
    assert summary["peer"]["overall"]["recall@5"] is not None  # the recipe's row, same questions
    for row in results:
        assert {"retrieved", "answer", "citations", "refused", "latency_ms"} <= set(row)
    report = (out / "report.md").read_text()
    assert "| overall |" in report and "recipe recall@5" in report
    assert "<svg" in (out / "report.html").read_text()


def test_breaking_retrieval_fails_the_gate_naming_the_metrics(seed_settings, tmp_path):
    result = run_cli(
        "eval",
        "--store",
        str(seed_settings.store),
        "--k",
        "1",
        "--baseline",
        str(SEEDS_BASELINE),
        "--out",
        str(tmp_path / "broken"),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "REGRESSION" in result.stderr
    assert "recall@5 fell" in result.stderr and "ndcg@10 fell" in result.stderr
    assert "Traceback" not in result.stderr
