"""Hybrid retrieval: dense (Chroma, cosine) and lexical (BM25) candidates fused by reciprocal rank
fusion, filtered by metadata (jurisdiction, kind, status, document) and de-duplicated.

Before ranking, the question is expanded with the documents' own vocabulary and practitioner
phrasings (assistant/vocabulary.py). The lexical ranking scores each chunk with its neighbours in
the same section (small-to-big: a list or definition split over two chunks is found; the chunk
cited is still the small one). After fusion, passages that hold the kind of fact asked
(assistant/question_kind.py) are lifted, and statutory guidance and legislation rank above local
packs, evaluations, reviews and commentary that say the same, unless the question names a place,
a local body or a document."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from assistant.answerability import act_section, sections_asked, sections_named
from assistant.config import Settings
from assistant.question_kind import (
    Kind,
    count_agrees,
    count_asked,
    defined_term,
    kind_term,
    listed_noun,
    passage_holds,
    question_kind,
)
from assistant.quotable import SIGNPOST_ASKED, is_reference_list
from assistant.scope import YEAR
from assistant.setting import asked_outside_school, for_schools
from assistant.spelling import Speller
from assistant.store import IndexReader
from assistant.text import BULLET, CLOSERS, STOPWORDS, token_set
from assistant.types import Chunk, Passage, is_act_annotation, is_note
from assistant.vocabulary import Expansion, Vocabulary

RRF_K = 60
DENSE_WIDENING = 8  # how much deeper an unfiltered search looks when the filter left too few hits
LIST_END_DEPTH = 3  # the leading passages whose list, cut by the chunking, is followed to its end
NEIGHBOUR_WEIGHT = 0.25  # a chunk's lexical score + this x its better neighbour's (same section)
KIND_LIFT = 1.0 / (
    RRF_K + 4
)  # added to the fused score of a passage holding the kind of fact asked
LIFT_DEPTH = 40  # fused candidates looked at for the lifts
# A passage that defines the very term asked about ("who are the safeguarding partners?" -> the
# Act's '"safeguarding partner" ... means— (a) ... (b) ... (c) ...') counts as two rankings' first
# The opening passage of an Act's section the question names with its Act and year ('section 10
# of the Children Act 2004'): the provision itself, not the passages that mention it, the same.
# A question naming a section's heading whole ('who do the corporate parenting principles apply
# to?', trial Z) ranks the passages under it: headings of this many words or more, the closest
# few of its passages. On the dev set it changed no hit (tuned q149's gold went from 4th to 5th).
HEADING_WORDS = 3
HEADING_PASSAGES = 12
TITLED_PASSAGES = 3
RANKING_WEIGHTS = {"definition": 2.0, "named section": 3.0}
DENSE_EXPANDED = True  # the dense ranking embeds the expanded question too
# Pseudo-relevance feedback (Rocchio) for the dense ranking: the question's vector moves this far
# toward the mean of its FEEDBACK_PASSAGES closest passages, and the search runs again, so passages
# worded like the answer rather than like the question are found. The cosines reported (refusal,
# answerability) stay the question's own. 0.6 and 3 chosen on the tuned half among 0.3/0.6/1.0 x
# 2/3/5: hit@5 0.750 -> 0.768 there; untuned 0.746 -> 0.775, key facts 0.484 -> 0.500. On the
# seeds-only index (83 chunks) it costs one hit of 31 and one false refusal (evals/baselines).
FEEDBACK_WEIGHT = 0.6
FEEDBACK_PASSAGES = 3
PRIMARY_KINDS = frozenset({"statutory guidance", "legislation"})
SECONDARY_KINDS = frozenset(
    {
        "local guidance",
        "local review analysis",
        "inspection report",
        "research",
        "commentary",
        "evaluation",
        "review",
    }
)
LOCAL_KINDS = frozenset({"local guidance", "local review analysis", "inspection report"})
# a local area's own documents; an inspectorate's letter is named by the inspectorate ('Ofsted'),
# which questions name for much else ('will Ofsted check our single central record?')
PARTNERSHIP_KINDS = frozenset({"local guidance", "local review analysis"})
SECONDARY_FACTOR = (
    0.9  # fused score of a local / secondary passage when the question names no place
)
NAMED_PLACE_FACTOR = 1.15  # a passage of a document whose place or body the question names
# A question about what the law says ('does the law require…', 'is it a legal duty', 'under the
# Act'): the legislation's own passages come first, as a named document's would.
LAW_ASKED = re.compile(
    r"\b(?:the law|in law|by law|legal(?:ly)?|legislation|statute|statutory duty|the act|an act)\b",
    re.IGNORECASE,
)
LAW_FACTOR = 1.15
# A question about the past or what reviews and research have said ('do Children's Trust Boards
# still exist?', 'looking back over 30 years', 'what have different reviews said'): the
# commentaries and research that tell that history join the search as a ranking of their own
# (their closest passages), as a named document's do.
HISTORY_ASKED = re.compile(
    r"\b(?:over the (?:years|decades|last \w+ (?:years|decades))|years ago|looking back|back in the"
    r"|in the (?:19|20)\d0s|still exists?"
    r"|(?:were|was|been|get|got) (?:scrapped|abolished|introduced|brought in)"
    r"|(?:reviews|research|researchers|commentators|inquiries) (?:have )?(?:said|found|shown)"
    r"|over (?:\d+|ten|twenty|thirty|forty|fifty) years)\b",
    re.IGNORECASE,
)
HISTORY_KINDS = frozenset({"commentary", "research", "review", "evaluation"})
# A question from outside a school ('GP -', 'manager of a children's home'): guidance written for
# schools and colleges stands back as local and secondary documents do (assistant/setting.py)
OTHER_SETTING_FACTOR = 0.8
# A note from a page's foot (ingest keeps each that makes a statement as a chunk of its own,
# '… > Footnote 142') stands back from the body text: short, it otherwise outranks the paragraphs
# it annotates. 0.5, 0.7 and 0.85 gave the same tuned figures (KF 0.645, leads 0.516); 1.0 gave
# tuned KF 0.637; 0.7 is the middle of the tie.
FOOTNOTE_FACTOR = 0.7
# a passage of a reference list: it names sources, it answers nothing, unless the question asks
# where to read more (its titles share a question's words: 'ADCS' spelled out). Not every section
# of resources: KCSIE's 'Additional advice and support' sections hold guidance too.
RESOURCE_LIST_FACTOR = 0.5

LOCAL_HINT = re.compile(
    r"\b(?:our|my|this) (?:area|local authority|council|county|borough|city|partnership|lscp|scp|mash|front door|patch)\b"
    r"|\blocal(?:ly)? (?:protocol|procedures?|pack|threshold|policy|guidance|training|arrangements in)\b|\blocally\b",
    re.IGNORECASE,
)
GENERIC_NAME_WORDS = frozenset(
    """safeguarding children child partnership board council department education for of the and multi agency
    guidance protocol pack information training level analysis report reports review reviews research framework
    threshold thresholds needs focused visit services service process evaluation early findings implementation
    pathfinder phase pressures rapid right support time missing exploitation risk assessment run away home care
    families first directors association local national statutory keeping safe working together""".split()
)
SUPERSEDED_HINT = re.compile(
    r"\b(19|20)\d\d\b|\b(previous|earlier|older|old|superseded|former|last|past) (edition|version|guidance)s?\b|"
    r"\bwhat (has )?changed\b|\bhistory\b|\bused to\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Filters:
    jurisdiction: str | None = None  # "England" | "Wales" | None (both)
    kinds: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    include_superseded: bool = False

    def allows(self, chunk: Chunk) -> bool:
        if self.jurisdiction and not _jurisdiction_matches(chunk.jurisdiction, self.jurisdiction):
            return False
        if self.kinds and chunk.kind not in self.kinds:
            return False
        if self.doc_ids and chunk.doc_id not in self.doc_ids:
            return False
        return self.include_superseded or chunk.status != "superseded"

    def where(self) -> dict | None:
        """The same filter as a Chroma `where` clause (jurisdiction is matched after retrieval,
        because 'England and Wales' documents count for both)."""
        clauses = []
        if not self.include_superseded:
            clauses.append({"status": {"$ne": "superseded"}})
        if self.kinds:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.doc_ids:
            clauses.append({"doc_id": {"$in": list(self.doc_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _jurisdiction_matches(chunk_jurisdiction: str, wanted: str) -> bool:
    have = chunk_jurisdiction.lower()
    return wanted.lower() in have or have in ("uk", "united kingdom", "")


def wants_superseded(question: str) -> bool:
    return bool(SUPERSEDED_HINT.search(question))


@dataclass
class Explanation:
    """How one question was ranked: what was added to it, the kind of fact asked, each ranking's
    order, and per passage each ranking's contribution and the lifts applied."""

    expansion: Expansion
    kind: Kind
    term: str | None
    places: tuple[str, ...]
    rankings: dict[str, list[str]] = field(default_factory=dict)
    contributions: dict[str, dict[str, float]] = field(default_factory=dict)
    feedback: list[str] = field(default_factory=list)  # passages the dense search moved toward
    # an emergency's own question, searched too, its passages taken in turn with these (whose
    # contributions only are shown)
    also_searched: str = ""


