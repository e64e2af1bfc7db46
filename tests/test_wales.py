"""Wales: a question about Wales (or asked with the Wales filter) is never answered from England's
arrangements without saying so. An Act for England and Wales is read part by part: its parts for
England are England's ('PART 2 CHILDREN'S SERVICES IN ENGLAND'), its parts for Wales are Wales's."""

import pytest

from assistant.answer import AnswerService
from assistant.retrieval import Filters
from assistant.types import DocumentInfo
from ingest.chunking import chunk_document
from ingest.loaders import Page
from ingest.pipeline import ingest
from tests.conftest import CORPUS, needs_corpus

ACT = (
    "PART 2\nCHILDREN’S SERVICES IN ENGLAND\nGeneral\n\n"
    "16E Local arrangements for safeguarding and promoting welfare of children\n\n"
    "(1) The safeguarding partners for a local authority area must make arrangements for the safeguarding "
    "partners and relevant agencies to work together in exercising their functions.\n\n"
    "PART 3\nCHILDREN’S SERVICES IN WALES\nGeneral\n\n"
    "25 Co-operation to improve well-being: Wales\n\n"
    "(1) Each children's services authority must make arrangements to promote co-operation between the "
    "authority and each of its relevant partners to improve the well-being of children.\n"
)
ENGLAND_GUIDE = (
    "Safeguarding partners\n\n"
    "The safeguarding partners are the local authority, the integrated care board and the chief officer of police, "
    "who must agree local arrangements for safeguarding children in their area.\n"
)
ACT_INFO = DocumentInfo("act", "Children Act", jurisdiction="England and Wales", kind="legislation")


def test_an_act_s_parts_for_england_and_for_wales_carry_their_own_jurisdiction():
    chunks = chunk_document([Page(1, ACT)], ACT_INFO, "act.txt")
    england = [c for c in chunks if "safeguarding partners for a local authority" in c.text]
    wales = [c for c in chunks if "children's services authority" in c.text]
    assert england and all(c.jurisdiction == "England" for c in england), [
        (c.section, c.jurisdiction) for c in england
    ]
    assert wales and all(c.jurisdiction == "Wales" for c in wales)


def test_an_amendment_for_england_in_a_schedule_for_both_nations_is_england_s():
    """A schedule of amendments for both nations: the passage replacing England's boards is
    England's, the one about Welsh boards is Wales's (the CSWA 2017 Schedule 1 passages that
    answered 'who are the safeguarding partners' with the Wales filter on)."""
    england = (
        "(8) In subsection (9) omit “Each Local Safeguarding Children Board in England and”, and for the "
        "words after it substitute the safeguarding partners for the local authority area. "
    ) * 6
    wales = (
        "(9) In section 31 the Safeguarding Children Board for an area in Wales must publish a report on "
        "its work and send it to the Welsh Ministers. "
    ) * 6
    page = Page(50, f"SCHEDULE 1 Section 10\nAMENDMENTS\n\n{england}\n\n{wales}\n")
    chunks = chunk_document([page], ACT_INFO, "act.txt")
    assert {c.jurisdiction for c in chunks if "Board in England" in c.text} == {"England"}
    assert {c.jurisdiction for c in chunks if "area in Wales" in c.text} == {"Wales"}


def _write(folder, name, text, jurisdiction, kind):
    (folder / f"{name}.txt").write_text(text)
    (folder / f"{name}.meta.yaml").write_text(
        f"doc_id: {name}\ntitle: {name}\nedition: '2023'\npublisher: Test\njurisdiction: {jurisdiction}\nkind: {kind}\n"
    )


@pytest.fixture
def service(fake_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "act", ACT, "England and Wales", "legislation")
    _write(docs, "england-guide", ENGLAND_GUIDE, "England", "statutory guidance")
    ingest([docs], fake_settings)
    settings = fake_settings.model_copy(update={"refusal_threshold": 0.1, "refusal_floor": 0.0})
    return AnswerService(settings)


