"""Structure-aware chunking: headings give the section path, numbered paragraphs and the list
items that belong to them are kept together where they fit, and chunks are sized in tokens so
the embedder never truncates them.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, field
from typing import NamedTuple

from assistant.text import BULLET_SIGNS, CLOSERS, split_sentences
from assistant.types import Chunk, DocumentInfo, document_fields, note_section
from ingest.loaders import OutlineEntry, Page
from ingest.tokens import count_tokens

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
NUMBERED_PARAGRAPH = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,3})?)\.\s+(?=[A-Z‘'\"“(])|^(?P<dotted>\d{1,2}\.\d{1,3})\s+(?=[A-Z‘'\"“(])"
)
# A list item as PDFs and web pages print it: a bullet sign (or a middle dot, or an "o" from a
# Symbol font), "(a)" or "2)", and a space.
BULLET = re.compile(rf"^(?:[{re.escape(BULLET_SIGNS)}·]|o(?=\s)|\(?[a-z]{{1,3}}\)|\d{{1,2}}\))\s+")
# a line ending on a word no sentence ends with: the next line goes on with it
ENDS_MID_SENTENCE = re.compile(
    r"\b(?:of|the|a|an|to|under|over|aged|than|and|or|at|by|with|from|in|on|for|between|"
    r"within|about|least|most|up)\s*$",
    re.IGNORECASE,
)
MIN_CHUNK_WORDS = 6  # shorter pieces (a label, a lone line under its heading) join a neighbour
TERMINAL = re.compile(rf"[.!?:;…]{CLOSERS}$")


@dataclass
class Block:
    """A paragraph (with its list items) under one section, starting on one page."""

    section: str
    page: int | None
    paragraph: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass(frozen=True)
class ChunkingOptions:
    target_tokens: int = 160
    max_tokens: int = 200


def chunk_document(
    pages: list[Page],
    info: DocumentInfo,
    source: str,
    outline: list[OutlineEntry] | None = None,
    options: ChunkingOptions | None = None,
) -> list[Chunk]:
    options = options or ChunkingOptions()
    blocks = build_blocks(pages, outline or [], sender=info.publisher)
    # an Act's long section is cut where a subsection starts ('(2) Each person … must make
    # arrangements …'), not after the tail of subsection (1)'s list
    law = info.kind == "legislation"
    texts = merge_small_pieces(pack_blocks(blocks, options, at_subsections=law), options)
    section_texts: dict[str, list[str]] = {}
    for block, text in texts:
        section_texts.setdefault(block.section, []).append(text)
    document = document_fields(info)  # every chunk carries its document's metadata
    located = locate_pages([text for _, text in texts], pages)
    chunks = [
        _chunk(
            document,
            index,
            text,
            source,
            section=block.section,
            paragraph=block.paragraph,
            # where the passage applies: the document's extent, or its own part's
            jurisdiction=extent(info, block.section, text, section_texts[block.section]),
            # the page the passage's text starts on (a block split across pages starts on the
            # first), and where the next one starts
            page=located[index][0] if located[index] else block.page,
            next_page_at=located[index][1] if located[index] else 0,
        )
        for index, (block, text) in enumerate(texts)
    ]
    return chunks + note_chunks(pages, chunks, document, source)


def _chunk(document: dict, index: int, text: str, source: str, **where) -> Chunk:
    """A chunk of the document: its metadata, its place (`where`: section, paragraph,
    jurisdiction, page, next_page_at) and an id from its index and text."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Chunk(
        id=f"{document['doc_id']}:{index:05d}:{sha[:12]}",
        text=text,
        **(document | where),
        source=source,
        content_sha256=sha,
        chunk_index=index,
    )


# A foot-of-page note that says something ('A child under police protection should not be brought
# to a police station except in exceptional circumstances …'; 'A child is not privately fostered
# if … less than 28 days'), not one naming a publication ('Children missing education: statutory
# guidance for local authorities'): a statement's length, and a verb.
NOTE_MIN_WORDS = 10
NOTE_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|should|must|may|might|can|could|will|would|shall|has|have|had"
    r"|means|includes?|applies|occurs|recognises|found|sets out|requires?)\b",
    re.IGNORECASE,
)


def note_chunks(pages: list[Page], body: list[Chunk], document: dict, source: str) -> list[Chunk]:
    """A chunk for each note of a page's foot that makes a statement, under the section its page's
    text is in ('… > Police > Footnote 142'), cited at its page. Kept apart from the body text, so
    no note runs into the paragraph it annotates."""
    chunks: list[Chunk] = []
    near, following = (body[0] if body else None), iter(body)
    upcoming = next(following, None)
    for page in pages:  # in page order, as the body chunks are
        # the last body chunk starting on this page or before it
        while upcoming is not None and (
            upcoming.page is None or (page.number is not None and upcoming.page <= page.number)
        ):
            near = upcoming if upcoming.page is not None else near
            upcoming = next(following, None)
        if not page.notes or page.number is None:
            continue
        for number, text in page.notes:
            if len(text.split()) < NOTE_MIN_WORDS or not NOTE_VERB.search(text):
                continue
            chunks.append(
                _chunk(
                    document,
                    len(body) + len(chunks),
                    text,
                    source,
                    section=note_section(near.section if near else "", number),
                    paragraph="",
                    jurisdiction=near.jurisdiction if near else document["jurisdiction"],
                    page=page.number,
                    next_page_at=0,
                )
            )
    return chunks


