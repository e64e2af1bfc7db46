"""The default backend: no model. It quotes, verbatim, the sentences of the retrieved passages
that best answer the question, each with its [n] marker. Honest by construction.

The first sentence is the one that holds what was asked: a timescale for a timescale question,
the defining sentence for a definition, the roles for a who-question, the duty and its exceptions
for 'must I / can I' (assistant/question_kind.py). Sentences are scored by their words and, when
the chain gives the backend a SentenceMeaning, by meaning (MiniLM) too. Statutory guidance comes
before local packs and commentary; no sentence twice; nothing from a passage that does not
address the question; a lead-in ending in ':' comes with its list (assistant/quotable.py)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from assistant.answerability import (
    acronyms,
    acronyms_written_out,
    act_section,
    question_acronyms,
    sections_asked,
)
from assistant.backends.base import AnswerBackend, ChatRequest
from assistant.catalogue import local_area
from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.question_kind import (
    Kind,
    asked_act,
    asks_an_age,
    asks_how_long_kept,
    asks_how_often,
    asks_in_addition,
    compared_terms,
    contents_of,
    copula_subject,
    count_agrees,
    count_asked,
    has_added_duty,
    has_age,
    has_counted_time,
    has_frequency,
    kind_term,
    listed_noun,
    party_told,
    question_kind,
    roles_named,
    says_outright,
    second_ask,
    sentence_holds,
    states_a_limit,
    tells_another_party,
    times_another_event,
    who_of,
)
from assistant.quotable import (
    SIGNPOST_ASKED,
    Unit,
    is_fragment,
    is_reported_speech,
    is_resource_list,
    is_signpost,
    leans_back,
    point_label,
    quotable_units,
)
from assistant.sentence_vectors import meaning_text
from assistant.setting import (
    WALES,
    WELSH_COUNTERPARTS,
    asked_outside_school,
    for_england_only,
    for_schools,
)
from assistant.text import (
    BULLET,
    label_as_local,
    split_at_markers,
    tokenize,
    without_local_label,
    words_of,
)
from assistant.types import Passage, is_annotation, is_note

SIBLING_POINT_PENALTY = 0.5  # a labelled point of another case than the one the question names
DIFFERS_IN_SUBSTANCE = re.compile(
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|not|no|never|nor|"
    r"none|without|unless|england|wales|scotland|ireland|northern|english|welsh"
)
REFERENCE = re.compile(
    r"\b(?:sections?|s|part|paragraphs?|para|schedule|regulation|article|chapter|annex)\s+\d+[a-z]*\b"
)
RESTATED_SHARE = 0.8  # of two sentences' words in common: one restates the other (Jaccard)
# the list a question asks for ('who are the relevant partners …?') is shown whole up to this many
# words, though the answer then runs past its budget
LIST_ANSWER_WORDS = 220
MAX_PER_PASSAGE = 2  # unless the passages that address the question run out before the budget
SIGNPOST_PENALTY = 0.5
SPEECH_PENALTY = 0.3
MEANING_CANDIDATES = 24  # sentences scored by meaning per question (the best by words)
# How much closeness in meaning (cosine) adds to a sentence's word score. 24 and 1.6 (from 12 and
# 0.8, when each sentence was embedded at answer time) chosen on the tuned half of the dev set:
# key facts 0.479 -> 0.515 there (untuned 0.465 -> 0.469, leads 0.380 -> 0.408).
MEANING_WEIGHT = 1.6
# Authority: statutory guidance and the law first, then national advice, then local packs, then
# research, inspection reports and commentary.
TIERS = {
    "statutory guidance": 0,
    "legislation": 0,
    "procedures": 0,
    "non-statutory advice": 1,
    "programme guide": 1,
    "local guidance": 2,
}
LOWEST_TIER = 3
# A list of what someone does, by its lead-in: 'All involved practitioners should:', 'Conference
# tasks include:'
ACTION_LEAD_IN = re.compile(
    r"\b(?:should|must|will|need to|are expected to)\s*:\s*$"
    r"|\b(?:tasks|responsibilities|duties|functions)\s+(?:include|are)\s*:\s*$",
    re.IGNORECASE,
)
AUTHORITY_WEIGHT = 0.08  # what the highest tier adds to a sentence's score over the lowest
# A passage addresses the question when one of its sentences is this close to the best one.
ADDRESS_MARGIN = 0.12
MIN_OVERLAP = 0.2
# The sentence holding the asked kind of fact leads unless it scores this much below the best.
LEAD_MARGIN = 0.45
# A question about Wales: a sentence from a passage that applies to England only (KCSIE, an Act's
# provisions for England) scores this much less, so a Welsh provision the passages hold leads.
ENGLAND_ONLY_PENALTY = 0.3
OTHER_SETTING_PENALTY = 0.3  # a school's guidance, for a question asked from another setting
OTHER_SECTION_PENALTY = 0.5  # a passage of an Act's other section than the one a question names
# a time for telling someone other than whom the question asks about ('Parents … should be: •
# formally told … as soon as possible' for 'how quickly does the LADO have to be told?')
ANOTHER_PARTY_PENALTY = 0.5

# a local pack's sentence (tier LOCAL_TIER) leads a question naming no area only when it scores
# this much above the best of the national guidance
LOCAL_TIER = 2
LOCAL_LEAD_MARGIN = 0.05
LEAD_SUBJECT_SHARE = 0.5
BEST_SUBJECT_SHARE = 0.5  # of LEAD_SUBJECT_SHARE's share, for the best-scored sentence
LIST_SUBJECT_SHARE = 0.5  # of LEAD_SUBJECT_SHARE's share, for the list a question asks for
LEANS_BACK_STEPS = 2  # sentences a lead leaning back may bring before it
FOLLOW_ON_MAX_WORDS = 70  # a lead and the sentence after it that leans back on it, at most
# A question about what changed between editions ('did it change', 'what is new since 2024').
CHANGE_ASKED = re.compile(
    r"\b(?:chang\w*|differ\w*|compar\w*|between|since|versus|vs|new in|updated?|still)\b", re.I
)


@dataclass
class Candidate:
    rank: int  # 0-based passage rank
    unit: Unit
    tokens: frozenset[str]
    tier: int
    holds: bool  # holds the kind of fact asked
    score: float = 0.0
    meaning: float | None = None
    aside: float = 0.0  # below zero for a sentence that points elsewhere or quotes an interviewee
    overlap: float = 0.0  # share of the question's words (by local rarity) the unit holds
    # a list whose lead-in names the set the question asks for, or a sentence saying who that set is
    gives_list: bool = False

    @property
    def key(self) -> str:
        return _normal(self.unit.text)


class ExtractiveBackend(AnswerBackend):
    name = "extractive"
    generative = False

    def __init__(self, answer_words: int = 120, meaning=None):
        self.answer_words = answer_words
        self.meaning = meaning  # assistant.sentence_meaning.SentenceMeaning, given by the chain

    @classmethod
    def from_settings(cls, settings: Settings) -> ExtractiveBackend:
        return cls(settings.answer_words)

    def compose(
        self, question: str, passages: list[Passage], avoid: frozenset[str] = frozenset()
    ) -> str:
        picked = select_sentences(question, passages, self.answer_words, self.meaning, avoid)
        out, before = [], None
        for n, _, sentence in picked:
            doc = passages[n - 1].chunk.doc_id
            # a local document is named once for the sentences quoted from it in a row (trial P:
            # '(Northamptonshire, local guidance)' before every sentence)
            label = local_label(passages[n - 1]) if doc != before else ""
            out.append(f"{label}{sentence} [{n}]")
            before = doc
        return " ".join(out)

    def complete(self, request: ChatRequest) -> str:
        raise BackendUnavailable("the extractive backend has no model to write with")


def local_label(passage: Passage) -> str:
    """'(Lambeth, local guidance) ' before a sentence quoted from a local partnership's document
    ('(London, local review analysis) ' …), so a practitioner elsewhere does not take it for
    national guidance; '' for national ones."""
    chunk = passage.chunk
    return label_as_local(local_area(chunk.kind, chunk.publisher), chunk.kind)


def tier_of(passage: Passage) -> int:
    return TIERS.get(passage.chunk.kind.lower(), LOWEST_TIER) + (
        1 if passage.chunk.status == "superseded" else 0
    )


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def answer_sentences(answer: str) -> frozenset[str]:
    """The units an earlier answer quoted, as their keys (normalised), so a follow-up can avoid
    repeating them. A list shows as 'lead-in: • item • item'; its key is the lead-in alone."""
    return frozenset(sentence_key(p) for p in split_at_markers(answer) if p.strip())


def sentence_key(quoted: str) -> str:
    """A quoted sentence's key as its unit has it: without its local label, list or claim shown."""
    return _normal(CLAIM_SHOWN.sub("", without_local_label(quoted).split(" • ")[0]))