def test_with_the_wales_filter_england_s_duties_in_an_act_for_england_and_wales_are_not_the_answer(
    service,
):
    answer = service.ask(
        "Who are the safeguarding partners?", filters=Filters(jurisdiction="Wales")
    )
    for c in answer.citations:
        assert c.passage.chunk.jurisdiction != "England", c.passage.chunk.text
        assert "safeguarding partners for a local authority" not in c.passage.chunk.text


def test_a_wales_question_answered_from_england_only_passages_says_the_index_holds_nothing_for_wales(
    service,
):
    answer = service.ask(
        "Who are the safeguarding partners in Wales?", filters=Filters(doc_ids=("england-guide",))
    )
    first, rest = answer.text.split("\n\n", 1)
    assert "holds nothing on this for Wales" in first and "integrated care board" not in first
    assert (
        "Wales Safeguarding Procedures" in first and "Working Together to Safeguard People" in first
    )
    assert rest.startswith(
        "For comparison only, England's guidance says:"
    )  # England's words, labelled as such
    assert answer.citations and all(
        c.passage.chunk.jurisdiction == "England" for c in answer.citations
    )
    assert "jurisdiction" in [n.kind for n in answer.notices]


def test_with_the_wales_filter_and_nothing_for_wales_the_answer_says_so(fake_settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    _write(docs, "england-guide", ENGLAND_GUIDE, "England", "statutory guidance")
    ingest([docs], fake_settings)
    answer = AnswerService(fake_settings).ask(
        "Who are the safeguarding partners?", filters=Filters(jurisdiction="Wales")
    )
    assert answer.refused and "holds nothing on this for Wales" in answer.text


def test_a_wales_question_citing_some_england_only_passages_gets_the_notice(service):
    answer = service.ask(
        "Who are the safeguarding partners in Wales and what must local arrangements do?"
    )
    england = [c.n for c in answer.citations if c.passage.chunk.jurisdiction == "England"]
    assert england, answer.to_dict()
    notice = next(n for n in answer.notices if n.kind == "jurisdiction")
    assert (
        "Wales Safeguarding Procedures" in notice.text
        and "Working Together to Safeguard People" in notice.text
    )
    assert f"[{england[0]}]" in notice.text


@pytest.mark.corpus
@needs_corpus()
def test_children_act_2004_part_2_is_england_and_part_3_is_wales():
    from ingest.loaders import load_document
    from ingest.pipeline import clean_pages

    loaded = load_document(CORPUS / "children-act-2004.pdf")
    chunks = chunk_document(clean_pages(loaded), ACT_INFO, "children-act-2004.pdf", loaded.outline)
    partners = [c for c in chunks if "safeguarding partners" in c.text.lower()]
    assert len(partners) >= 10 and all(c.jurisdiction == "England" for c in partners)
    part3 = [c for c in chunks if c.section.startswith("PART 3 > CHILDREN’S SERVICES IN WALES")]
    assert len(part3) >= 20 and all(c.jurisdiction == "Wales" for c in part3)


def test_a_passage_of_england_s_guidance_saying_its_rule_holds_in_wales_is_not_england_only():
    from assistant.setting import for_england_only
    from tests.conftest import make_chunk

    fgm = make_chunk(
        "k1",
        "Section 5B of the Female Genital Mutilation Act 2003 places a statutory duty upon "
        "teachers, along with regulated health and social care professionals in England and "
        "Wales, to report to the police.",
        jurisdiction="England",
    )
    schools = make_chunk(
        "k2", "Schools should have a designated safeguarding lead.", jurisdiction="England"
    )
    assert not for_england_only(fgm)
    assert for_england_only(schools)
    # saying that it does not apply in Wales leaves it England's alone
    only = make_chunk(
        "k3",
        "This guidance applies to schools in England only. It does not apply in Wales.",
        jurisdiction="England",
    )
    assert for_england_only(only)
    both = make_chunk(
        "k4",
        "It requires health bodies (ICBs) in England, and Local Health Boards in Wales, to work "
        "together.",
        jurisdiction="England",
    )
    assert not for_england_only(both)
    # trial EE: the longer list of nations says so too
    three = make_chunk(
        "k5",
        "This guidance applies in England, Wales and Northern Ireland. It covers settings such as "
        "schools and sports clubs.",
        jurisdiction="England",
    )
    assert not for_england_only(three)
