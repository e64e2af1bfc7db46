"""A conversation as Markdown with its citations, for practitioners to keep or share. Questions are
written redacted (personal details replaced by placeholders), whatever the caller passes."""

from __future__ import annotations

from datetime import datetime

from assistant.safety import redact
from assistant.text import where_parts


def _where(c: dict) -> str:
    where = where_parts(
        {**c, "page": c.get("pages") or c.get("page")}, paragraph="paragraph {}", page="page {}"
    )
    return ", ".join([f"*{c['title']}* ({c['edition']})", *where])


def conversation_markdown(answers: list[dict], disclaimer: str) -> str:
    """answers: Answer.to_dict() objects in the order they were asked."""
    lines = [
        f"# Joined Up conversation ({datetime.now():%d %B %Y %H:%M})",
        "",
        f"> {disclaimer}",
        "",
    ]
    for i, a in enumerate(answers, start=1):
        lines += [f"## Question {i}", "", redact(a["question"]), ""]
        for notice in a.get("notices", []):
            lines += [f"> **{notice['kind'].replace('_', ' ').title()}:** {notice['text']}", ""]
        lines += ["**Answer**", "", a["answer"], ""]
        if a.get("citations"):
            lines += ["**Sources**", ""]
            for c in a["citations"]:
                duty = f" — states a *{c['duty']}*" if c.get("duty") else ""
                status = " — SUPERSEDED edition" if c.get("status") == "superseded" else ""
                lines.append(f"[{c['n']}] {_where(c)}{duty}{status}")
                quote = " ".join(c["text"].split())
                lines += [f"   > {quote}", ""]
    return "\n".join(lines).rstrip() + "\n"