# the claim a reply answers, shown before it (Unit.replies_to): not part of the reply's key
CLAIM_SHOWN = re.compile(r"^\s*“[^”]+” – ")
ASKING_FOR_A_DEFINITION = frozenset(tokenize("mean meaning define definition stand"))
# 'do we need to …?', 'is consent needed?': 'need' asks whether something is required, it is not
# what the question is about (trial W: 'do we need to do a DPIA …?' led with 'You do not need
# consent …'); a child in need is a subject
ASKING_FOR_A_DUTY = frozenset(tokenize("need"))
IN_NEED = re.compile(r"\bin need\b", re.IGNORECASE)


def select_sentences(
    question: str,
    passages: list[Passage],
    budget_words: int,
    meaning=None,
    avoid: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str]]:
    """(passage number, position, text) about budget_words long, the sentence holding the asked
    fact first, then the rest by authority and reading order."""
    kind = question_kind(question)
    term = kind_term(question, kind)
    asked = roles_named(question) if kind is Kind.WHO else frozenset()
    signposts_wanted = bool(SIGNPOST_ASKED.search(question))
    named = acronym_names(question)
    spelled = names_spelled_out(question)
    listed = listed_noun(question)
    counted = count_asked(question)
    contained = contents_of(question) if kind is Kind.CONTENTS else None
    members = who_of(question) if kind is Kind.WHO else frozenset()
    often = kind is Kind.TIMESCALE and asks_how_often(question)
    kept_for = kind is Kind.TIMESCALE and asks_how_long_kept(question)
    # 'do i have to put it in writing as well?': a duty said to come on top ('must also …') answers
    added = kind is Kind.DUTY and asks_in_addition(question)
    # the question's words, its acronyms' names too ('ICPC': 'initial child protection conference')
    timed = (
        frozenset(tokenize(question)).union(*(words for _, words in named))
        if kind is Kind.TIMESCALE
        else frozenset()
    )
    act = asked_act(question) if kind is Kind.TIMESCALE else frozenset()
    # 'how quickly does the LADO have to be told?': a time for telling someone else is no answer
    told = party_told(question, tuple(named)) if kind is Kind.TIMESCALE else frozenset()

    def holds_fact(text: str) -> bool:
        return (
            (sentence_holds(kind, text, term, asked) or (added and has_added_duty(text)))
            # a time measured from the asked event is another event's time
            and not (timed and times_another_event(text, timed, act))
            # so is one for what comes 'in addition to' the thing asked (trial GG: 'how often does
            # DSL training need updating' led with 'In addition to the formal training set out
            # above, their knowledge and skills should be refreshed … at least annually')
            and not (timed and _besides_the_asked(text, timed))
            and not tells_another_party(text, told)
            # 'how often?' is answered by a frequency, not a deadline ('within 5 days')
            and not (often and not has_frequency(text))
        )

    asked_words = frozenset(tokenize(question))
    candidates: list[Candidate] = []
    seen: set[str] = set()
    for rank, passage in enumerate(passages):
        tier = tier_of(passage)
        law = passage.chunk.kind == "legislation"
        for unit in quotable_units(passage.chunk.text, passage.runs_on, is_note(passage.chunk)):
            # a lead-in with its items: two Acts' sections open their lists alike ('(1) This
            # section applies to each of the following—'), the bodies listed differ
            key = _normal(" ".join((unit.text, *unit.items)))
            if key in seen:
                continue  # the same sentence in two passages (editions, overlaps): quoted once
            if law and is_annotation(unit.text):
                continue  # an Act's note on how its text came to be ('F108 Word in s. 18 omitted')
            seen.add(key)
            whole = " ".join((unit.head, unit.text, *unit.items)).strip()
            aside = _aside(
                unit.text, tier, signposts_wanted, passage.chunk.section, passage.chunk.text
            )
            # a list of what someone does ('All involved practitioners should: • contribute to …')
            # says who by its lead-in alone, whatever roles its points name
            judged = unit.text if kind is Kind.WHO and ACTION_LEAD_IN.search(unit.text) else whole
            if kind is Kind.SIGNS and unit.items:
                # the signs of a harm are a list whose lead-in names them ('indicators … where a
                # child is involved in county lines are children who: …'); a list of other things
                # with the harm as one point ('a child who: … • is at risk of county lines') is not
                judged = f"{unit.head} {unit.text}".strip()
            # a signpost or a quoted interviewee does not hold the fact, whatever its words
            holds = not aside and kind is not Kind.NONE and holds_fact(judged)
            # 'what are the outcomes …?': a list whose lead-in names them ('There are 4 outcomes:')
            gives_list = (
                bool(
                    listed
                    and unit.items
                    and not aside
                    and listed in tokenize(unit.text)
                    and count_agrees(counted, unit.text, listed)
                )
                or (holds and _names_members(unit.text, members, spelled))
                # a list written into its sentence ('There are four mechanisms proposed: a duty
                # …; the creation … of children's trusts; …', dev q001)
                or bool(listed and not aside and _inline_list_named(unit.text, listed, counted))
                # 'what are the 4 Cs of online safety?' names its set in shorthand: a list of as
                # many points whose lead-in counts them ('… categorised into four areas of risk:')
                or bool(
                    counted
                    and not listed
                    and not aside
                    # (or fewer, the rest in the next passage)
                    and (
                        len(unit.items) == counted
                        or (unit.runs_on and 0 < len(unit.items) < counted)
                    )
                    and _counts(unit.text, counted)
                )
            )
            tokens = frozenset(tokenize(whole))
            if law and THIS_SECTION.search(unit.text):
                # 'This section applies to …' says it of the section its heading names
                # ('11 Arrangements to safeguard and promote welfare')
                tokens |= words_of(passage.chunk.section.rsplit(">", 1)[-1])
            heading = _section_heading_asked(passage, asked_words) if law else frozenset()
            if heading and unit.items:
                # an Act's section the question names by its heading ('the corporate parenting
                # principles in the CSWA 2017'): its list is what the heading names (trial FF:
                # s1's '(1) A local authority … must … have regard to the need— (a) to act in the
                # best interests …' shared no word with the question; a framework's bullet led)
                tokens |= heading
                gives_list = gives_list or bool(listed and listed in heading)
            candidates.append(
                Candidate(
                    rank,
                    unit,
                    tokens | _named_in(named, tokens) | _spelled_out(spelled, unit.text),
                    tier,
                    holds or gives_list,
                    aside=aside,
                    gives_list=gives_list,
                )
            )
    if not candidates:
        return []
    _with_antecedent_words(candidates)
    # a section's number ('section 10') is no word of what is asked: '(10) Arrangements under this
    # section may include …' of another section is not about it; nor its short form ('s17': a local
    # pack's heading 'Child in Need (S17)' led over KCSIE's 'A child in need is defined under the
    # Children Act 1989 as …', which says 'section 17' where it says it)
    numbers = {n.lower() for n in sections_asked(question)}
    query = set(tokenize(question)) - numbers - {f"s{n}" for n in numbers}
    # the words of a document the question names by its title say where, not what: 'what are the
    # enablers in the children's social care national framework' asks for the enablers
    query -= frozenset().union(*(_title_named(question, p.chunk.title) for p in passages))
    # so do the words of a local area the question names ('in oxfordshire what level is …?' led
    # with 'This is sponsored by all partners represented on Oxfordshire Safeguarding Children
    # Board')
    query -= _areas_named(question, passages)
    if kind is Kind.DEFINITION:
        # 'what does X mean?': 'mean' asks for a definition, it is not what one is about ('has the
        # meaning given by section 16F(7)' is no answer)
        query -= ASKING_FOR_A_DEFINITION
    if kind is Kind.DUTY and not IN_NEED.search(question) and query - ASKING_FOR_A_DUTY:
        query -= ASKING_FOR_A_DUTY
    weights = _query_weights(query, [c.tokens for c in candidates])
    total = sum(weights.values()) or 1.0
    _mark_wanted_items(
        candidates,
        query,
        weights,
        named,
        age_asked=asks_an_age(question),
        compared=compared_terms(question),
        phrases=_pairs(question),
    )
    if kind is Kind.TIMESCALE:
        for c in candidates:
            if c.holds and not c.gives_list and c.unit.items:
                # a list holds the time asked in its lead-in or in a point the question names: 'The
                # designated safeguarding lead should: … • ensure the policy is reviewed annually'
                # says how often the policy is reviewed, not the lead's training
                lead_in = f"{c.unit.head} {c.unit.text}".strip()
                c.holds = holds_fact(lead_in) or any(
                    holds_fact(c.unit.items[i]) for i in _items_named(c.unit, query)
                )
    for c in candidates:
        c.score = _word_score(c, query, weights, total, avoid)
    if meaning is not None:
        _add_meaning(question, candidates, meaning, named)
    wales_asked = bool(WALES.search(question))
    if wales_asked:
        england_only = {r for r, p in enumerate(passages) if for_england_only(p.chunk)}
        for c in candidates:
            if c.rank in england_only:
                c.score -= ENGLAND_ONLY_PENALTY
    if told:
        for c in candidates:
            if tells_another_party(f"{c.unit.head} {c.unit.text} {' '.join(c.unit.items)}", told):
                c.score -= ANOTHER_PARTY_PENALTY
                c.overlap = 0.0  # about someone else's being told: no measure of what was asked
    if asked_outside_school(question):  # 'GP -', 'our nursery': a school's guidance comes after
        schools = {r for r, p in enumerate(passages) if for_schools(p.chunk)}
        for c in candidates:
            if c.rank in schools:
                c.score -= OTHER_SETTING_PENALTY
    asked_sections = sections_asked(question)
    # asked about Wales, an Act's section for Wales is no other section's: 'section 11 … in
    # Wales?' is answered by section 28, its Welsh counterpart
    others = {
        r
        for r, p in enumerate(passages)
        if asked_sections
        and _other_section(p.chunk, asked_sections)
        and not (wales_asked and _welsh_counterpart(p.chunk, asked_sections))
    }
    if asked_sections and kind is Kind.WHO:
        # 'who has the section 11 duty?': the section's own list of whom it applies to
        for c in candidates:
            chunk = passages[c.rank].chunk
            if (
                c.unit.items
                and APPLIES_TO.search(c.unit.text)
                and act_section(chunk) is not None
                and c.rank not in others
                and not (wales_asked and for_england_only(chunk))
            ):
                c.gives_list = c.holds = True
    if asked_sections:  # 'section 10 of the Act': its own text before other sections' of an Act
        for c in candidates:
            if c.rank in others:
                c.score -= OTHER_SECTION_PENALTY
    _sibling_points_stand_back(candidates, query, passages)
    every = candidates
    _signpost_when_only_it_names_the_subject(candidates, query, weights)
    # a sentence holding a fact tied to the asked thing ('a total of 79 Reviews' for 'how many
    # rapid reviews …') addresses the question whatever other words it shares
    anchored = term is not None and kind in (Kind.QUANTITY, Kind.SIGNS, Kind.DEFINITION)
    candidates = _addressing(candidates, query, weights, total, anchored)
    ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
    fresh = [
        c for c in ranked if c.key not in avoid
    ] or ranked  # a follow-up does not lead with what was said
    # a signpost or an interviewee never leads
    fresh = [c for c in fresh if not c.aside] or fresh
    if asked_sections:  # 's28 … whose guidance?': the section named answers, not its neighbour
        fresh = [c for c in fresh if c.rank not in others] or fresh
    if kind is Kind.DEFINITION and not _names_a_local_area(question, passages):
        # a term's definition comes from the law or statutory guidance when they hold one near the
        # best: a local pack's wording of it does not lead (the child in need definition)
        national = [
            c for c in fresh if c.holds and c.tier == 0 and c.score >= fresh[0].score - LEAD_MARGIN
        ]
        if national:
            first = {id(c) for c in national}
            fresh = [*national, *(c for c in fresh if id(c) not in first)]
    if not _names_a_local_area(question, passages) and fresh[0].tier == LOCAL_TIER:
        # a question naming no area hears the national guidance first when it is as near: a local
        # pack's sentence ahead by a hair does not lead (trial BB: 'family told me flat out they
        # dont want an early help assessment …' led with Oxfordshire's 'an Early Help Assessment
        # should be completed', WT's 'If a family does not consent …' 0.001 behind)
        national = next(
            (c for c in fresh if c.tier == 0 and c.score >= fresh[0].score - LOCAL_LEAD_MARGIN),
            None,
        )
        if national is not None:
            fresh = [national, *(c for c in fresh if c is not national)]
    # the sentence holding the asked kind of fact leads if it is about what was asked: its score
    # near the best, and as many of the question's words as the best, or half as many at least
    # ('Referrals should be made as soon as possible …' holds a time but not 'strategy discussion')
    about = max(c.overlap for c in fresh) * LEAD_SUBJECT_SHARE
    lead = (
        next(
            # the list asked for, though it shares fewer of the question's words than sentences
            # about it do: a quarter of the best's at least (a list naming 'outcomes' on another
            # matter is no answer)
            (
                c
                # the named document's own list first ('the corporate parenting principles in the
                # children and social work act 2017': the Act's, not a framework's bullet on them)
                for c in sorted(
                    fresh, key=lambda c: not _title_named(question, passages[c.rank].chunk.title)
                )
                if c.gives_list and c.overlap >= about * LIST_SUBJECT_SHARE
            ),
            None,
        )
        or next(
            # what the thing asked about should hold ('they should include …'), said of that thing
            # ('When practitioners refer a child, they should include …' for 'what goes in a referral?')
            (
                c
                for c in fresh
                if contained
                and c.holds
                and c.score >= fresh[0].score - LEAD_MARGIN
                and _names_stem(c.tokens, contained)
            ),
            None,
        )
        or max(
            # 'do we have to have a deputy?': the requirement, or its absence, said outright
            # ('It is a matter for individual schools … whether they choose to have one or more
            # deputy …') before a duty about the same thing with its conditions (trial S); of
            # two, the one sharing more of the question's words ('do we need a DPIA …?': 'It is
            # not usually necessary to undertake a DPIA …', not 'You do not need consent …')
            (
                c
                for c in fresh
                if kind is Kind.DUTY
                and c.holds
                # a myth's reply ('“Consent is needed …” – No, you do not need consent …') is one
                and (says_outright(c.unit.text) or bool(c.unit.replies_to))
                and c.score >= fresh[0].score - LEAD_MARGIN
                and c.overlap >= about
            ),
            key=lambda c: (round(c.overlap, 6), c.score),
            default=None,
        )
        or next(
            (
                c
                for c in fresh
                if c.holds
                and c.score >= fresh[0].score - LEAD_MARGIN
                # the best sentence of all, holding the fact, needs fewer of the question's words;
                # one holding it of the thing asked, none ('a total of 79 Reviews')
                and (
                    anchored
                    or c.overlap
                    >= (
                        about * BEST_SUBJECT_SHARE
                        # (a time said in words that are everywhere, 'immediately', needs the
                        # whole share; a period counted out for how long a thing is kept or lasts,
                        # 'no longer … than six months', not; review 23: not for how soon)
                        if c is fresh[0]
                        and (
                            kind is not Kind.TIMESCALE
                            or (kept_for and has_counted_time(c.unit.text))
                        )
                        else about
                    )
                )
            ),
            fresh[0],
        )
    )
    if lead.tier == LOCAL_TIER and lead.holds and not _names_a_local_area(question, passages):
        # however it was chosen, a local pack's sentence does not lead a question naming no area
        # over national guidance's that holds the fact and scores as well (trial GG: 'do we need
        # consent from a 15yo to make an NRM referral?' led with Northamptonshire's 'it is usually
        # good practice to seek consent …', above WT's 'A child's consent is not needed for a
        # referral to be made.', which shares fewer words with the question but scored higher)
        lead = next(
            (
                c
                for c in fresh
                if c.tier == 0
                and c.holds
                and c.overlap > 0
                and c.score >= lead.score - LOCAL_LEAD_MARGIN
            ),
            lead,
        )
    lead = _with_what_it_leans_on(lead, every, passages[lead.rank].chunk.text)
    lead = _with_what_follows(lead, every, passages[lead.rank].chunk.text)
    chosen, per_passage, words = (
        [lead],
        Counter({lead.rank: 1}),
        lead.unit.rendered_words(_lead_words(lead, budget_words)),
    )
    held = None
    # the closest sentence's meaning: one far from it, sharing no word asked, is about something else
    best_meaning = max((c.meaning for c in ranked if c.meaning is not None), default=None)
    if kind is not Kind.NONE and not lead.holds:
        # the asked kind of fact from the lead's own passage comes next ('… resolved through
        # escalation' then '… the maximum timescale should be 12 hours')
        held = _next_from_leads_passage(
            ranked, lead, avoid, lambda c: not (c.overlap == 0 and _far_in_meaning(c, best_meaning))
        )
    elif kind is Kind.DUTY and not states_a_limit(lead.unit.text):
        # 'must I?': a duty quoted without its limits comes with the limit its passage states
        # ('Teachers must personally report …' + 'The duty does not apply … where the woman is
        # 18 or over.'), before other passages' restatements of the duty
        held = _next_from_leads_passage(ranked, lead, avoid, lambda c: states_a_limit(c.unit.text))
    if held is not None:
        ranked = [held, *(c for c in ranked if c is not held)]
    after = _leaning_on_list(lead, every, avoid)
    if after is not None:  # 'A child should no longer be … if: • … moved …' + 'In such cases, …'
        first = [held] if held is not None else []
        ranked = [*first, after, *(c for c in ranked if c is not after and c is not held)]
    # at most MAX_PER_PASSAGE from a passage; then, when the passages that address the question
    # run out before the budget, more of their sentences (not other passages')
    for cap in (MAX_PER_PASSAGE, None):
        for c in ranked:
            if (
                any(c is x or c.key in x.key or _restates(c, x) for x in chosen)
                or (cap is not None and per_passage[c.rank] >= cap)
                or words >= budget_words * 0.8
                # filling the budget: a sentence sharing no word of the question and far from it in
                # meaning is not about it, whatever passage it is in ('The local authority … has a
                # duty to notify the panel …' for a care leaver's personal adviser)
                or (cap is None and c.overlap == 0 and _far_in_meaning(c, best_meaning))
            ):
                continue
            if CASE_SET_BEFORE.match(c.unit.text) and _leans_on_unquoted(c, every, chosen):
                # 'In such situations you will usually need to gain consent …' quoted without the
                # case the sentence before it sets says the opposite of its passage (trial FF:
                # after 'You do not need consent … if a child is at risk')
                continue
            following = _next_to(every, c, 1)
            if ANNOUNCES_A_LIST.search(c.unit.text):  # 'There are a number of indicators …'
                if following is not None and following.unit.items:  # … and its list
                    c = _with_what_follows(c, every, passages[c.rank].chunk.text)
            elif _fact_follows(c, following, chosen, avoid):
                joined = _with_what_follows(c, every, passages[c.rank].chunk.text)
                if words + joined.unit.rendered_words() <= budget_words * 1.15:
                    c = joined  # the two together when both fit; else the sentence alone
            n_words = c.unit.rendered_words(max(budget_words - words, 20))
            if words + n_words > budget_words * 1.15:
                continue
            chosen.append(c)
            per_passage[c.rank] += 1
            words += n_words
    other = _second_ask_held(question, kind, every, chosen, avoid)
    if other is not None:  # '… and do we have to tell anyone?': the second question's fact too
        if len(chosen) > 1 and words + other.unit.rendered_words() > budget_words * 1.15:
            words -= chosen.pop().unit.rendered_words()
        chosen.append(other)
        words += other.unit.rendered_words()
    earlier = _earlier_edition(question, passages, every, chosen)
    if earlier is not None:  # a question about what changed hears from the older edition too
        if len(chosen) > 1 and words + earlier.unit.rendered_words() > budget_words * 1.15:
            chosen.pop()
        chosen.append(earlier)
    rest = sorted(
        chosen[1:], key=lambda c: (c is not held, c is not after, c.tier, c.rank, c.unit.position)
    )
    out, used, ended = [], 0, None
    for c in [lead, *rest]:
        if ended is not None and c.rank == ended[0] - 1 and c.unit.text in ended[2]:
            continue  # a point of the list's end, quoted with it
        room = _lead_words(lead, budget_words) if c is lead else max(budget_words - used, 20)
        text = c.unit.render(room if c.unit.items else None)
        used += len(text.split())
        out.append((c.rank + 1, c.unit.position, text))
        if c is lead and (ended := _list_end(lead, text, passages, room - used)) is not None:
            used += len(ended[2].split())
            out.append(ended)
    return out


