"""The store over a real folder's and a real server's life, across real processes: document ids
unique per source (and old stores migrated), identical files indexed once, a running `joinedup
serve` that follows new generations without losing the one it reads, generations that a reader
holds (and only while it lives), and generations whose size follows their content."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.store import READERS, IndexReader, live_generation
from ingest.pipeline import ingest
from tests.conftest import REPO, SEEDS_DIR, free_port, run_cli, serve_app

pytestmark = pytest.mark.integration


def _env(store: Path, **extra: str) -> dict:
    return {"JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(store), **extra}


def _ingest_cli(store: Path, *paths: Path) -> dict:
    result = run_cli("ingest", *map(str, paths), "--json", env=_env(store))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _generations(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.name.startswith("gen-"))


def _consistent(store: Path) -> IndexReader:
    """The live generation holds exactly the manifest's chunks: no orphans, nothing missing."""
    reader = IndexReader.open(store)
    listed = [cid for d in reader.manifest.documents.values() for cid in d.chunk_ids]
    assert len(listed) == len(set(listed))
    assert set(reader.chunks) == set(listed) and reader.count() == len(listed) == len(
        reader.lexical
    )
    assert {c.doc_id for c in reader.chunks.values()} == set(reader.manifest.documents)
    return reader


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


THRESHOLDS_A = "Thresholds in Ashby\n\nLevel 4 threshold: a referral to Ashby children's social care is made at once.\n"
THRESHOLDS_B = "Thresholds in Brindle\n\nEarly help threshold: Brindle families are offered a lead practitioner first.\n"


# --- 1. document ids unique per source ----------------------------------------------------------


def test_files_with_one_name_in_two_folders_are_two_documents(tmp_path):
    store = tmp_path / "store"
    a = _write(tmp_path / "docs" / "a" / "thresholds.md", THRESHOLDS_A)
    b = _write(tmp_path / "docs" / "b" / "thresholds.md", THRESHOLDS_B)
    _ingest_cli(store, a)
    report = _ingest_cli(store, b)
    assert report["documents"] == 1 and report["total_documents"] == 2
    texts = " ".join(c.text for c in _consistent(store).chunks.values())
    assert "Ashby" in texts and "Brindle" in texts

    # The whole folder: both already there (nothing re-read, none lost).
    report = _ingest_cli(store, tmp_path / "docs")
    assert (report["unchanged"], report["documents"], report["total_documents"]) == (2, 0, 2)

    # Into a new store in one run, ids come from the path below the folder.
    fresh = tmp_path / "fresh"
    _ingest_cli(fresh, tmp_path / "docs")
    assert set(_consistent(fresh).manifest.documents) == {"a-thresholds-md", "b-thresholds-md"}


def test_names_in_other_scripts_keep_their_letters_and_never_share_an_id(tmp_path):
    store = tmp_path / "store"
    _write(
        tmp_path / "docs" / "子供.md",
        "子供\n\nChildren's services must record every referral about a child.\n",
    )
    _write(
        tmp_path / "docs" / "大人.md",
        "大人\n\nAdult services must tell children's services about parents in crisis.\n",
    )
    _write(
        tmp_path / "docs" / "!!!.md",
        "Punctuation\n\nA file named only with punctuation is still a document.\n",
    )
    _write(
        tmp_path / "docs" / "Notes.md",
        "Notes\n\nTwo names that differ only in case ask for the same id.\n",
    )
    _write(
        tmp_path / "docs" / "notes.md",
        "notes\n\nThe second of them gets the id plus a short hash of its path.\n",
    )
    report = _ingest_cli(store, tmp_path / "docs")
    assert report["documents"] == 5 and report["total_documents"] == 5
    ids = set(_consistent(store).manifest.documents)
    assert {"子供-md", "大人-md", "md", "notes-md"} <= ids and len(ids) == 5


def test_identical_files_are_indexed_once_and_reported(tmp_path):
    """guidance_docs/national/x.pdf and ../shared/corpus/x.pdf: one document, one duplicate line."""
    store = tmp_path / "store"
    body = "Local protocol\n\nPractitioners must escalate unresolved disagreements to the Ospreys panel.\n"
    national = _write(tmp_path / "guidance_docs" / "national" / "protocol.txt", body)
    _write(tmp_path / "corpus" / "protocol.txt", body)
    _write(tmp_path / "corpus" / "protocol-copy.txt", body)
    seed = SEEDS_DIR / "004_8eee26662267b6dd.txt"
    shutil.copy(seed, national.parent)
    shutil.copy(seed, tmp_path / "corpus")

    result = run_cli(
        "ingest", str(tmp_path / "guidance_docs"), str(tmp_path / "corpus"), env=_env(store)
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.count("duplicate ") == 3
        and "indexed once as 'wcpp-complex-partnerships-2022'" in result.stdout
    )
    reader = _consistent(store)
    assert (
        len(reader.manifest.documents) == 2
        and "wcpp-complex-partnerships-2022" in reader.manifest.documents
    )
    assert sum("Ospreys" in c.text for c in reader.chunks.values()) == 1

    report = _ingest_cli(store, tmp_path / "guidance_docs", tmp_path / "corpus")
    assert (report["documents"], report["unchanged"], report["total_documents"]) == (0, 2, 2)
    assert len(report["duplicates"]) == 3
    kept = {d["doc_id"] for d in report["duplicates"]}
    assert kept == set(reader.manifest.documents)


