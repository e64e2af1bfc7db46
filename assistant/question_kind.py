"""What kind of fact a question asks for, and whether a passage or sentence holds that kind of fact.

Five kinds are recognised — a timescale ("by when must the LADO be told?"), who / which role
("which agencies as a bare minimum?"), a definition ("what does 'child in need' mean?"), a duty
or permission ("do I have to get consent?") and the signs of a harm ("what are the signs of
neglect?", "how would I know if a child is being groomed?") — and `NONE` for everything else. Pure
functions of text: retrieval lifts passages that hold the kind of fact asked, answers can pick the
sentence that holds it. Nothing here knows any particular question or document."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from assistant.text import split_sentences, token_set, tokenize, words_of


class Kind(StrEnum):
    TIMESCALE = "timescale"
    WHO = "who"
    DEFINITION = "definition"
    DUTY = "duty"  # must I / can I / am I allowed / is consent needed
    SIGNS = "signs"  # what are the signs / indicators of …, how would I know if …
    AGE = "age"  # until what age, how old, from what age …
    CONTENTS = "contents"  # what should I put in a referral, what should a plan include …
    QUANTITY = "quantity"  # how many deaths a year should a CDOP review, how many recommendations …
    PROPORTION = "proportion"  # what proportion of referrals are re-referrals, how common is …
    REASON = "reason"  # why was the rollout slow, what were the reasons for …
    PURPOSE = "purpose"  # what is the purpose of …, what is a plan meant to achieve
    NONE = "none"


_I = re.IGNORECASE

# -- questions --------------------------------------------------------------------------------

_TIMESCALE_Q = re.compile(
    r"\bdead-?lines?\b|\bby when\b|\bhow (?:quickly|quick|soon|fast|long|many (?:working |calendar )?(?:days|hours|weeks|months))\b"
    r"|\btime-?scales?\b|\btime ?frames?\b|\btime limits?\b|\bwithin how (?:many|long)\b|\bwhen (?:must|should|do|does|is|are|has|have)\b"
    r"|\bhow (?:often|frequently|regularly)\b|\bwhat time\b|\bwhen by\b|\bturn-?around\b|\bthe latest\b[^?]*\b(?:can|should|must|may)\b"
    r"|\bwhen (?:is|are|'s)\b[^?]*\bdue\b"
    # 'whats the max time for sorting it through escalation?' (trial EE: read as no kind)
    r"|\b(?:max(?:imum)?|longest) (?:time|period|wait|delay|length of time)\b",
    _I,
)
_WHO_Q = re.compile(
    # at the start, or of a question after a case or topic told first ('a 9yo from leeds died
    # here. whose child death review partners have to review it?', 'families first pathfinder -
    # who makes the decisions?', trial BB)
    r"(?:^|[.?!]\s+|\s[-–—]\s*)(?:and\s+|so\s+|but\s+)?(?:who|whom|whose)\b"
    r"|(?:^|[,;:.?!]\s*|\s[-–—]\s*)(?:and |so |but |then )?who needs? to (?:know|be (?:told|informed|"
    r"notified|involved|invited|there))\b"
    r"|\bwhich (?:agenc(?:y|ies)|post-?holders?|roles?|people|persons?|professionals?|practitioners?|organisations?|organizations?"
    r"|bod(?:y|ies)|partners?|officers?|members?|services?|staff)\b|\bwhat (?:agenc(?:y|ies)|roles?|post-?holders?|bod(?:y|ies)|organisations?)\b"
    r"|\bwho (?:to|do|does|did|would|shall|else)\b|\bto whom\b"
    # 'whose responsibility is it to provide an appropriate adult?' (trial AA: read as no kind)
    r"|\bwhose (?:responsibility|job|role|duty|decision|call)\b"
    # which of two does it: 'does the LADO investigate it or do we?', '… or is that us?'
    r"|\bor (?:do|does|should|must) (?:we|i|you|they)\W*$|\bor (?:is (?:it|that) )?(?:us|me|them)\W*$"
    # '… - ours or leeds?'
    r"|\b(?:ours|theirs) or (?!others\b)[\w'’-]+\W*$|\b(?:us|them) or (?:us|them)\W*$",
    _I,
)
# 'who is', 'who has' … inside a sentence asks who ('not sure who has to tell the parents', 'is it
# the school or the LA who has to …') — but not as a relative clause after a noun: 'can I mention
# low level concerns in a reference for a TA who is leaving us?' asks leave (trial DD)
_WHO_MID = re.compile(
    r"\bwho(?:'s| is| are| has| have| must| should| can| does| do| will| decides| leads| chairs)\b",
    _I,
)
_ASKS_BEFORE_WHO = re.compile(
    r"(?:^|[,;:(\-–—]|\b(?:and|so|but|then|or|know|ask|asking|tell|sure|wondering|wonder|check|clear"
    r"|unclear|decide|decides|out|confirm|explain|say|says|about|on|as to|me|us))$",
    _I,
)
# a cleft names whom it asks about between 'is it' and 'who': 'is it the school or the LA who has
# to refer?' (not 'is it ok to share with a parent who has no PR?', review 24)
_CLEFT = re.compile(
    r"\b(?:is|was) it\s+(?:the|a|an|our|their|my|your)\b"
    r"(?:(?!\b(?:ok|okay|safe|right|fine|allowed|to|for|with|if)\b)[^,?])*$",
    _I,
)
# the question asked elsewhere: a modal, auxiliary or question word opening it or a clause
_ASKED_ELSEWHERE = re.compile(
    r"(?:^|[,.;:?!]\s*|\s[-–—]\s*)(?:so\s+|and\s+|but\s+)?(?:can|could|may|might|must|should|shall"
    r"|do|does|did|is|are|was|were|will|would|have|has|what|how|when|where|why|which)\b",
    _I,
)


def _asks_who(q: str) -> bool:
    """A who-question: its opening or a clause's, or 'who is …' unless it opens a relative clause
    after a noun in a question asked by another word ('can I mention … for a TA who is leaving
    us?'); a cleft ('is it the school or the LA who has to …?') still asks who."""
    if _WHO_Q.search(q):
        return True
    mid = [q[: m.start()].rstrip() for m in _WHO_MID.finditer(q)]
    if mid and not _ASKED_ELSEWHERE.search(q):  # 'if a child goes missing who has to be told?'
        return True
    return any(_ASKS_BEFORE_WHO.search(before) or _CLEFT.search(before) for before in mid)


_DEFINITION_Q = re.compile(
    r"^\s*(?:so\s+|and\s+)?(?:(?!(?:what|who|how|when|where|why|which)\b)[^,?]{2,60}?,\s*)??"
    r"(?:what(?:'s| is| are| was| were)|whats)\s+(?:a |an |the )?(?:meant by |(?:(?:legal|statutory|official|formal|proper|exact|technical) )?definition of |def of )?(?P<term>[^?]+?)\s*\??\s*$"
    r"|\bwhat does\s+(?P<term2>.+?)\s+(?:mean|stand for)\b|\bmeaning of\s+(?P<term3>[^?]+)|\bdefin(?:e|ition of|ed as)\s+(?P<term4>[^?]+)"
    r"|\bwhat (?:do you|do we|does it) mean by\s+(?P<term5>[^?]+)|\bstands? for\b"
    # 'what counts as a child in need?', 'does that count as upskirting?', 'what is classed as …'
    r"|\b(?:what|does (?:that|this|it)|would (?:that|this|it)|do(?:es)? \w+) (?:counts?|(?:is |are )?(?:classed|classified|considered|regarded)) as\s+(?:a |an |the )?(?P<term6>[^?,;.]+?)\s*(?:[?,;.]|$)",
    _I,
)
_DUTY_Q = re.compile(
    # 'do you …', 'can we …' asks leave; after a question word it asks how ('how do you decide …')
    r"(?<!how )(?<!what )(?<!when )(?<!where )(?<!why )(?<!who )(?<!which )"
    r"\b(?:must|should|can|may|do|does|need|have) (?:i|we|you|they|he|she|staff|schools?|practitioners?)\b(?! mean)"
    # leave asked for others who work with the child: 'can other professionals ask them to hold
    # one anyway?' (trial BB)
    r"|(?<!how )(?<!what )(?<!when )(?<!where )(?<!why )(?<!who )(?<!which )"
    r"\b(?:can|could|may|must|should) (?:other |the |our |their )?(?:professionals|practitioners|agencies|"
    r"partners|teachers|nurses|health visitors|gps|police officers|social workers)\b"
    # 'can the early help worker be lead practitioner for a s47?': whether someone may take a role
    # (a role after 'be', not 'can a child be removed …', 'must the LADO be informed …': review 20)
    r"|^\s*(?:so\s+|and\s+)?(?:can|could|may|should|must) (?:the|a|an|our|my|their) (?:[\w'’-]+ ){1,8}?"
    r"(?:be (?:the |a |an )?(?:[\w-]+ ){0,2}?(?:lead|deputy|designated|chair|practitioner|professional|"
    r"officer|dsl|ddsl|lado|key worker)\b|act as\b|chair (?:the|a|an)\b|hold the\b"
    # … or take part ('can a school be part of MAPPA?', trial BB)
    r"|(?:be (?:part of|included in|a member of|represented (?:at|on|in))|sit on)\s+"
    r"(?:the |a |an |our |their |local )?(?:[\w'’-]+ )?(?:mappa|marac|mash|sehp|core group|conference|"
    r"partnership|board|arrangements)\b)"
    r"|\bam i (?:allowed|able|required|permitted|obliged|meant)\b|\b(?:is|are) (?:it|we|i|you|staff) (?:allowed|ok|okay|required|permitted|obliged)\b"
    r"|\bneed (?:to get |to have |)(?:consent|permission|parental)\b|\bwithout (?:consent|permission|telling)\b"
    r"|\b(?:do|does) (?:i|we|you|one|a school|the school) (?:have|need) to\b|\ballowed to\b|\bobliged to\b|\bpermitted to\b"
    r"|\bis there a (?:duty|requirement|legal duty)\b|\bmandatory\b|\bcompulsory\b"
    r"|\b(?:do|does|must|should) (?:\w+ ){1,2}(?:have to|need to)\b|\bis (?:it|that) (?:a )?(?:legal|law|required)\b",
    _I,
)
# noticing a harm: 'how would I know if …', 'what should staff look out for …'
_NOTICE = r"(?:know|tell|spot|recogni[sz]e|identify|notice)"
_SIGNS_Q = re.compile(
    r"\b(?:(?:warning |early )?signs?(?! of safety)|indicators?|symptoms?|red flags?|tell-?tale)\b"
    rf"|\bhow (?:do|would|can|could|might|will|should) (?:i|we|you|staff|teachers?|practitioners?) {_NOTICE}\b"
    r"|\bwhat (?:should|do|must|would) (?:i|we|you|staff|teachers?|practitioners?) look (?:out )?for\b|\blook(?:ing)? out for\b",
    _I,
)
# the verbs of putting something into a record or plan, for the contents patterns below
_PUTTING = r"put|includ(?:e|ed)|contain(?:ed)?|cover(?:ed)?|record(?:ed)?|write(?: down)?"
# what a document or record holds: 'what should I put in a referral?', 'what goes in the plan?',
# 'what should a safety plan include?' (not 'what should be in place')
_CONTENTS_Q = re.compile(
    r"\bwhat\s+(?:[\w'’-]+\s+){0,2}?(?:goes|go|should|must|do|does|needs? to|has to|have to|will|would)\s+"
    r"(?:(?:i|we|you|they|staff)\s+)?(?:need\s+to\s+)?(?:be\s+)?"
    rf"(?:{_PUTTING}|written(?: down)?|go|be)?"
    r"\s*(?<=\s)(?:in|into|on)\b(?!\s+place\b)"
    r"|\bwhat (?:should|must|does|do|will|would) (?:a|an|the|my|our|their|your|this)\s+(?:[\w'’-]+\s+){1,4}?"
    r"(?:include|contain|cover|set out)\b"
    r"|\bwhat (?:should|must) (?:a|an|the|my|our|their|your|this)\s+(?:[\w'’-]+\s+){1,4}?say\b",
    _I,
)
# an age asked: 'until what age does a care leaver get a personal adviser?', 'how old must …'
_AGE_Q = re.compile(
    r"\b(?:what|which) ages?\b|\bhow old\b|\bage (?:limits?|range|cut-?off)\b"
    r"|\b(?:minimum|maximum|upper|lower) age\b|\bage of consent\b|\bthe age (?:of|at) which\b"
    r"|\bwhat is the age of\b",
    _I,
)
# Whether someone of a given age still has something ('she's 23, is she still entitled to a
# personal adviser?'): the answer is the age it lasts to.
_ENTITLED_Q = re.compile(r"\b(?:entitled|eligible|qualif(?:y|ies)|too old|too young)\b", _I)
_AGE_TOLD = re.compile(
    r"\b(?:is|am|are|she's|he's|they're|i'm|aged|now|turned|turning)\s+(?:1\d|2\d|[5-9])"
    # an age, not a count ('we are 15 staff', '12 miles away'): nothing, or a year word, after it
    r"(?=\s*(?:$|[,.?!;:]|\b(?:and|now|so|but|years?|yrs?|yo)\b|-year))"
    r"|\b(?:1\d|2\d|[5-9])[\s-]*(?:yo|yrs?|years?)[\s-]*old\b",
    _I,
)
# Numbers as a question or a list's lead-in counts things with them ('the five outcomes', 'There
# are 4 outcomes:'); a count of things asked for is two or more.
_COUNT_VALUES = {
    w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())
}
_COUNT_WORD = rf"(?:\d{{1,2}}|{'|'.join(w for w, i in _COUNT_VALUES.items() if i >= 2)})"
_COUNT_IN_TEXT = re.compile(rf"\b(?:{'|'.join(_COUNT_VALUES)}|\d{{1,2}})\b", _I)

