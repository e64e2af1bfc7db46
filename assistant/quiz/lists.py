"""Items from a bulleted list, for guidance that lists rather than names a role, a timescale or a
law (signs of exploitation, areas to probe at interview, what a strategy discussion is for):

    It lists: “Some of the following can be indicators of … where children:”
    Which of these is one of the points of that list?

The answer is a point of the list, verbatim. The three wrong options are points of lists of the
other kind elsewhere in the guidance, so none can also be right: for a list of what a thing is,
includes or shows (signs, records' contents, factors), points of lists of what someone does (must,
should, will do; tasks), and the reverse, never an activity. None may be close in meaning to the list's lead-in or its points, and
the cited passage must not support any of them (validate.py checks that again)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.quiz.cite import document_name
from assistant.quiz.extractive import (
    ANAPHORA,
    LEGAL_DRAFTING,
    LIST_POINT,
    LIST_POINT_END,
    UNQUOTABLE,
    _lead_in,
    display_sentence,
)
from assistant.quiz.model import QuizItem, citation_of
from assistant.quiz.topic import TopicWords
from assistant.quiz.validate import normalise, option_key, supported
from assistant.quotable import pieces_of
from assistant.safety import looks_like_injection
from assistant.text import tokenize
from assistant.types import Chunk

# a list of what someone must, should or will do: its lead-in ends in the verb its points complete
# ('The police should:', 'The discussion should be used to:'); any other list says what a thing
# is, includes or shows ('Records should include:', '… where children:')
ACTION_LEAD = re.compile(
    r"\b(?:must|should|shall|will|would|can|may|to|they|you|we|ensure|(?:ensure|make sure) that|"
    r"make sure)\s*:$",
    re.IGNORECASE,
)
# a point naming an activity ('addressing unprofessional behaviour…') is what someone does: never a
# wrong option for a list of what someone must or should do
GERUND = re.compile(r"^(?!(?:being|having|during|bring|thing|nothing|something)\b)\w+ing\b")
SIGNS_LEAD = re.compile(
    r"\b(signs?|indicators?|indicat\w+|warning|red flags?|risk factors?|concerning|vulnerab\w*)\b",
    re.IGNORECASE,
)
# a lead-in that lists what is not done, or only some cases, is left alone: its points read
# differently out of it
NEGATIVE_LEAD = re.compile(
    r"\b(not|never|no|unable|cannot|except|unless)\b|n[’']t\b", re.IGNORECASE
)
MIN_POINTS = 3  # a list of two is a sentence with a break in it
POINT_WORDS = (3, 30)
MODAL_START = re.compile(r"^(?:must|should|shall|will|would|can|may|might|could)\b", re.IGNORECASE)
# words any list may share with another without saying the same thing
GENERIC = frozenset(
    "child children young people person family families following include includes including "
    "may can could should must will".split()
)
TRAILING_NUMBER = re.compile(r"\s\d{1,3}$")  # a footnote number left at the end of a point
TOPIC_MIN = 0.45  # as generate.TOPIC_SENTENCE_MIN: a point this close to the topic is on it
NEAR_LIST = 0.5  # a wrong option this close in meaning to the lead-in or a point could be right
TRIES = 12  # wrong options compared in meaning, at most, per item (each costs an embedding)


@dataclass(frozen=True)
class BulletList:
    lead_in: str
    points: tuple[str, ...]
    chunk: Chunk

    @property
    def action(self) -> bool:
        """A list of what someone does: its lead-in ends in the verb its points complete, or most of
        its points name an activity ('Conference tasks include:' • 'establishing timescales…')."""
        activities = sum(bool(GERUND.match(p)) for p in self.points)
        return bool(ACTION_LEAD.search(self.lead_in)) or 2 * activities > len(self.points)

    @property
    def signs(self) -> bool:
        return bool(SIGNS_LEAD.search(self.lead_in)) and not self.action


def lists_in(chunk: Chunk) -> list[BulletList]:
    """The passage's bulleted lists of at least three points, each with the words leading into it."""
    found: list[BulletList] = []
    lead_in, points = "", []
    for raw in [*pieces_of(chunk.text), ""]:
        sentence = display_sentence(raw) if raw else ""
        if raw and LIST_POINT.match(raw) and lead_in and sentence[:1].islower():
            points.append(LIST_POINT_END.sub("", sentence))
            continue
        if lead_in and len(points) >= MIN_POINTS:
            found.append(BulletList(lead_in, tuple(points), chunk))
        lead_in = sentence if sentence and _lead_in(sentence) else ""
        points = []
    return found


def askable(point: str) -> bool:
    """A point that reads as an option on its own: a few words, no footnote or link, nothing that
    points back ('these', 'they') or on to another list."""
    words = point.split()
    return (
        POINT_WORDS[0] <= len(words) <= POINT_WORDS[1]
        and not point.endswith((":", "—", "–", "-"))
        and not TRAILING_NUMBER.search(point)
        and not MODAL_START.match(point)
        and not ANAPHORA.match(point)
        and not UNQUOTABLE.search(point)
        and not LEGAL_DRAFTING.search(point)
        and not looks_like_injection(point)
    )


