"""Follow-up questions made to stand alone, deterministically (no model).

A follow-up leans on the turn before it: 'who has to be there?', 'and in Wales?', 'what if mum
says no?'. Retrieval needs the question as it would have been asked on its own, with the thing it
refers to written out and the new part first: 'who has to be at a strategy discussion?', 'What is
a strategy discussion in Wales?', 'what if a parent refuses (consent to share information)?'.

The previous turn's *subject* is its question with the question scaffolding ('what is', 'do I
need', 'when should') taken off the front and any second question ('and who provides it?') off
the end. The follow-up's references ('it', 'they', 'there', 'after that') are replaced with it;
a follow-up that only changes the place or group ('and in Wales?', 'what about schools?') is the
previous question with that part changed; a follow-up with nothing to replace carries the subject
in brackets after it.
"""

from __future__ import annotations

import re

from assistant.setting import WALES
from assistant.text import tokenize

# Words a question starts with before it reaches its subject.
QUESTION_WORDS = _SCAFFOLD = frozenset(
    """
what whats what's who whos who's whom when where which why how is are was were be been do does did
can could should would must may might will shall i im i'm we you they a an the my our your need needs
have has had to tell me us about explain define describe please quickly soon long often much many
there it its it's exactly actually really still new any anyone someone somebody get got
""".split()
)
_ARTICLES = frozenset({"a", "an", "the"})
# A second question joined to the first: the subject stops before it.
_SECOND_QUESTION = re.compile(
    r"\s*(?:,|;|\band\b|\bor\b|\bbut\b)\s+(?:who|what|when|where|how|why|which|is|are|does|do|can|should|must)\b.*$",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^\s*(?:(?:and|but|also|so|ok(?:ay)?|then)[\s,]+)*(?:what about|how about)?\b[\s,]*",
    re.IGNORECASE,
)
_ONLY_PLACE = re.compile(
    r"^(?:in|for|at|with|from|by|to)?\s*(?P<what>[\w' -]{2,40}?)\s*[?.!]*$", re.IGNORECASE
)
_PLACES = re.compile(r"\b(?:in\s+)?(?:england|wales|scotland|northern ireland)\b", re.IGNORECASE)
_PRONOUN = re.compile(
    r"\b(it|they|them|this|that|these|those)\b(?!\s+(?:is|are|was|were)\s+(?:a|an|the)\b)"
    # 'what if they refuse?': a person who refuses, says no or agrees, not the thing asked about
    r"(?!\s+(?:refuses?|refused|declines?|says?|said|won'?t|don'?t|do not|does not|doesn'?t|agrees?|"
    r"consents?|objects?|disagrees?|wants?|asks?)\b)",
    re.IGNORECASE,
)
# 'one' standing for the thing asked about before: 'who decides whether one happens?', 'do we need
# one?' (not 'one working day', 'one of the partners')
_ONE = re.compile(
    r"\b(?P<before>whether|if|when|once|until|before|after)\s+one\b(?=\s+(?:is|happens?|takes|"
    r"should|must|can|will|needs?|goes|starts?|ends?)\b)"
    r"|\b(?P<verb>need|needs|have|has|hold|holds|call|calls|convene|arrange|request|start|get)\s+"
    r"one\b(?=\s*[?.!]*\s*$)",
    re.IGNORECASE,
)
_AFTER_THAT = re.compile(
    r"\b(after|before|following|during)\s+(that|this|it|then)\b", re.IGNORECASE
)
_THERE = re.compile(
    r"\b(be|go|attend|attends|attending|present|invited|needed|involved)\s+there\b", re.IGNORECASE
)
# A question ending on a verb whose object it leaves out leans on the turn before: 'does the school
# have to be invited?' (to the strategy discussion just asked about), 'who must attend?'
_ELLIPTICAL_END = re.compile(
    r"\b(?:invited|involved|consulted|told|informed|notified|present|attend|attends|go|come)\s*[?.!]*$",
    re.IGNORECASE,
)
_DEICTIC = re.compile(
    r"\b(it|they|them|their|its|this|that|these|those|there|the same|he|she|him|her)\b"
    # going on with what the question before asked leave for: 'do i need to write anything down if
    # i go ahead?' after 'can i still share if im worried?' (trial DD: asked alone, refused)
    # (at the end only: 'can I share with the GP if we proceed to section 47?' stands alone, and
    # 'is an ICPC required, if so how soon?' asks its own second question, review 24)
    r"|\bif (?:i|we) (?:go ahead|proceed|do so|decide to go ahead)\W*$|^\s*(?:and\s+|but\s+)?if so\b",
    re.IGNORECASE,
)
# An amount of time or age: 'and if it gets to 10 days?' asks the question before ('who chairs the
# strategy meeting when a child has been missing for 7 days?') of another amount (trial DD)
_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_AMOUNT = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{_COUNT_WORDS})[\s-]*(?P<unit>(?:working |calendar )?"
    r"(?:days?|weeks?|months?|years?|hours?|times?)\b(?:[\s-]+olds?\b)?|yo\b|y/o\b)",
    re.IGNORECASE,
)
_STARTS_LIKE_FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|so|what about|how about|what if|what else|why not|how so|is that|does that|do they|"
    r"can they|who else|then what|what then|ok(?:ay)?)\b",
    re.IGNORECASE,
)
# Everyday words for the people and acts the guidance names otherwise.
_COLLOQUIAL = (
    (
        re.compile(
            r"\b(?:(?P<det>the|a|my|his|her|their|our|your)\s+)?(?:mum|mom|mother|dad|father|step-?(?:mum|dad))\b",
            re.IGNORECASE,
        ),
        lambda m: f"{m.group('det') or 'a'} parent",
    ),
    (re.compile(r"\b(?:mums|moms|mothers|dads|fathers)\b", re.IGNORECASE), "parents"),
    (re.compile(r"\bsay no\b", re.IGNORECASE), "refuse"),  # 'what if they say no?'
    (re.compile(r"\bsaid no\b", re.IGNORECASE), "refused"),
    (
        re.compile(
            r"\bsays no\b|\bwon'?t (?:agree|consent|allow it)\b|\bdoes(?:n'?t| not) agree\b|\bobjects\b",
            re.IGNORECASE,
        ),
        "refuses",
    ),
    (re.compile(r"\bthe conference\b", re.IGNORECASE), "the initial child protection conference"),
)
# The subject tells little when it is only these words.
# Verbs a question ends on after its subject ('when should a strategy discussion happen?').
_TRAILING_VERBS = frozenset(
    "happen happens take place start starts end ends held mean means apply applies work works "
    "meet meets occur occurs be done involve involves include includes cover covers "
    # a participle it ends on: 'how often is a child in need plan reviewed?'
    "reviewed completed made shared kept sent updated convened closed agreed signed published "
    "notified recorded".split()
)
# what a question ends on after its subject: '… have to happen', '… be told'
_HAVE_TO_END = re.compile(
    r"\s+(?:(?:has|have|need|needs|got) to \w+|(?:be|been) (?:told|informed|notified|invited|"
    r"held|done|made|given|sent|seen|involved|asked|called|contacted|completed|shared|kept))$",
    re.IGNORECASE,
)

