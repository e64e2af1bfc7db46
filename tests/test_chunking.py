"""Structure-aware chunking: sections, numbered paragraphs, lists, token sizes, page numbers."""

from assistant.types import DocumentInfo, is_note
from ingest.chunking import (
    ChunkingOptions,
    chunk_document,
    is_heading_like,
    outline_is_reliable,
    split_oversized,
)
from ingest.loaders import OutlineEntry, Page
from ingest.tokens import count_tokens

INFO = DocumentInfo(doc_id="wt-test", title="Working Together (test)", edition="2023")


def _pages():
    return [
        Page(
            1,
            "Chapter 2: Multi-agency safeguarding arrangements\n"
            "Relevant agencies\n"
            "65. Relevant agencies are those organisations and agencies whose involvement the\n"
            "safeguarding partners consider are required to safeguard children.\n"
            "66. When identified by the LSPs as a relevant agency, an organisation must act in\n"
            "accordance with local safeguarding arrangements. As part of this, the organisation\n"
            "should:\n"
            "• have a clear understanding of its responsibilities\n"
            "• co-operate with safeguarding partners\n",
        ),
        Page(
            2,
            "Independent scrutiny\n"
            "67. The role of independent scrutiny is to provide assurance in judging the\n"
            "effectiveness of the multi-agency safeguarding arrangements.\n",
        ),
    ]


OUTLINE = [
    OutlineEntry(0, "Chapter 2: Multi-agency safeguarding arrangements", 1),
    OutlineEntry(1, "Relevant agencies", 1),
    OutlineEntry(1, "Independent scrutiny", 2),
]


def test_chunks_carry_section_path_paragraph_number_and_page():
    chunks = chunk_document(
        _pages(), INFO, "wt.pdf", OUTLINE, ChunkingOptions(target_tokens=40, max_tokens=60)
    )
    by_para = {c.paragraph: c for c in chunks}
    assert (
        by_para["65"].section
        == "Chapter 2: Multi-agency safeguarding arrangements > Relevant agencies"
    )
    assert by_para["65"].page == 1
    assert (
        by_para["67"].section
        == "Chapter 2: Multi-agency safeguarding arrangements > Independent scrutiny"
    )
    assert by_para["67"].page == 2


def test_list_items_stay_with_the_paragraph_that_introduces_them():
    chunks = chunk_document(
        _pages(), INFO, "wt.pdf", OUTLINE, ChunkingOptions(target_tokens=80, max_tokens=120)
    )
    para66 = next(c for c in chunks if "66." in c.text)
    assert "• have a clear understanding" in para66.text
    assert "• co-operate with safeguarding partners" in para66.text


def test_wrapped_lines_are_joined_into_sentences():
    chunks = chunk_document(_pages(), INFO, "wt.pdf", OUTLINE)
    assert any("whose involvement the safeguarding partners consider" in c.text for c in chunks)


def test_paragraphs_are_packed_up_to_the_target_and_numbered_as_a_range():
    chunks = chunk_document(
        _pages(), INFO, "wt.pdf", OUTLINE, ChunkingOptions(target_tokens=200, max_tokens=250)
    )
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
    page = Page(
        None,
        "# Family hubs\n\nIntro text about family hubs and their services.\n\n## Start for Life\n\nBabies and parents get support from the start.",
    )
    chunks = chunk_document(
        [page], INFO, "fh.md", [], ChunkingOptions(target_tokens=10, max_tokens=40)
    )
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
    assert pieces == [
        "First sentence is here.",
        "Second one follows it.",
        "Third closes the paragraph.",
    ]


# --- no line of text is lost to a heading ------------------------------------------------------


def _texts(chunks) -> str:
    return "\n".join(c.text for c in chunks)


def test_a_sentence_that_runs_on_is_not_a_heading_hudson():
    # seed 001 (Hudson): this line used to become a section heading and leave the text
    page = Page(
        None,
        "differently with existing funding.\nPooled budgets.\n"
        "Education secretary Charles Clarke has referred to “the\n"
        "benefits of getting one funding stream as opposed to many”. This\n"
        "could mean two things.",
    )
    chunks = chunk_document([page], INFO, "001.txt", [], ChunkingOptions())
    assert "Charles Clarke has referred to “the benefits of getting one funding stream" in _texts(
        chunks
    )
    assert all(c.section == "" for c in chunks)
    assert not is_heading_like(
        "Education secretary Charles Clarke has referred to “the",
        "benefits of getting one funding stream as opposed to many”. This",
    )


