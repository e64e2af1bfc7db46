"""Offline quiz items, no model: a sentence of the passage that states a duty, a timescale, who is
responsible or what the law says becomes a statement with a gap; the answer is the passage's own
words and the distractors are the same kind of phrase named elsewhere in the guidance."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.catalogue import local_area
from assistant.duty import duty_of
from assistant.quiz.cite import document_name, last_section
from assistant.quiz.model import BLANK, QuizItem, citation_of
from assistant.quiz.scenarios import FIT_MIN, PRONOUNS, Scenario, ScenarioWriter
from assistant.quiz.targets import (
    LATER,
    MODAL,
    Target,
    age_distractors,
    agency_pairs,
    canonical,
    count_distractors,
    defined_terms,
    find_targets,
    harm_term,
    is_listed_with_others,
    level_distractors,
    modal_options,
    overlapping,
    pair_join,
    phrase_for,
    sector_of,
    timescale_days,
)
from assistant.quiz.topic import TopicWords
from assistant.quiz.validate import item_problems, normalise, strip_footnotes
from assistant.quiz.vocabulary import VOCABULARY_KINDS, Entry, Vocabulary
from assistant.quotable import pieces_of
from assistant.safety import looks_like_injection
from assistant.text import mend_broken_hyphen, split_sentences, tokenize
from assistant.types import Chunk

KIND_WEIGHT = {
    "timescale": 5.0,
    "agencies": 4.5,
    "agency": 4.0,
    "process": 4.0,
    "check": 4.0,
    "record": 4.0,
    "basis": 4.0,
    "harm": 3.5,
    "law": 3.0,
    "section": 3.0,
    "article": 3.0,
    "age": 3.0,
    "level": 3.5,
    "urgency": 4.5,
    "count": 2.5,
    "term": 3.0,
    "duty": 1.5,
}
GUIDANCE = re.compile(r"guidance|advice|procedures|programme guide|legislation", re.IGNORECASE)
STATUTORY = re.compile(r"^(statutory guidance|legislation)$", re.IGNORECASE)
LEGAL_DRAFTING = re.compile(
    r"\b(insert|substitute|omit)\b\s*[—–-]|\bsubsections? \(|\(\d+[A-Z]+\)|‘\(\d|"
    r"\b(this|that) (section|Act|Schedule)\b|left-hand column|has the meaning given|"
    r"\bthe words [‘'“]|\(c\. \d+\)|"  # an amendment ('In section 14, the words ‘…’'), an Act's chapter number
    r"\b(?-i:(?:this|that) (?:Part|Chapter))\b",  # an Act's 'this Part'; guidance's 'this chapter' is a cross-reference
    re.IGNORECASE,
)
DEMONSTRATIVE = re.compile(r"\b(this|these|those|such|it|them)\b", re.IGNORECASE)
# '… for these children', '… in this group of children', 'in such circumstances', 'use this
# assessment': who, when or what the sentence applies to was said in the sentence before, which
# the item does not show
POINTS_BACK = re.compile(
    r"\b(?:this|these|those|such(?: an?)?) (?:group|groups|children|child|young people|young person|"
    r"pupils|students|learners|families|family|parents|cases|case|circumstances|situations|situation|"
    r"instances|concerns|risks|assessment|assessments|plan|plans|meeting|meetings|process|approach|"
    r"arrangement|arrangements|decision|duty|power|requirement"
    # what the sentence before named ('signposting parents and carers to this support', 'the aims of
    # this response are to:', 'carry out such an assessment if …'): trainer trial N
    r"|support|response|responses|service|services|work|review|reviews|report|reports|referral|"
    r"referrals|incident|incidents|behaviour|issue|issues|provision|offer|help|intervention|"
    r"interventions|role|roles|discussion|discussions|conference|order|orders|stage|purpose|"
    r"information|policy|procedure|procedures|period|type|kind|form|forms)\b",
    re.IGNORECASE,
)
HEADED = re.compile(r"\s[-–—]\s|:\s")  # a heading or term the rest of the sentence is about
LEADS = {
    "timescale": "Which timescale completes this statement from it?",
    "agency": "Which agency or role completes this statement from it?",
    "agencies": "Which agencies or roles complete this statement from it?",
    "law": "Which law completes this statement from it?",
    "section": "Which section completes this statement from it?",
    "article": "Which article completes this statement from it?",
    "process": "Which process completes this statement from it?",
    "check": "Which check completes this statement from it?",
    "record": "Which record completes this statement from it?",
    "basis": "Which words complete this statement from it?",
    "harm": "Which threshold completes this statement from it?",
    "count": "Which number completes this statement from it?",
    "age": "Which age completes this statement from it?",
    "level": "Which level of need completes this statement from it?",
    "urgency": "How soon, according to this statement from it?",
    "term": "Which term does this statement from it define?",
    "duty": "Which words complete this statement from it?",
}
PRECEDERS = frozenset(
    "to with by from for of on at about under than between against through within without via "
    "whether that when where if as because then also is are be been being "
    "contact contacts inform informs notify notifies tell tells ask asks help helps support supports "
    "enable enables allow allows require requires expect expects consult involve involves alert "
    "refer refers advise advises lead leads out complete completes hold holds convene convenes "
    "undertake undertakes arrange arranges initiate initiates start starts make makes have has need "
    "needs use uses seek seeks follow follows publish publishes following after before during into suffer "
    "suffering suffered".split()
)
FOLLOWERS = frozenset(
    "must should will may can could would might shall is are was were has have had does do did "
    "and or nor to for of in on with about as at by if when where who which that from under "
    "within before after without through into than also not so but".split()
)
NUMBER_VERBS = frozenset("is are was were has have does do".split())
# a point of a bulleted list (the symbol bullets the PDFs' text keeps), and how a point ends
LIST_POINT = re.compile(r"^\s*[•●▪◦]\s*")
LIST_POINT_END = re.compile(r"(?:[;,]?\s*\b(?:and|or)\b)?\s*[;,]?\s*$")
BULLET = re.compile(r"^(?:[•●▪◦\-–*]\s*|\(?\d{1,3}[.)]\s+|\(?[a-z][.)]\s+)")
ENUMERATION_BEFORE = re.compile(
    r"(?:,|e\.g\.,?|i\.e\.,?|\bor|\band|\bnor|/|such as|including|for example|\blike)\s*$",
    re.IGNORECASE,
)
# links, elisions, a year with a footnote number glued on ('198941'), an age with one ('up to and
# including the age of 24193': trainer trial N), first-person opinion (blogs, essays) and academic
# citations ('(Maynard 2004; 189)', 'et al.')
UNQUOTABLE = re.compile(
    r"https?:|www\.|@|\.{3}|…|\b(19|20)\d{3,4}\b|\b(I|I['’]m|I['’]ve|my|me|we|our|us)\b|"
    r"\b(?:age|aged|ages) (?:of )?\d{3,}\b|"
    r"\([A-Z][A-Za-z&. ]+,? (19|20)\d\d\s*[;:,]|\bet al\b"
)
ANAPHORA = re.compile(
    r"(this|these|those|they|it|its|their|such|rather|both|he|she|the above|some of (these|them|those)|"
    r"in (such|these|this|those))\b",
    re.IGNORECASE,
)
# 'It is important that…', 'It is the responsibility of…': 'it' points at nothing before
EXPLETIVE_IT = re.compile(
    r"^It is (?:\w+ )?(?:important|essential|vital|crucial|necessary|expected|good practice|"
    r"(?:effective|best)(?: safeguarding)? practice|the (?:role|responsibility|duty) of)\b"
)
RESPONSIBILITY = re.compile(
    r"\b(must|should|shall|responsib\w*|accountable|ha(?:s|ve) a duty|leads?|(?:is|are) required to|"
    r"will(?! (?:be able|often|usually|generally|normally|sometimes|also|need)\b)|"
    r"(?:is|are) expected to|"
    # where a dispute goes next is whose it is: '… the next stage of escalation is to the Secretary
    # of State'
    r"escalat\w*|"
    # what it is good practice for someone to do is theirs: 'It is effective safeguarding practice
    # for the designated safeguarding lead … to have a good understanding of HSB'
    r"it is (?:good|best|effective)(?: safeguarding)? practice for)\b",
    re.IGNORECASE,
)
DEFINITION_VERB_WORDS = 3  # 'is not a', 'does not include': where a definition's negation counts
NEGATION = re.compile(
    r"\b(not|no|never|without|neither|nor|cannot|unless|rather than|instead of|other than|except)\b|n[’']t\b",
    re.IGNORECASE,
)
# 'the designated safeguarding lead (or a deputy)': the gloss stays in the statement, the role is
# blanked ('_____ (or a deputy) should make an immediate risk and needs assessment')
DEPUTY = re.compile(r"\s*\((?:(?:or|and) )?(?:a |their |the |any )?deput(?:y|ies)\)")
INTRODUCTORY = re.compile(r"[A-Z][A-Za-z ]{0,30},\s*")
ENUMERATION_AFTER = re.compile(
    r"\s*(?:,\s*[a-z][\w’' -]{0,40}?(?:,|\band\b|\bor\b)|/|or\b|and\b|nor\b|\))"
)
LAWFUL_BASES = frozenset(
    {"public task", "legal obligation", "vital interests", "legitimate interests"}
)
LIST_OPENED = re.compile(r":\s*\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})[.)]$")
TIME_NOUNS = re.compile(r"(days?|hours?|weeks?|months?|years?)\b")
LEVEL_RANGE = re.compile(r"\s*(?:,|/|-|–|\bor\b|\band\b|\bto\b|\+)\s*(?:[Ll]evel\s*)?\d")
TOP_CANDIDATES = 4
GLOSSARY = re.compile(r"glossary|definitions|terminology|key terms", re.IGNORECASE)
ON_TOPIC_TRIES = 2  # statements of one passage judged on the topic by meaning, at most
DEFINITION_WORDS = (
    8  # words after a defined term: 'Part of safeguarding and promoting welfare' is too few
)
FAMILIAR_SECTIONS = 8
SCHOOL_GUIDANCE = re.compile(r"\b(education|schools?|colleges?)\b", re.IGNORECASE)
# A statement that holds only under a condition ('Where ...', 'If ...'): a practice scenario must fit
# it closely, or it would suggest the statement applies to a case it does not. Routine or planned
# sharing ('on a regular basis') is never paired with a case: a learner could take a DPIA to be
# needed before sharing a concern.
CONDITION = re.compile(
    r"^(?:where|if|when|before|unless|once|after|in (?:cases?|circumstances) where)\b|"
    r"\b(?:only|unless) (?:if|where|when)\b",
    re.IGNORECASE,
)
ROUTINE = re.compile(
    r"\b(?:on a regular basis|routine|planned sharing|systematic)\b", re.IGNORECASE
)
CONDITIONAL_FIT = 0.55  # above scenarios.FIT_MIN: a statement that holds under a condition
# A duty item tests the duty itself: a requirement or a prohibition ('must', 'must not', 'should
# not'); 'should' against 'must' alone is a modal-verb quiz, not practice.
DUTY_POINT = frozenset({"must", "must not", "should not"})
# What a trainer tests, by the kind of phrase an item blanks out (README: Quizzes).
ITEM_TYPES = {
    "agency": "who",
    "agencies": "who",
    "timescale": "when",
    "process": "what next",
    "check": "what next",
    "record": "record/share",
    "harm": "threshold",
    "basis": "record/share",
    "law": "law",
    "section": "law",
    "article": "law",
    "age": "threshold",
    "level": "threshold",
    "urgency": "when",
    "count": "fact",
    "term": "definition",
    "duty": "duty",
}
SHARING = re.compile(
    r"\b(shar\w*|record\w*|disclos\w*|pass(?:ed|ing)? on|inform(?:ed|ing)?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Candidate:
    sentence: str  # as shown: bullet, footnote numbers and inner double quotes tidied
    target: Target
    score: float
    lead_in: str = ""  # for a point of a list, the words that lead into the list


LEAD_IN_WORDS = 45


def lead_in_ending(text: str) -> str:
    """The passage's last sentence when it leads into a list (its points open the next passage)."""
    pieces = split_sentences(text)
    last = display_sentence(pieces[-1]) if pieces else ""
    return last if _lead_in(last) else ""


