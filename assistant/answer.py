"""The one answer chain every front end uses (CLI, web, quiz, eval).

AnswerService.ask(question, history) runs `chain`, five steps, each taking the one before's result:

  _prepare   AskRequest -> Question    validate, redact personal details, condense a follow-up
  _retrieve  Question   -> Retrieved   hybrid search for passages (assistant/retrieval.py)
  _compose   Retrieved  -> Composed    refuse (_refusal) or answer with the backend (_answer,
                                       _answer_with: verified, cited) -> a Reply
  _mend_typos_if_refused  Composed -> Composed   a refused question with typos, asked again mended
  _finish    Composed   -> Answer      notices on what was cited (superseded, jurisdiction)

Built from LangChain Runnables so steps can be traced, batched or swapped; our own frozen
dataclasses travel through it. No front end talks to Chroma or a model directly.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import zip_longest
from pathlib import Path

from assistant.answerability import (
    UNSEEN_MIN_VOCABULARY,
    acronyms_written_out,
    field_named,
    find_gap,
    first_aid_not_held,
    nearest_label,
    with_expansions,
)
from assistant.backends import get_backend
from assistant.backends.base import NOT_COVERED, AnswerBackend
from assistant.backends.extractive import (
    CLAIM_SHOWN,
    ExtractiveBackend,
    answer_sentences,
    sentence_key,
)
from assistant.config import Settings
from assistant.duty import NO_DUTY_KINDS, duty_of
from assistant.emergency import EmergencyDetector
from assistant.errors import BackendUnavailable, EmptyQuestion, QuestionTooLong
from assistant.followup import standalone
from assistant.library import holds_authority
from assistant.prompts import load_prompt, render_prompt
from assistant.question_kind import Kind, question_kind
from assistant.retrieval import Filters, Retriever, wants_superseded
from assistant.safety import find_personal_data
from assistant.scope import OutOfScope, ScopeCheck, passages_naming
from assistant.sentence_meaning import SentenceMeaning
from assistant.setting import ENGLAND, WALES, asker_opening, for_england_only
from assistant.store import IndexReader, LiveIndex
from assistant.text import (
    MARKER,
    split_at_markers,
    stems,
    token_set,
    tokenize,
    without_local_label,
    words_of,
)
from assistant.types import Answer, Citation, DocumentRecord, Notice, Passage
from assistant.verify import verify_answer

QUOTING_INSTEAD = "Showing quoted passages instead."
# the words that ask what a thing is for, not what it is about (review 25: 'what's the point of a
# PEP?' was refused, 'point' in no passage)
ASKING_A_PURPOSE = frozenset(tokenize("point purpose aim objective goal"))
UNCHECKED_ANSWER = (
    "The generated answer could not be checked against the passages, "
    "so quoted passages are shown instead."
)
TOPIC_WORDS = 3  # at most, said with a place first: a topic ('CERAF', 'SW', 'LADO'), not a clause
# words that go with a place said first ('SW in northants - …', 'west northants -', 'Lambeth's',
# 'northants-based'), not what the question is about
PLACE_WORDS = frozenset(
    "in at for from of across and or s based north south east west city county borough".split()
)
WRITTEN_OUT_PASSAGES = 3  # the leading passages compared with the question written out
# ... and how close one must be: more than the refusal threshold, as a name written in moves the
# vector further than the question's own words would (q063: 0.43 typed, 0.76 written out; 'How
# often should the SENCO update the SEN register?', which nothing answers: 0.27, 0.54)
WRITTEN_OUT_MIN = 0.6
GENERIC_WORDS = stems(  # words that say nothing of a question's subject
    "make good best way use get need say tell know mean explain describe happen work like much "
    "many call thing something kind matter think came went "
    # 'who is supposed to lead the core group?', 'who's meant to chair it?' (trial X); 'does the
    # new kcsie count fake news as …?' (review 21)
    "supposed meant new count counts counted classed regarded considered".split()
)


@dataclass
class Turn:
    question: str
    answer: str = ""


@dataclass
class AskRequest:
    question: str
    history: list[Turn] = field(default_factory=list)
    filters: Filters | None = None
    k: int | None = None
    backend: str | None = None
    strict_backend: bool = (
        False  # an unreachable backend raises BackendUnavailable (CLI) instead of quoting (web)
    )


def in_turn(first: list[Passage], second: list[Passage], k: int) -> list[Passage]:
    """The two searches' passages taken in turn (first's best, second's best, …), each once, k in
    all: what to do now in an emergency, and what the guidance says of its own situation ('taken
    abroad to marry'), side by side."""
    found_first = {p.chunk.id: p for p in first}  # one both found keeps the first's scores
    merged: dict[str, Passage] = {}
    for pair in zip_longest(first, second):
        for passage in pair:
            if passage is not None and passage.chunk.id not in merged:
                merged[passage.chunk.id] = found_first.get(passage.chunk.id, passage)
    return list(merged.values())[:k]


@dataclass(frozen=True)
class Question:
    """A question ready to search for: what the chain's first step (_prepare) makes of a request."""

    request: AskRequest
    asked: str  # as typed, checked: read only to tell whether it is about Wales or England
    safe: str  # personal details replaced by placeholders: the only form that leaves the chain
    standalone: str  # a follow-up made to stand alone (assistant/followup.py)
    retrieval_query: str  # what is searched for: the standalone question (+ emergency words)
    notices: tuple[Notice, ...]  # an emergency, personal details given
    started: float  # time.perf_counter() when the chain started
    emergency: bool = False  # a child may be at immediate risk (assistant/emergency.py)


@dataclass(frozen=True)
class Retrieved:
    """The passages found for a question (_retrieve)."""

    question: Question
    passages: list[Passage]
    retrieve_ms: float


@dataclass(frozen=True)
class Reply:
    """What composing gave (_compose): the answer text with its citations, or a refusal."""

    text: str
    citations: tuple[Citation, ...]
    refused: bool = False
    backend: str = ""  # "llamacpp->extractive": the backend could not answer, passages are quoted
    notices: tuple[Notice, ...] = ()  # how it was composed: a fallback, commentary only


@dataclass(frozen=True)
class Composed:
    """A question with its reply (_compose); _finish adds the notices and makes the Answer."""

    question: Question
    reply: Reply
    retrieve_ms: float
    answer_ms: float


def validate_question(question: str | None, max_chars: int) -> str:
    text = (question or "").strip()
    if not text:
        raise EmptyQuestion("please type a question: it was empty")
    if len(text) > max_chars:
        raise QuestionTooLong(
            f"the question is {len(text)} characters long; the limit is {max_chars}: please shorten it"
        )
    return text


def condense(question: str, history: list[Turn], where: frozenset[str] = frozenset()) -> str:
    """Make a follow-up stand alone by resolving what it refers to in the conversation
    (assistant/followup.py: deterministic, no model); the follow-up's own words come first.
    `where`: the one-word names of places and documents a question may open with ('kcsie - …')."""
    return standalone(question, [t.question for t in history], where)


def known_publishers(catalogue, reader: IndexReader) -> frozenset[str]:
    """Documents whose publisher the catalogue or the document's sidecar names. Citations of the
    rest are marked as unverified sources: anyone can drop a file into the documents folder."""
    import yaml

    from assistant.catalogue import read_sidecar
    from assistant.errors import BadSidecar

    known = set()
    for doc_id, doc in reader.manifest.documents.items():
        entry = catalogue.by_id(doc_id)
        try:
            side = read_sidecar(Path(doc.source_path)) if doc.source_path else None
        except (
            OSError,
            ValueError,
            yaml.YAMLError,
            BadSidecar,
        ):  # unreadable or malformed: not a known publisher
            side = None
        if (entry and entry.publisher) or (isinstance(side, dict) and side.get("publisher")):
            known.add(doc_id)
    return frozenset(known)


@dataclass(frozen=True)
class IndexView:
    """One generation of the index and what is built on it."""

    reader: IndexReader
    retriever: Retriever
    scope: ScopeCheck
    known_publishers: frozenset[str]  # documents whose publisher the catalogue or a sidecar names


# a question said to start a new case ('and another one - a mum told me …', review 22b)
A_NEW_CASE = re.compile(
    r"\b(?:another (?:one|case|child|family|question)|different (?:case|child|family|question)"
    r"|new (?:case|question)|unrelated|separate (?:case|question)|something else)\b",
    re.IGNORECASE,
)
# a question going on with the conversation: it opens on the child as 'she' or 'he' ('ok shes just
# walked back in at 10pm …') or as a follow-up does ('what about a disabled lad where …', 'so when
# CSC ask for info do i just send them our whole file?': trial AA), not any question naming a he or
# she ('different case - a year 9 boy told me his stepdad hits him', review 22)
GOES_ON_WITH_THE_CASE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|update|now)\b[\s,:;-]*)?"
    r"(?:(?:so|and|but)\b[\s,]*)?(?:she|he|she['’]?s|he['’]?s|shes|hes|what about|what if)\b"
    r"|^\W*(?:so|and|but|also)\b",
    re.IGNORECASE,
)


