"""Items from a bulleted list, for guidance that lists rather than names a role, a timescale or a
law (signs of exploitation, areas to probe at interview, what a strategy discussion is for):

    It lists: “Some of the following can be indicators of … where children:”
    Which of these is one of the points of that list?

The answer is a point of the list, verbatim. The three wrong options are points of lists of the
other kind elsewhere in the guidance, so none can also be right: for a list of what a thing is,
includes or shows (signs, records' contents, factors), points of lists of what someone does (must,
should, will do; tasks), and the reverse, never an activity. Each reads into the lead-in as the
answer does: its first word has the same shape (a verb of the same person and number, a gerund, a
noun phrase naming someone when the answer does, a clause…), and a list about a child ('a child
who:') takes points only of other lists about a child, never what practitioners should do. Lists
whose lead-in is closest in meaning are drawn on first. None may be close in meaning to the list's
lead-in or its points, and the cited passage must not support any of them (validate.py checks that
again). Where no three such points exist, the list gives no item."""

from __future__ import annotations

import random
import re
from collections import Counter
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
from assistant.quiz.targets import find_targets
from assistant.quiz.topic import TopicWords
from assistant.quiz.validate import normalise, option_key, supported
from assistant.quotable import pieces_of
from assistant.safety import looks_like_injection
from assistant.text import STOPWORDS, tokenize
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
# ... though a list that says it is not the whole list lists what is so: 'Child-on-child abuse is
# most likely to include, but may not be limited to:', 'Whilst not intended to be an exhaustive
# list, sexual harassment can include:'
NOT_THE_WHOLE_LIST = re.compile(
    r"\b(?:but\s+)?(?:(?:is|are|may|will)\s+)?not\s+(?:be\s+)?limited\s+to\b"
    r"|\b(?:is\s+|are\s+)?not\s+(?:intended\s+to\s+be\s+)?(?:an?\s+)?exhaustive(?:\s+list)?\b",
    re.IGNORECASE,
)


def negative_lead(lead_in: str) -> bool:
    """The lead-in lists what is not done, or only some cases: its points read differently out of
    it. A list saying it is not exhaustive is not one of these."""
    return bool(NEGATIVE_LEAD.search(NOT_THE_WHOLE_LIST.sub(" ", lead_in)))