def display_sentence(raw: str) -> str:
    text = BULLET.sub("", strip_footnotes(raw).strip())
    return " ".join(text.replace("“", "‘").replace("”", "’").replace('"', "’").split())


LONGEST_STATEMENT = 55  # words: longer, a learner loses the point before reaching the gap
# ... except a definition, which names its term first and is read whole ('Child criminal
# exploitation - As set out in the Serious Violence Strategy, … where an individual or group takes
# advantage of an imbalance of power to coerce … (c) through violence or the threat of violence.')
LONGEST_DEFINITION = 85


def quotable(sentence: str) -> bool:
    words = sentence.split()
    longest = LONGEST_STATEMENT
    if len(words) > longest and any(t.start == 0 for t in defined_terms(sentence)):
        longest = LONGEST_DEFINITION
    if not 8 <= len(words) <= longest or not sentence[:1].isupper():
        return False
    if ANAPHORA.match(sentence) and not EXPLETIVE_IT.match(sentence):
        return False
    if LEGAL_DRAFTING.search(sentence) or (len(words) < 12 and DEMONSTRATIVE.search(sentence)):
        return False  # amending text of an Act; a short sentence leaning on the one before
    back = POINTS_BACK.search(sentence)
    if back and not HEADED.search(sentence[: back.start()]):
        return False  # ('Level 4: Children in acute need - These children are …' names them first)
    if not sentence.endswith((".", ".’")) or UNQUOTABLE.search(sentence):
        return False
    if LIST_OPENED.search(sentence):
        return False  # '…each of the following apply: i.': a lead-in with its first numeral, not a sentence
    return not looks_like_injection(sentence)


