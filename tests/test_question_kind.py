"""Recognising the kind of fact a question asks for, and the passages that hold it."""

import pytest

from assistant.question_kind import (
    Kind,
    asked_act,
    contents_of,
    copula_subject,
    defined_term,
    has_age,
    has_duty,
    has_roles,
    has_time_expression,
    is_definition,
    kind_term,
    party_told,
    passage_holds,
    question_kind,
    sentence_holds,
    tells_another_party,
    times_another_event,
    who_of,
)
from assistant.text import tokenize


@pytest.mark.parametrize(
    "question",
    [
        "whats the deadline for the ICPC?",
        "by when does the LADO have to be told",
        "how quickly must the file go across to the new school?",
        "How long does a section 47 enquiry take?",
        "how soon after the strategy discussion is the conference",
        "What is the timescale for an assessment?",
        "within how many days should the review happen",
        "We had the strategy meeting yesterday. What's the latest the ICPC can be held?",
        # as typed, with a duty's words in it (trial S: read as 'must I?', a LADO sentence led)
        "once CSC get a referral how quick do they have to decide what happens next?",
        # trial EE: a maximum time asked for
        "police and social care disagree on the risk level - whats the max time for sorting it?",
    ],
)
def test_timescale_questions(question):
    assert question_kind(question) is Kind.TIMESCALE


def test_when_on_what_condition_is_no_timescale_question():
    # 'when will' too (review 22b: 'when will the LADO get involved?' lost the rule on referring)
    for asked in (
        "when would a strategy discussion be needed?",
        "when will the LADO get involved?",
    ):
        assert question_kind(asked) is not Kind.TIMESCALE, asked


@pytest.mark.parametrize(
    "question",
    [
        "Who are the lead safeguarding partners?",
        "which post-holders are the lead safeguarding partners",
        "which agencies as a bare minimum?",
        "who has to tell the LADO?",
        "What agencies must attend a strategy discussion?",
        # asked after the case is told (trial BB Q05: read as no kind)
        "probation - my case has just moved into a flat in the next county over. who needs to know?",
        # who or whose asked after a case or a topic told first, and which of two (trial BB)
        "a 9yo from leeds died on holiday down here. whose partners have to review it - ours or leeds?",
        "families first pathfinder - who actually makes the statutory child protection decisions?",
        "is the review ours or theirs?",
        # 'who is …' inside a sentence: after a word asking it, or in a cleft
        "not sure who has to tell the parents",
        "is it the school or the LA who has to refer?",
        # a clause before 'who', and no other word asking (review 24)
        "if a child goes missing who has to be told?",
        "for an ICPC who must attend?",
        "the person who has to chair it?",
    ],
)
def test_who_questions(question):
    assert question_kind(question) is Kind.WHO


def test_a_child_who_needs_something_is_no_who_question():
    assert (
        question_kind("a child who needs help with reading - what is SEN support?") is not Kind.WHO
    )
    asked = "the child - who is 15 - ran away twice. how soon is the interview?"
    assert question_kind(asked) is Kind.TIMESCALE
    # a relative clause after a noun asks no one (trial DD: read as a who-question)
    asked = "KCSIE - can I mention low level concerns in a reference for a TA who is leaving us?"
    assert question_kind(asked) is Kind.DUTY
    assert question_kind("is it ok to share with a parent who has no PR?") is not Kind.WHO


@pytest.mark.parametrize(
    "question,term",
    [
        ("What is a child in need?", "child in need"),
        ("what does LADO stand for", "LADO"),
        ("What does 'significant harm' mean?", "significant harm"),
        ("define contextual safeguarding", "contextual safeguarding"),
        ("whats early help", "early help"),
        ("What's the definition of a s17 'child in need'?", "s17 child in need"),
        ("whats the CERAF used for in northants", "CERAF"),
        # a clause said first, and the past tense of a history question
        ("Under the old framework, what was the lead professional?", "lead professional"),
        ("sorry to ask, what are the safeguarding partners", "safeguarding partners"),
        ("ok, what is a LADO?", "LADO"),
        ("what is early help, what is it for?", "early help"),  # a first question is no clause
        ("what is the 28 day rule for private fostering?", "28 day rule"),
        # the definition asked with what kind it is (trial S: read as no kind, a local pack led)
        ("whats the legal definition of a child in need", "child in need"),
        ("what is the statutory definition of significant harm?", "significant harm"),
    ],
)
def test_definition_questions_and_their_term(question, term):
    assert question_kind(question) is Kind.DEFINITION
    assert defined_term(question) == term


@pytest.mark.parametrize(
    "question",
    [
        "must I get consent before sharing information?",
        "Do I have to tell the parents before making a referral?",
        "can I share info without permission",
        "am I allowed to search a pupil's phone",
        "Do we need consent to refer to children's social care?",
        "do governors have to do safeguarding training?",
        # whether someone may take a role (trial S: read as no kind, 'can be held by a range of
        # people' led before 'should always be a social worker for child protection enquiries')
        "can the early help worker from the family hub be lead practitioner for a s47?",
        "could a teaching assistant act as the deputy DSL?",
        # leave asked for others involved with the child (trial BB: read as no kind, the
        # conference's timescale led before the right to request one)
        "if CSC decide not to go to ICPC after a s47, can other professionals ask them to hold one anyway?",
        "should teachers report FGM to the police themselves?",
        # whether one may take part (trial BB C3)
        "Can a school be part of MAPPA?",
        "can our nursery sit on the MARAC?",
    ],
)
def test_duty_questions(question):
    assert question_kind(question) is Kind.DUTY


