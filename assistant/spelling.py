"""Typos in a question, mended from the index's own words: 'can I share the safegaurding file
with the new scool' is asked as '… safeguarding file with the new school'. A misspelt word is the
rarest word of the question to the lexical ranking and is in no passage, so it used to sink the
question's coverage and have it refused. A word is mended only when the index has never seen it
and has a word spelled like it: the same first letter, and one letter wrong, missing, extra or
swapped with the next (two in a word of eight letters or more: 'refferal'). A real word the
index does not use is seldom that close to one it does ('redoing' is two letters from
'reading'). The closest word wins; among equally close ones a common slip (a double letter
typed single or doubled, two letters swapped: 'stabed' is 'stabbed', not 'stated'), then the
commonest in the index. A hyphenated word's parts and a possessive's word are mended as words
('scool's'); a contraction's ('shouldn't') is not. The question shown back ('Answering: …') says
what was answered."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property

from assistant.text import STOPWORDS, tokenize

MIN_LENGTH = 5  # a shorter word is one letter from many others ('flat', 'flag'): not mended
LONG_WORD = 8  # from this length a typo may be two edits ('refferal')
# a word of letters: in a hyphenated word each part, before a possessive "'s" the word itself, but
# no part of a contraction ("shouldn't" is not 'shouldn' + 't') nor of a word with digits ('S47')
_WORD = re.compile(r"(?<![\w'’])[A-Za-z]+(?![\w])(?!['’](?!s\b)[A-Za-z])")
_DOUBLE = re.compile(r"(.)\1")
_SENTENCE_ENDED = re.compile(r"[.?!]\s*$")  # what comes before a word opening a sentence


def edit_distance(a: str, b: str, limit: int) -> int:
    """Letters changed, added, dropped or swapped with the next to turn a into b (optimal string
    alignment); anything above `limit` is reported as limit + 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _slip(typed: str, word: str) -> bool:
    """The commonest slips: a double letter typed single or a single one doubled ('stabed' for
    'stabbed', not 'stated'), two letters swapped ('recieve')."""
    if _DOUBLE.sub(r"\1", typed) == _DOUBLE.sub(r"\1", word):
        return True
    return len(typed) == len(word) and any(
        typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] == word for i in range(len(typed) - 1)
    )


class Speller:
    """The index's words (lower case, with counts), read from its passages at warm-up (or on first
    need); each unknown word's mending remembered, as a refused question asks it up to three
    times (the gap check, the mending, the gap check again)."""

    def __init__(self, texts: Callable[[], Iterable[str]], known: Callable[[str], bool]):
        self._texts = texts
        self._known = known  # whether the index has a token (a stem) at all
        self._mended: dict[str, str | None] = {}

    @cached_property
    def _words(self) -> dict[str, dict[str, int]]:
        counts: Counter[str] = Counter()
        for text in self._texts():
            counts.update(w.lower() for w in _WORD.findall(text) if len(w) >= MIN_LENGTH)
        by_letter: dict[str, dict[str, int]] = defaultdict(dict)
        for word, n in counts.items():
            by_letter[word[0]][word] = n
        return dict(by_letter)

    def warm_up(self) -> None:
        """Read the index's words now (0.1 s at 4,400 passages) rather than on the first typo."""
        _ = self._words

    def unknown(self, word: str) -> bool:
        """No passage of the index has this word (as its stem)."""
        stems = tokenize(word)
        return bool(stems) and not any(self._known(s) for s in stems)

    def mend(self, word: str) -> str | None:
        """The index's word this one is a typo of, or None (known, too short, or no close word)."""
        lower = word.lower()
        if len(word) < MIN_LENGTH or word.isupper() or lower in STOPWORDS or not self.unknown(word):
            return None
        if lower not in self._mended:
            self._mended[lower] = self._closest(lower)
        return self._mended[lower]

    def _closest(self, lower: str) -> str | None:
        edits = 2 if len(lower) >= LONG_WORD else 1
        same_start = self._words.get(lower[0], {})
        close = [
            (distance, not _slip(lower, w), -count, w)
            for w, count in same_start.items()
            if abs(len(w) - len(lower)) <= edits
            and (distance := edit_distance(lower, w, edits)) <= edits
        ]
        return min(close)[3] if close else None

    def unseen(self, word: str) -> bool:
        """The index has never seen this word, nor one it could be a typo of."""
        return self.unknown(word) and self.mend(word) is None

    def correct(self, question: str) -> str:
        """The question with each typo replaced by the index's word; unchanged when it has none."""

        def replace(match: re.Match) -> str:
            word = match.group(0)
            before = question[: match.start()]
            opens = not before.strip() or _SENTENCE_ENDED.search(before)
            if word[0].isupper() and not opens:
                return word  # a name ('Brixton Hill'), not a typo
            mended = self.mend(word)
            if mended is None:
                return word
            return mended.capitalize() if word[0].isupper() else mended  # opens a sentence

        return _WORD.sub(replace, question)