def test_a_citation_line_is_not_a_heading_essay():
    # seed 003: 'Fitzgerald (2007; 125)' used to head chunks 25-41
    page = Page(
        None,
        "· Multi-agency working\n· Sharing information’\nFitzgerald (2007; 125)\n"
        "‘ Inter-agency and multi-agency work is an essential feature of all training in safeguarding.",
    )
    chunks = chunk_document([page], INFO, "003.txt", [], ChunkingOptions())
    assert "Fitzgerald (2007; 125)" in _texts(chunks)
    assert all("Fitzgerald" not in c.section for c in chunks)
    assert not is_heading_like(
        "HMG (2022) Family Hubs and Start for Life programme guide¸ London, HMG"
    )


def test_heading_like_lines():
    assert is_heading_like("Corporate parenting principles for English local authorities")
    assert is_heading_like("What will the local authority do?", question=True)
    assert not is_heading_like("What will the local authority do?")
    assert not is_heading_like(
        "the child requires immediate protection and urgent action is required"
    )
    assert not is_heading_like("• a clear and comprehensive summary of the concern")
    assert not is_heading_like("Governing bodies and proprietors should consider the")
    assert not is_heading_like(
        "Page 38 Para 135 - Updated to clarify misinformation, disinformation",
        "and conspiracy theories are safeguarding harms.",
    )
    assert not is_heading_like("Age 12 19 19 9 -84% -53%")
    assert not is_heading_like("Textual Amendments")
    assert not is_heading_like("I1 S. 1 in force at 1.4.2018 by S.I. 2018/346, reg. 4(a)")
    assert not is_heading_like("F74 Other inquiries held by Commissioner")
    # a contact line (Lambeth's RAG ratings sat under '(out of hours): 0207 926 5555': trials X, Y)
    assert not is_heading_like("T (out of hours): 0207 926 5555")
    assert not is_heading_like("Contact helpandprotection@lambeth.gov.uk")
    assert is_heading_like("Emergency Duty Team")


def test_a_contact_line_opens_no_section():
    page = Page(
        None,
        "Integrated Referral Hub\n\nThe hub takes all contacts from 9am to 5pm.\n"
        "T (out of hours): 0207 926 5555\n"
        "Incoming contacts are rated by a manager within a working day.",
    )
    chunks = chunk_document([page], INFO, "pack.txt", [], ChunkingOptions())
    assert all("0207" not in c.section for c in chunks)


# an inspection letter's pages as read: the addressee's block, then its letterhead after the
# first page's text (Ofsted's focused visit to West Northamptonshire, 2025)
LETTER_PAGES = [
    Page(
        1,
        "20 May 2025\nMelanie Barnett\nDirector for Children’s Services\n"
        "West Northamptonshire County Council\n1 Angel Square\nNorthampton\nNN1 1ED\n"
        "Dear Ms Barnett\nHeadline findings\n"
        "Leaders have an accurate understanding of their strengths and the successes of their\n"
        "improvement plans so far.\n"
        "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\nT 0300 123 1231\n"
        "Textphone 0161 618 8524\nenquiries@ofsted.gov.uk\nwww.gov.uk/ofsted\n",
    ),
    Page(
        2,
        "Leaders also fully understand what still needs to improve.\n"
        "What needs to improve in this area of social work practice?\n"
        "◼ The effectiveness of permanency planning so that every child has a positive\n"
        "sense of security and belonging where they live.\n"
        "◼ The quality and effectiveness of management oversight.\n"
        "Main findings\n"
        "The number of children entering care in West Northamptonshire has reduced.\n",
    ),
]


OFSTED = DocumentInfo(
    doc_id="ofsted-test", title="Focused visit", edition="2025", publisher="Ofsted"
)


def test_a_letter_s_own_letterhead_is_left_out_and_heads_nothing():
    chunks = chunk_document(LETTER_PAGES, OFSTED, "letter.pdf", [], ChunkingOptions(20, 60))
    text = " ".join(c.text for c in chunks)
    assert "Manchester" not in text and "Piccadilly" not in text and "0300 123 1231" not in text
    assert all("Manchester" not in c.section and "NN1" not in c.section for c in chunks)
    leaders = next(c for c in chunks if "fully understand" in c.text)
    assert leaders.section == "Headline findings" and leaders.text.startswith("Leaders also")


