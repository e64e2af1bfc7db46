"""Web load benchmark: 20 concurrent gradio_client users call /ask on a local server for a bounded
time; prints requests, errors and p50/p95, beside a single user's p50/p95 measured in the same run.
Target: 0 errors, p95 under load within 3x the single-user p95. Traffic stays on 127.0.0.1.

Each user asks, waits for the answer and reads it for a few seconds (--think) before the next
question, as practitioners do; --think 0 (back-to-back requests) measures saturation, where by
Little's law 20 users wait ~20 / throughput seconds whatever the server does. Two clients: the
official gradio_client (what other tools use; it costs the load generator ~100 ms of CPU a
request on this 2-core machine, competing with the server) and Gradio's plain HTTP API.

--soak N instead sends N varied questions (plain HTTP, --users at a time, back to back) and prints
the server's resident memory (RSS) at checkpoints: memory over weeks of use, in minutes."""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from itertools import count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import SEEDS, percentile  # noqa: E402

QUESTIONS = [
    "What is the trigger trio?",
    "What replaced Area Child Protection Committees?",
    "What did the Welsh Government review of strategic partnerships conclude?",
    "Why does multi-agency collaboration so often fail?",
    "What was the purpose of ContactPoint?",
    "What is the Common Assessment Framework for?",
]


