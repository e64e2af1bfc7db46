"""Items from a sentence that says what should happen in a situation, for guidance written in prose
(mental health, escalation, exploitation) that names no role, timescale or law to blank out:

    According to Working Together to Safeguard Children 2023: Which words complete this statement
    from it?
    “Where a child is admitted to a mental health facility, practitioners _____.”

The answer is the sentence's own predicate ('should make a referral to local authority children's
social care'), verbatim; the subject stays in the statement, so the options read alike. The three
wrong options are predicates of other sentences on the same matter: sentences of the passages on
the quiz's topic that say what must or should happen (in another situation, or what someone else
must do), close in meaning to this sentence (cosine at least 0.3) so that none can be ruled out
knowing nothing, yet not so close to the answer, the sentence or its situation (0.5) that it could
be right too. Each has a subject of the same kind (someone, or something) and the same voice, shares
none of the distinctive words of this situation or subject, is not what this subject is said to do
elsewhere, and names no step right in most concerns (refer, tell the DSL, record) (validate.py
checks the cited passage supports none)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.quiz.cite import document_name
from assistant.quiz.extractive import BULLET, NEGATION, display_sentence, quotable
from assistant.quiz.lists import names_someone
from assistant.quiz.model import BLANK, QuizItem, citation_of
from assistant.quiz.validate import normalise, option_key, supported
from assistant.text import split_sentences, tokenize
from assistant.types import Chunk

# the situation a sentence opens with: 'If staff have a concern…,', 'Where a child is admitted…,'
_OPENING = r"(?:If|Where|When|Whenever|Once|In (?:cases|circumstances) where)\s"
SITUATION = re.compile(rf"^{_OPENING}", re.IGNORECASE)
# what the main clause says should happen: its subject, then the modal ('practitioners should make…',
# 'immediate action should be taken…')
OBLIGATION = re.compile(
    r"\b(?:must|should|shall|will(?! (?:be able|often|usually|generally|normally|sometimes|also)\b)|"
    r"needs? to|(?:is|are) required to|(?:is|are) expected to)\b"
)
# a passage that may hold such a sentence: read sentence by sentence only then (the index is large)
OPENS_A_SITUATION = re.compile(rf"(?:^|[.!?:•]\s*){_OPENING}")
# a subject that is not a noun phrase: 'it is expected that …', 'which', 'they will be), …';
# or one that ends in a verb of its own ('the Leaving Care Service may' + 'need to…': the options
# would read 'may will…')
NOT_A_SUBJECT = re.compile(
    r"^(?:which|that|who|whom|this|these)\b|\b(?:is|are|was|were|be)\b|[()]|"
    r"\b(?:may|might|can|could|would|also|then|therefore|usually|often|still|only)$"
)
# footnote numbers left in the text ('must 99 obtain'), cross-references ('see paragraphs 267 - 268')
NOISE = re.compile(
    r"(?<![\d.])\b\d{2,3}\b(?!\s*(?:working days?|days?|hours?|weeks?|months?|years?|%))|"
    r"\b(?:paragraphs?|Annex|see|chapter)\b",
    re.IGNORECASE,
)
# words that lean on the sentence around them ('should be followed by … in that Host authority
# area', 'as it may be…'): a wrong option must read on its own
LEANS_ON_CONTEXT = re.compile(
    r"\b(?:this|these|those|it|its|them|such)\b|\b(?:in|of|for|to|at|by|from) that\b|\bthat [A-Z]|"
    r"^\S+(?: \S+)? be \w+,|"  # 'should be followed, with …': followed by what?
    r"\bthe plan\b",  # 'will need to review the plan': which plan?
    re.IGNORECASE,
)
# A general principle could be right in any situation ('should always act in the best interests of
# the child', 'should consider all the needs of the child', 'should follow their own local
# procedures'): never a wrong option, unless it also names something particular (a document, a body,
# a process by name, a number), which makes it the step for another situation
GENERAL_PRINCIPLE = re.compile(
    r"\b(?:always|best interests?|wishes and feelings|needs|in need|procedures?|arrangements?|support\w*|"
    r"curiosity|course of action|case-by-case|consider\w*|assess\w*|understand\w*|protect\w*|"
    r"safeguard\w*|welfare|help|recognis\w*|capacity|closely)\b",
    re.IGNORECASE,
)
PARTICULAR = re.compile(r"\d|\b[A-Z][A-Za-z]")
# what follows the modal is 'be …' ('should be taken', 'should be made', 'should be aware'): such
# a predicate and one with a verb of its own ('should make') are never offered for each other
PASSIVE = re.compile(r"^\S+(?: \S+)? (?:be|have been)\b")
# what is right in most concerns: never a wrong option, since it could be right here too
COMMON_STEP = re.compile(
    r"\b(?:refer\w*|designated safeguarding lead|DSL|social care|social worker|police|report\w*|"
    r"inform\w*|discuss\w*|speak\w*|talk\w*|advice|record\w*|shar(?:e|ed|ing)|consult\w*|"
    r"escalat\w*|concerns?|child protection|safeguarding polic\w*|section 47|enquir\w*)\b",
    re.IGNORECASE,
)
SUBJECT_WORDS = (
    10  # words before the modal, at most: 'the DSL (or the person who made the referral)'
)
SITUATION_WORDS = 4  # words of the situation after its opening word, at least
ACTION_WORDS = (6, 30)  # from the modal on: 'should also be reviewed' says too little to test
# words any two actions may share without saying the same thing
GENERIC = frozenset(
    "child children young people person family families should must will need needs take taken "
    "make made ensure practitioners staff any all also".split()
)
NEAR = 0.5  # a wrong option this close in meaning to the answer or the sentence could be right
# ... and one whose sentence is not at least this close to the item's is about another matter: a
# learner could rule it out knowing nothing ('should physically sign a hard copy of the
# application at point of interview' for a child remanded to youth detention)
SAME_MATTER = 0.3
RANK_JITTER = 0.05  # the closest sentences come first, give or take this much
TRIES = 12  # wrong options compared in meaning, at most, per item (read in one batch)


@dataclass(frozen=True)
class Response:
    """A sentence split into the situation it opens with and what should happen then."""

    situation: str  # 'Where a child is admitted to a mental health facility' (no trailing comma)
    subject: str  # 'practitioners'
    action: str  # 'should make a referral to …' (from the modal on, no full stop)
    sentence: str
    chunk: Chunk

    @property
    def stem(self) -> str:
        return f"{self.situation}, {self.subject} {BLANK}."

    @property
    def passive(self) -> bool:
        return bool(PASSIVE.match(self.action))


def response_of(sentence: str, chunk: Chunk) -> Response | None:
    """The sentence as situation and action, when it opens with a situation ('If', 'Where', 'When')
    and its main clause says what must or should happen; None otherwise."""
    if not SITUATION.match(sentence) or not sentence.endswith("."):
        return None
    modal = OBLIGATION.search(sentence)
    if modal is None:
        return None
    comma = sentence.rfind(", ", 0, modal.start())
    if comma < 0:
        return None
    situation, action = sentence[:comma], sentence[modal.start() : -1].strip()
    subject = sentence[comma + 2 : modal.start()].strip()
    if (
        not subject
        or len(subject.split()) > SUBJECT_WORDS
        or "," in subject
        or NOT_A_SUBJECT.search(subject)
    ):
        return None
    if len(situation.split()) - 1 < SITUATION_WORDS:
        return None  # 'Where appropriate, …': no situation to ask about
    if not ACTION_WORDS[0] <= len(action.split()) <= ACTION_WORDS[1]:
        return None
    if NEGATION.search(action) or NOISE.search(action):
        return None  # 'should not…' among three things to do reads as a trick
    return Response(situation, subject, action, sentence, chunk)


# a plain sentence's subject that is no noun phrase naming who acts ('There should be…', 'It will…',
# 'Set out how the team will…')
NOT_AN_ACTOR = re.compile(
    r"^(?:there|it|this|these|those|that|we|you|i|they|he|she|set|see|such)\b|"
    r"\b(?:how|what|why|whether|where|when|if)\b",
    re.IGNORECASE,
)


def predicate_of(sentence: str, chunk: Chunk) -> Response | None:
    """What the sentence says someone must or should do, with the situation it opens with if it
    has one ('Probation practitioners will develop a sentence plan…': no situation); None when it
    says no such thing or its predicate would not read on its own."""
    if SITUATION.match(sentence):
        return response_of(sentence, chunk)
    modal = OBLIGATION.search(sentence)
    if modal is None or not sentence.endswith("."):
        return None
    subject, action = sentence[: modal.start()].strip(), sentence[modal.start() : -1].strip()
    if (
        not subject
        or len(subject.split()) > SUBJECT_WORDS
        or "," in subject
        or NOT_A_SUBJECT.search(subject)
        or NOT_AN_ACTOR.search(subject)
        or not ACTION_WORDS[0] <= len(action.split()) <= ACTION_WORDS[1]
        or NEGATION.search(action)
        or NOISE.search(action)
    ):
        return None
    return Response("", subject, action, sentence, chunk)


def predicates_in(chunk: Chunk) -> list[Response]:
    """The passage's quotable sentences that say what someone must or should do, in any
    situation or none: where wrong options come from."""
    if not OBLIGATION.search(chunk.text):
        return []
    found = []
    for raw in split_sentences(chunk.text):
        if not OBLIGATION.search(raw):
            continue  # most sentences say nothing must happen: not tidied or judged
        sentence = display_sentence(raw)
        response = predicate_of(sentence, chunk) if quotable(sentence) else None
        if response is not None:
            found.append(response)
    return found


def responses_in(chunk: Chunk) -> list[Response]:
    """The passage's quotable sentences that open with a situation, as situation and action (only
    those sentences are tidied and judged)."""
    if not OPENS_A_SITUATION.search(chunk.text):
        return []
    found = []
    for raw in split_sentences(chunk.text):
        if not SITUATION.match(BULLET.sub("", raw.strip())):
            continue
        sentence = display_sentence(raw)
        response = response_of(sentence, chunk) if quotable(sentence) else None
        if response is not None:
            found.append(response)
    return found


# The index's sentences of this kind, per index generation (its chunks, by identity): read once, not
# in every quiz. At most a few generations are held.
_INDEX_RESPONSES: dict[int, tuple[dict, list[Response]]] = {}
GENERATIONS_HELD = 2


def index_responses(chunks: dict[str, Chunk]) -> list[Response]:
    """Every such sentence of the index, each action once."""
    held = _INDEX_RESPONSES.get(id(chunks))
    if held is not None and held[0] is chunks:
        return held[1]
    seen: set[str] = set()
    found: list[Response] = []
    for chunk in chunks.values():
        for response in responses_in(chunk):
            key = option_key(response.action)
            if key not in seen:
                seen.add(key)
                found.append(response)
    while len(_INDEX_RESPONSES) >= GENERATIONS_HELD:
        _INDEX_RESPONSES.pop(next(iter(_INDEX_RESPONSES)))
    _INDEX_RESPONSES[id(chunks)] = (chunks, found)
    return found


def offerable(action: str) -> bool:
    """The action could be a wrong option for some other situation: it names no step right in most
    concerns, states no general principle without naming something particular, and reads on its
    own."""
    return not (
        COMMON_STEP.search(action)
        or (GENERAL_PRINCIPLE.search(action) and not PARTICULAR.search(action))
        or LEANS_ON_CONTEXT.search(action)
    )


def _words(text: str) -> set[str]:
    return set(tokenize(text)) - GENERIC


class ResponseWriter:
    """Writes 'what should happen' items; what the guidance on the same matter says should happen
    in other situations, or what others should do, gives wrong options."""

    def __init__(
        self,
        index: Callable[[], dict[str, Chunk]],
        embed_many: Callable[[list[str]], list],
        rng: random.Random,
        near: Callable[[], list[Chunk]] | None = None,
    ):
        self.index = index  # the index's chunks by id
        # the passages wrong options come from: those on the quiz's topic (ExtractiveWriter gives
        # the list writer's); the whole index when none are given
        self.near = near
        self.embed_many = embed_many
        self.rng = rng
        self.offered: set[str] = set()  # wrong options already in the quiz: each is offered once
        self._offerable: list[Response] | None = None
        self._vectors: dict[str, object] = {}  # text -> its vector, embedded once a quiz

    def others(self) -> list[Response]:
        """The sentences of the passages near the topic whose predicate could be a wrong option in
        any item, each predicate once (read once a quiz)."""
        if self._offerable is None:
            chunks = self.near() if self.near is not None else list(self.index().values())
            seen: set[str] = set()
            self._offerable = []
            for chunk in {c.id: c for c in chunks}.values():
                for response in predicates_in(chunk):
                    key = option_key(response.action)
                    if key not in seen and offerable(response.action):
                        seen.add(key)
                        self._offerable.append(response)
        return self._offerable

    def write(
        self,
        chunk: Chunk,
        lead: str,
        asked: frozenset = frozenset(),
        about: Callable[[str, str], bool] = lambda statement, section: True,
    ) -> tuple[QuizItem, tuple[str, str]] | None:
        """An item and what it asks about (('response', the situation)), or None. `lead` opens
        the question as the document is named; `about`: is a statement (with its section) on the
        quiz's topic."""
        for found in responses_in(chunk):
            key = ("response", normalise(found.situation))
            if key in asked or not about(found.sentence, chunk.section):
                continue
            wrong = self._wrong_options(found)
            if wrong is None:
                continue
            options = [found.action, *wrong]
            self.rng.shuffle(options)
            citation = citation_of(chunk, found.sentence)
            question = f"{lead} Which words complete this statement from it?\n“{found.stem}”"
            rationale = (
                f"{document_name(citation)} says: “{found.sentence}” The other options are what "
                "the guidance says should happen in other situations, or what others should do."
            )
            item = QuizItem(
                "",
                question,
                tuple(options),
                options.index(found.action),
                rationale,
                citation,
                found.sentence,
                "response",
                "what next",
            )
            return item, key
        return None

    def _vectors_of(self, texts: list[str]) -> list:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self.embed_many(missing), strict=True))
        return [self._vectors[t] for t in texts]

    def _wrong_options(self, found: Response) -> list[str] | None:
        """Three actions of other sentences on much the same matter (their sentence close in
        meaning to this one, the closest first), yet none close enough in meaning to this action or
        this sentence, nor its situation to this one, to be right too; none shares the distinctive
        words of this situation or most of this action's, none is what this sentence's subject is
        said to do elsewhere, and none is supported by the cited passage."""
        words = len(found.action.split())
        subject, someone = _words(found.subject), names_someone(found.subject)
        # (an option naming the subject reads oddly: 'the local authority should ensure the local
        # authority where the offender lives is made aware')
        situation_words, action_words = _words(found.situation) | subject, _words(found.action)
        keys = {option_key(found.action)}
        candidates = []
        for other in self.others():
            text = other.action
            other_words = _words(text)
            if (
                other.chunk.id == found.chunk.id
                or option_key(text) in keys | self.offered
                or other.passive != found.passive  # 'practitioners should be published…'
                or not words / 2 <= len(text.split()) <= 2 * words
                or not other_words
                or other_words & situation_words
                or 3 * len(other_words & action_words) >= len(other_words)
                or _words(other.situation) & situation_words
                or (not other.situation and _words(other.subject) == subject)
                or names_someone(other.subject) != someone  # 'immediate action should be aware…'
                or supported(text, found.chunk.text)
            ):
                continue  # (what the same subject should do in general may be right here too)
            candidates.append(other)
        if len(candidates) < 3:
            return None
        sentence, *theirs = self._vectors_of([found.sentence, *(c.sentence for c in candidates)])
        closeness = [float(v @ sentence) for v in theirs]
        ranked = sorted(
            (
                (c, close)
                for c, close in zip(candidates, closeness, strict=True)
                if SAME_MATTER <= close < NEAR
            ),
            key=lambda pair: -(pair[1] + RANK_JITTER * self.rng.random()),
        )[:TRIES]
        if len(ranked) < 3:
            return None
        action, situation = self._vectors_of([found.action, found.situation])
        chosen: list[str] = []  # the pool holds each action once, so these differ
        for other, _ in ranked:
            its_action, *its_situation = self._vectors_of(
                [other.action, other.situation][: 1 + bool(other.situation)]
            )
            if (
                float(its_action @ action) >= NEAR
                or float(its_action @ sentence) >= NEAR
                or any(float(v @ situation) >= NEAR for v in its_situation)
            ):
                continue
            chosen.append(other.action)
            if len(chosen) == 3:
                self.offered.update(option_key(c) for c in chosen)
                return chosen
        return None
