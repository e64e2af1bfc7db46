"""One evaluation end to end: choose the questions the index can answer, run them (and the peer
recipe if asked), write the four output files, check the baseline."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from evals.baseline import Regression, compare, read_baseline, write_baseline
from evals.conversations import DEFAULT_CONVERSATIONS, load_conversations, run_conversations
from evals.dataset import DEFAULT_DATASET, NEAR_DOMAIN_DATASET, load_dataset, runnable
from evals.report import write_outputs
from evals.runner import indexed_files, run_eval, seed_doc_ids


@dataclass
class EvalOptions:
    dataset: Path = DEFAULT_DATASET
    extra_datasets: tuple[Path, ...] = (NEAR_DOMAIN_DATASET,)  # asked and scored with the main set
    conversations: Path | None = DEFAULT_CONVERSATIONS  # multi-turn set, scored per turn
    out: Path = Path("evals/runs/latest")
    k: int | None = None
    backend: str | None = None
    with_peer: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None


@dataclass
class EvalOutcome:
    summary: dict
    paths: dict[str, Path]
    regressions: list[Regression] = field(default_factory=list)


def _project_relative(path: Path) -> str:
    from assistant.config import PROJECT_ROOT

    resolved = Path(path).resolve()
    return (
        str(resolved.relative_to(PROJECT_ROOT))
        if resolved.is_relative_to(PROJECT_ROOT)
        else str(path)
    )


def evaluate(settings: Settings, options: EvalOptions, service=None, progress=None) -> EvalOutcome:
    from assistant.answer import AnswerService

    service = service or AnswerService(settings)  # run_eval warms it up
    indexed = set(service.reader.manifest.documents)
    seeds = seed_doc_ids(
        service, settings.guidance_dir / "reviews"
    )  # the seed texts, not the bundled national guidance
    loaded = [q for path in (options.dataset, *options.extra_datasets) for q in load_dataset(path)]
    questions, skipped = runnable(loaded, indexed, seeds)
    scope = "full" if indexed - seeds else "seeds"
    with tempfile.TemporaryDirectory(prefix="joinedup-peer-") as peer_dir:
        peers = {}
        if options.with_peer:
            from evals.peer import build_peers

            peers = build_peers(Path(peer_dir), indexed_files(service))
        run = run_eval(
            service, questions, k=options.k, backend=options.backend, peers=peers, progress=progress
        )
    summary = run.summary
    turns: list[dict] = []
    if (
        options.conversations is not None
        and Path(options.conversations).exists()
        and scope == "full"
    ):
        turns, summary["conversations"] = run_conversations(
            service, load_conversations(options.conversations), k=options.k, backend=options.backend
        )
    summary["run"] = {
        "dataset": ", ".join(str(p) for p in (options.dataset, *options.extra_datasets)),
        "store": str(settings.store),
        "scope": scope,
        "backend": options.backend or settings.backend,
        "k": options.k,
        "skipped": len(skipped),
        "skipped_ids": [q.id for q in skipped],
    }
    regressions: list[Regression] = []
    if options.baseline:
        baseline = read_baseline(options.baseline)
        regressions = compare(summary["overall"], baseline)
        summary["baseline"] = {
            "file": str(options.baseline),
            "scope": baseline.get("scope"),
            "regressions": [str(r) for r in regressions],
        }
        if baseline.get("scope") not in (None, scope):
            summary["baseline"]["warning"] = (
                f"the baseline was measured on a {baseline['scope']} index, "
                f"this run on a {scope} index: figures are not comparable"
            )
    if options.write_baseline:
        write_baseline(
            options.write_baseline, summary["overall"], _project_relative(options.dataset), scope
        )
    paths = write_outputs(Path(options.out), summary, run.results, turns)
    return EvalOutcome(summary, paths, regressions)