class IndexContext:
    """What retrieval derives once from a generation's stored chunks: the documents' vocabulary,
    each chunk's neighbours in its section, and the place and body names of local documents."""

    def __init__(self, reader: IndexReader):
        chunks = self._chunks = reader.chunks
        self.vocabulary = Vocabulary.build(c.text for c in chunks.values())
        ids = self._ids = reader.lexical.ids
        # each chunk's row in the lexical index, which prev and next are given in
        position = self.row = {cid: i for i, cid in enumerate(ids)}
        ordered = sorted(
            (c.doc_id, c.chunk_index, position[c.id]) for c in chunks.values() if c.id in position
        )
        self.prev = np.full(len(ids), -1, dtype=np.int64)
        self.next = np.full(len(ids), -1, dtype=np.int64)
        for (doc_a, _, i), (doc_b, _, j) in zip(ordered, ordered[1:], strict=False):
            if doc_a == doc_b and chunks[ids[i]].section == chunks[ids[j]].section:
                self.next[i], self.prev[j] = j, i
        self.place_names = _place_names(chunks.values())
        self.place_words = frozenset(self.place_names)
        self.definitions = _definitions(chunks.values())
        self.partnership_documents = frozenset(
            c.doc_id for c in chunks.values() if c.kind in PARTNERSHIP_KINDS
        )
        self.titles = {c.doc_id: c.title.lower() for c in chunks.values()}
        # the documents that tell the field's history: commentary, research, reviews
        self.history_documents = frozenset(
            c.doc_id for c in chunks.values() if c.kind in HISTORY_KINDS
        )
        self.sections = sections_named(chunks.values())
        self.section_openings = _section_openings(chunks.values())
        self.headings = _headings(chunks.values())
        self.speller = Speller(lambda: (c.text for c in chunks.values()), reader.lexical.knows)

    def defining(self, term: str | None) -> list[str]:
        """The chunks that define `term` (as the documents quote it: '"safeguarding partner" ...
        means'), statutory guidance and legislation first, then in document order."""
        return self.definitions.get(term_key(term), []) if term else []

    def titled_sections(self, question: str) -> list[str]:
        """The passages under each heading the question names whole ('who do the corporate
        parenting principles apply to?': the Act's '1 Corporate parenting principles')."""
        text = " " + " ".join(re.findall(r"[a-z0-9]+", question.lower())) + " "
        return [
            cid for heading, ids in self.headings.items() if f" {heading} " in text for cid in ids
        ]

    def opening_sections(self, question: str, named: frozenset[str]) -> list[str]:
        """The first passage of each section the question names ('s.10') of an Act it names with
        its year ('the Children Act 2004'): without the year, 'the Children Act' may be the 1989
        one, which is not indexed, and its section 47 is not the 2004 Act's."""
        years = set(YEAR.findall(question))
        return [
            cid
            for number in sorted(sections_asked(question))
            for (doc_id, year), cid in self.section_openings.get(number, {}).items()
            if doc_id in named and year in years
        ]

    def lead_in_before(self, cid: str) -> str | None:
        """The chunk before this one in its section, when this one opens with a list's points (a
        bullet, in lower case) and that one holds their lead-in (a line ending in ':')."""
        row = self.row.get(cid)
        before = self.prev[row] if row is not None else -1
        if before < 0:
            return None
        if not _opens_mid_list(self._chunks[cid].text):
            return None
        previous = self._ids[before]
        return previous if ":\n" in self._chunks[previous].text else None

    def list_goes_on_in(self, cid: str) -> str | None:
        """The next chunk of this one's section, when it opens with more points of a list this one
        ends in (a bullet, in lower case), or with the rest of the point this one ends in: the
        chunking cut the list."""
        # (runs_on says both; the rest of a point: '… consensual and non-consensual sharing of' |
        # 'nudes and semi-nudes …, and commerce: …', KCSIE's four areas of risk)
        return self._ids[self.next[self.row[cid]]] if self.runs_on(cid) else None

    def runs_on(self, cid: str) -> bool:
        """The chunk ends inside a sentence that the next chunk of its section goes on with (it
        opens in lower case, as a bullet or not): the chunking cut a long sentence; or the next
        chunk opens with more points of a list (a bullet, in lower case): the chunking cut a list
        (trial V: 'A child should no longer be the subject of a child protection plan if:' showed
        two of its points, as if whole; the third, 'the child has reached the age of 18', was in
        the next passage)."""
        row = self.row.get(cid)
        following = self.next[row] if row is not None else -1
        if following < 0:
            return False
        opening = self._chunks[self._ids[following]].text
        if _opens_mid_list(opening):
            return True
        if ENDS_A_SENTENCE.search(self._chunks[cid].text.rstrip()):
            return False
        return BULLET.sub("", opening.lstrip())[:1].islower()

    def documents_of(self, places: tuple[str, ...]) -> frozenset[str]:
        """The partnership documents of the local areas named, not an inspectorate's letter about
        them; but when the question names the inspectorate as well as the area ('what did Ofsted
        say about IROs in West Northamptonshire?'), the inspectorate's documents whose titles name
        the area are the ones named. The inspectorate alone names nothing: 'will Ofsted check our
        single central record?' asks about inspection in general."""
        named = frozenset().union(*(self.place_names[p] for p in places))
        areas = named & self.partnership_documents
        area_words = [p for p in places if self.place_names[p] & self.partnership_documents]
        # the inspectorate's documents about the area named: its title names the area
        by_body = frozenset(
            doc
            for p in places
            if not self.place_names[p] & self.partnership_documents
            for doc in self.place_names[p]
            if any(word in self.titles.get(doc, "") for word in area_words)
        )
        return by_body if by_body else areas

    def places_named(self, question: str) -> tuple[str, ...]:
        words = set(re.findall(r"[a-z]+", question.lower()))
        return tuple(sorted({name for name in words if name in self.place_names}))


