"""The quiz evaluation: `python -m evals.quiz --store S [--out DIR] [--topics FILE]`.

Writes a quiz of n items for every topic in topics.yaml, runs the automatic checks (checks.py) on
each item, compares them with the hand grades in graded.jsonl, and prints a table per topic with
the tuned and untuned topics apart. Writes quiz-summary.json and quiz-report.md to --out."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.quiz", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("evals/runs/latest"))
    parser.add_argument("--topics", type=Path, default=HERE / "topics.yaml")
    parser.add_argument("--graded", type=Path, default=HERE / "graded.jsonl")
    parser.add_argument("--only", choices=("tuned", "untuned"), help="run one group of topics")
    args = parser.parse_args(argv)

    from assistant.answer import AnswerService
    from assistant.config import Settings
    from assistant.quiz.generate import build_quiz, source_files
    from assistant.quiz.model import TopicNotCovered
    from assistant.quiz.topic import topic_words
    from evals.quiz.checks import check_quiz, quiz_figures

    config = yaml.safe_load(args.topics.read_text(encoding="utf-8"))
    service = AnswerService(Settings(store=args.store))
    service.warm_up()
    embed = service.embedder.encode_question
    chunks = service.reader.chunks
    files = source_files(service.reader.manifest)
    graded = _graded(args.graded)
    rows, items_out = [], []
    for group in ("tuned", "untuned"):
        if args.only and group != args.only:
            continue
        for topic in config[group]:
            started = time.perf_counter()
            try:
                quiz = build_quiz(service, topic, n=config["n"], seed=config["seed"])
            except TopicNotCovered as exc:
                rows.append({"group": group, "topic": topic, "refused": str(exc)})
                continue
            seconds = time.perf_counter() - started
            named = topic_words(
                topic, service.retriever.context.vocabulary, service.reader.lexical.idf
            )
            checks = check_quiz(quiz, embed, chunks, files, requested=config["n"], topic=named)
            figures = quiz_figures(quiz, checks)
            rows.append(
                {
                    "group": group,
                    "topic": topic,
                    "requested": config["n"],
                    "seconds": round(seconds, 2),
                    **figures,
                    "notes": quiz.notes,
                }
            )
            for number, check in enumerate(checks, start=1):
                grade = graded.get((topic, check.item.quote))
                items_out.append(
                    {
                        "group": group,
                        "topic": topic,
                        "number": number,
                        "type": check.item.type,
                        "kind": check.item.kind,
                        "scenario": check.item.scenario,
                        "question": check.item.question,
                        "answer": check.item.answer,
                        "options": list(check.item.options),
                        "quote": check.item.quote,
                        "doc": check.item.chunk.title,
                        "page": check.item.chunk.page,
                        "failed": check.failed,
                        "hand_grade": grade,
                    }
                )
    summary = {
        "topics": rows,
        "groups": {g: _group(rows, g) for g in ("tuned", "untuned")},
        "hand_graded": _agreement(items_out),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "quiz-summary.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (args.out / "quiz-items.jsonl").write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items_out), encoding="utf-8"
    )
    report = _table(rows, summary)
    (args.out / "quiz-report.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


def _graded(path: Path) -> dict[tuple[str, str], dict]:
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[(row["topic"], row["quote"])] = {
                "grade": row["grade"],
                "reason": row.get("reason", ""),
            }
    return out


def _group(rows: list[dict], group: str) -> dict:
    done = [r for r in rows if r["group"] == group and "items" in r]
    if not done:
        return {}
    return {
        "quizzes": len(done),
        "refused": sum(1 for r in rows if r["group"] == group and "refused" in r),
        "quizzes_with_8_of_10_passing": sum(r["passing"] >= 0.8 * r["requested"] for r in done),
        "passing_share": round(
            sum(r["passing"] for r in done) / max(1, sum(r["items"] for r in done)), 3
        ),
        "max_duty_items": max(r["duty_items"] for r in done),
        "repeated_scenarios": sum(r["repeated_scenarios"] for r in done),
        "page_right": f"{sum(r['page_right'] for r in done)}/{sum(r['page_checked'] for r in done)}",
        "seconds_median": round(statistics.median(r["seconds"] for r in done), 2),
        "seconds_max": round(max(r["seconds"] for r in done), 2),
    }


def _agreement(items: list[dict]) -> dict:
    graded = [i for i in items if i["hand_grade"]]
    out = {"graded_items_in_run": len(graded)}
    for grade in ("good", "needs edit", "unusable"):
        these = [i for i in graded if i["hand_grade"]["grade"] == grade]
        out[grade] = {"n": len(these), "passing_checks": sum(not i["failed"] for i in these)}
    return out


def _table(rows: list[dict], summary: dict) -> str:
    lines = [
        "| group | topic | items | pass all checks | duty items | types | repeated scenarios | plain questions | "
        "quote on cited page | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "refused" in r:
            lines.append(f"| {r['group']} | {r['topic']} | refused | | | | | | | |")
            continue
        lines.append(
            f"| {r['group']} | {r['topic']} | {r['items']} | {r['passing']} | {r['duty_items']} | "
            f"{', '.join(r['types'])} | {r['repeated_scenarios']} | {r['plain_questions']} | "
            f"{r['page_right']}/{r['page_checked']} | {r['seconds']:.2f} |"
        )
    lines.append("")
    for group, figures in summary["groups"].items():
        if figures:
            lines.append(f"- **{group}**: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    lines.append(f"- **hand-graded items in this run**: {json.dumps(summary['hand_graded'])}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
