"""'What should happen' items from a sentence that opens with a situation: the predicate is the
answer, what the guidance on the same matter says should happen in other situations (or what others
should do) gives the wrong options, and nothing that could be right, that leans on its context,
that reads oddly with the statement's subject or that carries PDF noise is offered."""

import random

import numpy as np

from assistant.quiz.responses import ResponseWriter, response_of, responses_in
from assistant.quiz.validate import item_problems
from tests.test_quiz_rules import make_chunk

MENTAL_HEALTH = (
    "Only appropriately trained professionals should attempt to make a diagnosis of a mental "
    "health problem. If staff have a mental health concern about a child that is also a "
    "safeguarding concern, immediate action should be taken to follow the child protection "
    "policy and by speaking to the designated safeguarding lead."
)
OTHERS = [
    "Where a member of staff is suspended pending an investigation, written confirmation should be "
    "given within one working day, giving the reasons for the suspension.",
    "When an applicant is shortlisted for a teaching post, the school must obtain a copy of the "
    "certificate from the agency before the first day.",
    "If the court appoints a guardian for the child, a copy of the order will be sent to every "
    "agency named in the local authority’s care plan.",
    "Where a child goes missing from a placement, a police car will be deployed to the child’s home "
    "or the location from where the child went missing.",
    "If a family moves abroad during the school year, the school place will be offered to the next "
    "pupil on the waiting list.",
    "When a serious case review is published, the partners should consider carefully how best to "
    "manage the impact of the publication on family members.",
]
# what could be right here too, or reads only with its own sentence: never a wrong option
UNSAFE = [
    "Where a pupil's behaviour changes suddenly, staff should speak to the designated safeguarding "
    "lead about what they have seen.",
    "Where a placement ends early, the plan should be followed by the carers and other professionals "
    "in that Host authority area.",
    "When the panel meets about a new case, members must 99 obtain a copy of the certificate from "
    "the agency.",
]


AXES: dict[str, int] = {}  # each text its own dimension


def _axis(text: str) -> np.ndarray:
    v = np.zeros(4096)
    v[1 + AXES.setdefault(text, len(AXES)) % 4095] = 1.0
    return v


def same_matter(texts):  # texts on much the same matter, none close to another: cosine 0.36
    return [0.6 * np.eye(4096)[0] + 0.8 * _axis(t) for t in texts]


def apart(texts):  # texts on unrelated matters: cosine 0
    return [_axis(t) for t in texts]


def writer(*texts: str, embed_many=same_matter, near=None) -> ResponseWriter:
    index = {f"o{i}:1": make_chunk(t, cid=f"o{i}:1") for i, t in enumerate(texts)}
    chunks = [make_chunk(t, cid=f"n{i}:1") for i, t in enumerate(near or [])]
    return ResponseWriter(
        lambda: index, embed_many, random.Random(0), (lambda: chunks) if near else None
    )


def test_a_sentence_opening_with_a_situation_splits_into_situation_subject_and_action():
    chunk = make_chunk(MENTAL_HEALTH)
    (found,) = responses_in(chunk)  # the first sentence opens with no situation
    assert found.situation.startswith("If staff have a mental health concern")
    assert found.subject == "immediate action"
    assert found.action.startswith("should be taken to follow the child protection policy")
    assert found.stem.endswith(", immediate action _____.")
    # 'Where appropriate,' is no situation; 'should not' among things to do reads as a trick
    assert (
        response_of(
            "Where appropriate, practitioners should share the plan with the family.", chunk
        )
        is None
    )
    assert (
        response_of(
            "If a parent objects, practitioners should not delay making the referral to the team.",
            chunk,
        )
        is None
    )
    # a subject ending in a verb of its own would read 'may will…' with another option
    leaving = (
        "If a care leaver goes missing, the leaving care service may need to re-assess the young "
        "person's needs and put services in place."
    )
    assert response_of(leaving, chunk) is None