def without_places(question: str, places: tuple[str, ...]) -> str:
    """The question with the places it names taken out ('in oxfordshire what level is …' ->
    'what level is …'), to search within those places' documents."""
    names = "|".join(re.escape(p) for p in places)
    pattern = rf"\b(?:in|for|at|across|from)?\s*(?:{names})(?:['’]s)?\b"
    left = " ".join(re.sub(pattern, " ", question, flags=re.IGNORECASE).split())
    return left.lstrip(",;:- ")


# a passage ending a sentence, a list's lead-in or one of its points: nothing runs on from it
ENDS_A_SENTENCE = re.compile(rf"[.!?:;…]{CLOSERS}$")


def _section_openings(chunks) -> dict[str, dict[tuple[str, str], str]]:
    """section number -> (Act's doc_id, its year) -> the id of the section's first passage."""
    first: dict[tuple[str, str, str], tuple[int, str]] = {}
    for chunk in chunks:
        number = act_section(chunk)
        year = YEAR.search(chunk.title) if number else None
        if number and year:
            key = (number, chunk.doc_id, year.group(0))
            if key not in first or chunk.chunk_index < first[key][0]:
                first[key] = (chunk.chunk_index, chunk.id)
    openings: dict[str, dict[tuple[str, str], str]] = {}
    for (number, doc_id, year), (_, cid) in first.items():
        openings.setdefault(number, {})[(doc_id, year)] = cid
    return openings