@pytest.mark.parametrize(
    "question",
    [
        # 'can … be' asks whether someone may take a role, not every 'can X be Y?' (review 20)
        "can a child be removed from a child protection plan?",
        "must the LADO be informed within one working day?",
        "can a 12 year old be left alone?",
        "could the child be at risk of FGM if her sister had it?",
    ],
)
def test_can_something_be_so_is_no_duty_question_unless_a_role_is_taken(question):
    assert question_kind(question) is not Kind.DUTY


def test_a_duty_named_with_whom_it_binds_holds_a_duty():
    # trial Y: 'do we have to refer him to the housing team?' led with KCSIE's note that 16- and
    # 17-year-olds may live independently, not the section 213B duty to refer
    assert sentence_holds(
        Kind.DUTY,
        "It added section 213B into the Housing Act 1996, which is a duty on certain public "
        "authorities to refer to a housing authority service users they consider are or may be "
        "homeless.",
        None,
    )
    assert not sentence_holds(
        Kind.DUTY, "The duty on the board was reviewed in 2019 after the consultation.", None
    )
    # a duty ended or only proposed is none (review 22)
    for said in (
        "There is no longer a duty on schools to publish the register.",
        "The Act repealed a duty on councils to keep a register.",
        "There was an intention to create a duty on local authorities to have registers.",
        "The Government proposes a duty on local authorities to keep a register.",
    ):
        assert not sentence_holds(Kind.DUTY, said, None), said


def test_what_is_not_mandatory_holds_a_duty_and_whose_responsibility_asks_who():
    # trial AA: 'is a data sharing agreement mandatory …?' (the advice's 'are not mandatory but are
    # good practice' was 25th) and 'whose responsibility is it to provide an appropriate adult?'
    said = (
        "Data Sharing Agreements, also known as Information sharing agreements, are not mandatory "
        "but are good practice and helpful to all parties."
    )
    assert sentence_holds(Kind.DUTY, said, None) and passage_holds(Kind.DUTY, said)
    asked = "mum refuses to come to custody. whose responsibility is it to provide an appropriate adult?"
    assert question_kind(asked) is Kind.WHO


def test_a_rule_said_to_hold_usually_is_a_duty_with_its_limit():
    # trial Z: 'In such situations you will usually need to gain consent …' (no concern for the
    # child's safety) held no duty, so 'You do not need consent … if a child is at risk' led
    assert sentence_holds(
        Kind.DUTY,
        "In such situations you will usually need to gain consent from the child, their parent "
        "or carer to share confidential information.",
        None,
    )
    assert not sentence_holds(
        Kind.DUTY, "You will need to gain consent from the parent to share it.", None
    )


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("it should not be kept for longer than six months.", True),
        ("there should not be a longer retention period than six months.", True),
        ("Records should be kept for six years after the child leaves.", True),
        ("It applies to children older than 2 years old.", False),
        ("The register was kept for the whole school.", False),
    ],
)
def test_how_long_a_thing_is_kept_is_a_timescale(sentence, holds):
    # trial BB: 'how long are we allowed to keep the copy?' (of a DBS certificate)
    assert sentence_holds(Kind.TIMESCALE, sentence, None) is holds


def test_a_right_said_outright_holds_a_duty():
    # trial BB: 'can other professionals ask them to hold one anyway?'
    assert sentence_holds(
        Kind.DUTY,
        "If local authority children’s social care decides not to proceed with a child protection "
        "conference, then other practitioners involved with the child and family have the right "
        "to request that local authority children’s social care convene a conference.",
        None,
    )
    assert not sentence_holds(
        Kind.DUTY, "Children have rights, and their views should be heard in conferences.", None
    )


def test_a_permission_case_by_case_holds_a_duty():
    # trial BB C3: 'can a school be part of MAPPA?'
    assert sentence_holds(
        Kind.DUTY,
        "Representatives from other agencies (Associate Agencies) may be included in MAPPA on a "
        "case-by-case basis where that agency can contribute to the risk assessment.",
        None,
    )


def test_a_rule_said_in_its_strongest_words_holds_a_duty():
    assert sentence_holds(
        Kind.DUTY,
        "The lead practitioner should always be a social worker for child protection enquiries.",
        None,
    )
    assert not sentence_holds(
        Kind.DUTY, "The lead practitioner role can be held by a range of people.", None
    )
    # being available is no rule about who (trial U: 'does the DSL have to be on SLT …?' led with
    # 'The designated safeguarding lead (or a deputy) should always be available …')
    assert not sentence_holds(
        Kind.DUTY,
        "The designated safeguarding lead (or a deputy) should always be available to discuss "
        "safeguarding concerns.",
        None,
    )
    # a prohibition in strong words (trial T: 'can i promise not to tell anyone?')
    assert sentence_holds(
        Kind.DUTY,
        "Staff should never promise a child that they will not tell anyone about a report of abuse.",
        None,
    )