def test_a_contact_box_outside_a_letter_s_first_page_is_kept():
    # review 23: a partnership's LADO and MASH contacts are what practitioners ask for
    box = (
        "Local Authority Designated Officer (LADO)\nTel 01865 810603\nlado@oxfordshire.gov.uk\n"
        "County Hall\nNew Road\nOxford\nOX1 1ND\n"
        "Allegations about staff are reported to the LADO within one working day.\n"
    )
    for pages in ([Page(1, box)], [Page(1, "Contents\nIntroduction\n"), Page(2, box)]):
        text = " ".join(c.text for c in chunk_document(pages, INFO, "p.pdf", [], ChunkingOptions()))
        assert "01865 810603" in text and "OX1 1ND" in text


def test_another_s_address_and_contacts_in_a_letter_are_kept():
    # review 23b: a partnership's 'Dear …' letter announcing its front door's numbers
    page = Page(
        1,
        "Dear Headteacher\nNew arrangements for the Lambeth front door start on 1 May.\n"
        "Contacting the MASH\nLambeth MASH\nTel: 020 7926 3100\nCivic Centre\n6 Brixton Hill\n"
        "London\nSW2 1EG\nOut of hours: 020 7926 5555\nhelpdesk@lambeth.gov.uk\nYours sincerely\n",
    )
    sender = DocumentInfo(
        doc_id="lambeth-test",
        title="Letter",
        edition="2025",
        publisher="Lambeth Safeguarding Children Partnership",
    )
    text = " ".join(c.text for c in chunk_document([page], sender, "l.pdf", [], ChunkingOptions()))
    assert "020 7926 3100" in text and "020 7926 5555" in text and "helpdesk@lambeth.gov.uk" in text


def test_a_question_over_a_list_heads_it():
    chunks = chunk_document(LETTER_PAGES, OFSTED, "letter.pdf", [], ChunkingOptions(20, 60))
    points = next(c for c in chunks if "permanency planning" in c.text)
    assert points.section == "What needs to improve in this area of social work practice?"
    assert "◼ The quality and effectiveness" in points.text  # the square bullets are list items
    assert next(c for c in chunks if "entering care" in c.text).section == "Main findings"


def test_a_question_over_text_is_no_heading():
    page = Page(
        1,
        "Early help\nPractitioners should ask what would help the family most in the\n"
        "weeks ahead and whether they agree?\nThe answers shape the plan that follows.\n",
    )
    chunks = chunk_document([page], INFO, "p.txt", [], ChunkingOptions())
    assert all(c.section == "Early help" for c in chunks)


KCSIE_2024_P20 = (
    "Children in need\n"
    "60. A child in need is defined under the Children Act 1989 as a child who is\n"
    "unlikely to achieve or maintain a reasonable level of health or development.\n"
    "What will the local authority do?\n"
    "62. Within one working day of a referral being made, a local authority social\n"
    "worker should acknowledge its receipt to the referrer and make a decision about\n"
    "the next steps and the type of response that is required. This will include\n"
    "determining whether:\n"
    "• the child requires immediate protection and urgent action is required\n"
    "• any services are required by the child and family and what type of services\n"
    "63. The referrer should follow up if this information is not forthcoming.\n"
)


def test_an_outline_that_bookmarks_every_paragraph_and_list_item_only_gives_headings():
    # KCSIE 2024 has 6,347 bookmarks for 185 pages: list items and sentences among them
    titles = [
        "Children in need",
        "60.",
        "A child in need is defined under the Children Act 1989 as a child who is",
        "What will the local authority do?",
        "62.",
        "•",
        "the child requires immediate protection and urgent action is required",
        "any services are required by the child and family and what type of services",
        "63.",
        "The referrer should follow up if this information is not forthcoming.",
    ]
    outline = [OutlineEntry(2 + i % 3, t, 1) for i, t in enumerate(titles)]
    assert not outline_is_reliable(outline, pages=1)
    chunks = chunk_document(
        [Page(1, KCSIE_2024_P20)], INFO, "kcsie.pdf", outline, ChunkingOptions(40, 80)
    )
    text = _texts(chunks)
    assert "• the child requires immediate protection and urgent action is required" in text
    assert "• any services are required by the child and family" in text
    para62 = next(c for c in chunks if c.text.startswith("62."))
    assert para62.section.endswith("What will the local authority do?")
    assert para62.paragraph == "62" and para62.page == 1