# "what is" questions that are really asking for something else (a timescale, a role, a duty).
_NOT_A_DEFINITION = re.compile(
    r"^(?:the |a |an )?(?:role|responsibilit|duty|dut|purpose|difference|process|procedure|threshold|best|right|first|next|"
    r"minimum|maximum|timescale|deadline|time|legal|law|guidance|requirement|point|aim|status|expectation|advice|"
    # the age asked for ('the age limit for …', 'the age of criminal responsibility'), not an age assessment
    r"age(?: limits?| range| cut-?off)?(?=\s+(?:of|for|at)\b|\s*\??\s*$)|"
    # 'what are the signs of …', 'the types of abuse': a list asked for, not a definition
    r"signs?(?! of safety)|indicators?|symptoms?|examples?|types?|kinds?|forms?|ways?|categories|steps?|stages?|"
    rf"{_COUNT_WORD} (?:\w+ ){{0,3}}\w+s\b|"  # a named set: 'the five outcomes'
    # what a review or a meeting found or decided ('what were the findings of …', 'what was
    # decided at …'), not a term
    r"findings|recommendations?|lessons?|conclusions?|results?|reasons?|changes?|rules|options|"
    r"next steps|\w+ed(?= (?:at|in|by|about|on)\b)|\w+ed\s*$)\b",
    _I,
)


# words practitioners put inside a question that change nothing it asks ('who actually are the
# child death review partners?', 'what exactly counts as …', 'can I just …')
_FILLER = re.compile(r"\b(?:actually|exactly|really|even|just|basically|precisely)\s+", _I)


# a question word's contraction typed without its apostrophe, as in a chat ('whos responsible …?':
# trial Z, read as a duty question)
_UNAPOSTROPHISED = re.compile(r"\b(who|what|how|where|when)s\b", re.IGNORECASE)


# text speak for 'are' and 'you' after a question word ('what r the 4 outcomes', 'how do u …')
_TEXT_SPEAK = re.compile(
    r"\b(?P<asks>what|which|who|where|when|how|why|do|did|can|could|should|would|will|r|are)"
    r"\s+(?P<short>r|u)\b",
    re.IGNORECASE,
)


def _spelled_out(match: re.Match) -> str:
    return f"{match.group('asks')} {'are' if match.group('short').lower() == 'r' else 'you'}"


def _plain(question: str) -> str:
    """The question on one line, without filler words, text speak spelled out."""
    q = _UNAPOSTROPHISED.sub(r"\1's", " ".join(question.split()))
    return _FILLER.sub("", _TEXT_SPEAK.sub(_spelled_out, q))


def question_kind(question: str) -> Kind:
    """The kind of fact `question` asks for; `Kind.NONE` when no kind is clear."""
    q = _plain(question)
    if not q:
        return Kind.NONE
    if _TIMESCALE_Q.search(q):
        return Kind.TIMESCALE
    if _asks_who(q):
        return Kind.WHO
    if _SIGNS_Q.search(q):
        return Kind.SIGNS
    if counted_noun(q):  # after who and signs: '… and who are they?' asks who (review 17)
        return Kind.QUANTITY
    if _PROPORTION_Q.search(q) and not _DUTY_WORDS.search(q):  # 'what % of staff need training?'
        return Kind.PROPORTION
    if _CONTENTS_Q.search(q) and not _AGE_Q.search(q):  # not 'what age can a child go into care?'
        return Kind.CONTENTS
    if _PURPOSE_Q.search(q):  # 'what is the purpose of …?' before 'what is …?'
        return Kind.PURPOSE
    if defined_term(q):
        return Kind.DEFINITION
    if _DUTY_Q.search(q):  # 'how old does a child have to be to consent…': a duty's limits
        return Kind.DUTY
    if _AGE_Q.search(q) or (_ENTITLED_Q.search(q) and _AGE_TOLD.search(q)):
        return Kind.AGE
    if _REASON_Q.search(q):  # 'why was the rollout slow?'; after the other kinds, which it may ask
        return Kind.REASON
    return Kind.NONE