def statements(text: str, lead_in: str = "") -> list[tuple[str, str]]:
    """The passage's quotable sentences as ('', sentence), and each point of a bulleted list as
    (lead-in, point): a point is tested with the words that lead into it shown beside it
    ('The designated safeguarding lead should:'), which say who or when it applies to.
    `lead_in`: the one that ends the passage before, for a passage opening with a list's points."""
    found = []
    for raw in pieces_of(text):
        sentence = _without_repeated_label(display_sentence(raw))
        if LIST_POINT.match(raw) and lead_in and sentence[:1].islower():
            point = LIST_POINT_END.sub("", sentence)
            if _quotable_point(point, lead_in):
                found.append((lead_in, point))
            continue
        lead_in = sentence if _lead_in(sentence) else ""
        if quotable(sentence) or (LIST_POINT.match(raw) and _whole_point(sentence)):
            found.append(("", sentence))
    return found


# a glossary entry whose label its sentence repeats: 'Child sexual exploitation - Child sexual
# exploitation is a form of child sexual abuse.'
REPEATED_LABEL = re.compile(
    r"^\W*(?P<label>[A-Z][\w’'()-]*(?: [\w’'()-]+){0,7}?)\s+[-–]\s+(?=(?P=label)\b)", re.I
)


def _without_repeated_label(sentence: str) -> str:
    """The sentence without a glossary label it goes on to repeat: with it, the term shows twice
    and cannot be asked."""
    return REPEATED_LABEL.sub("", sentence, count=1)


