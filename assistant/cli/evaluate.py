"""`joinedup eval`: the evaluation set against the index, with a regression gate (see evals/)."""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_REGRESSION = 1
RETRIEVAL_HEADLINE = ("recall@5", "mrr@10", "ndcg@10")  # then the answer table of evals/report


def register(sub) -> None:
    from evals.dataset import DEFAULT_DATASET

    p = sub.add_parser("eval", help="score retrieval and answers on the evaluation set")
    p.add_argument("--dataset", type=Path, default=DEFAULT_DATASET, help="JSONL evaluation set")
    p.add_argument(
        "--also",
        type=Path,
        action="append",
        default=None,
        metavar="FILE",
        help="another JSONL set asked and scored with it (repeatable; default: the near-domain set)",
    )
    p.add_argument(
        "--conversations",
        type=Path,
        default=None,
        metavar="FILE",
        help="multi-turn set scored per turn (default: evals/datasets/conversations.jsonl)",
    )
    p.add_argument("--backend", help="answer backend to evaluate (default: the configured one)")
    p.add_argument(
        "-k",
        "--k",
        type=int,
        help="passages retrieved and used (default: the configured k; 10 for search metrics)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("evals/runs/latest"),
        help="folder for the four report files",
    )
    p.add_argument(
        "--baseline",
        type=Path,
        help="fail (exit 1) when a metric falls below this baseline's tolerance",
    )
    p.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="write this run's metrics as the new baseline",
    )
    p.add_argument(
        "--with-peer",
        action="store_true",
        help="also score the plain LangChain recipe on the same files",
    )
    p.add_argument("--store", type=Path)
    p.set_defaults(func=cmd_eval)


def cmd_eval(args) -> int:
    from assistant.cli.settings import settings_from_args
    from evals.evaluate import EvalOptions, evaluate

    if args.k is not None and args.k < 1:
        from assistant.errors import UsageError

        raise UsageError("--k must be at least 1")
    from evals.conversations import DEFAULT_CONVERSATIONS
    from evals.dataset import NEAR_DOMAIN_DATASET

    also = tuple(args.also) if args.also is not None else (NEAR_DOMAIN_DATASET,)
    options = EvalOptions(
        dataset=args.dataset,
        extra_datasets=also,
        conversations=args.conversations or DEFAULT_CONVERSATIONS,
        out=args.out,
        k=args.k,
        backend=args.backend,
        with_peer=args.with_peer,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
    )
    outcome = evaluate(
        settings_from_args(args), options, progress=_progress if sys.stderr.isatty() else None
    )
    _print_summary(outcome.summary)
    for name, path in outcome.paths.items():
        print(
            f"wrote {path}"
            if name != "summary.json"
            else f"wrote {path} (every metric, overall and per category)"
        )
    if args.write_baseline:
        print(f"baseline written to {args.write_baseline}")
    warning = outcome.summary.get("baseline", {}).get("warning")
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    if outcome.regressions:
        print(f"REGRESSION against {args.baseline}:", file=sys.stderr)
        for r in outcome.regressions:
            print(f"  {r}", file=sys.stderr)
        return EXIT_REGRESSION
    if args.baseline:
        print(f"no regression against {args.baseline}")
    return 0


def _progress(done: int, total: int) -> None:
    print(
        f"\r{done}/{total} questions", end="" if done < total else "\n", file=sys.stderr, flush=True
    )


def _print_summary(summary: dict) -> None:
    run, overall = summary["run"], summary["overall"]
    print(
        f"{overall['questions']} questions ({run['scope']} index, {run['skipped']} skipped), backend {run['backend']}"
    )
    from evals.report import ANSWER_TABLE

    peer = summary.get("peer", {}).get("overall", {})
    for name in (*RETRIEVAL_HEADLINE, *ANSWER_TABLE):
        value = overall.get(name)
        line = f"  {name:<32} {'—' if value is None else f'{value:.3f}'}"
        if name in peer and peer[name] is not None:
            line += f"   (recipe {peer[name]:.3f})"
        print(line)
    if overall["latency_p50_ms"] is not None:
        print(
            f"  {'latency p50 / p95 (ms)':<32} {overall['latency_p50_ms']:.1f} / {overall['latency_p95_ms']:.1f}"
        )
    if summary.get("peers"):
        from evals.report import per_category_hits, side_by_side

        for rows in (side_by_side(summary), per_category_hits(summary)):
            print()
            widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
            for row in rows:
                print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