# A set of things asked for by name ('what are the 4 outcomes in the national framework?', 'what
# were the five Every Child Matters outcomes?', 'list the golden rules'): a list whose lead-in
# names them answers it. The noun is the last word of the phrase after the question's opening.
_LIST_OPENING = re.compile(
    # (after a clause that sets the scene too: 'Back in the Every Child Matters reforms, what were
    # the mechanisms …?', dev q001)
    rf"(?:^|[.?!:;,–-]\s)\s*(?:so\s+|and\s+)?(?:what|which)\s+(?:are|were)\s+(?:the\s+)?(?:{_COUNT_WORD}\s+)?"
    rf"|^\s*(?:list|name)\s+(?:all\s+)?(?:the\s+)?(?:{_COUNT_WORD}\s+)?"
    rf"|\b(?:the|its|their)\s+{_COUNT_WORD}\s+"
    # 'what checks does the single central record have to show?', after a prefix too ('SBM - …')
    r"|(?:^|[.?!:–-]\s)\s*(?:so\s+|and\s+)?(?:what|which)\s+"
    r"(?=[a-z-]{3,}[^'’s\W]s\s+(?:do|does|did|must|should|have|has|are|were|can|will|would|need)\b)",
    _I,
)
_PHRASE_END = frozenset(
    "in of for from that which under set by to on about at with and or if when whether because "
    "after before while since until where who so but being been".split()
)
# where a set named before its verb ends ('what checks does the record have to show?')
_VERB_AFTER_SET = frozenset("do does did must should have has are were can will would need".split())
# not a set a list names, or asked by its own kind of question ('what are the signs of …')
_NOT_LISTED = frozenset(tokenize("thing differ chang law point issu problem reason sign indic"))


_COMPARED = re.compile(
    r"\bdifferen(?:ce|ces|t)\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s*(?:[?,.;]|$|\b(?:(?:in|for) (?:the|a|an|our|my)|under|according)\b)"
    r"|(?P<c>[\w'’ -]+?)\s+(?:vs\.?|versus)\s+(?P<d>[\w'’ -]+?)\s*(?:[?,.;]|$)",
    _I,
)


def compared_terms(question: str) -> tuple[frozenset[str], ...]:
    """The words of each thing a 'what's the difference between X and Y' (or 'X vs Y') question
    sets side by side, without the words both share ('an unfounded and an unsubstantiated
    allegation' -> {unfound}, {unsubstanti}); () when it compares nothing."""
    match = _COMPARED.search(question)
    if not match:
        return ()
    sides = [frozenset(tokenize(match.group(g) or "")) for g in ("a", "b", "c", "d")]
    sides = [side for side in sides if side]
    if len(sides) != 2:
        return ()
    both = sides[0] & sides[1]
    distinct = tuple(side - both for side in sides)
    return distinct if all(distinct) else ()


_PLURAL = re.compile(r"[A-Za-z-]{3,}[^'’s]s|criteria|phenomena", _I)


def listed_noun(question: str) -> str | None:
    """The stem of what a question asks for a set of ('outcomes' -> 'outcom'), or None."""
    q = _plain(question)
    match = _LIST_OPENING.search(q)
    if not match:
        return None
    before_verb = match.group(0).rstrip().lower().endswith(("what", "which"))
    phrase = _phrase(q[match.end() :], _PHRASE_END | (_VERB_AFTER_SET if before_verb else set()))
    # the set named, or a clause after it with no 'that' ('the 4 outcomes childrens social care is
    # meant to achieve'): the phrase's first plural
    if not phrase:
        return None
    last = phrase[-1]
    # (the first plural only after a count: 'what are the schools required to do …' asks no set;
    # review 25)
    counted = bool(_COUNT_IN_TEXT.search(match.group(0)))
    first = next((w for w in phrase if _PLURAL.fullmatch(w)), "") if counted else ""
    plural = last if _PLURAL.fullmatch(last) else first
    if not plural:
        return None
    stems = tokenize(plural)
    return stems[0] if stems and stems[0] not in _NOT_LISTED else None


_CONTENTS_OF = re.compile(
    rf"\b(?:{_PUTTING}|go(?:es)?|be)"
    r"\s+(?:in|into|on)\s+(?:(?:a|an|the|my|our|their|your|this)\s+)?(?P<after>[^?]+)"
    r"|\bwhat (?:should|must|does|do|will|would) (?:a|an|the|my|our|their|your|this)\s+"
    r"(?P<before>(?:[\w'’-]+\s+){1,4}?)(?:include|contain|cover|set out|say)\b",
    _I,
)


def _phrase(text: str, ends: frozenset[str] | set[str]) -> list[str]:
    """The words a noun phrase runs to, up to four, before a word in `ends` or punctuation."""
    phrase: list[str] = []
    for word in re.findall(r"[\w’'-]+|[?,.;:]", text):
        if not word[0].isalnum() or word.lower() in ends or len(phrase) == 4:
            break
        phrase.append(word)
    return phrase


def contents_of(question: str) -> str | None:
    """The stem of what a contents question asks the contents of ('what should I put in a referral
    to children's social care?' -> 'referr'), or None."""
    match = _CONTENTS_OF.search(_plain(question))
    if not match:
        return None
    words = _phrase(match.group("after") or match.group("before"), _PHRASE_END)
    stems = tokenize(words[-1]) if words else []
    return stems[0] if stems else None


_WHO_ARE = re.compile(
    r"\bwho\s+(?:are|is|were|was)\s+(?:the\s+|a\s+|an\s+|our\s+|my\s+)?(?P<set>[^?]+)", _I
)


def who_of(question: str) -> frozenset[str]:
    """The words of the set a 'who are X?' question asks the members of ('who are the lead
    safeguarding partners under Working Together?' -> lead, safeguard, partner); empty otherwise."""
    match = _WHO_ARE.search(_plain(question))
    if not match:
        return frozenset()
    return frozenset(tokenize(" ".join(_phrase(match.group("set"), _PHRASE_END))))


def copula_subject(sentence: str) -> str | None:
    """The subject of a sentence that opens with it and 'is', 'are' or 'include' ('The LSPs for
    safeguarding partners' of 'The LSPs for safeguarding partners are: Chief Executives of …'), or
    None: the sentence that says who a set is, or what it is."""
    copula = _SUBJECT_NAMING.match(sentence.lower())
    return sentence[: copula.start("verb")] if copula else None


# a sentence opening with its subject and 'is', 'are' or 'include' ('Child death review partners
# are …', 'The LSPs … are: …'), not with a clause ('Where …, the partners are …')
_SUBJECT_NAMING = re.compile(
    r"(?!(?:where|when|if|as|although|while|because|since|once|unless|for|in|under)\b)"
    # a subject with no verb of its own ('… partners should ensure a process is …' is no subject)
    # and not a role or purpose ('The role of the LADO is to …' says what, not who)
    r"(?!(?:the |their |its )?(?:role|purpose|aim|job|function|duty|duties)s? of\b)"
    r"(?:(?!\b(?:should|must|will|would|can|could|may|might|shall|that|which|who|to)\b)[^,;:])"
    r"{1,60}?\s(?P<verb>is|are|include|includes|comprise|comprises)(?=[\s:])"
)


def asks_an_age(question: str) -> bool:
    """The question asks, in any of its parts, for an age ('do we have to give him a PA and till
    what age?')."""
    return bool(_AGE_Q.search(_plain(question)))