# a point opening with a bare verb of being or having ('is accountable to…') belongs to a subject
# other than the lead-in ('Conference tasks include:'): read together, they would say something else
SUBJECTLESS = re.compile(r"^(?:is|are|was|were|has|have|had|does|do)\b")


# ... unless the lead-in ends on the subject's relative pronoun ('… may have acted in a way that:')
RELATIVE_END = re.compile(r"\b(?:that|which|who)\s*:$")


def _quotable_point(point: str, lead_in: str = "") -> bool:
    words = point.split()
    return (
        6 <= len(words) <= 40
        and (not SUBJECTLESS.match(point) or bool(RELATIVE_END.search(lead_in)))
        and not point.endswith(":")
        and not ANAPHORA.match(point)
        and not UNQUOTABLE.search(point)
        and not LEGAL_DRAFTING.search(point)
        and not looks_like_injection(point)
    )


def _whole_point(point: str) -> bool:
    """A point of a list that is a sentence of its own ('The initial child protection conference
    should take place within 15 working days…'), though the list leaves off its full stop."""
    return (
        point[:1].isupper()
        and not point.endswith((":", ";", ",", "—", "–", "-"))
        and bool(MODAL.search(point))
        and quotable(point + ".")
    )


def _lead_in(sentence: str) -> bool:
    words = sentence.split()
    return (
        sentence.endswith(":")
        and 3 <= len(words) <= LEAD_IN_WORDS
        and sentence[:1].isupper()
        and not (ANAPHORA.match(sentence) and not EXPLETIVE_IT.match(sentence))
        and not UNQUOTABLE.search(sentence)
        and not LEGAL_DRAFTING.search(sentence)
        and not looks_like_injection(sentence)
    )


def item_type(target: Target, sentence: str) -> str:
    """who / when / what next / threshold / record/share / law / fact / duty."""
    kind = ITEM_TYPES.get(target.kind, target.kind)
    if kind in ("who", "what next") and SHARING.search(sentence):
        return "record/share"
    return kind


def source_phrase(chunk: Chunk, name: str) -> str:
    """How a question names its source; a local document says whose arrangement it is."""
    area = local_area(chunk.kind, chunk.publisher)
    return f"{area}’s local guidance, {name}" if area else name


def plain_lead(source: str) -> str:
    return f"Under {source}:" if "local guidance" in source else f"According to {source}:"


def is_guidance(kind: str) -> bool:
    """Guidance, advice, procedures and law, as against research, reviews, inspections, commentary."""
    return bool(GUIDANCE.search(kind or ""))


def candidates(chunk: Chunk, topic: str | TopicWords, lead_in_before: str = "") -> list[Candidate]:
    """Every (sentence, phrase) pair of the passage a question could be made of, best first.
    `lead_in_before`: a lead-in ending the passage before, whose points open this one."""
    topic = topic if isinstance(topic, TopicWords) else TopicWords(topic)
    weight = 1.0 if is_guidance(chunk.kind) else 0.7
    found = []
    for lead_in, sentence in statements(chunk.text, lead_in_before):
        targets = find_targets(sentence)
        targets += agency_pairs(sentence, targets)
        whole = f"{lead_in} {sentence}".strip()
        held = topic.held(whole)
        bonus = (1.0 if duty_of(whole) else 0.0) + 2.0 * topic.share(whole, held)
        bonus -= 0.5 if len(whole.split()) > 35 else 0.0
        on_topic = not topic.words or bool(held)
        long = len(sentence.split()) > LONGEST_STATEMENT
        for target in targets:
            if long and target.kind != "term":
                continue  # a long definition is quoted for its term alone
            if target.kind == "count" and not STATUTORY.match(chunk.kind or ""):
                continue  # counts in local reports are trivia ('four or five primary schools')
            if target.kind == "duty" and (not on_topic or target.text.lower() not in DUTY_POINT):
                continue  # a duty word in a sentence about something else, or 'should' alone, tests no practice
            if (
                target.kind == "term"
                and ":dash:" in target.family
                and not GLOSSARY.search(chunk.section or "")
            ):
                continue  # 'Name – …' outside a glossary is a list of organisations or resources
            if target.kind in ("section", "article") and not _of_a_law(chunk, targets):
                continue  # a local protocol's own 'Section 8' is not law: only an Act's section is
            if _blankable(sentence, target, targets, lead_in):
                found.append(
                    Candidate(
                        sentence, target, weight * (KIND_WEIGHT[target.kind] + bonus), lead_in
                    )
                )
    return sorted(found, key=lambda c: -c.score)


def _of_a_law(chunk: Chunk, targets: list[Target]) -> bool:
    """A section or article is asked as law only from legislation or statutory guidance, or where
    the sentence names the Act it belongs to ('section 17 of the Children Act 1989'); elsewhere
    'see Section 7' is the document's own chapter."""
    return bool(STATUTORY.match(chunk.kind or "")) or any(t.kind == "law" for t in targets)


