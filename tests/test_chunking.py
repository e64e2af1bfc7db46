"""Structure-aware chunking: sections, numbered paragraphs, lists, token sizes, page numbers."""

from assistant.types import DocumentInfo
from ingest.chunking import ChunkingOptions, chunk_document, split_oversized
from ingest.loaders import OutlineEntry, Page
from ingest.tokens import count_tokens

INFO = DocumentInfo(doc_id="wt-test", title="Working Together (test)", edition="2023")


def _pages():
    return [
        Page(1, "Chapter 2: Multi-agency safeguarding arrangements\n"
                "Relevant agencies\n"
                "65. Relevant agencies are those organisations and agencies whose involvement the\n"
                "safeguarding partners consider are required to safeguard children.\n"
                "66. When identified by the LSPs as a relevant agency, an organisation must act in\n"
                "accordance with local safeguarding arrangements. As part of this, the organisation\n"
                "should:\n"
                "• have a clear understanding of its responsibilities\n"
                "• co-operate with safeguarding partners\n"),
        Page(2, "Independent scrutiny\n"
                "67. The role of independent scrutiny is to provide assurance in judging the\n"
                "effectiveness of the multi-agency safeguarding arrangements.\n"),
    ]


OUTLINE = [
    OutlineEntry(0, "Chapter 2: Multi-agency safeguarding arrangements", 1),
    OutlineEntry(1, "Relevant agencies", 1),
    OutlineEntry(1, "Independent scrutiny", 2),
]


def test_chunks_carry_section_path_paragraph_number_and_page():
    chunks = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE, ChunkingOptions(target_tokens=40, max_tokens=60))
    by_para = {c.paragraph: c for c in chunks}
    assert by_para["65"].section == "Chapter 2: Multi-agency safeguarding arrangements > Relevant agencies"
    assert by_para["65"].page == 1
    assert by_para["67"].section == "Chapter 2: Multi-agency safeguarding arrangements > Independent scrutiny"
    assert by_para["67"].page == 2


def test_list_items_stay_with_the_paragraph_that_introduces_them():
    chunks = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE, ChunkingOptions(target_tokens=80, max_tokens=120))
    para66 = next(c for c in chunks if "66." in c.text)
    assert "• have a clear understanding" in para66.text
    assert "• co-operate with safeguarding partners" in para66.text


def test_wrapped_lines_are_joined_into_sentences():
    chunks = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE)
    assert any("whose involvement the safeguarding partners consider" in c.text for c in chunks)


def test_paragraphs_are_packed_up_to_the_target_and_numbered_as_a_range():
    chunks = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE, ChunkingOptions(target_tokens=200, max_tokens=250))
    assert chunks[0].paragraph == "65–66"


def test_no_chunk_exceeds_the_token_limit_even_for_a_huge_paragraph():
    sentence = "Practitioners should share information with the safeguarding partners when needed. "
    page = Page(1, "1. " + sentence * 60)
    options = ChunkingOptions(target_tokens=100, max_tokens=120)
    chunks = chunk_document([page], INFO, "big.txt", [], options)
    assert len(chunks) > 5
    assert all(count_tokens(c.text) <= options.max_tokens for c in chunks)
    assert all(c.paragraph == "1" for c in chunks)
    joined = " ".join(c.text for c in chunks)
    assert joined.count("Practitioners should share") == 60  # nothing lost


def test_markdown_headings_build_the_section_path():
    page = Page(None, "# Family hubs\n\nIntro text about family hubs and their services.\n\n## Start for Life\n\nBabies and parents get support from the start.")
    chunks = chunk_document([page], INFO, "fh.md", [], ChunkingOptions(target_tokens=10, max_tokens=40))
    assert chunks[-1].section == "Family hubs > Start for Life"
    assert chunks[-1].page is None


def test_chunk_ids_are_stable_and_content_hashed():
    a = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE)
    b = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE)
    assert [c.id for c in a] == [c.id for c in b]
    assert all(c.content_sha256 and c.id.startswith("wt-test:") for c in a)


def test_split_oversized_cuts_at_sentence_boundaries():
    text = "First sentence is here. Second one follows it. Third closes the paragraph."
    pieces = split_oversized(text, target_tokens=8)
    assert pieces == ["First sentence is here.", "Second one follows it.", "Third closes the paragraph."]