# A topic named before the question: 'private fostering - who has to notify the LA?'
_TOPIC_THEN_QUESTION = re.compile(
    r"^(?P<topic>[^-–—:?]{3,60}?)(?:\s+[-–—]|\s*:)\s+(?:who|what|when|where|how|why|which|is|are"
    r"|does|do|can|should|must|by when)\b",
    re.IGNORECASE,
)
# Who is asking, said first ('HV here - …', 'named nurse - …', 'SBM - …', "i'm a DSL: …"): not what
# the question is about
_ASKER = re.compile(
    r"^(?:i'?m\s+(?:an?\s+|the\s+)?|as\s+(?:an?\s+|the\s+)?)?"
    # no article or preposition in the words before the role: 'allegation against a teacher' and
    # 'referral from the GP' are topics
    r"(?:(?!(?:a|an|the|about|against|from|to|for|with|of|on|by|in|re|regarding)\b)[\w&/'’.-]+\s+){0,3}?"
    r"(?:[\w&/'’.-]+\s+here"
    r"|(?:HV|SW|DSL|DDSL|SENCO|SENDCO|SBM|HT|DHT|AHT|PC|DC|DS|GP|IRO|TA|LSA|PA|FSW|EHP|SLT|BM)"
    r"|[\w-]*(?:worker|manager|mgr|officer|lead|nurse|visitor|teacher|chair|practitioner|reg|registrar"
    r"|head|headteacher|coordinator|co-ordinator|adviser|advisor|carer|member|constable|sergeant|governor"
    r"|proprietor|midwife|doctor|paediatrician|volunteer|coach|assistant))$",
    re.IGNORECASE,
)