class AnswerService:
    def __init__(
        self, settings: Settings, reader: IndexReader | None = None, embedder=None, backend=None
    ):
        self.settings = settings
        self._reader = reader
        self._embedder = embedder
        self._backend = backend
        self._extractive = ExtractiveBackend(settings.answer_words)
        self._views: dict[IndexReader, IndexView] = {}  # the live generation's, and the one before
        self._view_lock = threading.Lock()
        self._pinned: ContextVar[IndexView | None] = ContextVar(
            f"joinedup-index-{id(self)}", default=None
        )

    # lazily built parts: nothing loads until the first question
    @cached_property
    def index(self) -> LiveIndex:
        """The given reader, or the store's live generation, followed as ingests replace it."""
        if self._reader is not None:
            return LiveIndex.fixed(self._reader)
        return LiveIndex(
            self.settings.store,
            self.settings.collection,
            self.settings.store_check_ms,
            prepare=self._warm_view,
        )

    def view(self) -> IndexView:
        """The index a question runs on: the one pinned when it started (see pinned), else the live one."""
        pinned = self._pinned.get()
        return pinned if pinned is not None else self._view_of(self.index.current())

    def _view_of(self, reader: IndexReader) -> IndexView:
        with self._view_lock:
            view = self._views.get(reader)
            if view is None:
                from assistant.catalogue import Catalogue

                catalogue = Catalogue.load(self.settings.catalogue)
                scope = ScopeCheck(catalogue, set(reader.manifest.documents))
                view = self._views[reader] = IndexView(
                    reader,
                    Retriever(reader, self.embedder, self.settings),
                    scope,
                    known_publishers(catalogue, reader),
                )
                while len(self._views) > 2:
                    del self._views[next(iter(self._views))]
            return view

    def _warm_view(self, reader: IndexReader) -> None:
        """A new generation is loaded before any question is sent to it."""
        _ = reader.chunks
        retriever = self._view_of(reader).retriever
        retriever.retrieve("safeguarding partners", k=1)
        retriever.context.speller.warm_up()
        gc.freeze()  # as in warm_up

    @contextlib.contextmanager
    def pinned(self):
        """Everything inside runs on one generation, kept open until the block ends."""
        if self._pinned.get() is not None:
            yield
            return
        with self.index.borrow() as reader:
            token = self._pinned.set(self._view_of(reader))
            try:
                yield
            finally:
                self._pinned.reset(token)

    @property
    def reader(self) -> IndexReader:
        pinned = self._pinned.get()
        return pinned.reader if pinned is not None else self.index.current()

    @cached_property
    def embedder(self):
        if self._embedder is not None:
            return self._embedder
        from assistant.embeddings import get_embedder

        return get_embedder(self.settings)

    @cached_property
    def emergency(self) -> EmergencyDetector:
        return EmergencyDetector(self.embedder)

    @property
    def scope(self) -> ScopeCheck:
        return self.view().scope

    @property
    def known_publishers(self) -> frozenset[str]:
        """Documents of this generation whose publisher the catalogue or a sidecar names."""
        return self.view().known_publishers

    @property
    def retriever(self) -> Retriever:
        return self.view().retriever

    def backend_for(self, name: str | None) -> AnswerBackend:
        """The backend by name (None: the configured one). An unknown name raises UnknownBackend."""
        if name in (None, self.settings.backend) and self._backend is not None:
            return self._backend
        backend = get_backend(self.settings, name)
        if name is None:
            self._backend = backend
        return backend

    @cached_property
    def chain(self):
        """AskRequest -> Answer: the five steps below (see the module's docstring)."""
        from langchain_core.runnables import RunnableLambda

        return (
            RunnableLambda(self._prepare, name="prepare")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._compose, name="compose")
            | RunnableLambda(self._mend_typos_if_refused, name="mend typos")
            | RunnableLambda(self._finish, name="finish")
        )

    def warm_up(self) -> None:
        """Load the index, the model, the lexical index and the chain now rather than on the first question."""
        _ = self.reader.chunks
        if self.settings.sentence_meaning:
            _ = self.reader.sentences.rows
        _ = self.chain
        _ = self.scope
        _ = self.known_publishers
        self.emergency("warm up")
        self.retriever.retrieve("safeguarding partners", k=1)
        self.retriever.context.speller.warm_up()
        # The index's chunk objects (100,000 at scale) live as long as the process; freezing them
        # keeps Python's cyclic garbage collector from rescanning them during questions
        # (measured at 100,000 chunks: ask p95 68 -> 51 ms).
        gc.freeze()

    # --- public API -----------------------------------------------------------------------

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        filters: Filters | None = None,
        k: int | None = None,
        backend: str | None = None,
        strict_backend: bool = False,
    ) -> Answer:
        """Answer a question (the conversation so far in `history`), on one index generation."""
        with self.pinned():
            return self.chain.invoke(
                AskRequest(question, list(history or []), filters, k, backend, strict_backend)
            )

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        topic: bool = False,
    ) -> list[Passage]:
        return self.search_explained(query, k, filters, topic)[0]

    def search_explained(
        self,
        query: str,
        k: int | None = None,
        filters: Filters | None = None,
        topic: bool = False,
    ):
        """search(), with how the order came about (retrieval.Explanation). `topic`: the query is
        a topic's words (a trainer's quiz topic), never a situation: no emergency search."""
        query = validate_question(query, self.settings.max_question_chars)
        query = find_personal_data(query).redacted
        emergency = not topic and self.emergency(query)
        retrieval_query = self.retrieval_query(query, emergency)
        k = k or self.settings.k
        filters = self._filters_for(query, filters)
        named = self.scope.named_documents(query)
        with self.pinned():
            passages, why = self.retriever.explain(retrieval_query, k, filters, named=named)
            if retrieval_query != query:  # an emergency, searched as _retrieve searches one
                passages = self._with_situation(passages, query, k, filters, named)
                why = replace(why, also_searched=query)
            return passages, why

    def _with_situation(
        self, passages: list[Passage], asked: str, k: int, filters: Filters, named: frozenset[str]
    ) -> list[Passage]:
        """An emergency's passages on what to do now, taken in turn with those the question as
        asked finds: what the guidance says of the situation told ('taken abroad to marry')."""
        return in_turn(passages, self.retriever.retrieve(asked, k, filters, named=named), k)

    def _without_place_said_first(self, question: str) -> str:
        """'lambeth - who do I report an allegation to?' -> 'who do I report an allegation to?';
        what else opens it stays ('northants CERAF - when do i need to do one?' -> 'CERAF - when do
        i need to do one?': trial S, its follow-up 'how often do we update it?' lost the CERAF)."""
        head = asker_opening(question)  # what opens it before a dash or colon, as who asks is read
        places = self.retriever.context.places_named(head.group("who")) if head else ()
        if not places:
            return question
        # word by word as places are named ('Lambeth's LADO', 'lambeth/northants'), without the
        # words that only went with the place ('west northants', 'SW in northants', 'northants-based')
        kept = [
            w
            for w in re.findall(r"[A-Za-z0-9]+", head.group("who"))
            if w.lower() not in places and w.lower() not in PLACE_WORDS
        ]
        rest = question[head.end() :]
        # a topic named with the place stays ('northants CERAF -'); a clause said with it goes, as
        # the place does ('in lambeth once a child is assessed as CIN, when does …': trial U)
        return f"{' '.join(kept)} - {rest}" if 0 < len(kept) <= TOPIC_WORDS else rest

    def _with_place_asked_before(self, standalone: str, asked: str, history: list[Turn]) -> str:
        """A follow-up made to stand alone keeps the local area the conversation is about ('northants
        - girl missing since fri, when is the strategy meeting?' -> 'and who chairs it?' is asked
        of Northamptonshire's protocol), unless it names a place of its own. A question too long to
        be read as a follow-up keeps it too when it goes on telling the same case ('ok shes just
        walked back in at 10pm. do i still need to tell the police?': trial Z). The document the
        question before named is kept the same way ('… in the info sharing advice?' -> 'so when CSC
        ask for info do i just send them our whole file?')."""
        if not history or (standalone == asked and not GOES_ON_WITH_THE_CASE.search(asked)):
            return standalone
        if A_NEW_CASE.search(asked):
            return standalone
        places = self.retriever.context.places_named
        if places(standalone) or WALES.search(standalone) or ENGLAND.search(standalone):
            return standalone  # a place of its own ('and in Wales?')
        before = list(places(history[-1].question))
        if not self.scope.named_documents(standalone):  # … and the document it named, if any
            named = self.scope.named_documents(history[-1].question)
            before += [self.scope.short_name(doc_id) for doc_id in sorted(named)]
        if not before:
            return standalone
        body, end = standalone.rstrip("?.! "), standalone[len(standalone.rstrip("?.! ")) :]
        return f"{body} (in {', '.join(before)}){end}"

    def retrieval_query(self, question: str, emergency: bool) -> str:
        """In an emergency the guidance that helps is what to do now: retrieve for that too."""
        return f"{question} {load_prompt('emergency_query')}" if emergency else question

    # --- chain steps: AskRequest -> Question -> Retrieved -> Composed -> Answer -------------

    def _prepare(self, request: AskRequest) -> Question:
        """Check the question, redact personal details, and make a follow-up stand alone."""
        started = time.perf_counter()
        asked = validate_question(request.question, self.settings.max_question_chars)
        personal = find_personal_data(asked)
        safe = personal.redacted  # nothing below sees a child's details, not even the model
        notices: list[Notice] = []
        emergency = self.emergency(safe)
        if emergency:
            notices.append(Notice("emergency", load_prompt("emergency")))
        if personal.found:
            kinds = ", ".join(personal.kinds)
            notices.append(Notice("personal_data", render_prompt("personal_data", kinds=kinds)))
        history = [Turn(find_personal_data(t.question).redacted, t.answer) for t in request.history]
        # a local area said first ('lambeth - who do I tell …?') is where, not what, it is about
        unplaced = [Turn(self._without_place_said_first(t.question), t.answer) for t in history]
        where = self.scope.one_word_names | self.retriever.context.place_words
        standalone = self._with_place_asked_before(condense(safe, unplaced, where), safe, history)
        return Question(
            request=request,
            asked=asked,
            safe=safe,
            standalone=standalone,
            retrieval_query=self.retrieval_query(standalone, emergency),
            notices=tuple(notices),
            started=started,
            emergency=emergency,
        )

    def _filters_for(self, question: str, filters: Filters | None) -> Filters:
        filters = filters or Filters()
        asks_old = wants_superseded(question) or self.scope.names_superseded(question)
        if not filters.include_superseded and asks_old:
            filters = Filters(filters.jurisdiction, filters.kinds, filters.doc_ids, True)
        return filters

    def _retrieve(self, question: Question) -> Retrieved:
        """The passages the answer may quote (hybrid search, see assistant/retrieval.py)."""
        t0 = time.perf_counter()
        request = question.request
        k = request.k or self.settings.k
        filters = self._filters_for(question.standalone, request.filters)
        named = self.scope.named_documents(question.standalone)
        passages = self.retriever.retrieve(question.retrieval_query, k, filters, named=named)
        if question.retrieval_query != question.standalone:  # an emergency
            passages = self._with_situation(passages, question.standalone, k, filters, named)
        return Retrieved(question, passages, retrieve_ms=(time.perf_counter() - t0) * 1000)

    def _compose(self, retrieved: Retrieved) -> Composed:
        """Refuse, or answer from the passages with the requested backend."""
        t0 = time.perf_counter()
        question, passages = retrieved.question, retrieved.passages
        backend = self.backend_for(question.request.backend)
        outside = self.scope.check(question.standalone)
        notices: tuple[Notice, ...] = ()
        if outside and outside.names:
            naming = passages_naming(passages, outside.names)
            if naming:  # the index holds commentary that names the document: answer from that
                # alone, as the notice says (dev q012's commentary on the Family Hubs guide was 5th,
                # and two passages on poverty that do not name it were quoted after it)
                outside, passages = None, naming
                notices = (Notice("info", load_prompt("commentary_only")),)
        reply = self._refusal(outside, question, passages, backend.name) or self._answer(
            backend, question, passages
        )
        return Composed(
            question,
            replace(reply, notices=notices + reply.notices),
            retrieve_ms=retrieved.retrieve_ms,
            answer_ms=(time.perf_counter() - t0) * 1000,
        )

    def _refusal(
        self,
        outside: OutOfScope | None,
        question: Question,
        passages: list[Passage],
        backend_name: str,
    ) -> Reply | None:
        """Why the question is not answered from these passages; None when it is answered.
        `outside`: the scope check's finding that the question is about a document not held."""
        if outside:
            return Reply(outside.reason, (), refused=True, backend=backend_name)
        if not self.covered(question.standalone, passages):
            return Reply(load_prompt("refusal"), (), refused=True, backend=backend_name)
        if question.emergency:
            # A child at risk now: what to do comes from the passages on responding to concerns,
            # whatever detail of the story ('not even crawling yet') they do not repeat; only
            # first aid, which the guidance never teaches, is said to be missing.
            gap = first_aid_not_held(question.standalone, passages)
        else:
            lexical = self.reader.lexical
            broad = lexical.vocabulary_size >= UNSEEN_MIN_VOCABULARY
            unseen = self.retriever.context.speller.unseen if broad else None
            sections = self.retriever.context.sections
            gap = find_gap(question.standalone, passages, lexical.idf, unseen, sections)
        if not gap:
            return None
        nearest = passages[gap.nearest_passage - 1]
        text = render_prompt("refusal_gap", missing=gap.missing, nearest=nearest_label(nearest))
        return self._reply_citing(text, [nearest], backend_name, refused=True)

    def _answer(self, backend: AnswerBackend, question: Question, passages: list[Passage]) -> Reply:
        """The backend's answer; a quoting one that would repeat the previous answer's lead
        sentence quotes other sentences instead."""
        self._give_meaning(backend)
        reply = self._answer_with(backend, question, passages)
        history = question.request.history
        if backend.generative or not repeats(reply.text, history, question.safe):
            return reply
        avoid = answer_sentences(history[-1].answer)
        text = self._extractive.compose(question.retrieval_query, passages, avoid=avoid)
        text, citations = self._cite(text, passages)
        return replace(reply, text=text, citations=tuple(citations))

    @cached_property
    def sentence_meaning(self) -> SentenceMeaning | None:
        if not self.settings.sentence_meaning:
            return None
        return SentenceMeaning(self.embedder, stored=lambda: self.reader.sentences)

    def _give_meaning(self, backend) -> None:
        """The extractive backend scores sentences by meaning with the chain's embedder."""
        for extractive in (backend, self._extractive):
            if isinstance(extractive, ExtractiveBackend) and extractive.meaning is None:
                extractive.meaning = self.sentence_meaning

    def covered(self, question: str, passages: list[Passage]) -> bool:
        """Answer only on good evidence: a passage close in meaning to the question, or a fairly
        close one that contains the question's distinctive words (names, acronyms)."""
        if not passages:
            return False
        best = max(p.similarity for p in passages)
        if best >= self.settings.refusal_threshold or self._close_written_out(question, passages):
            return True
        coverage = self.term_coverage(with_expansions(question), passages[:3])
        return (
            best >= self.settings.refusal_floor and coverage >= self.settings.refusal_min_coverage
        )

    def _close_written_out(self, question: str, passages: list[Passage]) -> bool:
        """A passage close in meaning to the question with its acronyms written out where they
        stand: the model reads 'DSL' as letters ('How often does my DSL training need redoing?'
        is 0.43 from the passage on DSL training, 0.76 written out)."""
        written = acronyms_written_out(question)
        if written == question:  # no acronym the hand-kept table knows
            return False
        vector = self.embedder.encode_question(written)
        ids = [p.chunk.id for p in passages[:WRITTEN_OUT_PASSAGES]]
        return max(self.retriever.cosines(vector, ids).values(), default=0.0) >= WRITTEN_OUT_MIN

    def term_coverage(self, question: str, passages: list[Passage]) -> float:
        """Share of the question's words (weighted by rarity) found in the top passages."""
        lexical = self.reader.lexical
        # a local area the index knows says where, not what: 'northants' is in no passage's words
        # (they say 'Northamptonshire'), and weighed as unseen it refused 'who chairs the strategy
        # meeting (in northants)?' (trial T)
        places = stems(self.retriever.context.places_named(question))
        words = {t for t in tokenize(question) if t not in GENERIC_WORDS and t not in places}
        if question_kind(question) is Kind.PURPOSE:  # 'what's the point of a PEP?' asks a purpose
            words -= ASKING_A_PURPOSE
        found = frozenset().union(*(token_set(p.chunk.text) for p in passages))
        # so does the name of a document the question names, where its passages do not say it
        # ('kcsie - how often …?': no passage says 'KCSIE', trial FF's question was refused)
        titles = frozenset().union(*(words_of(n) for n in self.scope.names_said(question)))
        words -= titles - found
        if not words:
            return 0.0
        # a practitioner's word the passages say in the documents' words ('redo' training:
        # 'updated', 'refreshed'; an acronym they spell out) is found where those are
        expansion = self.retriever.context.vocabulary.expand(question)
        for said, added, _ in expansion.matched:
            if any(words_of(a) and words_of(a) <= found for a in added):
                found |= words_of(said)
        total = sum(lexical.idf(t) for t in words)
        return sum(lexical.idf(t) for t in words & found) / total

    def _answer_with(
        self, backend: AnswerBackend, question: Question, passages: list[Passage]
    ) -> Reply:
        """The backend composes; a generative backend's sentences are kept only where the
        passages support them. Unreachable or unchecked, it falls back to quoting (and says so),
        unless the request is strict (the CLI), when BackendUnavailable is raised."""
        query = question.retrieval_query
        if not backend.generative:
            return self._reply_citing(backend.compose(query, passages), passages, backend.name)
        try:
            raw = backend.compose(query, passages)
        except BackendUnavailable as exc:
            if question.request.strict_backend:
                raise
            return self._quote_instead(backend, query, passages, f"{exc}. {QUOTING_INSTEAD}")
        if raw.strip() == NOT_COVERED:
            return Reply(load_prompt("refusal"), (), refused=True, backend=backend.name)
        kept = [s for s in verify_answer(raw, passages) if s.supported]
        if not kept:
            return self._quote_instead(backend, query, passages, UNCHECKED_ANSWER)
        text = " ".join(f"{s.text} " + "".join(f"[{n}]" for n in s.cited) for s in kept)
        return self._reply_citing(text, passages, backend.name)

    def _quote_instead(
        self, backend: AnswerBackend, query: str, passages: list[Passage], why: str
    ) -> Reply:
        """The generative backend could not give a checked answer: quote the passages."""
        text = self._extractive.compose(query, passages)
        reply = self._reply_citing(text, passages, f"{backend.name}->extractive")
        return replace(reply, notices=(Notice("info", why),))

    def _reply_citing(
        self, text: str, passages: list[Passage], backend_name: str, refused: bool = False
    ) -> Reply:
        text, citations = self._cite(text, passages)
        return Reply(text, tuple(citations), refused=refused, backend=backend_name)

    def _cite(self, text: str, passages: list[Passage]) -> tuple[str, list[Citation]]:
        """Renumber markers so citations run 1..m in order of first use; only cited passages."""
        order: dict[int, int] = {}
        for m in MARKER.finditer(text):
            n = int(m.group(1))
            if 1 <= n <= len(passages) and n not in order:
                order[n] = len(order) + 1
        renumbered = MARKER.sub(lambda m: f"[{order.get(int(m.group(1)), '?')}]", text)
        citations = []
        for old, new in order.items():
            passage = passages[old - 1]
            supporting = tuple(_sentences_citing(text, old))
            unverified = passage.chunk.doc_id not in self.known_publishers
            citations.append(
                Citation(
                    new,
                    passage,
                    duty_of(passage.chunk.text, passage.chunk.kind),
                    supporting,
                    unverified,
                )
            )
        return renumbered, citations

    def _mend_typos_if_refused(self, composed: Composed) -> Composed:
        """A refused question with typos ('… the safegaurding file with the new scool') is asked
        again with the index's words (assistant/spelling.py); its answer shows the mended question.
        Only when refused: mended before retrieval, one untuned dev answer lost its key fact and
        none gained."""
        question = composed.question
        if not composed.reply.refused or field_named(question.standalone):
            # a question about a field next to safeguarding is not 'mended' into one the index
            # answers (trial J: 'eviction' became 'election')
            return composed
        mended = self.retriever.context.speller.correct(question.standalone)
        if mended == question.standalone:
            return composed
        again = replace(
            question,
            standalone=mended,
            retrieval_query=self.retrieval_query(mended, question.emergency),
        )
        retried = self._compose(self._retrieve(again))
        kept = composed if retried.reply.refused else retried  # both refused: the question as asked
        return replace(
            kept,
            retrieve_ms=composed.retrieve_ms + retried.retrieve_ms,
            answer_ms=composed.answer_ms + retried.answer_ms,
        )

    def _finish(self, composed: Composed) -> Answer:
        """The Answer: notices about what was cited (superseded, jurisdiction, authority), and
        for a question about Wales that the index cannot answer for Wales, say so first."""
        question, reply = composed.question, composed.reply
        citations = list(reply.citations)
        notices = [*question.notices, *reply.notices, *self._notices_on(question, citations)]
        text, refused = reply.text, reply.refused
        if _nothing_for_wales(question.asked, citations, question.request.filters, text):
            text = _wales_missing(text, citations)
            refused = refused or not citations
        if refused and not question.emergency:  # the emergency notice says where to turn
            text = _with_where_else(text, question.standalone)
        return Answer(
            question=question.safe,  # only the redacted question leaves the chain
            text=text,
            refused=refused,
            citations=citations,
            notices=notices,
            backend=reply.backend,
            standalone_question=question.standalone,
            timings_ms={
                "retrieve": composed.retrieve_ms,
                "answer": composed.answer_ms,
                "total": (time.perf_counter() - question.started) * 1000,
            },
        )

    def _notices_on(self, question: Question, citations: list[Citation]) -> list[Notice]:
        """What the reader must know about the sources cited and the index they came from."""
        notices = _superseded_notices(citations, self.reader)
        notice = _jurisdiction_notice(question.asked, citations, question.request.filters)
        if notice:
            notices.append(notice)
        if not holds_authority(self.reader.manifest.documents):
            # commentary alone cannot say what is required
            notices.append(Notice("authority", load_prompt("commentary_only_index")))
        return notices


