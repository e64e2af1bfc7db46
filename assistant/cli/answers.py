"""CLI commands that answer: ask, search and serve (registered into the main parser by cli.py)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.errors import JoinedUpError, UsageError
from assistant.retrieval import Filters
from assistant.text import where_parts
from assistant.types import Answer, Chunk, Citation, Passage

JURISDICTIONS = ("England", "Wales")


def register(sub) -> None:
    p = sub.add_parser("ask", help="answer a question with citations")
    p.add_argument("question", nargs="?", help="the question (or use --questions FILE.jsonl)")
    p.add_argument(
        "--questions",
        type=Path,
        help='JSONL file of {"id", "question"} and optionally '
        '"history": [{"question", "answer"}] (the conversation so far): one answer per line',
    )
    _common(p, default_k=None)
    p.add_argument(
        "--backend",
        help="extractive (default) | llamacpp | ollama | openai (exit 4 if it cannot be reached)",
    )
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("search", help="ranked passages only, no answer")
    p.add_argument("query", nargs="?")
    p.add_argument("--questions", type=Path, help='JSONL file of {"id", "question"}')
    _common(p, default_k=10)
    p.add_argument(
        "--explain",
        action="store_true",
        help="show what the question was expanded with and each ranking's part in the order",
    )
    p.set_defaults(func=cmd_search)


def _common(p: argparse.ArgumentParser, default_k: int | None) -> None:
    p.add_argument("-k", "--k", type=int, default=default_k, help="passages to use")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--store", type=Path)
    p.add_argument("--jurisdiction", choices=JURISDICTIONS, help="only guidance for this nation")
    p.add_argument(
        "--kind", action="append", default=[], help="only this document kind (repeatable)"
    )
    p.add_argument("--doc", action="append", default=[], help="only this doc_id (repeatable)")
    p.add_argument(
        "--include-superseded", action="store_true", help="also search superseded editions"
    )


def _filters(args) -> Filters:
    return Filters(args.jurisdiction, tuple(args.kind), tuple(args.doc), args.include_superseded)


def _service(args):
    from assistant.answer import AnswerService
    from assistant.cli.settings import settings_from_args

    return AnswerService(settings_from_args(args))


def _read_questions(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise JoinedUpError(f"cannot read {path}: {exc.strerror}") from exc
    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            items.append(
                {
                    "id": item.get("id", number),
                    "question": item["question"],
                    "history": _history(item.get("history") or []),
                }
            )
        except (ValueError, KeyError, AttributeError, TypeError) as exc:
            raise JoinedUpError(
                f"{path}:{number}: expected a JSON object with 'question' (and optionally "
                f"'history': a list of {{'question', 'answer'}})"
            ) from exc
    return items


def _history(turns: list) -> list:
    from assistant.answer import Turn

    if not isinstance(turns, list):
        raise TypeError("history must be a list")
    return [Turn(str(t["question"]), str(t.get("answer", ""))) for t in turns]


def _questions_or_one(args, text: str | None) -> list[dict]:
    if args.questions:
        return _read_questions(args.questions)
    if text is None:
        raise UsageError("give a question, or --questions FILE.jsonl")
    return [{"id": None, "question": text, "history": []}]


def cmd_ask(args) -> int:
    service = _service(args)
    service.backend_for(args.backend)  # an unknown name fails here, before the index loads
    items = _questions_or_one(args, args.question)
    batch = args.questions is not None
    for item in items:
        try:
            # the backend chosen here must answer: if it cannot be reached, say so (exit 4)
            answer = service.ask(
                item["question"],
                history=item["history"],
                filters=_filters(args),
                k=args.k,
                backend=args.backend,
                strict_backend=True,
            )
        except JoinedUpError as exc:
            if not batch:
                raise
            print(json.dumps({"id": item["id"], "question": item["question"], "error": str(exc)}))
            continue
        if args.json or batch:
            data = answer.to_dict()
            if batch:
                data = {"id": item["id"], **data}
            print(json.dumps(data, ensure_ascii=False), flush=True)
        else:
            print(format_answer(answer))
    return 0


def cmd_search(args) -> int:
    service = _service(args)
    items = _questions_or_one(args, args.query)
    batch = args.questions is not None
    for item in items:
        passages, why = service.search_explained(item["question"], k=args.k, filters=_filters(args))
        cited = [
            passage_citation(i, p, service.known_publishers)
            for i, p in enumerate(passages, start=1)
        ]
        rows = [c.to_dict() for c in cited]
        if args.explain:
            explained = explanation_dict(why, passages)
            for row, parts in zip(rows, explained["passages"], strict=True):
                row["explain"] = parts
        if batch:
            print(
                json.dumps(
                    {"id": item["id"], "question": item["question"], "passages": rows},
                    ensure_ascii=False,
                )
            )
        elif args.json:
            print(json.dumps({"query": item["question"], "passages": rows}, ensure_ascii=False))
        else:
            if args.explain:
                print(format_explanation(explained))
            for c, row in zip(cited, rows, strict=True):
                chunk = c.passage.chunk
                # the scores as rounded for --json (sim: 4 places, then shown to 3)
                print(
                    f"[{c.n}] {row['score']:.4f} sim={row['similarity']:.3f} {_where(chunk)}\n    {chunk.text[:300]}"
                )
                if args.explain:
                    print(
                        "    = "
                        + " + ".join(
                            f"{part['from']} {part['value']:.4f}" for part in row["explain"]
                        )
                    )
    return 0


def explanation_dict(why, passages) -> dict:
    """The expansions, the kind of fact asked, and per passage each ranking's contribution (with
    the passage's rank in that ranking) and the lifts, summing to its fused score."""
    positions = {
        name: {cid: i for i, cid in enumerate(ranking, start=1)}
        for name, ranking in why.rankings.items()
    }
    per_passage = []
    for passage in passages:
        parts = []
        for name, value in why.contributions.get(passage.chunk.id, {}).items():
            rank = positions.get(name, {}).get(passage.chunk.id)
            parts.append({"from": f"{name} #{rank}" if rank else name, "value": value})
        per_passage.append(parts)
    return {
        "question": why.expansion.question,
        "expanded": why.expansion.text,
        "kind": why.kind.value,
        "term": why.term,
        "places": list(why.places),
        "expansions": [
            {"found": found, "added": list(added), "source": source}
            for found, added, source in why.expansion.matched
        ],
        "feedback": list(why.feedback),
        "also_searched": why.also_searched,
        "passages": per_passage,
    }


