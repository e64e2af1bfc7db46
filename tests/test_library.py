"""What the index holds, shown to a person: the Library rows (held documents with edition,
publisher, kind, status, pages, chunks; official documents the index lacks), their HTML for the
web app's Library tab (escaped, web links only) and `joinedup stats` in the terminal."""

from __future__ import annotations

import json

import pytest

from assistant.catalogue import Catalogue, CatalogueEntry
from assistant.library import holds_authority, library_rows
from assistant.types import DocumentRecord
from assistant.web.library_tab import library_html, service_library_html
from ingest.pipeline import ingest
from tests.conftest import REPO, SEEDS_DIR, run_cli

CATALOGUE = REPO / "guidance_docs" / "sources.yaml"


def _doc(title, kind, status="current", pages=10, chunks=3, **extra):
    return DocumentRecord(
        title=title,
        edition="2024",
        kind=kind,
        status=status,
        jurisdiction="England",
        pages=pages,
        chunk_ids=tuple(f"c{i}" for i in range(chunks)),
        **extra,
    )


def test_rows_show_held_documents_with_status_and_the_official_documents_not_held():
    catalogue = Catalogue.load(CATALOGUE)
    manifest = {
        "kcsie-2024": _doc(
            "Keeping children safe in education 2024", "statutory guidance", "superseded", 185, 40
        ),
        "wt-2023": _doc(
            "Working Together to Safeguard Children 2023",
            "statutory guidance",
            pages=168,
            chunks=500,
        ),
        # a copy of the Children Act under another id is still the Act (same checksum)
        "children-act-2004-pdf": _doc(
            "Children Act 2004", "legislation", sha256=catalogue.by_id("children-act-2004").sha256
        ),
    }
    rows = library_rows(manifest, catalogue)
    held = {r.doc_id: r for r in rows if r.held}
    missing = {r.doc_id: r for r in rows if not r.held}

    assert list(held) == [
        "children-act-2004-pdf",
        "wt-2023",
        "kcsie-2024",
    ]  # legislation, guidance, superseded last
    assert held["kcsie-2024"].status_text == "superseded by Keeping children safe in education 2025"
    assert held["wt-2023"].status_text == "current"
    assert (held["wt-2023"].pages, held["wt-2023"].chunks) == (168, 500)
    assert held["wt-2023"].publisher == "HM Government / Department for Education"
    assert held["children-act-2004-pdf"].publisher.startswith("legislation.gov.uk")

    family_hubs = missing["family-hubs-guide-2022"]
    assert family_hubs.title == "Family Hubs and Start for Life programme guide"
    assert (
        family_hubs.note == "not indexed: `joinedup fetch` on a connected machine or add the file"
    )
    assert "children-act-2004" not in missing and "wt-2023" not in missing
    assert "kcsie-2025" in missing
    # local partnership documents and the bundled reviews cannot be fetched: not listed as missing
    assert (
        "northants-thresholds-2022" not in missing
        and "cvsl-collaboration-this-time-2023" not in missing
    )


def test_authority_means_statutory_guidance_or_legislation():
    assert not holds_authority(
        {"a": _doc("A blog", "commentary"), "b": _doc("An essay", "research")}
    )
    assert not holds_authority({"a": _doc("Advice", "non-statutory advice")})
    assert holds_authority({"a": _doc("A blog", "commentary"), "b": _doc("The Act", "legislation")})
    assert holds_authority({"a": _doc("WT", "statutory guidance")})


