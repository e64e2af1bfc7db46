"""On the real official guidance in ../shared/corpus (skipped when it is absent)."""

import json

import pytest

from assistant.store import IndexReader
from ingest.pipeline import ingest
from tests.conftest import CORPUS, needs_corpus

pytestmark = [pytest.mark.integration, pytest.mark.corpus, needs_corpus()]


@pytest.fixture(scope="module")
def wt_store(tmp_path_factory):
    from assistant.config import Settings

    root = tmp_path_factory.mktemp("wt")
    settings = Settings(store=root / "store", documents_dir=root / "none")
    report = ingest(
        [
            CORPUS / "working-together-to-safeguard-children-2023.pdf",
            CORPUS / "information-sharing-advice-2024.pdf",
        ],
        settings,
    )
    assert report.documents == 2, report.to_dict()
    return settings


def test_working_together_chunks_carry_catalogue_metadata_page_and_paragraph(wt_store):
    chunks = [c for c in IndexReader.open(wt_store.store).chunks.values() if c.doc_id == "wt-2023"]
    assert len(chunks) > 300
    assert all(c.title.startswith("Working Together to Safeguard Children 2023") for c in chunks)
    assert all(
        c.status == "current" and c.jurisdiction == "England" and c.kind == "statutory guidance"
        for c in chunks
    )
    assert all(c.page and 1 <= c.page <= 168 for c in chunks)
    numbered = [c for c in chunks if c.paragraph]
    assert len(numbered) / len(chunks) > 0.6  # boxes, figures and the introduction are unnumbered
    # paragraph 65 ('Relevant agencies') is on PDF page 31 under Chapter 2
    para65 = next(c for c in chunks if c.paragraph.split("–")[0] == "65")
    assert para65.page == 31
    assert para65.section.startswith("Chapter 2: Multi-agency safeguarding arrangements")
    assert "Relevant agencies are those organisations" in para65.text


def test_pdf_cleaning_removed_page_numbers_and_footnotes_from_working_together(wt_store):
    chunks = [c for c in IndexReader.open(wt_store.store).chunks.values() if c.doc_id == "wt-2023"]
    assert not any(c.text.strip().split("\n")[0].strip().isdigit() for c in chunks)
    # footnote 24 of page 31 cites the regulations; it must not be glued into paragraph 66
    para66 = next(c for c in chunks if "66. Strong, effective multi-agency" in c.text)
    assert "Relevant Agency (England) Regulations" not in para66.text


def test_information_sharing_advice_is_matched_to_its_catalogue_entry(wt_store):
    docs = IndexReader.open(wt_store.store).manifest.documents
    assert docs["info-sharing-2024"].edition.startswith("2024")
    assert docs["info-sharing-2024"].pages == 28


def test_working_together_gives_what_should_happen_items_that_pass_every_check(wt_store):
    """Real guidance, real index, real MiniLM: passages of Working Together give 'what should
    happen' items whose statement completed with the answer is verbatim in the passage and with no
    wrong option is; each wrong option is offered once."""
    import random

    from assistant.answer import AnswerService
    from assistant.quiz.responses import ResponseWriter, index_responses
    from assistant.quiz.validate import in_passage, item_problems

    service = AnswerService(wt_store)
    chunks = service.reader.chunks
    responses = index_responses(chunks)
    assert responses  # statutory guidance has sentences opening with a situation
    embed_many = service.embedder.encode_questions
    writer = ResponseWriter(lambda: chunks, embed_many, random.Random(0))
    written = [
        found
        for chunk in {r.chunk.id: r.chunk for r in responses}.values()
        if (found := writer.write(chunk, "According to the guidance:")) is not None
    ]
    assert written
    for item, key in written:
        assert key[0] == "response" and not item_problems(item, chunks[item.chunk_id].text)
        assert item.answer in item.quote and in_passage(item.quote, chunks[item.chunk_id].text)
    offered = [o for item, _ in written for o in item.options if o != item.answer]
    assert len(offered) == len(set(offered))  # each wrong option once in a quiz


def test_kcsie_2024_is_marked_superseded_by_2025(tmp_path):
    from assistant.catalogue import Catalogue, file_sha256
    from assistant.config import Settings

    catalogue = Catalogue.load(Settings().catalogue)
    path = CORPUS / "keeping-children-safe-in-education-2024.pdf"
    entry = catalogue.match(path, file_sha256(path))
    assert (
        entry.doc_id == "kcsie-2024"
        and entry.status == "superseded"
        and entry.superseded_by == "kcsie-2025"
    )


def test_guidance_citations_are_marked_must_or_should_from_their_wording(wt_store):
    import re

    from assistant.answer import AnswerService

    answer = AnswerService(wt_store).ask(
        "Who are the safeguarding partners and what must they publish?"
    )
    assert answer.citations
    for c in answer.citations:
        text = c.passage.chunk.text.lower()
        if re.search(r"\bmust\b", text):
            assert c.duty == "must", c.passage.chunk.text
        elif re.search(r"\bshould\b", text) and not re.search(r"\b(shall|required|duty)\b", text):
            assert c.duty == "should", c.passage.chunk.text
        elif not re.search(r"\b(should|shall|required|duty|expected|ought)\b", text):
            assert c.duty is None, c.passage.chunk.text
    assert "must" in {c.duty for c in answer.citations}


def test_search_cli_finds_relevant_agencies_paragraph(wt_store):
    from tests.conftest import run_cli

    result = run_cli(
        "search",
        "which organisations are relevant agencies",
        "-k",
        "5",
        "--json",
        env={"JOINEDUP_STORE": str(wt_store.store)},
    )
    rows = json.loads(result.stdout)["passages"]
    assert any(r["doc_id"] == "wt-2023" and r["paragraph"].startswith("65") for r in rows)