# where a list's next point starts: a new line opening with a bullet, '(c)' or '3.'
POINT_STARTS = re.compile(r"\n\s*(?=[•●▪◦➢‣∙·*-]|\(?[a-z]{1,4}\)|\(?\d{1,2}[.)])")


def _list_end(
    lead: Candidate, shown: str, passages: list[Passage], room: int
) -> tuple[int, int, str] | None:
    """The rest of the lead's list, where the chunking cut it and the passage after it is among
    those retrieved: its points as (passage number, position, text), cited to their own page
    (trial EE: s25(4)'s '(c) a youth offending team' to '(g)' stood on the page after '(bb)')."""
    if not (lead.unit.items and lead.unit.runs_on and shown.endswith(" …")):
        return None
    chunk = passages[lead.rank].chunk
    # the end of a list asked for is shown whole up to half as many words again
    limit = max(room, LIST_ANSWER_WORDS // 2 if lead.gives_list else 40)
    for n, passage in enumerate(passages):
        after = passage.chunk
        if (after.doc_id, after.section, after.chunk_index) != (
            chunk.doc_id,
            chunk.section,
            chunk.chunk_index + 1,
        ):
            continue
        if after.text.lstrip()[:1].islower() and not BULLET.match(after.text):
            # the rest of the point the chunking cut ('… sharing of' | 'nudes and semi-nudes …,
            # and commerce: …'), to the next point
            rest = POINT_STARTS.split(after.text.strip(), maxsplit=1)[0].split()
            cut = " …" if len(rest) > limit else ""  # (review 25: no cap, up to 150 words)
            return n + 1, 0, " ".join(rest[:limit]) + cut
        units = quotable_units(f"{lead.unit.text}\n{after.text}", passage.runs_on)
        if not units or units[0].text != lead.unit.text or not units[0].items:
            return None
        end = replace(units[0], text="", wanted=())
        return n + 1, end.position, end.render(limit).strip()
    return None


def _lead_words(lead: Candidate, budget_words: int) -> int:
    """The words a lead may take: the list asked for is shown whole up to LIST_ANSWER_WORDS (trial
    EE: the Welsh relevant partners stopped at '(ba) …' with '… (1 more)'; 'the law makes three
    main points' showed two), as is a list holding the kind of fact asked (the signs of county
    lines showed five of seven); any other lead, the answer's budget."""
    whole = lead.gives_list or (lead.holds and bool(lead.unit.items))
    return max(budget_words, LIST_ANSWER_WORDS) if whole else budget_words


def acronym_names(question: str) -> list[tuple[str, frozenset[str]]]:
    """The question's acronyms ('DSL', as a token) with the words of their full name ('designated
    safeguarding lead'): a sentence naming it so names what the question asks about. The whole
    name, not its last words: 'practice review' names the national panel as well as an LCSPR."""
    return [
        (token, frozenset(tokenize(name)))
        for word, name in question_acronyms(question)
        for token in tokenize(word)[:1]  # as the question's words are tokenised: 'DSLs' -> 'dsl'
    ]


@cache
def _full_names() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each acronym of the hand-kept table with the words of its full name (two or more)."""
    named = ((acronym, frozenset(tokenize(name))) for acronym, name in acronyms().items())
    return tuple((acronym, words) for acronym, words in named if len(words) >= 2)


def names_spelled_out(question: str) -> list[tuple[str, frozenset[str]]]:
    """The full names the question spells out ('Common Assessment Framework') with their acronym as
    written ('CAF'): a sentence writing the acronym names them ('An important role in CAF is …')."""
    tokens = frozenset(tokenize(question))
    return [(acronym, words) for acronym, words in _full_names() if words <= tokens]


def _spelled_out(spelled: list[tuple[str, frozenset[str]]], text: str) -> frozenset[str]:
    """The words of each spelled-out name whose acronym the sentence writes, in capitals, one or
    more ('CAF', 'CAFs')."""
    if not spelled:
        return frozenset()
    written = {
        (w[:-1] if w.endswith("s") else w).lower()
        for w in re.findall(r"\b[A-Z][A-Za-z]{1,6}\b", text)
        if w[:2].isupper()
    }
    return frozenset().union(*(words for acronym, words in spelled if acronym in written))


def _names_members(
    sentence: str, members: frozenset[str], spelled: list[tuple[str, frozenset[str]]]
) -> bool:
    """For 'who are X?': the sentence's subject, before its 'are' or 'include', is X, by its words
    or its acronym ('The LSPs for safeguarding partners are: Chief Executives of …'), or its
    lead-in says its points are X ('each of the following is a relevant partner of …')."""
    if not members:
        return False
    following = _FOLLOWING_ARE.search(sentence)
    subject = following.group("set") if following else copula_subject(sentence)
    return subject is not None and members <= words_of(subject) | _spelled_out(spelled, subject)


# a list's lead-in naming the set its points are members of: '… each of the following is a
# relevant partner of a local authority in Wales—'
_FOLLOWING_ARE = re.compile(
    r"\bthe following (?:is|are) (?:a |an |the )?(?P<set>[^—:–;]{3,100})", re.IGNORECASE
)


def _local_areas(passages: list[Passage]) -> set[str]:
    """The local areas of the passages' documents ('Lambeth'); national ones have none."""
    return {local_area(p.chunk.kind, p.chunk.publisher) for p in passages} - {""}


def _names_a_local_area(question: str, passages: list[Passage]) -> bool:
    """The question names the area of a local document among the passages ('lambeth - …')."""
    lower = question.lower()
    return any(area.lower().split()[0] in lower for area in _local_areas(passages) if area.split())


def _areas_named(question: str, passages: list[Passage]) -> frozenset[str]:
    """The words (stemmed) of the local areas of the passages' documents that the question names."""
    words = frozenset().union(*(words_of(a) for a in _local_areas(passages)))
    return words & frozenset(tokenize(question))


def _counts(lead_in: str, counted: int) -> bool:
    """The lead-in says the count ('four areas of risk', '4 outcomes')."""
    return count_agrees(counted, lead_in) and bool(_COUNT_SAID.search(lead_in))


_COUNT_SAID = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", re.IGNORECASE
)


