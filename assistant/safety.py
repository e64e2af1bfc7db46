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
    r"keeps (going missing|running away)|last (year|month|term)|in the past|used to|historic(al)?)\b",
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
    return bool(STAFF_ALLEGED.search(question) and REPORT_ROUTE.search(question) and not CHILD_TELLS.search(question))


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


# A general question: starts with a question word and nobody in it is the asker ("who chairs a
# conference about a child with bruises?") - as opposed to "what do I do? she's just told me...".
QUESTION_WORD_FIRST = re.compile(
    r"^\s*(what|how|who|whose|which|when|where|why|is|are|does|do|can|could|should|must|explain|define|describe|list)\b",
    re.IGNORECASE,
)
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|me|my|we|we're|we've|us|our)\b", re.IGNORECASE)


def is_general_question(question: str) -> bool:
    """A question in which the asker does not appear (no I, we, my, our) and that asks rather than
    tells: about children in general, not about a child in front of someone."""
    return not FIRST_PERSON.search(question) and bool(QUESTION_WORD_FIRST.search(question) or "?" in question)


def describes_emergency(question: str) -> bool:
    """True when the question describes a particular child at immediate risk.

    Acute harm (an injury, abuse by someone, self-harm or poisoning, a young child alone, a missing
    child, forced marriage or FGM) must be present. Then: some words are immediate on their own
    ("an hour ago", "bleeding", "scared to go home"); a question in which the asker does not
    appear (no I, we, my, our) is a general one, not an emergency; otherwise a situation told as a statement, or a here-and-now one,
    is, unless the question only asks what the guidance says, follows up a referral made, or asks whom
    to tell about an adult who works with children (the LADO route) without a child telling of harm."""
    if not ACUTE_HARM.search(question):
        return False
    if IMMEDIATE.search(question):
        return True
    if is_general_question(question) or is_procedural(question):
        return False
    return bool(HERE_AND_NOW.search(question)) or not QUESTION_WORD_FIRST.search(question)


# --- personal data ------------------------------------------------------------------------

NHS_NUMBER = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
DATE_OF_BIRTH = re.compile(
    r"\b(?:(?:dob|d\.o\.b\.?|date of birth|born(?: on)?)\s*:?\s*)"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? [A-Z][a-z]+ \d{4})"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
ADDRESS = re.compile(
    r"\b\d{1,4}[a-z]? [A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|Terrace|Grove|Hill)\b"
)
NAME_BEFORE_DOB = re.compile(
    r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?=,?\s*\(?\s*(?i:dob|d\.o\.b|date of birth|born|aged \d|age \d))",
)
_NOT_NAMES = frozenset({"The", "A", "An", "My", "Our", "Child", "Pupil", "She", "He", "They", "Her", "His", "Is", "Was"})


@dataclass(frozen=True)
class PersonalData:
    kinds: tuple[str, ...]
    redacted: str

    @property
    def found(self) -> bool:
        return bool(self.kinds)


def find_personal_data(text: str) -> PersonalData:
    """Find and redact a child's identifying details: NHS number, date of birth, address, name."""
    kinds: list[str] = []
    redacted = text

    def sub(pattern: re.Pattern[str], label: str, kind: str) -> None:
        nonlocal redacted
        redacted, n = pattern.subn(label, redacted)
        if n:
            kinds.append(kind)

    names = [m.group(1) for m in NAME_BEFORE_DOB.finditer(text) if m.group(1).split()[0] not in _NOT_NAMES]
    sub(DATE_OF_BIRTH, "[DATE OF BIRTH]", "date of birth")
    sub(NHS_NUMBER, "[NHS NUMBER]", "NHS number")
    sub(ADDRESS, "[ADDRESS]", "address")
    sub(POSTCODE, "[POSTCODE]", "postcode")
    if names and kinds:
        for name in names:
            redacted = re.sub(rf"\b{re.escape(name)}\b", "[NAME]", redacted)
        kinds.insert(0, "name")
    return PersonalData(tuple(kinds), redacted)


# --- prompt injection ---------------------------------------------------------------------

INJECTION = re.compile(
    r"\b(ignore|disregard|forget) (all |any |your |the |previous |prior |above )*(instructions|rules|prompts?)\b|"
    r"\b(system prompt|you are now|act as|pretend to be|new instructions)\b",
    re.IGNORECASE,
)


def looks_like_injection(text: str) -> bool:
    """A sentence that addresses the assistant rather than the reader: never quoted or obeyed."""
    return bool(INJECTION.search(text))