ANCHOR_WORDS = 6  # a passage's opening words, looked for in the document's pages in order
MAX_ANCHOR_SHIFT = 6  # words into a passage its opening may be looked for from, when not found
MAX_SKIPPED_WORDS = 60  # words of the pages a passage may leave out (headings kept as its section)


def locate_pages(texts: list[str], pages: list[Page]) -> list[tuple[int, int] | None]:
    """For each passage (in document order): the page its text starts on, and where in its text
    the next page starts (0 if it does not), read by following its words through the pages'
    words; None where its opening is not found as written."""
    words = _page_words(pages)
    cursor, out = 0, []
    for text in texts:
        spans = [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]
        # the opening as written; else a little further in, when extraction broke its first words
        # ('A' 'bi Gbago,' for 'Abi Gbago,')
        start, shift = -1, 0
        for shift in range(0, MAX_ANCHOR_SHIFT + 1):
            opening = [w for _, w in spans[shift : shift + ANCHOR_WORDS]]
            if len(opening) < ANCHOR_WORDS and shift:
                break
            start = _find_words(words, opening, cursor) if opening else -1
            if start >= 0:
                break
        if start < 0 or words[start][1] is None:
            out.append(None)
            continue
        page, at, j = words[start][1], 0, start
        before = words[max(start - shift, cursor)][1] if shift else None
        if before is not None and before == page - 1:  # the words passed over end the page before
            out.append((before, spans[shift][0]))
            cursor = start + 1
            continue
        for offset, word in spans[shift:]:
            end = min(j + MAX_SKIPPED_WORDS, len(words))
            k = next((i for i in range(j, end) if word in words[i][0]), -1)
            if k < 0:
                continue  # a word the text changed (a footnote marker taken off): skip it
            j = k + 1
            if words[k][1] is not None and words[k][1] > page:
                at = offset
                break
        out.append((page, at))
        cursor = start + 1
    return out


def _page_words(pages: list[Page]) -> list[tuple[frozenset[str], int | None]]:
    """The pages' words in order, each with the forms the passage text may give it and its page.
    A word broken at a line's end ('co-' then 'operation') is one word, as cleaning joins it
    ('co-operation' or 'cooperation'), on the page where it starts."""
    out: list[tuple[frozenset[str], int | None]] = []
    for page in pages:
        tokens = [line.split() for line in page.text.splitlines()]
        flat = [(w, end == len(line) - 1) for line in tokens for end, w in enumerate(line)]
        i = 0
        while i < len(flat):
            word, at_line_end = flat[i]
            following = flat[i + 1][0] if i + 1 < len(flat) else ""
            if at_line_end and len(word) > 1 and word.endswith("-") and following[:1].islower():
                forms = {word + following, word[:-1] + following, word, following}
                out.append((frozenset(forms), page.number))
                i += 2
                continue
            out.append((frozenset({word}), page.number))
            i += 1
    return out


def _find_words(
    words: list[tuple[frozenset[str], int | None]], opening: list[str], start: int
) -> int:
    """Where `opening` first occurs in `words` at or after `start`; -1 if nowhere."""
    n, first = len(opening), opening[0]
    for i in range(start, len(words) - n + 1):
        if first in words[i][0] and all(opening[k] in words[i + k][0] for k in range(1, n)):
            return i
    return -1


# An Act for England and Wales says where each part applies in the part's title ('PART 2
# CHILDREN’S SERVICES IN ENGLAND', 'PART 3 CHILDREN’S SERVICES IN WALES') or in the section itself
# ('The safeguarding partners for a local authority area in England must ...': the whole section)
ONLY_IN = {
    "England": re.compile(r"\bIN ENGLAND\b|\bin England\b"),
    "Wales": re.compile(r"\bIN WALES\b|\bin Wales\b"),
}


def extent(info: DocumentInfo, section: str, text: str, section_texts: list[str]) -> str:
    """Where a passage applies: the document's jurisdiction, narrowed to one nation when the
    document covers both and the passage's section path, or (in legislation) its own words or
    else the words of its whole section, name only that one."""
    covers = {nation for nation in ONLY_IN if nation.lower() in info.jurisdiction.lower()}
    if len(covers) < 2:
        return info.jurisdiction
    law = info.kind == "legislation"
    for where in (section, text if law else "", "\n".join(section_texts) if law else ""):
        named = [nation for nation, pattern in ONLY_IN.items() if pattern.search(where)]
        if len(named) == 1:
            return named[0]
    return info.jurisdiction


# --- lines -> blocks ---------------------------------------------------------------------


class _SectionTracker:
    def __init__(self) -> None:
        self.path: list[tuple[float, str]] = []

    def enter(self, level: float, title: str) -> None:
        self.path = [(lvl, t) for lvl, t in self.path if lvl < level] + [(level, title)]

    @property
    def text(self) -> str:
        return " > ".join(t for _, t in self.path)