def _section_heading_asked(passage: Passage, asked: frozenset[str]) -> frozenset[str]:
    """The words (stemmed) of an Act's section heading ('1 Corporate parenting principles') when
    the question names it whole; else none."""
    heading = re.sub(r"^\s*\d+[A-Z]*\s+", "", passage.chunk.section.rsplit(">", 1)[-1])
    words = words_of(heading)
    return words if len(words) >= 2 and words <= asked else frozenset()


def _names_stem(tokens: frozenset[str], wanted: str) -> bool:
    """The sentence names the stem, or, for a stem Snowball leaves with a doubled last letter
    ('referr' for 'referral'), the word it ends ('refer'); not a mere shared beginning ('polici',
    'police')."""
    if wanted in tokens:
        return True
    return len(wanted) >= 4 and wanted[-1] == wanted[-2] and wanted[:-1] in tokens


@cache
def _title_named(question: str, title: str) -> frozenset[str]:
    """The words of a passage's document title, when the question names that document by its
    whole title ('… in the children's social care national framework'); else none."""
    words = frozenset(tokenize(re.sub(r"\b(?:19|20)\d\d\b", " ", title)))
    return words if len(words) >= 2 and words <= frozenset(tokenize(question)) else frozenset()


def _named_in(named: list[tuple[str, frozenset[str]]], tokens: frozenset[str]) -> frozenset[str]:
    """The acronyms a sentence names by their full name: it holds their tokens as if it said them."""
    return frozenset(acronym for acronym, name in named if name and name <= tokens)


