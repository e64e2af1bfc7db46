"""build_quiz: retrieve the passages on a topic through the AnswerService, refuse a topic the
guidance does not cover, write one item per passage (offline, or with a model and checked), and
validate the whole quiz. The same seed gives the same quiz."""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from pathlib import Path

from assistant.errors import BackendUnavailable
from assistant.prompts import load_prompt
from assistant.quiz.extractive import ExtractiveWriter, is_guidance, lead_in_ending
from assistant.quiz.lists import ListWriter
from assistant.quiz.model import Quiz, QuizItem, QuizRequestInvalid, TopicNotCovered
from assistant.quiz.pages import cite_quote_pages
from assistant.quiz.responses import ResponseWriter
from assistant.quiz.scenarios import ScenarioWriter
from assistant.quiz.topic import TopicWords, topic_words
from assistant.quiz.validate import quiz_problems
from assistant.quiz.vocabulary import Vocabulary
from assistant.retrieval import Filters
from assistant.safety import redact
from assistant.text import tokenize
from assistant.types import Passage

MAX_ITEMS = 50
SAME_STATEMENT = (
    0.8  # cosine above which two quoted sentences say the same thing (e.g. in WT and KCSIE)
)
RELATED_PASSAGES = 160  # passages on the topic: items come from the closest, distractors from all
WIDER_PASSAGES = 300  # where distractors come from when those run short
QUIZ_SIMILARITY = (
    0.40  # a passage this close in meaning to the topic (and not far below the best) is on it;
)
SPREAD = 0.30  # a less close one (down to the refusal floor) must hold the topic's words
TOPIC_SENTENCE_MIN = (
    0.45  # an item's statement this close in meaning to the topic is on it without its words;
)
TOPIC_IN_SECTION_MIN = 0.30  # naming half the topic's words, a less close one is
# Under a heading that names the whole topic ('Part three: Safer recruitment > Shortlisting'), a
# statement far from the topic's few words in meaning is still about it ('… consider carrying out
# an online search as part of their due diligence on the shortlisted candidates': cosine 0.23).
TOPIC_UNDER_HEADING_MIN = 0.15
# The title of an Act a statement names ('Safeguarding Vulnerable Groups Act 2006'): its words
# ('groups', 'protection') say nothing of what the statement is about.
ACT_TITLE = re.compile(r"\b(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|the|in)\s+)*)+Act(?:\s+\d{4})?\b")
# A statement naming none of the topic's subjects (its rarest word, or each part's: 'record' of
# 'recording safeguarding concerns') is on the topic only this close in meaning.
TOPIC_WITHOUT_SUBJECT_MIN = 0.55
# The topic asked the trainer's way (who, when, what next, what to record, threshold): passages a
# search for the topic alone ranks low but that hold something to test. They enter the quiz only
# if they hold the topic's words, after the passages on the topic itself.
PHRASING_PASSAGES = 40
# An answer (an agency, a timescale, a section) is tested once in a quiz; only when the passages
# run short may it be the answer to a second item, never a third.
ANSWER_REPEATS = 2
# At most this many items come from one document while passages of other documents can still give
# items: a quiz of four 'which level' items from one local threshold document tests one document.
PER_DOCUMENT = 3


def build_quiz(
    service,
    topic: str,
    n: int = 5,
    seed: int = 0,
    jurisdiction: str | None = None,
    backend: str | None = None,
) -> Quiz:
    """A quiz on the topic, written from one index generation (an ingest meanwhile cannot mix two)."""
    if not 1 <= n <= MAX_ITEMS:
        raise QuizRequestInvalid(f"a quiz has 1 to {MAX_ITEMS} questions, not {n}")
    topic = redact(
        " ".join((topic or "").split())
    )  # the topic is written into the quiz and its file
    if not topic:
        raise QuizRequestInvalid("please give a topic for the quiz: it was empty")
    with service.pinned():
        return _build_quiz(service, topic, n, seed, jurisdiction, backend)


