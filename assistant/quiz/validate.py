"""Checks every quiz item before it is shown: four distinct options, one correct answer that the
cited passage supports, no distractor the passage also supports, a rationale that quotes the
passage, and no two items on the same passage. Returns problems as sentences; never fixes."""

from __future__ import annotations

import re
import unicodedata

from assistant.quiz.model import BLANK, QuizItem
from assistant.quiz.targets import canonical
from assistant.text import mend_broken_hyphen, split_sentences, tokenize

SUPPORT_OVERLAP = 0.8  # share of an option's content words one passage sentence must hold
_QUOTES = str.maketrans(
    {"“": "'", "”": "'", "‘": "'", "’": "'", '"': "'", "–": "-", "—": "-", "\u00a0": " "}
)
_STEM = re.compile(r"“([^“”]*" + re.escape(BLANK) + r"[^“”]*)”")
_QUOTE = re.compile(r"“([^“”]{12,})”")
_EDGE_ELLIPSIS = re.compile(r"^(?:…|\.\.\.)\s*|\s*(?:…|\.\.\.)$")


def strip_footnotes(text: str) -> str:
    """'partners20 to' -> 'partners to', 'child2and' -> 'child and': PDF footnote numbers glued to words."""
    text = re.sub(r"(?<=[a-z]{3})\d{1,3}(?=[a-z])", " ", text)
    text = re.sub(r"(?<=[A-Z]\))\d{1,3}(?=[\s,.;:]|$)", "", text)  # '(JSNA)50 to' -> '(JSNA) to'
    return re.sub(r"(?<=[a-z]{3})\d{1,3}(?=[\s,.;:)”’]|$)", "", text)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", mend_broken_hyphen(strip_footnotes(text))).translate(
        _QUOTES
    )
    return " ".join(text.split()).casefold()


def in_passage(piece: str, passage: str) -> bool:
    """The piece is a verbatim span of the passage (ignoring case, quote styles, spacing, footnotes)."""
    piece = _EDGE_ELLIPSIS.sub("", piece.strip())
    return bool(normalise(piece)) and normalise(piece) in normalise(passage)


def word_support(option: str, passage: str) -> float:
    """The best share of the option's content words found in one sentence of the passage."""
    words = set(tokenize(option))
    if not words:
        return 0.0
    return max(
        (len(words & set(tokenize(s))) / len(words) for s in split_sentences(passage)), default=0.0
    )


def supported(option: str, passage: str) -> bool:
    return in_passage(option, passage) or word_support(option, passage) >= SUPPORT_OVERLAP


def cloze_stem(question: str) -> str | None:
    """The quoted statement with the gap, if the question is a fill-the-gap one."""
    found = _STEM.findall(question)
    return found[0] if len(found) == 1 and found[0].count(BLANK) == 1 else None


def fill(stem: str, option: str) -> str:
    return stem.replace(BLANK, option.strip(), 1)


def option_key(option: str) -> str:
    return canonical(re.sub(r"[^\w\s'’()]", " ", option))


def item_problems(item: QuizItem, passage: str | None) -> list[str]:
    """Everything wrong with one item, judged against the text of the passage it cites."""
    problems = []
    if passage is None:
        return [f"cites passage '{item.chunk_id}', which is not in the index"]
    if not item.question.strip():
        problems.append(
            "the question is empty"
        )  # a plain question has no scenario; a question is always needed
    if len(item.options) != 4:
        return problems + [f"has {len(item.options)} options, not 4"]
    if any(not o.strip() for o in item.options):
        problems.append("an option is empty")
    if len({option_key(o) for o in item.options}) != 4:
        problems.append("two options say the same thing")
    if not (isinstance(item.answer_index, int) and 0 <= item.answer_index < 4):
        return problems + [f"answer_index {item.answer_index} is not 0-3"]
    problems += _support_problems(item, passage)
    if not _quotes_passage(item.rationale, passage):
        problems.append("the rationale does not quote the passage")
    if item.quote and not in_passage(item.quote, passage):
        problems.append("the quoted sentence is not in the passage")
    if item.lead_in and not in_passage(item.lead_in, passage):
        problems.append("the words said to lead into the list are not in the passage")
    return problems


def _support_problems(item: QuizItem, passage: str) -> list[str]:
    answer = item.options[item.answer_index]
    distractors = [o for i, o in enumerate(item.options) if i != item.answer_index]
    stem = cloze_stem(item.question)
    if stem is not None:
        problems = []
        if not in_passage(fill(stem, answer), passage):
            problems.append("the statement completed with the answer is not in the passage")
        problems += [
            f"the passage also supports the distractor '{d}'"
            for d in distractors
            if in_passage(fill(stem, d), passage)
        ]
        return problems
    problems = [] if supported(answer, passage) else ["the passage does not support the answer"]
    return problems + [
        f"the passage also supports the distractor '{d}'"
        for d in distractors
        if _distractor_supported(d, passage)
    ]


def _distractor_supported(option: str, passage: str) -> bool:
    if in_passage(option, passage):
        return True
    words = set(tokenize(option))
    if len(words) <= 1:
        return bool(words) and words <= set(tokenize(passage))
    return word_support(option, passage) >= SUPPORT_OVERLAP


def _quotes_passage(rationale: str, passage: str) -> bool:
    return any(in_passage(q, passage) for q in _QUOTE.findall(rationale))


def quiz_problems(items: list[QuizItem], passages: dict[str, str]) -> list[str]:
    """Problems across the quiz: each item's own, and two items testing the same passage or sentence."""
    problems, seen_chunks, seen_quotes = [], set(), set()
    for n, item in enumerate(items, start=1):
        problems += [f"item {n}: {p}" for p in item_problems(item, passages.get(item.chunk_id))]
        if item.chunk_id in seen_chunks:
            problems.append(f"item {n}: another item already tests passage '{item.chunk_id}'")
        quote = normalise(item.quote) if item.quote else ""
        if quote and quote in seen_quotes:
            problems.append(f"item {n}: another item already tests the same sentence")
        seen_chunks.add(item.chunk_id)
        seen_quotes.add(quote)
    return problems