def _second_ask_held(
    question: str,
    kind: Kind,
    candidates: list[Candidate],
    chosen: list[Candidate],
    avoid: frozenset[str],
) -> Candidate | None:
    """For two questions in one whose second asks another kind of fact ('is that private fostering
    and do we have to tell anyone?'), when no chosen sentence holds it: the best sentence that does
    and shares the second question's words."""
    second = second_ask(question)
    if second is None:
        return None
    other = question_kind(second)
    if other in (Kind.NONE, kind):
        return None
    term = kind_term(second, other)
    asked = roles_named(second) if other is Kind.WHO else frozenset()
    words = set(tokenize(second))

    def holds(c: Candidate) -> bool:
        whole = " ".join((c.unit.text, *c.unit.items))
        return sentence_holds(other, whole, term, asked)

    if any(holds(c) for c in chosen):
        return None
    fitting = [
        c
        for c in candidates
        if not c.aside
        and c.key not in avoid
        and not any(c is x for x in chosen)
        and words & c.tokens
        and holds(c)
    ]
    return max(fitting, key=lambda c: c.score, default=None)


def _earlier_edition(
    question: str, passages: list[Passage], candidates: list[Candidate], chosen: list[Candidate]
) -> Candidate | None:
    """For a question about change ('did X change between KCSIE 2024 and 2025?') whose passages
    hold an edition and the one that replaced it, but whose chosen sentences quote only the newer:
    the older edition's best sentence that shares the question's words."""
    if not CHANGE_ASKED.search(question):
        return None
    docs = {p.chunk.doc_id for p in passages}
    older = {
        rank
        for rank, p in enumerate(passages)
        if p.chunk.status == "superseded" and p.chunk.superseded_by in docs
    }
    if not older or any(c.rank in older for c in chosen):
        return None
    query = set(tokenize(question))
    sharing = [c for c in candidates if c.rank in older and query & c.tokens]
    return max(sharing, key=lambda c: c.score, default=None)


def _word_score(
    c: Candidate, query: set[str], weights: dict[str, float], total: float, avoid: frozenset[str]
) -> float:
    overlap = c.overlap = sum(weights[t] for t in query & c.tokens) / total
    prior = 1.0 / (1 + c.rank) + (0.1 if c.unit.position == 0 else 0.0)
    words = c.unit.words
    length = 0.0 if 8 <= words <= 70 else -0.15
    fragment = -0.4 if is_fragment(c.unit.text) and not c.unit.ends_at_bullet else 0.0
    authority = AUTHORITY_WEIGHT * (LOWEST_TIER - min(c.tier, LOWEST_TIER)) / LOWEST_TIER
    repeated = -0.6 if c.key in avoid else 0.0
    return (
        overlap + 0.3 * prior + 0.3 * c.holds + length + fragment + authority + repeated + c.aside
    )


