"""Each evaluation metric on hand-made cases where the right value is known."""

from __future__ import annotations

import json
import math

import pytest

from evals import metrics as m
from evals.baseline import DEFAULT_TOLERANCES, compare, write_baseline

PASSAGES = [
    "The local authority must hold a strategy discussion.",  # rank 1: gold B
    "Unrelated text about parking.",  # rank 2
    "Safeguarding partners must publish   their ARRANGEMENTS.",  # rank 3: gold A (case/space differ)
    "Safeguarding partners must publish their arrangements again.",  # rank 4: duplicate of gold A
]
GOLD_A = "safeguarding partners must publish their arrangements"
GOLD_B = "must hold a strategy discussion"


def test_recall_counts_each_gold_quote_once():
    assert m.recall_at_k(PASSAGES, [GOLD_A, GOLD_B], 1) == 0.5
    assert m.recall_at_k(PASSAGES, [GOLD_A, GOLD_B], 3) == 1.0
    assert m.recall_at_k(PASSAGES, ["not there at all"], 10) == 0.0


def test_hit_rate():
    assert m.hit_at_k(PASSAGES, [GOLD_A], 2) == 0.0
    assert m.hit_at_k(PASSAGES, [GOLD_A], 3) == 1.0


def test_mrr_is_reciprocal_rank_of_first_relevant():
    assert m.mrr_at_k(PASSAGES, [GOLD_A], 10) == pytest.approx(1 / 3)
    assert m.mrr_at_k(PASSAGES, [GOLD_A, GOLD_B], 10) == 1.0
    assert m.mrr_at_k(PASSAGES, [GOLD_A], 2) == 0.0


def test_ndcg_known_values_and_duplicates_do_not_inflate():
    # Gold B at rank 1, gold A at rank 3, ideal has both at ranks 1 and 2.
    expected = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
    assert m.ndcg_at_k(PASSAGES, [GOLD_A, GOLD_B], 10) == pytest.approx(expected)
    # Only gold A: first found at rank 3, the duplicate at rank 4 earns nothing.
    assert m.ndcg_at_k(PASSAGES, [GOLD_A], 10) == pytest.approx(1 / math.log2(4))
    assert m.ndcg_at_k(list(reversed(PASSAGES)), [GOLD_A], 10) == 1.0


def test_quote_matching_normalises_typography_but_not_words():
    assert (
        m.recall_at_k(["the child\u2019s needs \u2013 assessed"], ["child's needs - assessed"], 1)
        == 1.0
    )
    assert (
        m.recall_at_k(["the child's needs were assessed"], ["child's wants were assessed"], 1)
        == 0.0
    )


CITATIONS = [
    {"n": 1, "id": "c1", "text": "Safeguarding partners must publish their arrangements."},
    {
        "n": 2,
        "id": "c2",
        "text": "A strategy discussion should be held when there is reasonable cause to suspect harm.",
    },
]
INDEX = {"c1": CITATIONS[0]["text"], "c2": CITATIONS[1]["text"]}


def test_citation_validity():
    assert m.citation_validity("Partners must publish arrangements. [1]", CITATIONS, INDEX) == 1.0
    assert (
        m.citation_validity("Partners must publish arrangements. [3]", CITATIONS, INDEX) == 0.0
    )  # no [3]
    altered = [CITATIONS[0] | {"text": "Safeguarding partners may publish their arrangements."}]
    assert m.citation_validity("They publish. [1]", altered, INDEX) == 0.0  # not verbatim
    assert m.citation_validity("x [1]", [{"n": 1, "id": "gone", "text": "t"}], INDEX) == 0.0


def test_citation_support_counts_claims_by_the_passage_they_cite():
    answer = (
        "Safeguarding partners must publish their arrangements. [1] "
        "A strategy discussion should be held when there is reasonable cause. [2]"
    )
    assert m.citation_support(answer, CITATIONS) == 1.0
    wrong_passage = "Safeguarding partners must publish their arrangements. [2]"
    assert m.citation_support(wrong_passage, CITATIONS) == 0.0
    half = answer + " Schools must also inspect every pupil daily."  # an uncited claim
    assert m.citation_support(half, CITATIONS) == pytest.approx(2 / 3)
    assert (
        m.citation_support(
            "Partners must publish arrangements [1]. Strategy discussions are held [2].", CITATIONS
        )
        == 1.0
    )


def test_key_fact_recall_accepts_any_phrasing():
    answer = "A strategy meeting is held within 15 working days."
    facts = [["strategy discussion", "strategy meeting"], ["15 working days"], ["45 working days"]]
    assert m.key_fact_recall(answer, facts) == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        m.key_fact_recall(answer, [])


def test_refusal_and_emergency_rates():
    refused = [True, False, True, False]
    answerable = [False, False, True, True]
    assert m.refusal_accuracy(refused, answerable) == 0.5
    assert m.false_refusal_rate(refused, answerable) == 0.5
    flagged = [True, True, False, False]
    emergency = [True, False, True, False]
    assert m.emergency_recall(flagged, emergency) == 0.5
    assert m.emergency_false_positive_rate(flagged, emergency) == 0.5
    assert m.refusal_accuracy([True], [True]) is None  # no out-of-scope questions: not measured


def test_percentiles():
    assert m.percentile([10, 20, 30, 40, 50], 50) == 30
    assert m.percentile([1, 2], 95) == pytest.approx(1.95)
    assert m.percentile([], 50) is None


def test_baseline_gate_fails_on_a_drop_beyond_tolerance_in_either_direction():
    baseline = {
        "metrics": {"recall@5": 0.80, "false_refusal_rate": 0.05},
        "tolerances": {"recall@5": 0.03},
    }
    assert compare({"recall@5": 0.78, "false_refusal_rate": 0.05}, baseline) == []
    fell = compare({"recall@5": 0.70, "false_refusal_rate": 0.05}, baseline)
    assert [r.metric for r in fell] == ["recall@5"] and "fell" in str(fell[0])
    rose = compare({"recall@5": 0.80, "false_refusal_rate": 0.20}, baseline)
    assert [r.metric for r in rose] == ["false_refusal_rate"] and "rose" in str(rose[0])
    assert [r.metric for r in compare({}, baseline)] == ["recall@5", "false_refusal_rate"]


def test_a_run_equal_to_the_one_that_wrote_the_baseline_passes_it(tmp_path):
    """The written baseline rounds to 4 decimals (19/24 = 0.79166… is stored as 0.7917); with a
    tolerance of 0 the same run must still pass, and a real drop must not."""
    overall = {name: 19 / 24 for name in DEFAULT_TOLERANCES}
    overall["false_refusal_rate"] = 5 / 127  # 0.03937 stored as 0.0394: lower is better
    write_baseline(tmp_path / "b.json", overall, "dev", "full")
    baseline = json.loads((tmp_path / "b.json").read_text())
    baseline["tolerances"] = {name: 0.0 for name in DEFAULT_TOLERANCES}
    assert compare(overall, baseline) == []
    dropped = {**overall, "refusal_accuracy": 18 / 24}
    assert [r.metric for r in compare(dropped, baseline)] == ["refusal_accuracy"]