MAX_HEADING_RUN = 6  # more headings in a row than this are a table, chart or list of labels
# An annotation of legislation.gov.uk ('F5 S. 3(3) omitted (1.4.2014) by virtue of ...', 'I1 S. 1 in
# force at 1.4.2018 by S.I. 2018/346, reg. 4(a)', and its wrapped end 'Sch. 3 Pt. 2'): a note, never
# a heading
LEGISLATION_NOTE = re.compile(
    r"^[FICMEX]\d+\s+(?:Ss?\.|Sch\.|Pt\.|Words?\b|Para)|^(?:Sch|Pts?|paras?|arts?|regs?|ss?)\.\s"
    r"|\bS\.I\.\s*\d{4}/\d+|\bin force\b"
)
# Text an amendment changed: its annotation marker ('F74 Other inquiries held by Commissioner',
# 'F56(ba) [') or the square brackets round it ('F200Reasonable punishment: England]')
AMENDED_TEXT = re.compile(r"^[FICMEX]\d|[\[\]]")
# Annotation blocks of legislation.gov.uk prints: notes on the section above, not a section
ANNOTATION_HEADINGS = re.compile(
    r"^(?:Textual Amendments|Commencement Information|Modifications etc\. \(not altering text\)|"
    r"Marginal Citations|Extent Information|Editorial Information|Subordinate Legislation Made|"
    r"Changes to legislation:?)$"
)


def build_blocks(pages: list[Page], outline: list[OutlineEntry], sender: str = "") -> list[Block]:
    """The document's paragraphs (with their list items), each under the section path its
    headings give, found from the outline, Markdown headings and title-like lines of the text."""
    reliable = outline_is_reliable(outline, len(pages))
    if not reliable:  # a tagged-PDF dump of every paragraph and list item: keep only real headings,
        # and rank them by what they say, as the dump's levels are flat (KCSIE 2024 bookmarks
        # 'Part two: The management of safeguarding' and 'Legislation and the law' at one level)
        outline = [
            OutlineEntry(_title_rank(e.title), e.title, e.page)
            for e in outline
            if is_heading_like(e.title, max_words=20, question=True)
        ]
    layout = _Layout(_outline_index(outline), reliable, _typical_line_width(pages))
    builder = _BlockBuilder(layout, sender=sender)
    for page in pages:
        builder.add_page(page)
    builder.end_run(last=True)
    return [b for b in builder.blocks if b.text]


@dataclass(frozen=True)
class _Layout:
    """What heading detection knows of the whole document."""

    outline_titles: dict[str, list[tuple[int, int]]]  # see _outline_index
    reliable: bool  # see outline_is_reliable
    line_width: float  # a full line's length in characters (see _typical_line_width)


