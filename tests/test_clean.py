"""Cleaning on real lines from the seeds and the corpus."""

from ingest.clean import (
    FOOTNOTE_BREAK,
    clean_pdf_pages,
    clean_text_document,
    drop_footnotes,
    fix_ligatures,
    footnote_marker,
    is_contents_page,
    is_legislation_banner,
    join_hyphenated,
    running_lines,
    strip_web_boilerplate,
)

SEED_002_HEAD = """Person typing on keyboard CREDIT Cytonn photography on Unsplash
CVSL logo

You are here

  1. Home
  2. Blogs
  3. Carol Jacklin-Jarvis's blog
  4. What a difference ten years makes: partnership, policy, and practice

What a difference ten years makes: partnership, policy, and practice

This blog is written by Dr Carol Jacklin-Jarvis, Director of the Centre for Voluntary Sector Leadership."""


def test_web_capture_crumbs_credits_and_logo_are_removed_but_content_kept():
    cleaned = strip_web_boilerplate(SEED_002_HEAD)
    assert "Unsplash" not in cleaned
    assert "CVSL logo" not in cleaned
    assert "You are here" not in cleaned
    assert "1. Home" not in cleaned and "2. Blogs" not in cleaned
    assert cleaned.startswith("What a difference ten years makes")
    assert "This blog is written by Dr Carol Jacklin-Jarvis" in cleaned


def test_image_source_line_from_seed_000_is_removed():
    text = "In the first blog, Carol asks a question.\n\nImageSource: Supporting Collaboration in Kids Ages 8-11 (today.com)\n\nTen years ago I finished."
    cleaned = clean_text_document(text)
    assert "ImageSource" not in cleaned
    assert "Ten years ago I finished." in cleaned


def test_contact_us_share_links_and_email_addresses_are_removed():
    text = "Read the report here.\nContact us\nShare this page\nTwitter\nEmail the author at carol.jacklin-jarvis@open.ac.uk for details."
    cleaned = clean_text_document(text)
    assert "Contact us" not in cleaned
    assert "Share this page" not in cleaned and "Twitter" not in cleaned
    assert "@" not in cleaned
    assert "Email the author at  for details." in cleaned


def test_a_long_content_paragraph_mentioning_contact_is_kept():
    line = "Contact us " + "about partnership working in children's services " * 5
    assert strip_web_boilerplate(line).strip() == line.strip()


def test_ligatures_and_soft_hyphens_become_letters():
    assert (
        fix_ligatures("e\ufb00ective \ufb01nancial o\ufb03ce safe\u00adguarding")
        == "effective financial office safeguarding"
    )


def test_hyphenation_across_line_ends_is_joined_but_real_compounds_kept():
    assert (
        join_hyphenated("practitioners must safe-\nguard children")
        == "practitioners must safeguard children"
    )
    assert join_hyphenated("effective multi-\nagency working") == "effective multi-agency working"


TOPICS = [
    "early help",
    "information sharing",
    "child protection",
    "multi-agency working",
    "family networks",
    "independent scrutiny",
    "relevant agencies",
    "yearly reports",
]


def _wt_like_pages(n: int) -> list[str]:
    return [
        f" \n{i + 7}\n{10 + i}. Successful outcomes for children depend on {TOPICS[i]}.\n"
        f"Practitioners should read the section on {TOPICS[i]} with care.\n"
        f"Each agency keeps its own records of {TOPICS[i]}.\n"
        "Working together to safeguard children 2023 \n"
        for i in range(n)
    ]


def test_pdf_page_numbers_and_running_footers_are_removed():
    cleaned = clean_pdf_pages(_wt_like_pages(8))
    for page in cleaned:
        assert not page.splitlines()[0].strip().isdigit()
        assert "Working together to safeguard children 2023" not in page
        assert "Successful outcomes for children" in page


def test_footnotes_marked_in_the_text_are_dropped_from_the_page_foot():
    lines = [
        "65. Relevant agencies are those organisations whose involvement the safeguarding partners",
        "consider are required. A list of organisations is set out in regulations24.",
        "66. Strong, effective multi-agency safeguarding arrangements should be responsive to",
        "local circumstances and engage the right people in a collaborative way.",
        "24 The Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018",
    ]
    assert drop_footnotes(lines) == lines[:4]


