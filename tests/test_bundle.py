"""The bundled national guidance (guidance_docs/national/): the files are the catalogued ones byte
for byte, attributed under the OGL; an index without statutory guidance or legislation says so on
every answer and one with it does not; ingest shows its progress on a terminal and in a log."""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest

from assistant.answer import AnswerService
from assistant.catalogue import Catalogue, file_sha256
from ingest.pipeline import ingest
from tests.conftest import REPO, SEEDS_DIR

NATIONAL = REPO / "guidance_docs" / "national"
BUNDLED = {
    "working-together-to-safeguard-children-2023.pdf": "wt-2023",
    "information-sharing-advice-2024.pdf": "info-sharing-2024",
    "keeping-children-safe-in-education-2025-july-for-information.pdf": "kcsie-2025",
    "keeping-children-safe-in-education-2024.pdf": "kcsie-2024",
    "childrens-social-care-national-framework-2023.pdf": "csc-national-framework-2023",
    "children-act-2004.pdf": "children-act-2004",
    "children-and-social-work-act-2017.pdf": "cswa-2017",
}
NOTICE = "Only commentary and reviews are indexed here; check the statutory guidance before acting"


def test_the_bundled_files_are_the_catalogued_documents_byte_for_byte():
    catalogue = Catalogue.load(REPO / "guidance_docs" / "sources.yaml")
    binaries = sorted(p.name for p in NATIONAL.iterdir() if p.name != "ATTRIBUTION.md")
    assert binaries == sorted(BUNDLED)
    for name, doc_id in BUNDLED.items():
        entry = catalogue.by_id(doc_id)
        assert entry is not None and name in entry.files, name
        assert entry.sha256 == file_sha256(NATIONAL / name), (
            f"{name} differs from its catalogue checksum"
        )
        assert (
            catalogue.match(NATIONAL / name, entry.sha256) == entry
        )  # identical copies resolve to one id
        assert entry.licence == "Open Government Licence v3.0" and entry.landing_url.startswith(
            "https://"
        )
        assert (
            entry.edition and entry.publisher and entry.jurisdiction and entry.kind and entry.status
        )
    assert catalogue.by_id("kcsie-2024").status == "superseded"
    assert catalogue.by_id("kcsie-2024").superseded_by == "kcsie-2025"
    assert sum((NATIONAL / n).stat().st_size for n in BUNDLED) < 12_000_000


def test_the_attribution_names_the_licence_and_every_bundled_title_and_source():
    text = (NATIONAL / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert (
        "Contains public sector information licensed under the Open Government Licence v3.0" in text
    )
    catalogue = Catalogue.load(REPO / "guidance_docs" / "sources.yaml")
    for name, doc_id in BUNDLED.items():
        entry = catalogue.by_id(doc_id)
        row = next(line for line in text.splitlines() if line.startswith(f"| {name} |"))
        assert entry.landing_url in row, name


def test_only_open_licence_documents_are_bundled():
    """Local partnership documents carry no open licence: they are never copied in."""
    catalogue = Catalogue.load(REPO / "guidance_docs" / "sources.yaml")
    documents = [
        p
        for p in (REPO / "guidance_docs").rglob("*")
        if p.suffix.lower() in (".pdf", ".docx", ".html", ".htm")
    ]
    assert sorted(p.name for p in documents) == sorted(BUNDLED)
    for path in documents:
        assert path.parent == NATIONAL, path
        assert catalogue.match(path, file_sha256(path)).licence == "Open Government Licence v3.0"


def _ask(settings, question="who are the safeguarding partners?"):
    service = AnswerService(
        settings.model_copy(update={"refusal_threshold": 0.0, "refusal_floor": 0.0})
    )
    return service.ask(question)


@pytest.mark.integration
def test_a_commentary_only_index_says_so_on_every_answer_and_one_with_statutory_guidance_does_not(
    fake_settings, tmp_path
):
    ingest([SEEDS_DIR], fake_settings)
    for question in ("who are the safeguarding partners?", "what is a lead practitioner?"):
        answer = _ask(fake_settings, question)
        authority = [n for n in answer.notices if n.kind == "authority"]
        assert len(authority) == 1 and authority[0].text.startswith(NOTICE)

    with_guidance = fake_settings.model_copy(update={"store": tmp_path / "with-guidance"})
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS_DIR, docs)
    shutil.copy(NATIONAL / "childrens-social-care-national-framework-2023.pdf", docs)
    ingest([docs], with_guidance)
    assert (
        AnswerService(with_guidance).reader.manifest.documents["csc-national-framework-2023"].kind
        == "statutory guidance"
    )
    answer = _ask(with_guidance)
    assert not any(NOTICE in n.text for n in answer.notices), answer.notices