def test_a_store_of_the_previous_pipeline_migrates_to_unique_ids_without_orphans(
    fake_settings, tmp_path, monkeypatch
):
    """PIPELINE_VERSION 2 named a document by its file name alone: of a/thresholds.md and
    b/thresholds.md, and of 子供.md and 大人.md ('md'), the one read last replaced the other."""
    import ingest.pipeline as pipeline

    docs = tmp_path / "docs"
    _write(docs / "a" / "thresholds.md", THRESHOLDS_A)
    _write(docs / "b" / "thresholds.md", THRESHOLDS_B)
    _write(
        docs / "子供.md", "子供\n\nChildren's services must record every referral about a child.\n"
    )
    _write(
        docs / "大人.md",
        "大人\n\nAdult services must tell children's services about parents in crisis.\n",
    )
    with monkeypatch.context() as old:
        old.setattr(pipeline, "PIPELINE_VERSION", 2)
        old.setattr(
            pipeline.DocumentIds,
            "assign",
            lambda self, wanted, path: "md" if path.stem in ("子供", "大人") else "thresholds-md",
        )
        ingest([docs], fake_settings)
    legacy = IndexReader.open(fake_settings.store)
    assert set(legacy.manifest.documents) == {"md", "thresholds-md"}
    legacy.close()

    report = ingest([docs], fake_settings)
    assert report.documents == 4 and report.total_documents == 4
    reader = _consistent(fake_settings.store)
    assert set(reader.manifest.documents) == {
        "a-thresholds-md",
        "b-thresholds-md",
        "子供-md",
        "大人-md",
    }
    assert _generations(fake_settings.store) == [reader.folder.name]


# --- 2. a running server and the generations it reads ------------------------------------------

HOLDER = r"""
import sys
import numpy as np
from assistant.store import IndexReader
reader = IndexReader.open(sys.argv[1])
print(reader.folder.name, flush=True)
for line in sys.stdin:
    vector = np.zeros(384, dtype=np.float32)
    vector[0] = 1.0
    print(len(reader.dense_search(vector, 3)), len(reader.lexical.search("threshold", 3)), flush=True)
"""


def test_a_generation_stays_while_a_reader_process_holds_it_and_goes_when_the_reader_dies(tmp_path):
    store = tmp_path / "store"
    _ingest_cli(store, _write(tmp_path / "a.md", THRESHOLDS_A))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store)],
        cwd=REPO,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        held = holder.stdout.readline().strip()
        assert held == live_generation(store).name, holder.stderr.read()
        _ingest_cli(store, _write(tmp_path / "b.md", THRESHOLDS_B))
        _ingest_cli(
            store,
            _write(
                tmp_path / "c.md",
                "Consent\n\nConsent is not needed to share information to protect a child.\n",
            ),
        )
        assert held in _generations(store) and live_generation(store).name != held
        holder.stdin.write("search\n")
        holder.stdin.flush()
        assert holder.stdout.readline().split() == ["1", "1"]
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)

    # A crashed reader's lease went with it: the next ingest leaves only the live generation.
    _ingest_cli(
        store,
        _write(
            tmp_path / "d.md",
            "Disputes\n\nDisputes between agencies go to the escalation policy.\n",
        ),
    )
    assert _generations(store) == [live_generation(store).name]
    assert len(_consistent(store).manifest.documents) == 4


def _ask_http(url: str, question: str) -> dict:
    """Gradio's plain HTTP API; an error event is returned as {"error": <its data>}."""
    import httpx

    with httpx.Client(base_url=url, timeout=120) as client:
        event = (
            client.post("/gradio_api/call/ask", json={"data": [question]})
            .raise_for_status()
            .json()["event_id"]
        )
        stream = client.get(f"/gradio_api/call/ask/{event}").raise_for_status().text
    data = json.loads(stream.rsplit("data:", 1)[1].strip())
    if "event: complete" not in stream:
        return {"error": data}
    return data[0]


def _start_server(store: Path, tmp_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        **_env(
            store, JOINEDUP_STORE_CHECK_MS="100", JOINEDUP_FEEDBACK_DB=str(tmp_path / "fb.sqlite3")
        ),
    }
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed with the process
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, (tmp_path / "serve.log").read_text()[-2000:]
        try:
            _ask_http(url, "What is a threshold?")
            return server, url
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    server.kill()
    pytest.fail("serve did not come up")


def _cites(answer: dict, doc_id: str) -> bool:
    return any(c["doc_id"] == doc_id for c in answer.get("citations", []))


KESTREL = "What is the Kestrel escalation protocol?"