def is_asker(text: str, rest: str = "") -> bool:
    """Whether a question's opening before its dash says who asks ('HV here', 'school nurse'),
    given the rest of the question: a role the rest refers back to, with no 'I' or 'we' asking,
    is its topic ('DSL - who appoints them?')."""
    text = text.strip()
    if not _ASKER.match(text):
        return False
    if re.search(r"\bhere$", text, re.IGNORECASE):
        return True
    return not (_REFERS_BACK.search(rest) and not _FIRST_PERSON.search(rest))


_REFERS_BACK = re.compile(r"\b(?:them|they|their|theirs|it|its)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|i've|me|my|we|we're|us|our)\b", re.IGNORECASE)


def without_asker(question: str) -> str:
    """The question without who asks said first ('IRO here - when is …' -> 'when is …',
    'family support worker - mum doesnt want …' -> 'mum doesnt want …')."""
    headed = _SAID_FIRST.match(question.strip())
    if headed and is_asker(headed.group("first"), headed.group("rest")):
        return headed.group("rest")
    return question


# what a question opens with before a dash or colon, and the rest
_SAID_FIRST = re.compile(
    r"^(?P<first>[^-–—:?]{2,60}?)(?:\s+[-–—]|\s*:)\s+(?P<rest>\S.*)$", re.DOTALL
)


# The question asked after a clause that sets its time ('after a strategy discussion decides s47,
# by when does the conference have to happen'): the subject is in the question, not the setting.
# A condition ('if mum refuses consent, can I share?') or a first question ('who attends an ICPC,
# do parents have to be invited?') keeps the subject where it was.
_ASKED_AFTER_A_CLAUSE = re.compile(
    r"^(?:after|before|once|following|since|during)\b[^,;?]*[,;]\s+"
    r"(?P<asked>(?:by when|when|who|what|how|where|which|why|does|do|is|are|can|should|must)\b.*)$",
    re.IGNORECASE,
)
_RESOLVED = re.compile(r"\(([^()]+)\)\s*[?.!]*\s*$")  # what rewrite() added after a question
_POSSESSIVE = re.compile(r"\b(?:its|their)\s+([\w-]+)", re.IGNORECASE)
_PREPOSITIONS = frozenset({"in", "for", "at", "with", "from", "by", "to", "of", "on", "about"})
_VAGUE = frozenset({"thing", "things", "one", "this", "that", "them", "it"})
MAX_FOLLOW_UP_WORDS = 12


# A place named before the question ('in northamptonshire how quickly does …'); not 'in what
# circumstances should …'
_PLACE_FIRST = re.compile(
    r"^(?P<place>(?:in|across)\s+(?:(?!(?:what|which|how|who|when|where|whose|this|that|the|a|an)\b)"
    r"[\w'’-]+\s+){1,2}?,?\s*)(?=(?:by when|who|what|when|where|which|how|does|do|is|are|can|should|"
    r"must)\b)",
    re.IGNORECASE,
)
# 'who attends', 'who chairs', 'who decides whether': the verb a who-question opens with
_WHO_DOES = re.compile(
    r"^(?:who|which (?:agency|agencies|professionals?|practitioners?|roles?))\s+"
    r"(?!(?:is|are|was|were|has|have|does|do|did|can|could|should|must|will|would|may|needs?)\b)"
    r"[a-z]+(?:s|ed)\s+(?=(?:a|an|the|my|our|their|this|that|whether|if|on|to|for|in|at)\b|(?-i:[A-Z]{2,}))",
    re.IGNORECASE,
)