def _headings(chunks) -> dict[str, list[str]]:
    """heading words (lower case, without its number) -> the ids of the passages under it; only
    headings of HEADING_WORDS content words or more, so 'Introduction', 'Safeguarding partners',
    'The rapid review', 'Duty of care' and 'Most of the time' name nothing (two-word headings cost
    tuned q055 its hit: 'who are the three statutory safeguarding partners?'; review 22 found the
    others); not a document's name ('Children Act 2004', 'Domestic Abuse Act 2021 statutory
    guidance': a year anywhere), nor a heading over more than HEADING_PASSAGES passages of one
    document (a glossary's entries set under one)."""
    out: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        last = chunk.section.rsplit(">", 1)[-1]
        words = re.findall(r"[a-z0-9]+", last.lower())
        while words and re.fullmatch(
            r"\d+[a-z]?|[ivx]+|section|part|chapter|annex|[a-z]", words[0]
        ):
            words = words[1:]
        content = [w for w in words if w not in STOPWORDS and not w.isdigit()]
        if len(content) >= HEADING_WORDS and not re.search(r"\b(?:19|20)\d\d\b", last):
            out.setdefault(" ".join(words), []).append(chunk)
    # (counted in each document: KCSIE's two editions repeat their headings, review 22b)
    return {
        heading: [c.id for c in under]
        for heading, under in out.items()
        if max(Counter(c.doc_id for c in under).values()) <= HEADING_PASSAGES
    }


# A county's short name as practitioners write it, for the full name a local document's publisher
# gives ('Oxfordshire County Council'); 'northants' comes from the documents' own ids.
SHORT_PLACE_NAMES = {
    "oxon": "oxfordshire",
    "northants": "northamptonshire",
    "glos": "gloucestershire",
    "herts": "hertfordshire",
    "lancs": "lancashire",
    "notts": "nottinghamshire",
    "cambs": "cambridgeshire",
    "bucks": "buckinghamshire",
    "berks": "berkshire",
    "wilts": "wiltshire",
    "leics": "leicestershire",
    "worcs": "worcestershire",
    "staffs": "staffordshire",
}