MIN_POINTS = 3  # a list of two is a sentence with a break in it
POINT_WORDS = (3, 30)
MODAL_START = re.compile(r"^(?:must|should|shall|will|would|can|may|might|could)\b", re.IGNORECASE)
# words any list may share with another without saying the same thing
GENERIC = frozenset(
    "child children young people person family families following include includes including "
    "may can could should must will".split()
)
TRAILING_NUMBER = re.compile(r"\s\d{1,3}$")  # a footnote number left at the end of a point
# The shape of a point's first word, so that every option reads into the lead-in as the answer does:
# 'a child who:' • 'is a young carer' is offered against 'has…', never 'agree the conduct…' or
# 'poor record keeping'; '… for example:' • 'youth worker' against other people or bodies, never
# 'sharing information too slowly'.
VERB_AFTER_MODAL = re.compile(
    r"\b(?:must|should|shall|will|may|can|could|would|might)\s+"
    r"(?:(?:not|also|always|only|normally|usually|then|still|now|first|never|both|all)\s+)?"
    r"([a-z][a-z-]+)\b"
)
WORD = re.compile(r"[A-Za-z][\w’'-]*|[(),:;]")
ADVERB = re.compile(
    r"^(?:\w{3,}ly|always|never|often|also|still|not|only|then|even|however|therefore|otherwise|"
    r"nevertheless|yet|well|already|sometimes|amongst|best|better)$"
)
NOT_ADVERBS = frozenset("family early apply reply supply comply rely imply multiply".split())
NOUN_ENDING = re.compile(r"(?:tion|sion|ment|ness|ity)$")  # 'should consideration' is a slip
VERB_SEEN = 2  # times a word follows a modal before it is taken for a verb
CLOSED_SHAPES = {
    **dict.fromkeys(("is", "has", "does", "was"), "3sg"),  # 'a child who:' • 'is…'
    **dict.fromkeys(("are", "were"), "plural"),  # 'children who:' • 'are…'
    **dict.fromkeys(("have", "do"), "base"),
    "be": "be",  # 'staff should:' • 'be alert to…'
    "been": "past",
    **dict.fromkeys(("being", "having"), "gerund"),
    **dict.fromkeys("whether how what when where why who whom whose which if".split(), "wh"),
    **dict.fromkeys("there it they he she we you".split(), "clause"),
}
PREPOSITIONS = frozenset(
    "of to for with from by at on in about under within through into between across during after "
    "before against without via upon over as".split()
)
DETERMINERS = frozenset(
    "the a an any all each every some no their his her its our your this that these those other "
    "another more most many much several both either neither".split()
)
FINITE = frozenset(
    "is are was were has have had does do did can could should must will would may might shall".split()
)
AWAITING = ("must", "should", "shall", "will", "would", "can", "may", "could", "might")
PERFECT = ("has", "have", "had")
CHILD = re.compile(r"^(?:child|children|young|pupils?|learners?|students?|victims?|bab(?:y|ies))$")
SUBORDINATORS = frozenset("where whether when if who which that".split())
NOUN_FOLLOWERS = frozenset("of for ( , : is are was were should must will can may".split())
ING_NOUN_FOLLOWERS = frozenset("( , : is are was were".split())
ING_NOUNS = frozenset("thing nothing something anything everything during morning evening".split())
# a point naming someone: a person, a role or a body ('youth worker', 'the designated teacher')
SOMEONE = re.compile(
    r"^(?:\w+-)?(?:worker|practitioner|officer|manager|teacher|lead|leader|nurse|visitor|carer|parent|"
    r"adviser|advisor|member|professional|clinician|therapist|psychologist|paediatrician|doctor|gp|"
    r"guardian|co-?ordinator|chair|police|governor|headteacher|principal|volunteer|staff|"
    r"representative|provider|partner|director|commissioner|midwife|midwives|employer|agency|specialist|"
    r"agencies|authority|authorities|service|team|school|college|board|panel|person|people|"
    r"individual|adult|colleague|deputy|dsl|lado|senco|sendco|head|candidate|applicant|child|"
    r"children|family|families|pupil|student|learner|victim|perpetrator|offender|referrer|"
    r"interviewer|reviewer|inspector|everyone|anyone|someone|they|you|we|he|she)s?$"
)
HEAD_ENDS = PREPOSITIONS | FINITE | {"who", "which", "that", "(", ":", ";"}
TOPIC_MIN = 0.45  # as generate.TOPIC_SENTENCE_MIN: a point this close to the topic is on it
NEAR_LIST = 0.5  # a wrong option this close in meaning to the lead-in or a point could be right
TRIES = 12  # wrong options compared in meaning, at most, per item (each costs an embedding)
# wrong options come first from the lists whose lead-in is closest in meaning, give or take this
# much (so that a quiz does not draw every list item's options from the same few lists)
LEAD_IN_JITTER = 0.1


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
        # ('… include, but may not be limited to:' ends on 'to:' and lists things)
        lead_in = NOT_THE_WHOLE_LIST.sub("", self.lead_in).rstrip(" ,:") + ":"
        return bool(ACTION_LEAD.search(lead_in)) or 2 * activities > len(self.points)

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


def verbs_in(chunks: list[Chunk]) -> frozenset[str]:
    """Words the guidance uses as verbs: those straight after a modal ('should ensure', 'must
    obtain'), in the base form; a word after a modal that is not a verb ('should the child…',
    'should carefully…') is left out by its kind."""
    found = Counter(m.group(1) for c in chunks for m in VERB_AFTER_MODAL.finditer(c.text.lower()))
    return frozenset(
        w
        for w, seen in found.items()
        if seen >= VERB_SEEN
        and w not in STOPWORDS
        and w not in DETERMINERS
        and w not in PREPOSITIONS
        and not NOUN_ENDING.search(w)
        and not (ADVERB.match(w) and w not in NOT_ADVERBS)
    )


def _verb_stems(word: str, ending: str) -> set[str]:
    """What a word would be in the base form, had it this ending ('highlights', 'behaved')."""
    if ending == "s":
        return {word[:-1], word[:-2], word[:-3] + "y"} if word.endswith("s") else set()
    if ending == "ed" and word.endswith("ed"):
        return {word[:-1], word[:-2], word[:-3], word[:-3] + "y"}
    return set()


