"""Cleaning on real lines from the seeds and the corpus."""

from ingest.clean import (
    clean_pdf_pages,
    clean_text_document,
    drop_footnotes,
    fix_ligatures,
    is_contents_page,
    join_hyphenated,
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
    assert fix_ligatures("e\ufb00ective \ufb01nancial o\ufb03ce safe\u00adguarding") == "effective financial office safeguarding"


def test_hyphenation_across_line_ends_is_joined_but_real_compounds_kept():
    assert join_hyphenated("practitioners must safe-\nguard children") == "practitioners must safeguard children"
    assert join_hyphenated("effective multi-\nagency working") == "effective multi-agency working"


TOPICS = ["early help", "information sharing", "child protection", "multi-agency working",
          "family networks", "independent scrutiny", "relevant agencies", "yearly reports"]


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
    lines = ["The assessment should be completed within", "the timescale. Local protocols vary and set out", "how cases are handled by the team and the", "decision is recorded. It must be made within", "45 working days of the point of referral."]
    assert drop_footnotes(lines) == lines


def test_contents_pages_are_recognised():
    toc = ["Contents", "Introduction 6", "About this guidance 7", "What is the status of this guidance? 8",
           "Who is this guidance for? 9", "Chapter 1: A shared responsibility 10", "Information sharing 17"]
    assert is_contents_page(toc)
    assert not is_contents_page(["12. A child-centred approach is fundamental to safeguarding.", "The Children Act 1989 sets out duties."])
