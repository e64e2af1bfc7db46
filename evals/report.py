"""Writes an evaluation run to disk: summary.json, results.jsonl, report.md and report.html."""

from __future__ import annotations

import html
import json
from pathlib import Path

TABLE_METRICS = (
    "recall@5",
    "mrr@10",
    "ndcg@10",
    "key_fact_recall",
    "citation_validity",
    "citation_support",
    "refusal_accuracy",
    "false_refusal_rate",
    "emergency_recall",
    "emergency_false_positive_rate",
)
PEER_METRICS = ("recall@5", "hit@5", "mrr@10", "ndcg@10")
SIDE_METRICS = ("hit@5", "recall@5", "mrr@10", "page@5", "recall@10")
SYSTEMS = (("ours", None), ("recipe", "recipe"), ("hybrid recipe", "hybrid"))
CHART_METRIC = "recall@5"


def write_outputs(
    out: Path, summary: dict, results: list[dict], turns: list[dict] | None = None
) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        name: out / name for name in ("summary.json", "results.jsonl", "report.md", "report.html")
    }
    if turns:
        paths["conversations.jsonl"] = out / "conversations.jsonl"
        with paths["conversations.jsonl"].open("w", encoding="utf-8") as fh:
            for row in turns:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    paths["summary.json"].write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with paths["results.jsonl"].open("w", encoding="utf-8") as fh:
        for row in results:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    failures = list_failures(results)
    paths["report.md"].write_text(markdown_report(summary, failures), encoding="utf-8")
    paths["report.html"].write_text(html_report(summary, failures), encoding="utf-8")
    return paths


# --- failures -------------------------------------------------------------------------------


def list_failures(results: list[dict]) -> list[dict]:
    """One line per thing a question got wrong, with what was expected and what came back."""
    failures = []
    for r in results:
        expected_gold = "; ".join(f"{g['doc_id']}: “{g['quote']}”" for g in r["expected"]) or "—"
        got_answer = _short(r["answer"]) if not r["refused"] else "(refused)"
        top = ", ".join(f"{p['doc_id']} p.{p['page']}" for p in r["retrieved"][:3]) or "(nothing)"
        checks = [
            (
                r["answerable"] and r.get("hit@5") == 0.0,
                "gold passage not in top 5",
                expected_gold,
                f"top 3: {top}",
            ),
            (
                r["answerable"] and r["refused"],
                "refused an answerable question",
                expected_gold,
                "(refused)",
            ),
            (
                not r["answerable"] and not r["refused"],
                "answered an out-of-scope question",
                "refusal",
                got_answer,
            ),
            (
                r["emergency"] and not r["emergency_flagged"],
                "missed the emergency notice",
                "emergency notice",
                ", ".join(r["notices"]) or "no notice",
            ),
            (
                not r["emergency"] and r["emergency_flagged"],
                "emergency notice on a non-emergency",
                "no emergency notice",
                "emergency notice",
            ),
            (
                r.get("citation_validity") == 0.0,
                "a citation does not resolve or is not verbatim",
                "valid citations",
                got_answer,
            ),
            (
                r.get("key_fact_recall") is not None
                and r["key_fact_recall"] < 1.0
                and not r["refused"],
                "key facts missing from the answer",
                " / ".join(f[0] for f in r["key_facts"]),
                got_answer,
            ),
            (
                r.get("notice_recall") is not None and r["notice_recall"] < 1.0,
                "expected notice missing",
                "notice",
                ", ".join(r["notices"]) or "no notice",
            ),
        ]
        for failed, what, expected, got in checks:
            if failed:
                failures.append(
                    {
                        "id": r["id"],
                        "category": r["category"],
                        "question": r["question"],
                        "failure": what,
                        "expected": expected,
                        "got": got,
                    }
                )
    return failures


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f} ms"


# --- markdown -------------------------------------------------------------------------------


def summary_table(summary: dict) -> list[list[str]]:
    """Rows of the per-category table (first row: header; last row: overall), ours and the recipe."""
    peer = summary.get("peer")
    header = ["category", "n", *TABLE_METRICS]
    if peer:
        header += [f"recipe {name}" for name in PEER_METRICS]
    rows = [header]
    sections = [*summary["per_category"].items(), ("overall", summary["overall"])]
    for name, values in sections:
        row = [name, _fmt(values["questions"]), *(_fmt(values.get(mm)) for mm in TABLE_METRICS)]
        if peer:
            theirs = peer["overall"] if name == "overall" else peer["per_category"].get(name, {})
            row += [_fmt(theirs.get(mm)) for mm in PEER_METRICS]
        rows.append(row)
    return rows