def _place_names(chunks) -> dict[str, set[str]]:
    """name -> doc_ids: the place or body a local document belongs to, as its publisher and id say
    ("lambeth", "northamptonshire", "northants", "ofsted"), less words of general use."""
    primary, names = set(), {}
    docs = {c.doc_id: c for c in chunks}
    for chunk in docs.values():
        if chunk.kind in PRIMARY_KINDS:
            primary |= set(re.findall(r"[a-z]+", f"{chunk.title} {chunk.publisher}".lower()))
        elif chunk.kind in LOCAL_KINDS:
            for word in set(re.findall(r"[a-z]+", chunk.publisher.lower())) | {
                chunk.doc_id.split("-")[0]
            }:
                names.setdefault(word, set()).add(chunk.doc_id)
    kept = {
        w: d
        for w, d in names.items()
        if len(w) >= 4 and w not in primary and w not in GENERIC_NAME_WORDS
    }
    for short, name in SHORT_PLACE_NAMES.items():  # 'oxon - …' as practitioners write it (trial AA)
        if name in kept and short not in kept:
            kept[short] = kept[name]
    return kept


# A term a document defines: '“safeguarding partner”, in relation to a local authority area in
# England, means—', '"child in need" is defined as', '‘Early help’ means'. Not a pointer to another
# definition ('has the meaning given by section 16E(3)').
DEFINED_TERM = re.compile(
    r"[“\"‘']([A-Za-z][\w’' -]{2,60}?)[”\"’'],?(?:\s+in relation to [^,.;]{1,80},)?"
    r"\s+(?:means|is defined as|are defined as|refers to)\b"
)
ASKED_TERM = re.compile(
    r"^\s*(?:and\s+|so\s+)?who (?:are|is) (?:the |a |an )?(?P<term>[^?]{3,60}?)\s*\??\s*$", re.I
)


def term_key(term: str) -> str:
    """A defined term as a key: lower case, each word without a plural 's'."""
    return " ".join(w.rstrip("s") for w in re.findall(r"[a-z0-9]+", term.lower()))


def asked_term(question: str, kind: Kind) -> str | None:
    """The term a question asks to be defined or named: 'what is early help?' -> 'early help',
    'who are the safeguarding partners?' -> 'safeguarding partners'."""
    if kind is Kind.DEFINITION:
        return defined_term(question)
    match = ASKED_TERM.match(" ".join(question.split())) if kind is Kind.WHO else None
    return match.group("term") if match else None


def _definitions(chunks) -> dict[str, list[str]]:
    found: dict[str, list] = {}
    for chunk in chunks:
        for match in DEFINED_TERM.finditer(chunk.text):
            rank = 0 if chunk.kind in PRIMARY_KINDS else 1
            found.setdefault(term_key(match.group(1)), []).append(
                (rank, chunk.doc_id, chunk.chunk_index, chunk.id)
            )
    return {key: list(dict.fromkeys(c[-1] for c in sorted(v))) for key, v in found.items()}


# a line leading into a list ('The key reforms delivered and tested through the FFCP are:'), then
# its first point
_LEAD_IN_LINE = re.compile(
    r"^(?P<lead>[^\n]{3,300}):\s*\n(?=\s*(?:[•●▪◦-]|\(?[a-z0-9]{1,3}[.)]))", re.M
)


def names_its_list(text: str, listed: str, counted: int | None = None) -> bool:
    """The passage leads into a list naming the set asked for ('… reforms … are:' • …), of as
    many as the question counts, where its lead-in counts them ('There are 4 outcomes:' is not
    the five asked for)."""
    return any(
        listed in token_set(m.group("lead")) and count_agrees(counted, m.group("lead"), listed)
        for m in _LEAD_IN_LINE.finditer(text)
    )


