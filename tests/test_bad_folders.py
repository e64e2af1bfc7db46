"""Real shared-drive folders: broken sidecars, pipes and devices, files past the limits, folders
that cannot be opened, text in UTF-16. Each is named with its reason, nothing hangs, and the good
files in the same run go in. Every ingest here is a real `joinedup` process on real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from assistant.errors import UnreadableDocument
from ingest.loaders import load_document
from tests.conftest import REPO, run_cli
from tests.pdfs import write_text_pdf
from tests.test_bad_input import GOOD_TEXT

HANG_TIMEOUT = 120  # seconds: ingest of a few small files takes ~10 s here, even under load


def ingest_json(
    folder: Path, store: Path, env: dict | None = None, prefix: tuple[str, ...] = ()
) -> tuple[int, dict, str]:
    """`joinedup ingest FOLDER --json` in a fresh process (fake embedder); a hang fails the test."""
    full_env = {"JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(store), **(env or {})}
    try:
        if prefix:
            result = subprocess.run(
                [*prefix, sys.executable, "-m", "assistant.cli", "ingest", str(folder), "--json"],
                capture_output=True,
                text=True,
                env={**os.environ, **full_env},
                timeout=HANG_TIMEOUT,
                cwd=REPO,
            )
        else:
            result = run_cli("ingest", str(folder), "--json", env=full_env, timeout=HANG_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(
            f"ingest of {folder} still running after {HANG_TIMEOUT} s (hung on a special file?)"
        )
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result.returncode, json.loads(result.stdout), result.stderr


def skipped_by_name(report: dict) -> dict[str, str]:
    return {Path(s["path"]).name: s["reason"] for s in report["skipped"]}


# --- 4. sidecars ------------------------------------------------------------------------------


BAD_SIDECARS = {
    "unclosed.meta.yaml": ("title: [Thresholds\npublisher: Somewhere\n", "not valid YAML at line"),
    "tabs.meta.yaml": ("title: x\n\tpublisher: y\n", "not valid YAML"),
    "listed.meta.yaml": ("- title: Thresholds\n- edition: 2024\n", "holds a list"),
    "plain.meta.yaml": ("just some words\n", "holds a text"),
    "titles.meta.yaml": ("title: [One, Two]\n", "field 'title' holds a list"),
    "latin.meta.yaml": ("title: Caf\xe9 guide\n".encode("latin-1"), "not UTF-8"),
}


@pytest.mark.integration
def test_bad_sidecars_are_named_and_their_documents_and_the_rest_go_in(tmp_path):
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "good.meta.yaml").write_text("title: The good guide\nedition: '2024'\n")
    for side, (content, _) in BAD_SIDECARS.items():
        stem = side[: -len(".meta.yaml")]
        (folder / f"{stem}.txt").write_text(GOOD_TEXT.replace("child", f"child ({stem})"))
        target = folder / side
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)

    code, report, _ = ingest_json(folder, tmp_path / "store")

    assert code == 0
    assert report["documents"] == 1 + len(BAD_SIDECARS), report  # every document goes in
    skipped = skipped_by_name(report)
    assert set(skipped) == set(BAD_SIDECARS), skipped  # only the sidecars, each by name
    for side, (_, reason) in BAD_SIDECARS.items():
        assert reason in skipped[side] and "sidecar ignored" in skipped[side], (side, skipped[side])
    stats = run_cli(
        "stats",
        "--json",
        env={"JOINEDUP_EMBEDDER": "fake", "JOINEDUP_STORE": str(tmp_path / "store")},
    )
    by_source = {d["source"]: d for d in json.loads(stats.stdout)["by_document"]}
    assert by_source["good.txt"]["title"] == "The good guide"  # a good sidecar still counts
    assert by_source["titles.txt"]["title"] != "['One', 'Two']"


@pytest.mark.integration
def test_a_bad_sidecar_beside_the_catalogue_does_not_stop_ingest(tmp_path):
    docs = tmp_path / "guidance"
    shutil.copytree(REPO / "guidance_docs", docs)
    (docs / "reviews" / "broken.meta.yaml").write_text("- not\n- a mapping\n")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "guide.txt").write_text(GOOD_TEXT)

    code, report, _ = ingest_json(
        tmp_path / "mine",
        tmp_path / "store",
        env={"JOINEDUP_CATALOGUE": str(docs / "sources.yaml")},
    )

    assert code == 0 and report["documents"] == 1
    assert "holds a list" in skipped_by_name(report)["broken.meta.yaml"]


# --- 5. pipes and devices --------------------------------------------------------------------


@pytest.mark.integration
def test_pipes_and_links_to_devices_are_skipped_not_read_forever(tmp_path):
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT)
    os.mkfifo(folder / "pipe.txt")  # opening it to read waits for a writer that never comes
    (folder / "zero.txt").symlink_to("/dev/zero")  # reads never end
    (folder / "random.md").symlink_to("/dev/urandom")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "real.txt").write_text(GOOD_TEXT.replace("local authority", "police"))
    (folder / "linked.txt").symlink_to(
        tmp_path / "elsewhere" / "real.txt"
    )  # a link to a file is fine

    code, report, _ = ingest_json(folder, tmp_path / "store")

    assert code == 0
    skipped = skipped_by_name(report)
    assert set(skipped) == {"pipe.txt", "zero.txt", "random.md"}, skipped
    assert "not a regular file: a named pipe" in skipped["pipe.txt"]
    assert "not a regular file: a character device" in skipped["zero.txt"]
    assert "not a regular file: a character device" in skipped["random.md"]
    assert report["documents"] == 2  # good.txt and the linked file


@pytest.mark.integration
def test_a_pipe_named_on_the_command_line_is_refused_too(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    code, report, _ = ingest_json(tmp_path / "pipe.md", tmp_path / "store")
    assert code == 1
    assert "named pipe" in report["skipped"][0]["reason"]


def test_load_document_refuses_a_device_without_reading_it():
    link_dir = Path(os.environ.get("TMPDIR", "/tmp"))
    link = link_dir / f"joinedup-zero-{os.getpid()}.txt"
    link.symlink_to("/dev/zero")
    try:
        with pytest.raises(UnreadableDocument, match="not a regular file"):
            load_document(link)
    finally:
        link.unlink()


# --- 6. limits ---------------------------------------------------------------------------------


def _docx(path: Path, body_xml: str) -> Path:
    """A real DOCX from python-docx with word/document.xml's body replaced by body_xml."""
    import docx

    seed = path.with_suffix(".seed.docx")
    docx.Document().save(str(seed))
    with zipfile.ZipFile(seed) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:body>") + len("<w:body>")
                data = (text[:start] + body_xml + text[start:]).encode("utf-8")
            out.writestr(item, data)
    seed.unlink()
    return path


