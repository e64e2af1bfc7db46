"""Evaluation metrics, one function each. Pure functions over plain data (texts, dicts), so each can
be checked on hand-made cases where the right value is known (tests/test_eval_metrics.py).

Relevance: a retrieved passage is relevant when it contains a gold quote (see evals/textmatch.py).
Each gold quote is credited once, so near-duplicate passages cannot push a score above 1."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from assistant.text import MARKER, MARKER_PATTERN, cited_numbers, snowball, without_local_label
from evals.textmatch import contains_quote, normalise

# --- retrieval ------------------------------------------------------------------------------


def gold_found(passages: Sequence[str], quotes: Sequence[str]) -> list[int | None]:
    """For each gold quote, the 0-based rank of the first passage containing it (None if absent)."""
    ranks: list[int | None] = []
    for quote in quotes:
        ranks.append(
            next((i for i, text in enumerate(passages) if contains_quote(text, quote)), None)
        )
    return ranks


def recall_at_k(passages: Sequence[str], quotes: Sequence[str], k: int) -> float:
    """Share of gold quotes found in the top k passages."""
    if not quotes:
        raise ValueError("recall needs at least one gold quote")
    ranks = gold_found(passages[:k], quotes)
    return sum(r is not None for r in ranks) / len(quotes)


def hit_at_k(passages: Sequence[str], quotes: Sequence[str], k: int) -> float:
    """1.0 when any gold quote is in the top k passages (the recipe comparison's hit rate)."""
    return 1.0 if any(r is not None for r in gold_found(passages[:k], quotes)) else 0.0


def page_at_k(
    locations: Sequence[tuple[str, int | None]], gold: set[tuple[str, int | None]], k: int
) -> float:
    """1.0 when any of the top k passages is on a page (file, page number) that holds a gold quote:
    the citation would send the reader to the right page even if the passage split the quote."""
    return 1.0 if any(loc in gold for loc in locations[:k]) else 0.0


def mrr_at_k(passages: Sequence[str], quotes: Sequence[str], k: int = 10) -> float:
    """Reciprocal rank of the first relevant passage within the top k (0 when none)."""
    for i, text in enumerate(passages[:k]):
        if any(contains_quote(text, q) for q in quotes):
            return 1.0 / (i + 1)
    return 0.0


def ndcg_at_k(passages: Sequence[str], quotes: Sequence[str], k: int = 10) -> float:
    """Binary nDCG: a passage gains 1 when it holds a gold quote no earlier passage held; the ideal
    ranking puts one passage per gold quote first."""
    if not quotes:
        raise ValueError("nDCG needs at least one gold quote")
    credited: set[int] = set()
    dcg = 0.0
    for i, text in enumerate(passages[:k]):
        new = {j for j, q in enumerate(quotes) if j not in credited and contains_quote(text, q)}
        if new:
            credited |= new
            dcg += 1.0 / math.log2(i + 2)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(quotes), k)))
    return dcg / ideal


# --- answers --------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A claim runs up to and including its group of markers ("Text. [1][2]" or "Text [1].").
_CLAIM_END = re.compile(rf"(?:\s*{MARKER_PATTERN})+[.!?;:]?")
STOPWORDS = frozenset(
    "a an and are as at be been by can could do does for from had has have he her his i if in into is "
    "it its may might must not of on or our should so such than that the their them then there these "
    "they this those to was we were what when where which who will with would you your".split()
)


def citation_validity(answer: str, citations: Sequence[dict], index_text: dict[str, str]) -> float:
    """1.0 when every [n] in the answer names one of the citations and every citation's text is
    verbatim the stored text of its chunk id; else 0.0."""
    numbers = {c["n"] for c in citations}
    if any(n not in numbers for n in cited_numbers(answer)):
        return 0.0
    for c in citations:
        stored = index_text.get(c.get("id", ""))
        if stored is None or stored != c.get("text"):
            return 0.0
    return 1.0