@pytest.mark.parametrize(
    "question",
    [
        "How do you decide whether harm is significant?",
        "A child has told me her stepdad hits her, what do I do?",
        "How can we make a referral to the MASH out of hours?",
    ],
)
def test_a_modal_after_a_question_word_asks_how_not_whether_one_must(question):
    assert question_kind(question) is not Kind.DUTY


@pytest.mark.parametrize(
    "question",
    [
        "what are the signs of child criminal exploitation?",
        "What are the types of abuse?",
        # what a review found or a meeting decided, and a named set: not a term to define
        "what were the findings of the Laming report?",
        "what was decided at the conference?",
        "What were the five outcomes of Every Child Matters?",
        "What were the five Every Child Matters outcomes?",
        "child is 15 and pregnant, what are the rules?",
        "GP here, what is my duty?",
        "after the strategy meeting, what was agreed?",
    ],
)
def test_signs_or_types_of_something_ask_for_a_list_not_a_definition(question):
    assert question_kind(question) is not Kind.DEFINITION
    assert question_kind("What is Signs of Safety?") is Kind.DEFINITION  # a practice model's name


@pytest.mark.parametrize(
    "question, subject",
    [
        ("what are the signs of child criminal exploitation?", "child criminal exploitation"),
        ("How would I know if a child is being groomed?", "child is being groomed"),
        ("what should I look out for with neglect", "neglect"),
        ("warning signs of radicalisation", "radicalisation"),
        ("indicators of FGM in a primary school", "FGM"),
    ],
)
def test_signs_questions_and_what_they_ask_the_signs_of(question, subject):
    assert question_kind(question) is Kind.SIGNS
    assert kind_term(question, Kind.SIGNS) == subject


def test_a_signs_sentence_lists_signs_of_what_was_asked():
    lead_in = (
        "Some of the following can be indicators of child criminal exploitation where children:"
    )
    assert sentence_holds(Kind.SIGNS, lead_in, "child criminal exploitation")
    assert sentence_holds(
        Kind.SIGNS,
        "Indicators where a child is criminally exploited include:",
        "criminal exploitation",
    )
    # signs of something else, or no signs at all, do not hold them
    assert not sentence_holds(
        Kind.SIGNS,
        "Indicators that may be present in CSE are children who:",
        "child criminal exploitation",
    )
    assert not sentence_holds(
        Kind.SIGNS, "Criminal exploitation is a form of abuse.", "criminal exploitation"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Tell me about contextual safeguarding in schools",
        "Safeguarding partners local arrangements publication",
        "A girl has told me her family are taking her abroad to marry a man she has never met",
        "",
    ],
)
def test_questions_without_a_clear_kind(question):
    assert question_kind(question) is Kind.NONE


@pytest.mark.parametrize(
    "question",
    [
        "until what age does a care leaver get a personal adviser?",
        "how old must a child be for it to count as private fostering",
        "What's the age limit for the family hub youth offer?",
        "at which age is a private fostering arrangement no longer private fostering",
    ],
)
def test_age_questions(question):
    assert question_kind(question) is Kind.AGE


@pytest.mark.parametrize(
    "question",
    [
        "What should I put in a referral to children's social care about suspected neglect?",
        "what goes in a safety plan",
        "what should a child protection plan include?",
        "what info needs to be included in the annual report",
    ],
)
def test_contents_questions(question):
    assert question_kind(question) is Kind.CONTENTS


def test_what_a_contents_question_asks_the_contents_of():
    assert contents_of("What should I put in a referral to children's social care?") == "referr"
    assert contents_of("what should a child protection plan include?") == "plan"
    assert contents_of("what info needs to be included in the annual report") == "report"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("new to CDOP - who actually are the child death review partners?", Kind.WHO),
        ("what exactly counts as significant harm?", Kind.DEFINITION),
        ("how long do we really have to finish the assessment?", Kind.TIMESCALE),
    ],
)
def test_filler_words_inside_a_question_do_not_hide_its_kind(question, kind):
    assert question_kind(question) is kind


@pytest.mark.parametrize(
    ("question", "term"),
    [
        (
            "what counts as a 'child in need' under s17? does a disabled child count?",
            "child in need",
        ),
        ("a lad took a photo up a girl's skirt. does that count as upskirting?", "upskirting"),
        ("what is considered private fostering?", "private fostering"),
        # what the term is said of is no part of it (trial J)
        ("what counts as a low level concern about a member of staff?", "low level concern"),
    ],
)
def test_what_counts_as_a_term_asks_its_definition(question, term):
    assert question_kind(question) is Kind.DEFINITION and defined_term(question) == term


def test_a_term_that_occurs_when_something_happens_is_defined():
    # trial W: KCSIE's definition did not count as one
    assert is_definition(
        "Private fostering occurs when a child under the age of 16 (under 18, if disabled) is "
        "provided with care and accommodation by a person who is not a parent.",
        "private fostering",
    )
    # as 'is when': of the term it names first, not another
    assert not is_definition(
        "Private fostering occurs when a child is cared for by someone who is not a parent.",
        "kinship care",
    )