def test_library_html_escapes_every_text_and_links_only_web_addresses():
    catalogue = Catalogue(
        [
            CatalogueEntry(
                "evil",
                '<script>alert("t")</script>',
                edition="<b>1</b>",
                publisher="A & B",
                landing_url="javascript:alert(1)",
            ),
            CatalogueEntry("web", "Good <guide>", landing_url='https://example.org/a?b=1&c="2"'),
            CatalogueEntry("gone", "Missing & wanted", landing_url="https://example.org/missing"),
        ]
    )
    manifest = {
        "evil": _doc('<script>alert("t")</script>', "<img src=x onerror=alert(1)>"),
        "web": _doc("Good <guide>", "commentary"),
    }
    out = library_html(library_rows(manifest, catalogue), authoritative=False)

    assert "<script" not in out and "<img" not in out and "<b>1" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x" in out and "A &amp; B" in out
    assert "javascript:" not in out
    assert 'href="https://example.org/a?b=1&amp;c=&quot;2&quot;"' in out
    assert "Missing &amp; wanted" in out and "not indexed: `joinedup fetch`" in out
    assert (
        "Only commentary and reviews are indexed here; check the statutory guidance before acting"
        in out
    )


@pytest.mark.integration
def test_the_web_library_shows_the_index_of_the_running_app(fake_settings, tmp_path):
    from assistant.answer import AnswerService
    from assistant.web.app import create_app

    ingest([SEEDS_DIR], fake_settings)
    settings = fake_settings.model_copy(update={"feedback_db": tmp_path / "fb.sqlite3"})
    service = AnswerService(settings)
    out = service_library_html(service, settings)
    assert (
        "Collaboration between agencies working together with children and their families will never work"
        in out
    )
    assert "commentary" in out and "Family Hubs and Start for Life programme guide" in out
    assert "5 documents indexed" in out

    app = create_app(service, settings)
    labels = [c.get("props", {}).get("label") for c in app.config["components"]]
    assert "Library" in labels


def test_a_missing_index_shows_the_reason_not_an_error(fake_settings):
    from assistant.answer import AnswerService

    out = service_library_html(AnswerService(fake_settings), fake_settings)
    assert "no index" in out


@pytest.mark.integration
def test_stats_in_the_terminal_lists_the_library_and_what_is_missing(fake_settings):
    ingest([SEEDS_DIR], fake_settings)
    result = run_cli("stats", env={"JOINEDUP_STORE": str(fake_settings.store)})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert (
        "Will collaboration for children work this time round? | 2023 | Centre for Voluntary Sector Leadership"
        in out
    )
    assert "| commentary | current | 1 pages," in out
    assert (
        "Family Hubs and Start for Life programme guide | 2022 (August 2022) | current | "
        "not indexed: `joinedup fetch` on a connected machine or add the file"
    ) in out
    assert "Only commentary and reviews are indexed here" in out


def test_a_manifest_written_before_document_records_reads_as_records_and_writes_back_unchanged(
    tmp_path,
):
    """manifest.json keeps its format: each document a JSON object, read into a DocumentRecord."""
    from assistant.store import MANIFEST, Manifest

    on_disk = {
        "deleted_chunks": 3,
        "documents": {
            "wt-2023": {
                "chunk_ids": ["wt-2023:0", "wt-2023:1"],
                "edition": "December 2023",
                "jurisdiction": "England",
                "kind": "statutory guidance",
                "pages": 168,
                "pipeline": "7:400:512:all-MiniLM-L6-v2",
                "sha256": "ab12",
                "source": "wt.pdf",
                "source_path": "/docs/wt.pdf",
                "status": "current",
                "title": "Working Together to Safeguard Children 2023",
            }
        },
        "embedder": "sentence-transformers/all-MiniLM-L6-v2",
    }
    text = json.dumps(on_disk, indent=1, sort_keys=True)
    (tmp_path / MANIFEST).write_text(text)
    manifest = Manifest.read(tmp_path)
    record = manifest.documents["wt-2023"]
    assert (record.title, record.pages, record.chunk_ids) == (
        "Working Together to Safeguard Children 2023",
        168,
        ("wt-2023:0", "wt-2023:1"),
    )
    assert manifest.chunk_count == 2
    manifest.write(tmp_path)
    assert (tmp_path / MANIFEST).read_text() == text
    # an entry lacking fields (older or hand-made) reads with defaults
    assert DocumentRecord.from_json({"title": "T"}) == DocumentRecord(title="T")