def subject_of(question: str, where: frozenset[str] = frozenset()) -> str:
    """The thing a question is about: 'What is a strategy discussion?' -> 'a strategy discussion'.
    A question this module already resolved names it in brackets at its end: 'do parents have to
    be invited (an initial child protection conference)?'."""
    named = _RESOLVED.search(question)
    if named:
        return named.group(1).strip()
    # who asks, said first, is not what it is about ('HV here - do i need …?')
    text = _question_asked(without_asker(question.strip())).rstrip("?.! ")
    place = _PLACE_FIRST.match(text)
    if place:  # 'in northamptonshire how quickly does a return home interview …': where, then what
        subject = subject_of(text[place.end() :])
        return f"{subject} {place.group('place').strip(' ,')}" if subject else ""
    text = _WHO_DOES.sub("", text)  # 'who attends an ICPC?' is about the ICPC
    headed = _TOPIC_THEN_QUESTION.match(text)
    if headed:  # 'private fostering - who has to notify the LA?': the topic named first
        topic = _subject_words(headed.group("topic"))  # 'what is early help - is it statutory?'
        # a place or a document named first (`where`: 'lambeth - what is MARAC …?', 'kcsie - what
        # checks do we need for contractors …?', trial BB) says where, when the question names its
        # own subject; a topic ('FGM - what are the risk factors?', review 23) is the subject
        if topic and topic.lower() in where:
            asked_of = subject_of(text[headed.end("topic") :].lstrip(" -–—:"))
            if _names_enough(asked_of):
                return f"{asked_of} in {topic}"
        if topic:
            return topic
    asked = _ASKED_AFTER_A_CLAUSE.match(text)
    if asked:  # 'after a strategy discussion decides s47, by when does the ICPC have to happen?'
        clause = re.sub(r"^by\s+", "", asked.group("asked"), flags=re.IGNORECASE)
        subject = _subject_words(clause)
        # … unless the question asked names little or refers back ('…, who decides it?'); an
        # acronym names enough ('…, by when does the ICPC have to happen?')
        if _names_enough(subject):
            return subject
    return _subject_words(text)


# The question asked after a case told first ('northants - child's been missing from home for over
# 24 hrs. by when does the strategy meeting have to happen?'): its last sentence, when that opens
# with a question word, is what the question is about.
_QUESTION_OPENING = (
    r"(?:by when|who|whom|what|when|where|which|why|how|is|are|does|do|did|can|could|should|must"
    r"|will|would|has|have)\b"
)
_ASKED_LAST = re.compile(
    rf"(?:^|[.!?]\s+|,\s+)(?P<asked>{_QUESTION_OPENING}[^.!?]*[?.!]?)\s*$", re.IGNORECASE
)


def _question_asked(text: str) -> str:
    """The last sentence of a question told after its case (the case asks nothing itself), when
    it names enough to be the subject; else the question whole."""
    asked = _ASKED_LAST.search(text)
    if asked is None or asked.start("asked") == 0 or "?" in text[: asked.start("asked")]:
        return text
    told = text[: asked.start("asked")]
    if told.rstrip().endswith(",") and (
        _OPENS_AS_QUESTION.match(without_asker(told)) or len(told.split()) < CASE_TOLD_MIN_WORDS
    ):
        # a first question ('who attends an ICPC, do parents have to be invited?') or a topic
        # ('Private fostering, who has to notify the LA?'), not a case told before the question
        return text
    last = re.sub(r"^by\s+", "", asked.group("asked"), flags=re.IGNORECASE)
    subject = _subject_words(last.rstrip("?.! "))
    # a bare verb ('… can I still share?') is kept: rewrite() then lends the case instead; after a
    # comma the case told is part of one sentence ('Mum refuses, can I still share?'), its subject
    bare = subject.lower() in _BARE_VERBS and not told.rstrip().endswith(",")
    return last if _names_enough(subject) or bare else text


CASE_TOLD_MIN_WORDS = 5  # before a comma, fewer words name a topic ('Private fostering, …')
_OPENS_AS_QUESTION = re.compile(rf"^\s*{_QUESTION_OPENING}", re.IGNORECASE)


def _names_enough(subject: str) -> bool:
    """Two or more words, or an acronym ('the ICPC'), and not a pronoun ('it', 'they')."""
    enough = len(tokenize(subject)) >= 2 or re.search(r"\b[A-Z]{3,}s?\b", subject)
    return bool(enough) and not _PRONOUN.match(subject)