def test_a_sentence_defines_its_subject_or_its_label_not_a_term_it_mentions():
    """Trial I: 'what is meant by safeguarding and promoting the welfare of children?' led with
    the glossary's child protection entries, which mention that phrase."""
    term = "safeguarding and promoting the welfare of children"
    assert not is_definition("Child protection - Part of safeguarding and promoting welfare.", term)
    assert not is_definition(
        "Child protection is part of safeguarding and promoting the welfare of children and is "
        "defined for the purpose of this guidance as activity undertaken to protect children.",
        term,
    )
    assert is_definition(
        "Safeguarding and promoting the welfare of children is defined for the purposes of this "
        "guidance as: providing help and support.",
        term,
    )
    assert is_definition("Child protection - Part of safeguarding.", "child protection")
    # a clause before the subject, or a label naming no term, hides no definition (review)
    assert is_definition(
        "Where a child is at risk, significant harm is defined as harm that is significant.",
        "significant harm",
    )
    assert is_definition(
        "Definition: The term significant harm means harm that is significant.", "significant harm"
    )
    assert is_definition(
        "An important role in CAF is the lead professional, who is a single point of contact.",
        "lead professional",
    )


def test_what_should_be_in_place_asks_no_contents():
    assert question_kind("what should be in place for managing allegations?") is not Kind.CONTENTS
    # an age asked with 'go into' or 'be on' (review): not what something holds
    assert question_kind("what age can a child go into foster care?") is Kind.AGE
    assert question_kind("what age can a child be on a child protection plan?") is Kind.AGE
    assert question_kind("what does the guidance say about consent?") is not Kind.CONTENTS
    # the thing asked about is the phrase's head, not what follows it
    assert contents_of("what should the plan for the child include?") == "plan"


def test_a_sentence_saying_what_something_should_include_holds_contents():
    assert sentence_holds(
        Kind.CONTENTS,
        "When practitioners refer a child, they should include any information they have on the "
        "child's developmental needs.",
    )
    assert not sentence_holds(Kind.CONTENTS, "Practitioners should refer a child without delay.")


def test_whether_someone_of_a_given_age_is_still_entitled_asks_for_an_age():
    """The answer is the age the entitlement lasts to ('up to their 25th birthday')."""
    for question in (
        "care leaver I work with is 23, is she still entitled to a personal adviser?",
        "is a 19 year old eligible for a return home interview?",
        "he's 17 now - too old for a private fostering assessment?",
    ):
        assert question_kind(question) is Kind.AGE, question
    # no age told, or a number that is not one: no age asked
    assert question_kind("is she entitled to free school meals?") is Kind.NONE
    assert (
        question_kind("we have 23 pupils in care, are they eligible for the pupil premium?")
        is not Kind.AGE
    )


def test_a_term_that_starts_with_age_is_still_defined_and_the_age_of_something_is_asked():
    assert question_kind("What is an age assessment?") is Kind.DEFINITION
    assert question_kind("what is age-appropriate sex education?") is Kind.DEFINITION
    assert question_kind("What is the age of criminal responsibility?") is Kind.AGE


def test_an_age_question_that_asks_what_one_must_do_stays_a_duty_question():
    assert question_kind("how old does a child have to be to consent to sharing?") is Kind.DUTY


def test_ages():
    assert has_age("until the former relevant child reaches the age of 25, or")
    assert has_age("Care leavers are entitled to support up to their 25th birthday.")
    assert has_age("a child aged 16 or 17 who is homeless")
    assert has_age("support between 21 to 24 years of age")
    assert has_age("all children under 18 and 13-year-olds in particular")
    assert sentence_holds(Kind.AGE, "It applies to care leavers up to the age of 25.")
    # times and counts are not ages
    assert not has_age("The conference should take place within 15 working days.")
    assert not has_age("It has been in place for over 20 years.")
    assert not has_age("Over 15% of referrals, and over 12 per cent of re-referrals, are late.")
    assert not has_age("The strategy discussion lasted under 10 minutes.")
    assert not has_age("Plans are reviewed at intervals of no more than six months.")
    assert not has_age("Children under 5 months old are at greatest risk.")


def test_what_is_questions_about_roles_and_deadlines_are_not_definitions():
    assert (
        question_kind("What is the role of the designated safeguarding lead?")
        is not Kind.DEFINITION
    )
    assert (
        question_kind("What is the deadline for the initial child protection conference?")
        is Kind.TIMESCALE
    )


def test_time_expressions():
    assert has_time_expression(
        "The conference should take place within 15 working days of the strategy discussion."
    )
    assert has_time_expression("The LADO should be informed within one working day.")
    assert has_time_expression("Refer immediately if a child is at risk of significant harm.")
    assert has_time_expression("Plans are reviewed every six months.")
    assert not has_time_expression(
        "The conference brings together family members and practitioners."
    )
    assert not has_time_expression(
        "Section 47 of the Children Act 1989 places a duty on local authorities."
    )
    # 'annual' naming a thing is no time (trial GG: 'shared annual budget, yearly report' led
    # 'when does the yearly report have to be published by?')
    assert not has_time_expression(
        "Review and sign off key partnership documents: shared annual budget, yearly report."
    )
    assert has_time_expression("Knowledge and skills should be refreshed at least annually.")
    assert has_time_expression("The plan is reviewed on an annual basis.")


