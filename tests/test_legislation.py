"""Acts as legislation.gov.uk prints them: amendment markers come off the words they were glued to,
each section is headed by its number and title, and a definition keeps its list."""

from assistant.types import DocumentInfo
from ingest.chunking import ChunkingOptions, chunk_document, split_oversized
from ingest.clean import clean_pdf_pages
from ingest.legislation import unmark_amendments
from ingest.loaders import Page
from ingest.tokens import count_tokens

ACT = DocumentInfo(
    doc_id="ca-2004", title="Children Act 2004", edition="revised", kind="legislation"
)
BANNER = "Status: This version of this Act contains provisions that are prospective."

PAGE = (
    "Textual Amendments\n"
    "F81 S. 16D inserted (29.6.2018) by Children and Social Work Act 2017 (c. 16), ss. 15, 70(2)\n"
    "[\n"
    "F82Safeguarding partners for local authority areas\n"
    "Textual Amendments\n"
    "F82 S. 16E and crossheading inserted (19.3.2018) by Children and Social Work Act 2017\n"
    "16E Local arrangements for safeguarding and promoting welfare of children\n"
    "(1) The safeguarding partners for a local authority area in England must make\n"
    "arrangements for the safeguarding partners to work together.\n"
    "(3) In this section—\n"
    "“safeguarding partner”, in relation to a local authority area in England,\n"
    "means—\n"
    "(a) the local authority;\n"
    "(b) [\n"
    "F83an integrated care board] for an area any part of which falls within\n"
    "the local authority area;\n"
    "(c) the chief officer of police for a police area any part of which falls within\n"
    "the local authority area.]\n"
    "Textual Amendments\n"
    "F83 Words in s. 16E(3) substituted (1.7.2022) by Health and Care Act 2022 (c. 31)\n"
    "F84 S. 16F inserted (19.3.2018) by Children and Social Work Act 2017 (c. 16)\n"
    "[\n"
    "F8416F Local child safeguarding practice reviews\n"
    "(1) The safeguarding partners must make arrangements to identify serious cases.\n"
)


def test_amendment_markers_come_off_and_a_section_number_glued_to_one_is_kept():
    [page] = unmark_amendments([PAGE])
    assert "(b) an integrated care board for an area" in page
    assert "\nSafeguarding partners for local authority areas\n" in page
    assert "\n16F Local child safeguarding practice reviews\n" in page  # marker F84, section 16F
    assert "[" not in page and "]" not in page
    assert "F83 Words in s. 16E(3) substituted" in page  # the notes stay


def test_text_that_is_not_a_legislation_print_keeps_its_brackets():
    text = "The child [F83 was seen] by the nurse.\n"
    assert "[F83 was seen]" in clean_pdf_pages([text])[0]


def test_an_acts_section_heads_its_passages_and_the_definition_keeps_its_list():
    pages = [Page(27, text) for text in clean_pdf_pages([BANNER + "\n" + PAGE])]
    chunks = chunk_document(pages, ACT, "ca.pdf", [], ChunkingOptions(60, 90))
    definition = next(c for c in chunks if "“safeguarding partner”" in c.text)
    assert definition.section.endswith(
        "Safeguarding partners for local authority areas > "
        "16E Local arrangements for safeguarding and promoting welfare of children"
    )
    for item in (
        "(a) the local authority",
        "(b) an integrated care board",
        "(c) the chief officer",
    ):
        assert item in definition.text
    later = next(c for c in chunks if "serious cases" in c.text)
    assert later.section.endswith("16F Local child safeguarding practice reviews")


def test_a_list_longer_than_the_limit_is_still_cut_between_items():
    lead = "The partners must include:"
    items = [f"(a{n}) item number {n} of a long list of things to include here;" for n in range(40)]
    pieces = split_oversized("\n".join([lead, *items]), target_tokens=60, max_tokens=90)
    assert len(pieces) > 1 and all(count_tokens(p) <= 90 for p in pieces)
    assert pieces[0].startswith(lead)


WALES_PAGE = (
    "27 Responsibility for functions under section 25\n"
    "(1) A local authority in Wales must appoint an officer, to be known as the lead director for\n"
    "children and young people's services.\n"
    "Commencement Information\n"
    "I11 S. 27 not in force at Royal Assent see s. 67(3); s. 27 in force for W. at 1.4.2006 by S.I. 2006/885, art.\n"
    "2(2)\n"
    "28 Arrangements to safeguard and promote welfare: Wales\n"
    "(1) This section applies to each of the following—\n"
    + "".join(
        f"({letter}) a body of the kind numbered {n} in this list, in Wales{end}\n"
        for n, (letter, end) in enumerate(zip("abcdefghijklm", ";" * 12 + ".", strict=True))
    )
    + "(2) Each person and body to whom this section applies must make arrangements for ensuring "
    "that—\n"
    "(a) their functions are discharged having regard to the need to safeguard and promote the "
    "welfare of children; and\n"
    "(b) any services provided by another person are provided having regard to that need.\n"
)


def wales_chunks():
    pages = [Page(46, text) for text in clean_pdf_pages([BANNER + "\n" + WALES_PAGE])]
    return chunk_document(pages, ACT, "ca.pdf", [], ChunkingOptions())


def test_a_section_title_with_a_colon_heads_its_own_section():
    # '28 … welfare: Wales' after the wrapped end of a note on section 27 ('2(2)')
    duty = next(c for c in wales_chunks() if "must make arrangements for ensuring" in c.text)
    assert duty.section.endswith("28 Arrangements to safeguard and promote welfare: Wales")


def test_a_long_section_is_cut_where_a_subsection_starts():
    chunks = wales_chunks()
    duty = next(c for c in chunks if "must make arrangements for ensuring" in c.text)
    # the subsection is a passage of its own, not the tail of (1)'s list with (2) run on
    assert duty.text.startswith("(2) Each person and body")
    assert "(a) their functions are discharged" in duty.text


def test_a_section_title_opens_its_first_piece_rather_than_standing_alone():
    chunks = wales_chunks()
    assert not any(
        c.text.strip() == "28 Arrangements to safeguard and promote welfare: Wales" for c in chunks
    )
    opening = next(c for c in chunks if c.text.startswith("28 Arrangements"))
    assert "(1) This section applies" in opening.text
