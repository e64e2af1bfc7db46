"""What a quiz item can test in a sentence of guidance: the phrase to blank out (an agency or role,
a timescale, a legal reference, a process, a threshold, a count, an age or the duty word) and
which other phrases are the same kind of thing, so distractors are plausible but wrong.

Pure functions over text and a hand-kept vocabulary (assistant/data/quiz_phrases.yaml: the
phrases, their families and the agencies' sectors); the phrases distractors are drawn from are
found in the index by generate.py. Nothing here reads the index."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.text import STOPWORDS, mend_broken_hyphen, tokenize


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


# The phrases, the families that overlap and the agencies' sectors: hand-kept vocabulary, read
# when a quiz first needs it.
VOCABULARY_FILE = Path(__file__).resolve().parents[1] / "data" / "quiz_phrases.yaml"


@dataclass(frozen=True)
class _Vocabulary:
    phrases: tuple[Phrase, ...]  # longest and most specific first
    overlaps: frozenset[frozenset[str]]  # families where a distractor from one could be right
    sector_of: dict[str, str]  # agency family -> its sector


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    import yaml

    data = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return _Vocabulary(
        phrases=tuple(
            Phrase(pattern, kind, family, number, display)
            for kind, family, number, pattern, display in data["phrases"]
        ),
        overlaps=frozenset(frozenset(pair) for pair in data["overlapping_families"]),
        sector_of={
            family: sector for sector, families in data["sectors"].items() for family in families
        },
    )


def phrases() -> tuple[Phrase, ...]:
    """Every phrase a sentence can name, longest and most specific first: matching takes the first
    phrase that fits at a position."""
    return _vocabulary().phrases


def sector_of(family: str) -> str | None:
    """The sector of an agency's family ('services', 'school', 'oversight', 'information')."""
    return _vocabulary().sector_of.get(family)


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
    rf"\b(?:within|no later than|no more than|at least every|every|after|for at least|at least|no less than"
    # a timescale said as one: 'the maximum timescale should be 12 hours'
    rf"|(?:timescale|time limit|timeframe|time frame|deadline)\s+(?:(?:should|must|will)\s+be|is)"
    rf"(?:\s+no (?:more|longer) than)?)\s+(?P<span>{_NUM}\s+{_UNIT})\b",
    re.IGNORECASE,
)
COUNT = re.compile(
    r"\b(?P<span>(?:two|three|four|five|six|seven|eight|nine|ten))\s+(?P<noun>(?:[a-z]+\s+){0,2}[a-z]+s)\b"
)
AGE = re.compile(
    r"\b(?:under(?: the age of)?|aged|age of|over the age of)\s+(?P<span>\d{1,2})\b(?! ?%)",
    re.IGNORECASE,
)
# How soon something must happen, in words: a trainer's 'when' question as much as a number of days.
# 'immediately after the incident' says when, not how soon, and is left alone.
URGENCY = re.compile(
    r"\b(?P<span>immediately|without delay|as soon as possible|as soon as practicable|straight away)\b"
    r"(?!\s+(?:after|before|following|prior|upon|on|when|if|where|once)\b)",
    re.IGNORECASE,
)
# what is offered against it: clearly later, so none could be right where the guidance asks for speed
LATER = ("within a week", "within a month", "at the next scheduled review")
LEVEL = re.compile(r"\b(?P<span>[Ll]evel [1-4])\b(?![a-z\d.])")
LEVELS = ("1", "2", "3", "4")
# A name the guidance defines with its abbreviation ('the Joint Strategic Needs Assessment (JSNA)',
# 'Team Around the Family (TAF)'): the plans, assessments, teams and records practitioners must
# know by name, in any document, without a hand-kept list. What kind of thing it is comes from its
# last word; the abbreviation must spell the capitals of the name.
_NAME_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|of|the|and|for|to|in|on)"
NAMED_TERM = re.compile(
    rf"(?<![\w-])(?:(?:the|a|an|The|A|An) )?(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: {_NAME_WORD}){{1,6}}) "
    r"\((?P<abbr>[A-Z][A-Za-z]{1,7})\)"
)
NAMED_KINDS = {
    **dict.fromkeys(
        "assessment assessments plan plans conference conferences meeting meetings review reviews "
        "discussion discussions protocol procedure procedures pathway programme".split(),
        "process",
    ),
    **dict.fromkeys(
        "team teams board boards service services partnership partnerships panel hub unit "
        "officer officers agency agencies office commissioner group forum".split(),
        "agency",
    ),
    **dict.fromkeys("record records register file files database".split(), "record"),
}
# A term the guidance defines, at the start of a sentence or a glossary entry ('Private fostering
# occurs when…', 'Child criminal exploitation - As set out in…', 'FGM comprises…', 'County lines: a
# term used to describe…'): a 'which term does it define this way?' item. The term is a name
# (sentence or title case, up to five words, with its abbreviation if it has one), not a phrase
# pointing back ('That plan describes…') or an activity ('Working collaboratively means…').
DEFINITION = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\n))(?P<span>(?!(?:The|This|That|These|Those|It|Such|None|Any|All|"
    r"Each|Some|Our|Your|Their|You|We|They|He|She|I|A|An|Everything|Everyone|Anything|Something|Nothing|There|Here|When|"
    r"Where|If|Whether|While|Whilst|Who|What|Which|How|Why|As|Once|Unless|Although)\b)[A-Z][\w’'-]*"
    r"(?: (?:of|and|on|to|in|[‘“]?[\w’”'-]+)){0,4}?"
    r"(?: \([A-Z][A-Za-z]{1,6}\))?)"
    r"(?: [-–] (?=[A-Z])| (?:is defined as|means|refers to|is when|is where|occurs when|occurs where|"
    r"is a form of|is a type of|is the process|comprises|encompasses|is the term used|is a term used|"
    # a definition in prose: 'Terrorism is an action that endangers…', 'Extremism is the
    # promotion or advancement of…' (not 'Safeguarding is an issue that…': a vague noun defines nothing)
    # or with a few words before its noun ('Channel is a voluntary, confidential support programme
    # which…'), none of them vague
    r"is an? (?:(?!(?:issue|matter|area|priority|concern|way|time|thing|challenge|problem|key|question|"
    r"role|responsibility|requirement|need|part|good|useful|important|further|new|very|lot|number|"
    r"range|variety|result|reason|means|place|step)\b)[a-z-]+,? ){0,3}?"
    r"(?!(?:issue|matter|area|priority|concern|way|time|thing|challenge|problem|key|question|role|"
    r"responsibility|requirement|need|part|good|useful|important|further|new|lot|number|range|variety|"
    r"result|reason|means|place|step)\b)[a-z]+ (?:that|which|whereby|in which)|"
    r"is the promotion)\b|"
    # a glossary written with a colon and a defining phrase ('County lines: a term used to describe…',
    # 'Financial exploitation: defined by WTSC as…', 'Physical abuse: a form of abuse which…')
    r": (?:a term used to describe|a term used for|a term for|defined (?:by [\w ]{2,25} )?as|"
    r"a form of|a type of|involves)\b)",
    re.MULTILINE,
)
# What a defined term is, for its wrong options: a harm to a child (abuse, neglect, exploitation…)
# or anything else (an arrangement, a service, a duty). Harms overlap (FGM is abuse, CSE is
# exploitation), and so do arrangements (private fostering and kinship care): a wrong option is
# always a term of the other group, so it cannot also be right.
HARM_TERM = re.compile(
    r"abuse|neglect|exploit|harm|violen|mutilat|FGM|radicali|extremi|traffick|slavery|groom|bully|"
    r"assault|cuckoo|county lines|CSE|CCE|maltreat|cruelty|coerc|honour|forced marriage|sexting|"
    r"nudes|upskirt|terror",
    re.IGNORECASE,
)
NOT_A_TERM = re.compile(
    r"(?:Annex|Appendix|Version|Page|Table|See|Section|Chapter|Part|Yes|No|Think|Research|"
    r"Guidance|Figure|Step|Stage)\b"
)
RESOURCE = re.compile(
    r"(?:provides?|offers?|supports?|helps?|runs?|works?|free|a charity|an organisation|information|"
    r"advice|guidance|resources?|includes?|has|gives?|online)\b",
    re.IGNORECASE,
)
DEFINITION_STOP = frozenset(
    "a an the as if for with by at from be is are or but not also there".split()
)


def harm_term(text: str) -> bool:
    return bool(HARM_TERM.search(text))


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
    text = mend_broken_hyphen(text).lower().replace("’", "'")
    text = re.sub(r"^(the|a|an|your) ", "", text)
    text = re.sub(r"\s*\([^)]*\)", "", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _phrase_regex() -> re.Pattern:
    alternatives = "|".join(f"(?P<p{i}>{p.pattern})" for i, p in enumerate(phrases()))
    # every phrase starts with a letter: the lookahead skips other positions before trying 80 alternatives
    return re.compile(rf"(?<![\w-])(?=[a-z])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _law_family(name: str) -> str:
    """An Act found by its form, by the stems of its words: 'the Children’s Act 2004' is the
    Children Act 2004 and 'the Equalities Act 2010' the Equality Act 2010, under the hand-kept
    Act's family where there is one, so the two are never offered for each other."""
    key = " ".join(tokenize(name))
    for phrase in phrases():
        if phrase.kind == "law" and phrase.family and " ".join(tokenize(phrase.display)) == key:
            return phrase.family
    return key


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
        phrase = phrases()[index]
        family = phrase.family or canonical(m.group(0))
        if phrase.kind == "law" and not phrase.family:
            family = _law_family(family)
        targets.append(Target(phrase.kind, family, phrase.number, m.start(), m.end(), m.group(0)))
    targets += _named_terms(sentence, targets)
    targets += defined_terms(sentence)
    for pattern, kind in (
        (TIMESCALE, "timescale"),
        (LEVEL, "level"),
        (URGENCY, "urgency"),
        (COUNT, "count"),
        (AGE, "age"),
        (MODAL, "duty"),
    ):
        for m in pattern.finditer(sentence):
            if kind == "count" and any(w in STOPWORDS for w in m.group("noun").split()):
                continue
            s, e = m.span("span")
            family = (
                "urgent" if kind == "urgency" else canonical(m.group("span"))
            )  # one answer, many wordings
            targets.append(Target(kind, family, "", s, e, m.group("span")))
    return tuple(sorted(targets, key=lambda t: (t.start, -t.end)))


def _named_terms(sentence: str, found: list[Target]) -> list[Target]:
    """Names defined with their abbreviation; one holding a hand-kept phrase ('Early Help Assessment
    (EHA)') belongs to that phrase's family, so the two are never offered for each other."""
    terms = []
    for m in NAMED_TERM.finditer(sentence):
        words, abbr = m.group("name").split(" "), m.group("abbr")
        kind = NAMED_KINDS.get(words[-1].lower())
        initials = "".join(c for c in abbr if c.isupper())
        # 'Within Team Around the Family (TAF)': the name starts where its capitals spell the abbreviation
        skip = next(
            (
                i
                for i in range(len(words) - 1)
                if words[i][:1].isupper()
                and "".join(c for c in " ".join(words[i:]) if c.isupper()) == initials
            ),
            None,
        )
        if kind is None or skip is None:
            continue
        start = m.start() if skip == 0 else m.start("name") + len(" ".join(words[:skip])) + 1
        inner = next((t for t in found if start <= t.start and t.end <= m.end()), None)
        family = inner.family if inner else f"named:{initials.lower()}"
        number = "p" if words[-1].endswith("s") and not words[-1].endswith("ss") else "s"
        terms.append(Target(kind, family, number, start, m.end(), sentence[start : m.end()]))
    return terms


def defined_terms(text: str) -> list[Target]:
    """Terms defined at the start of a sentence: a name, not a phrase with a verb or a pronoun."""
    terms = []
    for m in DEFINITION.finditer(text):
        span = m.group("span")
        words = re.sub(r" \([^)]*\)$", "", span).split()
        if len(words) > 1 and (
            words[0].lower().endswith("ing") or words[-1].lower().endswith("ly")
        ):
            continue  # 'Working collaboratively', 'Using consent…': an activity, not a name
        if any(w.lower() in DEFINITION_STOP for w in words) or re.search(r"\d", span):
            continue
        after = text[m.end() :].lstrip()
        if m.group(0).rstrip().endswith(("-", "–")) and (
            span.isupper() or NOT_A_TERM.match(span) or RESOURCE.match(after)
        ):
            continue  # a list of organisations or of a document's parts, not a glossary
        # how it is defined: with a verb ('occurs when') or a glossary's dash, where lists of
        # organisations and resources look alike; only the former are offered as wrong options
        defined = "dash" if m.group(0).rstrip().endswith(("-", "–")) else "verb"
        group = "harm" if harm_term(span) else "other"
        family = f"term:{group}:{defined}:{canonical(span)}"
        number = "p" if words[-1].endswith("s") and not words[-1].endswith("ss") else "s"
        terms.append(Target("term", family, number, m.start("span"), m.end("span"), span))
    return terms


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
    return a == b or frozenset({a, b}) in _vocabulary().overlaps


def phrase_for(target: Target) -> Phrase | None:
    for phrase in phrases():
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


def level_distractors(target: Target, stem: str) -> list[str]:
    """The other levels of need, spelt like the answer, none the statement already names."""
    word = target.text.split()[0]
    named = set(re.findall(r"\b[Ll]evels? ([1-4])\b", stem))
    return [f"{word} {n}" for n in LEVELS if n != target.text.split()[-1] and n not in named]


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
            "check",
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