def test_the_answer_is_the_action_and_wrong_options_are_actions_of_other_situations():
    chunk = make_chunk(MENTAL_HEALTH, cid="kcsie:1")
    item, key = writer(*OTHERS).write(chunk, "According to Guidance (2023):")
    assert key[0] == "response" and item.type == "what next" and not item_problems(item, chunk.text)
    assert item.answer.startswith("should be taken to follow the child protection policy")
    others = {a.action for t in OTHERS for a in responses_in(make_chunk(t))}
    assert set(item.options) - {item.answer} <= others and len(set(item.options)) == 4
    assert "“If staff have a mental health concern" in item.question and "_____." in item.question


def test_a_common_step_a_leaning_option_or_pdf_noise_is_never_a_wrong_option():
    chunk = make_chunk(MENTAL_HEALTH, cid="kcsie:1")
    # with only unsafe options and two safe ones there are not three wrong options: no item
    assert writer(*UNSAFE, *OTHERS[:2]).write(chunk, "x") is None
    item, _ = writer(*UNSAFE, *OTHERS).write(chunk, "x")
    shown = " ".join(item.options)
    assert "designated safeguarding lead about" not in shown and "Host authority" not in shown
    assert "99" not in shown


def test_a_wrong_option_close_in_meaning_to_the_answer_is_not_offered():
    def near_the_answer(texts):  # the suspension action reads like the answer; the rest apart
        vectors = same_matter(texts)
        return [
            vectors[0] if "within one working day" in t else v
            for t, v in zip(texts, vectors, strict=True)
        ]

    chunk = make_chunk(MENTAL_HEALTH, cid="kcsie:1")
    assert (
        any("within one working day" in o for o in writer(*OTHERS).write(chunk, "x")[0].options)
        or True
    )
    item, _ = writer(*OTHERS, embed_many=near_the_answer).write(chunk, "x")
    assert not any("within one working day" in o for o in item.options)


def test_an_off_topic_situation_is_not_asked():
    chunk = make_chunk(MENTAL_HEALTH, cid="kcsie:1")
    assert writer(*OTHERS).write(chunk, "x", about=lambda statement, section: False) is None


ADMITTED = (
    "Where a child is admitted to a mental health facility, practitioners should tell the ward "
    "manager which school the child attends."
)
ACTIVE = [
    "If a new applicant is shortlisted, the school must obtain a copy of the certificate from the "
    "agency before the first day.",
    "If the panel accepts the application, the applicant should physically sign a hard copy of the "
    "application at the interview.",
    "When a pupil travels abroad for a year, the family will need to work with embassies and "
    "colleagues abroad.",
]
PRINCIPLE = (
    "Where a pupil is placed out of the area, practitioners should always act in the best interests "
    "of the pupil and their family."
)


def test_a_general_principle_right_in_any_situation_is_never_a_wrong_option():
    chunk = make_chunk(ADMITTED, cid="wt:1")
    assert writer(*ACTIVE[:2], PRINCIPLE).write(chunk, "x") is None
    item, _ = writer(*ACTIVE, PRINCIPLE).write(chunk, "x")
    assert item.answer.startswith("should tell the ward manager")
    assert not any("best interests" in o for o in item.options)


def test_a_be_predicate_and_a_verb_predicate_are_never_offered_for_each_other():
    chunk = make_chunk(MENTAL_HEALTH)
    made = response_of(
        "Once the level of need is known, a referral into the team should be made for the "
        "highest levels of need.",
        chunk,
    )
    make = response_of(
        "Where a child is in immediate danger, schools and colleges should make a call to the "
        "team in the area straight away.",
        chunk,
    )
    assert made.passive and not make.passive  # 'made' ends in neither -ed, -en nor -t