TEXT_PARA = "<w:p><w:r><w:t>Practitioners must share information about a child at risk with the local authority.</w:t></w:r></w:p>"


@pytest.mark.integration
def test_files_over_the_limits_in_settings_are_skipped_with_the_reason(tmp_path):
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "huge.txt").write_text(GOOD_TEXT * 10000)  # ~2 MB: over 1,500,000 bytes
    (folder / "long.md").write_text(GOOD_TEXT * 150)  # ~35,000 characters: over 20,000
    _docx(folder / "blank.docx", TEXT_PARA + "<w:p/>" * 5000)  # 5,001 paragraphs: over 1,000
    (folder / "many.html").write_text(
        "<html><body>"
        + "<p>Share information with the local authority.</p>" * 1500
        + "</body></html>"
    )
    write_text_pdf(
        folder / "thick.pdf",
        [[f"{n}. Safeguarding partners must publish their arrangements."] for n in range(1, 6)],
    )
    env = {
        "JOINEDUP_MAX_FILE_BYTES": "1500000",
        "JOINEDUP_MAX_DOCUMENT_CHARS": "20000",
        "JOINEDUP_MAX_DOCUMENT_PARAGRAPHS": "1000",
        "JOINEDUP_MAX_PDF_PAGES": "3",
    }

    code, report, _ = ingest_json(folder, tmp_path / "store", env=env)

    assert code == 0 and report["documents"] == 1
    skipped = skipped_by_name(report)
    assert set(skipped) == {"huge.txt", "long.md", "blank.docx", "many.html", "thick.pdf"}, skipped
    assert "too large" in skipped["huge.txt"] and "JOINEDUP_MAX_FILE_BYTES" in skipped["huge.txt"]
    assert "more than 20,000 characters" in skipped["long.md"]
    assert "too many paragraphs" in skipped["blank.docx"]
    assert "too many paragraphs" in skipped["many.html"]
    assert "5 pages" in skipped["thick.pdf"] and "JOINEDUP_MAX_PDF_PAGES" in skipped["thick.pdf"]


@pytest.mark.integration
def test_a_docx_bomb_of_empty_paragraphs_is_refused_while_counting(tmp_path):
    """Default limits: 70 KB that holds 600,000 empty paragraphs (3.6 MB of XML)."""
    bomb = _docx(tmp_path / "bomb.docx", TEXT_PARA + "<w:p/>" * 600_000)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(UnreadableDocument, match="too many paragraphs"):
        load_document(bomb)