def _blankable(sentence: str, target: Target, targets: list[Target], lead_in: str = "") -> bool:
    same = [t for t in targets if t.key == target.key and t.kind == target.kind]
    if len(same) > 1 or _plain(sentence).count(_plain(target.text)) > 1:
        return False  # the answer would still show elsewhere in the statement
    if target.kind != "agencies" and any(
        t is not target
        and t.kind != "agencies"
        and t.start < target.end
        and target.start < t.end
        and t.end - t.start > target.end - target.start
        for t in targets
    ):
        return False  # part of a longer phrase
    year = re.search(r"\b\d{4}$", target.text) if target.kind == "law" else None
    if year and year.group(0) in sentence[: target.start] + sentence[target.end :]:
        return False  # '… Act 2021 received Royal Assent on 29 April 2021': the year gives it away
    if target.kind == "count" and (
        TIME_NOUNS.match(sentence[target.end :].strip())
        or ENUMERATION_BEFORE.search(sentence[: target.start])
    ):
        return False  # 'ten years on' is a timescale; 'four or five' a range
    if target.kind == "level" and (
        ENUMERATION_BEFORE.search(sentence[: target.start])
        or LEVEL_RANGE.match(sentence[target.end :])
    ):
        return False  # 'level 2 or 3', 'levels 1 to 3': more than one level is right
    if target.kind == "urgency" and (
        ENUMERATION_BEFORE.search(sentence[: target.start])
        or re.match(r"\s*(?:,|\bor\b|\band\b)", sentence[target.end :])
    ):
        return False  # 'immediately or within 24 hours': the other timing would be right too
    if target.kind == "term" and (
        target.start != 0 or lead_in or len(sentence[target.end :].split()) < DEFINITION_WORDS
    ):
        return False  # a definition opens its own sentence, and says enough to tell terms apart
    if target.kind in ("agency", "agencies") and not RESPONSIBILITY.search(f"{lead_in} {sentence}"):
        return (
            False  # 'X has powers to share' is true of most agencies; 'X must ...' is X's own duty
        )
    # a definition's own negations ('… by a person who is not a parent') say what the term is;
    # only one next to it ('_____ is not …') would make other terms right too
    clause = (
        " ".join(sentence[target.end :].split()[:DEFINITION_VERB_WORDS])
        if target.kind == "term"
        else _clause_around(sentence, target)
    )
    if target.kind != "duty" and NEGATION.search(clause):
        return (
            False  # 'you do not need ___', '___ does not prevent': wrong answers would be true too
        )
    if target.kind in ("agency", "law", "process", "check", "basis", "harm", "record"):
        if is_listed_with_others(sentence, target, targets):
            return False
        return _fits_grammar(sentence, target)
    if target.kind == "agencies":
        return _fits_grammar(sentence, target)
    return True


def _plain(text: str) -> str:
    """Lower case with one kind of apostrophe: 'children’s' and "children's" are one word."""
    return text.lower().replace("’", "'").replace("‘", "'")


def _clause_around(sentence: str, target: Target) -> str:
    before = re.split(r"[,;:–]", sentence[: target.start])[-1]
    after = re.split(r"[,;:–]", sentence[target.end :])[0]
    return f"{before} {after}"


def _fits_grammar(sentence: str, target: Target) -> bool:
    """Another phrase can stand in its place: not after 'each' or 'their', not one item of a list
    ('your manager, the DPO or...'), not half of a compound ('the police officer'), not possessive,
    not followed by its own abbreviation, and worded like its stock form (article, number)."""
    before, rest = sentence[: target.start], sentence[target.end :]
    opening = not before or INTRODUCTORY.fullmatch(before)  # 'However, the police must...'
    words = before.split()
    if not opening and words[-1].lower().strip("(") not in PRECEDERS:
        return False  # 'Receiving schools', 'each local authority': another phrase would not fit
    if (not opening and ENUMERATION_BEFORE.search(before)) or ENUMERATION_AFTER.match(rest):
        return False
    if rest[:1] in ("’", "'", "-") or (rest.lstrip().startswith("(") and not DEPUTY.match(rest)):
        return False  # possessive, compound, or glossed: '(the DPA 2018)', '(social worker)'
    if deputy := DEPUTY.match(rest):
        rest = rest[deputy.end() :]  # '_____ (or a deputy) should…': any role can have one
    following = re.match(r"\s*([A-Za-z]+)", rest)
    if following and target.kind != "law" and following.group(1).lower() not in FOLLOWERS:
        return (
            False  # 'the police officer': half of a longer name (an Act's name ends with its year)
        )
    phrase = phrase_for(target)
    if phrase and phrase.display:
        if (
            target.kind != "basis"
            and phrase.number == "s"
            and _article(target.text) != _article(phrase.display)
        ):
            return False
        return canonical(target.text).endswith("s") == canonical(phrase.display).endswith("s")
    return True


def _article(text: str) -> str:
    first = text.split()[0].lower() if text.split() else ""
    return "an" if first == "a" else first if first in ("the", "an") else ""