def _with_where_else(text: str, question: str) -> str:
    """A refusal of a question about a field the guidance does not cover (benefits, immigration,
    housing law …) names the field and who can answer, after its first paragraph."""
    field = field_named(question)
    if field is None:
        return text
    line = render_prompt("refusal_elsewhere", field=field.name, look=field.look)
    first, gap, rest = text.partition("\n\n")
    return f"{first}\n\n{line}{gap}{rest}"


def _wales_missing(text: str, citations: list[Citation]) -> str:
    """Say the index holds nothing for Wales first; England's passages, if any, follow labelled
    as England's, not as the answer."""
    comparison = [f"{load_prompt('jurisdiction_wales_comparison')} {text}"] if citations else []
    return "\n\n".join([load_prompt("jurisdiction_wales_missing"), *comparison])


def repeats(answer: str, history: list[Turn], asked: str = "") -> bool:
    """The answer to a follow-up leads with the sentence the answer before it led with, or with
    another it said that holds none of the follow-up's own words (trial S: 'what if the parent says
    no?' led with the previous answer's third sentence; but 'and the first review?' may lead with
    'The first review should be held within three months …' said third before: review 20)."""
    if not history or not history[-1].answer or not answer.strip():
        return False
    first = split_at_markers(answer.strip())[0]
    key = sentence_key(first)
    before = history[-1].answer
    if key == sentence_key(split_at_markers(before.strip())[0]):
        return True
    if key not in answer_sentences(before):
        return False
    new_words = token_set(asked) - token_set(history[-1].question)
    return not (new_words & token_set(first))


