"""Items from a sentence that says what should happen in a situation, for guidance written in prose
(mental health, escalation, exploitation) that names no role, timescale or law to blank out:

    According to Working Together to Safeguard Children 2023: Which words complete this statement
    from it?
    “Where a child is admitted to a mental health facility, practitioners _____.”

The answer is the sentence's own predicate ('should make a referral to local authority children's
social care'), verbatim; the subject stays in the statement, so the options read alike. The three
wrong options are what the guidance says should happen in other situations: predicates of other
such sentences anywhere in the index, whose situation and action are both far in meaning from this
one's, share none of its distinctive words and name no step right in most concerns (refer, tell
the DSL, record), so none can also be right (validate.py checks the cited passage supports none)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.quiz.cite import document_name
from assistant.quiz.extractive import BULLET, NEGATION, display_sentence, quotable
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


def responses_in(chunk: Chunk) -> list[Response]:
    """The passage's quotable sentences that open with a situation, as situation and action (only
    those sentences are tidied and judged: the whole index is read for wrong options)."""
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
    """Writes 'what should happen' items; what should happen in other situations gives wrong options."""

    def __init__(
        self,
        index: Callable[[], dict[str, Chunk]],
        embed_many: Callable[[list[str]], list],
        rng: random.Random,
    ):
        self.index = index  # the index's chunks by id, where wrong options come from
        self.embed_many = embed_many
        self.rng = rng
        self.offered: set[str] = set()  # wrong options already in the quiz: each is offered once
        self._offerable: list[Response] | None = None

    def others(self) -> list[Response]:
        """The index's sentences whose action could be a wrong option in any item (read once)."""
        if self._offerable is None:
            self._offerable = [r for r in index_responses(self.index()) if offerable(r.action)]
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
                "the guidance says should happen in other situations."
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

    def _wrong_options(self, found: Response) -> list[str] | None:
        """Three actions of other situations: none shares the distinctive words of this situation or
        most of this action's, none is supported by the cited passage, and none is close in meaning
        to this action or this sentence, nor its situation to this one."""
        words = len(found.action.split())
        situation_words, action_words = _words(found.situation), _words(found.action)
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
                or supported(text, found.chunk.text)
            ):
                continue
            candidates.append(other)
        self.rng.shuffle(candidates)
        candidates = candidates[:TRIES]
        if len(candidates) < 3:
            return None
        vectors = self.embed_many(
            [found.action, found.sentence, found.situation]
            + [c.action for c in candidates]
            + [c.situation for c in candidates]
        )
        action, sentence, situation = vectors[:3]
        actions, situations = vectors[3 : 3 + len(candidates)], vectors[3 + len(candidates) :]
        chosen: list[str] = []  # the index holds each action once, so these differ
        for other, its_action, its_situation in zip(candidates, actions, situations, strict=True):
            if (
                float(its_action @ action) >= NEAR
                or float(its_action @ sentence) >= NEAR
                or float(its_situation @ situation) >= NEAR
            ):
                continue
            chosen.append(other.action)
            if len(chosen) == 3:
                self.offered.update(option_key(c) for c in chosen)
                return chosen
        return None
