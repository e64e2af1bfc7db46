"""Trainer quizzes from the indexed guidance: `build_quiz` writes checked multiple-choice items,
each citing one passage; `export_quiz` renders them as Markdown, JSON, CSV or Moodle GIFT."""

from assistant.quiz.exporters import FORMATS, export_quiz, to_markdown
from assistant.quiz.generate import build_quiz
from assistant.quiz.model import Quiz, QuizItem, QuizRequestInvalid, TopicNotCovered

__all__ = [
    "FORMATS",
    "Quiz",
    "QuizItem",
    "QuizRequestInvalid",
    "TopicNotCovered",
    "build_quiz",
    "export_quiz",
    "to_markdown",
]