def point_shape(point: str, verbs: frozenset[str], verbal: bool = False) -> str:
    """How the point reads into its lead-in, by its first word (past any adverb): a verb of the
    third person ('3sg': 'is', 'highlights'), of the base form ('base': 'identify', 'owe'), 'be',
    'plural' ('are'), 'past' ('behaved'), 'gerund' ('sharing'), a question word ('wh': 'whether'),
    a preposition ('prep:of'), a clause with its own subject ('clause': 'there is…', 'the
    individual did…'), a noun phrase naming someone ('who') or something ('thing').
    `verbal`: the point's list is a list of verbs (`list_is_verbal`), so a word the guidance
    seldom uses as a verb ('owe a debt bond') is one here."""
    words = [w if w.isupper() else w.lower() for w in WORD.findall(point)] or [""]
    while len(words) > 1 and ADVERB.match(words[0]) and words[0] not in NOT_ADVERBS:
        words = words[1:]
    first, after = words[0], (words[1] if len(words) > 1 else "")
    if after == ":":
        return "label"  # 'vigilance: to have adults notice…'
    if first in CLOSED_SHAPES:
        return CLOSED_SHAPES[first]
    if first in PREPOSITIONS:
        return f"prep:{first}"
    if after not in NOUN_FOLLOWERS:  # 'support for families', 'details of…' are things
        if first in verbs:
            return "base"
        if _verb_stems(first, "s") & verbs:
            return "3sg"
        if _verb_stems(first, "ed") & verbs:
            return "past"
    if first.endswith("ing") and first not in ING_NOUNS and after not in ING_NOUN_FOLLOWERS:
        return "gerund"  # 'bullying (including cyberbullying)' is a thing
    if _clause(words, verbs):
        return "clause"
    if verbal and first not in DETERMINERS:  # a verb the guidance seldom uses after a modal
        if first.endswith("ed"):
            return "past"
        return "3sg" if first.endswith("s") and not first.endswith("ss") else "base"
    return "who" if _names_someone(point, words) else "thing"


VERB_SHAPES = frozenset({"3sg", "base", "be", "plural", "past"})


def list_is_verbal(lead_in: str, points: tuple[str, ...], verbs: frozenset[str]) -> bool:
    """The list's points open with verbs: its lead-in leaves a subject waiting for one ('…
    practitioners should:', 'make sure they:', '… where children:', 'a child who:'), or most of
    its points open with a verb the guidance uses as one ('… working together to:' • 'identify…')."""
    return _awaits_verb(lead_in, verbs) or 2 * sum(
        point_shape(p, verbs) in VERB_SHAPES for p in points
    ) >= len(points)


def _awaits_verb(lead_in: str, verbs: frozenset[str]) -> bool:
    """The lead-in ends on a modal, a subject pronoun or 'who', or on a clause opened by 'where',
    'whether'… with a subject and no verb yet ('where children:', 'whether the case:'; not 'that
    the following information is kept on the file:', 'that their policy includes:', nor 'is
    expected to refer cases:'). After a bare 'that:' or 'when:' the points are whole clauses."""
    words = [w.lower() for w in WORD.findall(re.split(r"[,;]", lead_in.rstrip(": "))[-1])]
    if words and words[-1] in (*AWAITING, *PERFECT, "they", "you", "we", "who", "which"):
        return True  # ('… who has:' • 'behaved in a way that…')
    for at, word in reversed(list(enumerate(words))):
        if word in FINITE or word in PREPOSITIONS or _is_verb(word, verbs):
            return False
        if word in SUBORDINATORS:
            return at < len(words) - 1
    return False


def _is_verb(word: str, verbs: frozenset[str]) -> bool:
    return word in verbs or bool((_verb_stems(word, "s") | _verb_stems(word, "ed")) & verbs)


def _clause(words: list[str], verbs: frozenset[str]) -> bool:
    """'the individual did or could have come…', 'parents or carers should be informed',
    'families understand…': a finite verb among the first words, before any preposition or
    question word (a verb the guidance uses only straight after a plural noun)."""
    for before, word in zip(words[:7], words[1:8], strict=False):
        if word in FINITE:
            return True
        if word in PREPOSITIONS or CLOSED_SHAPES.get(word) == "wh" or word in ("that", *"(,:;"):
            return False
        if word in verbs and before.endswith("s") and not before.endswith("ss"):
            return True  # 'families understand…' (not 'further checks on…', nor 'DBS check')
    return False


def names_someone(phrase: str) -> bool:
    """The noun phrase names a person or a body ('staff', 'the local authority'), not a thing
    ('immediate action', 'a referral into children’s social care')."""
    return _names_someone(phrase, [w.lower() for w in WORD.findall(phrase)])


def _names_someone(point: str, words: list[str]) -> bool:
    """The point opens with someone: a role or body the quiz knows ('the designated safeguarding
    lead'), or a noun phrase each of whose parts ends in a word for a person or a body ('youth
    justice practitioner and/or youth worker'; not 'the school or college’s commitment…')."""
    if any(t.kind in ("agency", "agencies") and t.start <= 4 for t in find_targets(point)):
        return True
    heads, part = [], []
    for word in words:
        if word in ("and", "or", ","):
            heads += part[-1:]
            part = []
        elif word in HEAD_ENDS:
            break
        else:
            part.append(word)
    heads += part[-1:]
    return bool(heads) and all(SOMEONE.match(h.lower()) for h in heads)