def test_a_line_that_only_starts_with_a_number_is_not_taken_for_a_footnote():
    lines = [
        "The assessment should be completed within",
        "the timescale. Local protocols vary and set out",
        "how cases are handled by the team and the",
        "decision is recorded. It must be made within",
        "45 working days of the point of referral.",
    ]
    assert drop_footnotes(lines) == lines


def test_contents_pages_are_recognised():
    toc = [
        "Contents",
        "Introduction 6",
        "About this guidance 7",
        "What is the status of this guidance? 8",
        "Who is this guidance for? 9",
        "Chapter 1: A shared responsibility 10",
        "Information sharing 17",
    ]
    assert is_contents_page(toc)
    assert not is_contents_page(
        [
            "12. A child-centred approach is fundamental to safeguarding.",
            "The Children Act 1989 sets out duties.",
        ]
    )


# --- footnotes: never at the cost of body text ------------------------------------------------

# Children and Social Work Act 2017, PDF page 1: section 1 under 'CHAPTER 1' (no footnotes at all)
CSWA_P1 = """PART 1
CHILDREN
CHAPTER 1
LOOKED AFTER CHILDREN
Corporate parenting principles for English local authorities
1 Corporate parenting principles
(1) A local authority in England must, in carrying out functions in relation to the children
and young people mentioned in subsection (2), have regard to the need—
(a) to act in the best interests, and promote the physical and mental health and
well-being, of those children and young people;
(b) to encourage those children and young people to express their views, wishes
and feelings;
(c) to take into account the views, wishes and feelings of those children and young
people;""".splitlines()


def test_a_section_heading_of_an_act_is_not_a_footnote_because_chapter_1_came_before():
    assert drop_footnotes(CSWA_P1) == CSWA_P1


def test_markers_are_superscripts_glued_to_text_not_numbers_after_a_space():
    assert footnote_marker("is set out in regulations24.", 24)
    assert footnote_marker("Child criminal exploitation (CCE)13", 13)
    assert footnote_marker("placed a duty on them. The Children Act 20042 placed a", 2)
    assert footnote_marker(
        "the designated safeguarding lead\n49 should have", 49
    )  # PDFium broke the line at it
    assert footnote_marker("Regulations 2018\n5\n", 5)
    assert not footnote_marker("CHAPTER 1\nLOOKED AFTER CHILDREN", 1)
    assert not footnote_marker("F12 Primary function: children's rights, views and interests", 12)
    assert not footnote_marker("S47 strategy discussion", 47)
    assert not footnote_marker(
        "1 Corporate parenting principles", 1
    )  # a short heading, not a wrapped line
    assert footnote_marker(
        "Schools and colleges must 87 maintain a single central record", 87, weak=True
    )
    assert not footnote_marker("Schools and colleges must 87 maintain a single central record", 87)


def test_a_table_and_paragraph_after_a_number_line_are_not_taken_for_a_footnote():
    # ADCS Safeguarding Pressures phase 9, p40: 'SP9' looks like a marker for '9 Change'
    lines = [
        "All 34 of the SP9 DCS interviewees referred to increases in serious, complex child",
        "safeguarding concerns, particularly in relation to young children.",
        "Table 3: Initial contacts received in the period (1st April to 31st March).",
        "Phase",
        "9 Change",
        "over",
        "time",
        "(England) 1,349,042 1,746,665 2,051,273 2,324,825 2,190,049 2,395,852 2,519,393 2,766,704 3,001,339 122% 8%",
        "Initial contact data tracks safeguarding concerns raised with local authorities by members of",
        "the public and multi-agency partners. Many local authorities operate a combined first point of",
    ]
    assert drop_footnotes(lines) == lines


