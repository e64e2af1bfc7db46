"""End to end with networking switched off (unshare -rn): ingest and ask must not reach out."""

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, SEEDS_DIR

pytestmark = pytest.mark.integration


def _can_unshare() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="unshare -rn is not permitted here")
def test_ingest_and_ask_work_with_no_network(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "JOINEDUP_STORE": str(tmp_path / "store"),
        "HF_HOME": str(tmp_path / "hf"),
    }  # an empty model cache: the model must come from the package

    def run(*args):
        return subprocess.run(
            ["unshare", "-rn", sys.executable, "-m", "assistant.cli", *args],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=600,
        )

    probe = subprocess.run(
        [
            "unshare",
            "-rn",
            sys.executable,
            "-c",
            "import socket; socket.create_connection(('1.1.1.1', 80), timeout=2)",
        ],
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0, "the namespace still has a network"

    ingested = run("ingest", str(SEEDS_DIR), "--json")
    assert ingested.returncode == 0, ingested.stderr
    assert json.loads(ingested.stdout)["documents"] == 5

    asked = run("ask", "What is the trigger trio?", "--json")
    assert asked.returncode == 0, asked.stderr
    data = json.loads(asked.stdout)
    assert (
        not data["refused"] and data["citations"][0]["doc_id"] == "wcpp-complex-partnerships-2022"
    )
