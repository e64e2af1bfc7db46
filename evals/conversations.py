"""Conversations of two or three turns (evals/datasets/conversations.jsonl): each turn asked with
the turns before it as history, as the web chat asks it, and scored for its own key facts.

A line: {"id", "split", "turns": [{"question", "key_facts": [[phrasing, ...], ...],
"same_as_previous": false}, ...]}. `same_as_previous` marks a turn whose gold answer truly is the
previous one (then repeating it is not counted against the answer)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import JoinedUpError
from evals import metrics as m
from evals.dataset import read_jsonl

DEFAULT_CONVERSATIONS = Path(__file__).resolve().parent / "datasets" / "conversations.jsonl"


@dataclass(frozen=True)
class ConversationTurn:
    question: str
    key_facts: tuple[tuple[str, ...], ...]
    same_as_previous: bool = False


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[ConversationTurn, ...]
    split: str = "untuned"


def load_conversations(path: Path = DEFAULT_CONVERSATIONS) -> list[Conversation]:
    return read_jsonl(path, _conversation, "conversation")


def _conversation(raw: dict) -> Conversation:
    turns = tuple(
        ConversationTurn(
            t["question"],
            tuple(tuple(f) for f in t["key_facts"]),
            bool(t.get("same_as_previous", False)),
        )
        for t in raw["turns"]
    )
    if len(turns) < 2 or any(not t.key_facts for t in turns):
        raise ValueError("a conversation has two or more turns, each with key facts")
    return Conversation(str(raw["id"]), turns, raw.get("split", "untuned"))


def run_conversation(
    service, conversation: Conversation, k: int | None = None, backend: str | None = None
) -> list[dict]:
    """One row per turn: the answer, its standalone question and its scores."""
    from assistant.answer import Turn

    history: list[Turn] = []
    rows, previous = [], ""
    for n, turn in enumerate(conversation.turns, start=1):
        try:
            answer = service.ask(turn.question, history=history, k=k, backend=backend).to_dict()
        except JoinedUpError as exc:
            answer = {
                "answer": "",
                "refused": True,
                "standalone_question": turn.question,
                "error": str(exc),
            }
        text = answer["answer"]
        rows.append(
            {
                "id": f"{conversation.id}.{n}",
                "conversation": conversation.id,
                "turn": n,
                "split": conversation.split,
                "question": turn.question,
                "standalone_question": answer.get("standalone_question", ""),
                "answer": text,
                "refused": answer["refused"],
                "key_facts": [list(f) for f in turn.key_facts],
                "key_fact_recall": 0.0
                if answer["refused"]
                else m.key_fact_recall(text, turn.key_facts),
                "leads_with_fact": 0.0
                if answer["refused"]
                else m.leads_with_fact(text, turn.key_facts),
                "same_as_previous": n > 1 and m.same_answer(text, previous),
                "gold_same_as_previous": turn.same_as_previous,
            }
        )
        history.append(Turn(turn.question, text))
        previous = text
    return rows


def aggregate_turns(rows: list[dict]) -> dict:
    first = [r for r in rows if r["turn"] == 1]
    follow = [r for r in rows if r["turn"] > 1]
    return {
        "conversations": len(first),
        "turns": len(rows),
        "first_turn_key_fact_recall": m.mean([r["key_fact_recall"] for r in first]),
        "follow_up_key_fact_recall": m.mean([r["key_fact_recall"] for r in follow]),
        "follow_up_leads_with_fact": m.mean([r["leads_with_fact"] for r in follow]),
        "follow_up_refused": sum(r["refused"] for r in follow),
        "identical_to_previous": sum(
            r["same_as_previous"] and not r["gold_same_as_previous"] for r in follow
        ),
    }


def run_conversations(
    service, conversations: list[Conversation], k: int | None = None, backend: str | None = None
) -> tuple[list[dict], dict]:
    rows = [row for c in conversations for row in run_conversation(service, c, k, backend)]
    untuned = [r for r in rows if r["split"] == "untuned"]
    return rows, {"overall": aggregate_turns(rows), "untuned": aggregate_turns(untuned)}
