"""Sentence splitting shared by chunking (splitting long paragraphs) and extractive answers."""

from __future__ import annotations

import re

# Words that end with a full stop but do not end a sentence (compared lower-case, whole word).
_ABBREVIATIONS = frozenset(
    "e.g. i.e. etc. para. paras. s. ss. no. vol. p. pp. dr. mr. mrs. ms. st. cf. al. c. ch. sec. fig. approx.".split()
)
_BOUNDARY = re.compile(
    r"(?<=[.!?…])(?P<closers>[\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9•])"
    r"|\n+"  # chunk text keeps one paragraph or list item per line
)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; bullet items count as sentences of their own."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group("closers") or "")
        candidate = text[start:end]
        words = candidate.split()
        if words and words[-1].lower().lstrip('(“"‘') in _ABBREVIATIONS:
            continue
        pieces.append(candidate.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]