# Verbs a question may end on with nothing after them ('can I still share?'): no subject.
_BARE_VERBS = frozenset(
    "share refer report act proceed continue go stay leave attend visit contact call ring "
    "phone help ask say know".split()
)
# How one reaches someone, before whom: 'how do i get hold of the LADO' is about the LADO.
_CONTACT = re.compile(
    r"^(?:(?:(?:get|got|getting) )?hold of|contact|reach|ring|call|phone|email|speak to|talk to)\s+"
    r"(?=(?i:the|a|an|my|our|your|their)\b|(?-i:[A-Z]))",  # a person or body after it: not 'contact with …'
    re.IGNORECASE,
)


# 'CSC have to hold a strategy meeting': what is held is what the question is about
_ARRANGED = re.compile(
    r"^.*?\b(?:has|have|need|needs|got) to (?:hold|convene|arrange|organise|organize|set up|call|"
    r"book|complete|finish|conclude|submit|write|do|make|start|send|chair|run)\s+(?=\S)",
    re.IGNORECASE,
)


# a question whose subject does the arranging ('when does CSC have to hold a strategy meeting'),
# not one naming what is arranged first ('what checks do we have to do …')
_ASKS_WHEN_OR_WHETHER = re.compile(
    r"^\s*(?:by when|when|how (?:soon|quickly|long)|where|why|does|do|did|must|should|can|will|is|are)\b",
    re.IGNORECASE,
)


_ASKS_WHEN = re.compile(r"^\s*(?:by when|when|how (?:soon|quickly|long))\b", re.IGNORECASE)
# ... or to take place ('when does the core group have to first meet after the ICPC?' is about
# the core group: trial X's 'and who's supposed to lead it?' became '… lead the core group have to
# first meet after the ICPC?'); a verb with an object keeps it ('when does the DSL have to transfer
# the child protection file?' is about the file, review 21)
_HAS_TO_ON = re.compile(
    r"\s+(?:has|have|need|needs|got) to(?:\s+be\s+\w+.*|\s+(?:\w+\s+)?(?:meet|happen|take place|"
    r"start|begin|finish|end|occur|convene|sit|run)\b.*)?$",
    re.IGNORECASE,
)


def _subject_words(text: str) -> str:
    """The subject of one question, its scaffolding and second question taken off."""
    text = _HAVE_TO_END.sub("", _SECOND_QUESTION.sub("", text))
    text = re.sub(r"^by\s+(?=when\b)", "", text, flags=re.IGNORECASE)
    if _ASKS_WHEN_OR_WHETHER.match(text):  # not 'what checks do we have to do on volunteers'
        text = _ARRANGED.sub("", text)
        # 'how quickly does a return home interview have to be done after a kid comes back': what
        # has to be done, not when (not 'does a child have to be seen alone …': that is what is asked)
        if _ASKS_WHEN.match(text):
            cut = _HAS_TO_ON.sub("", text)
            # ('how soon do we need to refer?' names nothing before 'need to')
            if any(_bare(w) not in _SCAFFOLD for w in cut.split()[1:]):
                text = cut
    words = text.split()
    start = 0
    while (
        start < len(words)
        and _bare(words[start]) in _SCAFFOLD
        and _bare(words[start]) not in _ARTICLES
    ):
        start += 1
    # keep one article in front of the noun it introduces ('a strategy discussion'), no preposition
    rest = words[start:]
    while len(rest) > 1 and _bare(rest[0]) in _PREPOSITIONS:
        rest = rest[1:]
    while len(rest) > 1 and _bare(rest[0]) in _ARTICLES and _bare(rest[1]) in _ARTICLES:
        rest = rest[1:]
    # nor the verb or preposition a question ends on ('… happen?', 'what is a plan for?')
    while len(rest) > 1 and _bare(rest[-1]) in _TRAILING_VERBS | _PREPOSITIONS | {"take"}:
        rest = rest[:-1]
    subject = _CONTACT.sub("", " ".join(rest).strip(" ,;:"))
    gets = _GETS.match(subject)
    if gets:  # 'care leavers over 21 still get a personal adviser': the adviser, and for whom
        subject = f"{gets.group('what').strip()} for {gets.group('who').strip()}"
    return subject if tokenize(subject) else ""