class _SlowEmbedder:
    """The fake embedder, taking its time, so progress lines must come while it works."""

    def __init__(self, inner, seconds):
        self._inner, self._seconds = inner, seconds

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def encode(self, texts, batch_size=64) -> np.ndarray:
        time.sleep(self._seconds)
        return self._inner.encode(texts, batch_size=batch_size)


def test_ingest_writes_progress_lines_when_stderr_is_not_a_terminal(fake_settings, capsys):
    settings = fake_settings.model_copy(update={"progress_interval_s": 0.0})
    ingest([SEEDS_DIR], settings)
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("ingest:")]
    read = [
        ln
        for ln in lines
        if re.match(
            r"ingest: read document \d of 5 \(\S+\.txt\); \d+ pages, \d+ chunks so far; "
            r"[\d.]+ documents/s",
            ln,
        )
    ]
    assert len(read) == 5, lines
    assert any(
        re.match(r"ingest: embedding chunk \d+ of \d+ from 5 of 5 documents .*chunks/s", ln)
        for ln in lines
    ), lines
    assert any(
        re.match(r"ingest: embedding sentence \d+ of \d+ from 5 of 5 documents .*sentences/s", ln)
        for ln in lines
    ), lines


@pytest.mark.integration
def test_a_heartbeat_line_comes_while_one_long_step_runs(fake_settings, capsys):
    from assistant.embeddings import get_embedder

    settings = fake_settings.model_copy(update={"progress_interval_s": 0.1})
    ingest([SEEDS_DIR], settings, embedder=_SlowEmbedder(get_embedder(settings), 0.6))
    lines = [
        ln
        for ln in capsys.readouterr().err.splitlines()
        if ln.startswith("ingest: embedding chunk 0 of")
    ]
    assert len(lines) >= 2, lines  # nothing was embedded yet, and still it spoke


@pytest.mark.integration
def test_on_a_terminal_ingest_draws_a_bar_with_documents_pages_chunks_and_time_left(tmp_path):
    """A real pseudo-terminal, as `make run` gives it (this one reports no size, like script(1))."""
    master, slave = pty.openpty()
    env = {**os.environ, "JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(tmp_path / "store")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(SEEDS_DIR)],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, out
    assert re.search(r"reading: 100%.*5/5 \[.*5 pages, \d+ chunks\]", out), out
    assert re.search(r"embedding: .*\d+/\d+ \[\d\d:\d\d<\d\d:\d\d.*5 documents, 5 pages", out), (
        out
    )  # elapsed<left
    assert "ingest: read document" not in out  # a bar, not log lines


def test_the_default_ingest_takes_the_national_guidance_and_not_its_attribution_note():
    """`make run` ingests the default paths: guidance_docs/ (reviews and national)."""
    from assistant.config import Settings
    from ingest.pipeline import default_paths, discover

    files, skipped = discover(default_paths(Settings(documents_dir=REPO / "no-such-folder")))
    names = {f.name for f in files}
    assert set(BUNDLED) <= names and not skipped
    assert "ATTRIBUTION.md" not in names
