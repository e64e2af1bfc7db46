"""The phrases distractors come from: every agency, timescale, legal reference, process and
threshold the indexed guidance names, with the passages that name it. Built from the passages on
the quiz's topic first (related, so most plausible), then from the whole index if more are needed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.quiz.targets import NAMED_TERM, defined_terms, find_targets, phrase_for
from assistant.quiz.validate import strip_footnotes
from assistant.text import mend_broken_hyphen
from assistant.types import Chunk

# the verbs a definition offered as a wrong option opens with (targets.DEFINITION): a cheap test
# that spares the full pattern the passages that define nothing
DEFINING_VERB = re.compile(
    r" (?:is defined as|means|refers to|is when|is where|occurs wh|is a form of|is a type of|"
    r"is the process|comprises|is (?:the|a) term used) "
)
MAX_SOURCES = 20  # passages kept per phrase: enough to tell an often-cited section from a rare one
VOCABULARY_KINDS = (
    "agency",
    "law",
    "section",
    "article",
    "process",
    "check",
    "basis",
    "harm",
    "timescale",
    "record",
    "term",
)


@dataclass
class Entry:
    kind: str
    key: str
    display: str
    family: str
    number: str
    related: bool  # named in a passage on the quiz topic
    chunks: list[Chunk] = field(default_factory=list)


class Vocabulary:
    def __init__(self):
        self.entries: dict[tuple[str, str], Entry] = {}
        self._scanned: set[str] = set()

    def add_chunks(self, chunks: Iterable[Chunk], related: bool) -> None:
        for chunk in chunks:
            if chunk.id in self._scanned:
                continue
            self._scanned.add(chunk.id)
            for target in find_targets(strip_footnotes(chunk.text)):
                if target.kind in VOCABULARY_KINDS:
                    self._add(target, chunk, related)

    def add_terms(self, chunks: Iterable[Chunk]) -> None:
        """Only the terms these passages define (a cheap scan: wrong options for a 'which term'
        item come from the whole index, where few passages define anything)."""
        for chunk in chunks:
            if chunk.id not in self._scanned and DEFINING_VERB.search(chunk.text):
                for target in defined_terms(chunk.text):
                    if ":verb:" in target.family:  # only these are offered as wrong options
                        self._add(target, chunk, related=False)

    def _add(self, target, chunk: Chunk, related: bool) -> None:
        entry = self.entries.get((target.kind, target.key))
        if entry is None:
            phrase = phrase_for(target)
            display = phrase.display if phrase and phrase.display else target.text.lower()
            if phrase is None and NAMED_TERM.fullmatch(target.text):
                # a defined name keeps its capitals and is offered as 'the …', as the answers read
                display = "the " + re.sub(r"^(?:the|a|an) ", "", target.text, flags=re.IGNORECASE)
            if target.kind == "term":  # as the guidance spells it; a capital only if it is a name
                text = target.text
                display = text if text[1:2].isupper() else text[:1].lower() + text[1:]
            if target.kind == "law" and not (phrase and phrase.display):
                # an Act found by its form: as the guidance names it, mended where the PDF broke it
                display = "the " + re.sub(
                    r"^the ", "", mend_broken_hyphen(target.text), flags=re.IGNORECASE
                )
            if target.kind in ("section", "article"):
                word = "section" if target.kind == "section" else "Article"
                display = f"{word} {target.text.split()[-1].upper()}"
            entry = Entry(target.kind, target.key, display, target.family, target.number, related)
            self.entries[(target.kind, target.key)] = entry
        entry.related = entry.related or related
        if len(entry.chunks) < MAX_SOURCES:
            entry.chunks.append(chunk)

    def of_kind(self, kind: str) -> list[Entry]:
        return sorted(
            (e for e in self.entries.values() if e.kind == kind),
            key=lambda e: (not e.related, e.key),
        )