def _systems(part: dict) -> list[tuple[str, dict]]:
    """(name, {"overall", "per_category"}) for ours and each peer present in a summary part."""
    out = [("ours", part)]
    out += [
        (label, part["peers"][key]) for label, key in SYSTEMS[1:] if key in part.get("peers", {})
    ]
    return out


def side_by_side(summary: dict) -> list[list[str]]:
    """Ours, the plain recipe and the hybrid recipe on the whole set and on the untuned half."""
    rows = [["questions", "system", "n", *SIDE_METRICS]]
    for label, part in (("whole set", summary), ("untuned half", summary.get("untuned"))):
        if not part:
            continue
        for name, values in _systems(part):
            overall = values["overall"]
            n = overall.get("retrieval_questions", overall["questions"])
            rows.append([label, name, str(n), *(_fmt(overall.get(mm)) for mm in SIDE_METRICS)])
    return rows


def per_category_hits(summary: dict) -> list[list[str]]:
    """hit@5 per category for each system, whole set and untuned half."""
    whole, untuned = (
        _systems(summary),
        _systems(summary.get("untuned") or {"overall": {}, "per_category": {}}),
    )
    header = [
        "category",
        *(f"{name} hit@5" for name, _ in whole),
        *(f"untuned {name}" for name, _ in untuned),
    ]
    rows = [header]
    for category, values in summary["per_category"].items():
        if values.get("hit@5") is None:
            continue
        row = [category] + [
            _fmt(v["per_category"].get(category, {}).get("hit@5")) for _, v in whole
        ]
        row += [_fmt(v["per_category"].get(category, {}).get("hit@5")) for _, v in untuned]
        rows.append(row)
    return rows


def _markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)


def _bars(summary: dict) -> list[tuple[str, float, float | None]]:
    peer = summary.get("peer", {}).get("per_category", {})
    bars = []
    for name, values in summary["per_category"].items():
        if values.get(CHART_METRIC) is not None:
            bars.append((name, values[CHART_METRIC], peer.get(name, {}).get(CHART_METRIC)))
    return bars


ANSWER_TABLE = (
    "key_fact_recall",
    "leads_with_fact",
    "citation_support",
    "refusal_accuracy",
    "false_refusal_rate",
    "emergency_recall",
    "emergency_false_positive_rate",
)
CONVERSATION_TABLE = (
    "conversations",
    "turns",
    "first_turn_key_fact_recall",
    "follow_up_key_fact_recall",
    "follow_up_leads_with_fact",
    "follow_up_refused",
    "identical_to_previous",
)


def answer_table(summary: dict) -> list[list[str]]:
    rows = [["", *ANSWER_TABLE]]
    for label, part in (("whole set", summary), ("untuned half", summary.get("untuned"))):
        if part:
            rows.append([label, *(_fmt(part["overall"].get(name)) for name in ANSWER_TABLE)])
    return rows


def conversation_table(conversations: dict) -> list[list[str]]:
    rows = [["", *CONVERSATION_TABLE]]
    for label in ("overall", "untuned"):
        if conversations.get(label):
            rows.append(
                [label, *(_fmt(conversations[label].get(name)) for name in CONVERSATION_TABLE)]
            )
    return rows


