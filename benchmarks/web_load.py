"""Web load benchmark: 20 concurrent gradio_client users call /ask on a local server for a bounded
time; prints requests, errors and p50/p95, beside a single user's p50/p95 measured in the same run.
Target: 0 errors, p95 under load within 3x the single-user p95. Traffic stays on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
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


def user_loop(url: str, deadline: float, max_requests: int, latencies: list, errors: list, offset: int) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False)
    i = offset
    while time.perf_counter() < deadline and i - offset < max_requests:
        started = time.perf_counter()
        try:
            result = client.predict(QUESTIONS[i % len(QUESTIONS)], api_name="/ask")
            if "answer" not in result:
                raise ValueError("no answer in result")
            latencies.append((time.perf_counter() - started) * 1000)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            errors.append(repr(exc))
        i += 1


def start_server(store: Path, port: int) -> subprocess.Popen:
    """`joinedup serve` in its own process, exactly as a user starts it (clients must not share its GIL)."""
    env = {**os.environ, "JOINEDUP_FEEDBACK_DB": str(Path(tempfile.mkdtemp()) / "fb.sqlite3")}
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--store", str(store), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("server did not come up within 180 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--store", type=Path, help="an existing index (default: index the seeds into a temp store)")
    args = parser.parse_args()

    from assistant.config import Settings
    from ingest.pipeline import ingest
    from tests.conftest import free_port

    store = args.store or Path(tempfile.mkdtemp(prefix="joinedup-load-")) / "store"
    if not (store / "CURRENT").exists():
        ingest([SEEDS], Settings(store=store))
    port = free_port()
    server = start_server(store, port)
    url = f"http://127.0.0.1:{port}/"
    try:
        warm, _ = [], []
        user_loop(url, time.perf_counter() + 60, 5, warm, _, 0)
        single, single_errors = [], []
        user_loop(url, time.perf_counter() + 60, 30, single, single_errors, 0)
        latencies, errors = [], []
        deadline = time.perf_counter() + args.seconds
        threads = [threading.Thread(target=user_loop, args=(url, deadline, 10_000, latencies, errors, i))
                   for i in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + 120)
    finally:
        server.terminate()
        server.wait(30)
    s95, l95 = percentile(single, 95), percentile(latencies, 95)
    print(f"single user: {len(single)} requests, {len(single_errors)} errors, p50 {percentile(single, 50):.0f} ms, p95 {s95:.0f} ms")
    print(f"{args.users} users for {args.seconds:.0f} s: {len(latencies) + len(errors)} requests, {len(errors)} errors, "
          f"p50 {percentile(latencies, 50):.0f} ms, p95 {l95:.0f} ms, {len(latencies) / args.seconds:.1f} req/s")
    print(f"p95 under load / single-user p95: {l95 / s95:.2f}x (target <= 3x, 0 errors)")
    if errors:
        print("first error:", errors[0])
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