def content_words(text: str) -> set[str]:
    """Stemmed content words, so "discussions" in a claim is supported by "discussion" in a passage."""
    words = [w for w in _WORD.findall(normalise(text)) if w not in STOPWORDS and len(w) > 1]
    return set(snowball(words))


def answer_claims(answer: str) -> list[str]:
    """The answer cut into claims, each ending with the markers that cite it; text after the last
    marker group is a claim that cites nothing."""
    claims, start = [], 0
    for m in _CLAIM_END.finditer(answer):
        claims.append(answer[start : m.end()])
        start = m.end()
    claims.append(answer[start:])
    return [c.strip() for c in claims if _WORD.search(c.lower())]


def citation_support(answer: str, citations: Sequence[dict], min_share: float = 0.8) -> float:
    """Share of answer claims whose content words are (≥ min_share) found in the passages the claim
    cites. A claim that cites nothing is unsupported."""
    passages = {c["n"]: content_words(c.get("text", "")) for c in citations}
    scored = []
    for claim in answer_claims(answer):
        words = content_words(MARKER.sub(" ", without_local_label(claim)))  # the label is no claim
        if not words:
            continue
        cited: set[str] = set()
        for n in cited_numbers(claim):
            cited |= passages.get(n, set())
        share = len(words & cited) / len(words) if cited else 0.0
        scored.append(share >= min_share)
    return sum(scored) / len(scored) if scored else 0.0


def key_fact_recall(answer: str, key_facts: Sequence[Sequence[str]]) -> float:
    """Share of key facts of which at least one acceptable phrasing occurs in the answer."""
    if not key_facts:
        raise ValueError("key-fact recall needs at least one key fact")
    text = normalise(answer)
    return sum(any(normalise(p) in text for p in phrasings) for phrasings in key_facts) / len(
        key_facts
    )


def first_claim(answer: str) -> str:
    """The answer's first sentence: its text up to the first group of [n] markers."""
    claims = answer_claims(answer)
    return claims[0] if claims else ""


def leads_with_fact(answer: str, key_facts: Sequence[Sequence[str]]) -> float:
    """1.0 when the answer's first sentence holds one of the key facts (any acceptable phrasing)."""
    if not key_facts:
        raise ValueError("leads_with_fact needs at least one key fact")
    first = normalise(first_claim(answer))
    return 1.0 if any(normalise(p) in first for phrasings in key_facts for p in phrasings) else 0.0


def same_answer(answer: str, previous: str) -> bool:
    """The answer repeats the previous turn's answer word for word (markers and spacing aside)."""
    return bool(answer.strip()) and _unmarked(answer) == _unmarked(previous)


def _unmarked(text: str) -> str:
    return " ".join(MARKER.sub(" ", normalise(text)).split())


# --- behaviour over a set of questions --------------------------------------------------------


def _share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def refusal_accuracy(refused: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of out-of-scope (unanswerable) questions that were refused."""
    return _share([r for r, a in zip(refused, answerable, strict=True) if not a])


def false_refusal_rate(refused: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of answerable questions that were refused (lower is better)."""
    return _share([r for r, a in zip(refused, answerable, strict=True) if a])


def emergency_recall(flagged: Sequence[bool], is_emergency: Sequence[bool]) -> float | None:
    """Share of emergency questions that got the emergency notice."""
    return _share([f for f, e in zip(flagged, is_emergency, strict=True) if e])


def emergency_false_positive_rate(
    flagged: Sequence[bool], is_emergency: Sequence[bool]
) -> float | None:
    """Share of non-emergency questions that got the emergency notice (lower is better)."""
    return _share([f for f, e in zip(flagged, is_emergency, strict=True) if not e])


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (q in [0, 100]) interpolated linearly between the two nearest ranks:
    numpy's default ("linear", Hyndman-Fan type 7), so p50 is the median and p95 of 20 values lies
    between the 19th and 20th. The one definition the eval and the benchmarks report; None when
    there are no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