class ExtractiveWriter:
    """Writes one checked item per passage, or None when the passage offers nothing testable."""

    def __init__(
        self,
        topic: str,
        vocabulary: Vocabulary,
        widen: Callable[[], None],
        rng: random.Random,
        scenarios: ScenarioWriter,
        lists=None,
        responses=None,
    ):
        self.lists = (
            lists  # a ListWriter: 'which of these is on the list' when nothing can be blanked
        )
        # a ResponseWriter: 'what should happen' when the passage has neither a gap nor a list
        self.responses = responses
        if responses is not None and lists is not None and responses.near is None:
            responses.near = lists.pool  # its wrong options come from the passages on the topic
        self.index_terms: Callable[[], None] = lambda: None  # adds the whole index's defined terms
        # is a statement (with its section) on the topic: checked before a scenario is sought for it
        self.about: Callable[[str, str], bool] = lambda statement, section: True
        # the lead-in ending the passage before (same section), for a passage opening with points
        self.lead_in_before: Callable[[Chunk], str] = lambda chunk: ""
        self._judged = 0  # statements of the passage being written judged by `about`
        self.topic = topic
        # the topic with the documents' acronyms for it, where the quiz has them (build_quiz)
        self.topic_words = TopicWords(topic)
        self.vocabulary = vocabulary
        self.widen = widen
        self.rng = rng
        self.scenarios = scenarios
        self.tested: dict[str, tuple[str, str] | None] = {}  # chunk id -> what its item asks about
        self.proposed: dict[
            str, Scenario
        ] = {}  # chunk id -> the scenario its item was written with

    def keep(self, item: QuizItem) -> None:
        """The item is in the quiz: its person and situation are not to be used again."""
        if item.chunk_id in self.proposed:
            self.scenarios.use(self.proposed.pop(item.chunk_id))

    def write(
        self,
        chunk: Chunk,
        exclude_kinds: frozenset[str] = frozenset(),
        asked: frozenset[tuple[str, str]] = frozenset(),
    ) -> QuizItem | None:
        """asked: (kind, answer) pairs other items already test, so a quiz does not ask 'section 47' four times."""
        found = [
            c
            for c in candidates(chunk, self.topic_words, self.lead_in_before(chunk))
            if c.target.kind not in exclude_kinds and answer_key(c.target) not in asked
        ]
        jittered = sorted(found, key=lambda c: -(c.score + self.rng.random()))
        self._judged = 0
        for candidate in jittered[:TOP_CANDIDATES]:
            item = self._item(chunk, candidate)
            if item is not None and not item_problems(item, chunk.text):
                self.tested[chunk.id] = answer_key(candidate.target)
                return item
        # nothing to blank: 'which of these is on the list', then 'what should happen'
        lead = plain_lead(source_phrase(chunk, document_name(citation_of(chunk))))
        if self.lists is not None and "list" not in exclude_kinds:
            if item := self._checked(chunk, self.lists.write(chunk, lead, asked)):
                return item
        if self.responses is not None and "response" not in exclude_kinds:
            return self._checked(chunk, self.responses.write(chunk, lead, asked, self.about))
        return None

    def _checked(self, chunk: Chunk, written: tuple[QuizItem, tuple] | None) -> QuizItem | None:
        """A list or 'what should happen' item that passes its checks, noted as what the passage
        tests; None otherwise."""
        if written is None or item_problems(written[0], chunk.text):
            return None
        self.tested[chunk.id] = written[1]
        return written[0]

    def _item(self, chunk: Chunk, candidate: Candidate) -> QuizItem | None:
        target, sentence, lead_in = candidate.target, candidate.sentence, candidate.lead_in
        stem = sentence[: target.start] + BLANK + sentence[target.end :]
        whole = f"{lead_in} {sentence}".strip()
        # a point of a list: its other points are shown as good as (trainer trial N: 'the police'
        # and 'the local authority' were offered as wrong for one point of a list naming both)
        shown = f"{lead_in} {stem} {chunk.text}" if lead_in else f"{lead_in} {stem}"
        picked = self._distractors(target, stem, chunk, shown)
        if picked is None or self._judged >= ON_TOPIC_TRIES:
            return None
        self._judged += 1  # judging a statement by meaning costs an embedding: twice per passage
        # a definition is about the topic by itself: under a heading that names the topic ('Abuse
        # and neglect') sit the definitions of other harms too ('Physical abuse: a form of abuse…')
        # — unless the section is the term's own ('Preventing radicalisation > Channel' for
        # 'Channel is a voluntary, confidential support programme …'): its heading above says what
        # the term belongs to
        section = (
            chunk.section if target.kind != "term" or _headed_by(chunk.section, target.text) else ""
        )
        if not self.about(whole, section):
            return None  # the quiz would leave it out: no scenario is sought for it
        distractors = [_case_like(target, text) for text, _ in picked]
        answer = mend_broken_hyphen(target.text)  # as the wrong options read: no line-break gap
        options = [answer, *distractors]
        self.rng.shuffle(options)
        citation = citation_of(chunk, sentence)
        source = source_phrase(chunk, document_name(citation))
        scenario = None
        if not ROUTINE.search(whole) and target.kind != "term":  # a definition needs no case
            school = bool(SCHOOL_GUIDANCE.search(chunk.title))
            fit_min = CONDITIONAL_FIT if CONDITION.search(whole) else FIT_MIN
            scenario = self.scenarios.write(
                f"{last_section(chunk.section)}. {whole}", self.topic, school, fit_min, sentence
            )
        lead = LEADS[target.kind]
        if lead_in:
            lead = f"It lists: “{lead_in}” {lead.replace('this statement from it', 'this point of the list')}"
        if scenario is not None:
            self.proposed[chunk.id] = scenario
            _, them, _ = PRONOUNS[scenario.pronoun]
            question = f"To help {them} decide, {scenario.name} checks {source}. {lead}\n“{stem}”"
        else:
            self.proposed.pop(chunk.id, None)
            question = f"{plain_lead(source)} {lead}\n“{stem}”"
        said = f"“{lead_in}” … “{sentence}”" if lead_in else f"“{sentence}”"
        rationale = f"{document_name(citation)} says: {said}{_note(target, picked, chunk)}"
        return QuizItem(
            scenario.text if scenario else "",
            question,
            tuple(options),
            options.index(answer),
            rationale,
            citation,
            sentence,
            target.kind,
            item_type(target, sentence),
        )

    def _distractors(
        self, target: Target, stem: str, chunk: Chunk, shown: str = ""
    ) -> list[tuple[str, Entry | None]] | None:
        """Three wrong options for the gap; `shown`: all the question shows of the statement (its
        lead-in and the stem), where no wrong option may already be named (`_shows`)."""
        shown = shown or stem
        if target.kind == "duty":
            options = modal_options(target)
            return [(o, None) for o in options[1:]] if options else None
        if target.kind in ("count", "age", "level"):
            fixed = {
                "count": count_distractors,
                "age": age_distractors,
                "level": lambda t: level_distractors(t, stem),
            }[target.kind](target)
            fixed = [o for o in fixed if not _shows(shown, o)]
            if len(fixed) < 3:
                return None
            sample = fixed if target.kind == "level" else self.rng.sample(fixed, 3)
            return [(o, None) for o in sample[:3]] if len(sample) == 3 else None
        if target.kind == "urgency":
            return [(o, None) for o in LATER]
        if target.kind not in (*VOCABULARY_KINDS, "agencies"):
            return None
        choose = self._pairs if target.kind == "agencies" else self._from_vocabulary
        if target.kind in ("section", "article"):
            self.widen()  # how widely a section is cited decides which are familiar enough to offer
        picked = choose(target, stem, chunk, shown)
        if picked is None:
            self.widen()
            picked = choose(target, stem, chunk, shown)
        if picked is None and target.kind == "term":
            self.index_terms()
            picked = choose(target, stem, chunk, shown)
        return picked

    def _pairs(
        self, target: Target, stem: str, chunk: Chunk, shown: str = ""
    ) -> list[tuple[str, Entry]] | None:
        """Three other pairs of agencies, none sharing a family with the answer's two."""
        families = target.family.split("+")
        first = Target("agency", families[0], "p", 0, 0, "")
        named = _named_in(shown or stem)
        pool = [
            e
            for e in self.vocabulary.of_kind("agency")
            if not any(overlapping(e.family, f) for f in families)
            and any(c.id != chunk.id for c in e.chunks)
            and not _shows(shown or stem, e.display)
            and e.family not in named
        ]
        ordered = []
        for tier in _tiers(pool, first):
            ordered += self.rng.sample(tier, len(tier))
        chosen: list[Entry] = []
        for entry in ordered:
            if not any(overlapping(entry.family, c.family) for c in chosen):
                chosen.append(entry)
            if len(chosen) == 6:
                join = pair_join(target)
                return [
                    (f"{a.display} {join} {b.display}", a)
                    for a, b in zip(chosen[::2], chosen[1::2], strict=True)
                ]
        return None

    def _from_vocabulary(
        self, target: Target, stem: str, chunk: Chunk, shown: str = ""
    ) -> list[tuple[str, Entry]] | None:
        named = _named_in(shown or stem)
        pool = [
            e
            for e in self.vocabulary.of_kind(target.kind)
            if e.key != target.key
            and not overlapping(e.family, target.family)
            and any(c.id != chunk.id for c in e.chunks)
            and not _shows(shown or stem, e.display)
            and e.family not in named
        ]
        if target.kind == "agency" and _number_matters(stem):
            pool = [e for e in pool if e.number == target.number]
        if target.kind == "term":  # a term of the other group, sharing no word with the answer
            words = set(tokenize(target.text)) - {"child", "children"}
            pool = [
                e
                for e in pool
                if harm_term(e.display) != harm_term(target.text)
                and e.family.split(":")[2] == "verb"
                and not words & set(tokenize(e.display))
            ]
        if target.kind == "basis":  # lawful bases only where the statement names one as a basis
            pool = [e for e in pool if e.key not in LAWFUL_BASES or _about_a_basis(stem)]
        if target.kind in (
            "section",
            "article",
        ):  # the often-cited ones: s17, s47, s11..., not s210
            pool = sorted(
                pool, key=lambda e: (-len({c.doc_id for c in e.chunks}), -len(e.chunks), e.key)
            )[:FAMILIAR_SECTIONS]
        ordered = []
        for tier in _tiers(pool, target):
            ordered += self.rng.sample(tier, len(tier))
        chosen: list[Entry] = []
        days = {
            timescale_days(target.text),
            *(timescale_days(t.text) for t in find_targets(stem) if t.kind == "timescale"),
        }
        for entry in ordered:
            if any(overlapping(entry.family, c.family) for c in chosen):
                continue  # 'the police' and 'police forces' are one distractor, not two
            if target.kind == "timescale":
                value = timescale_days(entry.display)
                if value is None or any(_close(value, d) for d in days if d is not None):
                    continue
                days.add(value)
            chosen.append(entry)
            if len(chosen) == 3:
                return [(e.display, e) for e in chosen]
        return None


