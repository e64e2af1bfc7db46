"""Cited answers on the real seed index: right document, verbatim quotes, every [n] resolves,
refusals, notices, follow-ups, and the CLI contract."""

import json
import re

import pytest

from assistant.answer import Turn
from assistant.text import cited_numbers
from tests.conftest import run_cli

pytestmark = pytest.mark.integration


ANSWERABLE = [
    ("What is the trigger trio?", "wcpp-complex-partnerships-2022", "trigger trio"),
    (
        "What did the Welsh Government review of strategic partnerships in 2020 conclude?",
        "wcpp-complex-partnerships-2022",
        "too many partnerships",
    ),
    (
        "What was the purpose of ContactPoint?",
        "essay-collaboration-never-work-2010",
        "contact point",
    ),
    (
        "What replaced Area Child Protection Committees?",
        "essay-collaboration-never-work-2010",
        "LSCBs",
    ),
    (
        "Which relevant partners did the government widen the duty to co-operate to?",
        "hudson-icn-conference-2004",
        "relevant partners",
    ),
    (
        "Why does multi-agency collaboration so often fail?",
        "cvsl-collaboration-this-time-2023",
        "collaboration",
    ),
]

OUT_OF_SCOPE = [
    "How do I cook a lasagne?",
    "Which car insurance is cheapest for a new driver?",
    "What is the capital of France?",
    "Who won the football league last season?",
]


def assert_well_cited(answer, reader):
    ns = cited_numbers(answer.text)
    assert ns, answer.text
    cited = {c.n: c for c in answer.citations}
    assert set(ns) == set(cited), "every [n] resolves and no citation is padding"
    for c in answer.citations:
        stored = reader.chunks[c.passage.chunk.id]
        assert c.passage.chunk.text == stored.text
        for sentence in c.supporting:
            assert sentence in stored.text, f"not verbatim: {sentence!r}"


@pytest.mark.parametrize("question,doc_id,phrase", ANSWERABLE)
def test_answers_cite_the_right_document_verbatim(seed_service, question, doc_id, phrase):
    answer = seed_service.ask(question)
    assert not answer.refused, question
    assert answer.citations[0].passage.chunk.doc_id == doc_id
    assert phrase.lower() in answer.text.lower()
    assert_well_cited(answer, seed_service.reader)
    assert len(answer.text.split()) <= 200


@pytest.mark.parametrize("question", OUT_OF_SCOPE)
def test_out_of_scope_questions_are_refused_without_citations(seed_service, question):
    answer = seed_service.ask(question)
    assert answer.refused and answer.citations == []
    assert "does not cover" in answer.text


def test_emergency_disclosure_puts_the_emergency_notice_first(seed_service):
    answer = seed_service.ask(
        "A girl in my class has just told me her dad hits her. What should I do?"
    )
    assert answer.notices[0].kind == "emergency"
    assert (
        "999" in answer.notices[0].text
        and "0808 800 5000" in answer.notices[0].text
        and "0800 1111" in answer.notices[0].text
    )
    # the guidance answer (or the honest refusal) still follows the notice
    assert answer.text and (answer.refused or answer.citations)


def test_follow_up_question_uses_the_previous_turn(seed_service):
    alone = seed_service.ask("What are its limitations?")
    followed = seed_service.ask(
        "What are its limitations?", history=[Turn("What is the Common Assessment Framework?")]
    )
    assert "Common Assessment Framework" in followed.standalone_question
    assert not followed.refused
    assert any(
        "limitations" in c.passage.chunk.text
        and "Common Assessment Framework" in c.passage.chunk.text
        for c in followed.citations
    )
    assert alone.refused or alone.citations != followed.citations


def test_question_about_wales_found_only_in_england_sources_says_the_index_holds_nothing_for_wales(
    seed_service,
):
    """England's arrangements are not quoted as the answer to a question about Wales (issue 14.5)."""
    answer = seed_service.ask("In Wales, what are the five outcomes of Every Child Matters?")
    assert answer.text.startswith("The guidance indexed here holds nothing on this for Wales")
    assert "For comparison only, England's guidance says:" in answer.text
    assert {c.passage.chunk.jurisdiction for c in answer.citations} == {"England"}
    assert "jurisdiction" in [n.kind for n in answer.notices]


