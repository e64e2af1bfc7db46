"""Ingest for real: the seeds with the real model and Chroma on disk; incremental runs; pruning;
crash safety (kill -9) and the single-writer lock, each across real processes."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.store import IndexReader, live_generation
from ingest.pipeline import ingest
from tests.conftest import REPO, SEEDS_DIR, run_cli

pytestmark = pytest.mark.integration


def test_seed_index_has_five_documents_with_citable_metadata(seed_settings):
    reader = IndexReader.open(seed_settings.store)
    assert len(reader.manifest.documents) == 5
    chunks = list(reader.chunks.values())
    assert reader.count() == len(chunks) == len(reader.lexical)
    wales = [c for c in chunks if c.doc_id == "wcpp-complex-partnerships-2022"]
    assert wales and all(c.jurisdiction == "Wales" and c.kind == "commentary" for c in wales)
    for c in chunks:
        assert c.title and c.edition and c.publisher and c.source.endswith(".txt")
        assert c.content_sha256 and c.status == "current"
    assert reader.manifest.embedder == "sentence-transformers/all-MiniLM-L6-v2"


def test_cli_ingest_of_seeds_reports_five_then_five_unchanged_quickly(tmp_path):
    env = {"JOINEDUP_STORE": str(tmp_path / "store")}
    seeds = sorted(str(p) for p in SEEDS_DIR.glob("*.txt"))
    first = run_cli("ingest", *seeds, "--json", env=env)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["documents"] == 5
    started = time.perf_counter()
    second = run_cli("ingest", *seeds, "--json", env=env)
    elapsed = time.perf_counter() - started
    report = json.loads(second.stdout)
    assert report["unchanged"] == 5 and report["documents"] == 0 and report["chunks"] == 0
    assert elapsed <= 3.0, f"unchanged re-ingest took {elapsed:.2f}s (process start included)"


def test_changed_document_replaces_its_chunks_and_prune_removes_deleted_files(
    fake_settings, tmp_path
):
    docs = tmp_path / "docs"
    docs.mkdir()
    a, b = docs / "a.txt", docs / "b.txt"
    a.write_text(
        "Early help\n\nEarly help means providing support as soon as a problem emerges for a child.\n"
    )
    b.write_text(
        "Information sharing\n\nPractitioners should share information to keep children safe.\n"
    )
    ingest([docs], fake_settings)
    old_ids = set(IndexReader.open(fake_settings.store).manifest.documents["a-txt"].chunk_ids)

    a.write_text(
        "Early help\n\nEarly help is support for children and families from any agency at any age.\n"
    )
    report = ingest([docs], fake_settings)
    assert (report.documents, report.unchanged) == (1, 1)
    reader = IndexReader.open(fake_settings.store)
    texts = [c.text for c in reader.chunks.values() if c.doc_id == "a-txt"]
    assert texts and all("any agency at any age" in t for t in texts)
    assert not old_ids & set(reader.chunks)

    # A new extraction/chunking pipeline (or chunk sizes) re-reads files whose bytes are unchanged.
    resized = fake_settings.model_copy(update={"chunk_target_tokens": 120})
    assert (ingest([docs], resized).documents, ingest([docs], resized).unchanged) == (2, 2)

    b.unlink()
    assert ingest([docs], fake_settings).removed == 0  # without --prune nothing goes
    report = ingest([docs], fake_settings, prune=True)
    assert report.removed == 1
    reader = IndexReader.open(fake_settings.store)
    assert set(reader.manifest.documents) == {"a-txt"}
    assert {c.doc_id for c in reader.chunks.values()} == {"a-txt"}
    assert all(
        doc_id == "a-txt"
        for doc_id in [h.split(":")[0] for h, _ in reader.lexical.search("information sharing", 5)]
    )


def _many_documents(folder: Path, n: int = 40) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        paragraphs = [
            f"{j}. Agency {i} practitioners must record decision {j} about referral {i * 100 + j} and share it with partners."
            for j in range(1, 120)
        ]
        (folder / f"doc{i:03d}.txt").write_text(f"Local protocol {i}\n\n" + "\n\n".join(paragraphs))
    return folder


def _start_ingest(store: Path, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(store)}
    return subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(folder), "--json"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_new_generation(
    store: Path, live: str, proc: subprocess.Popen, timeout: float = 120
) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(p.name.startswith("gen-") and p.name != live for p in store.iterdir()):
            return
        if proc.poll() is not None:
            pytest.fail(f"ingest finished before it could be interrupted: {proc.stderr.read()}")
        time.sleep(0.01)
    pytest.fail("ingest never started writing")


def test_kill_9_mid_ingest_leaves_previous_index_whole_and_next_run_completes(
    fake_settings, tmp_path
):
    first = tmp_path / "first"
    first.mkdir()
    (first / "guide.txt").write_text(
        "Safeguarding partners\n\nThe three safeguarding partners are the local authority, the ICB and the police.\n"
    )
    ingest([first], fake_settings)
    store = fake_settings.store
    live_before = live_generation(store).name

    big = _many_documents(tmp_path / "big")
    proc = _start_ingest(store, big)
    _wait_for_new_generation(store, live_before, proc)
    time.sleep(0.3)  # let it get into the Chroma writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)

    assert live_generation(store).name == live_before
    reader = IndexReader.open(store)
    assert set(reader.manifest.documents) == {"guide-txt"}
    assert reader.count() == len(reader.chunks) >= 1
    assert reader.lexical.search("safeguarding partners police", 3)

    report = ingest([big], fake_settings)
    assert report.documents == 40 and report.total_documents == 41
    gens = sorted(p.name for p in store.iterdir() if p.name.startswith("gen-"))
    assert len(gens) <= 2 and live_generation(store).name == gens[-1]
    assert IndexReader.open(store).count() == report.total_chunks


def test_second_concurrent_ingest_is_refused_with_a_clear_message(fake_settings, tmp_path):
    big = _many_documents(tmp_path / "big", n=30)
    store = fake_settings.store
    store.mkdir(parents=True)
    proc = _start_ingest(store, big)
    try:
        _wait_for_new_generation(store, "", proc)
        started = time.perf_counter()
        second = run_cli(
            "ingest",
            str(big),
            env={"JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(store)},
            timeout=60,
        )
        assert time.perf_counter() - started < 30  # refused, not waiting
        assert second.returncode == 3
        assert "another ingest is writing" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert json.loads(out)["documents"] == 30
    assert IndexReader.open(store).count() == json.loads(out)["total_chunks"]


def test_stats_lists_documents_chunks_store_and_embedder(seed_settings):
    result = run_cli("stats", "--json", env={"JOINEDUP_STORE": str(seed_settings.store)})
    data = json.loads(result.stdout)
    assert data["documents"] == 5 and data["chunks"] > 20
    assert data["embedder"].endswith("all-MiniLM-L6-v2")
    assert {d["doc_id"] for d in data["by_document"]} >= {"wcpp-complex-partnerships-2022"}
    assert all(
        d["chunks"] > 0 and d["edition"] and d["status"] == "current" for d in data["by_document"]
    )


def test_missing_index_gives_one_line_and_exit_2(tmp_path):
    result = run_cli("stats", env={"JOINEDUP_STORE": str(tmp_path / "none")})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no index" in result.stderr


def test_a_copy_of_a_seed_elsewhere_gets_the_catalogue_metadata(fake_settings, tmp_path):
    copy = tmp_path / "elsewhere"
    copy.mkdir()
    shutil.copy(SEEDS_DIR / "004_8eee26662267b6dd.txt", copy)
    ingest([copy], fake_settings)
    assert set(IndexReader.open(fake_settings.store).manifest.documents) == {
        "wcpp-complex-partnerships-2022"
    }


def test_whole_index_reads_go_in_pages_so_large_indexes_load(seed_settings, monkeypatch):
    """Chroma fails one get() of ~30,000+ records ("too many SQL variables"); reads are paged."""
    import assistant.store as store

    whole = IndexReader.open(seed_settings.store)
    expected = whole.chunks
    monkeypatch.setattr(store, "READ_PAGE", 7)
    paged = IndexReader.open(seed_settings.store)
    assert paged.chunks.keys() == expected.keys() and len(expected) == paged.count() > 7
    assert all(paged.chunks[cid].text == chunk.text for cid, chunk in expected.items())
    vectors = paged.vectors(list(expected)[:20])
    assert len(vectors) == 20 and all(v.shape == (384,) for v in vectors.values())


def test_search_within_named_documents_ranks_as_chromas_filtered_query(seed_settings):
    from assistant.embeddings import get_embedder

    reader = IndexReader.open(seed_settings.store)
    vector = get_embedder(seed_settings).encode(["Why do partnerships find collaboration hard?"])[0]
    docs = sorted(reader.manifest.documents)[:2]
    ours = reader.search_within(vector, frozenset(docs), 8)
    chroma = reader.dense_search(vector, 8, {"doc_id": {"$in": docs}})
    assert [cid for cid, _ in ours] == [cid for cid, _ in chroma]
    assert all(abs(a[1] - b[1]) < 1e-4 for a, b in zip(ours, chroma, strict=True))
    assert {reader.chunks[cid].doc_id for cid, _ in ours} <= set(docs)


def test_dense_search_is_exact_and_repeats_in_a_new_reader(seed_settings, monkeypatch):
    """Unfiltered dense search ranks every stored vector by cosine (HNSW's approximate answer
    drifted between processes), and a second reader gives the same list to the last digit."""
    from assistant import store
    from assistant.embeddings import get_embedder

    vector = get_embedder(seed_settings).encode(["Who should a worried teacher tell?"])[0]
    with monkeypatch.context() as above_limit:  # Chroma's own copy of the stored vectors
        above_limit.setattr(store, "EXACT_SEARCH_MAX_CHUNKS", 0)
        chroma_reader = IndexReader.open(seed_settings.store)
        stored = chroma_reader.vectors(list(chroma_reader.chunks))
    reader = IndexReader.open(seed_settings.store)
    assert reader.exact_search
    brute = sorted(stored, key=lambda cid: -float(stored[cid] @ vector))[:12]
    hits = reader.dense_search(vector, 12)
    assert [cid for cid, _ in hits] == brute
    assert all(abs(sim - float(stored[cid] @ vector)) < 1e-6 for cid, sim in hits)
    assert IndexReader.open(seed_settings.store).dense_search(vector, 12) == hits
    # with exact search, stored vectors are rows of its matrix: the same numbers as Chroma's
    again = reader.vectors(list(stored))
    assert again.keys() == stored.keys()
    assert all(np.array_equal(again[cid], stored[cid]) for cid in stored)
    monkeypatch.setattr(store, "EXACT_SEARCH_MAX_CHUNKS", 0)  # above the limit: Chroma's HNSW
    assert not reader.exact_search and len(reader.dense_search(vector, 12)) == 12
