"""Bad documents are reported by name with a reason and skipped; the rest goes in and the
existing index stays whole and queryable."""

import json
import os
from pathlib import Path

import pytest

from assistant.errors import UnreadableDocument
from ingest.loaders import load_document
from ingest.pipeline import ingest
from tests.conftest import run_cli
from tests.pdfs import write_encrypted_pdf, write_scanned_pdf, write_text_pdf

GOOD_TEXT = (
    "Multi-agency working\n\n"
    "Practitioners must share information about a child at risk with the local authority. "
    "The designated safeguarding lead should make the referral without delay.\n"
)


BAD_FILES = {
    "empty.txt": "empty",
    "corrupt.pdf": "corrupt",
    "encrypted.pdf": "encrypted",
    "scanned.pdf": "no text layer",
    "junk.txt": "binary",
    "slides.pptx": "unsupported",
    "gone.pdf": "cannot read",
}


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad") / "bad"
    make_bad_folder(folder)
    return folder


def make_bad_folder(folder: Path) -> dict[str, str]:
    """Each bad file (beside two good ones) with a word its reason must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    good_pdf = write_text_pdf(
        folder / "good.pdf",
        [["1. Safeguarding partners must publish their arrangements."]],
        title="Good guide",
    )
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    write_encrypted_pdf(folder / "encrypted.pdf", good_pdf)
    write_scanned_pdf(folder / "scanned.pdf")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04 not really")
    (folder / "gone.pdf").symlink_to(folder / "does-not-exist.pdf")  # unreadable even for root
    return BAD_FILES


@pytest.mark.parametrize("name,reason", list(BAD_FILES.items()))
def test_each_bad_file_raises_unreadable_with_its_reason(bad_folder, name, reason):
    with pytest.raises(UnreadableDocument) as info:
        load_document(bad_folder / name)
    assert reason in info.value.reason


def test_good_files_in_the_bad_folder_load(bad_folder):
    folder = bad_folder
    assert load_document(folder / "good.pdf").pages[0].number == 1
    assert "designated safeguarding lead" in load_document(folder / "good.txt").pages[0].text


def test_bad_folder_is_skipped_file_by_file_and_the_rest_is_ingested(fake_settings, tmp_path):
    expected = make_bad_folder(tmp_path / "bad")
    report = ingest([tmp_path / "bad"], fake_settings)
    skipped = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(skipped) == set(expected)
    for name, word in expected.items():
        assert word in skipped[name], (name, skipped[name])
    assert report.documents == 2 and report.ok


@pytest.mark.integration
def test_bad_files_leave_an_existing_index_intact_and_stats_answers(tmp_path):
    env = {"JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(tmp_path / "store")}
    (tmp_path / "first").mkdir()
    (tmp_path / "first" / "guide.txt").write_text(GOOD_TEXT)
    assert run_cli("ingest", str(tmp_path / "first"), env=env).returncode == 0
    make_bad_folder(tmp_path / "bad")
    for name in ("good.pdf", "good.txt"):
        (tmp_path / "bad" / name).unlink()

    result = run_cli("ingest", str(tmp_path / "bad"), "--json", env=env)
    assert result.returncode == 1, result.stderr  # nothing could be ingested
    report = json.loads(result.stdout)
    assert len(report["skipped"]) == 7 and report["documents"] == 0
    assert "Traceback" not in result.stderr

    stats = run_cli("stats", "--json", env=env)
    assert stats.returncode == 0
    assert json.loads(stats.stdout)["documents"] == 1


@pytest.mark.integration
def test_a_missing_path_is_reported_not_a_traceback(tmp_path):
    result = run_cli(
        "ingest",
        str(tmp_path / "nope"),
        "--json",
        env={"JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(tmp_path / "s")},
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["skipped"][0]["reason"] == "no such file or folder"
