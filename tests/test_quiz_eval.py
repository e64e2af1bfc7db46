"""The quiz evaluation's automatic checks (evals/quiz/checks.py) on hand-built quizzes: each check
fires on the fault it names and stays quiet on a good item."""

import numpy as np

from assistant.quiz.model import Quiz, QuizItem, citation_from_dict
from evals.quiz.checks import check_quiz, quiz_figures, situation_of

VECTORS = {
    "allegations against staff": [1, 0, 0],
    "Allegations against staff must be reported to the LADO within one working day.": [
        0.9,
        0.1,
        0.42,
    ],
    "Disabled children are three times more likely to be abused.": [0, 1, 0],
    "A parent reports that a member of staff grabbed her son by the neck during a lesson.": [
        0.8,
        0,
        0.6,
    ],
    "A father has lost his job and the children arrive hungry.": [0, 0, -1],
}


def embed(text):
    v = np.array(VECTORS.get(text, [0.1, 0.1, 0.1]), dtype=float)
    return v / np.linalg.norm(v)


def item(quote, scenario="", kind="agency", type_="who", page=None, cid="a:1"):
    return QuizItem(
        scenario,
        "Q",
        ("a", "b", "c", "d"),
        0,
        "R",
        citation_from_dict({"id": cid, "page": page}),
        quote,
        kind,
        type_,
    )


GOOD = "Allegations against staff must be reported to the LADO within one working day."
FITS = "Tom is a headteacher. A parent reports that a member of staff grabbed her son by the neck during a lesson. Tom must decide whom to tell."
MISFIT = "Tom is a teacher. A father has lost his job and the children arrive hungry. Tom must decide what to do."


def test_a_good_item_passes_every_check():
    checks = check_quiz(Quiz("allegations against staff", 0, [item(GOOD, FITS)]), embed)
    assert checks[0].passed, checks[0].failed


def test_each_check_fires_on_its_fault():
    quiz = Quiz(
        "allegations against staff",
        0,
        [
            item(
                "Disabled children are three times more likely to be abused.", cid="b:1"
            ),  # off topic
            item(GOOD, MISFIT, cid="c:1"),  # scenario does not fit
            item(GOOD, FITS, cid="d:1"),  # the same statement and situation again
            item(GOOD + " ", kind="duty", type_="duty", cid="e:1"),
            item(GOOD + "  ", kind="duty", type_="duty", cid="f:1"),
            item(GOOD + "   ", kind="duty", type_="duty", cid="g:1"),  # a third duty item in ten
        ],
    )
    checks = check_quiz(quiz, embed, requested=10)
    assert "on_topic" in checks[0].failed
    assert "scenario_fit" in checks[1].failed
    assert "repeat" in checks[2].failed
    assert "duty_share" in checks[5].failed and "duty_share" not in checks[4].failed
    figures = quiz_figures(quiz, checks)
    assert figures["duty_items"] == 3 and figures["passing"] < 6


def test_the_situation_is_the_scenario_without_who_and_what_to_decide():
    assert (
        situation_of(FITS)
        == "A parent reports that a member of staff grabbed her son by the neck during a lesson."
    )