def _sibling_points_stand_back(
    candidates: list[Candidate], query: set[str], passages: list[Passage]
) -> None:
    """When the question names the whole label of one point of a labelled set ('a red rated
    concern': '➢ Red – … within 4 hours'), a point of the same document labelled otherwise that
    holds the same kind of fact ('➢ Blue – … within 72 hours') is another case's answer: it
    stands back. Tips labelled by what to do ('Prioritise safety – …', 'Consider environment –
    …') are no cases: a label shares a word with the question, not all of its words, then."""
    named_in: set[str] = set()  # documents holding a point whose label the question names whole
    for c in candidates:
        for label in (point_label(c.unit.text), *map(point_label, c.unit.items)):
            if label and set(tokenize(label)) <= query:
                named_in.add(passages[c.rank].chunk.doc_id)
    if not named_in:
        return
    for c in candidates:
        label = point_label(c.unit.text)
        if (
            label
            and c.holds
            and not set(tokenize(label)) <= query
            and passages[c.rank].chunk.doc_id in named_in
        ):
            c.score -= SIBLING_POINT_PENALTY


# an Act's section saying whom it binds: '(1) This section applies to each of the following—'
APPLIES_TO = re.compile(r"\bsection applies to\b", re.IGNORECASE)
THIS_SECTION = re.compile(r"\bthis section\b", re.IGNORECASE)


def _welsh_counterpart(chunk, asked: frozenset[str]) -> bool:
    """The passage is under the Welsh counterpart of a section asked (setting.WELSH_COUNTERPARTS;
    review 19: any Welsh section had answered any section asked about Wales)."""
    counterparts = WELSH_COUNTERPARTS.get(chunk.title, {})
    return act_section(chunk) in {counterparts.get(n) for n in asked}


def _other_section(chunk, asked: frozenset[str]) -> bool:
    """A passage of an Act under another section than those asked ('(10) Arrangements under this
    section …' of section 25 for 'section 10 of the Children Act 2004')."""
    number = act_section(chunk)
    return number is not None and number not in asked


def _with_antecedent_words(candidates: list[Candidate]) -> None:
    """A sentence leaning on the one before it ('This training should be updated at least every
    two years.') is about what that one names ('The designated safeguarding lead … should undergo
    training'): its words count as the sentence's own, as the lead brings that sentence along."""
    for c in candidates:
        before = _leant_on(c, candidates)
        if before is not None:
            c.tokens = c.tokens | before.tokens


# a sentence on the case a list before it sets: 'In such cases, the receiving local authority …'
IN_THE_LISTED_CASE = re.compile(
    r"(?:in (?:such|these|those|this|that|either|both) (?:cases?|circumstances|situations?|instances?)"
    r"|where this is the case|if so)\b",
    re.IGNORECASE,
)


def _next_from_leads_passage(
    ranked: list[Candidate], lead: Candidate, avoid: frozenset[str], fits
) -> Candidate | None:
    """The best sentence of the lead's own passage that holds the kind asked and `fits`, to be
    quoted right after the lead; not the lead, a signpost or what the turn before said."""
    return next(
        (
            c
            for c in ranked
            if c.holds
            and not c.aside
            and c.rank == lead.rank
            and c.key not in lead.key
            and c.key not in avoid
            and fits(c)
        ),
        None,
    )


def _far_in_meaning(c: Candidate, best: float | None) -> bool:
    """The sentence is not near the closest sentence in meaning (unscored: as far as any)."""
    return best is not None and (c.meaning is None or c.meaning < best - ADDRESS_MARGIN)


def _fact_follows(
    c: Candidate,
    following: Candidate | None,
    chosen: list[Candidate],
    avoid: frozenset[str] = frozenset(),
) -> bool:
    """The sentence after a chosen one holds the fact asked and may lean on it ('The designated
    safeguarding lead … should undergo training …' + 'This training should be updated at least
    every two years.'): the two are quoted together (_with_what_follows), unless it is quoted
    already. A lead brings what follows it whatever it holds; a later sentence only this."""
    return (
        following is not None
        and following.holds
        and not c.unit.items
        and following.key not in avoid
        and not any(following is x or following.key in x.key for x in chosen)
    )


def _leaning_on_list(
    lead: Candidate, candidates: list[Candidate], avoid: frozenset[str]
) -> Candidate | None:
    """The sentence right after a list that leads, when it leans back on the list ('In such cases,
    the receiving local authority should convene a child protection conference within 15 working
    days'): what the list's case leads to, quoted next. A sentence after a lead that is no list is
    joined to it instead (_with_what_follows)."""
    if not lead.unit.items:
        return None
    after = min(
        (
            c
            for c in candidates
            if c.rank == lead.rank
            and c.unit.position > lead.unit.position
            and c.key not in lead.key  # a list the lead took in (_with_what_follows)
        ),
        key=lambda c: c.unit.position,
        default=None,
    )  # the list's points take the positions between
    if after is None or after.aside or after.key in avoid:
        return None
    text = after.unit.text
    return after if leans_back(text) or IN_THE_LISTED_CASE.match(text) else None


def _restates(candidate: Candidate, chosen: Candidate) -> bool:
    """Nearly the same words as a sentence already quoted: two documents' restatements of one
    definition ('A child in need is defined under (section 17 of) the Children Act 1989 as …',
    KCSIE and Working Together) are quoted once (trial S)."""
    a, b = _all_words(candidate.unit.text), _all_words(chosen.unit.text)
    if not a or not b or min(len(a), len(b)) < RESTATED_SHARE * max(len(a), len(b)):
        return False
    # two sentences differing in a number, a negation or a nation say different things ('within 15
    # working days' / '10', 'should share' / 'should not share', 'In England' / 'In Wales'):
    # both are quoted (review 20)
    if any(DIFFERS_IN_SUBSTANCE.fullmatch(word) for word in a ^ b):
        return False
    return len(a & b) >= RESTATED_SHARE * len(a | b)


@lru_cache(maxsize=4096)
def _all_words(text: str) -> frozenset[str]:
    """Every word of a sentence, lower-cased, stop words and numbers kept; a reference's number
    ('section 17 of the Children Act 1989') is no number the sentence says."""
    return frozenset(re.findall(r"[a-z0-9]+", REFERENCE.sub("ref", text.lower())))


def _next_to(candidates: list[Candidate], unit_of: Candidate, step: int) -> Candidate | None:
    """The candidate `step` sentences after (or, below zero, before) one, in the same passage."""
    position = unit_of.unit.position + step
    return next(
        (c for c in candidates if c.rank == unit_of.rank and c.unit.position == position), None
    )


def _as_written(first: str, second: str, text: str) -> str | None:
    """The two sentences as the passage writes them, whatever space or line break stands between
    (quoted text stays verbatim); None when something else stands between them."""
    start = text.find(first)
    end = text.find(second, start + len(first))
    if start < 0 or end < 0 or text[start + len(first) : end].strip():
        return None
    return text[start : end + len(second)]


_IN_ADDITION_TO = re.compile(r"\W*in addition to\s+(?P<thing>[^,;:]+),", re.IGNORECASE)


def _besides_the_asked(text: str, asked: frozenset[str]) -> bool:
    """The sentence opens 'In addition to <the thing asked about>, …': what follows is another
    thing's."""
    opening = _IN_ADDITION_TO.match(text)
    return bool(opening and words_of(opening.group("thing")) & (asked - _ASKING_WORDS))


# words that ask, not name what is asked about
_ASKING_WORDS = frozenset(tokenize("often long soon quickly need needs required have has must"))