def _count_value(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_VALUES[word.lower()]


def count_asked(question: str) -> int | None:
    """How many things a question asks for by name ('what were the five … outcomes?' -> 5)."""
    match = _LIST_OPENING.search(_plain(question))
    number = _COUNT_IN_TEXT.search(match.group(0)) if match else None
    return _count_value(number.group(0)) if number else None


def count_agrees(asked: int | None, lead_in: str, listed: str | None = None) -> bool:
    """A list's lead-in that counts its items ('There are 4 outcomes:') answers a question asking
    for five only if it counts five. Only a number just before the listed noun (or a word before
    it) counts them: 'Children under 18 may be abused in the following categories:' counts none."""
    if asked is None:
        return True
    words = re.findall(r"[\w’'-]+", lead_in)
    counts = {
        _count_value(word)
        for i, word in enumerate(words)
        if _COUNT_IN_TEXT.fullmatch(word)
        and any(listed is None or (tokenize(w) or [""])[0] == listed for w in words[i + 1 : i + 3])
    }
    return not counts or asked in counts


# A second question asked after the first ('is that private fostering and do we have to tell
# anyone?', '… Do I have to put it in writing too, and how quickly should social care decide?')
_SECOND_ASK = re.compile(
    r"(?:[,;?]\s*|\s)(?:and|or|but|also|plus)?\s*(?=(?:who|what|when|where|how|why|which|by when|do|does"
    r"|can|should|must|is|are|have|has)\s+\w+\s+\w+)",
    _I,
)


def second_ask(question: str) -> str | None:
    """The last of two questions asked in one ('… and do we have to tell anyone?'); None when
    only one is asked."""
    q = _plain(question)
    starts = [m.end() for m in _SECOND_ASK.finditer(q) if m.start() > 0]
    for start in reversed(starts):
        first, second = q[:start], q[start:]
        if len(first.split()) >= 3 and (
            first.rstrip().endswith("?")
            or re.search(r"\b(?:and|or|but|also|plus)\s*$|[,;]\s*$", first, _I)
        ):
            return second
    return None


# words in what the signs are asked of that a sentence giving them need not repeat
_SUBJECT_FILLER = frozenset(
    tokenize("child young person people kid pupil student someone may might")
)
_SIGNS_OF = re.compile(
    r"\b(?:signs?|indicators?|symptoms?|red flags?)\s+(?:that\s+|of\s+|for\s+|to look for (?:with\s+|in\s+)?|(?=a |an |the ))(?P<a>[^?]+)"
    rf"|\b{_NOTICE}\s+(?:if|whether|when|that)?\s*(?P<b>[^?]+)"
    r"|\blook (?:out )?for\s+(?:with|in|around)?\s*(?P<c>[^?]+)",
    _I,
)


# where what the signs are asked of ends: a setting or an age group ('… in a primary school'), a clause
_SUBJECT_END = re.compile(
    r"\s+(?:in|at|among|amongst|for|according)\s+(?:a |an |the )?(?:school|college|nursery|primary"
    r"|secondary|baby|babies|toddlers?|teenagers?|young)|,|;",
    _I,
)


def signs_subject(question: str) -> str | None:
    """What a signs question asks the signs of ("what are the signs of child criminal
    exploitation?" -> "child criminal exploitation")."""
    match = _SIGNS_OF.search(_plain(question))
    if not match:
        return None
    subject = next((g for g in match.groups() if g), "")
    subject = _SUBJECT_END.split(subject, maxsplit=1)[0]
    subject = re.sub(r"^(?:a|an|the|being)\s+", "", subject.strip(" .?"), flags=_I)
    return subject or None


def kind_term(question: str, kind: Kind) -> str | None:
    """What a sentence must name to hold the kind of fact asked: the defined term of a definition
    question, what a signs question asks the signs of, what a 'how many' question counts; None for
    the other kinds."""
    if kind is Kind.DEFINITION:
        return defined_term(question)
    if kind is Kind.SIGNS:
        return signs_subject(question)
    if kind is Kind.QUANTITY:
        return counted_noun(question)
    return None


# 'how many child deaths a year …', 'what number of recommendations …': the things counted, whose
# number answers (a time's is a timescale question, 'how many times' a frequency)
_HOW_MANY = re.compile(
    r"\b(?:how many|what number of)\s+(?:of\s+(?:the\s+)?)?"
    r"(?P<noun>(?:[a-z][\w'’-]*\s+){0,2}?[a-z][\w'’-]*?s)\b(?!\s*(?:of|'|’))",
    _I,
)
_NOT_COUNTED = frozenset(tokenize("time day hour week month year minut second"))


def counted_noun(question: str) -> str | None:
    """The stem of what a 'how many' question counts ('how many child deaths …' -> 'death')."""
    match = _HOW_MANY.search(_plain(question))
    if not match:
        return None
    stems = tokenize(match.group("noun").split()[-1])
    if not stems or stems[-1] in _NOT_COUNTED:
        return None
    return stems[-1]


# a share asked for: 'what proportion of referrals are re-referrals?', 'what percentage of …',
# 'how common is …'
_PROPORTION_Q = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:proportion|percentage|fraction|per ?cent)\b|\bwhat share of\b"
    r"|\bwhat %|\bhow (?:common|widespread|prevalent|rare)\b|\bhow many (?:out of|in every)\b",
    _I,
)
# a duty asked alongside a share ('what percentage of staff need training?', 'how rare is FGM - do I
# still need to report it?') asks the duty
_DUTY_WORDS = re.compile(r"\b(?:need|needs|must|should|have to|has to|required|requires?)\b", _I)
# a share given: '21%', '12 per cent', 'one in five', 'two-thirds of', 'half of all'
_PROPORTION = re.compile(
    r"\d(?:[\d.,]*\d)?\s*(?:%|per ?cent\b|percent\b)"
    # a change is no share: 'a 15% increase in referrals', '12 per cent higher'
    r"(?!\s*(?:increase|rise|decrease|fall|drop|reduction|growth|higher|lower|more|fewer|less)\b)"
    r"|\b(?:one|two|three|four) in (?:every )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b"
    r"|\b(?:half|(?:a|one|two)[ -]thirds?|(?:a|one|three)[ -]quarters?|a fifth|majority|minority)"
    r" of\b",
    _I,
)


# 'why was the rollout of family network support packages slow?', 'what were the reasons for …',
# 'what caused …', 'how come …'
_REASON_Q = re.compile(
    r"^\W*(?:[\w'’ -]{1,40}\s+[-–—:]\s+)?(?:so\s+|and\s+|but\s+)?(?:why|how come)\b"
    r"|\bwhy (?:was|were|is|are|did|does|do|has|have|had|would|should|must|can|could|might|"
    r"isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|wasn'?t|weren'?t)\b"
    r"|\bwhat (?:was|were|is|are) the (?:main |key )?(?:reasons?|causes?) (?:for|why|behind)\b"
    r"|\bwhat (?:caused|led to|is behind|was behind)\b",
    _I,
)
# 'what is the purpose of a strategy discussion?', 'what's the point of a core group?', 'what is a
# child protection plan meant to achieve?', 'what do the arrangements have to aim at?'
_PURPOSE_Q = re.compile(
    r"\bwhat(?:'s|\s+is|\s+are|\s+was|\s+were)\s+the\s+(?:main\s+|key\s+|overall\s+|whole\s+)?"
    r"(?:purposes?|aims?|objectives?|point(?!\s+of\s+contact)|goals?)\s+of\b"
    r"|\b(?:meant|supposed|designed|intended)\s+to\s+(?:achieve|accomplish)\b"
    r"|\baim(?:ed)?\s+(?:at|for)\s*\??$|\bwhat\s+(?:do|does|did|should|must)\b[^?]{1,80}\baim\s+to\b",
    _I,
)
# A purpose given: 'The purpose of a strategy discussion is to …', 'The aim of the child protection
# plan is to:', '… arrangements … are to be made with a view to— (a) …'; not an Act's 'For the
# purposes of this section each of the following is …'
_PURPOSE = re.compile(
    r"(?<!for )\b(?:the|its|their|a|whose)\s+(?:main\s+|key\s+|overall\s+|shared\s+|primary\s+)?"
    r"(?:purposes?|aims?|objectives?|goals?)\s+(?:of\b[^.;:]{0,80}?\s)?(?:is|are|was|were|will\s+be|should\s+be)\b"
    r"|\b(?:shared|main|primary|key|overall)\s+(?:purpose|aim|objective|goal)\s+(?:to|of)\b"
    # (not 'designed to' or 'intended to', said of anything, nor 'with a view to educating at home':
    # 'with a view to—' opening a list of aims; review 25)
    r"|\bwith\s+a\s+view\s+to\s*[—–:-]|\b(?:aims?|aimed)\s+to\s+\w+"
    r"|\b(?:purpose|aim)\s*:",
    _I,
)


def has_purpose(text: str) -> bool:
    """A purpose given: 'the purpose of … is', 'the aim … is to', 'aims to', a list's 'with a view
    to—'."""
    return bool(_PURPOSE.search(text))


# A reason given: '… was slow due to uncertainty around FNSP governance', '… because …'
_REASON = re.compile(
    r"\b(?:due to|because|owing to|as a result of|caused by|driven by|attributed to|on account of"
    r"|the reasons? (?:for|why|was|were|is|are|given)|(?:was|were|is|are) (?:largely |partly |mainly )?"
    r"(?:explained|hampered|delayed|slowed|held back|hindered) by|reflect(?:s|ed|ing)? (?:the|a)\b)",
    _I,
)


def has_reason(text: str) -> bool:
    """A reason given: 'due to', 'because', 'as a result of', 'the reason for', 'delayed by'."""
    return bool(_REASON.search(text))


def has_proportion(text: str) -> bool:
    """A share of a whole: '21%', '12 per cent', 'one in five', 'two-thirds of'."""
    return bool(_PROPORTION.search(text))


# a number just before what it counts ('at least 60 child deaths', '108 recommendations')
_NUMBER_WORD = (
    r"(?:\d[\d,]*|"
    + "|".join(
        "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
        "hundred".split()
    )
    + ")"
)


_NUMBER_THEN_WORDS = re.compile(rf"\b{_NUMBER_WORD}((?:\s+[\w'’-]+){{1,3}})", _I)


def has_quantity(text: str, counted: str | None) -> bool:
    """A number of the things counted: the number, at most two words that describe them ('60
    child deaths'), then a word of that stem; not across a sentence's parts ('2 cases the deaths')."""
    if not counted:
        return False
    for match in _NUMBER_THEN_WORDS.finditer(text):
        words = match.group(1).split()
        for n, word in enumerate(words):
            if counted in tokenize(word):
                between = {w.lower() for w in words[:n]}
                if not between & _NOT_DESCRIBING:
                    return True
                break
    return False


_NOT_DESCRIBING = frozenset(
    "the a an of in on at to for by with and or was were is are had have has that which who".split()
)


def defined_term(question: str) -> str | None:
    """The term a definition question asks about ("what does LADO stand for?" -> "LADO")."""
    match = _DEFINITION_Q.search(_plain(question))
    if not match:
        return None
    term = next((g for g in match.groups() if g), None)
    if term is None:  # "... stands for" with no captured term
        return None
    term = re.sub(r"[\"“”‘’]|(?<!\w)'|'(?!\w)", "", term).strip(" ?.")
    # 'what is considered (as) private fostering?': what it is considered as is the term
    term = re.sub(
        r"^(?:considered|classed|classified|regarded|counted)\s+(?:as\s+)?", "", term, flags=_I
    )
    term = re.split(
        r"\s+(?:used|under|for|according|mean|means|and|or|when|within|as|about|regarding|if|where"
        r"|in (?=[A-Z]))\b|,",
        term,
        maxsplit=1,
    )[0]
    term = re.sub(r"^(?:a|an|the|my|our|your|his|her|their)\s+", "", term.strip(), flags=_I)
    if not term or len(term.split()) > 8 or _NOT_A_DEFINITION.match(term):
        return None
    if _DUTY_Q.search(term) or _TIMESCALE_Q.search(term):
        return None
    return term