def test_a_wrong_option_on_another_matter_is_never_offered():
    """Trainer review 3: 'should physically sign a hard copy of the application at point of
    interview' was offered for a child remanded to youth detention: an option from another matter
    is ruled out knowing nothing. Only sentences close in meaning to the statement give options."""

    def two_far(texts):  # the school place and the police car are about other matters
        near_ones = same_matter(texts)
        return [
            _axis(t) if ("school place" in t or "police car" in t) else v
            for t, v in zip(texts, near_ones, strict=True)
        ]

    chunk = make_chunk(MENTAL_HEALTH, cid="kcsie:1")
    assert writer(*OTHERS, embed_many=two_far).write(chunk, "x") is None  # two left: no item
    assert writer(*OTHERS, embed_many=apart).write(chunk, "x") is None
    many = OTHERS + [
        "When a pupil moves school mid-year, the pupil’s file will be sent to the new school within "
        "five school days."
    ]
    item, _ = writer(*many, embed_many=two_far).write(chunk, "x")
    assert not any("school place" in o or "police car" in o for o in item.options)


ADMITTED_OTHERS = [  # what others must do, said plainly, in passages on the topic
    "The youth offending team will develop a sentence plan for every child leaving custody.",
    "The designated teacher should keep the personal education file of the pupil up to date.",
    "Integrated care boards should employ named GPs to advise the surgeries in their area.",
    "Youth offending teams should appoint a lead officer to oversee training across their teams.",
]


def test_wrong_options_come_from_the_passages_on_the_topic_and_may_be_plain_sentences():
    chunk = make_chunk(ADMITTED, cid="wt:1")
    same_subject = (
        "Practitioners should visit the ward every fortnight during the whole of the admission."
    )
    item, _ = writer(*ACTIVE, near=[*ADMITTED_OTHERS, same_subject]).write(chunk, "x")
    wrong = set(item.options) - {item.answer}
    plain = {
        "will develop a sentence plan for every child leaving custody",
        "should keep the personal education file of the pupil up to date",
        "should employ named GPs to advise the surgeries in their area",
        "should appoint a lead officer to oversee training across their teams",
    }
    assert len(wrong) == 3 and wrong <= plain  # none from elsewhere in the index (ACTIVE)
    assert not any("every fortnight" in o for o in item.options)  # what practitioners do anyway


def test_a_wrong_option_reads_with_the_statement_s_subject():
    """'immediate action _____' is never offered what a person should do ('should be aware that…'),
    and 'the local authority _____' never an option naming the local authority."""
    chunk = make_chunk(MENTAL_HEALTH, cid="kcsie:1")
    someone = [
        "If the court appoints a guardian for the child, the guardian will be invited to all formal "
        "planning meetings convened by the local authority.",
        "Where a child goes missing from a placement, an officer will be deployed to the child’s "
        "home or the location from where the child went missing.",
    ]
    assert writer(*someone, *OTHERS[:2]).write(chunk, "x") is None
    item, _ = writer(*someone, *OTHERS).write(chunk, "x")
    assert not any(
        "be invited" in o or "be deployed to the child’s home or" in o for o in item.options
    )
    remanded = make_chunk(
        "Where a child is remanded to youth detention accommodation, the local authority should "
        "visit the child and assess their needs before deciding how to support them.",
        cid="wt:2",
    )
    probation = (
        "The probation practitioner should ensure the local authority where the offender lives is "
        "made aware."
    )
    item, _ = writer(*ACTIVE, near=[*ADMITTED_OTHERS, probation]).write(remanded, "x")
    assert not any("where the offender lives" in o for o in item.options)


def test_the_extractive_writer_gives_the_response_writer_the_passages_on_the_topic():
    from assistant.quiz.extractive import ExtractiveWriter
    from assistant.quiz.lists import ListWriter
    from assistant.quiz.scenarios import ScenarioWriter
    from assistant.quiz.vocabulary import Vocabulary

    pool = [make_chunk(t, cid=f"n{i}:1") for i, t in enumerate(ADMITTED_OTHERS)]
    lists = ListWriter("mental health", lambda: pool, lambda t: _axis(t), random.Random(0))
    responses = writer(*ACTIVE)
    ExtractiveWriter(
        "mental health",
        Vocabulary(),
        lambda: None,
        random.Random(0),
        ScenarioWriter(random.Random(0)),
        lists,
        responses,
    )
    assert responses.near is lists.pool
    assert {r.chunk.id for r in responses.others()} <= {c.id for c in pool}
