"""Runs the evaluation set through the same AnswerService every front end uses, scores each
question (evals/metrics.py) and aggregates overall and per category."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import JoinedUpError
from assistant.safety import redact
from evals import metrics as m
from evals.dataset import EvalQuestion

RETRIEVAL_DEPTH = 10  # passages scored for recall@10, MRR@10, nDCG@10
RETRIEVAL_METRICS = ("recall@1", "recall@5", "recall@10", "hit@5", "mrr@10", "ndcg@10", "page@5")
UNTUNED = "untuned"  # the half of the dev set nobody tunes on (evals/datasets/dev.jsonl "split")
ANSWER_METRICS = (
    "citation_validity",
    "citation_support",
    "key_fact_recall",
    "leads_with_fact",
    "notice_recall",
)
LOWER_IS_BETTER = frozenset(
    {"false_refusal_rate", "emergency_false_positive_rate", "latency_p50_ms", "latency_p95_ms"}
)


@dataclass
class EvalRun:
    results: list[dict]
    summary: dict


Location = tuple[str, int | None]  # (file name, page)


def retrieval_scores(
    passages: list[str],
    question: EvalQuestion,
    locations: list[Location] | None = None,
    gold_pages: set[Location] | None = None,
) -> dict[str, float]:
    quotes = question.quotes
    pages = (
        {"page@5": m.page_at_k(locations, gold_pages, 5)}
        if locations is not None and gold_pages
        else {}
    )
    return {
        **pages,
        "recall@1": m.recall_at_k(passages, quotes, 1),
        "recall@5": m.recall_at_k(passages, quotes, 5),
        "recall@10": m.recall_at_k(passages, quotes, 10),
        "hit@5": m.hit_at_k(passages, quotes, 5),
        "mrr@10": m.mrr_at_k(passages, quotes, 10),
        "ndcg@10": m.ndcg_at_k(passages, quotes, 10),
    }


def answer_scores(
    answer: dict, question: EvalQuestion, index_text: dict[str, str]
) -> dict[str, float | None]:
    notices = {n["kind"] for n in answer["notices"]}
    scores: dict[str, float | None] = {
        "citation_validity": None,
        "citation_support": None,
        "key_fact_recall": None,
        "leads_with_fact": None,
        "notice_recall": (
            sum(k in notices for k in question.expected_notices) / len(question.expected_notices)
            if question.expected_notices
            else None
        ),
    }
    if not answer["refused"]:
        scores["citation_validity"] = m.citation_validity(
            answer["answer"], answer["citations"], index_text
        )
        scores["citation_support"] = m.citation_support(answer["answer"], answer["citations"])
    if question.answerable and question.key_facts:
        scores["key_fact_recall"] = (
            0.0 if answer["refused"] else m.key_fact_recall(answer["answer"], question.key_facts)
        )
        scores["leads_with_fact"] = (
            0.0 if answer["refused"] else m.leads_with_fact(answer["answer"], question.key_facts)
        )
    return scores


def gold_pages(chunks_by_doc: dict[str, list], question: EvalQuestion) -> set[Location]:
    """Where the gold quotes are: (file name, page) of every indexed chunk holding one."""
    from evals.textmatch import contains_quote

    found = set()
    for gold in question.gold:
        for chunk in chunks_by_doc.get(gold.doc_id, []):
            if contains_quote(chunk.text, gold.quote):
                found.add((Path(chunk.source).name, chunk.page))
    return found


def evaluate_question(
    service,
    question: EvalQuestion,
    index_text: dict[str, str],
    k: int | None,
    backend: str | None,
    pages: set[Location] | None = None,
) -> dict:
    depth = k or RETRIEVAL_DEPTH
    row: dict = {
        "id": question.id,
        "question": redact(question.question),
        "category": question.category,
        "answerable": question.answerable,
        "emergency": question.emergency,
        "expected": [{"doc_id": g.doc_id, "quote": g.quote} for g in question.gold],
        "key_facts": [list(f) for f in question.key_facts],
        "split": question.split,
    }
    started = time.perf_counter()
    try:
        answer = service.ask(question.question, k=k, backend=backend).to_dict()
    except JoinedUpError as exc:
        answer = {"answer": "", "refused": True, "notices": [], "citations": [], "error": str(exc)}
    row["latency_ms"] = (time.perf_counter() - started) * 1000
    row["answer"] = answer["answer"]
    row["refused"] = answer["refused"]
    row["notices"] = [n["kind"] for n in answer["notices"]]
    row["citations"] = [
        {
            "n": c["n"],
            "id": c["id"],
            "doc_id": c["doc_id"],
            "page": c["page"],
            "paragraph": c["paragraph"],
        }
        for c in answer["citations"]
    ]
    row["emergency_flagged"] = "emergency" in row["notices"]
    # After `ask`, so ask's latency is not flattered by the question's embedding being cached.
    passages = service.search(question.question, k=depth)
    row["retrieved"] = [
        {
            "id": p.chunk.id,
            "doc_id": p.chunk.doc_id,
            "page": p.chunk.page,
            "score": round(p.score, 4),
        }
        for p in passages
    ]
    if question.answerable:
        row.update(
            retrieval_scores(
                [p.chunk.text for p in passages],
                question,
                [(Path(p.chunk.source).name, p.chunk.page) for p in passages],
                pages,
            )
        )
    row.update(answer_scores(answer, question, index_text))
    return row


def peer_scores(
    recipe, question: EvalQuestion, pages: set[Location] | None = None
) -> dict[str, float]:
    started = time.perf_counter()
    hits = recipe.search(question.question, k=RETRIEVAL_DEPTH)
    latency_ms = (time.perf_counter() - started) * 1000  # the search only, as ours times ask only
    locations = [(h.source, h.page) for h in hits]
    return {
        **retrieval_scores([h.text for h in hits], question, locations, pages),
        "latency_ms": latency_ms,
    }


def aggregate(rows: list[dict]) -> dict[str, float | None]:
    out: dict[str, float | None] = {
        "questions": len(rows),
        "retrieval_questions": sum(r.get("hit@5") is not None for r in rows),
    }
    for name in RETRIEVAL_METRICS + ANSWER_METRICS:
        out[name] = m.mean([r.get(name) for r in rows])
    refused = [r["refused"] for r in rows]
    answerable = [r["answerable"] for r in rows]
    flagged = [r["emergency_flagged"] for r in rows]
    emergency = [r["emergency"] for r in rows]
    out["refusal_accuracy"] = m.refusal_accuracy(refused, answerable)
    out["false_refusal_rate"] = m.false_refusal_rate(refused, answerable)
    out["emergency_recall"] = m.emergency_recall(flagged, emergency)
    out["emergency_false_positive_rate"] = m.emergency_false_positive_rate(flagged, emergency)
    latencies = [r["latency_ms"] for r in rows]
    out["latency_p50_ms"] = m.percentile(latencies, 50)
    out["latency_p95_ms"] = m.percentile(latencies, 95)
    return out


def aggregate_peer(rows: list[dict]) -> dict[str, float | None]:
    out: dict[str, float | None] = {"questions": len(rows)}
    for name in RETRIEVAL_METRICS:
        out[name] = m.mean([r.get(name) for r in rows])
    latencies = [r["latency_ms"] for r in rows]
    out["latency_p50_ms"] = m.percentile(latencies, 50)
    out["latency_p95_ms"] = m.percentile(latencies, 95)
    return out


def by_category(rows: list[dict], aggregate_fn: Callable[[list[dict]], dict]) -> dict[str, dict]:
    categories = sorted({r["category"] for r in rows})
    return {c: aggregate_fn([r for r in rows if r["category"] == c]) for c in categories}


def run_eval(
    service,
    questions: list[EvalQuestion],
    k: int | None = None,
    backend: str | None = None,
    peers: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EvalRun:
    """Ask every question; with `peers` (name -> a built evals.peer recipe) also score their retrieval.
    The summary holds the whole set and, under "untuned", the half nobody tuned on."""
    service.warm_up()
    peers = peers or {}
    index_text = {cid: chunk.text for cid, chunk in service.reader.chunks.items()}
    by_doc: dict[str, list] = {}
    for chunk in service.reader.chunks.values():
        by_doc.setdefault(chunk.doc_id, []).append(chunk)
    rows = []
    for i, question in enumerate(questions, start=1):
        pages = gold_pages(by_doc, question)
        row = evaluate_question(service, question, index_text, k, backend, pages)
        if question.answerable and peers:
            row["peers"] = {
                name: peer_scores(recipe, question, pages) for name, recipe in peers.items()
            }
        rows.append(row)
        if progress:
            progress(i, len(questions))
    summary = summarise(rows, peers)
    summary[UNTUNED] = summarise([r for r in rows if r.get("split") == UNTUNED], peers)
    return EvalRun(rows, summary)


def summarise(rows: list[dict], peers: dict) -> dict:
    """Ours overall and per category; each peer's retrieval on the same questions ("peer" is the
    plain recipe, kept under that name for baselines and older reports)."""
    summary = {
        "overall": aggregate(rows),
        "per_category": by_category(rows, aggregate),
        "peers": {},
    }
    for name, recipe in peers.items():
        peer_rows = [
            {"category": r["category"], **r["peers"][name]}
            for r in rows
            if name in r.get("peers", {})
        ]
        if peer_rows:
            summary["peers"][name] = {
                "overall": aggregate_peer(peer_rows),
                "per_category": by_category(peer_rows, aggregate_peer),
                "chunks": recipe.chunks,
                "build_seconds": round(recipe.build_seconds, 1),
                "engine": getattr(recipe, "engine", ""),
            }
    if "recipe" in summary["peers"]:
        summary["peer"] = summary["peers"]["recipe"]
    return summary


def seed_doc_ids(service, guidance_dir: Path) -> set[str]:
    """Documents of the index that come from this folder (the seed texts: guidance_docs/reviews)."""
    root = Path(guidance_dir).resolve()
    seeds = set()
    for doc_id, entry in service.reader.manifest.documents.items():
        source = Path(entry.source_path).resolve()
        if root in source.parents:
            seeds.add(doc_id)
    return seeds


def indexed_files(service) -> list[Path]:
    return sorted(
        Path(record.source_path)
        for record in service.reader.manifest.documents.values()
        if record.source_path
    )