class Retriever:
    def __init__(self, reader: IndexReader, embedder, settings: Settings):
        self.reader = reader
        self.embedder = embedder
        self.settings = settings
        self._context: IndexContext | None = None
        self._context_reader: IndexReader | None = None

    def _question_vector(self, query: str, expansion, also: tuple[str, ...] = ()) -> np.ndarray:
        """The vector the dense ranking searches with. When expansions make it another text than
        the question, the question itself is embedded in the same run (the embedder keeps both):
        the answer's sentence scoring compares sentences with the question as asked (key facts
        0.484 untuned with it, 0.477 with the expanded text's vector), and a second run of the
        model for it cost ~10 ms (ask p95 55 -> 76 ms at corpus size). `also`: other texts the
        search will embed (the question without the places it names), in the same run."""
        text = expansion.text if DENSE_EXPANDED else query
        both = getattr(self.embedder, "encode_questions", None)
        others = [t for t in (query, *also) if t != text]
        if others and both is not None:
            return both([text, *others])[0]
        return self.embedder.encode_question(text)

    @property
    def context(self) -> IndexContext:
        if self._context is None or self._context_reader is not self.reader:
            self._context, self._context_reader = IndexContext(self.reader), self.reader
        return self._context

    def retrieve(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        named: frozenset[str] = frozenset(),
    ) -> list[Passage]:
        """Hybrid search. `named`: documents the question names ("KCSIE 2024"); their own best
        passages join the fusion as a third ranking, so the edition asked about comes first."""
        return self.explain(query, k, filters, named)[0]

    def explain(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        named: frozenset[str] = frozenset(),
    ) -> tuple[list[Passage], Explanation]:
        """retrieve(), with how the order came about (`joinedup search --explain`)."""
        k = k or self.settings.k
        filters = filters or Filters()
        n = max(self.settings.candidates, k * 4)
        chunks = self.reader.chunks
        context = self.context
        expansion = context.vocabulary.expand(query)
        kind = question_kind(query)
        why = Explanation(
            expansion,
            kind,
            kind_term(query, kind),
            context.places_named(query),
        )
        placeless = without_places(query, why.places) if why.places else ""
        vector = self._question_vector(query, expansion, (placeless,) if placeless else ())
        dense = self._with_feedback(vector, self._dense(vector, n, filters), n, filters, why)
        lexical = [
            (cid, score)
            for cid, score in self._lexical(expansion.text, n * 3)
            if cid in chunks and filters.allows(chunks[cid])
        ][:n]
        similarity = dict(dense)
        missing = [cid for cid, _ in lexical if cid not in similarity]
        if missing:  # give lexical-only hits a real cosine too, for refusal and ranking
            similarity.update(self.cosines(vector, missing))
        why.rankings = {"dense": [c for c, _ in dense], "lexical": [c for c, _ in lexical]}
        defining = [
            cid
            for cid in context.defining(asked_term(query, kind))
            if cid in chunks and filters.allows(chunks[cid])
        ][:k]
        if defining:  # the passage that defines the term asked about (the closest) joins the fusion
            similarity.update(self.cosines(vector, [c for c in defining if c not in similarity]))
            why.rankings["definition"] = sorted(defining, key=lambda c: -similarity[c])[:1]
        if HISTORY_ASKED.search(query):
            told = [
                (cid, sim)
                for cid, sim in self.reader.search_within(vector, context.history_documents, n)
                if cid in chunks and filters.allows(chunks[cid])
            ]
            similarity.update({cid: sim for cid, sim in told if cid not in similarity})
            why.rankings["history"] = [cid for cid, _ in told]
        titled = [cid for cid in context.titled_sections(query) if filters.allows(chunks[cid])]
        if titled:  # 'the corporate parenting principles': the section headed so, its closest first
            similarity.update(self.cosines(vector, [c for c in titled if c not in similarity]))
            why.rankings["titled section"] = sorted(titled, key=lambda c: -similarity[c])[
                :TITLED_PASSAGES
            ]
        opening = [
            cid for cid in context.opening_sections(query, named) if filters.allows(chunks[cid])
        ]
        if opening:  # 'section 10 of the Children Act 2004': that section's own text
            similarity.update(self.cosines(vector, [c for c in opening if c not in similarity]))
            why.rankings["named section"] = opening
        # a local area the question names ('Lambeth's training pack says …') names its documents
        named = named | context.documents_of(why.places)
        if named:
            # within the area's own documents its name tells nothing: searched for with it, their
            # front matter and 'Oxfordshire's Children's Services are committed to …' came first
            # ('in oxfordshire what level is a child in need?' found 'Section 17 – children in
            # need (Level 3)' 10th)
            within = self.embedder.encode_question(placeless) if placeless else vector
            in_named = [
                (cid, sim)
                for cid, sim in self.reader.search_within(within, named, n * 2)
                if cid in chunks and filters.allows(chunks[cid])
            ][:n]
            similarity.update({cid: sim for cid, sim in in_named if cid not in similarity})
            why.rankings["named document"] = each_document_in_turn(in_named, chunks)
        scores = self._fuse(why, named)
        fused = sorted(scores.items(), key=lambda item: item[1], reverse=True)
        lex = dict(lexical)
        passages = [
            Passage(
                chunk=chunks[cid],
                score=score,
                similarity=similarity.get(cid, 0.0),
                lexical=lex.get(cid, 0.0),
            )
            for cid, score in fused
        ]
        kept = deduplicate(passages, limit=k)  # of these only, whether each runs on
        kept = self._with_lead_ins(kept, vector, k)
        kept = self._with_list_ends(kept, vector, k)
        return [replace(p, runs_on=context.runs_on(p.chunk.id)) for p in kept], why

    def _with_lead_ins(self, kept: list[Passage], vector, k: int) -> list[Passage]:
        """A passage opening in the middle of a list (its first points, no lead-in) is followed by
        the passage before it in its section, which holds the list's lead-in and first points
        (trial W: 'significant harm not substantiated - what happens next?' found the passage
        opening with the list's last point, '• consider the plans for ongoing assessment …', but
        not 'Where concerns of significant harm are not substantiated Lead practitioners should:
        • discuss the case …' before it)."""
        have = {p.chunk.id for p in kept}
        out: list[Passage] = []
        for p in kept:
            out.append(p)
            before = self.context.lead_in_before(p.chunk.id)
            if before is not None and before not in have:
                have.add(before)
                out.append(self._brought(p, before, vector))
        return out[:k]

    def _brought(self, found: Passage, cid: str, vector) -> Passage:
        """The passage `cid`, brought along with `found` (its list's lead-in or end): `found`'s
        place in the ranking, its own closeness to the question."""
        similarity = self.cosines(vector, [cid]).get(cid, 0.0)
        return replace(found, chunk=self.reader.chunks[cid], similarity=similarity, lexical=0.0)

    def _with_list_ends(self, kept: list[Passage], vector, k: int) -> list[Passage]:
        """The passages after the leading ones whose list goes on in the next passage of their
        section, so the answer can quote the list whole (trial EE: the Welsh relevant partners
        stopped at '(bb) …'; '(c) a youth offending team' to '(g)' were on the next page)."""
        have = {p.chunk.id for p in kept}
        ends: list[Passage] = []
        for p in kept[:LIST_END_DEPTH]:
            after = self.context.list_goes_on_in(p.chunk.id)
            if after is not None and after not in have:
                have.add(after)
                ends.append(self._brought(p, after, vector))
        return [*kept, *ends]  # after the k ranked, which they do not displace

    def _fuse(self, why: Explanation, named: frozenset[str]) -> dict[str, float]:
        """Reciprocal rank fusion, then the kind-of-fact lift and authority on the leading candidates."""
        contributions: dict[str, dict[str, float]] = {}
        for name, ranking in why.rankings.items():
            weight = RANKING_WEIGHTS.get(name, 1.0)
            for rank, cid in enumerate(ranking):
                contributions.setdefault(cid, {})[name] = weight / (RRF_K + rank + 1)
        scores = {cid: sum(parts.values()) for cid, parts in contributions.items()}
        chunks = self.reader.chunks
        place_docs = (
            set().union(*(self.context.place_names[p] for p in why.places)) if why.places else set()
        )
        local_asked = bool(place_docs or named or LOCAL_HINT.search(why.expansion.question))
        law_asked = bool(LAW_ASKED.search(why.expansion.question))
        elsewhere = asked_outside_school(why.expansion.question)
        reading_asked = bool(SIGNPOST_ASKED.search(why.expansion.question))
        listed = listed_noun(why.expansion.question)
        counted = count_asked(why.expansion.question) if listed else None
        leading = [c for c, _ in sorted(scores.items(), key=lambda i: i[1], reverse=True)]
        # the definition and the named section asked for are lifted wherever they stand
        asked_for = [*why.rankings.get("definition", []), *why.rankings.get("named section", [])]
        for cid in dict.fromkeys([*leading[:LIFT_DEPTH], *asked_for]):
            chunk, parts = chunks[cid], contributions[cid]
            # (a reason is said too many ways, 'as a result of' most of them in passing, to lift by)
            if why.kind not in (Kind.NONE, Kind.REASON) and passage_holds(
                why.kind, chunk.text, why.term
            ):
                parts[f"{why.kind.value} lift"] = KIND_LIFT
                scores[cid] += KIND_LIFT
            elif listed and names_its_list(chunk.text, listed, counted):
                # 'what are the key reforms …?': the list whose lead-in names them
                parts["list lift"] = KIND_LIFT
                scores[cid] += KIND_LIFT
            factor = 1.0
            if chunk.doc_id in place_docs:
                factor = NAMED_PLACE_FACTOR
            elif law_asked and chunk.kind == "legislation":
                factor = LAW_FACTOR
            elif chunk.kind in SECONDARY_KINDS and not local_asked:
                factor = SECONDARY_FACTOR
            elif elsewhere and for_schools(chunk):
                factor = OTHER_SETTING_FACTOR
            if is_note(chunk) or is_act_annotation(chunk):
                factor *= FOOTNOTE_FACTOR
            if not reading_asked and is_reference_list(chunk.section, chunk.text):
                factor *= RESOURCE_LIST_FACTOR
            if factor != 1.0:
                parts["authority"] = scores[cid] * (factor - 1.0)
                scores[cid] *= factor
        why.contributions = contributions
        return scores

    def _with_feedback(
        self, vector, dense: list[tuple[str, float]], n: int, filters: Filters, why: Explanation
    ) -> list[tuple[str, float]]:
        """The dense ranking again, from the question's vector moved toward its closest passages
        (FEEDBACK_WEIGHT); each passage keeps its cosine to the question itself."""
        if FEEDBACK_WEIGHT <= 0 or not dense:
            return dense
        closest = [cid for cid, _ in dense[:FEEDBACK_PASSAGES]]
        found = self.reader.vectors(closest)
        if not found:
            return dense
        moved = vector + FEEDBACK_WEIGHT * np.mean(
            [found[c] for c in closest if c in found], axis=0
        )
        moved = (moved / np.linalg.norm(moved)).astype(vector.dtype)
        ranked = self._dense(moved, n, filters)
        cosines = self.cosines(vector, [cid for cid, _ in ranked])
        why.feedback = [c for c in closest if c in found]
        return [(cid, cosines.get(cid, sim)) for cid, sim in ranked]

    def _lexical(self, query: str, n: int) -> list[tuple[str, float]]:
        """BM25 over each chunk with its better neighbour in the same section (small-to-big)."""
        lexical = self.reader.lexical
        own = lexical.scores(query)
        if own is None:
            return []
        context = self.context
        padded = np.append(own, 0.0)  # index -1 (no neighbour) reads 0
        window = own + NEIGHBOUR_WEIGHT * np.maximum(padded[context.prev], padded[context.next])
        n = min(n, len(window))
        top = np.argpartition(-window, n - 1)[:n] if n < len(window) else np.arange(len(window))
        top = top[np.argsort(-window[top], kind="stable")]
        return [(lexical.ids[int(i)], float(window[i])) for i in top if own[i] > 0 or window[i] > 0]

    def _dense(self, vector, n: int, filters: Filters) -> list[tuple[str, float]]:
        """Unfiltered search, filtered here: Chroma's metadata pre-filter costs ~12 ms a query
        (measured on 5,000 chunks) against ~1 ms without. When the filter leaves too few hits, an
        exact index ranks every chunk; an HNSW one ranks the named documents' chunks exactly (a
        document filter), or searches DENSE_WIDENING times as deep unfiltered before it runs
        Chroma's filtered query: at 100,000 chunks that query took 150-290 ms, the deeper search
        5 ms, and a superseded edition's passages (the current one repeats their text) had
        crowded the first 2n hits of five school questions of the dev set."""
        chunks = self.reader.chunks

        def allowed(ranked: list[tuple[str, float]]) -> list[tuple[str, float]]:
            return [
                (cid, sim) for cid, sim in ranked if cid in chunks and filters.allows(chunks[cid])
            ]

        hits = allowed(self.reader.dense_search(vector, n * 2))
        if len(hits) >= n or len(hits) == len(chunks):
            return hits[:n]
        if self.reader.exact_search:
            return allowed(self.reader.dense_search(vector, len(chunks)))[:n]
        if filters.doc_ids:
            within = self.reader.search_within(vector, frozenset(filters.doc_ids), len(chunks))
            return allowed(within)[:n]
        deeper = allowed(self.reader.dense_search(vector, n * DENSE_WIDENING))
        if len(deeper) >= n:
            return deeper[:n]
        return allowed(self.reader.dense_search(vector, n, filters.where()))

    def cosines(self, vector, ids: list[str]) -> dict[str, float]:
        """Each chunk's cosine similarity to the vector (the chunks' stored vectors)."""
        import numpy as np

        return {cid: float(np.dot(vector, emb)) for cid, emb in self.reader.vectors(ids).items()}