def _build_quiz(
    service, topic: str, n: int, seed: int, jurisdiction: str | None, backend: str | None
) -> Quiz:
    # one search serves both circles: the closest passages (items and plausible distractors) and
    # the wider ones distractors come from when those run short
    ranked = service.search(
        topic, k=max(WIDER_PASSAGES, 6 * n), filters=Filters(jurisdiction=jurisdiction), topic=True
    )
    passages = ranked[: max(RELATED_PASSAGES, 6 * n)]
    on_topic = passages_on_topic(service, topic, passages)
    if on_topic:
        on_topic += passages_by_phrasing(
            service, topic, Filters(jurisdiction=jurisdiction), on_topic
        )
    if not on_topic:
        where = f" for {jurisdiction}" if jurisdiction else ""
        raise TopicNotCovered(
            f"the indexed guidance{where} does not cover “{topic}” closely enough to write questions on it "
            "(no passage is near the topic): try another topic, or index guidance that covers it"
        )
    rng = random.Random(seed)
    vocabulary = Vocabulary()
    vocabulary.add_chunks((p.chunk for p in [*passages, *on_topic]), related=True)
    widen = _widener(ranked, vocabulary)
    embed = service.embedder.encode_question
    # several texts in one run where the embedder can (a list's points, wrong options' sentences)
    embed_many = getattr(service.embedder, "encode_questions", None) or (
        lambda texts: [embed(t) for t in texts]
    )
    scenarios = ScenarioWriter(quiz_random(seed, topic, "scenarios"), _fit(embed))
    lists = ListWriter(
        topic,
        lambda: [p.chunk for p in [*on_topic, *ranked]],
        embed,
        quiz_random(seed, topic, "lists"),
        embed_many,
    )
    responses = ResponseWriter(
        lambda: service.reader.chunks,
        embed_many,
        quiz_random(seed, topic, "responses"),
    )
    writer = ExtractiveWriter(
        topic,
        vocabulary,
        widen,
        quiz_random(seed, topic, "items"),
        scenarios,
        lists,
        responses,
    )
    writer.index_terms = _once(lambda: vocabulary.add_terms(service.reader.chunks.values()))
    writer.lead_in_before = _lead_in_before(service)
    named = topic_words(topic, service.retriever.context.vocabulary, service.reader.lexical.idf)
    writer.topic_words = lists.topic_words = named
    guidance = [p for p in on_topic if is_guidance(p.chunk.kind)]
    order = _passage_order(
        guidance or on_topic, n, rng
    )  # research and commentary only when no guidance
    quiz = Quiz(topic=topic, seed=seed, items=[], backend="extractive")
    if not guidance:
        quiz.notes.append(
            f"the index holds no guidance on “{topic}”, only research or commentary: "
            "the questions test what those texts say"
        )
    generator = _generative_writer(service, backend, topic, quiz)
    relevant = _topic_relevance(named, embed)
    writer.about = relevant.about
    quiz.items = _write_items(order, n, writer, generator, quiz, embed, relevant)
    quiz.items = cite_quote_pages(
        quiz.items, service.reader.chunks, source_files(service.reader.manifest)
    )
    _check(service, quiz)
    if not quiz.items:
        raise TopicNotCovered(
            f"no fair question could be written from the passages found on “{topic}” (a question "
            "needs a passage about the topic with a duty, agency, timescale, threshold or legal "
            "reference to test): try a broader or different topic"
        )
    if len(quiz.items) < n:
        quiz.notes.append(
            f"only {len(quiz.items)} of the {n} questions asked for could be written: too few "
            f"passages found on “{topic}” gave a fair question (on the topic, testing a duty, "
            "agency, timescale, threshold or legal reference)"
        )
    return quiz


def quiz_random(seed: int, topic: str, purpose: str) -> random.Random:
    """The random choices of one part of a quiz (its items' option orders, its scenarios …): the
    same for the same seed and topic, different from topic to topic, so a trainer's quizzes do not
    all put the answer in the same places."""
    return random.Random(f"{seed}:{topic.casefold()}:{purpose}")


def source_files(manifest) -> dict[str, Path]:
    """Document id -> the file it was ingested from, where the manifest records it."""
    return {
        doc_id: Path(record.source_path)
        for doc_id, record in manifest.documents.items()
        if record.source_path
    }


def passages_on_topic(service, topic: str, passages: list[Passage]) -> list[Passage]:
    """Passages close in meaning to the topic, or fairly close and holding its words; the same
    evidence the answer chain asks for before it answers (AnswerService.covered)."""
    if not passages:
        return []
    settings = service.settings
    words = TopicWords(topic)
    close = max(QUIZ_SIMILARITY, max(p.similarity for p in passages) - SPREAD)
    kept = [
        p
        for p in passages
        if p.similarity >= close
        or (
            p.similarity >= settings.refusal_floor
            and (
                service.term_coverage(topic, [p]) >= settings.refusal_min_coverage
                # under a heading naming the topic ('Part three: Safer recruitment > Shortlisting')
                or words.all_in(p.chunk.section)
            )
        )
    ]
    if not service.covered(topic, kept):
        return []
    return kept if set(tokenize(topic)) else []