def test_rows_of_a_table_of_changes_stay_in_the_text():
    # KCSIE 2025 Annex F p184
    page = Page(
        184,
        "Part two The management of safeguarding\n"
        "Page 36 Para 128 - We have added a note to say that we expect to\n"
        "publish revised guidance on Relationships, Sex, and Health\n"
        "Education this summer.\n"
        "Page 38 Para 135 - Updated to clarify misinformation, disinformation\n"
        "and conspiracy theories are safeguarding harms.\n",
    )
    chunks = chunk_document([page], INFO, "kcsie25.pdf", [], ChunkingOptions())
    assert (
        "Page 38 Para 135 - Updated to clarify misinformation, disinformation and conspiracy theories"
        in _texts(chunks)
    )
    assert all("Para 135" not in c.section for c in chunks)


def test_a_long_title_a_reliable_outline_names_gives_the_section_and_stays_in_the_text():
    # Information sharing advice 2024: a bookmarked lead-in
    title = "The Seven golden rules for sharing information (including personal information):"
    page = Page(
        8,
        f"{title}\n1. All children have a right to be protected from abuse, neglect, and exploitation.",
    )
    chunks = chunk_document([page], INFO, "isa.pdf", [OutlineEntry(0, title, 8)], ChunkingOptions())
    assert chunks[0].section == title
    assert chunks[0].text.startswith(title)


def test_a_bookmark_with_a_footnote_number_glued_on_still_names_its_heading():
    # KCSIE 2025: the bookmark 'Agency and third-party staff (supply staff)94F' over the line
    # '… (supply staff)95'; its paragraphs were set under the heading before
    outline = [
        OutlineEntry(1, "Individuals who have lived or worked outside the UK", 80),
        OutlineEntry(1, "Agency and third-party staff (supply staff)94F", 80),
    ]
    page = Page(
        80,
        "Individuals who have lived or worked outside the UK\n"
        "289. Some overseas qualified teachers can apply to the TRA for qualified teacher status.\n"
        "Agency and third-party staff (supply staff)95\n"
        "290. Schools and colleges must obtain written notification from any agency that they "
        "have carried out the same checks.\n",
    )
    chunks = chunk_document([page], INFO, "kcsie.pdf", outline, ChunkingOptions(20, 60))
    notified = next(c for c in chunks if "written notification" in c.text)
    assert notified.section == "Agency and third-party staff (supply staff)"


def test_a_long_run_of_short_lines_is_a_table_kept_as_text_and_a_closing_run_too():
    cells = [
        "Ensuring safety",
        "Basic care",
        "Emotional warmth",
        "Stimulation",
        "Guidance",
        "Stability",
        "Identity",
        "Family and social relationships",
    ]
    page = Page(
        57,
        "Assessment framework\n"
        + "\n".join(cells)
        + "\nPractitioners should consider each of these.\n"
        "Yours sincerely\nRachel Griffiths\nHis Majesty’s Inspector",
    )
    chunks = chunk_document([page], INFO, "wt.pdf", [], ChunkingOptions())
    text = _texts(chunks)
    assert all(cell in text for cell in cells)
    assert "Yours sincerely\nRachel Griffiths\nHis Majesty’s Inspector" in text


def test_legislation_annotations_are_text_not_sections():
    # Children Act 2004 p5: body after a 'Textual Amendments' block stays in its Part's section
    page = Page(
        5,
        "PART 1\nCHILDREN’S COMMISSIONER\n"
        "(4) The Children’s Commissioner may, if he thinks fit, hold an inquiry under this section,\n"
        "or any part of it, in private.\n"
        "Textual Amendments\n"
        "F5 S. 3(3) omitted (1.4.2014) by virtue of Children and Families Act 2014 (c. 6), s. 139(5), Sch. 5 para.\n"
        "1(2)\n"
        "Commencement Information\n"
        "I1 S. 1 in force at 1.4.2018 by S.I. 2018/346, reg. 4(a)\n"
        "(5) As soon as possible after completing an inquiry under this section the Children’s\n"
        "Commissioner must publish a report containing his recommendations.\n",
    )
    chunks = chunk_document([page], INFO, "ca2004.pdf", [], ChunkingOptions(30, 60))
    assert {c.section for c in chunks} == {"PART 1 > CHILDREN’S COMMISSIONER"}
    assert "Textual Amendments" in _texts(chunks) and "I1 S. 1 in force" in _texts(chunks)