@pytest.mark.integration
def test_a_docx_that_unpacks_past_the_byte_limit_is_refused_before_parsing(tmp_path):
    """Default limits: a small file whose document.xml unpacks to 65 MB."""
    bomb = _docx(tmp_path / "bomb.docx", TEXT_PARA + " " * (65 * 1024 * 1024))
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(UnreadableDocument, match="unpacks too large"):
        load_document(bomb)


# --- 7. folders that cannot be opened -----------------------------------------------------------


def _as_unprivileged(folder: Path) -> tuple[str, ...]:
    """Run the ingest so that chmod 000 stops it. Tests run as root here, which reads any folder:
    drop root's override of file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) for the child
    with setpriv. Skips if that is not possible or does not stop reading."""
    if os.geteuid() != 0:
        prefix: tuple[str, ...] = ()
    elif shutil.which("setpriv"):
        prefix = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search")
    else:
        pytest.skip("running as root without setpriv: chmod 000 does not stop reading")
    probe = subprocess.run([*prefix, "ls", str(folder)], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this user can read a chmod 000 folder")
    return prefix


@pytest.mark.integration
def test_an_unreadable_folder_is_named_and_the_rest_goes_in(tmp_path):
    folder = tmp_path / "drive"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_TEXT)
    (folder / "locked" / "secret.txt").write_text(GOOD_TEXT)
    (folder / "locked").chmod(0)
    try:
        prefix = _as_unprivileged(folder / "locked")
        code, report, stderr = ingest_json(folder, tmp_path / "store", prefix=prefix)
    finally:
        (folder / "locked").chmod(0o755)

    assert code == 0 and report["documents"] == 1
    assert report["skipped"] == [
        {"path": str(folder / "locked"), "reason": "cannot open folder (Permission denied)"}
    ]


# --- 8. encodings -------------------------------------------------------------------------------

ENCODED_TEXT = (
    "Multi-agency working — “children first”\n\n"
    "Practitioners must share information about a child at risk with the local authority. "
    "The designated safeguarding lead should make the referral without delay; café, naïve, £5.\n"
)

WIDE = {
    "utf16.txt": ENCODED_TEXT.encode("utf-16"),  # with its byte-order mark (what Notepad saves)
    "utf16be.md": b"\xfe\xff" + ENCODED_TEXT.encode("utf-16-be"),
    "utf16-nobom.txt": ENCODED_TEXT.encode("utf-16-le"),
    "utf32.txt": ENCODED_TEXT.encode("utf-32"),
}
ENCODINGS = {  # read before too: kept in the folder test, so UTF-16 support costs them nothing
    **WIDE,
    "utf8bom.txt": ENCODED_TEXT.encode("utf-8-sig"),
    "windows.txt": ENCODED_TEXT.encode("cp1252"),
}


@pytest.mark.parametrize("name", list(WIDE))
def test_text_in_utf16_and_utf32_is_read(tmp_path, name):
    (tmp_path / name).write_bytes(WIDE[name])
    text = load_document(tmp_path / name).pages[0].text
    assert text == ENCODED_TEXT


def test_utf16_html_is_read(tmp_path):
    html = f"<html><head><title>Guide</title></head><body><p>{ENCODED_TEXT}</p></body></html>"
    (tmp_path / "page.html").write_bytes(html.encode("utf-16"))
    doc = load_document(tmp_path / "page.html")
    assert doc.title == "Guide" and "designated safeguarding lead" in doc.pages[0].text


BINARY = {
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20,
    "archive.md": b"PK\x03\x04\x14\x00\x00\x00\x08\x00"
    + bytes((i * 7 + 3) % 256 for i in range(6000)),
    "noise.txt": bytes((i * 131 + 17) % 256 for i in range(9000)),
    "utf16-junk.txt": b"\xff\xfe" + bytes((i * 37) % 256 for i in range(4000)),
}


def test_binary_files_are_still_refused_where_utf16_is_read(tmp_path):
    (tmp_path / "utf16.txt").write_bytes(WIDE["utf16.txt"])
    assert load_document(tmp_path / "utf16.txt").pages[0].text == ENCODED_TEXT
    for name, data in BINARY.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UnreadableDocument, match="binary content"):
            load_document(tmp_path / name)


@pytest.mark.integration
def test_a_folder_of_encodings_goes_in_through_the_cli(tmp_path):
    folder = tmp_path / "drive"
    folder.mkdir()
    for name, data in ENCODINGS.items():
        (folder / name).write_bytes(data)
    code, report, _ = ingest_json(folder, tmp_path / "store")
    assert code == 0 and report["skipped"] == []
    assert report["documents"] == len(ENCODINGS)
