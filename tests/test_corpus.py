"""On the real official guidance in ../shared/corpus (skipped when it is absent)."""

import json

import pytest

from assistant.store import IndexReader
from ingest.pipeline import ingest
from tests.conftest import CORPUS, needs_corpus

pytestmark = [pytest.mark.integration, pytest.mark.corpus, needs_corpus()]


@pytest.fixture(scope="module")
def wt_store(tmp_path_factory):
    from assistant.config import Settings

    root = tmp_path_factory.mktemp("wt")
    settings = Settings(store=root / "store", documents_dir=root / "none")
    report = ingest([CORPUS / "working-together-to-safeguard-children-2023.pdf", CORPUS / "information-sharing-advice-2024.pdf"], settings)
    assert report.documents == 2, report.to_dict()
    return settings


def test_working_together_chunks_carry_catalogue_metadata_page_and_paragraph(wt_store):
    chunks = [c for c in IndexReader.open(wt_store.store).chunks.values() if c.doc_id == "wt-2023"]
    assert len(chunks) > 300
    assert all(c.title.startswith("Working Together to Safeguard Children 2023") for c in chunks)
    assert all(c.status == "current" and c.jurisdiction == "England" and c.kind == "statutory guidance" for c in chunks)
    assert all(c.page and 1 <= c.page <= 168 for c in chunks)
    numbered = [c for c in chunks if c.paragraph]
    assert len(numbered) / len(chunks) > 0.6  # boxes, figures and the introduction are unnumbered
    # paragraph 65 ('Relevant agencies') is on PDF page 31 under Chapter 2
    para65 = next(c for c in chunks if c.paragraph.split("–")[0] == "65")
    assert para65.page == 31
    assert para65.section.startswith("Chapter 2: Multi-agency safeguarding arrangements")
    assert "Relevant agencies are those organisations" in para65.text


def test_pdf_cleaning_removed_page_numbers_and_footnotes_from_working_together(wt_store):
    chunks = [c for c in IndexReader.open(wt_store.store).chunks.values() if c.doc_id == "wt-2023"]
    assert not any(c.text.strip().split("\n")[0].strip().isdigit() for c in chunks)
    # footnote 24 of page 31 cites the regulations; it must not be glued into paragraph 66
    para66 = next(c for c in chunks if "66. Strong, effective multi-agency" in c.text)
    assert "Relevant Agency (England) Regulations" not in para66.text


def test_information_sharing_advice_is_matched_to_its_catalogue_entry(wt_store):
    docs = IndexReader.open(wt_store.store).manifest.documents
    assert docs["info-sharing-2024"]["edition"].startswith("2024")
    assert docs["info-sharing-2024"]["pages"] == 28


def test_kcsie_2024_is_marked_superseded_by_2025(tmp_path):
    from assistant.config import Settings
    from ingest.catalogue import Catalogue, file_sha256

    catalogue = Catalogue.load(Settings().catalogue)
    path = CORPUS / "keeping-children-safe-in-education-2024.pdf"
    entry = catalogue.match(path, file_sha256(path))
    assert entry.doc_id == "kcsie-2024" and entry.status == "superseded" and entry.superseded_by == "kcsie-2025"


def test_search_cli_finds_relevant_agencies_paragraph(wt_store):
    from tests.conftest import run_cli

    result = run_cli("search", "which organisations are relevant agencies", "-k", "5", "--json",
                     env={"JOINEDUP_STORE": str(wt_store.store)})
    rows = json.loads(result.stdout)["passages"]
    assert any(r["doc_id"] == "wt-2023" and r["paragraph"].startswith("65") for r in rows)