# -- passages and sentences --------------------------------------------------------------------

# a count said in figures or words ('5', 'six'); with 'a', 'an' and 'the same', any number of units
_COUNT = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)"
)
_NUMBER = rf"(?:{_COUNT}|a|an|the same)"
_UNIT = (
    r"(?:working |calendar |school |business |clear )?(?:days?|hours?|weeks?|months?|years?|terms?)"
)
# Written in lower case and matched against lower-cased text: ~3x faster than re.IGNORECASE on
# this pattern (it runs over every leading candidate passage of every timescale question).
_TIME = re.compile(
    rf"\bwithin\s+(?:{_NUMBER}[\s-]+)?(?:\(\d+\)\s+)?{_UNIT}\b"
    rf"|\b{_NUMBER}[\s-]+{_UNIT}\s+(?:of|from|after|before|following|beginning)\b"
    rf"|\b(?:no later than|not later than|at least|at the latest|by the end of)\s+(?:the\s+)?(?:{_NUMBER}\s+)?(?:next\s+)?{_UNIT}\b"
    rf"|\b(?:every|each)\s+(?:{_NUMBER}\s+)?{_UNIT}\b|\b(?:once|twice) (?:a|an|every|each) (?:day|week|month|year|term)\b"
    r"|\bimmediately\b|\bwithout delay\b|\bas soon as (?:possible|practicable|is practicable)\b|\bsame day\b|\bpromptly\b"
    rf"|\b(?:up to|at most|no more than|not more than|not exceeding)\s+{_NUMBER}[\s-]+{_UNIT}\b"
    rf"|\b(?:maximum|minimum|timescales?|time limits?)\b[^.;]{{0,40}}?\b{_NUMBER}[\s-]+{_UNIT}\b(?![\s-]+old\b)"
    # ('annually', 'on an annual basis'; not 'annual' naming a thing: 'shared annual budget, yearly
    # report' led 'when does the yearly report have to be published by?', trial GG WT4)
    r"|\b(?:24|48|72)[\s-]*hours?\b|\bannually\b|\bon an? (?:annual|yearly) basis\b|\bwithin (?:a|one|the) (?:working )?day\b|\bstrict timescales?\b"
    # how long a thing is kept or lasts: 'there should not be a longer retention period than six
    # months', 'kept for six years' (trial BB: how long may a copy of a DBS certificate be kept?)
    rf"|\b(?:longer|shorter) (?:\w+ ){{0,2}}?than\s+{_NUMBER}[\s-]+{_UNIT}\b(?![\s-]+old\b)"
    rf"|\b(?:kept|retained|held|stored)\s+for\s+(?:up to\s+|at least\s+)?{_NUMBER}[\s-]+{_UNIT}\b(?![\s-]+old\b)",
)

_ROLE_TERMS = (
    r"local authorit(?:y|ies)",
    r"police",
    r"chief (?:officer|constable|executive)s?",
    r"integrated care boards?",
    r"\bICBs?\b",
    r"clinical commissioning groups?",
    r"\bCCGs?\b",
    r"\bNHS\b",
    r"health (?:services?|visitors?|professionals?|partners?)",
    r"designated safeguarding leads?",
    r"\bDSLs?\b",
    r"deput(?:y|ies) designated",
    r"head ?teachers?",
    r"headteachers?",
    r"governing bod(?:y|ies)",
    r"governors?",
    r"proprietors?",
    r"trustees?",
    r"social workers?",
    r"\bLADO\b",
    r"designated officers?",
    r"director of children['’]?s services",
    r"\bDCS\b",
    r"lead members?",
    r"probation",
    r"youth (?:offending|justice)",
    r"schools?",
    r"colleges?",
    r"\bGPs?\b",
    r"general practitioners?",
    r"midwi(?:fe|ves)",
    r"nurses?",
    r"paediatricians?",
    r"doctors?",
    r"lead safeguarding partners?",
    r"safeguarding partners?",
    r"relevant agenc(?:y|ies)",
    r"agenc(?:y|ies)",
    # a manager of a named kind is a post ('the Team Manager … will chair'); a manager, anyone's
    r"(?:team|service|practice|registered|operational|area|case) managers?",
    r"advanced practitioners?",
    r"practitioners?",
    r"managers?",
    r"independent (?:reviewing officers?|chairs?|scrutineers?)",
    r"chairs?",
    r"(?:early years )?providers?",
    r"childminders?",
    r"foster carers?",
    r"housing",
    r"education",
    r"virtual school heads?",
    r"(?:police and crime )?commissioners?",
    r"accountable officers?",
    r"senior (?:leaders?|officers?|managers?)",
    r"named (?:doctors?|nurses?|professionals?)",
    r"designated (?:doctors?|nurses?|professionals?|teachers?)",
    r"the court",
    r"secretary of state",
    r"ofsted",
    r"\bCAFCASS\b",
    # written with a straight apostrophe only: the curly one (most PDFs) is left unmatched, as the
    # who-lift was set with it; matching it cost an untuned dev question its passage (tenth stop)
    r"children'?s social care",
    r"parents?",
    # who attends: 'brings together family members …, with the supporters, advocates, and
    # practitioners most involved'
    r"family members?",
    r"advocates?",
)
# A role starts a word: "transparent" holds no parent. Trying the terms only where a word starts
# with a letter is ~4x faster than at every character.
_ROLE = re.compile(r"\b(?=[a-z])(?:" + "|".join(_ROLE_TERMS) + r")", _I)
# Words for people in general: a sentence naming only these ("practitioners review it with a
# manager") does not answer "who".
_GENERIC_ROLE = re.compile(
    r"^(?:practitioner|manager|parent|school|college|education|housing|(?:relevant )?agenc(?:y|ie)|chair|provider"
    r"|governor|nurse|doctor)s?$",
    _I,
)
_RESPONSIBILITY = re.compile(
    r"\b(?:is|are) responsible for\b|\bresponsibility (?:of|for|lies)\b|\bshould be (?:led|chaired|undertaken|carried out|made) by\b"
    r"|\b(?:led|chaired|made|undertaken|carried out|completed|convened|appointed|notified) by\b|\bis accountable\b|\bare accountable\b"
    r"|\b(?:must|should) (?:ensure|appoint|notify|inform|refer|tell|convene|lead|chair|decide)\b|\bthe (?:three|3) (?:safeguarding )?partners\b"
    r"|\bconsist(?:s)? of\b|\bcomprise\b|\binclud(?:e|es|ing)\b:?\s*$|\bare:\s*$|\bas a minimum\b"
    # who a role must be held by: 'The lead practitioner should always be a social worker for child
    # protection enquiries' (trial GG: it did not hold 'who has to be the lead practitioner for s47?')
    r"|\b(?:must|should)\s+(?:always\s+)?be\s+(?:a|an)\b",
    _I,
)

_DEFINING = re.compile(
    r"\b(?:is|are) defined as\b|\bmeans\b|\brefers to\b|\bis (?:a|an|the) (?:term|process|form|type|meeting|plan|person|way|statutory)\b"
    r"|\bincludes?,? \(?but (?:is )?not limited to\b|\bis used to describe\b|\bdescribes?\b|\bis when\b|\bis where\b|\boccurs (?:when|where)\b|\bfor the purposes? of\b|\bthe definition of\b"
    r"|\bis what\b|\bstands for\b"
    # when a thing counts as the term: 'Sexual behaviour between children can be considered
    # harmful if one of the children is much older …' (trial CC: a Lambeth definition led instead)
    r"|\b(?:can|may|will|would|should) be (?:considered|regarded|classed|treated|seen) (?:as )?"
    r"[\w’'-]+(?: [\w’'-]+)? (?:if|where|when)\b|\b(?:aims?|purposes?|objectives?) of (?:the |a |an )?[\w’'()\- ]{1,60}? (?:is|are)\b|^[\"“‘]?[A-Z][\w’'()\- ]{1,60}[\"”’]?\s*(?::|–|—| - )\s*"
    # a label before a dash defines only when a description follows, not 'there are 4 teams …'
    r"(?!(?:there (?:are|is|were)|we|our|see|please|contact|click|for more)\b|\d)\S"
    r"|^(?:a|an|the)?\s*[\"“‘]?[\w’'()\- ]{1,60}[\"”’]?\s+(?:is|are)\s+(?:a|an|the|any|defined|when|where|anyone|someone|all|those)\b",
    _I,
)

_PURPOSE_OF = re.compile(r"(?:aims?|purposes?|objectives?) of\b", _I)