def gradio_client_caller(url: str):
    """What the issue names: the official client (heavy: ~100 ms of client CPU a request here)."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    return lambda question: client.predict(question, api_name="/ask")


def http_caller(url: str):
    """Gradio's plain HTTP API for the same endpoint (POST /gradio_api/call/ask, then read the
    event stream): a light client, so the figures measure the server rather than the load generator."""
    import httpx

    client = httpx.Client(base_url=url, timeout=120)

    def call(question: str) -> dict:
        event = (
            client.post("/gradio_api/call/ask", json={"data": [question]})
            .raise_for_status()
            .json()["event_id"]
        )
        stream = client.get(f"/gradio_api/call/ask/{event}").raise_for_status().text
        if "event: complete" not in stream:
            raise ValueError(f"no result: {stream[:200]}")
        return json.loads(stream.split("data:", 1)[1].strip())[0]

    return call


CALLERS = {"gradio_client": gradio_client_caller, "http": http_caller}

SOAK_TOPICS = [
    "the trigger trio",
    "Area Child Protection Committees",
    "ContactPoint",
    "the Common Assessment Framework",
    "safeguarding partners",
    "information sharing",
    "a strategy discussion",
    "a section 47 enquiry",
    "child protection conferences",
    "early help",
    "the designated safeguarding lead",
    "a child in need",
    "multi-agency collaboration",
    "local child safeguarding practice reviews",
    "the Child Safeguarding Practice Review Panel",
    "children missing education",
    "domestic abuse",
    "exploitation",
    "the lead practitioner",
    "consent to share",
]
SOAK_FORMS = [
    "What is {}?",
    "Who is responsible for {}?",
    "What does the guidance say about {}?",
    "When is {} needed?",
    "How should practitioners approach {}?",
    "What changed about {}?",
    "Why does {} matter?",
    "What should a school do about {}?",
    "Explain {} in Wales.",
    "What is the timescale for {}?",
]
SOAK_MAX = 200_000  # bounded: a soak never runs unattended for ever


def soak_question(i: int) -> str:
    """The i-th of many different questions (cycles through forms and topics; a case number keeps
    later rounds from repeating the first ones exactly)."""
    form = SOAK_FORMS[i % len(SOAK_FORMS)]
    topic = SOAK_TOPICS[(i // len(SOAK_FORMS)) % len(SOAK_TOPICS)]
    rounds = i // (len(SOAK_FORMS) * len(SOAK_TOPICS))
    return form.format(topic) + (f" (case {rounds})" if rounds else "")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def soak(
    url: str, total: int, users: int, server_pid: int, every: int
) -> tuple[list[tuple[int, float, float]], list[str]]:
    """`total` questions from `users` threads, back to back; (questions answered, seconds, server
    RSS in MB) at the start and every `every` questions."""
    counter, lock = count(), threading.Lock()
    answered, errors = [0], []
    marks = [(0, 0.0, rss_mb(server_pid))]
    started = time.perf_counter()

    def user() -> None:
        call = http_caller(url)
        while True:
            with lock:
                i = next(counter)
            if i >= total:
                return
            try:
                if "answer" not in call(soak_question(i)):
                    raise ValueError("no answer in result")
            except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                errors.append(repr(exc))
            with lock:
                answered[0] += 1
                done = answered[0]
            if done % every == 0 or done == total:
                marks.append((done, time.perf_counter() - started, rss_mb(server_pid)))
                print(
                    f"  {done:>7,} questions  {marks[-1][1]:7.0f} s  server RSS {marks[-1][2]:7.0f} MB",
                    flush=True,
                )

    threads = [threading.Thread(target=user) for _ in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return marks, errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def user_loop(
    url: str,
    deadline: float,
    max_requests: int,
    latencies: list,
    errors: list,
    offset: int,
    caller: str = "gradio_client",
    think: float = 0.0,
) -> None:
    """One user: ask, wait for the answer, read it for about `think` seconds (0: no pause), repeat."""
    call = CALLERS[caller](url)
    pause = random.Random(offset)
    if think:  # users arrive over the first think time, not all in the same millisecond
        time.sleep(pause.uniform(0, think))
    i = offset
    while time.perf_counter() < deadline and i - offset < max_requests:
        started = time.perf_counter()
        try:
            result = call(QUESTIONS[i % len(QUESTIONS)])
            if "answer" not in result:
                raise ValueError("no answer in result")
            latencies.append((time.perf_counter() - started) * 1000)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            errors.append(repr(exc))
        i += 1
        if think:
            time.sleep(pause.uniform(0.5 * think, 1.5 * think))


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_phase(
    url: str, caller: str, users: int, seconds: float, server_pid: int, think: float = 0.0
) -> dict:
    """`users` concurrent users for `seconds`; latencies plus CPU spent per request by each side."""
    latencies, errors = [], []
    server0, client0 = process_cpu_seconds(server_pid), process_cpu_seconds(os.getpid())
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=user_loop, args=(url, deadline, 10_000, latencies, errors, i, caller, think)
        )
        for i in range(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    elapsed = time.perf_counter() - started
    done = max(1, len(latencies))
    return {
        "requests": len(latencies) + len(errors),
        "errors": errors,
        "latencies": latencies,
        "per_second": len(latencies) / elapsed,
        "server_cpu_ms": 1000 * (process_cpu_seconds(server_pid) - server0) / done,
        "client_cpu_ms": 1000 * (process_cpu_seconds(os.getpid()) - client0) / done,
    }


def start_server(store: Path, port: int) -> subprocess.Popen:
    """`joinedup serve` in its own process, exactly as a user starts it (clients must not share its GIL)."""
    env = {**os.environ, "JOINEDUP_FEEDBACK_DB": str(Path(tempfile.mkdtemp()) / "fb.sqlite3")}
    log = tempfile.NamedTemporaryFile("w+", prefix="joinedup-serve-", suffix=".log", delete=False)
    # A file, not a pipe: a pipe nobody reads fills up under load and stalls the server.
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        text=True,
    )
    deadline = (
        time.monotonic() + 600
    )  # the model and index load in ~20 s alone; minutes on a busy machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {Path(log.name).read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("server did not come up within 600 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--store", type=Path, help="an existing index (default: index the seeds into a temp store)"
    )
    parser.add_argument(
        "--clients", default="gradio_client,http", help="which clients to run: gradio_client, http"
    )
    parser.add_argument(
        "--think",
        default="0,3",
        help="seconds each user reads an answer before the next question "
        "(comma-separated: one run each; 0 = back-to-back, the saturation case)",
    )
    parser.add_argument(
        "--soak",
        type=int,
        metavar="N",
        help=f"send N varied questions (at most {SOAK_MAX:,}) with "
        "--users at a time and report the server's RSS at checkpoints, instead of the load runs",
    )
    parser.add_argument(
        "--checkpoint", type=int, default=1000, help="--soak: questions between RSS readings"
    )
    args = parser.parse_args()
    if args.soak is not None and not 0 < args.soak <= SOAK_MAX:
        parser.error(f"--soak takes 1 to {SOAK_MAX:,} questions")

    from assistant.config import Settings
    from ingest.pipeline import ingest

    store = args.store or Path(tempfile.mkdtemp(prefix="joinedup-load-")) / "store"
    if not (store / "CURRENT").exists():
        ingest([SEEDS], Settings(store=store))
    port = free_port()
    server = start_server(store, port)
    url = f"http://127.0.0.1:{port}/"
    failed = False
    try:
        user_loop(url, time.perf_counter() + 60, 5, [], [], 0, "http")  # warm
        if args.soak:
            print(f"soak: {args.soak:,} questions, {args.users} at a time, server pid {server.pid}")
            marks, errors = soak(url, args.soak, args.users, server.pid, args.checkpoint)
            done, seconds, rss = marks[-1]
            print(
                f"soak: {done:,} questions in {seconds:.0f} s ({done / max(seconds, 1e-9):.1f} req/s), "
                f"{len(errors)} errors; server RSS {marks[0][2]:.0f} MB warm -> {rss:.0f} MB, "
                f"peak {max(m[2] for m in marks):.0f} MB"
            )
            if errors:
                print("soak: first error:", errors[0])
            return 1 if errors else 0
        for caller in args.clients.split(","):
            single = run_phase(url, caller, 1, min(args.seconds, 15), server.pid)
            s95 = percentile(single["latencies"], 95)
            print(
                f"[{caller}] single user: {single['requests']} requests, {len(single['errors'])} errors, "
                f"p50 {percentile(single['latencies'], 50):.0f} ms, p95 {s95:.0f} ms"
            )
            failed = failed or bool(single["errors"])
            for think in (float(t) for t in args.think.split(",")):
                load = run_phase(url, caller, args.users, args.seconds, server.pid, think)
                l95 = percentile(load["latencies"], 95)
                print(
                    f"[{caller}] {args.users} users, think {think:g} s, {args.seconds:.0f} s: {load['requests']} requests, "
                    f"{len(load['errors'])} errors, p50 {percentile(load['latencies'], 50):.0f} ms, p95 {l95:.0f} ms, "
                    f"{load['per_second']:.1f} req/s; CPU per request: server {load['server_cpu_ms']:.0f} ms, "
                    f"load generator {load['client_cpu_ms']:.0f} ms; p95 / single-user p95 = {l95 / s95:.2f}x "
                    f"(target <= 3x, 0 errors)"
                )
                if load["errors"]:
                    failed = True
                    print(f"[{caller}] first error:", load["errors"][0])
    finally:
        server.terminate()
        server.wait(30)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