def test_a_run_of_notes_whose_first_marker_is_on_the_page_before_is_still_found():
    # Working Together 2023, p147: notes 216-217 belong to markers on p146
    lines = [
        "380. The child death review process covers children218, regardless of the cause of",
        "death219.",
        "partners should model their child death review structures and processes as laid out in the",
        "‘Child Death Review Statutory and Operational Guidance (2018)’",
        "220.",
        "• the designated221 doctor for child deaths for the local area",
        "383. Child death review partners should agree locally how the child death review",
        "process will be funded in their area.",
        "216 The guidance in this chapter is issued under the Children Act 2004 Section 16Q",
        "217 For the purposes of child death reviews, a local area is the area within the remit of a local authority",
        "218 Children Act 2004 Section 65 - a child is defined as a person under 18 years of age",
        "219 This will include the death of any liveborn baby, where a death certificate has been issued",
        "220 Child Death Review: Statutory and Operational Guidance (England)",
        "221 Within that part of the health system that supports child safeguarding and protection services",
    ]
    assert drop_footnotes(lines) == lines[:8]


def test_notes_the_loader_placed_after_the_break_are_dropped_and_the_call_out_after_them_kept():
    # Information sharing advice 2024, p15: PDFium emits the call-out boxes after the footnote;
    # the loader moves the note (small type below the body) after FOOTNOTE_BREAK
    page = (
        "15\n"
        "When attempting to safeguard a child, practitioners should act in accordance with local\n"
        "procedures and, unless there is a sound reason not to, they should provide timely\n"
        "feedback21 on decisions taken following information being shared.\n"
        "The most important consideration is whether the sharing of information is likely\n"
        "to support the safeguarding of a child\n"
        "Have confidence to share information – trust your instincts and act on\n"
        "your training, experience and risk assessment skills.\n"
        f"{FOOTNOTE_BREAK}\n"
        "21 Feedback on referrals to the local authority children’s social care is outlined at Page 58, para 151 of\n"
        "Working Together 2023"
    )
    others = [
        f"{n}\n{n + 40}. Practitioners should read paragraph {n} with care.\n{FOOTNOTE_BREAK}"
        for n in range(16, 20)
    ]
    cleaned = clean_pdf_pages([page, *others])[0]
    assert "Feedback on referrals" not in cleaned and "Working Together 2023" not in cleaned
    assert "to support the safeguarding of a child" in cleaned
    assert "Have confidence to share information" in cleaned
    assert FOOTNOTE_BREAK not in cleaned


def test_with_a_layout_break_the_text_is_not_searched_for_footnotes_again():
    page = f"The Act was amended in 20042 and again later.\n1 Corporate parenting principles\n2 Establishment of the office\n{FOOTNOTE_BREAK}"
    cleaned = clean_pdf_pages([page])[0]
    assert "1 Corporate parenting principles" in cleaned
    # The textual footnote check would drop this line; with a layout break it must not run.
    assert "2 Establishment of the office" in cleaned


# --- running headers of legislation.gov.uk prints -----------------------------------------------


def _act_page(number: int, part: str, body: list[str]) -> str:
    header = [
        f"{number} Children Act 2004 (c. 31)",
        part,
        "Document Generated: 2025-04-11",
        "Status: This version of this Act contains provisions that are prospective.",
        "Changes to legislation: Children Act 2004 is up to date with all changes known to be in force on or before 11 April",
        "2025. There are changes that may be brought into force at a future date. Changes that have been made appear",
        "in the content and are referenced with annotations. (See end of Document for details) View outstanding changes",
    ]
    return "\n".join(header + body)


def test_the_seven_line_status_banner_and_the_part_name_it_wraps_are_removed():
    subjects = ["an inquiry", "a report", "a review", "a visit", "an interview", "a request"]

    def body(n: int) -> list[str]:
        return [
            f"(2) The Children’s Commissioner may only conduct {subjects[n]} under this section if he",
            f"is satisfied that {subjects[n]} would not duplicate work that is the function of another",
            f"person (having consulted such persons as he considers appropriate for {subjects[n]}).",
        ]

    parts = ["Part 1 – Children’s Commissioner"] * 3 + [
        "Part 2 – Children’s services in England"
    ] * 3
    cleaned = clean_pdf_pages([_act_page(n + 4, part, body(n)) for n, part in enumerate(parts)])
    for n, page in enumerate(cleaned):
        assert "View outstanding changes" not in page and "Status:" not in page
        assert (
            "Document Generated" not in page and "Part 1 –" not in page and "Part 2 –" not in page
        )
        assert page == "\n".join(body(n))


