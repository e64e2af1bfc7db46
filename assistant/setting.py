"""Where a question comes from: the nation it names, the setting it is asked from, and which
guidance is written for schools.

A practitioner often says where they work ('HV here', 'manager of a children's home', 'GP -').
Said as who asks, at the opening or after 'I'm a', it is the setting; the same words inside the
question ('when should the police be involved?') are what it is about.
Keeping children safe in education answers a school's questions; asked from another setting, its
paragraphs on allegations against staff or child-on-child abuse are near in words but not the
guidance that applies, so retrieval and the answer's sentence order put them after guidance for
everyone."""

from __future__ import annotations

import re

from assistant.text import split_sentences
from assistant.types import Chunk

# A question about Wales names it, a Welsh council area or a town (Welsh guidance differs).
WALES = re.compile(
    r"\b(wales|welsh|cymru|gwent|cardiff|swansea|powys|gwynedd|ceredigion|anglesey|pembrokeshire|carmarthenshire|wrexham|denbighshire|flintshire|conwy|bridgend|caerphilly|rhondda|merthyr|torfaen|monmouthshire|newport|vale of glamorgan|neath port talbot|blaenau gwent|cwm taf)\b",
    re.IGNORECASE,
)
# An Act's sections for England and those doing the same in Wales, by the Act's title: 'section 11
# … in Wales?' is answered by section 28
WELSH_COUNTERPARTS = {"Children Act 2004": {"10": "25", "11": "28", "12": "29", "13": "31"}}
ENGLAND = re.compile(r"\b(england|(?<!plain )english(?! language))\b", re.IGNORECASE)
OTHER_SETTING = re.compile(
    r"\b(?:health visitors?|HVs?|GPs?|(?:practice |school )?nurses?|midwi(?:fe|ves)|hospitals?"
    r"|paramedics?|police|PCSOs?|children'?s homes?|residential|resi|foster(?:ing)? carers?"
    r"|social workers?|SWs?|youth workers?|youth offending|YOTs?|family hubs?|probation"
    r"|nurser(?:y|ies)|early years|childminders?)\b",
    re.IGNORECASE,
)
SCHOOL_ASKED = re.compile(
    r"\b(?:schools?|colleges?|pupils?|students?|teachers?|DSLs?|designated safeguarding leads?"
    r"|head ?teachers?|governors?|governing|classroom|academ(?:y|ies)|SENCOs?|KCSIE|education"
    r"|(?:year|yr) ?\d{1,2})\b",
    re.IGNORECASE,
)
SCHOOL_DOCUMENT = re.compile(r"\b(?:in education|schools?|colleges?)\b", re.IGNORECASE)


# where a question says who asks: its opening words before a dash, colon, comma or 'here'
# ('GP -', 'HV here:', 'manager of a children's home -'), not a question of its own ('when should
# the police be involved, and …'); or after 'I'm a', 'as a', 'I work in'
ASKER_OPENING = re.compile(
    r"^\s*(?!(?:what|when|where|who|why|how|which|can|could|do|does|is|are|should|must|would|will)\b)"
    r"(?P<who>[^:,.?]{1,50}?)(?:\s+here\b\s*[-–—:,]?|\s+[-–—]|\s*[:,])\s+(?=\S)",
    re.IGNORECASE,
)
SAYS_WHO_ASKS = re.compile(
    r"\b(?:i'?m|i am|as|we'?re|we are|i work|we work)\s+(?:in |at |for |with )?(?:an? |the )?$",
    re.IGNORECASE,
)
# the asker's own workplace: 'does our GP practice need …' (trial N), 'in our nursery'; not 'our
# GP' or 'our social worker', someone the asker works with (review 17)
OUR_WORKPLACE = re.compile(
    r"\bour\s+(?:(?:GP|health visiting|police|youth|early years|social work|foster(?:ing)?)\s+"
    r"(?:practice|surgery|team|service|station|setting|unit|hub|club|agency)s?"
    r"|children'?s homes?|residential (?:home|setting|unit)s?|nurser(?:y|ies)|family hubs?"
    r"|hospital|ward|childminding (?:setting|business))\b",
    re.IGNORECASE,
)


def asker_opening(question: str) -> re.Match | None:
    """The question's opening words that may say who asks ('who'), up to the dash, colon, comma
    or 'here' after them (`match.end()`); None when it opens otherwise."""
    return ASKER_OPENING.match(question)


def asked_outside_school(question: str) -> bool:
    """The question says it comes from another setting (said as who asks: 'GP -', 'HV here',
    'I'm a social worker'; not 'when should the police be involved …?') and names no school."""
    if SCHOOL_ASKED.search(question):
        return False
    opening = asker_opening(question)
    if opening and OTHER_SETTING.search(opening.group("who")):
        return True
    if OUR_WORKPLACE.search(question):
        return True
    return any(
        SAYS_WHO_ASKS.search(question[: m.start()]) for m in OTHER_SETTING.finditer(question)
    )


def for_schools(chunk: Chunk) -> bool:
    """Guidance written for schools and colleges, by its title ('Keeping children safe in
    education')."""
    return bool(SCHOOL_DOCUMENT.search(chunk.title))


# a passage that says its rule holds in Wales too ('… professionals in England and Wales', '…
# ICBs in England, and Local Health Boards in Wales'), not one saying it does not ('It does not
# apply in Wales', 'Separate guidance applies in Wales')
# 'England and Wales', and the longer lists: 'This guidance applies in England, Wales and Northern
# Ireland' (trial EE: KCSIE's Annex E was called England's alone for a question about Wales)
BOTH_NATIONS = re.compile(
    r"\b(?:England(?:,\s*|\s+and\s+)(?:Scotland(?:,\s*|\s+and\s+))?Wales"
    r"|Wales(?:,\s*|\s+and\s+)(?:Scotland(?:,\s*|\s+and\s+))?England)\b",
    re.IGNORECASE,
)
IN_WALES = re.compile(r"\bin Wales\b", re.IGNORECASE)
NOT_WALES = re.compile(r"\b(?:not|separate|different|own|excluding|except)\b", re.IGNORECASE)


def for_england_only(chunk: Chunk) -> bool:
    """The passage applies to England alone: its document or Act's part is England's (ingest
    narrows an Act's part or section), and none of its sentences says its rule holds in Wales as
    well (KCSIE's 'regulated health and social care professionals in England and Wales' on the
    FGM duty)."""
    if chunk.jurisdiction.lower() != "england":
        return False
    return not any(
        BOTH_NATIONS.search(s) or (IN_WALES.search(s) and not NOT_WALES.search(s))
        for s in split_sentences(chunk.text)
    )