def test_time_expressions_written_as_a_limit():
    assert has_time_expression(
        "The timing will depend on the level of risk, however the maximum timescale should be 12 hours."
    )
    assert has_time_expression("Records are kept for no more than six months.")
    assert has_time_expression("A time limit of ten working days applies.")
    # an age is not a timescale
    assert not has_time_expression("The minimum age is 16 years old.")


def test_role_lists():
    assert has_roles(
        "The lead safeguarding partners are the local authority chief executive, the accountable officer "
        "of the integrated care board and the chief officer of police."
    )
    assert has_roles(
        "The designated safeguarding lead should take lead responsibility for safeguarding."
    )
    assert not has_roles("Early help means providing support as soon as a problem emerges.")
    # who a role must be held by (trial GG: 'who has to be the lead practitioner for s47?'); the
    # role asked about does not count, and 'will be' in a case told is no rule
    asked = frozenset({"practitioner"})
    assert has_roles(
        "The lead practitioner should always be a social worker for child protection enquiries.",
        asked,
    )
    assert not has_roles(
        "In these cases, the lead practitioner will be a social worker.", frozenset({"visitor"})
    )
    # "parent" inside "transparent" is not a third role
    assert not has_roles(
        "Funding should be transparent, and the contributions of safeguarding partners and "
        "relevant agencies set out."
    )
    assert passage_holds(
        Kind.WHO,
        "The safeguarding partners are:\n• the local authority\n• the integrated care board\n• the police",
    )
    # who attends: family members and advocates are people a conference brings together
    assert passage_holds(
        Kind.WHO,
        "An initial child protection conference brings together family members (and the child "
        "where appropriate), with the supporters, advocates, and practitioners most involved.",
    )


def test_defining_sentences():
    assert is_definition(
        "Early help means providing support as soon as a problem emerges.", "early help"
    )
    assert is_definition(
        "A child in need is defined as a child who is unlikely to achieve a reasonable standard of health.",
        "child in need",
    )
    assert is_definition(
        "Significant harm: the threshold that justifies compulsory intervention in family life."
    )
    assert not is_definition("Early help means providing support early.", "child in need")
    assert is_definition(
        "A child in need is defined under section 17 as a child who is unlikely to achieve a "
        "reasonable standard of health.",
        "s17 child in need",
    )
    assert not is_definition(
        "Practitioners should refer to children's social care without delay.", "early help"
    )
    # a label before a dash defines when a description follows it, not a count or a pointer
    assert is_definition(
        "Contextual Safeguarding – an approach to harm young people meet outside their families.",
        "contextual safeguarding",
    )
    assert not is_definition(
        "Contextual Safeguarding (CxS) – there are 4 teams within the service:",
        "contextual safeguarding",
    )
    assert not is_definition("Early Help – see the local threshold document.", "early help")


def test_duties_with_exceptions():
    assert has_duty(
        "You must inform the parents of a referral unless doing so would place the child at increased risk."
    )
    assert has_duty(
        "Practitioners may share information without consent where there is good reason to do so."
    )
    assert not has_duty("You must inform the parents of a referral.")
    assert not has_duty("The conference brings together family members and practitioners.")


def test_passage_holds_any_sentence_of_the_kind():
    text = (
        "The initial child protection conference brings together family members and practitioners. "
        "It should take place within 15 working days of the strategy discussion."
    )
    assert passage_holds(Kind.TIMESCALE, text)
    assert not passage_holds(
        Kind.TIMESCALE, "The initial child protection conference brings together family members."
    )
    assert not passage_holds(Kind.NONE, text)


def test_passage_holds_only_what_one_sentence_holds():
    """The passage-level check places pattern matches in sentences: a duty in one sentence and an
    exception in the next, or one role in each of two sentences, is not a sentence of the kind."""
    assert not passage_holds(
        Kind.DUTY,
        "You must inform the parents of a referral. However, the school day starts at nine.",
    )
    assert passage_holds(
        Kind.DUTY,
        "The school day starts at nine. You must inform the parents unless it would place the "
        "child at increased risk.",
    )
    assert not passage_holds(
        Kind.WHO, "The police attended the house. Later that week the school held an assembly."
    )
    assert passage_holds(
        Kind.WHO, "The house was quiet. The police and the school met the social worker."
    )
    assert passage_holds(
        Kind.TIMESCALE, "It was a long meeting. The plan is reviewed WITHIN 15 WORKING DAYS."
    )


def test_a_list_counting_other_than_the_question_asks_is_not_the_list_asked_for():
    from assistant.question_kind import count_agrees, count_asked

    assert count_asked("What were the five Every Child Matters outcomes?") == 5
    assert count_asked("what are the 4 outcomes in the national framework?") == 4
    assert count_asked("list the golden rules") is None
    assert not count_agrees(5, "There are 4 outcomes:", "outcom")
    assert count_agrees(4, "There are four outcomes:", "outcom")
    assert count_agrees(5, "The outcomes are:", "outcom")  # a lead-in that counts nothing may be it
    # a number that counts something else is no count of the list
    assert count_agrees(
        4, "Children under 18 may be abused in the following categories:", "categori"
    )