def _sentences_citing(text: str, n: int) -> list[str]:
    out = []
    for piece in re.split(r"(?<=\])\s+", text):
        if f"[{n}]" in piece:  # the quoted words, as the passage has them: no local label, no
            # claim shown before a reply ('“Consent is needed …” – No, …': review 20)
            out.append(CLAIM_SHOWN.sub("", without_local_label(MARKER.sub("", piece))))
    return out


def _superseded_notices(citations: list[Citation], reader: IndexReader) -> list[Notice]:
    """One notice per superseded document cited, naming the citations that quote it."""
    numbers: dict[str, list[int]] = {}
    first: dict[str, Citation] = {}
    for c in citations:
        chunk = c.passage.chunk
        if chunk.status == "superseded":
            numbers.setdefault(chunk.doc_id, []).append(c.n)
            first.setdefault(chunk.doc_id, c)
    notices = []
    documents = reader.manifest.documents
    for doc_id, cited in numbers.items():
        chunk = first[doc_id].passage.chunk
        current = documents.get(chunk.superseded_by) or DocumentRecord()
        notices.append(
            Notice(
                "superseded",
                render_prompt(
                    "superseded",
                    n="], [".join(str(n) for n in cited),
                    title=chunk.title,
                    edition=chunk.edition,
                    current_title=current.title or chunk.superseded_by or "a newer edition",
                    current_edition=current.edition or "current edition",
                ),
            )
        )
    return notices


