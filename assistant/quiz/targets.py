"""What a quiz item can test in a sentence of guidance: the phrase to blank out (an agency or role,
a timescale, a legal reference, a process, a threshold, a count, an age or the duty word) and
which other phrases are the same kind of thing, so distractors are plausible but wrong.

Pure functions over text; the phrases distractors are drawn from are found in the index by
generate.py. Nothing here reads the index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.text import STOPWORDS

APOS = "['’]"


@dataclass(frozen=True)
class Phrase:
    """A kind of thing a sentence can name, with the family it belongs to: phrases of one family
    (or of families that overlap, such as the safeguarding partners and the police) are never
    offered as distractors for each other, because both could be right."""

    pattern: str
    kind: str
    family: str
    number: str  # "s" singular, "p" plural: distractors agree with the verb that follows
    display: str  # how the phrase reads when offered as a distractor


def _p(pattern: str, kind: str, family: str, number: str, display: str) -> Phrase:
    return Phrase(pattern, kind, family, number, display)


# Longest and most specific first: matching takes the first phrase that fits at a position.
PHRASES: tuple[Phrase, ...] = (
    # agencies and roles
    _p(
        r"(?:the )?lead safeguarding partners",
        "agency",
        "partnership",
        "p",
        "the lead safeguarding partners",
    ),
    _p(
        r"(?:the )?(?:three )?safeguarding partners",
        "agency",
        "partnership",
        "p",
        "the safeguarding partners",
    ),
    _p(
        r"(?:the )?local authority designated officer(?: \(LADO\))?|(?:the )?LADO",
        "agency",
        "lado",
        "s",
        "the local authority designated officer (LADO)",
    ),
    _p(
        rf"local authority children{APOS}s social care",
        "agency",
        "la",
        "s",
        "local authority children’s social care",
    ),
    _p(
        rf"local authority children{APOS}s services",
        "agency",
        "la",
        "p",
        "local authority children’s services",
    ),
    _p(rf"children{APOS}s social care", "agency", "la", "s", "children’s social care"),
    _p(
        rf"(?:the )?director of children{APOS}s services",
        "agency",
        "la",
        "s",
        "the director of children’s services",
    ),
    _p(r"local authorities", "agency", "la", "p", "local authorities"),
    _p(r"(?:the )?local authority", "agency", "la", "s", "the local authority"),
    _p(
        r"(?:the )?chief officers? of police",
        "agency",
        "police",
        "s",
        "the chief officer of police",
    ),
    _p(r"police forces", "agency", "police", "p", "police forces"),
    _p(r"the police", "agency", "police", "p", "the police"),
    _p(
        r"integrated care boards(?: \(ICBs\))?|ICBs",
        "agency",
        "icb",
        "p",
        "integrated care boards (ICBs)",
    ),
    _p(
        r"(?:the )?integrated care board(?: \(ICB\))?",
        "agency",
        "icb",
        "s",
        "the integrated care board",
    ),
    _p(
        r"(?:the )?designated safeguarding leads?(?: \(DSLs?\))?",
        "agency",
        "dsl",
        "s",
        "the designated safeguarding lead",
    ),
    _p(
        r"(?:the )?designated safeguarding children professional",
        "agency",
        "dscp",
        "s",
        "the designated safeguarding children professional",
    ),
    _p(r"(?:the )?headteachers?|(?:the )?principals?", "agency", "head", "s", "the headteacher"),
    _p(
        r"governing bodies and proprietors|proprietors and governing bodies",
        "agency",
        "governors",
        "p",
        "governing bodies and proprietors",
    ),
    _p(r"(?:the )?governing body", "agency", "governors", "s", "the governing body"),
    _p(r"schools and colleges", "agency", "schools", "p", "schools and colleges"),
    _p(r"early years providers", "agency", "early_years", "p", "early years providers"),
    _p(r"(?:the )?lead practitioner", "agency", "lead_practitioner", "s", "the lead practitioner"),
    _p(r"(?:the )?Secretary of State", "agency", "sos", "s", "the Secretary of State"),
    _p(
        r"(?:the )?(?:National )?Child Safeguarding Practice Review Panel",
        "agency",
        "panel",
        "s",
        "the Child Safeguarding Practice Review Panel",
    ),
    _p(r"Ofsted", "agency", "ofsted", "s", "Ofsted"),
    _p(
        r"(?:the )?Information Commissioner{APOS}s Office(?: \(ICO\))?|the ICO",
        "agency",
        "ico",
        "s",
        "the Information Commissioner’s Office (ICO)",
    ),
    _p(r"(?:the |a )?Data Protection Officer", "agency", "dpo", "s", "the Data Protection Officer"),
    _p(r"(?:the |a )?Caldicott Guardian", "agency", "caldicott", "s", "the Caldicott Guardian"),
    _p(
        r"youth justice services|youth offending teams",
        "agency",
        "yjs",
        "p",
        "youth justice services",
    ),
    _p(r"probation services?", "agency", "probation", "p", "probation services"),
    _p(r"health visitors", "agency", "health_visitor", "p", "health visitors"),
    _p(r"(?:the )?designated doctor", "agency", "designated_health", "s", "the designated doctor"),
    _p(r"Cafcass", "agency", "cafcass", "s", "Cafcass"),
    _p(r"(?:the |a )?social workers?", "agency", "social_worker", "s", "the social worker"),
    _p(r"GPs|general practitioners", "agency", "gp", "p", "GPs"),
    _p(r"school nurses", "agency", "school_nurse", "p", "school nurses"),
    _p(r"midwives", "agency", "midwife", "p", "midwives"),
    _p(r"paediatricians", "agency", "paediatrician", "p", "paediatricians"),
    _p(
        r"(?:the )?designated teacher",
        "agency",
        "designated_teacher",
        "s",
        "the designated teacher",
    ),
    _p(r"(?:the )?virtual school heads?", "agency", "vsh", "s", "the virtual school head"),
    _p(
        r"(?:the |an )?independent reviewing officers?(?: \(IROs?\))?",
        "agency",
        "iro",
        "s",
        "the independent reviewing officer (IRO)",
    ),
    _p(r"(?:the )?lead professional", "agency", "lead_practitioner", "s", "the lead professional"),
    _p(r"(?:the )?case manager", "agency", "case_manager", "s", "the case manager"),
    _p(
        r"(?:the )?Disclosure and Barring Service(?: \(DBS\))?|the DBS",
        "agency",
        "dbs",
        "s",
        "the Disclosure and Barring Service (DBS)",
    ),
    _p(
        r"(?:the )?Teaching Regulation Agency(?: \(TRA\))?|the TRA",
        "agency",
        "tra",
        "s",
        "the Teaching Regulation Agency (TRA)",
    ),
    _p(
        r"(?:the )?multi-agency safeguarding hub(?: \(MASH\))?|the MASH",
        "agency",
        "mash",
        "s",
        "the multi-agency safeguarding hub (MASH)",
    ),
    # legal references
    _p(r"the Children Act 1989", "law", "ca1989", "s", "the Children Act 1989"),
    _p(r"the Children Act 2004", "law", "ca2004", "s", "the Children Act 2004"),
    _p(
        r"the Children and Social Work Act 2017",
        "law",
        "csw2017",
        "s",
        "the Children and Social Work Act 2017",
    ),
    _p(r"the Data Protection Act 2018", "law", "dpa", "s", "the Data Protection Act 2018"),
    _p(r"the Human Rights Act 1998", "law", "hra", "s", "the Human Rights Act 1998"),
    _p(r"the Education Act 2002", "law", "ea2002", "s", "the Education Act 2002"),
    _p(r"the Equality Act 2010", "law", "equality", "s", "the Equality Act 2010"),
    _p(r"section \d{1,3}[A-Z]{0,2}\b", "section", "", "s", ""),
    _p(r"Article \d{1,2}\b", "article", "", "s", ""),
    # processes and plans
    _p(r"(?:a |the )?strategy discussions?", "process", "strategy", "s", "a strategy discussion"),
    _p(r"(?:a |the )?section 47 enquir(?:y|ies)", "process", "s47", "s", "a section 47 enquiry"),
    _p(
        r"(?:an |the )?initial child protection conferences?",
        "process",
        "icpc",
        "s",
        "an initial child protection conference",
    ),
    _p(r"(?:a |the )?child protection plans?", "process", "cpp", "s", "a child protection plan"),
    _p(r"(?:a |the )?child in need plans?", "process", "cin", "s", "a child in need plan"),
    _p(r"(?:an |the )?early help assessments?", "process", "eha", "s", "an early help assessment"),
    _p(
        r"(?:a |the )?child and family assessments?",
        "process",
        "cfa",
        "s",
        "a child and family assessment",
    ),
    _p(
        r"(?:a |the )?family group conferences?",
        "process",
        "fgc",
        "s",
        "a family group conference",
    ),
    _p(
        r"(?:a |the )?team around the (?:child|family)",
        "process",
        "taf",
        "s",
        "a team around the family",
    ),
    _p(
        r"(?:a |the )?multi-agency risk assessment conferences?(?: \(MARACs?\))?|(?:a |the )?MARAC",
        "process",
        "marac",
        "s",
        "a multi-agency risk assessment conference (MARAC)",
    ),
    _p(r"(?:a |the )?safety plan", "process", "safety_plan", "s", "a safety plan"),
    _p(r"a referral", "process", "referral", "s", "a referral"),
    # what is recorded or passed on
    _p(
        r"(?:a |the )?child protection files?",
        "record",
        "cp_file",
        "s",
        "the child protection file",
    ),
    _p(r"(?:a )?written records?", "record", "written_record", "s", "a written record"),
    _p(r"(?:a |the )?chronology", "record", "chronology", "s", "a chronology"),
    _p(r"(?:a |the )?rapid reviews?", "process", "rapid_review", "s", "a rapid review"),
    _p(
        r"(?:a |the )?local child safeguarding practice reviews?",
        "process",
        "lcspr",
        "s",
        "a local child safeguarding practice review",
    ),
    _p(
        r"(?:a |the )?data protection impact assessments?(?: \(DPIAs?\))?|(?:a |the )?DPIA",
        "process",
        "dpia",
        "s",
        "a data protection impact assessment (DPIA)",
    ),
    _p(
        r"(?:a |the )?(?:data|information) sharing agreements?(?: \((?:DSAs?|ISAs?)\))?",
        "process",
        "dsa",
        "s",
        "a data sharing agreement",
    ),
    # lawful bases and thresholds
    _p(r"explicit consent", "basis", "consent", "s", "explicit consent"),
    _p(r"consent", "basis", "consent", "s", "consent"),
    _p(r"(?:a )?lawful basis", "basis", "lawful_basis", "s", "a lawful basis"),
    _p(r"public task", "basis", "public_task", "s", "public task"),
    _p(r"legal obligation", "basis", "legal_obligation", "s", "legal obligation"),
    _p(r"vital interests", "basis", "vital_interests", "s", "vital interests"),
    _p(r"legitimate interests", "basis", "legitimate_interests", "s", "legitimate interests"),
    _p(r"(?:a )?court order", "basis", "court_order", "s", "a court order"),
    _p(r"significant harm", "harm", "significant", "s", "significant harm"),
    _p(r"serious harm", "harm", "serious", "s", "serious harm"),
    _p(r"immediate danger", "harm", "immediate", "s", "immediate danger"),
    _p(r"immediate harm", "harm", "immediate_harm", "s", "immediate harm"),
    _p(r"substantial harm", "harm", "substantial", "s", "substantial harm"),
    _p(r"immediate risk", "harm", "immediate_risk", "s", "immediate risk"),
    _p(r"(?:a )?child in need", "harm", "in_need", "s", "a child in need"),
)

# Families that overlap: a distractor from one could be right for the other.
OVERLAPS = {
    frozenset({"partnership", "la"}),
    frozenset({"partnership", "police"}),
    frozenset({"partnership", "icb"}),
    frozenset({"schools", "governors"}),
    frozenset({"schools", "head"}),
    frozenset({"schools", "dsl"}),
    frozenset({"la", "lado"}),
    frozenset({"la", "lead_practitioner"}),
    frozenset({"s47", "strategy"}),
    frozenset({"dpo", "ico"}),
    frozenset({"la", "social_worker"}),
    frozenset({"la", "mash"}),
    frozenset({"police", "mash"}),
    frozenset({"la", "iro"}),
    frozenset({"la", "vsh"}),
    frozenset({"icpc", "cpp"}),
    frozenset({"cfa", "in_need"}),
    frozenset({"significant", "in_need"}),
    frozenset({"written_record", "cp_file"}),
    frozenset({"written_record", "chronology"}),
    frozenset({"lead_practitioner", "taf"}),
}

# Agencies of one sector make the most plausible distractors for each other.
SECTORS = {
    "services": (
        "la",
        "police",
        "icb",
        "health_visitor",
        "designated_health",
        "yjs",
        "probation",
        "early_years",
        "cafcass",
        "lado",
        "lead_practitioner",
        "social_worker",
        "gp",
        "school_nurse",
        "midwife",
        "paediatrician",
        "iro",
        "mash",
    ),
    "school": ("dsl", "head", "governors", "schools", "designated_teacher", "vsh", "case_manager"),
    "oversight": ("partnership", "sos", "panel", "ofsted", "dbs", "tra"),
    "information": ("ico", "dpo", "caldicott", "dscp"),
}
SECTOR_OF = {family: sector for sector, families in SECTORS.items() for family in families}

NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
)
_NUM = r"(?:\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = r"(?:working days?|calendar days?|days?|hours?|weeks?|months?|years?)"
TIMESCALE = re.compile(
    rf"\b(?:within|no later than|no more than|at least every|every|after|for at least)\s+(?P<span>{_NUM}\s+{_UNIT})\b",
    re.IGNORECASE,
)
COUNT = re.compile(
    r"\b(?P<span>(?:two|three|four|five|six|seven|eight|nine|ten))\s+(?P<noun>(?:[a-z]+\s+){0,2}[a-z]+s)\b"
)
AGE = re.compile(
    r"\b(?:under(?: the age of)?|aged|age of|over the age of)\s+(?P<span>\d{1,2})\b(?! ?%)",
    re.IGNORECASE,
)
MODAL = re.compile(
    r"\b(?P<span>must not|must|should not|should|do not need to|does not need to)\b", re.IGNORECASE
)

MODAL_OPTIONS = {
    "must": ("must", "should", "may", "need not"),
    "should": ("should", "must", "may", "need not"),
    "must not": ("must not", "may", "need not", "should"),
    "should not": ("should not", "may", "need not", "should"),
    "is required to": ("is required to", "is encouraged to", "may choose to", "is not required to"),
    "are required to": (
        "are required to",
        "are encouraged to",
        "may choose to",
        "are not required to",
    ),
    "do not need to": ("do not need to", "must", "should", "must first"),
    "does not need to": ("does not need to", "must", "should", "must first"),
}
AGES = ("10", "13", "16", "18", "21", "25")
UNIT_DAYS = {
    "hour": 1 / 24,
    "day": 1.0,
    "working day": 1.0,
    "calendar day": 1.0,
    "week": 7.0,
    "month": 30.0,
    "year": 365.0,
}


@dataclass(frozen=True)
class Target:
    kind: str
    family: str
    number: str
    start: int
    end: int
    text: str  # as it stands in the sentence

    @property
    def key(self) -> str:
        return canonical(self.text)


def canonical(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"^(the|a|an|your) ", "", text)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _phrase_regex() -> re.Pattern:
    alternatives = "|".join(f"(?P<p{i}>{p.pattern})" for i, p in enumerate(PHRASES))
    # every phrase starts with a letter: the lookahead skips other positions before trying 80 alternatives
    return re.compile(rf"(?<![\w-])(?=[a-z])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def find_targets(sentence: str) -> list[Target]:
    """Every phrase in the sentence a question could blank out, in order of appearance."""
    return list(_targets_in(sentence))


@lru_cache(maxsize=8192)
def _targets_in(sentence: str) -> tuple[Target, ...]:
    """find_targets, kept per text: a quiz scans each passage for distractors and again, sentence
    by sentence, each time it tries to write an item from it (the big phrase pattern is slow)."""
    targets = []
    for m in _phrase_regex().finditer(sentence):
        index = int(next(name for name, value in m.groupdict().items() if value is not None)[1:])
        phrase = PHRASES[index]
        family = phrase.family or canonical(m.group(0))
        targets.append(Target(phrase.kind, family, phrase.number, m.start(), m.end(), m.group(0)))
    for pattern, kind in (
        (TIMESCALE, "timescale"),
        (COUNT, "count"),
        (AGE, "age"),
        (MODAL, "duty"),
    ):
        for m in pattern.finditer(sentence):
            if kind == "count" and any(w in STOPWORDS for w in m.group("noun").split()):
                continue
            s, e = m.span("span")
            targets.append(Target(kind, canonical(m.group("span")), "", s, e, m.group("span")))
    return tuple(sorted(targets, key=lambda t: (t.start, -t.end)))


PAIR_JOIN = re.compile(r"\s+(and/or|or|and)\s+")


def agency_pairs(sentence: str, targets: list[Target]) -> list[Target]:
    """'local authority children's social care and/or the police' as one answer: two agencies
    joined by and, or, and/or (a longer list is left alone by the blanking rules)."""
    agencies = [t for t in targets if t.kind == "agency"]
    pairs = []
    for first, second in zip(agencies, agencies[1:], strict=False):
        if PAIR_JOIN.fullmatch(sentence[first.end : second.start]) and not overlapping(
            first.family, second.family
        ):
            pairs.append(
                Target(
                    "agencies",
                    f"{first.family}+{second.family}",
                    "p",
                    first.start,
                    second.end,
                    sentence[first.start : second.end],
                )
            )
    return pairs


def pair_join(target: Target) -> str:
    """The words joining the two agencies of a pair target: 'and/or', 'or' or 'and'."""
    return next((m.group(1) for m in PAIR_JOIN.finditer(target.text)), "and")


def overlapping(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in OVERLAPS


def phrase_for(target: Target) -> Phrase | None:
    for phrase in PHRASES:
        if phrase.kind == target.kind and re.fullmatch(phrase.pattern, target.text, re.IGNORECASE):
            return phrase
    return None


def timescale_days(text: str) -> float | None:
    m = re.fullmatch(rf"(?P<n>{_NUM})\s+(?P<unit>{_UNIT})", text.strip(), re.IGNORECASE)
    if not m:
        return None
    n = m.group("n").lower()
    value = int(n) if n.isdigit() else NUMBER_WORDS.index(n) + 1
    unit = m.group("unit").lower().rstrip("s")
    return value * UNIT_DAYS.get(unit, 1.0)


def count_value(text: str) -> int:
    word = text.lower()
    return NUMBER_WORDS.index(word) + 1 if word in NUMBER_WORDS else int(word)


def count_distractors(target: Target) -> list[str]:
    """Other small counts, spelt the way the sentence spells its own."""
    value = count_value(target.text)
    near = [
        v
        for v in (value - 1, value + 1, value + 2, value - 2, value + 3)
        if 2 <= v <= len(NUMBER_WORDS)
    ]
    return [NUMBER_WORDS[v - 1] for v in near]


def age_distractors(target: Target) -> list[str]:
    return [a for a in AGES if a != target.text]


def modal_options(target: Target) -> tuple[str, ...] | None:
    return MODAL_OPTIONS.get(target.text.lower())


def is_listed_with_others(sentence: str, target: Target, others: list[Target]) -> bool:
    """True when the phrase is one of a list ('your manager, the DPO or the Caldicott Guardian'):
    another item of that list would also be right, so the phrase is not blanked."""
    for other in others:
        if other is target or other.kind not in (
            "agency",
            "basis",
            "law",
            "process",
            "harm",
            "record",
        ):
            continue
        between = (
            sentence[target.end : other.start]
            if other.start >= target.end
            else sentence[other.end : target.start]
        )
        if re.fullmatch(r"[\s,/]*(?:and|or|and/or|nor)?[\s,/]*", between):
            return True
    return False


def forget_targets() -> None:
    """Empty find_targets' cache (benchmarks time every quiz as if its passages were new)."""
    _targets_in.cache_clear()