@dataclass
class _BlockBuilder:
    """Reads a document's lines in order into Blocks, keeping the section path up to date."""

    layout: _Layout
    sections: _SectionTracker = field(default_factory=_SectionTracker)
    blocks: list[Block] = field(default_factory=list)
    current: Block | None = None  # the block a wrapped line or a list item goes on in
    previous: str = ""  # the previous non-blank line, to decide on paragraph breaks
    paragraph_number: str = ""
    run: list[_Heading] = field(default_factory=list)  # headings in a row, not yet entered
    sender: str = ""  # the document's publisher: its own letterhead is left out (address_lines)
    first_page: bool = True  # a letter's letterhead is on its first page only

    def start_block(self, page: int | None, number: str = "") -> Block:
        block = Block(section=self.sections.text, page=page, paragraph=number)
        self.blocks.append(block)
        self.current = block
        return block

    def add_page(self, page: Page) -> None:
        lines = page.text.splitlines()
        # a letter's own letterhead, on its first page (one with 'Dear …'); any other address or
        # contact box (a LADO's or the MASH's, telephone and e-mail) is what practitioners ask for
        # (reviews 23 and 23b)
        letter = self.first_page and any(LETTER_OPENING.match(line.strip()) for line in lines)
        address = address_lines(lines, self.sender) if letter else frozenset()
        self.first_page = False
        skip_next = 0  # non-blank lines of a title that ran over several lines
        for i, raw in enumerate(lines):
            if skip_next:
                skip_next -= bool(raw.strip())
                continue
            line = " ".join(raw.split())
            if not line:
                if self.current is not None and self.current.lines:
                    self.current = None  # blank line: paragraph break
                continue
            if i in address:  # a letter's addresses are no guidance: they head and hold nothing
                self.end_run()
                self.current = None  # what follows starts afresh, not on the line before them
                self.previous = ""
                continue

            following = [_next_text_line(lines, i, n) for n in range(1, MAX_TITLE_LINES + 1)]
            if _title_rank(line) <= 0 and not any(ln.strip() for ln in lines[:i]):
                self.previous = (
                    ""  # a part, annex or appendix title opening a page starts a section
                )
            heading = _heading(
                line,
                following=following,
                page=page.number,
                previous=self.previous,
                layout=self.layout,
            )
            if heading is not None:
                skip_next = heading.extra_lines
                self.run.append(heading._replace(page=page.number))
                self.current = None
                self.previous = heading.title if heading.extra_lines else line
                continue
            self.end_run()
            self.add_text_line(line, page.number)
            self.previous = line

    def add_text_line(self, line: str, page: int | None) -> None:
        """A line of text: a numbered paragraph, a note, a list item, a new paragraph, or the
        wrapped rest of the current one."""
        numbered = NUMBERED_PARAGRAPH.match(line)
        if numbered and self.current is not None and ENDS_MID_SENTENCE.search(self.previous):
            # a number the line wrapped onto ('… under the age of' / '18. If local partners …'),
            # not a paragraph's: the rest of the current one
            self.current.lines[-1] = _join_wrapped(self.current.lines[-1], line)
        elif numbered:
            self.paragraph_number = numbered.group("num") or numbered.group("dotted")
            self.start_block(page, self.paragraph_number).lines.append(line)
        elif ANNOTATION_HEADINGS.match(line):  # notes on the text above: a paragraph of their own
            self.start_block(page, self.paragraph_number).lines.append(line)
        elif BULLET.match(line):
            block = self.current or self.start_block(page, self.paragraph_number)
            block.lines.append(line)
        elif self.current is None or _paragraph_break(self.previous, line, self.layout.line_width):
            self.start_block(page, self.paragraph_number).lines.append(line)
        else:
            self.current.lines[-1] = _join_wrapped(self.current.lines[-1], line)

    def end_run(self, last: bool = False) -> None:
        """Enter the headings met in a row, each under the one before. Of short title-like lines
        found in the text, only the last of a row and structural ones ('PART 1', 'CHAPTER 1',
        'LOOKED AFTER CHILDREN', '4.1 Contacts') head what follows; the others are a table's or
        a chart's cells and stay text. A longer row than any heading hierarchy is a table, and a
        row that ends the document heads nothing (a letter's signature): both stay text."""
        run = self.run
        if not run:
            return
        if len(run) > MAX_HEADING_RUN or last:
            while not last and _title_rank(run[0].title) <= 0:  # 'Appendix 1 – ...' over a form
                self.sections.enter(run[0].level, run.pop(0).title)
            block = self.start_block(run[0].page, self.paragraph_number)
            block.lines.extend(h.title for h in run)
            self.current = None
            run.clear()
            return
        last_level, cells = -1, None
        for k, h in enumerate(run):
            if h.source == "text" and k < len(run) - 1 and not _structural(h.title):
                cells = cells or self.start_block(h.page, self.paragraph_number)
                cells.lines.append(h.title)
                continue
            level = max(h.level, last_level + 0.5)  # each under the one before,
            if h.source == "text" and _title_rank(h.title) < 2:
                level = (
                    h.level
                )  # but a schedule's 'PART 1' is a part, not a sub-heading of its title
            if k and STRUCTURE_LABEL.match(run[k - 1].title) and h.title.isupper():
                level = last_level + 0.5  # 'PART 2' then its title 'CHILDREN’S SERVICES IN ENGLAND'
            self.sections.enter(level, h.title)
            last_level, cells = level, None
            self.paragraph_number = ""
            if h.keep_text:  # the outline calls it a heading, but it reads as text: keep it too
                self.start_block(h.page).lines.append(h.title)
        self.current = None
        run.clear()


def _next_text_line(lines: list[str], i: int, n: int = 1) -> str:
    """The n-th non-blank line after line i of a page ('' at the page's end)."""
    for raw in lines[i + 1 :]:
        if raw.strip():
            n -= 1
            if n == 0:
                return " ".join(raw.split())
    return ""


MAX_OUTLINE_PER_PAGE = 3  # more bookmarks than this per page: every paragraph is bookmarked


def outline_is_reliable(outline: list[OutlineEntry], pages: int) -> bool:
    """An outline of headings, not a tagged PDF's dump of every paragraph and list item (KCSIE
    2024 has 6,347 bookmarks for 185 pages; KCSIE 2025 has 273 for 187)."""
    return len(outline) <= MAX_OUTLINE_PER_PAGE * max(1, pages)


# a footnote's number the bookmark kept after a title, with the PDF's 'F' ('Agency and third-party
# staff (supply staff)94F' for the line 'Agency and third-party staff (supply staff)95')
OUTLINE_MARKER_END = re.compile(r"(?<=[a-z)’”])\d{1,3}F?$")


def _outline_index(outline: list[OutlineEntry]) -> dict[str, list[tuple[int, int]]]:
    """An outline title's words (without a footnote's number glued on) -> its pages and levels.
    KCSIE 2025's 'Child criminal exploitation (CCE)12F' matched no line, and its passages were
    set under the heading before."""
    index: dict[str, list[tuple[int, int]]] = {}
    for entry in outline:
        title = OUTLINE_MARKER_END.sub("", entry.title.strip())
        index.setdefault(_norm(title), []).append((entry.page, entry.level + 1))
    return index


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _typical_line_width(pages: list[Page]) -> float:
    widths = [len(ln.strip()) for p in pages for ln in p.text.splitlines() if len(ln.strip()) > 20]
    if not widths:
        return 80.0
    return float(statistics.quantiles(widths, n=4)[2]) if len(widths) > 4 else float(max(widths))


class _Heading(NamedTuple):
    level: float
    title: str
    source: str  # 'markdown', 'outline' or 'text' (a title-like line of the text itself)
    extra_lines: int = 0  # the title runs over this many more lines
    keep_text: bool = False  # also keep it in the passage text
    page: int | None = None