def passages_by_phrasing(
    service, topic: str, filters: Filters, found: list[Passage]
) -> list[Passage]:
    """Passages retrieved for the topic asked as the trainer's questions (who, when, what next,
    record and share, threshold) that hold the topic's words and are not among `found`."""
    settings = service.settings
    seen = {p.chunk.id for p in found}
    extra: list[Passage] = []
    for template in load_prompt("quiz_phrasings").splitlines():
        if not template.strip():
            continue
        asked = template.format(topic=topic)
        for p in service.search(asked, k=PHRASING_PASSAGES, filters=filters, topic=True):
            if p.chunk.id in seen or p.similarity < settings.refusal_floor:
                continue
            seen.add(p.chunk.id)
            if service.term_coverage(topic, [p]) >= settings.refusal_min_coverage:
                extra.append(p)
    return extra


def _passage_order(passages: list[Passage], n: int, rng: random.Random) -> list[Passage]:
    """The closest passages, a little more than needed, in an order the seed decides; then the rest."""
    pool_size = n + max(3, math.ceil(n / 2))
    pool, rest = passages[:pool_size], passages[pool_size:]
    return rng.sample(pool, len(pool)) + rest


# The hand-written situations' vectors, per embedding function: fixed texts (and, as written with
# a person's name, at most names × situations of them), embedded once for the life of the process
# (like the model) instead of in every quiz.
_SITUATION_VECTORS: dict[object, dict[str, object]] = {}


def _fit(embed):
    """Closeness in meaning of a scenario's situation to the statement an item tests."""
    known = _SITUATION_VECTORS.setdefault(embed, {})

    def fit(situation: str, passage: str) -> float:
        vector = known.get(situation)
        if vector is None:
            vector = known.setdefault(situation, embed(situation))
        return float(vector @ embed(passage))

    return fit


def _topic_relevance(topic: TopicWords | str, embed):
    """An item is on the topic when its statement (with its section) holds the topic's words or is
    close to it in meaning: a passage retrieved for the topic can still test something else. A
    point of a list is read with the words leading into it, as the question shows it. The topic's
    words count under the documents' acronyms for them ('FGM' for 'female genital mutilation')."""
    topic = topic if isinstance(topic, TopicWords) else TopicWords(topic)
    topic_vector = embed(topic.text)

    def about(statement: str, section: str) -> bool:
        if topic.all_in(statement):
            return True
        worded = ACT_TITLE.sub(" ", statement)  # what the statement says, not the Acts it names
        held = topic.held(worded)
        if not held and not topic.held(section):
            # none of the topic's words, nor its section's: never close enough by meaning alone
            # (0 of 162 such statements over the 23 topics evals/quiz held when this was measured,
            # before an Act's title was set aside), so not embedded
            return False
        if topic.compounds and not topic.names_subject(worded) and not topic.names_subject(section):
            # a hyphenated subject ('child-on-child abuse') is near in meaning to much it is not
            # about ('Sexual abuse: forcing or enticing a child …'): its own words must be there
            return False
        closeness = float(topic_vector @ embed(statement))
        if not topic.names_subject(worded) and not topic.names_subject(section):
            # only the topic's commoner words ('safeguarding concerns', not 'recording'): about
            # something else ('safeguarding partners should have regard to any guidance the panel
            # publishes'), unless very close in meaning
            return closeness >= TOPIC_WITHOUT_SUBJECT_MIN
        in_section = topic.all_in(section)
        # a long topic ('notifying serious incidents and rapid reviews') is rarely named whole in
        # one sentence: half its words, with the meaning near enough, say the sentence is about it
        in_part = bool(topic.words) and topic.share(worded, held) >= 0.5
        # under a heading naming the whole topic, a sentence naming half of it is about it, far as
        # its meaning may be from the topic's few words ('… a duty … to prevent people from
        # becoming terrorists' under 'Preventing radicalisation > The Prevent duty': cosine 0.20)
        return (
            closeness >= TOPIC_SENTENCE_MIN
            or (in_section and closeness >= TOPIC_UNDER_HEADING_MIN)
            or (in_part and closeness >= TOPIC_IN_SECTION_MIN)
            or (in_section and in_part)
        )

    def relevant(item: QuizItem) -> bool:
        return about(item.statement, item.chunk.section)

    relevant.about = about  # the same test on a statement, before an item is written from it
    return relevant


