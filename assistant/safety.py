"""Safety checks on the question: immediate-risk situations (emergency signposting) and a child's
personal details (warn, and redact before anything is logged or sent to a backend).

Emergency detection must not fire on ordinary procedural questions ("what is a section 47
enquiry?"): a risk word alone is not enough, the question must describe a real child's situation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Harm actually happening, disclosed or imminent: injuries, abuse by someone named, self-harm and
# poisoning, a young child alone, a missing child with a danger sign, forced marriage or FGM.
ACUTE_HARM = re.compile(
    r"\b(abus(e|ed|ing)|hit(s|ting)?|beat(s|en|ing)?|hurt(s|ing)?|punch(ed|es)?|kick(ed|s)?|slap(ped|s)?|"
    r"strangl\w*|chok(ed|es|ing)|shak(en|ing) (the |a |her |his )?baby|"
    r"burn(s|ed|t)?|bruis(e|es|ed|ing)|marks? on (her|his|their|the)|broken (arm|leg|bone|wrist)|swollen|fracture[ds]?|"
    r"injur(y|ies|ed)|bleeding|stabbed|stab wound|drunk|intoxicated|can barely stand|drive off with|"
    r"touch(ed|es|ing) (her|him|them|me)|rap(e|ed)|sexual(ly)? (abused|assaulted)|indecent|"
    r"self[- ]?harm(ing|ed)?|cut(s|ting)? (herself|himself|themselves|themself|their|her|his) ?(arms?|wrists?|legs?)?|"
    r"overdos(e|ed)|(took|taken|swallowed|had) (too many|a lot of|a load of|loads of|a handful of|some|about \d+|\d+)"
    r" ?(pills|tablets|paracetamol)|suicid(e|al)|kill (herself|himself|themselves|myself)|end (her|his|their) life|"
    r"unconscious|not breathing|won't wake|can't wake|"
    r"(left|home|are|is) alone|alone (at|in the) (home|house|flat)|locked (in|out)|no adult|"
    r"missing|run away|ran away|hasn't (come|been) (back|home)|not come (back|home)|"
    r"cars? with (older|adult) (men|males?)|older (men|man|males?)|trafficked|"
    r"(forced|to) marr(y|iage)|marry (a|an|some)|fgm|cut (her|girls?)|to be cut|"
    r"scared to go home|afraid to go home|frightened to go home|won't go home|threaten(ed|s|ing) to kill|"
    r"cuts (all over|on) (his|her|their) (arms?|wrists?|legs?)|wants? to die|want(s|ed)? to be dead|"
    r"(care|better off) if (i|he|she|they) (died|was dead|were dead|wasn't here)|"
    r"screaming|heard a (loud )?bang|abusive (father|dad|mother|mum|parent|partner|stepdad|home)|"
    r"can'?t leave|cannot leave|won't let (her|him|them) (leave|go)|(men|people) (she|he|they) (doesn't|don't) know|"
    r"knife|weapon|gun)\b",
    re.IGNORECASE,
)
# A particular child, now or very recently: not a hypothetical or a definition.
HERE_AND_NOW = re.compile(
    r"\b(told me|has (just )?(told|shown|said|disclosed)|disclosed( to me)?|just (said|told|disclosed|found|seen|saw|shown|showed|turned up|arrived|come in)|"
    r"(showed|shown) me|i('ve| have)? (just )?(seen|noticed|found|heard)|i saw|i found|"
    r"right now|tonight|this (morning|afternoon|evening)|today|at the moment|currently|still there|"
    r"an hour ago|\d+ (minutes|hours) ago|last night|since (yesterday|last night|this morning)|next week|"
    r"(has|have|had) (come|came|arrived|turned up) (in|to)|came in with|has come in|"
    r"(my|a|an|one of my|our|the) (\w+ )?(pupil|student|client|patient|child|kid|son|daughter|girl|boy|lad|baby|toddler|teenager|"
    r"year \d+s?|\d+[- ]year[- ]old)|"
    r"(she|he|they) (said|says|told|has|is|was|came|arrived|hasn't|haven't|won't)|"
    r"(mum|mom|dad|father|mother|stepdad|stepfather|stepmum|boyfriend|girlfriend|partner|uncle|brother) "
    r"(did|does|hits|hit|beats|hurts|touched|touches|kicked|punched|burned|has)|"
    r"(is|are|was) (being )?(abused|hit|hurt|left)|isn't answering|not answering)\b",
    re.IGNORECASE,
)
# Asking what the guidance says, or about a referral already made: not a call for help now.
PROCEDURAL = re.compile(
    r"^\s*(what|how|when|who|which|why|where|is|are|does|do|can|should|must|explain|define|describe|list)\b"
    r"[^.?!]*\b(if|when|whether)\b|\b(what is|what are|what does|define|definition of|meaning of|signs of|"
    r"difference between|according to|in the guidance|under (the|section)|threshold|thresholds|"
    r"(i('ve| have)|we('ve| have)) (already )?(phoned|called|rung|referred|reported|made a referral)|re-?referred|"
    r"put it in writing|follow[- ]up|timescales?|how common|how often|disagree(s|ment)?|escalat\w+|"
    r"keeps (going missing|running away)|last (year|month|term)|in the past|used to|historic(al)?|"
    # what is notified or reviewed after a serious incident: 'a child died last night, suspected
    # abuse: do we tell the national panel?' (a death alone is not: a sibling may be at risk)
    r"(the|national) panel|rapid reviews?|practice reviews?|serious incident notifications?)\b",
    re.IGNORECASE,
)
# Asking whom to tell about an adult in a position of trust (an allegation against staff: the LADO
# route), as opposed to a child telling of abuse: a procedural question, not a child in danger now.
STAFF_ALLEGED = re.compile(
    r"\b(a|an|the|our|my|one of (our|my|the)|this|that)\s+(\w+\s+)?"
    r"(teacher|teaching assistant|TA|member of staff|staff member|colleague|coach|youth worker|volunteer|childminder|"
    r"nursery (worker|practitioner|nurse)|tutor|lecturer|caretaker|dinner lady|lunchtime supervisor|head ?teacher|"
    r"instructor|scout leader|support worker|residential worker|care worker|foster carer)s?\s+"
    r"(who\s+|that\s+)?(has\s+|had\s+|is\s+|was\s+|allegedly\s+|apparently\s+)?"
    r"(hit|hits|hitting|slapped|slaps|smacked|pushed|shoved|kicked|punched|grabbed|hurt|hurts|shook|threw|restrained|"
    r"assaulted|abused|touched|kissed|groomed|messaged|sent|shouted|swore|bit|pinched|dragged|locked)\b",
    re.IGNORECASE,
)
REPORT_ROUTE = re.compile(
    r"\b(LADO|designated officer|allegations? (against|about)|"
    r"(tell|report|refer|inform|notify|contact|escalate|pass (it|this) (on|to))\b[^.?!]*\b(DSL|designated safeguarding lead|"
    r"head ?teacher|head|principal|governors?|chair of governors|HR|manager|proprietor|trust|ofsted|DBS|TRA|"
    r"teaching regulation agency|police))\b",
    re.IGNORECASE,
)
CHILD_TELLS = re.compile(
    r"\b(told me|has told|have told|disclosed|discloses|says|said|is saying|telling me|scared|frightened|afraid|"
    r"crying|won't go|doesn't want to go)\b",
    re.IGNORECASE,
)


def is_staff_allegation_procedure(question: str) -> bool:
    """'Do I tell the LADO about a teacher who hit a pupil?': whom to tell about an adult who works
    with children, with no child telling of harm in it."""
    return bool(
        STAFF_ALLEGED.search(question)
        and REPORT_ROUTE.search(question)
        and not CHILD_TELLS.search(question)
    )


def is_procedural(question: str) -> bool:
    """Asks what the guidance says, follows up a referral made, or asks whom to tell about staff."""
    return bool(PROCEDURAL.search(question)) or is_staff_allegation_procedure(question)


# Words that make it immediate whatever the framing.
IMMEDIATE = re.compile(
    r"\b(right now|just (now|told|said|disclosed|took|swallowed|shown)|has (just )?(taken|swallowed)|"
    r"an hour ago|\d+ (minutes|hours) ago|took an overdose|bleeding|unconscious|not breathing|won't wake|can't wake|"
    r"alone (at|in) (home|the house|the flat) (now|tonight)|no adult (anywhere|there|present)|"
    r"(he|she|they)('s| is| are) (still )?(missing|with him|with them|in danger)|scared to go home|what now)\b",
    re.IGNORECASE,
)

# Harm told as a pattern over time, not as happening now ('has gone missing 4 times since his
# last review', 'has had bruises on his arms a few times'): a question about what to do about it,
# not a child at immediate risk, unless immediate words are there too.
OVER_TIME = re.compile(
    r"\b(?:\d+|a few|a couple of|several|many|multiple|two|three|four|five|six|lots of) times\b"
    r"|\brepeated(?:ly)?\b|\bsince (?:his|her|their|the) last\b|\bon and off\b"
    r"|\bover (?:the )?(?:past|last) (?:few |couple of )?(?:days|weeks|months|years?|terms?)\b",
    re.IGNORECASE,
)

# ... but a pattern with something happening now is now ('hit him several times this week and he
# is at home with her now', 'self-harmed a few times and wants to kill herself tonight')
NOW = re.compile(
    r"\b(?:now|tonight|today|at the moment|currently|this (?:morning|afternoon|evening))\b"
    r"|\bkill (?:herself|himself|themselves|myself)\b|\bsuicid",
    re.IGNORECASE,
)


def _only_over_time(question: str) -> bool:
    return bool(OVER_TIME.search(question)) and not NOW.search(question)


# Harm in the past of someone now an adult (trial W: 'ex-pupil now 30 has told us she was abused by
# a teacher here when she was a kid' raised the emergency notice): a disclosure of non-recent
# abuse, to be reported, but no child in immediate danger is told of. Adulthood must be said (an
# adult age, 'now an adult', 'an adult has told me'): an ex-pupil may be 15 (review 21).
ADULT_NOW = re.compile(
    r"\bnow (?:an? )?(?:adult|grown[- ]up|(?:aged )?(?:19|[2-9]\d)\b)"
    r"|\ban adult (?:has |who )?(?:told|disclosed|says|said|reported|tells|is telling)\b",
    re.IGNORECASE,
)
PAST_CHILDHOOD = re.compile(
    r"\bwhen (?:s?he|they|i) (?:was|were) (?:a )?(?:kid|child|little|young|younger|at school|in year)"
    r"|\bas a (?:child|kid|teenager|pupil)\b|\b(?:\d+|many|several|some) years ago\b"
    r"|\bin the (?:19|20)?\d0s\b|\bnon[- ]recent\b|\bhistoric(?:al)? (?:abuse|allegations?)\b",
    re.IGNORECASE,
)
# ... but a child, or contact or harm going on, is told of too: '… and that her 6 year old daughter
# is staying with him', '… who still coaches under 10s', '… is threatening to kill her' (review 21)
PRESENT_RISK = re.compile(
    r"\bstill\b|\bstay(?:s|ing)? (?:with|at)\b|\bli(?:ves?|ving) with\b|\blast night\b"
    r"|\bthis (?:week|weekend)\b|\bthreat\w*|\bkill\b"  # ('this morning', 'currently': NOW)
    r"|\b\d{1,2}\s*(?:yo|y/o|years? old|year-old|yr old)\b|\bunder \d+s?\b|\b(?:aged |age )?1[0-7]\b"
    r"|\b(?:her|his|their|my|our) (?:kids?|children|child|sons?|daughters?|baby|babies|grandchild\w*)\b",
    re.IGNORECASE,
)


def told_by_an_adult_of_childhood(question: str) -> bool:
    """An adult telling of abuse in their own childhood, with no child or harm told of now."""
    rest = ADULT_NOW.sub(" ", question)
    return (
        bool(ADULT_NOW.search(question))
        and bool(PAST_CHILDHOOD.search(question))
        and not NOW.search(rest)
        and not PRESENT_RISK.search(rest)
    )


# A general question: starts with a question word and nobody in it is the asker ("who chairs a
# conference about a child with bruises?") - as opposed to "what do I do? she's just told me...".
QUESTION_WORD_FIRST = re.compile(
    r"^\s*(what|how|who|whose|which|when|where|why|is|are|does|do|can|could|should|must|explain|define|describe|list)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)


def is_general_question(question: str) -> bool:
    """A question in which the asker does not appear (no I, we, my, our) and that asks rather than
    tells: about children in general, not about a child in front of someone (review 19: 'is it ok
    to let her go home? 8yo says dad beats her' tells of one)."""
    return (
        not FIRST_PERSON.search(question)
        and not PARTICULAR_CHILD_TELLS.search(question)
        and bool(QUESTION_WORD_FIRST.search(question) or "?" in question)
    )


# a particular child telling of something: '8yo says dad beats her', 'she told me …'
PARTICULAR_CHILD_TELLS = re.compile(
    r"\b(?:\d{1,2}\s*(?:yo|y/?o|yrs? old|years? old)|she|he|this (?:child|boy|girl|pupil|kid))\b"
    r"[^.?!]{0,30}?\b(?:says|said|told|tells|has told|disclosed|discloses)\b",
    re.IGNORECASE,
)


# An area named before the question ('northants - who chairs …', 'in lambeth how quickly …'):
# where it is asked about, which tells nothing of a child (a few words, none of harm or of a person)
_PLACE_FIRST = re.compile(
    r"^\s*(?:(?:in|for)\s+)?(?P<place>[A-Za-z’']+(?:\s+[A-Za-z’']+){0,2}?)"
    r"(?:\s*[-–—:]\s+|\s+(?=(?:what|how|when|who|which|why|where|is|are|does|do|can|should|must|by when)\b))",
    re.IGNORECASE,
)
_SOMEONE = re.compile(
    r"\b(?:i|my|our|we|his|her|their|he|she|they|child|children|kid|kids|baby|boy|girl|son|daughter|"
    r"pupil|student|mum|dad|parent|carer|young|teen\w*|year|old|"
    # nor urgency, a role or a body: 'urgent -', 'DSL here -', 'ofsted -', 'safeguarding concern -'
    r"urgent|help|emergency|asap|now|here|concern|safeguarding|dsl|cyp|ofsted|nursery|toddler)\b",
    re.IGNORECASE,
)


def without_place_first(question: str) -> str:
    """The question without an area named before it ('northants - who chairs …?' -> 'who chairs
    …?'); as it is when the words before it name harm or a person ('missing child - what do I do')."""
    match = _PLACE_FIRST.match(question)
    if match is None:
        return question
    place = match.group("place")
    if ACUTE_HARM.search(place) or _SOMEONE.search(place) or QUESTION_WORD_FIRST.match(place):
        return question
    if not re.search(r"[-–—:]", match.group(0)) and not re.match(
        r"\s*(?:in|for)\s", question, re.I
    ):
        return (
            question  # 'northants who …' without a dash or 'in' is not told apart from a sentence
        )
    return question[match.end() :]


def describes_emergency(question: str) -> bool:
    """True when the question describes a particular child at immediate risk.

    Acute harm (an injury, abuse by someone, self-harm or poisoning, a young child alone, a missing
    child, forced marriage or FGM) must be present. Then: some words are immediate on their own
    ("an hour ago", "bleeding", "scared to go home"); a question in which the asker does not
    appear (no I, we, my, our) is a general one, not an emergency; otherwise a situation told as a statement, or a here-and-now one,
    is, unless the question only asks what the guidance says, tells of harm as a pattern over time
    ('missing 4 times since his last review'), follows up a referral made, or asks whom
    to tell about an adult who works with children (the LADO route) without a child telling of harm,
    or asks what is notified or reviewed after a serious incident (the panel, a rapid review)."""
    if not ACUTE_HARM.search(question):
        return False
    if IMMEDIATE.search(question):
        return True
    # an area named first ('northants - who chairs …') leaves the question it asks to be read as
    # procedural; whether a situation is told is read from the question whole (review
    # 19: 'croydon - what do i do, 5 yo has a burn on the arm' is one), and a child telling of harm
    # keeps it a situation whatever opens it ('lambeth - who do i call when a 9 year old says …')
    asked = question if CHILD_TELLS.search(question) else without_place_first(question)
    if (
        is_general_question(question)
        or is_procedural(asked)
        or _only_over_time(question)
        or told_by_an_adult_of_childhood(question)
    ):
        return False
    return bool(
        HERE_AND_NOW.search(question) or PARTICULAR_CHILD_TELLS.search(question)
    ) or not QUESTION_WORD_FIRST.search(question)


# --- personal data ------------------------------------------------------------------------
# What practitioners type about a child: a name next to "dob"/"d.o.b."/"born" or a date, a full name
# with an age ("Jayden Smith, 7"), dates of birth as 14/03/2017, 14.3.17 or 14 March 2017, NHS
# numbers, addresses, UK postcodes, personal phone numbers and e-mail addresses. Guidance vocabulary
# is left alone: "Working Together 2023", "section 47", "within 15 working days", "paragraph 4.3.17",
# "999" and freephone or non-geographic numbers (0800, 0808, 03..) such as helplines.

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_NUMERIC_DATE = r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})(?!\d)"
_WRITTEN_DATE = (
    rf"\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+(?:\d{{4}}|'?\d{{2}})(?!\d)"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)"
)
_DOB_WORD = r"(?:dob|d\.\s?o\.\s?b\.?|date of birth|birth\s?date|born(?:\s+on)?(?:\s+the)?)"
# A date said to be a birth date ("dob 14.3.17", "born 14 March 2017", "born in March 2017"), or
# a numeric date that cannot be a paragraph number (a four-digit year, or slashes).
DATE_OF_BIRTH = re.compile(
    rf"(?i:\b(?P<key>{_DOB_WORD})(?P<sep>\s*(?:is|was|:|-|=)?\s*)"
    rf"(?:{_NUMERIC_DATE}|{_WRITTEN_DATE}|(?:in\s+)?{_MONTH}\s+\d{{4}}(?!\d)))"
    r"|\b\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:19|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2}\b"
)
_CAPITALISED = r"[A-Z][A-Za-z'’-]*[a-z]"
_FULL_NAME = rf"(?P<name>{_CAPITALISED}(?: {_CAPITALISED}){{1,2}})\b(?:['’]s)?"
# Any date straight after a full name: "Jayden Smith, 14 March 2017".
NAME_THEN_DATE = re.compile(
    rf"\b{_FULL_NAME}(?P<sep>[\s,(]+)(?P<date>(?i:{_NUMERIC_DATE}|{_WRITTEN_DATE}))"
)
# d.m.yy without a birth word is a date unless a reference word comes before it ("paragraph 4.3.17").
SHORT_DATE = re.compile(r"(?<![\w.§])(?P<d>\d{1,2})[.-](?P<m>\d{1,2})[.-]\d{2}(?!\w|[.-]\d)")
REFERENCE_BEFORE = re.compile(
    r"\b(?:paragraphs?|paras?|sections?|ss?|chapters?|annex(?:es)?|parts?|steps?|figures?|fig|tables?|appendix|"
    r"clauses?|regulations?|reg|rules?|versions?|v|pages?|pp?|schedules?|articles?|art|and|to|or)\.?\s*$",
    re.IGNORECASE,
)
# A full name (two or three capitalised words) given with an age: "Jayden Smith, 7", "(7)",
# "aged 7", "7 years old".
NAME_WITH_AGE = re.compile(
    rf"\b{_FULL_NAME}(?:\s*[,(]\s*(?:aged?\s+)?|\s+aged?\s+|\s+(?=\d{{1,2}}\s*(?:years?[- ]old|yrs?\b|y/?o\b)))"
    r"(?P<age>\d{1,2})(?=\s*(?:years?|yrs?|y/?o)\b|[^\w.%]|\.(?!\d)|$)"
)
# A full name just before what identifies a person: "Jayden Smith's NHS number", "Jayden Smith, address".
NAME_THEN_LABEL = re.compile(
    rf"\b{_FULL_NAME}\s*[,(:–-]?\s*(?i:dob|d\.\s?o\.\s?b|date of birth|born|aged?|nhs|address|postcode|"
    r"phone|mobile|tel|telephone|e-?mail|lives)\b"
)
# A first name alone with an age ("Jayden, aged 7"): a name only beside other personal details.
FIRST_NAME_WITH_AGE = re.compile(rf"\b({_CAPITALISED})(?=['’]?s?,?\s*\(?\s*aged? \d)")
LOOK_BEHIND = 80  # characters before a date searched for its name or reference word
# Up to three words just before a birth date ("Jayden Smith dob", "jayden smith's d.o.b. is").
NAME_BEFORE = re.compile(
    r"((?:[A-Za-z][A-Za-z'’-]*[A-Za-z]\s+){0,2}[A-Za-z][A-Za-z'’-]*[A-Za-z])(?:['’]s)?[\s,:;(–-]*$"
)
NHS_NUMBER = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
# Personal UK numbers: geographic (01, 02) and mobile (07), written with 0 or +44. Freephone,
# non-geographic and premium numbers (0800, 0808, 03.., 08.., 09..), 999, 111 and 116 123 are
# services, not people.
PHONE = re.compile(
    r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)[127](?:[\s-]?\)?[\s-]?\d){8,9}(?![\d-])"
)
EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+\b"
)  # each run read once
# An inward code's letters exclude C I K M O V (so "3pm" is not one); "1st", "2nd" are ordinals.
# Typed in lower case ("nn1 2ab") a postcode needs its space; in capitals it may go without.
POSTCODE = re.compile(
    r"\b(?:(?i:[A-Z]{1,2}\d[A-Z\d]?) \d(?!(?:st|nd|rd|th)\b)(?i:[ABD-HJLNP-UW-Z]{2})|[A-Z]{1,2}\d[A-Z\d]?\d[ABD-HJLNP-UW-Z]{2})\b"
)
ADDRESS = re.compile(
    r"\b\d{1,4}[a-z]? [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Hill)\b"
)
# Words that are not names: function words, people's roles, and the guidance's own vocabulary.
_NOT_NAMES = frozenset(
    """
a an the my our your his her their its this that these those some any each every no
i me we us you he she they him them it who whom whose which what when where why how
is was are were be been being am has have had do does did can could should would must may might will shall
and or but if so as at by for from in into of on onto to with without about above after before
re regarding named called child children kid kids pupil pupils student students client clients patient
boy girl son daughter baby toddler infant teenager young person people year old aged age sibling brother sister
mum mom mother dad father parent parents carer carers stepdad stepfather stepmum family
date birth dob born
working together keeping safe education act care social national framework safeguarding partners partner
procedures wales welsh england english local authority authorities council government department health
police part annex chapter section schedule paragraph appendix table figure step key stage level tier
information sharing advice hubs start life guidance statutory protection plan conference court order review
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday kcsie lado dsl nhs
north south east west midlands yorkshire humber london principles
""".split()
)


