"""Citation verification for generated answers: every [n] must name a retrieved passage and every
sentence must be supported by the words of the passages it cites; the rest is dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import (
    MARKER,
    MARKER_PATTERN,
    cited_numbers,
    split_sentences,
    token_set,
    tokenize,
)
from assistant.types import Passage

SUPPORT_THRESHOLD = 0.6  # share of a sentence's content words found in its cited passages


@dataclass(frozen=True)
class VerifiedSentence:
    text: str  # without markers
    cited: tuple[int, ...]  # 1-based passage numbers
    supported: bool
    reason: str = ""


def support_ratio(sentence: str, passages: list[Passage]) -> float:
    words = set(tokenize(MARKER.sub("", sentence)))
    if not words:
        return 0.0
    source = set()
    for p in passages:
        source |= token_set(p.chunk.text)
    return len(words & source) / len(words)


TRAILING_MARKERS = re.compile(rf"([.!?])((?:\s*{MARKER_PATTERN})+)")


def _markers_before_stops(text: str) -> str:
    """'harm. [1] Next' -> 'harm [1]. Next': a marker after the full stop belongs to its sentence."""
    return TRAILING_MARKERS.sub(lambda m: f"{m.group(2)}{m.group(1)}", text)


def verify_answer(text: str, passages: list[Passage]) -> list[VerifiedSentence]:
    out = []
    for sentence in split_sentences(_markers_before_stops(text.strip())):
        markers = tuple(cited_numbers(sentence))
        bare = " ".join(MARKER.sub("", sentence).split()).replace(" .", ".")
        if not bare:
            continue
        if not markers:
            out.append(VerifiedSentence(bare, (), False, "no citation"))
            continue
        if any(not 1 <= n <= len(passages) for n in markers):
            out.append(
                VerifiedSentence(bare, markers, False, "cites a passage that was not retrieved")
            )
            continue
        ratio = support_ratio(bare, [passages[n - 1] for n in markers])
        if ratio < SUPPORT_THRESHOLD:
            out.append(
                VerifiedSentence(
                    bare, markers, False, f"only {ratio:.0%} of its words are in the cited passage"
                )
            )
            continue
        out.append(VerifiedSentence(bare, markers, True))
    return out
