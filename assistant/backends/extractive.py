"""The default backend: no model. It quotes, verbatim, the sentences of the retrieved passages
that best answer the question, each with its [n] marker. Honest by construction."""

from __future__ import annotations

import math
import re
from collections import Counter

from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.lexical import tokenize
from assistant.safety import looks_like_injection
from assistant.sentences import split_sentences
from assistant.types import Passage

MAX_PER_PASSAGE = 2
MAX_SENTENCE_WORDS = 90


class ExtractiveBackend:
    name = "extractive"
    generative = False

    def __init__(self, answer_words: int = 120):
        self.answer_words = answer_words

    @classmethod
    def from_settings(cls, settings: Settings) -> ExtractiveBackend:
        return cls(settings.answer_words)

    def compose(self, question: str, passages: list[Passage]) -> str:
        picked = select_sentences(question, passages, self.answer_words)
        return " ".join(f"{sentence} [{n}]" for n, _, sentence in picked)

    def chat(self, messages: list[dict[str, str]], *, seed: int | None = None, max_tokens: int = 400,
             json: bool = False) -> str:
        raise BackendUnavailable("the extractive backend has no model to write with")


def select_sentences(question: str, passages: list[Passage], budget_words: int) -> list[tuple[int, int, str]]:
    """(passage number, position, sentence) in reading order, about budget_words long."""
    query = set(tokenize(question))
    candidates = []
    for rank, passage in enumerate(passages):
        for position, sentence in enumerate(split_sentences(passage.chunk.text)):
            if _unquotable(sentence):
                continue
            candidates.append((rank, position, sentence, set(tokenize(sentence))))
    if not candidates:
        return []
    weights = _query_weights(query, [c[3] for c in candidates])
    total = sum(weights.values()) or 1.0

    def score(candidate) -> float:
        rank, position, sentence, tokens = candidate
        overlap = sum(weights[t] for t in query & tokens) / total
        prior = 1.0 / (1 + rank) + (0.1 if position == 0 else 0.0)
        words = len(sentence.split())
        length = 0.0 if 8 <= words <= 60 else -0.15
        fragment = -0.4 if _fragment(sentence) else 0.0
        return overlap + 0.35 * prior + length + fragment

    ranked = sorted(candidates, key=score, reverse=True)
    chosen, per_passage, words = [], Counter(), 0
    for candidate in ranked:
        rank, position, sentence, _ = candidate
        n_words = len(sentence.split())
        if per_passage[rank] >= MAX_PER_PASSAGE:
            continue
        if chosen and words + n_words > budget_words * 1.15:
            continue
        chosen.append(candidate)
        per_passage[rank] += 1
        words += n_words
        if words >= budget_words * 0.8:
            break
    chosen.sort(key=lambda c: (c[0], c[1]))
    return [(rank + 1, position, sentence) for rank, position, sentence, _ in chosen]


def _query_weights(query: set[str], sentence_tokens: list[set[str]]) -> dict[str, float]:
    """Rarer question words among the candidate sentences weigh more (a local IDF)."""
    n = len(sentence_tokens)
    return {t: math.log(1 + n / (1 + sum(1 for s in sentence_tokens if t in s))) for t in query}


def _fragment(sentence: str) -> bool:
    """A piece cut from a sentence that began on another page or a list item without a verb."""
    first = sentence.lstrip("•●▪◦-–* ")[:1]
    return first.islower() or not sentence.rstrip().endswith((".", "!", "?", ":", "”", "’", ")"))


def _unquotable(sentence: str) -> bool:
    words = sentence.split()
    if len(words) < 4 or len(words) > MAX_SENTENCE_WORDS:
        return True
    if looks_like_injection(sentence):
        return True
    return bool(re.fullmatch(r"[\W\d_]+", sentence))