def about_a_child(lead_in: str) -> bool:
    """The points say what a child is, has or does: the lead-in ends on a child and the word
    that its points complete ('… for a child who:', '… where children:', 'children who are:')."""
    words = [w.lower() for w in WORD.findall(lead_in.rstrip(": "))]
    for at in range(len(words) - 1, max(len(words) - 4, -1), -1):
        if words[at] in SUBORDINATORS:
            near = (
                words[max(at - 3, 0) : at] if words[at] in ("who", "which", "that") else words[at:]
            )
            return any(CHILD.match(w) for w in near)
    return False


def fits(answer_shape: str, shape: str) -> bool:
    """A wrong option of this shape reads into the lead-in as the answer does ('be' and 'are'
    points take a verb of the base form too: 'staff should: be alert… / keep…')."""
    return shape == answer_shape or (answer_shape in ("be", "plural") and shape == "base")


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
    """Writes 'which of these is on the list' items; the other kind of list supplies wrong options
    that read into the lead-in as the answer does."""

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
        self._verbs: frozenset[str] = frozenset()  # words the pool's guidance uses as verbs
        self._shapes: dict[tuple[str, str], str] = {}  # (lead-in, point) -> the point's shape
        self._lead_ins: dict[str, object] = {}  # lead-in -> its vector
        self.offered: set[str] = set()  # wrong options already in the quiz: each is offered once

    def others(self) -> list[BulletList]:
        if self._lists is None:
            chunks = self.pool()
            self._verbs = verbs_in(chunks)
            self._lists = [lst for chunk in chunks for lst in lists_in(chunk)]
        return self._lists

    def shape(self, found: BulletList, point: str) -> str:
        """How the point reads into its lead-in (`point_shape`), judged once per quiz."""
        key = (found.lead_in, point)
        if key not in self._shapes:
            verbal = list_is_verbal(found.lead_in, found.points, self._verbs)
            self._shapes[key] = point_shape(point, self._verbs, verbal)
        return self._shapes[key]

    def _closeness(self, lead_in: str, others: list[BulletList]) -> dict[str, float]:
        """How close in meaning each other list's lead-in is to this one (embedded once a quiz)."""
        missing = list(dict.fromkeys(o.lead_in for o in others if o.lead_in not in self._lead_ins))
        missing += [] if lead_in in self._lead_ins else [lead_in]
        if missing:
            self._lead_ins.update(zip(missing, self.embed_many(missing), strict=True))
        this = self._lead_ins[lead_in]
        return {o.lead_in: float(this @ self._lead_ins[o.lead_in]) for o in others}

    def write(
        self, chunk: Chunk, lead: str, asked: frozenset = frozenset()
    ) -> tuple[QuizItem, tuple[str, str]] | None:
        """An item and what it asks about (('list', its lead-in)), or None. `lead` opens the
        question as the document is named ('According to …:', 'Under Northamptonshire’s …:');
        `asked`: what other items already test (a list is asked about once)."""
        topic_vector = self.embed(self.topic)
        for found in lists_in(chunk):
            key = ("list", normalise(found.lead_in))
            if negative_lead(found.lead_in) or key in asked:
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
        """Three points of lists of the other kind that read into the lead-in as the answer does
        (the same shape of first word), those of lists whose lead-in is closest in meaning to this
        one first; `near`: the list's points read with their lead-in, which no wrong option may
        come close to in meaning."""
        words = len(answer.split())
        others = [
            other
            for other in self.others()
            if other.chunk.id != found.chunk.id
            and not negative_lead(other.lead_in)
            and other.action != found.action
            and about_a_child(other.lead_in) == about_a_child(found.lead_in)
        ]
        shape = self.shape(found, answer)
        candidates = [
            (point.rstrip("."), other)
            for other in others
            for point in other.points
            if askable(point)
            and words / 2 <= len(point.split()) <= words * 2
            and not (found.action and GERUND.match(point))  # an activity in a list of things
            and fits(shape, self.shape(other, point))
        ]
        if len(candidates) < 3:
            return None
        closeness = self._closeness(found.lead_in, [other for _, other in candidates])
        candidates.sort(
            key=lambda c: -(closeness[c[1].lead_in] + LEAD_IN_JITTER * self.rng.random())
        )
        chosen: list[str] = []
        keys = {option_key(answer)}
        lead_words = set(tokenize(found.lead_in)) - GENERIC
        list_words = lead_words.union(*(tokenize(p) for p in found.points)) - GENERIC
        tries = 0
        for text, _ in candidates:
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