# Both are tried only where a word starts with a letter (their terms all do): ~1.5-2x faster.
_DUTY = re.compile(
    r"\b(?=[a-z])(?:must|shall|should|required to|have to|has to|need to|needs to|duty to|obliged to|is expected to|are expected to"
    r"|may|can|is allowed|are allowed|is permitted|are permitted|is not required|are not required|do not need|does not need"
    # what is not needed is a rule too (trial W: 'It is not usually necessary to undertake a DPIA
    # for sharing information on a one-off basis' did not hold the answer to 'do we need a DPIA?')
    r"|(?:is|are) not (?:usually |normally |generally |always )?(?:necessary|needed|mandatory|compulsory)"
    r"|need not)\b",
    _I,
)
_EXCEPTION = re.compile(
    r"\b(?=[a-z])(?:\bunless\b|\bexcept\b|\bexception\b|\bhowever\b|\bonly (?:if|where|when)\b|\bprovided that\b|\bso long as\b|\bwhere (?:there is|it is|this would)\b"
    r"|\bwithout (?:consent|their consent|the consent)\b|\bwould (?:place|put) (?:a|the) child at (?:increased )?risk\b|\bnot (?:usually |normally |generally |always )?(?:required|necessary|needed|mandatory|compulsory)\b"
    r"|\bin (?:exceptional|some) circumstances\b|\bif (?:doing so|to do so|that would)\b|\bthere may be\b|\boverride\b|\bjustified\b|\bpublic interest\b"
    r"|\bon a case[- ]by[- ]case basis\b"
    r"|\bdoes not (?:need|have)\b|\bdo not (?:need|have)\b|\bcan (?:still )?(?:be )?shared?\b"
    # a rule said to hold as a rule, so not always: 'you will usually need to gain consent'
    r"|\b(?:usually|normally|generally) (?:need|needs|have|has|be required) to\b)",
    _I,
)


# A sentence giving signs: it names signs or indicators and lists them (after a ':' or in a run of
# commas): "Some of the following can be indicators of … where children: • appear with …"
_SIGNS = re.compile(
    r"\b(?=[a-z])(?:signs?|indicators?|indicat(?:e|es|ive of)|symptoms?|red flags?|warning|look out for|be alert to"
    r"|(?:may|might|can|could) (?:be )?present)\b",
    _I,
)


# A sentence saying what something holds: 'they should include any information they have on the
# child's developmental needs', 'The plan should set out …', '… should be recorded'
_CONTENTS = re.compile(
    r"\b(?:should|must|shall|needs? to|ought to)\s+(?:also\s+|clearly\s+|always\s+)?"
    r"(?:include|contain|set out|cover|record|specify|detail|outline)\b"
    r"|\b(?:should|must) be (?:included|recorded|set out|covered)\b",
    _I,
)


def has_contents(text: str) -> bool:
    """What something should hold: '… should include any information …', '… must set out …'."""
    return bool(_CONTENTS.search(text))


def has_signs(text: str) -> bool:
    """Signs or indicators, listed: "… can be indicators of … where children: • appear with …"."""
    return bool(_SIGNS.search(text)) and (":" in text or "•" in text or text.count(",") >= 2)


_AGE_NUMBER = r"(?:1\d|2[0-5]|[5-9]|sixteen|seventeen|eighteen|twenty-one|twenty-five)"
# 'under 18' is an age, 'over 20 years', 'under 10 minutes', 'over 15%' and 'over 12 per cent' are not
_NOT_A_COUNT = (
    r"(?![\s-]+(?:working |calendar )?(?:days?|hours?|minutes?|weeks?|months?|per ?cent|percent)\b)"
    r"(?![\s-]+years?\b(?![\s-]+(?:olds?|of age)))(?!\s*%)"
)
# an age: 'reaches the age of 25', 'aged 16 or 17', 'under 18', 'their 18th birthday', '13-year-olds'
_AGE = re.compile(
    rf"\bage(?:d|s)?\s+(?:of\s+)?{_AGE_NUMBER}\b|\b(?:under|over)(?: the age of)?\s+{_AGE_NUMBER}\b{_NOT_A_COUNT}"
    rf"|\b{_AGE_NUMBER}(?:st|nd|rd|th)\s+birthday\b|\b{_AGE_NUMBER}[\s-]+years?[\s-]+(?:olds?|of age)\b"
    rf"|\b{_AGE_NUMBER}\s+(?:and|or)\s+(?:over|under|older|younger)\b",
    _I,
)


def has_age(text: str) -> bool:
    """An age: "until the age of 25", "aged 16 or 17", "under 18", "their 18th birthday"."""
    return bool(_AGE.search(text))


_COUNTED_TIME = re.compile(rf"\b{_COUNT}[\s-]+{_UNIT}\b(?![\s-]+old\b)")


def has_counted_time(text: str) -> bool:
    """A time counted out ('six months', '15 working days'), not one said in words that are
    everywhere ('immediately', 'as soon as possible')."""
    return bool(_COUNTED_TIME.search(text.lower()))


_HOW_LONG_KEPT_Q = re.compile(
    r"\bhow long\b[^?]{0,60}\b(?:kept|keep|retain(?:ed)?|held|hold|last|lasts|stay|stays)\b", _I
)


def asks_how_long_kept(question: str) -> bool:
    """'how long are we allowed to keep the copy?', 'how long does a plan last?': a period asked,
    not how soon (review 23: 'how quickly should I tell the DSL?' is answered by 'immediately')."""
    return bool(_HOW_LONG_KEPT_Q.search(question))


def has_time_expression(text: str) -> bool:
    """A timescale: "within 15 working days", "within one working day", "immediately", "every six months"."""
    return bool(_TIME.search(text.lower()))


_HOW_OFTEN_Q = re.compile(r"\bhow (?:often|frequently|regularly)\b", _I)
_FREQUENCY = re.compile(
    rf"\b(?:every|each)\s+(?:{_NUMBER}\s+)?{_UNIT}\b|\b(?:once|twice|(?:{_NUMBER}) times)"
    r" (?:a|an|every|each|per) (?:day|week|month|year|term)\b|\bannual(?:ly)?\b|\byearly\b"
    r"|\bat (?:regular |least (?:\w+ )?)?intervals\b|\bat least once\b|\bregularly\b",
    _I,
)


def asks_how_often(question: str) -> bool:
    """'How often …?', 'how frequently …?': a frequency answers it, not a deadline."""
    return bool(_HOW_OFTEN_Q.search(question))


def has_frequency(sentence: str) -> bool:
    """How often: 'every two years', 'at least annually', 'once a term', 'at regular intervals'."""
    return bool(_FREQUENCY.search(sentence))


# Words that say an event happens, not which event: 'when should the review be held?'
_HAPPENING = frozenset(
    tokenize(
        "held hold take place happen occur meet meeting done complete completed made start due "
        "first next soon often long quickly"
    )
)


_FROM_WORDS = ("of", "from", "after", "before", "following", "beginning")
# what a time is measured from, to the end of its clause: '… of a strategy discussion, or …'
_REFERENCE = re.compile(r"(?:(?!\b(?:and|or)\b)[^,;:.()])*")
_MEASURED_FROM = re.compile(
    r"\s+(?:of|from|after|before|following|since)\b(?:(?!\b(?:and|or)\b)[^,;:.()])*"
)


def _same_word_family(these: frozenset[str], those: frozenset[str]) -> bool:
    """A word and its noun or verb, as Snowball leaves them ('notif' of 'notifications' and
    'notifi' of 'notify'; 'referr' and 'refer'): one, of five letters or more, begins the other
    and is at most two letters shorter (not 'child' and 'children') (trial W: 'Notifications
    should be sent within five working days …' answers 'by when does the LA have to notify the
    panel?')."""
    return any(
        min(len(a), len(b)) >= 5
        and abs(len(a) - len(b)) <= 2
        and (a.startswith(b) or b.startswith(a))
        for a in these
        for b in those
    )


# what a timescale question asks be done: 'finish a child and family assessment' of 'how long has
# children's social care got to finish a child and family assessment once a referral comes in?'
_ASKED_ACT = re.compile(
    r"\b(?:have|has|got|need|needs)\s+to\s+(?P<act>(?:(?!\b(?:once|after|when|from|following|since"
    r"|before|if|by|within)\b)[^?.,;])+)",
    re.IGNORECASE,
)


_ACTOR = re.compile(
    r"\b(?:has|have|does|do|did|must|should|will|is|are)\s+(?P<actor>(?:[\w'’-]+\s+){1,5}?)"
    r"(?:got|have|has|need|needs)\s+to\b",
    re.IGNORECASE,
)


def asked_act(question: str) -> frozenset[str]:
    """The words (stemmed) of what a question asks be done by a time, its words of happening and
    its actor's left out ('finish', 'family', 'assessment' of 'how long has children's social care
    got to finish a child and family assessment once …'); empty when it names no act."""
    found = _ASKED_ACT.search(question)
    if found is None:
        return frozenset()
    act = words_of(found.group("act")) - _HAPPENING
    actor = _ACTOR.search(question)
    return (act - words_of(actor.group("actor")) if actor else act) or act


def times_another_event(
    sentence: str, asked: frozenset[str], act: frozenset[str] = frozenset()
) -> bool:
    """The sentence's (first) time is measured from the event asked about, not given for it:
    'The initial child protection conference should take place within 15 working days of a
    strategy discussion' does not say when a strategy discussion is held. `asked`: the question's
    words (stemmed); the words of happening ('held', 'take place', 'first') do not name an event.
    `act`: what the question asks be done (asked_act), when it names it."""
    event = asked - _HAPPENING
    if not event:
        return False
    lowered = sentence.lower()
    first = _TIME.search(lowered)  # the time the sentence's subject is given
    subject = words_of(lowered[: first.start()]) if first else frozenset()
    if first is None or subject & event or _same_word_family(subject, event):
        return False
    if first.group(0).endswith(_FROM_WORDS):  # '15 working days of …': the pattern took the 'of'
        reference = _REFERENCE.match(lowered, first.end())
    else:
        reference = _MEASURED_FROM.match(lowered, first.end())
    # a time measured from nothing named is the subject's own
    if reference is None or not words_of(reference.group(0)) & event:
        return False
    if subject:  # 'The initial child protection conference should take place within …'
        return True
    # a time said first ('Within one working day of a referral being received, children's social
    # care should acknowledge receipt …'): the clause after it says whose time it is, in the
    # question's words other than those naming the event it is measured from; of the act asked
    # where the question names one (not its actor's: 'children's social care' of 'has CSC got to
    # finish the assessment once a referral comes in?' may acknowledge the referral)
    return not words_of(lowered[reference.end() :]) & (
        (act or event) - words_of(reference.group(0))
    )