# the numbers a text names: a section's ('17ZA'), a timescale's ('10'), an age, a count in words
# ('one' is left out: 'one of the agencies' names no number)
NUMBERS = re.compile(
    r"\b(?:\d+(?:[A-Z]{1,3}(?![a-z]))?|"
    r"(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
)


def _numbers(text: str) -> set[str]:
    return {n.casefold() for n in NUMBERS.findall(text)}


def _shows(shown: str, option: str) -> bool:
    """The question already shows the wrong option, by its words or by its number: in
    '(_____, 11, Children Act 2004)' the statement names section 11 itself, so 'section 11' would
    be right too; in '… aged 16 or over … under _____' the age 16 reads as a hint."""
    return canonical(option) in normalise(shown) or bool(_numbers(option) & _numbers(shown))


def _named_in(stem: str) -> set[str]:
    """The families the statement already names under any of their names ('The LADO will advise
    _____'): one of them offered for the gap would give itself away."""
    return {t.family for t in find_targets(stem) if t.family}


def _tiers(pool: list[Entry], target: Target) -> list[list[Entry]]:
    """Most plausible first: same sector and on the topic, same sector, on the topic, the rest."""
    sector = sector_of(target.family)

    def tier(entry: Entry) -> int:
        same = sector is not None and sector_of(entry.family) == sector
        return (0 if entry.related else 1) + (0 if same or sector is None else 2)

    return [[e for e in pool if tier(e) == t] for t in range(4)]