def test_a_piece_too_small_to_stand_alone_joins_its_neighbour():
    pages = [
        Page(
            3,
            "Introduction\nSee annex.\nScope\n4. This guidance applies to all schools and colleges in England.",
        )
    ]
    chunks = chunk_document(pages, INFO, "g.pdf", [], ChunkingOptions())
    assert "See annex." in _texts(chunks)
    assert chunks[0].page == 3


def test_a_passage_cites_the_page_its_text_starts_on_and_knows_where_the_next_begins():
    """A paragraph that runs over a page break: the piece of it that starts on the next page
    cites that page, and a quoted sentence after the break cites the page it starts on."""
    from assistant.text import where_parts
    from assistant.types import Citation, Passage

    first = "12. The lead practitioner should record each decision and share it with the family. "
    carried = "The first review should be held within three months of the initial conference. "
    pages = [
        Page(1, "Child protection plans\n" + first * 3 + "The core group should meet often and"),
        Page(2, "agree the plan with the child. " + carried + "Reviews follow every six months."),
    ]
    one = chunk_document(pages, INFO, "wt.pdf", [], ChunkingOptions(400, 500))[0]
    assert one.page == 1 and one.next_page_at == one.text.index("agree the plan")
    assert one.page_of("The lead practitioner should record each decision") == 1
    assert one.page_of(carried) == 2  # starts after the break
    assert one.page_of("The core group should meet often and agree the plan") == 1  # starts before
    quoted = Citation(1, Passage(one, 1.0), supporting=(carried.strip(),))
    assert quoted.page == 2 and quoted.to_dict()["page"] == 2
    # quotes from both sides of the break: the pages they span, so the second can be found
    both = Citation(1, Passage(one, 1.0), supporting=(first.strip(), carried.strip()))
    assert both.page == 1 and both.pages == "1–2" and quoted.pages == "2"
    assert where_parts({"page": both.pages}) == ["pp. 1–2"]
    pieces = chunk_document(pages, INFO, "wt.pdf", [], ChunkingOptions(20, 30))
    later = next(c for c in pieces if c.text.startswith("The first review"))
    assert later.page == 2 and later.next_page_at == 0  # a piece split off on the next page


def test_a_word_broken_at_a_line_end_is_followed_as_one_word():
    """'co-' / 'operation' on page 1 is the passage's 'co-operation': the same word on page 2
    does not move the page break forward."""
    from ingest.chunking import locate_pages

    pages = [
        Page(
            1,
            "Agencies must work in close co-\noperation with the police and share what they know.",
        ),
        Page(2, "Local co-operation is reviewed every year by the partners."),
    ]
    text = (
        "Agencies must work in close co-operation with the police and share what they know. "
        "Local co-operation is reviewed every year by the partners."
    )
    assert locate_pages([text], pages) == [(1, text.index("Local co-operation"))]


def test_a_note_at_a_page_s_foot_that_makes_a_statement_is_a_chunk_of_its_own():
    pages = _pages()
    pages[1] = Page(
        2,
        pages[1].text,
        (
            (
                7,
                "A child under police protection should not be brought to a police station "
                "except in exceptional circumstances.",
            ),
            (8, "College of Policing: Arrest and other positive approaches"),
        ),
    )
    chunks = chunk_document(pages, INFO, "wt.pdf", OUTLINE, ChunkingOptions(120, 250))
    notes = [c for c in chunks if "Footnote" in c.section]
    assert len(notes) == 1  # a note naming a publication is no statement
    note = notes[0]
    assert note.page == 2 and note.section.endswith("> Footnote 7")
    assert is_note(note) and not any(is_note(c) for c in chunks if c is not note)
    assert note.text.startswith("A child under police protection")
    assert not any("police station" in c.text for c in chunks if c is not note)  # kept apart
    assert note.chunk_index == len(chunks) - 1  # after the body: its chunks' ids do not move