def each_document_in_turn(ranked: list[tuple[str, float]], chunks: dict[str, Chunk]) -> list[str]:
    """Chunk ids taken from each document in turn, each document's closest first: a question that
    names two editions ("between KCSIE 2024 and KCSIE 2025") is answered from both, not from
    whichever edition happens to sit closer to its words."""
    by_document: dict[str, list[str]] = {}
    for cid, _ in ranked:
        by_document.setdefault(chunks[cid].doc_id, []).append(cid)
    queues = list(by_document.values())  # documents in the order of their closest passage
    return [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


def _opens_mid_list(text: str) -> bool:
    """The chunk opens with a list's point (a bullet, in lower case): its lead-in came before."""
    opening = text.lstrip()
    return bool(BULLET.match(opening)) and BULLET.sub("", opening)[:1].islower()


def deduplicate(
    passages: list[Passage], threshold: float = 0.85, limit: int | None = None
) -> list[Passage]:
    """Drop passages whose words mostly repeat a better-ranked one (e.g. two editions' same text)."""
    kept: list[Passage] = []
    kept_tokens: list[frozenset[str]] = []
    for passage in passages:
        if limit is not None and len(kept) >= limit:
            break
        tokens = token_set(passage.chunk.text)
        size = len(tokens)
        # Jaccard is at most the smaller set's size over the larger's: most pairs are ruled out
        # by their sizes before any set is intersected (a quiz's 300 passages make 45,000 pairs)
        if any(
            min(size, len(other)) >= threshold * max(size, len(other))
            and _jaccard(tokens, other) >= threshold
            for other in kept_tokens
        ):
            continue
        kept.append(passage)
        kept_tokens.append(tokens)
    return kept


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
