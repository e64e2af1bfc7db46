"""`joinedup fetch` against a loopback HTTP server serving ../shared/corpus: download with checksum,
checksum mismatch, 404, already present, and a server that is not there (offline)."""

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPUS, free_port, needs_corpus, run_cli

pytestmark = needs_corpus()

INFO = "information-sharing-advice-2024.pdf"
INFO_SHA = "b760222a80d451a0f7f67d0d0392b3d66ce4f4bb42174c18ffcf761601f6701f"


@pytest.fixture(scope="module")
def corpus_server():
    handler = functools.partial(_QuietHandler, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _catalogue(path: Path, base: str) -> Path:
    docs = [
        {
            "doc_id": "info-sharing-2024",
            "title": "Information sharing advice",
            "file_url": f"{base}/{INFO}",
            "files": [INFO],
            "sha256": INFO_SHA,
            "landing_url": "https://www.gov.uk/",
        },
        {
            "doc_id": "wrong-sum",
            "title": "Children's Social Care National Framework",
            "file_url": f"{base}/childrens-social-care-national-framework-2023.pdf",
            "files": ["csc.pdf"],
            "sha256": "0" * 64,
        },
        {
            "doc_id": "missing",
            "title": "Family Hubs guide",
            "file_url": f"{base}/no-such-file.pdf",
            "files": ["fh.pdf"],
        },
        {"doc_id": "no-url", "title": "Wales Safeguarding Procedures", "files": ["wsp.pdf"]},
    ]
    path.write_text(yaml.safe_dump({"documents": docs}))
    return path


def _fetch(tmp_path, base):
    cat = _catalogue(tmp_path / "sources.yaml", base)
    result = run_cli("fetch", "--dest", str(tmp_path / "dl"), "--catalogue", str(cat), "--json")
    assert "Traceback" not in result.stderr
    return result, {r["doc_id"]: r for r in json.loads(result.stdout)["results"]}


@pytest.mark.integration
def test_fetch_downloads_verifies_and_reports_each_document(tmp_path, corpus_server):
    result, by_id = _fetch(tmp_path, corpus_server)
    assert by_id["info-sharing-2024"]["status"] == "downloaded"
    assert (tmp_path / "dl" / INFO).read_bytes() == (CORPUS / INFO).read_bytes()
    assert (
        by_id["wrong-sum"]["status"] == "failed"
        and "checksum mismatch" in by_id["wrong-sum"]["detail"]
    )
    assert not (tmp_path / "dl" / "csc.pdf").exists()
    assert by_id["missing"]["status"] == "failed" and "HTTP 404" in by_id["missing"]["detail"]
    assert by_id["no-url"]["status"] == "no_url"
    assert result.returncode == 1  # some failed
    assert not [
        p for p in (tmp_path / "dl").iterdir() if p.name.startswith(".")
    ]  # no partial files


@pytest.mark.integration
def test_fetch_again_reports_present_without_downloading(tmp_path, corpus_server):
    _fetch(tmp_path, corpus_server)
    _, by_id = _fetch(tmp_path, corpus_server)
    assert by_id["info-sharing-2024"]["status"] == "present"


@pytest.mark.integration
def test_fetch_offline_fails_per_document_with_a_reason(tmp_path):
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens here
    result, by_id = _fetch(tmp_path, dead)
    assert result.returncode == 1
    for doc_id in ("info-sharing-2024", "wrong-sum", "missing"):
        assert by_id[doc_id]["status"] == "failed"
        assert "cannot download" in by_id[doc_id]["detail"]
    assert not any((tmp_path / "dl").iterdir())
