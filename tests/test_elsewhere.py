"""Which field next to safeguarding a refused question is about (assistant/elsewhere.py)."""

import pytest

from assistant.elsewhere import field_asked


@pytest.mark.parametrize(
    ("question", "field"),
    [
        (
            "mum on UC just had her 3rd baby, is there an exception to the two child limit?",
            "benefits",
        ),
        ("17yo looked after, never applied to the EU settlement scheme. deadline?", "immigration"),
        (
            "16yo asylum seeker had his claim refused - how many days to lodge an appeal with the "
            "tribunal?",
            "immigration",
        ),
        (
            "family got a section 21 notice from their private landlord, how much notice?",
            "housing law",
        ),
        (
            "am I legally entitled to extra pay or a TLR for doing the DSL role?",
            "pay and employment",
        ),
        ("how much calpol can i give a 2 year old?", "medicines"),
        ("whats the maximum sentence for possession of indecent images?", "criminal sentencing"),
        (
            "a working mum asked how many hours of free funded childcare she can get for her 9 "
            "month old",
            "childcare funding",
        ),
        # trial BB's out-of-scope questions
        (
            "can i claim 45p a mile for home visits in my own car or has it gone down?",
            "travel expenses",
        ),
        (
            "what car seat or booster does a 4yo legally need when i drive them to contact?",
            "child car seats",
        ),
        (
            "how many hours is a 14 year old legally allowed to work at a saturday job?",
            "child employment",
        ),
    ],
)
def test_a_question_naming_a_field_next_to_safeguarding_is_found(question, field):
    found = field_asked(question)
    assert found is not None and found.name == field


@pytest.mark.parametrize(
    "question",
    [
        "what does the LADO do?",
        "which agencies should be at a strategy discussion?",
        "the child was uc-ertain what to say",  # 'UC' only as typed in capitals
        "should we give the child the benefit of the doubt and pay attention to what she says?",
    ],
)
def test_a_safeguarding_question_names_no_other_field(question):
    assert field_asked(question) is None