def test_question_about_wales_answered_from_welsh_sources_has_no_jurisdiction_notice(seed_service):
    answer = seed_service.ask(
        "What did the Welsh Government review of strategic partnerships in 2020 conclude?"
    )
    assert "jurisdiction" not in [n.kind for n in answer.notices]


def test_personal_details_are_flagged_and_redacted_before_retrieval(seed_service):
    answer = seed_service.ask(
        "Jamie Smith, DOB 12/03/2015, NHS number 943 476 5919: what is the Common Assessment Framework?"
    )
    assert answer.notices[0].kind == "personal_data"
    assert (
        "12/03/2015" not in answer.standalone_question
        and "943 476 5919" not in answer.standalone_question
    )
    assert "Jamie Smith" not in answer.standalone_question


def test_seed_citations_carry_no_duty_because_reviews_and_commentary_place_none(seed_service):
    answer = seed_service.ask("What is the trigger trio?")
    musts = [c for c in answer.citations if re.search(r"\bmust\b", c.passage.chunk.text)]
    assert musts, "the seed passage on the trigger trio says services 'must be provided'"
    assert {c.passage.chunk.kind for c in answer.citations} <= {"commentary", "research"}
    assert all(c.duty is None for c in answer.citations)


# --- CLI contract ---------------------------------------------------------------------------


def _env(settings):
    return {"JOINEDUP_STORE": str(settings.store)}


def test_ask_json_has_the_documented_fields(seed_settings):
    result = run_cli("ask", "What is the trigger trio?", "--json", env=_env(seed_settings))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {
        "question",
        "answer",
        "refused",
        "notices",
        "citations",
        "backend",
        "timings_ms",
    } <= set(data)
    assert set(data["timings_ms"]) >= {"retrieve", "answer", "total"}
    fields = {
        "n",
        "doc_id",
        "title",
        "edition",
        "publisher",
        "jurisdiction",
        "status",
        "section",
        "paragraph",
        "page",
        "source",
        "url",
        "duty",
        "text",
        "score",
    }
    assert data["citations"] and all(fields <= set(c) for c in data["citations"])
    assert data["backend"] == "extractive"