def _inline_list_named(text: str, listed: str, counted: int | None) -> bool:
    """A sentence whose words before its colon name the set asked for and whose rest gives it as
    points between semicolons."""
    lead_in, colon, rest = text.partition(":")
    return bool(
        colon
        and rest.count(";") >= 2
        and listed in tokenize(lead_in)
        and count_agrees(counted, lead_in, listed)
    )


def _with_what_it_leans_on(lead: Candidate, candidates: list[Candidate], text: str) -> Candidate:
    """A lead sentence opening with a word that stands for something in the sentence before it
    ('It should do so within five working days…') is quoted with that sentence ('The local
    authority should notify the panel of any incident…'), as one statement: alone it would not
    say who or what it is about. When that sentence leans back too ('It does not apply to
    organisations.' after 'It includes only…'), the one before it comes as well, up to
    LEANS_BACK_STEPS sentences."""
    merged, first = lead, lead
    for _ in range(LEANS_BACK_STEPS):
        if first.unit.items or not leans_back(first.unit.text):
            break
        before = _next_to(candidates, first, -1)
        if before is None or before.unit.items or before.aside:
            break
        joined = _as_written(before.unit.text, merged.unit.text, text)
        if joined is None:
            break
        unit = Unit(before.unit.position, joined, runs_on=lead.unit.runs_on)
        merged = replace(lead, unit=unit, tokens=before.tokens | merged.tokens)
        first = before
    return merged


# a sentence that says a set exists without naming its members: 'There are a number of indicators,
# which may signal …', 'Several factors make children vulnerable.'
ANNOUNCES_A_LIST = re.compile(
    r"\b(?:a (?:number|range|variety) of|several|various|a few|many different)\s+\w+",
    re.IGNORECASE,
)


def _with_what_follows(lead: Candidate, candidates: list[Candidate], text: str) -> Candidate:
    """The sentence after the lead, when it leans back on the lead ('Leaders understand what still
    needs to improve.' + 'They continue to address challenges in …'), quoted with it, up to
    FOLLOW_ON_MAX_WORDS together (of a list, its lead-in's words)."""
    if lead.unit.items:
        return lead
    after = _next_to(candidates, lead, 1)
    if after is None or after.aside or after.unit.runs_on or not leans_back(after.unit.text):
        return lead
    # a list leaning back on a lead that announces it ('There are a number of indicators …' +
    # 'These may include: • …') comes whole: the lead alone names the list without giving it
    if after.unit.items and not ANNOUNCES_A_LIST.search(lead.unit.text):
        return lead
    words = len(after.unit.text.split()) if after.unit.items else after.unit.words
    if lead.unit.words + words > FOLLOW_ON_MAX_WORDS:
        return lead
    joined = _as_written(lead.unit.text, after.unit.text, text)
    if joined is None:
        return lead
    unit = Unit(
        lead.unit.position,
        joined,
        items=after.unit.items,
        ends_at_bullet=after.unit.ends_at_bullet,
        head=lead.unit.head,
        wanted=after.unit.wanted,
    )
    return replace(lead, unit=unit, tokens=lead.tokens | after.tokens)


# An Act's machinery rather than what it requires: amending text ('insert—', 'for the words …
# substitute'), powers to make regulations ('Regulations under subsection (4)(g) may not specify
# …'), commencement notes. A practitioner asking whether governors need training is not answered
# by which Ministers regulations may not name.
MACHINERY = re.compile(
    r"\b(?:insert|substitute|omit)\b\s*[—–“‘\"-]|\bthe words [‘'“]|\bRegulations (?:under|made under) "
    r"(?:this |that )?(?:section|subsection)|\bCommencement Information\b|\bin force at\b"
    # an Act's scope clause: 'This section applies for the purposes of sections 20 to 22.'
    # (not 'This section applies to each of the following—', which says whom the duty binds)
    r"|\b(?:this|that) (?:section|subsection|Part|Schedule) (?:applies|has effect) (?:for|to|in)\b"
    r"(?! (?:each of )?the following)"
    # an amendment's note: 'S. 25(9A) inserted (1.4.2016) by …', 'Textual Amendments F12 …'
    r"|\(\d{1,2}\.\d{1,2}\.\d{4}\)|\bTextual Amendments\b"
    # a contents line's dot leaders: 'Establishment of LSCBs in Wales . . . . . . . .'
    r"|(?:\s?\.){6,}",
    re.IGNORECASE,
)
MACHINERY_PENALTY = 0.3


def _aside(
    sentence: str, tier: int, signposts_wanted: bool, section: str = "", text: str = ""
) -> float:
    """A signpost ('Further information can be found at: …', or any line of a list of resources)
    answers only a question asking where to read more; a quoted interviewee or case in a local
    pack, review or evaluation is evidence of what someone said, not what practitioners must do:
    neither leads an answer."""
    if (is_signpost(sentence) or is_resource_list(section, text)) and not signposts_wanted:
        return -SIGNPOST_PENALTY
    if tier >= 2 and is_reported_speech(sentence):
        return -SPEECH_PENALTY
    if MACHINERY.search(sentence):
        return -MACHINERY_PENALTY
    if ABOUT_ITSELF.match(sentence) and not signposts_wanted:
        return -ABOUT_ITSELF_PENALTY
    return 0.0


# A text saying what it itself does ('Abstract: This article reports on the proceedings …', 'This
# report examines …'): what it is about, not what it found or says should happen
ABOUT_ITSELF = re.compile(
    r"^(?:abstract[:.]?\s*)?(?:this|the present|in this) (?:article|paper|report|letter|chapter|essay|study|"
    r"briefing|blog|piece|review|evaluation|summary)\b[^.]{0,40}?\b(?:reports?|describes?|sets? out|"
    r"explores?|examines?|considers?|looks? at|discuss(?:es)?|presents?|summari[sz]es?|outlines?|"
    r"reviews?|draws? (?:on|together)|aims?|seeks?|is (?:about|based))\b"
    # a foreword's courtesies: 'On behalf of the Executive …, I am pleased to introduce the first
    # pan-London Rapid Review Analysis.' (trial Z: it led, the priority decided was left out)
    r"|.{0,120}\bI am (?:pleased|delighted|proud|glad) to (?:introduce|present|share|publish|welcome)\b"
    r"|.{0,60}\bI (?:would|want) (?:like )?to thank\b",
    re.IGNORECASE,
)
ABOUT_ITSELF_PENALTY = 0.3


def _add_meaning(
    question: str,
    candidates: list[Candidate],
    meaning,
    named: Sequence[tuple[str, frozenset[str]]] = (),
) -> None:
    """The best by words are compared with the question by meaning (their vectors stored at
    ingest: assistant/sentence_vectors.py); that closeness adds to their score. A sentence that
    spells out an acronym the question writes ('The initial child protection conference should
    take place within 15 working days …' for 'by when does the ICPC have to happen?') is compared
    with the question spelling it out too, as the model does not know most acronyms."""
    best = sorted(candidates, key=lambda c: c.score, reverse=True)[:MEANING_CANDIDATES]
    sims = meaning.similarities(question, [meaning_text(c.unit) for c in best])
    spelled = [i for i, c in enumerate(best) if _spells_out(c, named)]
    written_out = acronyms_written_out(question) if spelled else question
    if written_out != question:
        again = meaning.similarities(written_out, [meaning_text(best[i].unit) for i in spelled])
        for i, sim in zip(spelled, again, strict=True):
            sims[i] = max(sims[i], sim)
    # a sentence leaning on the one before it ('This will be either the headteacher …, or, where
    # the headteacher is the subject of an allegation, the chair of governors') means what the two
    # say together, as the lead brings that one along (_with_what_it_leans_on)
    leaning = [(i, before) for i, c in enumerate(best) if (before := _leant_on(c, candidates))]
    if leaning and hasattr(meaning, "similarities_together"):
        together = meaning.similarities_together(
            question, [(meaning_text(b.unit), meaning_text(best[i].unit)) for i, b in leaning]
        )
        for (i, _), sim in zip(leaning, together, strict=True):
            sims[i] = max(sims[i], sim)
    floor = min(sims) if sims else 0.0
    for c, sim in zip(best, sims, strict=True):
        c.meaning = sim
    for c in candidates:
        c.score += MEANING_WEIGHT * (c.meaning if c.meaning is not None else floor)