def _structural(title: str) -> bool:
    """A heading of a document's structure rather than a table cell: 'PART 1', 'CHAPTER 1',
    'LOOKED AFTER CHILDREN', 'Annex A', '4.1 Contacts with children's social care'."""
    letters = [ch for ch in title if ch.isalpha()]
    return (
        (len(letters) >= 4 and all(ch.isupper() for ch in letters))
        or re.match(
            r"^(?:PART|CHAPTER|SCHEDULE|Part|Chapter|Schedule|Section|Annex|Appendix)\s+\w", title
        )
        is not None
        or re.match(r"^\d+(?:\.\d+)*\.?\s+[A-Z]", title) is not None
    )


def _heading(
    line: str, *, following: list[str], page: int | None, previous: str, layout: _Layout
) -> _Heading | None:
    """The heading this line (or this line and the next few, a wrapped title) is, or None.

    A heading leaves the passage text for the section path, so only a line that reads as a
    heading may become one (is_heading_like). A line a reliable outline names as a heading but
    that reads as text (long, ending in a colon) still gives the section, if it starts a
    paragraph, and stays in the passage text too.
    """
    md = MARKDOWN_HEADING.match(line)
    if md:
        return _Heading(len(md.group(1)), md.group(2).strip(), "markdown")
    line = FOOTNOTE_MARKER_END.sub("", line)
    next_line = following[0] if following else ""
    outline_titles, reliable, line_width = layout.outline_titles, layout.reliable, layout.line_width
    if outline_titles:
        candidate = line
        for extra in range(
            len(following)
        ):  # a long title wraps ('Part four: Safeguarding concerns ...')
            if extra:
                candidate = f"{candidate} {following[extra - 1]}"
            after = following[extra] if extra < len(following) else ""
            for outline_page, level in outline_titles.get(_norm(candidate), []):
                if page is not None and abs(outline_page - page) > 1:
                    continue
                candidate = candidate.strip()
                if is_heading_like(candidate, after, max_words=20, question=True):
                    # a part or annex the outline names starts it, whatever the line above
                    if (
                        reliable
                        or _title_rank(candidate) <= 0
                        or _after_paragraph_end(previous, line_width)
                    ):
                        return _Heading(level, candidate, "outline", extra)
                elif (
                    reliable
                    and _after_paragraph_end(previous, line_width)
                    and re.match(r"[A-Z\d‘“'\"]", candidate)
                    and not BULLET.match(candidate)
                ):
                    return _Heading(level, candidate, "outline", extra, keep_text=True)
    if ACT_SECTION_TITLE.match(line) and SUBSECTION_ONE.match(next_line):
        # below a crossheading; the title stays in the passage too (quotes cite "11 Arrangements ... (1)")
        return _Heading(_title_rank(line) + TEXT_LEVEL + 1, line, "text", keep_text=True)
    # a question over a list heads it ('What needs to improve in this area of social work
    # practice?' over Ofsted's points: their section, not the letterhead's town) and stays their
    # lead-in, its words searched with them
    asks_over_a_list = line.endswith("?") and bool(BULLET.match(next_line))
    if (STRUCTURE_LABEL.match(line) and _is_caps_title(next_line)) or (
        _looks_like_heading(line, previous, line_width, asks_over_a_list)
        and is_heading_like(line, next_line, question=asks_over_a_list)
    ):
        # below any outline level; a question stays in the text too, the lead-in of its list
        return _Heading(_title_rank(line) + TEXT_LEVEL, line, "text", keep_text=asks_over_a_list)
    return None


MAX_TITLE_LINES = 4  # an outline title may wrap over this many lines of the page
TEXT_LEVEL = 7  # headings found in the text sit below the outline's own levels
# A section of an Act: its number and title ('16E Local arrangements for safeguarding and
# promoting welfare of children', '28 Arrangements to safeguard and promote welfare: Wales') over
# its subsection (1)
ACT_SECTION_TITLE = re.compile(r"^\d{1,3}[A-Z]{0,2}\s+[A-Z][^.;]{2,120}(?<!:)$")
SUBSECTION_ONE = re.compile(r"^\(1\)\s")
STRUCTURE_LABEL = re.compile(
    r"^(?:PART|CHAPTER|SCHEDULE)\s+\w+(?: Sections? \d+\w*)?$"
)  # an Act's 'PART 2' above its title
TITLE_RANKS = (
    (re.compile(r"^(?:SCHEDULE|Schedule)\s+\w"), -1),
    (re.compile(r"^(?:PART|Part|ANNEX|Annex|APPENDIX|Appendix)\s+\w"), 0),
    # (a 'Section' a document is divided into, 'Section 3: Child protection'; not an Act's section
    # a chart names, 'Section 31 – care orders (Level 4)': over the rest of Oxfordshire's threshold
    # document it stood as every passage's section, trial GG)
    (re.compile(r"^(?:CHAPTER|Chapter)\s+\w|^Section\s+\w+(?::|$)"), 1),
)


def _is_caps_title(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters) and is_heading_like(line)


def _title_rank(title: str) -> int:
    """How high a title stands by its own words, where nothing else says: a schedule above its
    parts, a part, annex or appendix above its chapters and sections, and any other title below
    them (2)."""
    return next((rank for pattern, rank in TITLE_RANKS if pattern.match(title)), 2)