# the time asked of something: 'the timescale for an ICPC', 'the deadline for the referral'
_TIME_OF = re.compile(
    r"^(?:the\s+|a\s+)?(?:timescales?|time\s?limits?|time\s?frames?|timeframes?|deadlines?|timing)"
    r"\s+(?:for|of|to)\s+",
    re.IGNORECASE,
)
_WHEN_CLAUSE = re.compile(r"\s+(?:after|before|following|once|from)\s+.*$", re.IGNORECASE)
# who gets what: 'care leavers over 21 still get a personal adviser'
_GETS = re.compile(
    r"^(?P<who>(?:[\w'’-]+\s+){1,5}?)(?:still\s+|also\s+)?"
    r"(?:get|gets|receive|receives|be given|be offered|qualify for|ask for)\s+"
    r"(?P<what>(?:a|an|the|their|any)\s+.+)$",
    re.IGNORECASE,
)


def _thing_timed(subject: str) -> str:
    """What a time was asked of ('the timescale for an ICPC after the strategy discussion' -> 'an
    ICPC'): who is there, or who does it, is asked of the thing, not of its time."""
    timed = _TIME_OF.match(subject)
    if timed is None or not tokenize(subject[timed.end() :]):
        return subject
    return _WHEN_CLAUSE.sub("", subject[timed.end() :])


def _bare(word: str) -> str:
    return re.sub(r"[^\w']", "", word.lower()).replace("’", "'")


_REFUSING = re.compile(
    r"\b(?:refus\w*|says? no|said no|won'?t|doesn'?t (?:want|agree)|disagree\w*|objects?|declin\w*)\b",
    re.IGNORECASE,
)
_WHAT_IF = re.compile(r"^\s*(?:(?:and|but|so|ok(?:ay)?)[\s,]+)?what if\b", re.IGNORECASE)


# a likeness to what was asked before asked for, however long the question ('is there something
# like that for women being sexually exploited …? how do i refer?' after Lambeth's MARAC, trial
# BB), when the question opens with it; not a likeness told ('I've never dealt with anything like
# this before - …', review 23) nor one asked after a case told ('… is there something like that in
# the neglect guidance?', review 23b)
_LIKE_BEFORE = re.compile(
    r"^\s*(?:(?:and|so|ok(?:ay)?|but)\W+)?(?:is there|are there|do (?:you|they|we) have|what about|any)\s+"
    r"(?:something|anything|one|a service|a meeting|a panel|an equivalent) (?:like|similar to) "
    r"(?:that|it)\b(?!\s+before)",
    re.IGNORECASE,
)


def is_follow_up(question: str) -> bool:
    """A short question that leans on the turn before: it starts like a follow-up ('and…', 'what
    about…', 'what if…'), refers back ('it', 'there', 'after that'), or has almost no words of its
    own; or one of any length asking for something like what was asked before."""
    if _LIKE_BEFORE.search(question):
        return True
    headed = _TOPIC_THEN_QUESTION.match(question.strip())
    # where the asker is, said first ("we're in cardiff tho - is it the same in wales?"), is not
    # counted; a topic said first ("private fostering for a 15 yo - does the LA visit them?") is
    said_where = headed and (
        _PLACES.search(headed.group("topic")) or WALES.search(headed.group("topic"))
    )
    asked = question.strip()[headed.end("topic") :] if said_where else question
    if len(asked.split()) > MAX_FOLLOW_UP_WORDS and not (
        _WHAT_IF.match(asked) and _REFUSING.search(asked)
    ):
        return False  # ('what if the parent says no but i think …' refuses what was asked before)
    refers_back = (
        _DEICTIC.search(question) or _ONE.search(question) or _ELLIPTICAL_END.search(question)
    )
    if refers_back or _STARTS_LIKE_FOLLOW_UP.search(question):
        return True
    return len(tokenize(subject_of(question))) <= 1


def _colloquial(text: str) -> str:
    for pattern, plain in _COLLOQUIAL:
        text = pattern.sub(plain, text)
    return text


def _only_place_or_group(rest: str) -> str | None:
    """'in Wales?' / 'for schools?' -> 'in Wales' / 'for schools': a follow-up that only swaps a part."""
    if re.search(
        r"\b(who|what|when|where|how|why|which|is|are|do|does|can|should|must|if)\b",
        rest,
        re.IGNORECASE,
    ):
        return None
    match = _ONLY_PLACE.match(rest)
    if not match or len(match.group("what").split()) > 4:
        return None
    return rest.strip().rstrip("?.! ")