class ListWriter:
    """Writes 'which of these is on the list' items; the other kind of list supplies wrong options."""

    def __init__(
        self,
        topic: str,
        pool: Callable[[], list[Chunk]],
        embed: Callable[[str], object],
        rng: random.Random,
        embed_many: Callable[[list[str]], list] | None = None,
    ):
        self.topic = topic
        # several texts in one run where the embedder can (a list's points, read with its lead-in)
        self.embed_many = embed_many or (lambda texts: [embed(t) for t in texts])
        # the topic with the documents' acronyms for it, where the quiz has them (build_quiz)
        self.topic_words = TopicWords(topic)
        self.pool = pool  # the passages wrong options come from (read once, when first needed)
        self.embed = embed
        self.rng = rng
        self._lists: list[BulletList] | None = None
        self.offered: set[str] = set()  # wrong options already in the quiz: each is offered once

    def others(self) -> list[BulletList]:
        if self._lists is None:
            self._lists = [lst for chunk in self.pool() for lst in lists_in(chunk)]
        return self._lists

    def write(
        self, chunk: Chunk, lead: str, asked: frozenset = frozenset()
    ) -> tuple[QuizItem, tuple[str, str]] | None:
        """An item and what it asks about (('list', its lead-in)), or None. `lead` opens the
        question as the document is named ('According to …:', 'Under Northamptonshire’s …:');
        `asked`: what other items already test (a list is asked about once)."""
        topic_vector = self.embed(self.topic)
        for found in lists_in(chunk):
            key = ("list", normalise(found.lead_in))
            if NEGATIVE_LEAD.search(found.lead_in) or key in asked:
                continue
            points = [p for p in found.points if askable(p)]
            read = self.embed_many([f"{found.lead_in} {p}" for p in points])
            vectors = dict(zip(points, read, strict=True))
            closeness = {p: float(topic_vector @ v) for p, v in vectors.items()}
            ranked = sorted(
                (p for p in closeness if self._on_topic(found, p, closeness[p])),
                key=lambda p: -closeness[p],
            )
            for quote in ranked[:2]:
                point = quote.rstrip(".")  # options read alike: none ends in a full stop
                wrong = self._wrong_options(found, point, list(vectors.values()))
                if wrong is None:
                    break
                options = [point, *wrong]
                self.rng.shuffle(options)
                citation = citation_of(chunk, quote)
                question = f"{lead} It lists: “{found.lead_in}” Which of these is on that list?"
                rationale = (
                    f"{document_name(citation)} says: “{found.lead_in}” … “{quote}” "
                    "The other options are points of other lists in the guidance, about other things."
                )
                item = QuizItem(
                    "",
                    question,
                    tuple(options),
                    options.index(point),
                    rationale,
                    citation,
                    quote,
                    "list",
                    "signs" if found.signs else "list",
                )
                return item, key
        return None

    def _on_topic(self, found: BulletList, point: str, closeness: float) -> bool:
        """The point, read with its lead-in as the question shows it, is about the topic."""
        words = self.topic_words
        share = words.share(f"{found.lead_in} {point}") if words.words else 1.0
        return closeness >= TOPIC_MIN or share >= 0.5

    def _wrong_options(self, found: BulletList, answer: str, near: list) -> list[str] | None:
        """Three points of lists of the other kind; `near`: the list's points read with their
        lead-in, which no wrong option may come close to in meaning."""
        words = len(answer.split())
        candidates = [
            point.rstrip(".")
            for other in self.others()
            if other.action != found.action
            and other.chunk.id != found.chunk.id
            and not NEGATIVE_LEAD.search(other.lead_in)
            for point in other.points
            if askable(point)
            and words / 2 <= len(point.split()) <= words * 2
            and not (found.action and GERUND.match(point))  # an activity in a list of things
        ]
        self.rng.shuffle(candidates)
        chosen: list[str] = []
        keys = {option_key(answer)}
        lead_words = set(tokenize(found.lead_in)) - GENERIC
        list_words = lead_words.union(*(tokenize(p) for p in found.points)) - GENERIC
        tries = 0
        for text in candidates:
            if option_key(text) in keys | self.offered or supported(text, found.chunk.text):
                continue
            words = set(tokenize(text)) - GENERIC
            if not words or words & lead_words or 3 * len(words & list_words) >= len(words):
                continue  # it names what the list is about, or reads like its points: it could be right
            tries += 1
            if tries > TRIES:
                return None
            vector = self.embed(text)
            if any(float(vector @ v) >= NEAR_LIST for v in near):
                continue
            chosen.append(text)
            keys.add(option_key(text))
            if len(chosen) == 3:
                self.offered.update(option_key(c) for c in chosen)
                return chosen
        return None