# Words a heading does not end on but a line of a sentence running on does ('... referred to
# “the', '... should consider the', '... promoting welfare of').
CONTINUATION_WORDS = frozenset(
    "a an the and or nor but of to in on at by for from with into onto over under about as than "
    "that which who whom whose where when while if is are was were be been being has have had "
    "its their his her our your my this these those such non pre not no very both either".split()
)
# 'Child criminal exploitation (CCE)13': a footnote marker glued to the end of a title
FOOTNOTE_MARKER_END = re.compile(r"(?<=[a-z)’”])\d{1,3}$")
# 'HMG (2022) Family Hubs and Start for Life programme guide': an entry of a reference list
REFERENCE_ENTRY = re.compile(r"^[A-Z][\w’'.&, -]{0,60}\((?:19|20)\d\d[a-z]?\)")
# 'Fitzgerald (2007; 125)', 'Munro (2011)', 'Smith and Jones (2019: 12-14)': a citation line
CITATION = re.compile(
    r"\(\s*(?:c\.\s*)?(?:19|20)\d\d[a-z]?\s*(?:[;:,]\s*(?:pp?\.?\s*)?\d+(?:\s*[-–]\s*\d+)?)?\s*\)\s*$"
)


# A telephone number or an e-mail address: a contact line, never a heading (Lambeth's pack had
# 'T (out of hours): 0207 926 5555' as the section of its RAG ratings: trials X and Y missed them)
CONTACT_DETAIL = re.compile(
    r"\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|\S+@\S+\.\w+|\bwww\.\S+|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"
)
LETTER_OPENING = re.compile(r"Dear\s+[A-Z]")
# a line that is a UK postcode ('M1 2WD', 'NN1 1ED'): the last line of an address
POSTCODE_LINE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}")
ADDRESS_MAX_LINES = 6  # lines of an address above its postcode (name, role, body, street, town)
ADDRESS_LINE_WORDS = 6


def address_lines(lines: list[str], sender: str = "") -> frozenset[int]:
    """The lines of a letter's first page that are its sender's own address, left out of its
    passages: a postcode line and the short lines
    above it (no sentence ends in them), and the telephone, e-mail and web lines below it (Ofsted's
    letterhead 'Ofsted / Piccadilly Gate / Store Street / Manchester / M1 2WD / T 0300 123 1231'
    headed a finding 'Manchester' and ran into the next page's first paragraph)."""
    found: set[int] = set()
    texts = [" ".join(raw.split()) for raw in lines]
    name = sender.strip().lower()
    for j, text in enumerate(texts):
        if not POSTCODE_LINE.fullmatch(text):
            continue
        block = {j}
        k, taken = j - 1, 0
        while k >= 0 and taken < ADDRESS_MAX_LINES:
            above = texts[k]
            if above and (
                len(above.split()) > ADDRESS_LINE_WORDS
                or TERMINAL.search(above)
                or CONTACT_DETAIL.search(above)
            ):
                break
            if above:
                block.add(k)
                taken += 1
            k -= 1
        # only the sender's own address ('Ofsted / Piccadilly Gate / … / M1 2WD'), with its
        # telephone, e-mail and web lines below: an addressee's or a service's address stays
        if not name or not any(texts[i].lower() == name for i in block):
            continue
        k = j + 1
        while k < len(texts) and (not texts[k] or CONTACT_DETAIL.search(texts[k])):
            if texts[k]:
                if len(texts[k].split()) > ADDRESS_LINE_WORDS:
                    break
                block.add(k)
            k += 1
        found |= block
    return frozenset(found)


def is_heading_like(
    line: str, next_line: str = "", max_words: int = 12, question: bool = False
) -> bool:
    """Does this line read as a heading rather than a piece of text?

    Short (at most max_words words); no full stop, colon, semicolon or comma at the end ('?' only
    when an outline vouches for it); not a list item, bullet or numbered paragraph; starts with a
    capital or a section number; no sentence ends inside it; does not end on a word that carries
    on ('the', 'of', 'and') or an opening quote or bracket; not a citation ('Fitzgerald (2007;
    125)'), a row of figures, a legislation annotation ('Textual Amendments', 'I1 S. 1 in force at
    ...') or amended text ('F74 Other inquiries held by Commissioner'); and the next line does not
    carry on its sentence in lower case.
    """
    line = line.strip()
    if not (2 <= len(line) <= 160) or len(line.split()) > max_words:
        return False
    if (
        ANNOTATION_HEADINGS.match(line)
        or LEGISLATION_NOTE.search(line)
        or AMENDED_TEXT.search(line)
    ):
        return False
    end = line.rstrip("\"”’')]")
    if not end or end[-1] in ".:;,!…" or (end[-1] == "?" and not question):
        return False
    if BULLET.match(line) or NUMBERED_PARAGRAPH.match(line):
        return False
    if not re.match(
        r"^(?:[A-Z‘'\"“(]|\d+(?:\.\d+)*[A-Z]{0,2}\.?\s+[A-Z‘“(]|[ivxlc]+\.\s+[A-Z])", line
    ):
        return False
    if not re.search(r"[A-Za-z]{2}", line) or re.search(r"[.!?]\s+[A-Z]", line):
        return False
    words = re.findall(r"[A-Za-z’']+", line)
    numbers = re.findall(r"(?<![A-Za-z])[-+£$]?\d[\d,.:%–-]*", line)
    if len(numbers) > max(1, len(words)):  # a row of figures ('Age 12 19 19 9 -84% -53%')
        return False
    if line[-1] in "-–—“‘(/&•●▪" or (
        words and words[-1].lower() in CONTINUATION_WORDS and end[-1] != "?"
    ):
        return False
    if line.count("(") != line.count(")"):  # a cell of a table cut mid-phrase ('EET service)')
        return False
    if CITATION.search(line) or REFERENCE_ENTRY.match(line):
        return False
    if CONTACT_DETAIL.search(line):  # 'T (out of hours): 0207 926 5555' is a contact line
        return False
    following = next_line.strip()
    if following and following[0].islower() and not BULLET.match(following):
        return False
    return True


