"""The page a quiz item's quoted sentence starts on. A chunk records the page it starts on, and a
sentence further into it may start on the next page; for a PDF the source's own text of those
pages decides. Reads only the pages the chunk can span; never changes anything else."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from assistant.quiz.model import QuizItem
from assistant.types import Chunk

HEAD_WORDS = 8  # a sentence is found on a page by its first words (letters only, spaces ignored)


def cite_quote_pages(
    items: list[QuizItem], chunks: dict[str, Chunk], files: dict[str, Path]
) -> list[QuizItem]:
    """Each item's citation page set to the page its quoted sentence starts on. files: document
    id -> the file it was ingested from (the manifest's source_path)."""
    cited = {chunks[i.chunk_id].doc_id for i in items if i.chunk_id in chunks}
    starts = {(c.doc_id, c.chunk_index): c.page for c in chunks.values() if c.doc_id in cited}
    return [_with_quote_page(item, chunks.get(item.chunk_id), starts, files) for item in items]


def _with_quote_page(
    item: QuizItem,
    chunk: Chunk | None,
    starts: dict[tuple[str, int], int | None],
    files: dict[str, Path],
) -> QuizItem:
    if chunk is None or not chunk.page or not item.quote or chunk.doc_id not in files:
        return item
    # the next passage's recorded start can lag behind (it says the same page while this one runs
    # over onto the next), so the page after this passage's own start is always read as well
    next_start = starts.get((chunk.doc_id, chunk.chunk_index + 1)) or chunk.page
    page = quote_page(files[chunk.doc_id], item.quote, chunk.page, max(chunk.page + 1, next_start))
    if page == chunk.page:
        return item
    passage = replace(item.citation.passage, chunk=replace(item.chunk, page=page))
    return replace(item, citation=replace(item.citation, passage=passage))


def quote_page(source: Path, quote: str, first: int, last: int) -> int:
    """The first page from `first` to `last` whose text holds the quote's opening words; `first`
    when the chunk cannot span pages, the file is not a readable PDF, or the words are not found."""
    if last <= first or source.suffix.lower() != ".pdf" or not source.is_file():
        return first
    head = _letters(" ".join(quote.split()[:HEAD_WORDS]))
    if len(head) < 12:
        return first
    for number, text in _page_texts(source, first, last):
        if head in _letters(text):
            return number
    return first


def _page_texts(source: Path, first: int, last: int):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(source))
    except pdfium.PdfiumError:
        return
    try:
        for number in range(first, min(last, len(pdf)) + 1):
            page = pdf[number - 1]
            yield number, page.get_textpage().get_text_range()
    finally:
        pdf.close()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold())