def markdown_report(summary: dict, failures: list[dict]) -> str:
    meta = summary.get("run", {})
    lines = [
        "# Joined Up evaluation",
        "",
        f"Dataset `{meta.get('dataset', '')}` · store `{meta.get('store', '')}` · backend `{meta.get('backend', '')}` "
        f"· k {meta.get('k') or 'default'} · {summary['overall']['questions']} questions run, "
        f"{meta.get('skipped', 0)} skipped (documents not in the index).",
        "",
        _markdown_table(summary_table(summary)),
        "",
        "## Retrieval: ours, the plain recipe and the hybrid recipe, side by side",
        "",
        _markdown_table(side_by_side(summary)),
        "",
        _markdown_table(per_category_hits(summary)),
        "",
        f"Latency of `ask` (warm): p50 {_ms(summary['overall']['latency_p50_ms'])}, "
        f"p95 {_ms(summary['overall']['latency_p95_ms'])}.",
        "",
        "## Answers: whole set and untuned half",
        "",
        _markdown_table(answer_table(summary)),
    ]
    if summary.get("conversations"):
        lines += [
            "",
            "## Conversations (follow-ups asked with the turns before them)",
            "",
            _markdown_table(conversation_table(summary["conversations"])),
        ]
    gate = summary.get("baseline")
    if gate:
        verdict = "PASS" if not gate["regressions"] else "FAIL: " + "; ".join(gate["regressions"])
        lines += ["", f"Baseline `{gate['file']}`: {verdict}"]
    lines += ["", f"## {CHART_METRIC} per category (█ ours, ░ recipe)", "", "```"]
    for name, ours, theirs in _bars(summary):
        lines.append(f"{name:<18} {'█' * round(ours * 40):<40} {ours:.2f}")
        if theirs is not None:
            lines.append(f"{'':<18} {'░' * round(theirs * 40):<40} {theirs:.2f}")
    lines += ["```", "", f"## Failures ({len(failures)})", ""]
    if failures:
        lines += [
            "| id | category | failure | question | expected | got |",
            "|---|---|---|---|---|---|",
        ]
        for f in failures:
            cells = [
                f["id"],
                f["category"],
                f["failure"],
                _short(f["question"], 160),
                _short(f["expected"], 200),
                _short(f["got"], 200),
            ]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


# --- html -----------------------------------------------------------------------------------


def _svg_chart(summary: dict) -> str:
    bars = _bars(summary)
    width, label_w, bar_w, row_h = 640, 150, 420, 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{row_h * len(bars) + 30}" '
        f'role="img" aria-label="{CHART_METRIC} per category">'
    ]
    for i, (name, ours, theirs) in enumerate(bars):
        y = 10 + i * row_h
        parts.append(f'<text x="0" y="{y + 12}" font-size="12">{html.escape(name)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{ours * bar_w:.1f}" height="12" fill="#1d70b8"/>'
            f'<text x="{label_w + ours * bar_w + 4:.1f}" y="{y + 11}" font-size="11">{ours:.2f}</text>'
        )
        if theirs is not None:
            parts.append(
                f'<rect x="{label_w}" y="{y + 14}" width="{theirs * bar_w:.1f}" height="12" fill="#b1b4b6"/>'
                f'<text x="{label_w + theirs * bar_w + 4:.1f}" y="{y + 25}" font-size="11">{theirs:.2f}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _html_table(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows[1:]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_report(summary: dict, failures: list[dict]) -> str:
    markdown_intro = markdown_report(summary, []).split("\n\n")[1]
    failure_rows = [["id", "category", "failure", "question", "expected", "got"]] + [
        [
            f["id"],
            f["category"],
            f["failure"],
            f["question"],
            _short(f["expected"], 300),
            _short(f["got"], 300),
        ]
        for f in failures
    ]
    gate = summary.get("baseline")
    gate_html = ""
    if gate:
        verdict = "PASS" if not gate["regressions"] else "FAIL: " + "; ".join(gate["regressions"])
        gate_html = (
            f"<p><strong>Baseline {html.escape(gate['file'])}: {html.escape(verdict)}</strong></p>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Joined Up evaluation</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px}}
table{{border-collapse:collapse;font-size:13px;margin:1rem 0}}td,th{{border:1px solid #ccc;padding:4px 6px;text-align:left}}
th{{background:#f3f2f1}}</style></head><body>
<h1>Joined Up evaluation</h1>
<p>{html.escape(markdown_intro)}</p>
{gate_html}
{_html_table(summary_table(summary))}
<p>Latency of ask (warm): p50 {_ms(summary["overall"]["latency_p50_ms"])},
p95 {_ms(summary["overall"]["latency_p95_ms"])}.</p>
<h2>Answers: whole set and untuned half</h2>
{_html_table(answer_table(summary))}
{_html_table(conversation_table(summary["conversations"])) if summary.get("conversations") else ""}
<h2>{CHART_METRIC} per category (blue: ours, grey: the LangChain recipe)</h2>
{_svg_chart(summary)}
<h2>Failures ({len(failures)})</h2>
{_html_table(failure_rows) if failures else "<p>None.</p>"}
</body></html>
"""