# Who is to be told, as a question asks it ('how quickly does the LADO have to be told?', 'when
# must Ofsted be notified?', 'how soon do I have to inform the police?') and as a sentence says it
# ('Parents or carers … should be: • formally told …', 'The designated officer … should also be
# informed within one working day …', '… should notify the panel within five working days')
_TOLD = r"(?:told|informed|notified|made\s+aware|alerted)"
_TELL = r"(?:tell|inform|notify|alert)(?:s|ing|ed)?"
_PRONOUN = frozenset(
    {"i", "we", "you", "they", "them", "us", "me", "he", "she", "him", "her", "it"}
)
# what is notified rather than who: 'notify a serious incident' names no one told
_NOTIFIED_THING = frozenset(
    tokenize(
        "incident incidents review reviews allegation allegations concern concerns death deaths "
        "injury injuries case cases referral referrals event events"
    )
)
_TOLD_ASKED = re.compile(
    r"\b(?:does|do|must|should|will|would|is|are|has|have|can)\s+"
    r"(?P<party>(?:[\w'’-]+\s+){1,5}?)"
    rf"(?:(?:have|has|need|needs|got)\s+to\s+)?(?:be|get)\s+{_TOLD}\b",
    re.IGNORECASE,
)
_TELL_ASKED = re.compile(
    rf"\b{_TELL}\s+(?P<party>(?:the|a|an|our|their|my)?\s*[\w'’-]+(?:\s+(?!within\b|by\b|about\b)[\w'’-]+){{0,3}})",
    re.IGNORECASE,
)
_TOLD_SAID = re.compile(
    r"(?P<party>[^.;:•()]{3,120}?)\s+(?:should|must|will|shall|need\s+to|needs\s+to|are\s+to|is\s+to)"
    r"\s+(?:also\s+|then\s+|always\s+|immediately\s+)?be\s*[:•\s]*(?:\w+ly\s+)?"
    rf"{_TOLD}\b",
    re.IGNORECASE,
)


def party_told(question: str, names: tuple[tuple[str, frozenset[str]], ...] = ()) -> frozenset[str]:
    """The words (stemmed) of whom the question asks about telling: 'the LADO' of 'how quickly
    does the LADO have to be told?', with the names its acronyms stand for (`names`: (acronym
    token, its name's words), as the answer reads the question's acronyms). Empty when the question
    asks about no one's being told, or only about 'them' or 'us'."""
    found = _TOLD_ASKED.search(question) or _TELL_ASKED.search(question)
    if found is None:
        return frozenset()
    party = words_of(found.group("party")) - _HAPPENING
    if not party or party <= _PRONOUN or party & _NOTIFIED_THING:
        return frozenset()
    return party.union(*(words for token, words in names if token in party))


_CLAUSE_OPENING = re.compile(
    r"\s*(?:in|for|at|on|as|where|when|if|after|before|following|once|unless|while|with|without"
    r"|by|under|within)\b",
    re.IGNORECASE,
)


def _subject_told(before: str) -> str:
    """Who a sentence says is told, of the words before its 'should be told': the last part
    between commas that is no clause or aside ('Where an allegation is made …, the designated
    officer' -> 'the designated officer'; 'Parents or carers, in all cases' -> 'Parents or
    carers'; review 25)."""
    parts = [p for p in before.split(",") if p.strip()] or [before]
    return next((p for p in reversed(parts) if not _CLAUSE_OPENING.match(p)), parts[-1])


def tells_another_party(sentence: str, asked: frozenset[str]) -> bool:
    """The sentence's time is for telling someone other than whom the question asks about:
    'Parents or carers … should be: • formally told about the allegation as soon as possible'
    does not say how quickly the designated officer is told (trial DD). A sentence naming no one
    told, or one sharing a word with `asked`, is not another party's."""
    if not asked:
        return False
    said = _TOLD_SAID.search(sentence)
    party = words_of(_subject_told(said.group("party"))) if said else frozenset()
    if not party:
        telling = _TELL_ASKED.search(sentence)
        party = words_of(telling.group("party")) - _HAPPENING if telling else frozenset()
    if not party or party <= _PRONOUN:
        return False
    return not (party & asked or _same_word_family(party, asked))


def _role_key(name: str) -> str:
    """A role as counted: lower case, one apostrophe, no plural 's'."""
    return name.lower().replace("’", "'").rstrip("s")


def roles_named(text: str) -> frozenset[str]:
    """The roles and bodies a text names, as has_roles counts them ('safeguarding partner')."""
    return frozenset(_role_key(m.group(0)) for m in _ROLE.finditer(text))


def has_roles(text: str, asked: frozenset[str] = frozenset()) -> bool:
    """A sentence naming who: two or more distinct roles or bodies, or one role with a responsibility
    ("the designated safeguarding lead should take lead responsibility"). `asked`: the roles the
    question itself names, which do not count: "The three safeguarding partners are responsible…"
    does not say who the safeguarding partners are."""
    roles = set(roles_named(text) - asked)
    specific = {r for r in roles if not _GENERIC_ROLE.match(r)}
    if len(specific) >= 2 or (specific and len(roles) >= 3):
        return True
    return len(specific) == 1 and bool(_RESPONSIBILITY.search(text))


@lru_cache(maxsize=256)
def _term_words(term: str) -> tuple[str, ...]:
    return tuple(
        w
        for w in re.findall(r"[a-z0-9]+", term.lower())
        if not re.fullmatch(r"s\d+[a-z]*|a|an|the|of", w)
    )


# a sentence opening with its subject and 'is'/'are' (not a clause first: 'Where a child is at
# risk, significant harm is defined as …')
_SUBJECT_COPULA = re.compile(
    r"(?!(?:where|when|if|as|although|while|because|since|once|unless|for|in|under)\b)"
    r"[^,;:]{1,60}?\s(?P<verb>is|are)\s"
)
# a label that names no term ('Definition: The term …'); 'Section 20 - …' names one
_GENERIC_LABEL = re.compile(
    r"\W*(?:definitions?|meaning|glossary|key terms?|note)\W", re.IGNORECASE
)


def is_definition(text: str, term: str | None = None) -> bool:
    """A defining sentence ("X is/means/refers to ...", a glossary entry "X: ..."); with `term`, the
    term must appear in the sentence, before the defining words when there are any."""
    sentence = " ".join(text.split())
    lower = sentence.lower()
    words = _term_words(term) if term is not None else ()
    if term is not None and (not words or not all(w in lower for w in words)):
        return False  # the term's words first: a substring test is cheaper than the patterns
    match = _DEFINING.search(sentence)
    if not match:
        return False
    if term is None:
        return True
    if not all(re.search(rf"\b{re.escape(w)}", lower) for w in words):
        return False
    at = lower.find(words[0])
    if _PURPOSE_OF.match(match.group(0)) and words[0] not in match.group(0).lower():
        # 'the purpose of the policy is …' says what the policy is for, not what a term mentioned
        # before it is ('… make it clear what a low-level concern is … and what the purpose of
        # the policy is': trial U)
        return False
    labelled = match.start() == 0 and re.search(r"(?::|–|—| - )\s*\S$", match.group(0))
    if labelled and not _GENERIC_LABEL.match(match.group(0)):
        # a glossary entry defines its label ('Child protection - Part of safeguarding and
        # promoting welfare …' does not define 'safeguarding and promoting welfare')
        return at < match.end()
    copula = _SUBJECT_COPULA.match(lower)
    named_after = copula and re.match(r"(?:the|a|an)\s+", lower[copula.end() :])
    if (
        copula
        and at > copula.start("verb")
        and not (named_after and at == copula.end() + named_after.end())
    ):
        # the sentence's subject is what it defines: 'Child protection is part of safeguarding and
        # promoting the welfare of children and is defined …' defines child protection (but 'An
        # important role in CAF is the lead professional, who …' names it right after the verb)
        return False
    return at <= max(match.start(), 1) + len(term) + 40