def _after_paragraph_end(previous: str, line_width: float) -> bool:
    """A heading follows the end of a paragraph (or another heading, or a legislation annotation,
    which ends without a full stop), not a wrapped line."""
    if not previous or TERMINAL.search(previous) or LEGISLATION_NOTE.search(previous):
        return True
    return len(previous) <= line_width * 0.6


def _looks_like_heading(
    line: str, previous: str, line_width: float, asks_over_a_list: bool = False
) -> bool:
    if not (3 <= len(line) <= 90) or len(line.split()) > 12:
        return False
    if (TERMINAL.search(line) and not asks_over_a_list) or line.endswith(","):
        return False
    if not (line[0].isupper() or re.match(r"^\d+\.\d+(\.\d+)*\s+[A-Z]", line)):
        return False
    if BULLET.match(line) or NUMBERED_PARAGRAPH.match(line):
        return False
    if re.fullmatch(r"[\d\s.,%£$()/-]+", line) or CONTACT_DETAIL.search(line):
        return False
    if not _after_paragraph_end(previous, line_width):
        return False
    # lower-case words dominate in wrapped sentence fragments
    words = [w for w in re.findall(r"[A-Za-z’']+", line)]
    return (
        bool(words)
        and (asks_over_a_list or sum(w[0].isupper() for w in words) / len(words) >= 0.3)
        or len(words) <= 6
    )


def _paragraph_break(previous: str, line: str, line_width: float) -> bool:
    if not previous:
        return True
    if len(previous) > max(250.0, line_width * 2.5):  # one paragraph per line (web captures)
        return True
    if BULLET.match(previous) and line[:1].isupper() and line.endswith(":"):
        return True  # 'Lead practitioners should:' after a list is a new lead-in
    ends_item = bool(TERMINAL.search(previous)) or bool(BULLET.match(previous))
    return ends_item and len(previous) < line_width * 0.8 and line[:1].isupper()


def _join_wrapped(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].islower() and not left.endswith(" -"):
        return left + right  # already de-hyphenated upstream where it was a split word
    return f"{left} {right}"


# --- blocks -> sized chunk texts ---------------------------------------------------------


CARRY_MAX_TOKENS = 30  # what stands before a long block in its section and opens its first piece


def pack_blocks(
    blocks: list[Block], options: ChunkingOptions, at_subsections: bool = False
) -> list[tuple[Block, str]]:
    """Pack consecutive blocks of one section up to the target size; split oversized ones (an
    Act's at its subsections, with `at_subsections`)."""
    out: list[tuple[Block, str]] = []
    group: list[Block] = []
    group_tokens = 0

    def flush() -> None:
        nonlocal group, group_tokens
        if group:
            out.append((_merged_block(group), "\n".join(b.text for b in group)))
        group, group_tokens = [], 0

    for block in blocks:
        tokens = count_tokens(block.text)
        if tokens > options.max_tokens:
            pieces = split_oversized(
                block.text, options.target_tokens, options.max_tokens, at_subsections
            )
            opening = "\n".join([*(b.text for b in group), pieces[0]])
            if (
                group
                and group[-1].section == block.section
                and group_tokens <= CARRY_MAX_TOKENS
                and count_tokens(opening) <= options.max_tokens
            ):
                # a section's title line ('28 Arrangements to safeguard and promote welfare:
                # Wales') opens its first piece rather than standing alone as a passage
                out.append((_merged_block([*group, block]), opening))
                group, group_tokens = [], 0
                pieces = pieces[1:]
            flush()
            for piece in pieces:
                out.append((block, piece))
            continue
        same_section = not group or group[-1].section == block.section
        if not same_section or group_tokens + tokens > options.target_tokens:
            flush()
        group.append(block)
        group_tokens += tokens
    flush()
    return out


