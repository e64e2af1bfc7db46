"""Section labels checked against the PDFs' own headings, for every corpus PDF (skipped when
../shared/corpus is absent).

A part, annex, chapter or appendix title as the PDF prints it ('Part four: Safeguarding concerns
or allegations made about staff, ...' at the top of a page; an Act's 'PART 2' over its title in
capitals) must appear in the section path of every passage between it and the next such title.
Chunked without embedding, as ingest does it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from assistant.types import DocumentInfo
from ingest.chunking import ChunkingOptions, chunk_document
from ingest.loaders import load_document
from ingest.pipeline import clean_pages
from tests.conftest import CORPUS, needs_corpus

pytestmark = [pytest.mark.corpus, needs_corpus()]

NUMBER = r"(?:[A-Z]|\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
# 'Part four: ...', 'Annex E: ...', 'Chapter 2: ...', 'Appendix 1 – ...' opening a page
TITLE = re.compile(rf"^(?P<label>(?:Part|Annex|Chapter|Appendix) {NUMBER})(?::| [–-])\s+[A-Z]")
# an Act's 'PART 2' / 'CHAPTER 3' / 'SCHEDULE 1' on a line of its own, above its title in
# capitals (or a schedule's 'Section 18', the section that brings it in)
ACT_LABEL = re.compile(r"^(?P<label>(?:PART|CHAPTER|SCHEDULE) \d+)(?: Sections? \d+\w*)?$")
KCSIE_2025 = "local/keeping-children-safe-in-education-2025-july-for-information.pdf"


def _pdfs() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.pdf"))


@cache
def _chunked(name: str):
    loaded = load_document(CORPUS / name)
    pages = clean_pages(loaded)
    info = DocumentInfo(doc_id=Path(name).stem, title=Path(name).stem)
    return (
        pages,
        loaded.outline,
        chunk_document(pages, info, Path(name).name, loaded.outline, ChunkingOptions()),
    )


def _caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def printed_titles(pages, outline) -> list[tuple[int, str]]:
    """(page, label) of each part/annex/chapter title the PDF prints as a heading: opening a page,
    or where the PDF's own outline says it is."""
    bookmarked = {(e.page, " ".join(e.title.split())) for e in outline}
    titles = []
    for page in pages:
        lines = [" ".join(ln.split()) for ln in page.text.splitlines() if ln.strip()]
        for k, line in enumerate(lines):
            after = lines[k + 1] if k + 1 < len(lines) else ""  # a page may hold no text at all
            if (m := TITLE.match(line)) and (k == 0 or (page.number, line) in bookmarked):
                titles.append((page.number, m.group("label")))
            elif (m := ACT_LABEL.match(line)) and (_caps(after) or after.startswith("Section")):
                titles.append((page.number, m.group("label")))
    return titles


def _carries(section: str, label: str) -> bool:
    return re.search(rf"(?:^|> ){re.escape(label)}\b", section) is not None


def mislabelled(name: str) -> tuple[int, list[str]]:
    """How many passages were checked, and those whose section misses the title above them."""
    pages, outline, chunks = _chunked(name)
    titles = printed_titles(pages, outline)
    checked, wrong = 0, []
    ends = (
        [page for page, _ in titles[1:]] + [10**6] if titles else []
    )  # a title's passages run to the next
    for (page, label), next_page in zip(titles, ends, strict=True):
        for chunk in chunks:
            if chunk.page and page < chunk.page < next_page:
                checked += 1
                if not _carries(chunk.section, label):
                    wrong.append(
                        f"p. {chunk.page} under '{label}' (p. {page}) has section '{chunk.section}'"
                    )
    return checked, wrong


# the check must have something to check in each kind: guidance parts, annexes, an Act's parts
MUST_CHECK = (
    KCSIE_2025,
    "keeping-children-safe-in-education-2024.pdf",
    "children-act-2004.pdf",
    "working-together-to-safeguard-children-2023.pdf",
    "information-sharing-advice-2024.pdf",
)


@pytest.mark.parametrize("name", _pdfs())
def test_every_passage_carries_the_part_or_annex_title_printed_above_it(name):
    checked, wrong = mislabelled(name)
    assert not wrong, f"{len(wrong)} of {checked} passages mislabelled, e.g. {wrong[:3]}"
    assert checked >= 5 or name not in MUST_CHECK


def test_kcsie_2025_part_four_is_part_four_not_part_three():
    """Its title wraps over three lines of page 93; every passage of pages 93-111 was filed
    under 'Part three: Safer recruitment'."""
    _, _, chunks = _chunked(KCSIE_2025)
    part_four = [c for c in chunks if c.page and 93 <= c.page <= 111]
    assert len(part_four) > 50
    assert all(
        c.section.startswith("Part four: Safeguarding concerns or allegations made about staff")
        for c in part_four
    )
    assert any(
        c.section.endswith(
            "Section two: Concerns or allegations that do not meet the harm threshold"
        )
        for c in part_four
    )
    annex_e = [c for c in chunks if c.page in (181, 182, 183)]
    assert annex_e and all(c.section.startswith("Annex E: Statutory guidance") for c in annex_e)