@pytest.mark.parametrize(
    ("sentence", "asked", "another"),
    [
        # the conference's time, measured from the strategy discussion asked about
        (
            "The initial child protection conference should take place within 15 working days "
            "of a strategy discussion, or the strategy discussion at which section 47 enquiries "
            "were initiated",
            "when should a strategy discussion be held",
            True,
        ),
        (
            "Within one working day of a referral being received, children's social care should "
            "acknowledge receipt to the referrer.",
            "how long after a referral comes in is the assessment finished",
            True,  # the acknowledgement's time, measured from the referral the question names
        ),
        # the event asked about is the sentence's subject: its own time
        (
            "The initial child protection conference should take place within 15 working days "
            "of a strategy discussion.",
            "how soon after the strategy discussion is the initial child protection conference",
            False,
        ),
        # a fronted time with no 'of …' after it is the subject's own
        (
            "At least once in every 12 month period, the safeguarding partners must publish a "
            "report.",
            "how often must safeguarding partners publish a report",
            False,
        ),
        # a time said first, the clause after it naming what was asked: that event's own time
        # (review 16: the acknowledgement asked about, measured from the referral)
        (
            "Within one working day of a referral being received, children's social care should "
            "acknowledge receipt to the referrer.",
            "How long does children's social care have to acknowledge a referral?",
            False,
        ),
        # only words of happening in the question name no event
        (
            "The review should be held within three months of the conference.",
            "when is it held",
            False,
        ),
        # the subject is the noun of the act asked ('notifications' of 'notify'): its own time,
        # though measured from the incident the question names (trial W)
        (
            "Notifications should be sent within five working days of the local authority "
            "becoming aware of the incident.",
            "serious incident, child seriously injured - by when does the LA have to notify the panel?",
            False,
        ),
    ],
)
def test_a_time_measured_from_the_asked_event_is_another_event_s_time(sentence, asked, another):
    assert times_another_event(sentence, frozenset(tokenize(asked))) is another


def test_a_who_are_question_names_the_set_it_asks_the_members_of():
    assert who_of("Who are the lead safeguarding partners under working together 2023?") == (
        frozenset(tokenize("lead safeguarding partners"))
    )
    assert who_of("who should I tell?") == frozenset()


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        (
            "The LSPs for safeguarding partners are: Chief Executives of Local Authorities.",
            "The LSPs for safeguarding partners ",
        ),
        (
            "Child death review partners include the local authority.",
            "Child death review partners ",
        ),
        ("Where a child dies, the partners are to review the death.", None),  # a clause first
        ("Each LSP should appoint a delegated safeguarding partner.", None),  # no copula
        # review 16: a verb before the copula, or a role, is no subject that says who
        ("Child death review partners should ensure a process is in place.", None),
        ("The role of the LADO is to manage allegations against staff.", None),
    ],
)
def test_the_subject_of_a_sentence_that_says_who_or_what_something_is(sentence, subject):
    assert copula_subject(sentence) == subject


def test_how_many_of_a_thing_asks_for_its_number():
    # trial N: 'a year' matched 'annual report'; the passage with the number was eighth
    question = "how many child deaths a year should a CDOP area be big enough to review?"
    assert question_kind(question) is Kind.QUANTITY
    assert kind_term(question, Kind.QUANTITY) == "death"
    assert sentence_holds(
        Kind.QUANTITY, "They should typically review at least 60 child deaths per year.", "death"
    )
    assert not sentence_holds(Kind.QUANTITY, "CDOPs publish an annual report.", "death")
    assert not sentence_holds(Kind.QUANTITY, "In 2 cases the deaths were reviewed.", "death")
    assert passage_holds(
        Kind.QUANTITY, "The Laming Report brought 108 recommendations.", "recommend"
    )
    # a time's number is a timescale; 'how many times' a frequency; an irregular plural no count
    assert question_kind("how many days does the LA have to decide?") is Kind.TIMESCALE
    assert question_kind("how many times has she gone missing this term?") is not Kind.QUANTITY
    # who and signs come first in a question asking those too; 'the number of' counts nothing asked
    # (review 17)
    assert question_kind("How many safeguarding partners are there and who are they?") is Kind.WHO
    assert question_kind("What are the signs of CSE and how many victims are there?") is Kind.SIGNS
    assert question_kind("Why has the number of referrals gone up?") is not Kind.QUANTITY


@pytest.mark.parametrize(
    "question",
    [
        "roughly what proportion of referrals are re-referrals?",
        "what % of children on plans are under 5",
        "What percentage of councils have a family hub?",
        "how common is neglect as the category on a plan?",
    ],
)
def test_a_share_of_a_whole_asks_for_a_proportion(question):
    assert question_kind(question) is Kind.PROPORTION


@pytest.mark.parametrize(
    "question",
    [
        # a duty asked with a share asks the duty; 'share' is mostly information sharing
        "What percentage of staff need safeguarding training?",
        "how rare is FGM in primary schools - do I still need to report it?",
        "What to share with the police about a child?",
    ],
)
def test_a_duty_or_information_sharing_is_no_proportion_question(question):
    assert question_kind(question) is not Kind.PROPORTION