def _about_a_basis(stem: str) -> bool:
    before, after = stem.split(BLANK, 1)
    near = " ".join(before.split()[-3:] + after.split()[:4])
    return bool(re.search(r"\b(bas[ie]s|rely|relies|relying)\b", near, re.IGNORECASE))


def answer_key(target: Target) -> tuple[str, str] | None:
    """What an item tests, for spotting repeats: duty words may recur, an agency (of any name) or
    a section may not."""
    if target.kind == "duty":
        return None
    if target.kind == "term":  # one term, however the guidance defines it
        return (target.kind, target.family.split(":", 3)[-1])
    if target.kind == "timescale":  # 'within 10 days' is 'within 10 working days'
        return (target.kind, re.sub(r"\b(?:working|calendar|clear)\s+", "", target.family))
    return (target.kind, target.family or target.key)


def _number_matters(stem: str) -> bool:
    after = re.match(r"\s*([A-Za-z]+)", stem.split(BLANK, 1)[1])
    return bool(after and after.group(1).lower() in NUMBER_VERBS)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.25 * max(a, b, 1.0)


def _case_like(target: Target, text: str) -> str:
    if target.start == 0 and target.text[:1].isupper():  # a point of a list starts in lower case
        return text[:1].upper() + text[1:]
    return text


def _note(target: Target, picked: list[tuple[str, Entry | None]], cited: Chunk) -> str:
    if target.kind == "duty" and target.text.lower() in ("must", "should"):
        # only statutory guidance's and the law's 'must' is a legal requirement: a local
        # protocol's is that area's rule, an inspection's ('what must happen') is ordinary English
        if (cited.kind or "").lower() in ("statutory guidance", "legislation"):
            return " In statutory guidance and the law, ‘must’ marks a legal requirement and ‘should’ what is expected unless there is a good reason not to."
        return ""
    if target.kind in ("timescale", "section", "article"):
        others = []
        for text, entry in picked:
            source = next((c for c in entry.chunks if c.id != cited.id), None) if entry else None
            if source is not None:
                others.append(f"‘{text}’ ({document_name(citation_of(source))}{_para(source)})")
        if others:
            return (
                " The other options appear elsewhere in the guidance, for other purposes: "
                + "; ".join(others)
                + "."
            )
    return ""


def _para(chunk: Chunk) -> str:
    if chunk.paragraph:
        return f", para {chunk.paragraph}"
    return f", p. {chunk.page}" if chunk.page else ""


def _headed_by(section: str, term: str) -> bool:
    """The section's last heading is the term itself ('… > Channel' for 'Channel')."""
    last = section.rsplit(">", 1)[-1].strip().lower()
    return ">" in section and last == term.strip().lower()