def _swap_into(previous: str, part: str) -> str:
    """The previous question with its place swapped for `part`, or `part` added before the '?'."""
    body = previous.strip().rstrip("?.! ")
    body = _SECOND_QUESTION.sub("", body)
    bare_part = re.sub(r"^(?:in|for|at|with|from|by|to)\s+", "", part, flags=re.IGNORECASE)
    if _PLACES.search(body) and _PLACES.fullmatch(part.strip()):
        body = _PLACES.sub(
            part if part.lower().startswith("in ") else f"in {bare_part}", body, count=1
        )
        return f"{body}?"
    if part.split()[0].lower() in _PREPOSITIONS or body.split()[-1].lower() in _PREPOSITIONS:
        return f"{body} {part}?"
    if _PLACES.fullmatch(f"in {part}"):
        return f"{body} in {part}?"
    return f"{body} for {part}?"


# a follow-up that asks the same of another case: 'and if its amber?', 'what if it's a weekend?'
# ('its' after 'if' is the asker's 'it's', not a possessive)
_IF_IT_IS = re.compile(
    r"^\s*(?:(?:and|but|so|ok(?:ay)?)[\s,]+)*(?:what\s+)?if\s+(?:it['’]?s|it\s+is|it\s+was|"
    r"they['’]?re|they\s+are)\s+(?P<case>[^?.!]{1,40}?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)


_OTHER_CASE_ADDED = re.compile(r",\s*if it is [^,?]{1,40}$", re.IGNORECASE)
_NO_CASE = frozenset({"not", "so", "true", "the case", "that", "this"})


# the verb a yes-or-no question puts after its subject ('do the host parents need DBS checks?'): a
# modal, or 'need' before what is needed (not 'children with complex needs', 'where there is …')
_SUBJECT_ENDS = re.compile(
    r"(?<!\bin)(?<!\bwho)(?<!\bthat)(?<!\bwhich)"
    r"\s+(?:(?:need|needs|require|requires)\s+(?:a|an|the|any|some|to|DBS|consent)\b"
    r"|(?:have to|has to|must|should|can|could|may|might|will|would)\b).*$",
    re.IGNORECASE,
)
# a pronoun standing for the people the question before was about ('one of them'), not the thing
# asked of them ('it', 'this', 'that': review 22b, 'who carries it out?' after 'do children who go
# missing need a return home interview?' is asked of the interview)
_PEOPLE_PRONOUN = frozenset({"they", "them", "these", "those"})


def _noun_phrase(subject: str) -> str:
    """The subject up to the verb a yes-or-no question puts after it; the subject itself when
    nothing would be left."""
    cut = _SUBJECT_ENDS.sub("", subject)
    return cut if tokenize(cut) else subject


def _unit(match: re.Match) -> str:
    """An amount's unit as compared: 'working days' and 'day' alike; an age ('15 yo', '15 year
    olds') is not a number of years ('in care for 2 years', review 24)."""
    unit = re.sub(r"^(?:working|calendar)\s+", "", match.group("unit").lower())
    if unit in ("yo", "y/o") or re.search(r"olds?$", unit):
        return "age"
    return unit.rstrip("s")


# what a follow-up asking the same of another amount says besides the amount: 'and if it gets to
# 10 days?', 'what about a 17 year old?' (not 'and who has to be told after 10 days?': review 24)
_AMOUNT_FILLER = frozenset(
    "and but so ok okay what about how if it its it's gets get reaches goes to a an the for then "
    "after at over is was they are up past beyond on or more longer than".split()
)


def another_amount(question: str, previous: str) -> str | None:
    """The question before asked of the one other amount a short follow-up names ('and if it gets
    to 10 days?' after '… missing for 7 days?' -> '… missing for 10 days?'); None otherwise."""
    if len(question.split()) > MAX_FOLLOW_UP_WORDS or not _STARTS_LIKE_FOLLOW_UP.search(question):
        return None
    new = list(_AMOUNT.finditer(question))
    if len(new) != 1:
        return None
    besides = question[: new[0].start()] + " " + question[new[0].end() :]
    if set(re.findall(r"[a-z']+", besides.lower())) - _AMOUNT_FILLER:
        return None
    old = [m for m in _AMOUNT.finditer(previous) if _unit(m) == _unit(new[0])]
    if len(old) != 1 or old[0].group(0).lower() == new[0].group(0).lower():
        return None
    return previous[: old[0].start()] + new[0].group(0) + previous[old[0].end() :]


def rewrite(question: str, previous: str, where: frozenset[str] = frozenset()) -> str:
    """`question` standing alone, given the standalone form of the question before it (`where`:
    the places and documents' short names a word before a dash may name, lower case)."""
    previous = without_asker(previous)
    amount = another_amount(question, previous)
    if amount is not None:
        return amount
    other_case = _IF_IT_IS.match(question)
    if other_case and other_case.group("case").lower() not in _NO_CASE:
        # the question before, asked of the other case (its own other case, if any, replaced)
        body = _SECOND_QUESTION.sub("", previous.strip().rstrip("?.! "))
        body = _OTHER_CASE_ADDED.sub("", body).rstrip(" ,;")
        return f"{body}, if it is {other_case.group('case')}?"
    subject = subject_of(previous, where)
    if not subject:
        return question
    text = _colloquial(question.strip())
    lead = _LEAD.match(text)
    lead = lead if lead and lead.end() > 0 else None
    rest = text[lead.end() :] if lead else text
    if lead:
        part = _only_place_or_group(rest)
        if part:
            return _swap_into(previous, part)
    if subject.lower() in _BARE_VERBS:
        # the question before asked whether one may act ('… can I still share?'): what it is
        # about is its case, said with it, not the verb a pronoun would be replaced by
        return f"{question.strip().rstrip('?.! ')} ({previous.strip().rstrip('?.! ')})?"
    if _THERE.search(rest) or re.match(r"\s*who\b", rest, re.IGNORECASE):
        subject = _thing_timed(subject)  # ('is it the same in wales?' asks of the time itself)
    resolved = rest
    resolved, n_there = _THERE.subn(lambda m: f"{m.group(1)} at {subject}", resolved, count=1)
    resolved, n_after = _AFTER_THAT.subn(lambda m: f"{m.group(1)} {subject}", resolved, count=1)
    n_pronoun = 0
    # 'them' stands for whom the question before was about, not what it asked of them ('one of them'
    # -> 'one of the host parents', not '… the host parents need DBS checks'); 'it' for the subject
    who = _noun_phrase(subject)
    if not (n_there or n_after):
        resolved, n_pronoun = _POSSESSIVE.subn(
            lambda m: f"the {m.group(1)} of {subject}", resolved, count=1
        )
    if not (n_there or n_after or n_pronoun):
        resolved, n_pronoun = _ONE.subn(
            lambda m: f"{m.group('before') or m.group('verb')} {subject}", resolved, count=1
        )
    if not (n_there or n_after or n_pronoun):
        resolved, n_pronoun = _PRONOUN.subn(
            lambda m: who if m.group(1).lower() in _PEOPLE_PRONOUN else subject, resolved, count=1
        )
    resolved = resolved.strip()
    if not resolved:
        return previous
    if n_there or n_after or n_pronoun:
        return (
            resolved[0].upper() + resolved[1:]
            if resolved[0].islower() and not re.match(r"i\b", resolved)
            else resolved
        )
    # nothing to replace: the new question first, what it is about after it
    # (a follow-up naming half the subject's words names it: 'what if the parent refuses' does not
    # name 'the parents consent to refer a family for early help support')
    named = set(tokenize(subject))
    if 2 * len(named & set(tokenize(resolved))) >= len(named) or named <= _VAGUE:
        return resolved
    end = "?" if resolved.endswith("?") else ""
    return f"{resolved.rstrip('?.! ')} ({subject}){end}"


def standalone(
    question: str, history_questions: list[str], where: frozenset[str] = frozenset()
) -> str:
    """Resolve `question` against the conversation so far (each earlier question resolved in turn;
    `where`: see rewrite)."""
    if not history_questions:
        return question
    previous = history_questions[0]
    for earlier in history_questions[1:]:
        previous = rewrite(earlier, previous, where) if is_follow_up(earlier) else earlier
    return rewrite(question, previous, where) if is_follow_up(question) else question
