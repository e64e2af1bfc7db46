"""Structure-aware chunking: headings give the section path, numbered paragraphs and the list
items that belong to them are kept together where they fit, and chunks are sized in tokens so
the embedder never truncates them.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from dataclasses import dataclass, field

from assistant.sentences import split_sentences
from assistant.types import Chunk, DocumentInfo
from ingest.loaders import OutlineEntry, Page
from ingest.tokens import count_tokens

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
NUMBERED_PARAGRAPH = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{1,3})?)\.\s+(?=[A-Z‘'\"“(])|^(?P<dotted>\d{1,2}\.\d{1,3})\s+(?=[A-Z‘'\"“(])"
)
BULLET = re.compile(r"^(?:[•●▪◦■□➢✓\-–*]|o(?=\s)|\(?[a-z]{1,3}\)|\d{1,2}\))\s+")
MIN_CHUNK_WORDS = 6  # shorter pieces are diagram labels or stray headings: nothing to cite
TERMINAL = re.compile(r"[.!?:;…][\"”’')\]]*$")


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
    blocks = build_blocks(pages, outline or [])
    texts = [(b, t) for b, t in pack_blocks(blocks, options) if len(t.split()) >= MIN_CHUNK_WORDS]
    chunks = []
    for index, (block, text) in enumerate(texts):
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        chunks.append(
            Chunk(
                id=f"{info.doc_id}:{index:05d}:{sha[:12]}",
                text=text,
                doc_id=info.doc_id,
                title=info.title,
                edition=info.edition,
                publisher=info.publisher,
                jurisdiction=info.jurisdiction,
                kind=info.kind,
                status=info.status,
                superseded_by=info.superseded_by,
                section=block.section,
                paragraph=block.paragraph,
                page=block.page,
                source=source,
                url=info.url,
                content_sha256=sha,
                chunk_index=index,
            )
        )
    return chunks


# --- lines -> blocks ---------------------------------------------------------------------


class _SectionTracker:
    def __init__(self) -> None:
        self.path: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> None:
        self.path = [(lvl, t) for lvl, t in self.path if lvl < level] + [(level, title)]

    @property
    def text(self) -> str:
        return " > ".join(t for _, t in self.path)


def build_blocks(pages: list[Page], outline: list[OutlineEntry]) -> list[Block]:
    outline_titles = _outline_index(outline)
    line_width = _typical_line_width(pages)
    sections = _SectionTracker()
    blocks: list[Block] = []
    current: Block | None = None
    previous = ""  # the previous non-blank line, to decide on paragraph breaks
    paragraph_number = ""

    def start_block(page: int | None, number: str = "") -> Block:
        nonlocal current
        block = Block(section=sections.text, page=page, paragraph=number)
        blocks.append(block)
        current = block
        return block

    for page in pages:
        lines = page.text.splitlines()
        skip_next = False
        for i, raw in enumerate(lines):
            if skip_next:
                skip_next = False
                continue
            line = " ".join(raw.split())
            if not line:
                if current is not None and current.lines:
                    current = None  # blank line: paragraph break
                continue

            heading = _heading(line, lines[i + 1] if i + 1 < len(lines) else "", page.number,
                               outline_titles, previous, line_width)
            if heading is not None:
                level, title, used_next = heading
                skip_next = used_next
                sections.enter(level, title)
                current = None
                paragraph_number = ""
                previous = line
                continue

            numbered = NUMBERED_PARAGRAPH.match(line)
            if numbered:
                paragraph_number = numbered.group("num") or numbered.group("dotted")
                block = start_block(page.number, paragraph_number)
                block.lines.append(line)
            elif BULLET.match(line):
                block = current or start_block(page.number, paragraph_number)
                block.lines.append(line)
            elif current is None or _paragraph_break(previous, line, line_width):
                block = start_block(page.number, paragraph_number)
                block.lines.append(line)
            else:
                current.lines[-1] = _join_wrapped(current.lines[-1], line)
            previous = line
    return [b for b in blocks if b.text]


def _outline_index(outline: list[OutlineEntry]) -> dict[str, list[tuple[int, int]]]:
    index: dict[str, list[tuple[int, int]]] = {}
    for entry in outline:
        index.setdefault(_norm(entry.title), []).append((entry.page, entry.level + 1))
    return index


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _typical_line_width(pages: list[Page]) -> float:
    widths = [len(ln.strip()) for p in pages for ln in p.text.splitlines() if len(ln.strip()) > 20]
    if not widths:
        return 80.0
    return float(statistics.quantiles(widths, n=4)[2]) if len(widths) > 4 else float(max(widths))


def _heading(line, next_line, page, outline_titles, previous, line_width):
    """(level, title, consumed_next_line) if this line is a heading, else None."""
    md = MARKDOWN_HEADING.match(line)
    if md:
        return len(md.group(1)), md.group(2).strip(), False
    if outline_titles:
        for candidate, used_next in ((line, False), (f"{line} {' '.join(next_line.split())}", True)):
            for outline_page, level in outline_titles.get(_norm(candidate), []):
                if page is None or abs(outline_page - page) <= 1:
                    return level, candidate.strip(), used_next
    if _looks_like_heading(line, previous, line_width):
        return 9, line, False  # below any outline level: a sub-heading
    return None


def _looks_like_heading(line: str, previous: str, line_width: float) -> bool:
    if not (3 <= len(line) <= 90) or len(line.split()) > 12:
        return False
    if TERMINAL.search(line) or line.endswith(","):
        return False
    if not (line[0].isupper() or re.match(r"^\d+\.\d+(\.\d+)*\s+[A-Z]", line)):
        return False
    if BULLET.match(line) or NUMBERED_PARAGRAPH.match(line):
        return False
    if re.fullmatch(r"[\d\s.,%£$()/-]+", line):
        return False
    # a heading follows the end of a paragraph (or another heading), not a wrapped line
    if previous and not TERMINAL.search(previous) and len(previous) > line_width * 0.6:
        return False
    # lower-case words dominate in wrapped sentence fragments
    words = [w for w in re.findall(r"[A-Za-z’']+", line)]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.3 or len(words) <= 6


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


def pack_blocks(blocks: list[Block], options: ChunkingOptions) -> list[tuple[Block, str]]:
    """Pack consecutive blocks of one section up to the target size; split oversized ones."""
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
            flush()
            for piece in split_oversized(block.text, options.target_tokens):
                out.append((block, piece))
            continue
        same_section = not group or group[-1].section == block.section
        if not same_section or group_tokens + tokens > options.target_tokens:
            flush()
        group.append(block)
        group_tokens += tokens
    flush()
    return out


def _merged_block(group: list[Block]) -> Block:
    numbers = [b.paragraph for b in group if b.paragraph]
    unique = list(dict.fromkeys(numbers))
    paragraph = unique[0] if len(unique) == 1 else (f"{unique[0]}–{unique[-1]}" if unique else "")
    first = group[0]
    return Block(section=first.section, page=first.page, paragraph=paragraph, lines=[])


def split_oversized(text: str, target_tokens: int) -> list[str]:
    """Split at sentence (and list item) boundaries into pieces of about target_tokens."""
    pieces: list[str] = []
    current: list[str] = []
    current_tokens = 0
    for sentence in split_sentences(text):
        tokens = count_tokens(sentence)
        if tokens > target_tokens:  # a run-on 'sentence': cut at word boundaries
            if current:
                pieces.append(_join_sentences(current))
                current, current_tokens = [], 0
            pieces.extend(_split_words(sentence, target_tokens))
            continue
        if current and current_tokens + tokens > target_tokens:
            pieces.append(_join_sentences(current))
            current, current_tokens = [], 0
        current.append(sentence)
        current_tokens += tokens
    if current:
        pieces.append(_join_sentences(current))
    return pieces


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