def merge_small_pieces(
    pieces: list[tuple[Block, str]], options: ChunkingOptions
) -> list[tuple[Block, str]]:
    """A piece of fewer than MIN_CHUNK_WORDS words is too small to retrieve on its own but is
    still text of the document: it joins the piece after it (taking that piece's section, its own
    page and paragraph first), or the one before when there is none or that would be too big."""
    out: list[tuple[Block, str]] = []
    carry: tuple[Block, str] | None = None
    for block, text in pieces:
        if carry is not None:
            merged = f"{carry[1]}\n{text}"
            if count_tokens(merged) <= options.max_tokens:
                first = carry[0]
                block = Block(
                    section=block.section,
                    page=first.page if first.page is not None else block.page,
                    paragraph=_paragraph_range([first.paragraph, block.paragraph]),
                )
                text = merged
            else:
                _append_or_keep(out, carry, options)
            carry = None
        if len(text.split()) < MIN_CHUNK_WORDS:
            carry = (block, text)
            continue
        out.append((block, text))
    if carry is not None:
        _append_or_keep(out, carry, options)
    return out


def _append_or_keep(
    out: list[tuple[Block, str]], piece: tuple[Block, str], options: ChunkingOptions
) -> None:
    if out and count_tokens(f"{out[-1][1]}\n{piece[1]}") <= options.max_tokens:
        block, text = out[-1]
        merged = Block(
            section=block.section,
            page=block.page,
            paragraph=_paragraph_range([block.paragraph, piece[0].paragraph]),
        )
        out[-1] = (merged, f"{text}\n{piece[1]}")
    elif (
        len(piece[1].split()) >= 2 or not out
    ):  # a lone word or number with no room anywhere: noise
        out.append(piece)


def _paragraph_range(numbers: list[str]) -> str:
    parts = [p for n in numbers if n for p in n.split("–")]
    unique = list(dict.fromkeys(parts))
    return unique[0] if len(unique) == 1 else (f"{unique[0]}–{unique[-1]}" if unique else "")


def _merged_block(group: list[Block]) -> Block:
    numbers = [b.paragraph for b in group if b.paragraph]
    unique = list(dict.fromkeys(numbers))
    paragraph = unique[0] if len(unique) == 1 else (f"{unique[0]}–{unique[-1]}" if unique else "")
    first = group[0]
    return Block(section=first.section, page=first.page, paragraph=paragraph, lines=[])


# An Act's subsection: '(2) Each person and body to whom this section applies must …', '(4A) …'
SUBSECTION_START = re.compile(r"^\(\d{1,3}[A-Z]{0,2}\)\s")
SUBSECTION_MIN_SHARE = 0.5

# A sentence that introduces a list ('"safeguarding partner" ... means—', 'must include:')
LEAD_IN = re.compile(r"(?:[—:]|\bmeans|\binclude|\bincludes)\s*$")


def split_oversized(
    text: str, target_tokens: int, max_tokens: int | None = None, at_subsections: bool = False
) -> list[str]:
    """Split at sentence (and list item) boundaries into pieces of about target_tokens. A list
    stays with the sentence that introduces it while the two fit in max_tokens, so a definition
    and its items ('"safeguarding partner" means— (a) ... (b) ... (c) ...') are one passage.
    With at_subsections, a subsection ('(2) …') starts a piece once the one before holds
    SUBSECTION_MIN_SHARE of the target or is the tail of a list."""
    pieces: list[str] = []
    current: list[str] = []
    current_tokens = 0
    for unit in _list_units(split_sentences(text), max_tokens or target_tokens):
        tokens = count_tokens(" ".join(unit))
        if (
            at_subsections
            and current
            and SUBSECTION_START.match(unit[0])
            # the piece before holds enough to stand alone, or is the tail of the list of the
            # subsection before it ('(k) … (l) … (m) …'), which belongs with neither
            and (current_tokens >= target_tokens * SUBSECTION_MIN_SHARE or BULLET.match(current[0]))
        ):
            pieces.append(_join_sentences(current))
            current, current_tokens = [], 0
        if len(unit) == 1 and tokens > target_tokens:  # a run-on 'sentence': cut at words
            if current:
                pieces.append(_join_sentences(current))
                current, current_tokens = [], 0
            pieces.extend(_split_words(unit[0], target_tokens))
            continue
        if current and current_tokens + tokens > target_tokens:
            pieces.append(_join_sentences(current))
            current, current_tokens = [], 0
        current.extend(unit)
        current_tokens += tokens
    if current:
        pieces.append(_join_sentences(current))
    return pieces


def _list_units(sentences: list[str], max_tokens: int) -> list[list[str]]:
    """Sentences grouped so that a lead-in and the list items after it are one unit (at most
    max_tokens; a longer list is cut between items)."""
    units: list[list[str]] = []
    for sentence in sentences:
        unit = units[-1] if units else None
        if (
            unit is not None
            and BULLET.match(sentence)
            and any(LEAD_IN.search(s) for s in unit)
            and count_tokens(" ".join([*unit, sentence])) <= max_tokens
        ):
            unit.append(sentence)
        else:
            units.append([sentence])
    return units


def _join_sentences(sentences: list[str]) -> str:
    text = sentences[0]
    for sentence in sentences[1:]:
        text += ("\n" if BULLET.match(sentence) else " ") + sentence
    return text


def _split_words(text: str, target_tokens: int) -> list[str]:
    words = text.split()
    pieces, current = [], []
    for word in words:
        current.append(word)
        if count_tokens(" ".join(current)) >= target_tokens:
            pieces.append(" ".join(current))
            current = []
    if current:
        pieces.append(" ".join(current))
    return pieces
