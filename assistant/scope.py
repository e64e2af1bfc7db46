"""What the index can and cannot speak for: a question about a named document that is not in the
index, or about child protection outside England and Wales, is refused with where to look,
however close some indexed passage happens to be in wording."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.prompts import render_prompt
from assistant.text import split_sentences

OTHER_NATIONS = re.compile(
    r"\b(scotland|scottish|northern ireland|northern irish|republic of ireland)\b", re.IGNORECASE
)
NATION_NAMES = {
    "scottish": "Scotland",
    "northern irish": "Northern Ireland",
    "republic of ireland": "the Republic of Ireland",
}


@dataclass(frozen=True)
class OutOfScope:
    reason: str  # the fixed text shown instead of an answer
    names: tuple[
        str, ...
    ] = ()  # the missing document's names: commentary that names it may still answer


YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _strip_years(text: str) -> str:
    return " ".join(YEAR.sub(" ", text).split())


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def _match_forms(names, strip_years: bool, min_len: int) -> list[str]:
    """Names as they are looked for in a normalised question: padded so only whole words match."""
    forms = [_normalise(n) for n in names]
    if strip_years:  # an abbreviation too short without its year keeps it ("WT 2023")
        forms = [_strip_years(f) if len(_strip_years(f)) >= min_len else f for f in forms]
    return [f" {f} " for f in forms if len(f) >= min_len]


def _initials(entry) -> list[str]:
    """The publisher's initials, as a question names its documents by them ('whats the trigger
    trio that WCPP talk about': the Wales Centre for Public Policy's commentary, trial GG), when
    its name has four words or more that begin with a capital ('ADCS', 'WCPP'; not 'DfE'); not a
    local partnership's, whose initials are every partnership's ('LSCP': Lambeth's, London's)."""
    if (entry.kind or "").lower().startswith("local"):
        return []
    words = re.findall(r"[A-Za-z][\w'’]*", entry.publisher or "")
    capitals = [w[0] for w in words if w[0].isupper()]
    return [f" {''.join(capitals).lower()} "] if len(capitals) >= 4 else []


class ScopeCheck:
    def __init__(self, catalogue, indexed_doc_ids: set[str]):
        # Current documents the catalogue knows but the index lacks (a superseded one is answered
        # from its current edition, so it is not listed here).
        self.missing = [
            e
            for e in catalogue.entries
            if e.doc_id not in indexed_doc_ids and e.status != "superseded"
        ]
        self.present = [e for e in catalogue.entries if e.doc_id in indexed_doc_ids]
        # the indexed documents' one-word short names, lower case ('kcsie'): a question may open
        # with one to say where (assistant/followup.py)
        self.one_word_names = frozenset(
            name.lower() for e in self.present for name in e.aliases if len(name.split()) == 1
        )
        # Names normalised once: without years (>= 5 letters) to find indexed documents named,
        # whole (> 8 letters) to find missing ones.
        self._present_names = [
            (e, _match_forms(e.names, strip_years=True, min_len=5) + _initials(e))
            for e in self.present
        ]
        self._missing_names = [
            (e, _match_forms(e.names, strip_years=False, min_len=9)) for e in self.missing
        ]

    def named_documents(self, question: str) -> frozenset[str]:
        """Indexed documents the question names by title or alias ("KCSIE 2024", "Working Together").
        Names are matched without their year; a year in the question then picks the edition
        ("the 2024 edition of Keeping children safe in education" names the 2024 one only)."""
        whole = f" {_normalise(question)} "
        text = f" {_strip_years(whole)} "  # a short alias kept its year, so it is looked for in `whole`
        matched = [
            e for e, names in self._present_names if any(n in text or n in whole for n in names)
        ]
        years = set(YEAR.findall(question))
        if years:
            dated = [
                e for e in matched if years & set(YEAR.findall(f"{e.title} {e.edition} {e.doc_id}"))
            ]
            matched = dated or matched
        else:  # no year: the current edition
            matched = [e for e in matched if e.status != "superseded"] or matched
        return frozenset(e.doc_id for e in matched)

    def names_said(self, question: str) -> list[str]:
        """The names (titles, aliases) by which the question names indexed documents, as
        normalised: 'kcsie' of 'kcsie - how often …'."""
        whole = f" {_normalise(question)} "
        text = f" {_strip_years(whole)} "
        said = (n for _, names in self._present_names for n in names if n in text or n in whole)
        return list(dict.fromkeys(said))

    def short_name(self, doc_id: str) -> str:
        """What a practitioner calls an indexed document: its first alias, else its title."""
        entry = next(e for e in self.present if e.doc_id == doc_id)
        return entry.aliases[0] if entry.aliases else entry.title

    def names_superseded(self, question: str) -> bool:
        named = self.named_documents(question)
        return any(e.status == "superseded" for e in self.present if e.doc_id in named)

    def check(self, question: str) -> OutOfScope | None:
        nation = OTHER_NATIONS.search(question)
        if nation:
            name = NATION_NAMES.get(nation.group(0).lower(), nation.group(0).title())
            return OutOfScope(render_prompt("other_nation", nation=name))
        text = f" {_normalise(question)} "
        for entry, names in self._missing_names:
            if any(n in text for n in names):
                if self.named_documents(question):
                    # asked about an indexed document, a missing one only mentioned ('Our ADCS
                    # safeguarding pressures return is due - what does WT say …?', review 23b)
                    return None
                return OutOfScope(
                    render_prompt(
                        "not_indexed",
                        title=entry.title,
                        edition=entry.edition,
                        url=entry.landing_url or entry.file_url or "the publisher's website",
                    ),
                    names=entry.names,
                )
        return None


def passages_naming(passages, names: tuple[str, ...]) -> list:
    """The passages that name the missing document: by one of its names, or by the proper name its
    names share, capitalised, in a sentence that calls it guidance ('guidance on developing Family
    Hubs (HMG, 2022) mentions poverty only once', dev q012). The names are read once for all."""
    wanted = [f" {_normalise(n)} " for n in names if len(_normalise(n)) > 8]
    proper = _proper_names(names)

    def names_it(text: str) -> bool:
        said = f" {_normalise(text)} "
        return any(w in said for w in wanted) or any(_calls_guidance(text, n) for n in proper)

    return [p for p in passages if names_it(p.chunk.text)]


# what a document's name says of its kind, not which document it is
_KIND_WORDS = frozenset("programme guide guidance handbook document the".split())
_GUIDANCE = re.compile(r"\bguid(?:e|ance)\b", re.IGNORECASE)


def _proper_names(names: tuple[str, ...]) -> list[str]:
    """The names without their closing words of kind, capitalised as a title, of two words or more:
    'Family Hubs programme guide' -> 'Family Hubs'."""
    out = []
    for name in names:
        words = _strip_years(name).split()
        while words and words[-1].lower() in _KIND_WORDS:
            words.pop()
        if len(words) >= 2:
            out.append(
                " ".join(w if w.lower() in ("and", "for", "of") else w.title() for w in words)
            )
    return list(dict.fromkeys(out))


def _calls_guidance(text: str, proper: str) -> bool:
    at = re.compile(rf"\b{re.escape(proper)}\b")
    return any(at.search(s) and _GUIDANCE.search(s) for s in split_sentences(text))