def test_a_proportion_is_a_share_not_a_change():
    assert sentence_holds(
        Kind.PROPORTION, "Around one in five or 21% of referrals are re-referrals."
    )
    assert sentence_holds(Kind.PROPORTION, "Two-thirds of respondents had a family hub.")
    assert sentence_holds(Kind.PROPORTION, "Re-referrals ranged from 7.4 per cent to 45 per cent.")
    # a rise is no share of anything
    assert not sentence_holds(Kind.PROPORTION, "There was a 15% increase in referrals last year.")
    assert not sentence_holds(Kind.PROPORTION, "The proportion of re-referrals remains stable.")
    assert not passage_holds(Kind.PROPORTION, "Referrals were 12 per cent higher than in 2022.")


def test_which_of_two_does_it_is_a_who_question_not_a_duty_one():
    # trial N: 'or do we' read as 'must we', so passages holding a duty's limits were lifted over
    # 'The role of the LADO is not to investigate the allegation …'
    assert (
        question_kind("allegation against a TA - does the LADO investigate it or do we?")
        is Kind.WHO
    )
    assert question_kind("does the school tell parents or is that us?") is Kind.WHO
    assert question_kind("do we have to tell parents?") is Kind.DUTY
    assert question_kind("can I share or do I need consent?") is Kind.DUTY


def test_what_a_term_includes_but_is_not_limited_to_defines_it():
    """Trial T: 'what counts as serious harm for a serious incident notification' led with a
    local protocol's missing-person risk level; Working Together's 'Serious harm includes (but is
    not limited to) …' was no definition."""
    sentence = (
        "Serious harm includes (but is not limited to) serious and/or long-term impairment of a "
        "child's mental health or intellectual, emotional, social, or behavioural development."
    )
    assert is_definition(sentence, "serious harm")
    assert not is_definition("Safeguarding includes the work of many agencies.", "safeguarding")


def test_the_purpose_of_something_else_defines_no_term_mentioned_before_it():
    """Trial U: 'what counts as a low level concern about staff in school' led with 'They should
    make it clear what a low-level concern is … and what the purpose of the policy is.'"""
    policy = (
        "They should make it clear what a low-level concern is and the importance of sharing "
        "low-level concerns, and an explanation of what the purpose of the policy is."
    )
    assert not is_definition(policy, "low level concern")
    purpose = "The purpose of a strategy discussion is to determine the child's welfare."
    assert is_definition(purpose, "strategy discussion")


def test_a_question_word_typed_without_its_apostrophe_is_read_as_with_it():
    # trial Z: 'whos responsible for his safeguarding when hes there, them or us? do we need
    # anything from them?' was read as a duty question
    assert question_kind("whos responsible for his safeguarding when hes there?") is Kind.WHO
    assert question_kind("whats the deadline for the ICPC?") is Kind.TIMESCALE


def test_when_a_thing_counts_as_the_term_is_a_definition():
    # trial CC: 'does it count as harmful sexual behaviour?' led with a local pack's definition,
    # not KCSIE's 'can be considered harmful if one of the children is much older …'
    sentence = (
        "Sexual behaviour between children can be considered harmful if one of the children is "
        "much older, particularly if there is more than two years’ difference."
    )
    assert is_definition(sentence, "harmful sexual behaviour")
    assert not is_definition(
        "Schools can be considered for funding if they apply in time.", "harmful sexual behaviour"
    )


@pytest.mark.parametrize(
    ("question", "not_kind"),
    [
        # review 23: leave asked only as a yes-or-no question, not how, why or what
        ("How can agencies work together to reduce exploitation?", Kind.DUTY),
        ("Why should practitioners record their decisions?", Kind.DUTY),
        ("What should teachers do if a pupil discloses abuse?", Kind.DUTY),
        # taking part in a named arrangement, not any group
        ("Should the teacher be part of the strategy discussion?", Kind.DUTY),
        ("Can a child join a gang without us knowing?", Kind.DUTY),
        # 'who needs to know' only as the question asked, not a relative clause
        ("What information should be shared with those who need to know?", Kind.WHO),
        ("How do I decide who needs to know about the allegation?", Kind.WHO),
        # review 23b: 'or others' is no which-of-two, attending no leave to take part
        ("Can I break confidentiality if a young person is a risk to them or others?", Kind.WHO),
        ("Can the child attend the core group?", Kind.DUTY),
    ],
)
def test_the_new_duty_and_who_readings_stay_narrow(question, not_kind):
    assert question_kind(question) is not not_kind


def test_entitled_to_expect_is_no_requirement():
    # review 23: it led answers about a nurse refused entry and a contact centre
    assert not sentence_holds(
        Kind.DUTY,
        "The police are entitled to expect parents and carers to accept normal parenting "
        "responsibilities and undertake reasonable actions to establish the whereabouts of the child.",
        None,
    )


@pytest.mark.parametrize(
    "question, party",
    [
        ("how quickly does the LADO have to be told?", {"lado"}),
        ("when must Ofsted be notified of a serious incident?", {"ofst"}),
        ("how soon do I have to inform the police?", {"polic"}),
        ("how quickly do we have to tell them?", set()),
        ("how quickly should the conference be held?", set()),
        # what is notified, not who: the panel's 'within five working days' still answers
        ("How quickly must local partners notify a serious incident review?", set()),
    ],
)
def test_the_party_a_question_asks_about_telling(question, party):
    assert party_told(question) == frozenset(party)