def _about_wales(question: str, filters: Filters | None) -> bool:
    return bool(WALES.search(question)) or (
        filters is not None and (filters.jurisdiction or "").lower() == "wales"
    )


def _england_only(citations: list[Citation]) -> list[int]:
    """The citations whose passage applies to England alone (a chunk's jurisdiction is narrowed
    to 'England' at ingest when an Act's part or section says so)."""
    return [c.n for c in citations if for_england_only(c.passage.chunk)]


def _jurisdiction_notice(
    question: str, citations: list[Citation], filters: Filters | None = None
) -> Notice | None:
    """A question about Wales (or asked with the Wales filter) answered from any passage that
    applies to England only; or one about England answered only from Welsh sources."""
    if not citations:
        return None
    england_only = _england_only(citations) if _about_wales(question, filters) else []
    # England's arrangements: guidance or law, not commentary or research that merely is English
    arrangements = [
        c.n
        for c in citations
        if c.n in england_only and not NO_DUTY_KINDS.search(c.passage.chunk.kind)
    ]
    if england_only and (arrangements or len(england_only) == len(citations)):
        return Notice(
            "jurisdiction",
            render_prompt(
                "jurisdiction_wales", n="], [".join(map(str, arrangements or england_only))
            ),
        )
    wales_only = all(c.passage.chunk.jurisdiction.lower() == "wales" for c in citations)
    if ENGLAND.search(question) and not WALES.search(question) and wales_only:
        return Notice("jurisdiction", load_prompt("jurisdiction_england"))
    return None


def _nothing_for_wales(
    question: str, citations: list[Citation], filters: Filters | None, text: str
) -> bool:
    """About Wales, and the index gave only England's arrangements (or, filtered to Wales, too
    little to answer): say so rather than quote England as the answer."""
    if not _about_wales(question, filters):
        return False
    if citations:
        return len(_england_only(citations)) == len(citations)
    return text == load_prompt("refusal")