def test_ask_and_search_with_a_questions_file(seed_settings, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps({"id": f"q{i}", "question": q}) for i, (q, _, _) in enumerate(ANSWERABLE[:3])
        )
    )
    asked = run_cli("ask", "--questions", str(questions), "--json", env=_env(seed_settings))
    lines = [json.loads(line) for line in asked.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q0", "q1", "q2"]
    assert all(line["citations"] for line in lines)

    searched = run_cli(
        "search", "--questions", str(questions), "-k", "4", "--json", env=_env(seed_settings)
    )
    rows = [json.loads(line) for line in searched.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["q0", "q1", "q2"]
    assert all(len(r["passages"]) == 4 and "answer" not in r for r in rows)
    assert rows[0]["passages"][0]["doc_id"] == "wcpp-complex-partnerships-2022"


@pytest.mark.parametrize("question,message", [("   ", "empty"), ("x" * 2001, "limit is 2000")])
def test_bad_questions_get_one_line_and_exit_2(seed_settings, question, message):
    result = run_cli("ask", question, env=_env(seed_settings))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ask_with_missing_index_exits_2(tmp_path):
    result = run_cli("ask", "What is early help?", env={"JOINEDUP_STORE": str(tmp_path / "none")})
    assert result.returncode == 2 and "no index" in result.stderr


def test_a_named_document_that_is_not_indexed_is_refused_with_where_to_find_it(seed_service):
    answer = seed_service.ask(
        "What does the Wales Safeguarding Procedures say about strategy meetings?"
    )
    assert answer.refused and not answer.citations
    assert (
        "Wales Safeguarding Procedures" in answer.text
        and "not among the documents indexed" in answer.text
    )


def test_commentary_naming_a_missing_document_answers_alone_wherever_it_ranks(seed_service):
    """Dev q012: the Family Hubs guide is not indexed, but a commentary says 'guidance on
    developing Family Hubs (HMG, 2022) mentions poverty only once'; it ranked 5th, below passages
    on poverty that do not name the guide, and the question was refused. It answers now, quoting
    only passages that name the guide, as the notice says."""
    from assistant.scope import passages_naming

    answer = seed_service.ask("Does the government's Family Hubs guidance say much about poverty?")
    assert not answer.refused
    assert any(n.kind == "info" and "commentary" in n.text for n in answer.notices)
    assert "mentions poverty only once" in answer.text
    names = ("Family Hubs and Start for Life programme guide", "family hubs guide")
    assert answer.citations
    for citation in answer.citations:
        assert passages_naming([citation.passage], names), citation.passage.chunk.id


def test_a_missing_document_is_named_by_its_proper_name_only_where_a_sentence_calls_it_guidance():
    from assistant.scope import passages_naming
    from tests.conftest import make_chunk

    names = ("Family Hubs and Start for Life programme guide", "Family Hubs programme guide")

    def said(text):
        return passages_naming([type("P", (), {"chunk": make_chunk("c", text)})()], names)

    assert said(
        "For example, guidance on developing Family Hubs (HMG, 2022) mentions poverty once."
    )
    assert said("The Family Hubs and Start for Life programme guide sets out expectations.")
    assert not said(
        "Recent spending on family hubs grew. Other guidance followed."
    )  # not one sentence
    assert not said("Family Hubs opened in 75 areas.")  # no guidance named


def test_a_refused_question_about_a_field_next_to_safeguarding_says_where_that_field_is_answered(
    seed_service,
):
    """Benefits, housing law, pay, medicines: the refusal points to who can answer, not only to
    the safeguarding sources."""
    answer = seed_service.ask("How much Calpol can I give a 2 year old with a temperature?")
    assert answer.refused and not answer.citations
    assert "medicines" in answer.text and "pharmacist" in answer.text
    first, second, *_ = answer.text.split("\n\n")
    assert "does not cover" in first and "pharmacist" in second


def test_a_refused_question_about_another_field_is_not_mended_into_one_the_index_answers(
    guidance_service, monkeypatch
):
    """Trial J: 'section 21 eviction notice' was 'mended' to 'section 21 election notice' and
    answered with unrelated passages. A speller that mends it into a question the index answers
    is not asked."""
    service = guidance_service
    speller = service.retriever.context.speller
    mended = "Do I need consent to share information about a child at risk of harm?"
    monkeypatch.setattr(speller, "correct", lambda question: mended)
    asked = (
        "family got a section 21 eviction notice, how much notice does the landlord have to give?"
    )
    answer = service.ask(asked)
    assert answer.refused and "housing law" in answer.text
    assert "eviction" in answer.standalone_question


def test_a_refusal_names_no_field_the_question_does_not_name(seed_service):
    answer = seed_service.ask("What is the capital city of Peru?")
    assert answer.refused and "looks like a question about" not in answer.text


def test_child_protection_outside_england_and_wales_is_refused(seed_service):
    answer = seed_service.ask(
        "What does Scottish child protection guidance say about inter-agency referral discussions?"
    )
    assert answer.refused and "Scotland" in answer.text


def test_an_emergency_retrieves_what_to_do_now(seed_service):
    question = (
        "A 14 year old has just told me her stepdad hits her and she is scared to go home tonight"
    )
    answer = seed_service.ask(question)
    assert answer.notices[0].kind == "emergency"
    assert seed_service.retrieval_query(question, True) != question


def test_named_documents_pick_the_edition_by_year():
    from assistant.catalogue import Catalogue
    from assistant.scope import ScopeCheck
    from tests.conftest import REPO

    scope = ScopeCheck(
        Catalogue.load(REPO / "guidance_docs" / "sources.yaml"),
        {"kcsie-2024", "kcsie-2025", "wt-2023", "csc-national-framework-2023", "info-sharing-2024"},
    )
    # trial Y: 'info sharing advice 2024 - …' names the advice as practitioners shorten it
    assert scope.named_documents("info sharing advice 2024 - who should i ask?") == {
        "info-sharing-2024"
    }
    # trial Q: practitioners call it 'the national framework'
    assert scope.named_documents(
        "up to what age does the national framework cover care leavers"
    ) == {"csc-national-framework-2023"}
    assert scope.named_documents(
        "What did the 2024 edition of Keeping Children Safe in Education say?"
    ) == {"kcsie-2024"}
    assert scope.named_documents("Under KCSIE 2024, who do I tell?") == {"kcsie-2024"}
    assert scope.named_documents("What does KCSIE say about filtering?") == {
        "kcsie-2025"
    }  # current edition
    assert scope.named_documents("What does Working Together say about strategy discussions?") == {
        "wt-2023"
    }
    assert scope.named_documents("Who are the safeguarding partners?") == frozenset()
    assert scope.names_superseded("Under KCSIE 2024, who do I tell?")


def test_national_reports_and_local_documents_are_named_as_practitioners_shorten_them():
    from assistant.catalogue import Catalogue
    from assistant.scope import ScopeCheck
    from tests.conftest import REPO

    reports = {"adcs-safeguarding-pressures-9", "london-rapid-reviews-2023-24"}
    scope = ScopeCheck(Catalogue.load(REPO / "guidance_docs" / "sources.yaml"), reports)
    # trial BB: 'adcs safeguarding pressures report mentions …' named nothing
    assert scope.named_documents(
        "adcs safeguarding pressures report - what groups of children did it identify?"
    ) == {"adcs-safeguarding-pressures-9"}
    assert scope.named_documents("london rapid reviews analysis - what about fathers?") == {
        "london-rapid-reviews-2023-24"
    }
    assert scope.named_documents("what are the safeguarding pressures on councils?") == frozenset()


def test_a_national_publishers_initials_name_its_documents_a_local_partnerships_do_not():
    """Trial GG: 'wales - whats the 'trigger trio' that WCPP talk about' named nothing, and the
    Wales Centre for Public Policy's commentary was not in the top 30; 'LSCP' is every local
    partnership's initials, not Lambeth's or London's document."""
    from assistant.catalogue import Catalogue
    from assistant.scope import ScopeCheck
    from tests.conftest import REPO

    held = {
        "wcpp-complex-partnerships-2022",
        "adcs-safeguarding-pressures-9",
        "london-rapid-reviews-2023-24",
        "lambeth-scp-info-pack-2025",
        "wt-2023",
    }
    scope = ScopeCheck(Catalogue.load(REPO / "guidance_docs" / "sources.yaml"), held)
    asked = "wales - whats the 'trigger trio' that WCPP talk about"
    assert scope.named_documents(asked) == {"wcpp-complex-partnerships-2022"}
    assert scope.named_documents("what did ADCS find about referrals?") == {
        "adcs-safeguarding-pressures-9"
    }
    assert scope.named_documents("what must the LSCP publish each year?") == frozenset()
    assert scope.named_documents("what does the DfE say about early help?") == frozenset()


def test_a_missing_document_mentioned_beside_an_indexed_one_asked_about_refuses_nothing():
    from assistant.catalogue import Catalogue
    from assistant.scope import ScopeCheck
    from tests.conftest import REPO

    scope = ScopeCheck(Catalogue.load(REPO / "guidance_docs" / "sources.yaml"), {"wt-2023"})
    # review 23b: on a fresh install the local reports are missing
    asked = "Our ADCS safeguarding pressures return is due - what does Working Together say?"
    assert scope.check(asked) is None
    assert scope.check("what does the ADCS safeguarding pressures report say?") is not None


def test_a_question_refused_for_its_typos_is_answered_with_them_mended(guidance_service):
    typed = "wot are the sevn golden rules for sharng informaton"
    mended = "wot are the sevn golden rules for sharing information"
    service = guidance_service
    assert not service.covered(typed, service.search(typed))  # as typed: refused
    assert service.retriever.context.speller.correct(typed) == mended
    answer = service.ask(typed)
    assert not answer.refused, answer.text
    assert answer.standalone_question == mended  # shown as 'Answering: …'
    assert answer.citations


def test_what_came_of_it_is_no_subject_a_passage_must_hold(seed_service):
    """Trial M, H4: 'how many recomendations did laming make and what came out of it' was refused:
    mended to 'recommendations', its passage (108 recommendations) still lacked 'came', a word that
    says nothing of what the question is about."""
    answer = seed_service.ask("how many recomendations did laming make and what came out of it")
    assert not answer.refused, answer.text
    assert "108" in answer.text
