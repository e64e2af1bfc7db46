"""`joinedup quiz`: a trainer's multiple-choice quiz on a topic, as Markdown, JSON, CSV or GIFT
(registered into the main parser by cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.errors import JoinedUpError

FORMATS = ("md", "json", "csv", "gift")
JURISDICTIONS = ("England", "Wales")


def register(sub) -> None:
    p = sub.add_parser(
        "quiz", help="a multiple-choice quiz for trainers, each question citing its passage"
    )
    p.add_argument(
        "--topic", required=True, help='what the quiz is about, e.g. "information sharing"'
    )
    p.add_argument("--n", type=int, default=5, help="number of questions (default 5, at most 50)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="md handout (default), json, csv or gift (Moodle)",
    )
    p.add_argument("--out", type=Path, help="write to this file instead of standard output")
    p.add_argument(
        "--seed", type=int, default=0, help="the same seed gives the same quiz (default 0)"
    )
    p.add_argument("--jurisdiction", choices=JURISDICTIONS, help="only guidance for this nation")
    p.add_argument(
        "--backend", help="extractive (default: no model) | llamacpp | ollama | openai | fake"
    )
    p.add_argument("--store", type=Path)
    p.set_defaults(func=cmd_quiz)


def cmd_quiz(args) -> int:
    from assistant.answer import AnswerService
    from assistant.cli.settings import settings_from_args
    from assistant.quiz import build_quiz, export_quiz

    service = AnswerService(settings_from_args(args))
    quiz = build_quiz(
        service,
        args.topic,
        n=args.n,
        seed=args.seed,
        jurisdiction=args.jurisdiction,
        backend=args.backend,
    )
    text = export_quiz(quiz, args.format)
    for note in quiz.notes:
        print(f"joinedup: note: {note}", file=sys.stderr)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise JoinedUpError(f"cannot write {args.out}: {exc.strerror}") from exc
    print(
        f"{len(quiz.items)} question(s) on “{quiz.topic}” written to {args.out} ({args.format})",
        file=sys.stderr,
    )
    return 0
