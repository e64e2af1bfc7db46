"""Quiz generation time: 10 items per topic, the model loaded and warm, every run as if the topic
were new (the embedder's recent questions and the quiz's phrase cache are emptied before each).

    python benchmarks/quiz.py --store /work/main/.joinedup/eval-store [--runs 5] [--group untuned]

Prints the median of --runs runs per topic of evals/quiz/topics.yaml (wall-clock seconds, and the
CPU seconds the process used, which a busy machine inflates far less), the median over topics, and
the machine's load average (two shared cores: a busy machine's wall time is not a quiet one's).
Target (issue 16): under 3 s for 10 items once the model is loaded."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOPICS = Path(__file__).resolve().parents[1] / "evals" / "quiz" / "topics.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--group", choices=("tuned", "untuned"), default="untuned")
    args = parser.parse_args(argv)

    from assistant.answer import AnswerService
    from assistant.config import Settings
    from assistant.quiz.generate import build_quiz
    from assistant.quiz.model import TopicNotCovered
    from assistant.quiz.targets import forget_targets

    topics = yaml.safe_load(TOPICS.read_text(encoding="utf-8"))[args.group]
    service = AnswerService(Settings(store=args.store))
    service.warm_up()
    build_quiz(service, "information sharing", n=args.n)  # loads what a first quiz loads
    forget = getattr(service.embedder, "forget_recent", lambda: None)
    medians, cpu_medians = {}, {}
    for topic in topics:
        seconds, cpu = [], []
        for _ in range(args.runs):
            forget()
            forget_targets()
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                build_quiz(service, topic, n=args.n)
            except TopicNotCovered:
                pass  # a refusal is timed too: the trainer waits for it
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        medians[topic], cpu_medians[topic] = statistics.median(seconds), statistics.median(cpu)
        runs = ", ".join(f"{s:.2f}" for s in seconds)
        print(
            f"{topic:<46} median {medians[topic]:.2f} s wall, {cpu_medians[topic]:.2f} s CPU (runs: {runs})"
        )
    print(
        f"median over {len(medians)} {args.group} topics: {statistics.median(medians.values()):.2f} s wall "
        f"(max {max(medians.values()):.2f}), {statistics.median(cpu_medians.values()):.2f} s CPU "
        f"(max {max(cpu_medians.values()):.2f}); load average {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