# --- extraction keeps every line of text (parse_document only: no index, no model) -------------

import re  # noqa: E402
from functools import lru_cache  # noqa: E402

ACT_2004 = "children-act-2004.pdf"
ACT_2017 = "children-and-social-work-act-2017.pdf"
KCSIE_2024 = "keeping-children-safe-in-education-2024.pdf"
KCSIE_2025 = "local/keeping-children-safe-in-education-2025-july-for-information.pdf"
WT_2023 = "working-together-to-safeguard-children-2023.pdf"


@lru_cache(maxsize=8)
def parsed(name: str):
    """(cleaned pages, chunks) of one corpus document, exactly as ingest makes them."""
    from assistant.catalogue import Catalogue, file_sha256
    from assistant.config import Settings
    from ingest.chunking import ChunkingOptions
    from ingest.loaders import load_document
    from ingest.pipeline import clean_pages, parse_document

    settings = Settings()
    path = CORPUS / name
    options = ChunkingOptions(settings.chunk_target_tokens, settings.chunk_max_tokens)
    chunks = parse_document(
        path, file_sha256(path), Catalogue.load(settings.catalogue), options
    ).chunks
    return clean_pages(load_document(path)), chunks


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def missing_lines(name: str, pages: list[int]) -> list[str]:
    """Lines of these cleaned pages that are in no chunk's text. Headings apart: a heading-like
    line that is a section title, or one line of a title wrapped over two."""
    from ingest.chunking import is_heading_like

    cleaned, chunks = parsed(name)
    text = _norm(" ".join(c.text for c in chunks))
    titles = {_norm(title) for c in chunks for title in c.section.split(" > ")}

    def title_line(line: str) -> bool:
        n = _norm(line)
        if n in titles:
            return is_heading_like(line.strip(), max_words=20, question=True)
        return len(n.split()) >= 3 and any(n in title for title in titles)

    return [
        f"p{page.number}: {line.strip()}"
        for page in cleaned
        if page.number in pages
        for line in page.text.splitlines()
        if _norm(line) and _norm(line) not in text and not title_line(line)
    ]


def chunk_with(name: str, phrase: str):
    return next((c for c in parsed(name)[1] if _norm(phrase) in _norm(c.text)), None)


def test_cswa_2017_section_1_keeps_the_corporate_parenting_principles():
    chunk = chunk_with(
        ACT_2017,
        "(a) to act in the best interests, and promote the physical and mental health and well-being",
    )
    assert chunk is not None and chunk.page == 1
    assert chunk_with(
        ACT_2017,
        "(c) to take into account the views, wishes and feelings of those children and young people",
    )
    assert chunk_with(ACT_2017, "16F Local child safeguarding practice reviews")
    assert missing_lines(ACT_2017, [1, 5, 10, 15, 16, 17]) == []


def test_children_act_2004_pages_once_cut_at_section_headings_are_whole():
    assert missing_lines(ACT_2004, [1, 4, 5, 6, 16, 44, 72, 79, 82, 84]) == []
    assert chunk_with(
        ACT_2004,
        "11 Arrangements to safeguard and promote welfare (1) This section applies to each of the following",
    )


def test_no_chunk_of_the_acts_carries_the_legislation_gov_uk_banner_or_an_annotation_section():
    for name in (ACT_2004, ACT_2017):
        chunks = parsed(name)[1]
        assert not [c.chunk_index for c in chunks if "View outstanding changes" in c.text]
        assert not [
            c.chunk_index
            for c in chunks
            if "This version of this Act contains provisions" in c.text
        ]
        assert not [
            c.section
            for c in chunks
            if re.search(r"Textual Amendments|Commencement Information|\bin force\b", c.section)
        ]


def test_kcsie_2024_list_items_are_text_not_headings():
    para62 = chunk_with(
        KCSIE_2024, "the child requires immediate protection and urgent action is required"
    )
    assert para62 is not None and para62.page == 20 and para62.paragraph.split("–")[0] == "62"
    assert chunk_with(KCSIE_2024, "a clear and comprehensive summary of the concern")
    assert missing_lines(KCSIE_2024, [20, 21, 22]) == []


def test_kcsie_2024_footnotes_stay_out_of_the_text_around_them_as_chunks_of_their_own():
    assert chunk_with(
        KCSIE_2024,
        "The most common reason for children becoming looked after is as a result of abuse",
    )
    note = chunk_with(
        KCSIE_2024,
        "A child who is looked after by a local authority (referred to as a looked-after-child)",
    )
    assert note is not None and re.search(r"> Footnote \d+$", note.section)
    assert note.text.startswith("A child who is looked after")  # the note alone, no body text


def test_a_working_together_footnote_that_makes_a_statement_is_found_at_its_page():
    note = chunk_with(WT_2023, "should not be brought to a police station")
    assert note is not None and note.page == 114
    assert note.section.endswith("Police > Footnote 142")
    # a note naming a publication only is left out
    assert chunk_with(WT_2023, "College of Policing: Arrest and other positive approaches") is None


def test_kcsie_2025_annex_f_rows_are_text():
    row = chunk_with(
        KCSIE_2025,
        "Page 38 Para 135 - Updated to clarify misinformation, disinformation and conspiracy theories",
    )
    assert row is not None and 184 <= row.page <= 186
    assert not [c.section for c in parsed(KCSIE_2025)[1] if "Para 135" in c.section]
    assert missing_lines(KCSIE_2025, [184, 185, 186]) == []