def _write_items(
    order: list[Passage],
    n: int,
    writer: ExtractiveWriter,
    generator,
    quiz: Quiz,
    embed,
    relevant=lambda item: True,
) -> list[QuizItem]:
    """One item per passage until n are written; at most one in five tests only 'must' or 'should',
    at most two in five ask which point is on a list, and two in five what should happen."""
    caps = {"duty": max(1, n // 5), "list": max(1, 2 * n // 5), "response": max(1, 2 * n // 5)}
    chosen: list[tuple[int, QuizItem]] = []
    deferred: list[tuple[int, Passage]] = []
    seen_quotes: list = []  # embeddings of the sentences already tested
    rank = {p.chunk.id: i for i, p in enumerate(order)}

    asked: Counter[tuple[str, str]] = Counter()

    def accept(item: QuizItem | None, passage: Passage) -> bool:
        if item is None or not relevant(item):
            return False
        vector = embed(item.quote)
        if any(float(vector @ other) >= SAME_STATEMENT for other in seen_quotes):
            return False
        seen_quotes.append(vector)
        key = writer.tested.get(item.chunk_id) if item.kind != "generated" else None
        if key is not None:
            asked[key] += 1
        if item.kind != "generated":
            writer.keep(item)
        chosen.append((rank[passage.chunk.id], item))
        return True

    crowded: list[Passage] = []  # passages of a document that already gave PER_DOCUMENT items

    def from_document(passage: Passage) -> int:
        return sum(1 for _, item in chosen if item.chunk.doc_id == passage.chunk.doc_id)

    def full() -> frozenset[str]:
        """The kinds of item the quiz holds as many of as it may."""
        held = Counter(item.kind for _, item in chosen)
        return frozenset(kind for kind, cap in caps.items() if held[kind] >= cap)

    def attempt(passage: Passage) -> None:
        if generator is not None and accept(generator.write(passage.chunk), passage):
            return
        exclude = full()
        if not accept(writer.write(passage.chunk, exclude, frozenset(asked)), passage) and exclude:
            deferred.append((rank[passage.chunk.id], passage))

    for passage in order:
        if len(chosen) >= n:
            break
        if from_document(passage) >= PER_DOCUMENT:
            crowded.append(passage)
        else:
            attempt(passage)
    for passage in crowded:  # the other documents gave too few: the crowded one's passages serve
        if len(chosen) >= n:
            break
        attempt(passage)
    for _, passage in deferred:  # passages whose only item tested a duty word, while the cap allows
        if len(chosen) >= n or "duty" in full():
            break
        accept(writer.write(passage.chunk, full(), frozenset(asked)), passage)
    used = {item.chunk_id for _, item in chosen}
    for passage in order:  # short of items: an answer already tested may be tested once more
        if len(chosen) >= n:
            break
        if passage.chunk.id in used:
            continue
        repeated = frozenset(key for key, count in asked.items() if count >= ANSWER_REPEATS)
        if accept(writer.write(passage.chunk, full(), repeated), passage):
            used.add(passage.chunk.id)
    if generator is not None:
        quiz.notes.extend(generator.notes())
    return [item for _, item in sorted(chosen, key=lambda pair: pair[0])]


def _lead_in_before(service):
    """The lead-in that ends a passage's predecessor in the same section ('… acted in a way
    that:'), for a passage whose first sentences are that list's points."""
    context, ids, chunks = (
        service.retriever.context,
        service.reader.lexical.ids,
        service.reader.chunks,
    )

    def before(chunk) -> str:
        i = context.row.get(chunk.id)
        if i is None or context.prev[i] < 0:
            return ""
        return lead_in_ending(chunks[ids[context.prev[i]]].text)

    return before


def _generative_writer(service, backend: str | None, topic: str, quiz: Quiz):
    name = (backend or service.settings.backend or "extractive").lower()
    if name == "extractive":
        return None
    from assistant.quiz.llm import GenerativeWriter

    try:
        model = service.backend_for(name)
    except BackendUnavailable as exc:
        quiz.notes.append(f"{exc}; the questions were written without a model")
        return None
    quiz.backend = model.name
    return GenerativeWriter(model, topic, quiz)


def _widener(wider: list[Passage], vocabulary: Vocabulary):
    """Called when the topic's own passages name too few agencies, timescales or sections: adds
    those of a wider circle of passages (once; scanning the whole index would take seconds)."""
    return _once(lambda: vocabulary.add_chunks((p.chunk for p in wider), related=False))


def _once(action):
    """The action, run the first time it is called only."""
    done = []

    def run() -> None:
        if not done:
            done.append(True)
            action()

    return run


def _check(service, quiz: Quiz) -> None:
    """The last gate: every item re-checked against the index's own copy of its passage; an item
    that fails (none should) is left out rather than handed to learners."""
    chunks = service.reader.chunks
    kept: list[QuizItem] = []
    for item in quiz.items:
        texts = {i.chunk_id: chunks[i.chunk_id].text for i in [*kept, item] if i.chunk_id in chunks}
        problems = quiz_problems([*kept, item], texts)
        if problems:
            quiz.notes.append(f"left out a question that failed its checks ({problems[0]})")
        else:
            kept.append(item)
    quiz.items = kept
