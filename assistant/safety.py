"""Safety checks on the question: immediate-risk situations (emergency signposting) and a child's
personal details (warn, and redact before anything is logged or sent to a backend).

Emergency detection must not fire on ordinary procedural questions ("what is a section 47
enquiry?"): a risk word alone is not enough, the question must describe a real child's situation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Harm actually happening or disclosed.
RISK = re.compile(
    r"\b(abus(e|ed|ing)|hit(s|ting)?|beat(s|en|ing)?|hurt(s|ing)?|punch(ed|es)?|kick(ed|s)?|"
    r"burn(s|ed|t)|bruis(e|es|ed|ing)|touch(ed|es|ing) (her|him|them|me)|rap(e|ed)|sexual(ly)? (abused|assaulted)|"
    r"self[- ]?harm(ing|ed)?|cut(s|ting)? (herself|himself|themselves|themself|their|her|his) ?(arms?|wrists?|legs?)?|"
    r"overdos(e|ed)|took (too many|a lot of) (pills|tablets)|suicid(e|al)|kill (herself|himself|themselves|myself)|"
    r"(left|home) alone|alone (at|in the) (home|house|flat)|locked in|no adult|"
    r"(gone |went |is |has gone )?missing|run away|ran away|"
    r"groom(ed|ing)|exploit(ed|ing)|trafficked|county lines|knife|weapon|threaten(ed|s|ing)|"
    r"starv(ed|ing)|not been fed|no food|neglect(ed)?)\b",
    re.IGNORECASE,
)
# The question describes a particular child now, not a hypothetical or a definition.
SITUATION = re.compile(
    r"\b(told me|disclosed( to me)?|has disclosed|just (said|told|disclosed|found|seen|saw)|"
    r"i('ve| have)? (just )?(seen|noticed|found|heard)|i saw|i found|i('m| am) worried|"
    r"right now|tonight|this (morning|afternoon|evening)|today|at the moment|currently|still|"
    r"(my|a|one of my|the) (pupil|student|client|patient|child|son|daughter|niece|nephew|neighbour'?s? (child|kid|son|daughter)) (has|is|was|said|told|came|arrived|hasn't|had)|"
    r"(she|he|they) (said|says|told|has|is|was|came|arrived|hasn't|haven't|won't)|"
    r"(mum|mom|dad|father|mother|stepdad|stepfather|boyfriend|partner|uncle) (hits|hit|beats|hurts|touched|touches|kicked|punched|burned|has)|"
    r"(has|have|had) (gone|been) missing|is missing|isn't answering|not answering|with an older (man|men|boy|male)|"
    r"hasn't (come|been|returned)|since (yesterday|last night|this morning)|"
    r"(is|are|was) (being )?(abused|hit|hurt|left)|help\b)",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"^\s*(what|how|when|who|which|why|where|is|are|does|do|can|should|must|explain|define|describe|list)\b"
    r"[^.?!]*\b(if|when|whether)\b|\b(what is|what are|what does|define|definition of|meaning of|"
    r"difference between|according to|in the guidance|under (the|section))\b",
    re.IGNORECASE,
)
IMMEDIATE = re.compile(
    r"\b(right now|tonight|just (now|told|said|disclosed|took)|at the moment|currently|has (just )?(taken|taken an) overdose|"
    r"took an overdose|is bleeding|unconscious|won't wake|can't wake|alone (at|in) (home|the house|the flat) (now|tonight)|"
    r"(he|she|they)('s| is| are) (still )?(missing|with him|with them|in danger))\b",
    re.IGNORECASE,
)


def describes_emergency(question: str) -> bool:
    """True when the question describes a child at immediate risk."""
    if not RISK.search(question):
        return False
    if IMMEDIATE.search(question):
        return True
    if not SITUATION.search(question):
        return False
    return not HYPOTHETICAL.search(question)


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