# a sentence opening with the case the sentence before it sets: 'In such situations …', 'If this
# happens, …', 'Where this is the case, …'
CASE_SET_BEFORE = re.compile(
    r"\W*(?:in (?:such|these|those|this|that|either|both) (?:cases?|circumstances|situations?"
    r"|instances?)|where this is the case|if so\b|(?:if|where|when|whenever|unless) (?:this|that"
    r"|these|those|so|such)\b)",
    re.IGNORECASE,
)


def _leans_on_unquoted(c: Candidate, candidates: list[Candidate], chosen: list[Candidate]) -> bool:
    """The sentence leans back on the one before it in its passage, which is not quoted."""
    if c.unit.items or not leans_back(c.unit.text):
        return False
    before = max(
        (x for x in candidates if x.rank == c.rank and x.unit.position < c.unit.position),
        key=lambda x: x.unit.position,
        default=None,
    )
    return before is None or not any(
        x.rank == before.rank and before.unit.text in x.unit.text for x in chosen
    )


def _leant_on(c: Candidate, candidates: list[Candidate]) -> Candidate | None:
    """The sentence (or list) before one that leans back on it in the same passage; not an aside."""
    if c.unit.items or not leans_back(c.unit.text):
        return None
    before = _next_to(candidates, c, -1)
    return before if before is not None and not before.aside else None


def _spells_out(candidate: Candidate, named: Sequence[tuple[str, frozenset[str]]]) -> bool:
    """The sentence itself (not its list or head) names one of the question's acronyms by its
    full name."""
    return bool(_named_in(named, frozenset(tokenize(candidate.unit.text))))


def _addressing(
    candidates: list[Candidate],
    query: set[str],
    weights: dict[str, float],
    total: float,
    anchored: bool = False,
) -> list[Candidate]:
    """Only passages that address the question: one of their sentences shares the question's
    rarer words or is near the best sentence in meaning; `anchored`, or holds the kind of fact
    asked of the thing the question names (a count of it, its signs, its definition)."""
    best_meaning = max((c.meaning for c in candidates if c.meaning is not None), default=None)
    keep_ranks = set()
    for c in candidates:
        overlap = sum(weights[t] for t in query & c.tokens) / total
        near = (
            best_meaning is not None
            and c.meaning is not None
            and c.meaning >= best_meaning - ADDRESS_MARGIN
        )
        if overlap >= MIN_OVERLAP or near or (anchored and c.holds and not c.aside):
            keep_ranks.add(c.rank)
    kept = [c for c in candidates if c.rank in keep_ranks]
    return kept or candidates


def _signpost_when_only_it_names_the_subject(
    candidates: list[Candidate], query: set[str], weights: dict[str, float]
) -> None:
    """When the question's rarest word (its subject: 'search' in 'can a school search a pupil's
    phone?') is only in a signpost to other guidance, and that signpost shares as much of the
    question as any sentence, the signpost is the answer: where to read about it. It leads; the
    sentences that do not name the subject follow it."""
    present = [t for t in query if any(t in c.tokens for c in candidates)]
    if not present:
        return
    subject = max(present, key=lambda t: weights[t])
    if any(t != subject and weights[t] >= weights[subject] for t in present):
        return  # no single rarest word: no subject to go by
    if any(subject in c.tokens for c in candidates if not c.aside):
        return
    best = max((c.overlap for c in candidates if not c.aside), default=0.0)
    pointing = [
        c
        for c in candidates
        if c.aside == -SIGNPOST_PENALTY and subject in c.tokens and c.overlap >= best
    ]
    if pointing:
        signpost = max(pointing, key=lambda c: (c.overlap, c.score))
        signpost.aside = 0.0
        signpost.score = max(c.score for c in candidates) + 0.01


def _mark_wanted_items(
    candidates: list[Candidate],
    query: set[str],
    weights: dict[str, float],
    named: list[tuple[str, frozenset[str]]],
    age_asked: bool = False,
    compared: tuple[frozenset[str], ...] = (),
    phrases: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    """A list's items that name a question word its lead-in does not, among the question's rarer
    half, or an acronym's full name ('are YOTs covered?' -> '(g) a youth offending team for an
    area in Wales;'); `age_asked`: for a question asking to what age, the items giving an age ('(a)
    reaches the age of 25, or'); `compared`: the words of each thing a 'difference between X and
    Y' question names, whose items are wanted whatever their rarity ('• Unfounded: …');
    `phrases`: the question's pairs of words in a row, an item saying one of them as the question
    does ('allegation about the headteacher': '• where there is a concern/allegation about the
    headteacher or principal, this should be referred to the chair of governors')."""
    if not weights:
        return
    median = sorted(weights.values())[len(weights) // 2]
    rare = {t for t in query if weights[t] >= median}
    names = [name for acronym, name in named if acronym in query and name]
    for c in candidates:
        if not c.unit.items:
            continue
        item_words = [set(tokenize(item)) for item in c.unit.items]
        lead_in = set(tokenize(c.unit.text))
        sides = [side - lead_in for side in compared if side - lead_in]
        # a word most items hold ('Wales' in each of an Act's Welsh bodies) picks none out
        asked = {
            t
            for t in rare - lead_in
            if 2 * sum(t in words for words in item_words) <= len(item_words)
        }
        # a pair the lead-in says, or every item, picks none out
        said = [(phrases & _pairs(item)) - _pairs(c.unit.text) for item in c.unit.items]
        if all(said):
            said = [frozenset()] * len(said)
        wanted = tuple(
            i
            for i, (item, words) in enumerate(zip(c.unit.items, item_words, strict=True))
            if asked & words
            or any(name <= words for name in names)
            or (age_asked and has_age(item))
            or any(side <= words for side in sides)
            or said[i]
        )
        if wanted and len(wanted) < len(c.unit.items):
            c.unit = replace(c.unit, wanted=wanted)
        labels = [_label_words(item) for item in c.unit.items]
        if len(sides) == len(compared) > 0 and all(
            any(side <= words for words in labels) for side in sides
        ):
            # a list setting out both things compared, each a point of its own ('• Unfounded: …'),
            # answers; not one whose points merely use the words ('… enabling them … outcomes')
            c.gives_list = c.holds = True


_LABEL = re.compile(r"^\W*(?P<label>[^:–—]{1,60}?)\s*(?::|\s[–—-]\s)")


def _label_words(item: str) -> frozenset[str]:
    """The words of what a list's point is labelled ('• Unsubstantiated: there is …' ->
    {'unsubstanti'}); none for a point without a label."""
    label = _LABEL.match(item)
    return words_of(label.group("label")) if label else frozenset()


def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """The text's words in a row, two at a time, stop words left out ('allegation about the
    headteacher' -> ('alleg', 'headteach'))."""
    words = tokenize(text)
    return frozenset(zip(words, words[1:], strict=False))


def _items_named(unit: Unit, query: set[str]) -> list[int]:
    """The list's items the question names: wanted for their rarer words (`_mark_wanted_items`),
    or labelled with a question word ('➢ Red – …' for a red-rated concern)."""
    labelled = [
        i
        for i, item in enumerate(unit.items)
        if (label := point_label(item)) and words_of(label) and words_of(label) <= query
    ]
    return [*unit.wanted, *(i for i in labelled if i not in unit.wanted)]


def _query_weights(query: set[str], sentence_tokens: list[frozenset[str]]) -> dict[str, float]:
    """Rarer question words among the candidate sentences weigh more (a local IDF)."""
    n = len(sentence_tokens)
    return {t: math.log(1 + n / (1 + sum(1 for s in sentence_tokens if t in s))) for t in query}
