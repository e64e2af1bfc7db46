"""The words practitioners type and the words the documents use.

Two sources, both general (nothing here knows a particular question):
- acronyms the documents spell out themselves, collected from the stored chunks ("initial child
  protection conference (ICPC)", "MARAC - Multi-agency Risk Assessment Conference"), so a new
  document brings its own vocabulary and nothing needs re-embedding;
- a small hand-kept file of practitioner phrasings and renamed bodies (assistant/data/
  phrasings.yaml: CCG -> ICB, "deadline" -> "within ... working days", s47 -> section 47).

`Vocabulary.expand(question)` says which words of a question were recognised and what was added,
for the lexical and dense rankings and for `search --explain`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PHRASINGS = Path(__file__).resolve().parent / "data" / "phrasings.yaml"

_SMALL = frozenset("of and the for in to on a an with by at or from into under".split())
_COMMON = frozenset(  # capitalised words that are not acronyms even in brackets
    "a i ii iii iv v vi vii viii ix x no yes and or the see eg ie etc uk nb ps am pm tv".split()
)
# "expansion words (ACR)": up to ten words before a bracketed acronym of 2-8 letters
_BRACKETED = re.compile(r"((?:[A-Za-z][\w’'&-]*[\s,]+){1,10})\(\s*([A-Z][A-Za-z&]{1,7}?)(s)?\s*\)")
# "ACR - Expansion Words" / "ACR: Expansion" (glossaries and lists)
_DASHED = re.compile(
    r"(?:^|\n|[➢•▪●·]\s*)([A-Z][A-Z&]{1,7})s?\s*(?:[-–—:]|\bmeans\b|\bstands for\b)\s+((?:[A-Za-z][\w’'&-]*\s+){1,9}[A-Za-z][\w’'&-]*)"
)
_WORD = re.compile(r"[A-Za-z][\w’'&]*")


def _words(text: str) -> list[str]:
    return [w for part in _WORD.findall(text) for w in re.split(r"[-]", part) if w]


def _initials_match(words: list[str], acronym: str) -> int:
    """How many of the last `words` spell `acronym` by their initials (small words may be skipped
    or counted); 0 when no suffix does."""
    target = acronym.lower().replace("&", "")
    for start in range(len(words) - 1, -1, -1):
        suffix = words[start:]
        if suffix[0].lower() in _SMALL:
            continue
        full = "".join(w[0].lower() for w in suffix)
        content = "".join(w[0].lower() for w in suffix if w.lower() not in _SMALL)
        if target in (full, content):
            return len(suffix)
        if len(content) > len(target):
            return 0
    return 0


def acronyms_in(text: str) -> Iterable[tuple[str, str]]:
    """(acronym, expansion as written) pairs a passage spells out."""
    for match in _BRACKETED.finditer(text):
        acronym = match.group(2)
        if acronym.lower() in _COMMON or not any(c.isupper() for c in acronym[1:]):
            continue
        words = _words(match.group(1))
        n = _initials_match(words, acronym)
        if n >= 2:
            yield acronym, " ".join(words[-n:])
    for match in _DASHED.finditer(text):
        acronym = match.group(1)
        if acronym.lower() in _COMMON:
            continue
        words = _words(match.group(2))
        for n in range(len(words), 1, -1):  # the shortest leading words whose initials spell it
            if _initials_match(words[:n], acronym) == n:
                yield acronym, " ".join(words[:n])
                break


@dataclass(frozen=True)
class Phrasing:
    when: tuple[str, ...]
    add: tuple[str, ...]
    source: str  # "documents" | "phrasings.yaml"
    # a situation told: a word of `when` followed by one of these, at most two of _BETWEEN between
    # ('our headteacher has just grabbed her son': a member of staff harming a child is an allegation)
    then: tuple[str, ...] = ()


@dataclass
class Expansion:
    question: str
    matched: list[tuple[str, tuple[str, ...], str]] = field(
        default_factory=list
    )  # (found, added, source)

    @property
    def added(self) -> list[str]:
        out: list[str] = []
        for _, adds, _ in self.matched:
            out.extend(a for a in adds if a not in out)
        return out

    @property
    def text(self) -> str:
        """The question with what was added, for the rankings."""
        return self.question if not self.matched else f"{self.question} ({'; '.join(self.added)})"


# the words that may stand between a `when` and its `then`: the doer is still the subject ('the
# teacher has allegedly hit'), unlike 'the teacher dad hit me' or 'my colleague was hurt'
_BETWEEN = (
    r"(?:has|had|have|just|allegedly|apparently|reportedly|also|then|physically|deliberately)"
)


def _words_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(p) for p in phrase.split())


# ... and not one done to the doer, nor no harm at all: 'teacher punched by a pupil', 'staff pushed
# for a meeting', 'colleague hurt her back', 'teachers hit their limit' (review 22)
_NOT_DONE_TO_ANOTHER = (
    r"(?:by|for|base|up|off|(?:her|his|my|their|our) (?:back|limit)"
    r"|on (?:the (?:subject|topic|issue)|it|this|that)|herself|himself|themselves|myself|ourselves)\b"
)


def _pattern(phrase: str, then: tuple[str, ...] = ()) -> re.Pattern:
    followed = ""
    if then:  # the one doing it, at most two of _BETWEEN between: 'headteacher has just grabbed'
        done = "|".join(map(_words_pattern, then))
        followed = rf"(?:\s+{_BETWEEN}){{0,2}}\s+(?:{done})(?![\w])(?!\s+{_NOT_DONE_TO_ANOTHER})"
    return re.compile(
        r"(?<![\w'’])" + _words_pattern(phrase) + followed + r"(?![\w])", re.IGNORECASE
    )


class Vocabulary:
    def __init__(self, phrasings: list[Phrasing]):
        self.phrasings = phrasings
        # each word with its lower-case, single-spaced form: a cheap substring test before the regex
        self._patterns = [
            (p, [(w, " ".join(w.lower().split()), _pattern(w, p.then)) for w in p.when])
            for p in phrasings
        ]

    @classmethod
    def build(cls, texts: Iterable[str], phrasings_file: Path | None = PHRASINGS) -> Vocabulary:
        return cls(
            from_documents(texts) + (load_phrasings(phrasings_file) if phrasings_file else [])
        )

    def expand(self, question: str) -> Expansion:
        expansion = Expansion(question)
        lower = question.lower()
        spaced = " ".join(lower.split())
        for phrasing, patterns in self._patterns:
            for word, plain, pattern in patterns:
                if plain not in spaced or not pattern.search(question):
                    continue  # the regex only where the words are there at all
                if (
                    phrasing.source == "documents"
                    and word.isupper()
                    and len(word) <= 3
                    and word not in question
                ):
                    continue  # a short acronym only when typed in capitals ("US", not "us"; "CAT", not "cat")
                adds = tuple(a for a in phrasing.add if a.lower() not in lower)
                if adds:
                    expansion.matched.append((word, adds, phrasing.source))
                break
        return expansion


def from_documents(texts: Iterable[str]) -> list[Phrasing]:
    """Acronym <-> expansion in both directions, the expansion most often written for each acronym."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for acronym, expansion in acronyms_in(text):
            seen[acronym][expansion.lower()] += 1
    out = []
    for acronym, counts in sorted(seen.items()):
        expansion, _ = counts.most_common(1)[0]
        out.append(Phrasing((acronym, acronym + "s"), (expansion,), "documents"))
        if len(expansion.split()) >= 3:  # "child protection" is too common a phrase to add "CP" to
            out.append(Phrasing((expansion,), (acronym,), "documents"))
    return out


@lru_cache(maxsize=4)
def _read_yaml(path: Path, mtime: float) -> tuple[Phrasing, ...]:
    import yaml

    from assistant.errors import JoinedUpError

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    out = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not entry.get("when") or not entry.get("add"):
            raise JoinedUpError(f"{path}: entry {number} needs 'when' and 'add' lists")
        out.append(
            Phrasing(
                tuple(map(str, entry["when"])),
                tuple(map(str, entry["add"])),
                "phrasings.yaml",
                tuple(map(str, entry.get("then") or ())),
            )
        )
    return tuple(out)


def load_phrasings(path: Path = PHRASINGS) -> list[Phrasing]:
    path = Path(path)
    return list(_read_yaml(path, path.stat().st_mtime))
