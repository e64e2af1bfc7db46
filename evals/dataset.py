"""The evaluation set: reading evals/datasets/*.jsonl and choosing which questions an index can answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

DEFAULT_DATASET = Path(__file__).resolve().parent / "datasets" / "dev.jsonl"
# Near-domain questions the guidance does not answer (benefits, immigration, employment law,
# health dosing, school admin): asked with the dev set so refusal accuracy counts them.
NEAR_DOMAIN_DATASET = Path(__file__).resolve().parent / "datasets" / "near_domain.jsonl"
CATEGORIES = (
    "factual",
    "definition",
    "procedure",
    "england_vs_wales",
    "history",
    "multi_passage",
    "local_vs_national",
    "superseded",
    "emergency",
    "out_of_scope",
)


@dataclass(frozen=True)
class Gold:
    doc_id: str
    quote: str


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    category: str
    answerable: bool
    jurisdiction: str = "England"
    needs_corpus: bool = False
    emergency: bool = False
    expected_notices: tuple[str, ...] = ()
    gold: tuple[Gold, ...] = ()
    key_facts: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    split: str = (
        "tune"  # "tune": may be looked at while tuning; "untuned": reported apart, never tuned on
    )

    @property
    def quotes(self) -> list[str]:
        return [g.quote for g in self.gold]

    @property
    def gold_doc_ids(self) -> set[str]:
        return {g.doc_id for g in self.gold}


SPLITS = ("tune", "untuned")


class DatasetError(ValueError):
    pass


T = TypeVar("T")


def _split(value: str) -> str:
    if value not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {value!r}")
    return value


def read_jsonl(path: Path, parse: Callable[[dict], T], what: str) -> list[T]:
    """`parse` of each non-blank line's JSON object; a line that is not one (or that `parse`
    refuses with ValueError, KeyError or TypeError) is a DatasetError naming the file, the line
    and `what` it should have been."""
    out = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(parse(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise DatasetError(f"{path}:{number}: not a valid {what} ({exc})") from exc
    return out


def load_dataset(path: Path = DEFAULT_DATASET) -> list[EvalQuestion]:
    return read_jsonl(path, _question, "evaluation question")


def _question(raw: dict) -> EvalQuestion:
    return EvalQuestion(
        id=str(raw["id"]),
        question=raw["question"],
        category=raw["category"],
        answerable=bool(raw["answerable"]),
        jurisdiction=raw.get("jurisdiction", "England"),
        needs_corpus=bool(raw.get("needs_corpus", False)),
        emergency=bool(raw.get("emergency", False)),
        expected_notices=tuple(raw.get("expected_notices", [])),
        gold=tuple(Gold(g["doc_id"], g["quote"]) for g in raw.get("gold", [])),
        key_facts=tuple(tuple(f) for f in raw.get("key_facts", [])),
        split=_split(raw.get("split", "tune")),
    )


def runnable(
    questions: list[EvalQuestion], indexed_doc_ids: set[str], seed_doc_ids: set[str]
) -> tuple[list[EvalQuestion], list[EvalQuestion]]:
    """Split into (run, skipped). A question runs when the index holds every document its gold
    cites; a question marked needs_corpus runs only when the index holds more than the seeds
    (so a seeds-only index skips them, and does not count corpus-only topics as out of scope)."""
    has_corpus = bool(indexed_doc_ids - seed_doc_ids)
    run, skipped = [], []
    for q in questions:
        ok = q.gold_doc_ids <= indexed_doc_ids and (has_corpus or not q.needs_corpus)
        (run if ok else skipped).append(q)
    return run, skipped