def test_page_notes_reads_each_note_after_the_page_s_footnote_break():
    from ingest.clean import FOOTNOTE_BREAK, page_notes

    page = (
        "Body text of the page.\n" + FOOTNOTE_BREAK + "141 Potential powers of entry include "
        "those under:\n• section 17(1)(b) of PACE\n142 A child under police protection should "
        "not be brought to a po-\nlice station.\n"
    )
    assert page_notes([page, "No notes here."]) == [
        (
            (141, "Potential powers of entry include those under: • section 17(1)(b) of PACE"),
            (142, "A child under police protection should not be brought to a police station."),
        ),
        (),
    ]


def test_a_passage_whose_first_words_extraction_broke_is_placed_by_the_words_after_them():
    """Trial O: 'Abi Gbago,' (a signature the PDF gives as 'A' / 'bi Gbago,') opened a passage
    whose text is on the next page: its page was unknown, and its sentences were cited to the
    page before theirs."""
    from ingest.chunking import locate_pages

    pages = [
        Page(1, "We thank all our partners for their work this year.\nA\nbi Gbago,"),
        Page(
            2,
            "Context\nFollowing an analysis of rapid reviews last year, the partnership agreed "
            "to analyse every review.",
        ),
    ]
    text = (
        "Abi Gbago,\nContext Following an analysis of rapid reviews last year, the partnership "
        "agreed to analyse every review."
    )
    assert locate_pages([text], pages) == [(1, text.index("Context"))]


def test_a_passage_placed_past_its_first_words_is_on_the_page_its_text_was_found():
    """Review 18: the words passed over were a running header three pages before the text; the
    passage was placed on the header's page with a break into the next, citing a page it is not on."""
    from ingest.chunking import locate_pages

    pages = [
        Page(1, "Safeguarding Pressures Phase 9\nForeword and thanks to all."),
        Page(2, "Contents"),
        Page(3, "Summary"),
        Page(
            4,
            "In March 2024, the association published its report on childhood and the "
            "pressures on services.",
        ),
    ]
    text = (
        "Safegarding Presures Phase9 In March 2024, the association published its report on "
        "childhood and "
        "the pressures on services."
    )
    assert locate_pages([text], pages) == [(4, 0)]


def test_a_number_a_line_wrapped_onto_is_no_paragraph_number():
    """Trial P: Working Together's para 332 ends '… under the age of' / '18. If local partners
    …': it was cited as para '332–18'."""
    page = Page(
        1,
        "332. The local authority should notify the Secretary of State of the death of a care\n"
        "leaver. Partners must consider whether the criteria are met, where the care leaver was\n"
        "under the age of\n"
        "18. If local partners think learning can be gained, they may undertake a review.\n"
        "333. The panel publishes its reports.\n",
    )
    chunks = chunk_document([page], INFO, "wt.pdf", [], ChunkingOptions(target_tokens=40))
    assert [c.paragraph for c in chunks] == ["332", "333"]
    assert "under the age of 18. If local partners" in chunks[0].text


def test_an_acts_section_a_chart_names_does_not_head_the_rest_of_the_document():
    """Trial GG: Oxfordshire's threshold chart names 'Section 31 – care orders (Level 4)', which
    ranked as a document's division and stood over every later passage's section; a division
    written 'Section 3: Child protection' still heads its sub-sections."""
    page = Page(
        1,
        "Section 17 – children in need (Level 3)\n"
        "Section 31 – care orders (Level 4)\n"
        "Family history and functioning\n"
        "Parents have a history of mental ill health that affects how they care for children.\n"
        "Young carers\n"
        "Some children care for a parent and need support to attend school every day.\n"
        "Section 3: Child protection\n"
        "Strategy discussions\n"
        "A strategy discussion should be held whenever there is reasonable cause to suspect harm.\n",
    )
    chunks = chunk_document([page], INFO, "t.txt", [], ChunkingOptions())
    sections = {c.text.split()[0]: c.section for c in chunks}
    assert "Section 31" not in sections["Some"] and sections["Some"].endswith("Young carers")
    assert sections["A"] == "Section 3: Child protection > Strategy discussions"