def test_a_running_server_answers_from_each_new_ingest_and_no_question_fails_meanwhile(tmp_path):
    store = tmp_path / "store"
    docs = tmp_path / "docs"
    _ingest_cli(store, _write(docs / "thresholds.md", THRESHOLDS_A))
    server, url = _start_server(store, tmp_path)
    try:
        assert not _cites(_ask_http(url, KESTREL), "kestrel-md")
        _ingest_cli(
            store,
            _write(
                docs / "kestrel.md",
                "Kestrel escalation protocol\n\n"
                "The Kestrel escalation protocol: practitioners escalate Kestrel concerns to the duty manager within one hour.\n",
            ),
        )
        deadline = time.monotonic() + 60
        while not _cites(_ask_http(url, KESTREL), "kestrel-md"):
            assert time.monotonic() < deadline, "the new document was never cited without a restart"
            time.sleep(0.2)

        # Concurrent questions (bounded: 4 users x at most 30) while two ingests change the index.
        answers, errors, done = [], [], threading.Event()

        def user(question: str) -> None:
            for _ in range(30):
                try:
                    answer = _ask_http(url, question)
                except Exception as exc:  # noqa: BLE001 - counted below
                    errors.append(repr(exc))
                    continue
                (errors if "error" in answer else answers).append(answer)
                if done.is_set():
                    return

        users = [
            threading.Thread(target=user, args=(q,))
            for q in (KESTREL, "What is the Level 4 threshold?") * 2
        ]
        for t in users:
            t.start()
        _ingest_cli(
            store,
            _write(
                docs / "heron.md",
                "Heron panel\n\nThe Heron panel reviews every unresolved Kestrel escalation each week.\n",
            ),
        )
        _write(
            docs / "kestrel.md",
            "Kestrel escalation protocol\n\n"
            "The Kestrel escalation protocol: practitioners escalate Kestrel concerns to the duty manager within two hours.\n",
        )
        _ingest_cli(store, docs)
        done.set()
        for t in users:
            t.join(300)
        assert not errors, errors[:3]
        assert len(answers) >= 8 and all(a["answer"] for a in answers)

        deadline = time.monotonic() + 60
        while "two hours" not in " ".join(c["text"] for c in _ask_http(url, KESTREL)["citations"]):
            assert time.monotonic() < deadline, "the second ingest was never seen"
            time.sleep(0.2)
        # Once the server has moved on, nothing it read before is left on disk.
        deadline = time.monotonic() + 30
        while _generations(store) != [live_generation(store).name]:
            assert time.monotonic() < deadline, _generations(store)
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_unexpected_failure_reaches_the_api_client_with_a_message(fake_settings, tmp_path):
    from assistant.answer import AnswerService
    from assistant.web.app import configure_queue, create_app

    ingest([_write(tmp_path / "a.md", THRESHOLDS_A)], fake_settings)

    class Failing(AnswerService):
        def ask(self, *args, **kwargs):
            raise RuntimeError("unable to open database file")

    settings = fake_settings.model_copy(update={"feedback_db": tmp_path / "fb.sqlite3"})
    app = create_app(Failing(settings), settings)
    configure_queue(app, settings)
    url = serve_app(app, show_error=False)
    try:
        error = _ask_http(url, "What is a threshold?")["error"]
        assert error and "went wrong" in json.dumps(error)
    finally:
        app.close()


# --- 3. generation size follows content --------------------------------------------------------


def _protocols(folder: Path, round_: int, n: int = 12) -> Path:
    for i in range(n):
        paragraphs = [
            f"{j}. Agency {i} practitioners must record decision {j} about referral {i * 100 + j}, "
            f"revision {round_}, and share it with the partners named in section {j % 7}."
            for j in range(1, 400)
        ]
        _write(folder / f"protocol{i:02d}.txt", f"Local protocol {i}\n\n" + "\n\n".join(paragraphs))
    return folder


def _size(generation: Path) -> int:
    return sum(f.stat().st_size for f in generation.rglob("*") if f.is_file() and f.name != READERS)


def test_replacing_the_same_content_again_and_again_keeps_the_generation_near_a_fresh_build(
    fake_settings, tmp_path
):
    docs = tmp_path / "docs"
    first = ingest([_protocols(docs, 0)], fake_settings)
    assert first.total_chunks > 1000  # past Chroma's first HNSW flush, so its files count too
    sizes = []
    for round_ in range(1, 3):  # every chunk replaced, twice over
        assert ingest([_protocols(docs, round_)], fake_settings).documents == 12
        sizes.append(_size(live_generation(fake_settings.store)))
    for i in (0, 3, 7):  # then a few documents at a time, so deletions pile up between fresh builds
        (docs / f"protocol{i:02d}.txt").write_text(
            (docs / f"protocol{i:02d}.txt").read_text() + "\n\nRevised.\n"
        )
        ingest([docs], fake_settings)
        sizes.append(_size(live_generation(fake_settings.store)))
    _consistent(fake_settings.store)

    fresh = fake_settings.model_copy(update={"store": tmp_path / "fresh"})
    ingest([docs], fresh)
    baseline = _size(live_generation(fresh.store))
    print("generation sizes", sizes, "fresh", baseline)
    assert max(sizes) <= 1.3 * baseline, (sizes, baseline)