@pytest.mark.parametrize(
    "sentence, another",
    [
        ("Parents should be:\n• formally told about the allegation as soon as possible.", True),
        ("Schools should inform parents within one working day.", True),
        ("The designated officer should also be informed within one working day.", False),
        ("Schools should inform the LADO within one working day.", False),
        ("Any allegation should be reported immediately to a senior manager.", False),
    ],
)
def test_a_time_for_telling_another_party(sentence, another):
    asked = party_told(
        "how quickly does the LADO have to be told?",
        (("lado", frozenset(tokenize("local authority designated officer"))),),
    )
    assert tells_another_party(sentence, asked) is another


def test_the_act_a_timescale_question_asks_for_is_not_its_actor_s_words():
    """Dev q034: 'how long has children's social care got to finish a child and family assessment
    once a referral comes in?' led with 'Within one working day of a referral being received,
    local authority children's social care should acknowledge receipt …': the clause after the
    time named the question's actor, not the act asked (finishing the assessment)."""
    question = (
        "How long has children's social care got to finish a child and family assessment once a "
        "referral comes in?"
    )
    act = asked_act(question)
    assert act == frozenset(tokenize("finish family assessment"))
    acknowledged = (
        "Within one working day of a referral being received, local authority children's social "
        "care should acknowledge receipt to the referrer."
    )
    assert times_another_event(acknowledged, frozenset(tokenize(question)), act)
    concluded = (
        "Within 45 working days of a referral being received, the assessment should conclude."
    )
    assert not times_another_event(concluded, frozenset(tokenize(question)), act)
    # asked about the acknowledgement itself, it is that act's time
    asked = "How long does children's social care have to acknowledge a referral?"
    assert not times_another_event(acknowledged, frozenset(tokenize(asked)), asked_act(asked))
    assert asked_act("what's the timescale for the ICPC?") == frozenset()


@pytest.mark.parametrize(
    "question, kind",
    [
        ("what is the purpose of a strategy discussion?", Kind.PURPOSE),
        ("whats the point of a core group?", Kind.PURPOSE),
        ("what is a child protection plan meant to achieve?", Kind.PURPOSE),
        ("what do the co-operation arrangements have to aim at?", Kind.PURPOSE),
        ("what's the main aim of early help?", Kind.PURPOSE),
        # a point of contact is a who, not a purpose
        ("what is the point of contact for the LADO?", Kind.NONE),
    ],
)
def test_a_question_asking_what_something_is_for(question, kind):
    assert question_kind(question) is kind


@pytest.mark.parametrize(
    "sentence, holds",
    [
        ("The purpose of a strategy discussion is to determine the child's welfare.", True),
        ("The aim of the child protection plan is to:", True),
        ("The arrangements under subsection (1) are to be made with a view to—", True),
        # said in passing, 'with a view to' is no purpose of the thing asked (review 25)
        ("A parent may remove a child from school with a view to educating at home.", False),
        ("The form is designed to help practitioners record concerns.", False),
        ("The panel and safeguarding partners have a shared aim to identify improvements.", True),
        # an Act's idiom, not a purpose
        ("For the purposes of this section each of the following is a relevant partner—", False),
        ("The core group should meet within 10 working days of the conference.", False),
    ],
)
def test_a_sentence_giving_a_purpose(sentence, holds):
    assert sentence_holds(Kind.PURPOSE, sentence) is holds


@pytest.mark.parametrize(
    "question, listed",
    [
        # trial FF: text speak, and a clause after the set with no 'that'
        (
            "national framework - what r the 4 outcomes childrens social care is meant to achieve?",
            "outcom",
        ),
        ("what are the 4 outcomes in the national framework?", "outcom"),
        ("what are the seven golden rules", "rule"),
        ("what are the 7 principles practitioners should follow?", "principl"),
        # without a count, a clause after a plural is no set asked (review 25)
        ("what are the schools required to do under the prevent duty?", None),
        ("what are parents entitled to at a child protection conference?", None),
        ("what is the threshold?", None),
    ],
)
def test_the_set_a_question_asks_for(question, listed):
    from assistant.question_kind import listed_noun

    assert listed_noun(question) == listed


def test_what_you_are_meant_to_do_is_no_purpose_asked():
    assert question_kind("what r u meant to do if a child discloses?") is not Kind.PURPOSE
    assert question_kind("what is a child protection plan meant to achieve?") is Kind.PURPOSE


@pytest.mark.parametrize(
    "sentence, another",
    [
        # review 25: the clause before the comma is no party told
        (
            "Where an allegation is made against a member of staff, the designated officer should "
            "be informed within one working day.",
            False,
        ),
        # nor is an aside after it
        ("Parents or carers, in all cases, should be: • formally told as soon as possible.", True),
    ],
)
def test_who_a_sentence_says_is_told_is_its_subject_not_a_clause(sentence, another):
    asked = party_told(
        "how quickly does the LADO have to be told?",
        (("lado", frozenset(tokenize("local authority designated officer"))),),
    )
    assert tells_another_party(sentence, asked) is another
