"""Automatic checks a trainer's eye would make of a quiz, item by item and across the quiz: is the
statement on the topic, does the scenario fit it, does the quoted sentence start on the cited
page, is a local arrangement named as local, is anything repeated, and how many items only test
a duty word. Pure functions of a Quiz plus an embedding function; nothing here writes quizzes.

The checks are deliberately not the generator's own gates (other texts, other thresholds), so a
gate that goes wrong shows here; evals/quiz/graded.jsonl holds hand grades they are compared with."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.catalogue import local_area
from assistant.quiz.model import Quiz, QuizItem
from assistant.quiz.topic import TopicWords
from assistant.quiz.validate import in_passage

ON_TOPIC_MIN = 0.40  # cosine of topic and quoted sentence; or half the topic's words in the sentence (an  # acronym the documents give for them counts as the words: 'FGM' for 'female genital mutilation')
SCENARIO_FIT_MIN = 0.35  # cosine of the scenario's situation and the quoted sentence
DUTY_SHARE = 0.2  # at most 2 in 10 items test a duty word
MIN_TYPES = 3  # a quiz of 5 or more items tests at least three kinds of thing

Embed = Callable[[str], object]


@dataclass
class ItemCheck:
    item: QuizItem
    failed: dict[str, str] = field(default_factory=dict)  # check name -> why

    @property
    def passed(self) -> bool:
        return not self.failed


def situation_of(scenario: str) -> str:
    """The scenario without its first sentence ('Amira is a health visitor.') and its last ('… must decide …')."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", scenario.strip()) if s]
    middle = sentences[1:-1] if len(sentences) > 2 else sentences
    return " ".join(middle)


def check_quiz(
    quiz: Quiz,
    embed: Embed,
    chunks: dict | None = None,
    files: dict | None = None,
    requested: int | None = None,
    topic: TopicWords | None = None,
) -> list[ItemCheck]:
    """topic: the quiz's topic with the documents' acronyms for it ('FGM'), when the caller has
    the index's vocabulary; otherwise the topic's words as typed."""
    topic = topic or TopicWords(quiz.topic)
    topic_vector = embed(quiz.topic)
    checks = [ItemCheck(item) for item in quiz.items]
    seen_situations: set[str] = set()
    seen_quotes: set[str] = set()
    duty_cap = max(1, int(DUTY_SHARE * (requested or len(quiz.items))))
    duties = 0
    for check in checks:
        item = check.item
        statement = stated(item, chunks)
        share = topic.share(statement) if topic.words else 1.0
        closeness = _cos(topic_vector, embed(statement))
        # under a heading naming the whole topic ('Part three: Safer recruitment > Shortlisting')
        headed = topic.all_in(_section(item, chunks))
        if share < 0.5 and closeness < ON_TOPIC_MIN and not headed:
            check.failed["on_topic"] = (
                f"statement far from the topic (cosine {closeness:.2f}, {share:.0%} of its words by rarity)"
            )
        if item.scenario:
            situation = situation_of(item.scenario)
            fit = _cos(embed(situation), embed(item.quote))
            if fit < SCENARIO_FIT_MIN:
                check.failed["scenario_fit"] = (
                    f"scenario and statement far apart in meaning (cosine {fit:.2f})"
                )
            if situation in seen_situations:
                check.failed["repeat"] = "the same situation as an earlier item"
            seen_situations.add(situation)
        if item.quote in seen_quotes:
            check.failed["repeat"] = "the same statement as an earlier item"
        seen_quotes.add(item.quote)
        if item.kind == "duty":
            duties += 1
            if duties > duty_cap:
                check.failed["duty_share"] = f"more than {duty_cap} items test a duty word"
        page = page_check(item, chunks, files or {})
        if page:
            check.failed["page"] = page
        area = local_area(
            item.chunk.kind or _kind(item, chunks),
            item.chunk.publisher or _publisher(item, chunks),
        )
        if area and area not in item.question:
            check.failed["local_named"] = (
                f"a local document's item does not say it is {area}'s arrangement"
            )
    return checks


def _section(item: QuizItem, chunks: dict | None) -> str:
    """The section the item's passage sits in, as the index records it ('' when unknown)."""
    chunk = (chunks or {}).get(item.chunk_id)
    return chunk.section if chunk is not None else ""


def stated(item: QuizItem, chunks: dict | None) -> str:
    """What the item states as a learner reads it: the quoted sentence, or for a point of a list
    the words the question shows leading into it and the point, if those words are verbatim in the
    cited passage (a point alone, 'is disabled or has certain health conditions', says nothing of
    the list's subject, 'the potential need for early help for a child who:')."""
    chunk = (chunks or {}).get(item.chunk_id)
    if item.lead_in and chunk is not None and in_passage(item.lead_in, chunk.text):
        return item.statement
    return item.quote


def quiz_figures(quiz: Quiz, checks: list[ItemCheck]) -> dict:
    types = {c.item.type or c.item.kind for c in checks}
    situations = [situation_of(c.item.scenario) for c in checks if c.item.scenario]
    pages = [c for c in checks if c.item.chunk.page]
    return {
        "items": len(checks),
        "passing": sum(c.passed for c in checks),
        "duty_items": sum(c.item.kind == "duty" for c in checks),
        "types": sorted(types),
        "type_mix_ok": len(checks) < 5 or len(types) >= MIN_TYPES,
        "repeated_scenarios": len(situations) - len(set(situations)),
        "plain_questions": sum(not c.item.scenario for c in checks),
        "page_checked": len(pages),
        "page_right": sum("page" not in c.failed for c in pages),
        "failures": {
            name: sum(name in c.failed for c in checks)
            for name in ("on_topic", "scenario_fit", "repeat", "duty_share", "page", "local_named")
        },
    }


def page_check(item: QuizItem, chunks: dict | None, files: dict) -> str:
    """'' when the quoted sentence's opening words are on the cited page of its PDF (or the source
    is not a PDF on this machine); otherwise why not."""
    chunk = (chunks or {}).get(item.chunk_id)
    page = item.chunk.page
    path = Path(files.get(chunk.doc_id, "")) if chunk else Path()
    if chunk is None or not page or path.suffix.lower() != ".pdf" or not path.is_file():
        return ""
    import pypdfium2 as pdfium

    head = re.sub(r"[^a-z]", "", " ".join(item.quote.split()[:6]).casefold())
    pdf = pdfium.PdfDocument(str(path))
    try:
        if page > len(pdf):
            return f"page {page} is beyond the document's {len(pdf)} pages"
        text = re.sub(r"[^a-z]", "", pdf[page - 1].get_textpage().get_text_range().casefold())
        if head in text:
            return ""
        for other in (page + 1, page - 1):
            if 1 <= other <= len(pdf):
                near = re.sub(
                    r"[^a-z]", "", pdf[other - 1].get_textpage().get_text_range().casefold()
                )
                if head in near:
                    return f"the quoted sentence starts on page {other}, not {page}"
        return ""  # not found near (extraction differs): not counted against the item
    finally:
        pdf.close()


def _kind(item: QuizItem, chunks: dict | None) -> str:
    chunk = (chunks or {}).get(item.chunk_id)
    return chunk.kind if chunk else ""


def _publisher(item: QuizItem, chunks: dict | None) -> str:
    chunk = (chunks or {}).get(item.chunk_id)
    return chunk.publisher if chunk else ""


def _cos(a, b) -> float:
    return float(a @ b)