def test_the_status_note_at_the_end_of_an_act_loses_its_banner_lines_only():
    lines = [
        "Status:",
        "This version of this Act contains provisions that are prospective.",
        "Changes to legislation:",
        "Children Act 2004 is up to date with all changes known to be in force on or before 11 April 2025.",
        "View outstanding changes",
        "– s. 11(1)(f) omitted by 2012 c. 7 Sch. 14 para. 97",
    ]
    assert [ln for ln in lines if not is_legislation_banner(ln)] == [lines[3], lines[5]]


def test_a_heading_under_the_page_number_is_not_taken_for_a_running_header():
    # KCSIE 2024 p72: the superscript markers '80', '81' stand alone like page numbers
    lines = [
        "72",
        "Prohibitions, directions, sanctions and restrictions",
        "Secretary of State teacher prohibition, and interim prohibition orders7F",
        "80",
        "81",
        "259. Teacher prohibition and interim prohibition orders prevent a person from",
        "carrying out teaching work as defined in the Teachers’ Disciplinary (England)",
        "Regulations 2012 in schools, sixth form colleges, 16-19 academies, relevant youth",
        "accommodation and children’s homes in England.",
    ]
    assert running_lines(lines, {"#"}) == {0}


def test_a_list_of_amendments_is_not_a_contents_page_and_an_annex_intro_survives_its_contents():
    amendments = [
        "Changes and effects yet to be applied to :",
        "– s. 11(1)(f) omitted by 2012 c. 7 Sch. 14 para. 97",
        "– s. 13(3)(f) words omitted by 2012 c. 7 Sch. 14 para. 98",
        "– s. 32A inserted by 2010 c. 26 s. 9",
        "– s. 39 repealed by 2006 c. 47 Sch. 10",
        "– Sch. 1 para. 11 repealed by 2006 c. 47 Sch. 10",
        "– Sch. 2 para. 6 repealed by 2006 c. 47 Sch. 10",
    ]
    assert not is_contents_page(amendments)
    annex = [
        "Annex B: Further information",
        "Annex B contains important additional information about specific forms of abuse and",
        "safeguarding issues.",
        "Table of contents",
        "Child abduction and community safety incidents 149",
        "County lines 150",
        "Children and the court system 151",
        "Children missing from education 152",
        "Cybercrime 152",
        "Domestic abuse 153",
        "Homelessness 155",
    ]
    assert is_contents_page(annex)
    pages = ["\n".join(annex)] + [
        f"{n}. Body text of page {n} that says something." for n in range(2, 6)
    ]
    assert clean_pdf_pages(pages)[0].startswith(
        "Annex B: Further information\nAnnex B contains important"
    )


def test_follow_us_links_are_web_furniture():
    assert (
        strip_web_boilerplate("Contact us\nFollow us on Twitter\nThe end of the blog.")
        == "The end of the blog."
    )


def test_note_markers_glued_to_words_come_off_when_the_note_is_on_the_page():
    # 'Authorities20' (a family hubs chart) and 'feedback21' were quoted in answers as they stood
    page = (
        "Local authorities20 with a family hub reported more early help referrals.\n"
        "They should provide timely feedback21 on decisions taken. Referrals rose by 21 per cent.\n"
        "Within 20 working days the plan is reviewed.\n"
        f"{FOOTNOTE_BREAK}\n"
        "20 Survey of local authorities, 2024.\n"
        "21 Feedback on referrals is outlined in Working Together 2023."
    )
    cleaned = clean_pdf_pages([page])[0]
    assert (
        "Local authorities with a family hub" in cleaned
        and "timely feedback on decisions" in cleaned
    )
    assert "by 21 per cent" in cleaned and "Within 20 working days" in cleaned