@dataclass(frozen=True)
class PersonalData:
    kinds: tuple[str, ...]
    redacted: str

    @property
    def found(self) -> bool:
        return bool(self.kinds)


def _as_name(words: list[str]) -> str:
    """The words as a name, leading function and role words dropped; '' if any other is one."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    return "" if not words or any(w.lower() in _NOT_NAMES for w in words) else " ".join(words)


def _names(text: str) -> list[str]:
    """Names next to a birth date (typed in any case), full names before a date or with an age."""
    names = []
    for m in DATE_OF_BIRTH.finditer(text):
        before = NAME_BEFORE.search(text[max(0, m.start() - LOOK_BEHIND) : m.start()])
        name = _as_name(before.group(1).split()) if before else ""
        if m["key"] or re.fullmatch(rf"{_CAPITALISED}(?: {_CAPITALISED})+", name):
            names.append(name)
    names += [_as_name(m["name"].split()) for m in NAME_THEN_DATE.finditer(text)]
    names += [_as_name(m["name"].split()) for m in NAME_THEN_LABEL.finditer(text)]
    names += [
        _as_name(m["name"].split()) for m in NAME_WITH_AGE.finditer(text) if int(m["age"]) <= 25
    ]
    return [n for n in names if n]


def _short_date(m: re.Match[str]) -> str:
    is_date = (
        1 <= int(m["d"]) <= 31
        and 1 <= int(m["m"]) <= 12
        and not REFERENCE_BEFORE.search(m.string[max(0, m.start() - LOOK_BEHIND) : m.start()])
    )
    return "[DATE]" if is_date else m[0]


def _date_after_name(m: re.Match[str]) -> str:
    return m[0][: m.start("date") - m.start()] + "[DATE]" if _as_name(m["name"].split()) else m[0]


def find_personal_data(text: str) -> PersonalData:
    """Find and redact personal details: a name (next to a birth date, or a full name with a date or
    an age), date of birth, NHS number, address, postcode, phone number, e-mail address."""
    kinds: list[str] = []
    redacted = text

    def sub(pattern: re.Pattern[str], label, kind: str) -> None:
        nonlocal redacted
        replaced = 0

        def replace(m: re.Match[str]) -> str:
            nonlocal replaced
            new = label(m) if callable(label) else label
            replaced += new != m[0]
            return new

        redacted = pattern.sub(replace, redacted)
        if replaced and kind not in kinds:
            kinds.append(kind)

    names = _names(text)
    sub(EMAIL, "[EMAIL]", "email address")
    sub(
        DATE_OF_BIRTH,
        lambda m: f"{m['key']}{m['sep']}[DATE OF BIRTH]" if m["key"] else m[0],
        "date of birth",
    )
    sub(DATE_OF_BIRTH, "[DATE]", "date")  # the dates left have no birth word
    sub(NAME_THEN_DATE, _date_after_name, "date")
    sub(SHORT_DATE, _short_date, "date")
    sub(PHONE, "[PHONE]", "phone number")
    sub(NHS_NUMBER, "[NHS NUMBER]", "NHS number")
    sub(ADDRESS, "[ADDRESS]", "address")
    sub(POSTCODE, "[POSTCODE]", "postcode")
    if kinds:
        names += [n for n in (_as_name([m[1]]) for m in FIRST_NAME_WITH_AGE.finditer(text)) if n]
    if names:
        for name in sorted(set(names), key=len, reverse=True):
            redacted = re.sub(
                rf"(?<![\w\[]){re.escape(name)}(?![\w\]])", "[NAME]", redacted, flags=re.IGNORECASE
            )
        parts = {w for name in names for w in name.split() if len(w) > 1}
        for part in sorted(parts, key=len, reverse=True):  # "Jayden" alone later in the question
            redacted = re.sub(rf"(?<![\w\[]){re.escape(part)}(?![\w\]])", "[NAME]", redacted)
        kinds.insert(0, "name")
    return PersonalData(tuple(kinds), redacted)


def redact(text: str) -> str:
    """The text as it may be kept: personal details replaced by placeholders such as [NAME]."""
    return find_personal_data(text).redacted if text else text


# --- prompt injection ---------------------------------------------------------------------

INJECTION = re.compile(
    r"\b(ignore|disregard|forget) (all |any |your |the |previous |prior |above )*(instructions|rules|prompts?)\b|"
    r"\b(system prompt|you are now|act as|pretend to be|new instructions)\b",
    re.IGNORECASE,
)


def looks_like_injection(text: str) -> bool:
    """A sentence that addresses the assistant rather than the reader: never quoted or obeyed."""
    return bool(INJECTION.search(text))