def format_explanation(explained: dict) -> str:
    lines = [
        f"question: {explained['question']}",
        f"kind of fact asked: {explained['kind']}"
        + (f" (term: {explained['term']})" if explained["term"] else ""),
    ]
    if explained["expansions"]:
        lines.append("expanded with:")
        lines += [
            f"  {e['found']} -> {'; '.join(e['added'])}  ({e['source']})"
            for e in explained["expansions"]
        ]
    else:
        lines.append("expanded with: nothing")
    if explained["places"]:
        lines.append(f"places named: {', '.join(explained['places'])}")
    if explained.get("also_searched"):
        lines.append(
            f"an emergency: also searched as asked, its passages taken in turn with these (only "
            f"the first search's contributions are shown): {explained['also_searched']}"
        )
    if explained.get("feedback"):
        lines.append(
            f"dense ranking: the question's vector moved toward its {len(explained['feedback'])} "
            "closest passages, then searched again (pseudo-relevance feedback)"
        )
    lines.append(
        "fused score = each ranking's 1/(60 + rank) + lifts; authority scales local and secondary documents"
    )
    return "\n".join(lines)


def passage_citation(n: int, passage: Passage, known_publishers: frozenset[str]) -> Citation:
    """A searched passage as the citation an answer would make of it (numbered n)."""
    from assistant.duty import duty_of

    unverified = passage.chunk.doc_id not in known_publishers
    return Citation(n, passage, duty_of(passage.chunk.text, passage.chunk.kind), (), unverified)


def _where(chunk: Chunk, page: int | str | None = None) -> str:
    """The passage's document and place; `page`: the page its quoted sentences start on ('133',
    or '133–134' when they span a page break)."""
    place = where_parts({**chunk.metadata(), "page": page or chunk.page})
    return ", ".join([f"{chunk.title} ({chunk.edition})", *place])


def format_answer(answer: Answer) -> str:
    """An answer for the terminal: notices first, the answer, then its sources quoted."""
    lines = []
    for notice in answer.notices:
        label = "EMERGENCY" if notice.kind == "emergency" else notice.kind.replace("_", " ").upper()
        lines.append(f"!! {label}: {notice.text}\n")
    lines.append(answer.text)
    if answer.citations:
        lines.append("\nSources:")
        for c in answer.citations:
            chunk = c.passage.chunk
            duty = f" [{c.duty}]" if c.duty else ""
            status = " [SUPERSEDED]" if chunk.status == "superseded" else ""
            lines.append(f"[{c.n}] {_where(chunk, c.pages)}{duty}{status}")
            quote = " ".join(chunk.text.split())
            lines.append(f"    “{quote[:400]}{'…' if len(quote) > 400 else ''}”")
    return "\n".join(lines)