# A requirement said outright: 'It is a voluntary approach, requiring the family's consent', 'a
# statutory duty upon teachers … to report', 'is mandatory'
# where a duty stops, said outright ('The duty does not apply …')
_NOT_APPLYING = r"\b(?:duty|duties|requirement|requirements) (?:does|do|will) not apply\b"
_REQUIREMENT = re.compile(
    r"\b(?:is|are)\s+(?:not\s+)?(?:required|voluntary|mandatory|compulsory)\b"
    r"|\ba voluntary (?:approach|process|basis|service|arrangement)\b|\bon a voluntary basis\b"
    r"|\brequir(?:es|ing)\s+(?:the\s+|their\s+|a\s+)?(?:[\w-]+[’']s\s+)?(?:parental\s+|written\s+)?"
    r"(?:consent|permission|agreement)\b"
    r"|\b(?:statutory|legal) duty\b"
    # a permission refused or given outright: 'It is not appropriate for the proprietor to be the
    # designated safeguarding lead.'
    # (not what an assessment weighs: '… must consider whether it is appropriate for the parent
    # carer to provide care')
    r"|(?<!whether )\bit is (?:not |in)?appropriate for\b|\b(?:is|are) not (?:permitted|allowed) to\b"
    # a duty said on its own, in the strongest words: 'Teachers must personally report to the
    # police …', 'has a duty to' (a duty on top, 'must also …', only for '… as well?': has_added_duty)
    r"|\bmust (?:personally|always|never|not)\b|\b(?:has|have) a duty to\b"
    # a right said outright answers 'can they ask …?': '… other practitioners … have the right to
    # request that local authority children's social care convene a conference' (trial BB)
    r"|\b(?:has|have) (?:the|a) right to\b|\b(?:is|are) entitled to\b(?! expect)"
    # a duty named with whom it binds: '… which is a duty on certain public authorities to refer'
    # (not one ended or only proposed: 'no longer a duty on', 'repealed a duty on', 'an intention to
    # create a duty on', review 22)
    r"|(?<!longer )(?<!repealed )(?<!removed )(?<!create )(?<!introduce )(?<!abolished )"
    r"(?<!proposes )(?<!proposed )(?<!longer places )"
    r"\ba duty (?:on|upon) (?:[\w’'-]+ ){1,4}to\b"
    # none, said outright: 'There is no requirement for a school to obtain an enhanced DBS
    # certificate … if …'
    r"|\bthere is no (?:requirement|need|obligation|duty) (?:for|to)\b"
    # ... or 'It is not usually necessary to undertake a DPIA for sharing information on a one-off
    # basis' (trial W: 'do we need a DPIA before sharing …?' led with consent)
    r"|\bit is not (?:usually |normally |generally |always )?(?:necessary|needed|required) (?:to|for)\b"
    r"|\b(?:do|does) not need (?:to\b|(?:their |the |parental )?(?:consent|permission|agreement)\b)"
    # left to someone's choice, said outright: 'It is a matter for individual schools and colleges
    # as to whether they choose to have one or more deputy designated safeguarding leads.'
    r"|\bit is (?:a matter )?for (?:the |each |individual )?[\w ]{1,40}? (?:as to whether|to decide whether)\b"
    # a duty's limit said outright: 'The duty does not apply … where the woman is 18 or over.'
    rf"|{_NOT_APPLYING}",
    _I,
)


_DOES_NOT_APPLY = re.compile(_NOT_APPLYING, _I)


def states_a_limit(text: str) -> bool:
    """The text states where a duty stops: 'unless …', 'only where …', 'The duty does not apply
    … where the woman is 18 or over.'"""
    return bool(_EXCEPTION.search(text) or _DOES_NOT_APPLY.search(text))


# 'do i have to put it in writing as well?': a duty on top of another one, asked ...
_IN_ADDITION_Q = re.compile(r"\b(?:as well|also|too|in addition|on top)\W*$", _I)
# ... is said with 'also': '… must be reported to the MASH by telephone and must also be followed
# up in writing within 24 hours' (trial DD). Not a duty in general: 'must also' holds no limit.
_ADDED_DUTY = re.compile(r"\b(?:must|should|will need to|needs? to|ha(?:s|ve) to) also\b", _I)


def asks_in_addition(question: str) -> bool:
    """The question asks whether something is needed on top of what it tells ('… as well?')."""
    return bool(_IN_ADDITION_Q.search(_plain(question)))


def has_added_duty(text: str) -> bool:
    """The text says a duty comes on top of another ('must also be followed up in writing')."""
    return bool(_ADDED_DUTY.search(text))


def says_outright(text: str) -> bool:
    """A requirement, or its absence, said outright ('is not required', 'there is no requirement
    for', 'it is a matter for individual schools … as to whether'): the answer to 'must I?' itself,
    not a duty with its conditions."""
    return bool(_REQUIREMENT.search(text))


# a rule said in strong words ('The lead practitioner should always be a social worker for child
# protection enquiries'): it holds a duty, but is no requirement or its absence said outright
# ('The designated safeguarding lead … should always be available …' does not answer 'do we have
# to have a deputy?': review 20)
_STRONG_RULE = re.compile(r"\bshould (?:always be (?:a|an|the)\b|never)", _I)


def has_duty(text: str) -> bool:
    """A duty or permission with its limits ("must ... unless", "may share ... without consent
    where"), a requirement said outright ("requiring the family's consent"), or a rule in strong
    words ("should always be")."""
    return bool(
        _DUTY.search(text)
        and _EXCEPTION.search(text)
        or _REQUIREMENT.search(text)
        or _STRONG_RULE.search(text)
    )


def sentence_holds(
    kind: Kind, sentence: str, term: str | None = None, asked: frozenset[str] = frozenset()
) -> bool:
    """Whether one sentence holds the kind of fact asked (`term`: the defined term, if known;
    `asked`: for a who-question, the roles the question names, which do not answer it)."""
    if kind is Kind.TIMESCALE:
        return has_time_expression(sentence)
    if kind is Kind.WHO:
        return has_roles(sentence, asked)
    if kind is Kind.DEFINITION:
        return is_definition(sentence, term)
    if kind is Kind.DUTY:
        return has_duty(sentence)
    if kind is Kind.SIGNS:
        return has_signs(sentence) and (term is None or _names_subject(sentence, term))
    if kind is Kind.AGE:
        return has_age(sentence)
    if kind is Kind.CONTENTS:
        return has_contents(sentence)
    if kind is Kind.QUANTITY:
        return has_quantity(sentence, term)
    if kind is Kind.PROPORTION:
        return has_proportion(sentence)
    if kind is Kind.REASON:
        return has_reason(sentence)
    if kind is Kind.PURPOSE:
        return has_purpose(sentence)
    return False


def _names_subject(text: str, subject: str) -> bool:
    """The text names all of what the signs are asked of: 'indicators … present in CSE' are not the
    signs of child criminal exploitation. Words compared by stem ('criminally exploited' names
    criminal exploitation). Both read through token_set's cache: a retrieval asks this of every
    sentence of its leading passages."""
    wanted = token_set(subject) - _SUBJECT_FILLER
    return bool(wanted) and wanted <= token_set(text)


def passage_holds(kind: Kind, text: str, term: str | None = None) -> bool:
    """Whether any sentence of a passage holds the kind of fact asked; a list introduced by a line
    ending in ':' counts as one sentence with its items, so a split list of roles is seen whole.
    This runs for every leading candidate of every question, so the patterns run once over the
    whole passage and their matches are placed in sentences by position."""
    if kind is Kind.NONE:
        return False
    if kind is Kind.TIMESCALE:
        return has_time_expression(text)
    if kind is Kind.AGE:
        return has_age(text)
    if kind is Kind.CONTENTS:
        return has_contents(text)
    if kind is Kind.QUANTITY:
        return has_quantity(text, term)
    if kind is Kind.PROPORTION:
        return has_proportion(text)
    if kind is Kind.REASON:
        return has_reason(text)
    if kind is Kind.PURPOSE:
        return has_purpose(text)
    if kind in (Kind.DUTY, Kind.WHO):
        return _holds_by_text(kind, text)
    return any(sentence_holds(kind, s, term) for s in split_sentences(text))


# passage_holds runs for the 40 leading candidates of every question, and the same passages lead
# again and again: a duty's or a roles' reading depends on the text alone, so it is kept (a
# who-question's role scan was half of a retrieval's time)
@lru_cache(maxsize=16384)
def _holds_by_text(kind: Kind, text: str) -> bool:
    if kind is Kind.DUTY:
        duties = [m.start() for m in _DUTY.finditer(text)]
        limits = [m.start() for m in _EXCEPTION.finditer(text)] if duties else []
        if not limits:
            return False
        return any(
            any(start <= d < end for d in duties) and any(start <= e < end for e in limits)
            for start, end in _sentence_spans(text)
        )
    if kind is Kind.WHO:
        roles = [(m.start(), _role_key(m.group(0))) for m in _ROLE.finditer(text)]
        if all(_GENERIC_ROLE.match(r) for _, r in roles):
            return False
        if _introduced_list_of_roles(text):
            return True
        for start, end in _sentence_spans(text):
            inside = {r for at, r in roles if start <= at < end}
            specific = {r for r in inside if not _GENERIC_ROLE.match(r)}
            if len(specific) >= 2 or (specific and len(inside) >= 3):
                return True
            if len(specific) == 1 and _RESPONSIBILITY.search(text, start, end):
                return True
        return False
    return False


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of split_sentences() lies in the text."""
    spans, at = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, at)
        if start < 0:  # not a verbatim piece (cannot happen today): no place to put matches
            continue
        spans.append((start, start + len(sentence)))
        at = start + len(sentence)
    return spans


def _introduced_list_of_roles(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for i, line in enumerate(lines[:-1]):
        if line.endswith(":"):
            items = " ".join(lines[i + 1 : i + 8])
            roles = {_role_key(m.group(0)) for m in _ROLE.finditer(items)}
            if len({r for r in roles if not _GENERIC_ROLE.match(r)}) >= 2:
                return True
    return False
