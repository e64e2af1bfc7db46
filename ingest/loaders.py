"""Loaders: one per format, each turning a file into pages of raw text plus what the file says
about itself (title, author, outline). Unreadable input raises UnreadableDocument with a reason.

Markdown-style '#' headings are the common language for structure from HTML, DOCX and Markdown.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from assistant.config import Settings, get_settings
from assistant.errors import UnreadableDocument
from assistant.files import open_regular, regular_file_size, too_large
from ingest.clean import (
    FOOTNOTE_BREAK,
    FOOTNOTE_START,
    is_page_number,
    note_numbers,
    notes_are_marked,
)


@dataclass(frozen=True)
class Page:
    number: int | None  # 1-based PDF page; None for formats without pages
    text: str
    # the notes printed at the page's foot, by number ('142', 'A child under police protection
    # should not be brought to a police station …'), when the loader read the page's layout
    notes: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    title: str
    page: int  # 1-based


@dataclass
class LoadedDocument:
    path: Path
    format: str
    pages: list[Page]
    title: str = ""
    author: str = ""
    created: str = ""
    outline: list[OutlineEntry] = field(default_factory=list)


MIN_TEXT_CHARS = 20  # fewer non-space characters than this: nothing to index


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may hold before it is skipped (Settings: JOINEDUP_MAX_*)."""

    file_bytes: int
    chars: int
    paragraphs: int
    pages: int

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        return cls(
            settings.max_file_bytes,
            settings.max_document_chars,
            settings.max_document_paragraphs,
            settings.max_pdf_pages,
        )

    def over_chars(self, path: Path, chars: int) -> UnreadableDocument:
        return UnreadableDocument(
            str(path),
            f"too much text: more than {self.chars:,} characters (JOINEDUP_MAX_DOCUMENT_CHARS)",
        )

    def over_paragraphs(self, path: Path) -> UnreadableDocument:
        return UnreadableDocument(
            str(path),
            f"too many paragraphs: more than {self.paragraphs:,} (JOINEDUP_MAX_DOCUMENT_PARAGRAPHS)",
        )


def load_document(path: Path, limits: ReadLimits | None = None) -> LoadedDocument:
    limits = limits or ReadLimits.from_settings(get_settings())
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise UnreadableDocument(str(path), f"unsupported file type '{suffix or '(none)'}'")
    if regular_file_size(path, limits.file_bytes) == 0:  # a pipe or device is never opened
        raise UnreadableDocument(str(path), "empty file")
    try:
        doc = loader(path, limits)
    except UnreadableDocument:
        raise
    except PermissionError as exc:
        raise UnreadableDocument(str(path), "permission denied") from exc
    except OSError as exc:
        raise UnreadableDocument(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    except Exception as exc:  # a parser's own error: the file is damaged
        raise UnreadableDocument(str(path), f"cannot parse {suffix[1:]} ({exc})") from exc
    chars = sum(len(p.text) for p in doc.pages)
    if chars > limits.chars:
        raise limits.over_chars(path, chars)
    if sum(len(p.text.strip()) for p in doc.pages) < MIN_TEXT_CHARS:
        reason = (
            "no text layer (scanned PDF?): needs OCR first"
            if suffix == ".pdf"
            else "no text content"
        )
        raise UnreadableDocument(str(path), reason)
    return doc


def load_pdf(path: Path, limits: ReadLimits) -> LoadedDocument:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableDocument(str(path), "encrypted PDF (password required)") from exc
        raise UnreadableDocument(str(path), f"corrupt or not a PDF ({exc})") from exc
    try:
        if len(pdf) > limits.pages:
            raise UnreadableDocument(
                str(path), too_large(len(pdf), limits.pages, "JOINEDUP_MAX_PDF_PAGES", "pages")
            )
        page_lines, chars = [], 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            page_lines.append(_page_lines(textpage))
            textpage.close()
            page.close()
            chars += sum(len(line.text) for line in page_lines[-1])
            if chars > limits.chars:  # stop reading: the rest would be thrown away
                raise limits.over_chars(path, chars)
        body = _body_height(page_lines)
        pages = [Page(index + 1, _page_text(lines, body)) for index, lines in enumerate(page_lines)]
        meta = pdf.get_metadata_dict()
        outline = _pdf_outline(pdf)
    finally:
        pdf.close()
    return LoadedDocument(
        path=path,
        format="pdf",
        pages=pages,
        title=(meta.get("Title") or "").strip(),
        author=(meta.get("Author") or "").strip(),
        created=(meta.get("CreationDate") or "")[2:6],
        outline=outline,
    )


@dataclass(frozen=True)
class _Line:
    text: str
    bottom: float | None = None  # lowest glyph edge, PDF points from the page foot
    height: float | None = None  # typical loose glyph height: the type size, give or take


_GEOMETRY_SAMPLE = 12  # characters measured per line: enough for its type size and position


def _page_lines(textpage) -> list[_Line]:
    """The page's text lines in PDFium's order, each with its position and type size."""
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range()
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    raw_lines = text.split("\n")
    if len(text) != count:  # characters outside the BMP: indices no longer line up, skip geometry
        return [_Line(ln.rstrip("\r")) for ln in raw_lines]
    rect = pdfium_c.FS_RECTF()
    lines, start = [], 0
    for raw in raw_lines:
        heights, bottoms = [], []
        for offset, ch in enumerate(raw):
            if len(heights) >= _GEOMETRY_SAMPLE:
                break
            if ch.isalnum() and pdfium_c.FPDFText_GetLooseCharBox(
                textpage.raw, start + offset, rect
            ):
                heights.append(round(rect.top - rect.bottom, 1))
                bottoms.append(rect.bottom)
        height = Counter(heights).most_common(1)[0][0] if heights else None
        lines.append(_Line(raw.rstrip("\r"), min(bottoms) if bottoms else None, height))
        start += len(raw) + 1
    return lines


def _body_height(pages: list[list[_Line]]) -> float | None:
    """The type size of the body text: the size most characters are set in."""
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if line.height:
                weights[line.height] += len(line.text)
    return weights.most_common(1)[0][0] if weights else None


def _page_text(lines: list[_Line], body: float | None) -> str:
    """The page's text in PDFium's order, then a form feed, then its footnotes.

    PDFium emits text in content-stream order, so a call-out box or side panel often comes after
    the footnotes, and notes cannot be told from text by their words alone ('1 Corporate parenting
    principles' is a section of an Act). Their layout tells them apart: this puts the notes the
    page's layout shows after a form feed (FOOTNOTE_BREAK), so cleaning knows what they are. The
    break ends every page whose layout could be read, with or without notes after it. Nothing is
    removed here.
    """
    if not any(ln.height for ln in lines):  # no layout (a text-less page, unmatched indices)
        return _normalise_pdf_text("\n".join(ln.text for ln in lines))
    notes = set(_footnote_zone(lines, body))
    text = "\n".join(ln.text for i, ln in enumerate(lines) if i not in notes)
    foot = "\n".join(lines[i].text for i in sorted(notes, key=lambda i: -(lines[i].bottom or 0.0)))
    return (
        _normalise_pdf_text(text)
        + "\n"
        + FOOTNOTE_BREAK
        + ("\n" + _normalise_pdf_text(foot) if foot else "")
    )


def _footnote_zone(lines: list[_Line], body: float | None) -> list[int]:
    """Indices of the page's footnote lines, top to bottom: the lines in smaller type than the
    body that sit below every line of body-size text, from a line that opens with a note number
    (with the end of a note carried over from the page before, set right above it), one line
    under another, whose numbers stand in the body as superscript markers ('regulations24')."""
    if not body:
        return []
    small = body * 0.92
    body_bottoms = [
        ln.bottom
        for ln in lines
        if ln.bottom is not None and ln.height and ln.height > small and not is_page_number(ln.text)
    ]
    if not body_bottoms:
        return []
    floor = min(body_bottoms)
    zone = sorted(
        (
            i
            for i, ln in enumerate(lines)
            if ln.bottom is not None and ln.height and ln.height <= small and ln.bottom < floor - 1
        ),
        key=lambda i: -(lines[i].bottom or 0.0),
    )
    first = next((k for k, i in enumerate(zone) if FOOTNOTE_START.match(lines[i].text)), None)
    if first is None:
        return []

    def gap(upper: int, lower: int) -> float:  # in lines of the lower one's type
        return ((lines[upper].bottom or 0.0) - (lines[lower].bottom or 0.0)) / (
            lines[lower].height or body
        )

    while first > 0 and gap(zone[first - 1], zone[first]) < 1.6:
        first -= 1  # the end of a note begun on the page before, set right above the first new one
    notes = zone[first:]
    if any(gap(upper, lower) < 0.7 for upper, lower in pairwise(notes)):
        return []  # notes are set one line under another; lines side by side are a table or chart
    kept = set(notes)
    body_text = "\n".join(ln.text for i, ln in enumerate(lines) if i not in kept)
    if not notes_are_marked(body_text, note_numbers([lines[i].text for i in notes])):
        return []
    return notes


def _pdf_outline(pdf) -> list[OutlineEntry]:
    entries = []
    try:
        for item in pdf.get_toc(max_depth=16):
            dest = item.get_dest()
            if dest is None or dest.get_index() is None:
                continue
            title = " ".join((item.get_title() or "").split())
            if title:
                entries.append(OutlineEntry(item.level, title, dest.get_index() + 1))
    except Exception:  # a broken outline only costs us section names
        return []
    return entries


def _normalise_pdf_text(text: str) -> str:
    # PDFium marks a hyphen that ends a line as U+FFFE and CR/LF ends lines; a form feed is ours.
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\ufffe", "-")
        .replace("\x02", "-")
        .replace(FOOTNOTE_BREAK, "\n")
    )


def load_text(path: Path, limits: ReadLimits) -> LoadedDocument:
    most = 4 * limits.chars + 4  # no encoding takes more than 4 bytes a character (+ a BOM)
    with open_regular(path, limits.file_bytes) as fh:
        raw = fh.read(most + 1)  # stop reading past the character limit
    if len(raw) > most:
        raise limits.over_chars(path, len(raw))
    text = decode_text(raw)
    if text is None:
        raise UnreadableDocument(str(path), "binary content, not text")
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return LoadedDocument(path=path, format=fmt, pages=[Page(None, text)])


_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(raw: bytes) -> str | None:
    """The text in these bytes, or None when they are not text. A byte-order mark names the
    encoding; else UTF-8; else charset-normalizer's best guess (UTF-16 without a mark, Windows-1252,
    Latin-1...). Whatever the encoding, text with many control characters is binary."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return _text_or_none(raw[len(bom) :].decode(codec))
            except UnicodeDecodeError:
                return None
    if b"\x00" not in raw:
        try:
            return _text_or_none(raw.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return None if best is None else _text_or_none(str(best))


def _text_or_none(text: str) -> str | None:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < "\t" or "\r" < ch < " " or ch == "\ufffd")
    return None if controls > len(sample) * 0.01 else text


def load_html(path: Path, limits: ReadLimits) -> LoadedDocument:
    from bs4 import BeautifulSoup

    with open_regular(path, limits.file_bytes) as fh:
        raw = fh.read()
    markup: bytes | str | None = raw
    if b"\x00" in raw[:8192]:  # UTF-16 or UTF-32, or binary
        markup = decode_text(raw)
        if markup is None:
            raise UnreadableDocument(str(path), "binary content, not HTML")
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    lines = []
    body = soup.body or soup
    for count, el in enumerate(
        body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td"])
    ):
        if count >= limits.paragraphs:
            raise limits.over_paragraphs(path)
        if el.find_parent(["li", "p", "blockquote", "td"]) is not None and el.name != "li":
            continue
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        if el.name.startswith("h"):
            lines.append(f"{'#' * int(el.name[1])} {text}")
        elif el.name == "li":
            lines.append(f"• {text}")
        else:
            lines.append(text)
    return LoadedDocument(
        path=path, format="html", pages=[Page(None, "\n\n".join(lines))], title=title
    )


def load_docx(path: Path, limits: ReadLimits) -> LoadedDocument:
    import docx

    _check_docx_size(path, limits)
    document = docx.Document(str(path))
    lines = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        match = re.match(r"heading (\d)", style)
        if match:
            lines.append(f"{'#' * int(match.group(1))} {text}")
        elif style == "title":
            lines.append(f"# {text}")
        elif "list" in style:
            lines.append(f"• {text}")
        else:
            lines.append(text)
    props = document.core_properties
    return LoadedDocument(
        path=path,
        format="docx",
        pages=[Page(None, "\n\n".join(lines))],
        title=props.title or "",
        author=props.author or "",
        created=str(props.created.year) if props.created else "",
    )


W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _check_docx_size(path: Path, limits: ReadLimits) -> None:
    """Refuse a DOCX that unpacks to more than the byte limit or holds more paragraphs than the
    paragraph limit, before it is parsed whole: a 770 KB file can unpack to 396 MB of empty
    paragraphs. Paragraphs are counted streaming, stopping at the limit."""
    from xml.etree.ElementTree import iterparse

    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > limits.file_bytes:
            raise UnreadableDocument(
                str(path),
                "unpacks " + too_large(unpacked, limits.file_bytes, "JOINEDUP_MAX_FILE_BYTES"),
            )
        if "word/document.xml" not in archive.namelist():
            return  # python-docx says what is wrong
        with archive.open("word/document.xml") as body:
            count = 0
            for _, element in iterparse(body, events=("end",)):
                if element.tag == W_P:
                    count += 1
                    if count > limits.paragraphs:
                        raise limits.over_paragraphs(path)
                    element.clear()  # counted: its text is read later by python-docx


LOADERS: dict[str, Callable[[Path, ReadLimits], LoadedDocument]] = {
    ".pdf": load_pdf,
    ".txt": load_text,
    ".text": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
}

SUPPORTED_SUFFIXES = frozenset(LOADERS)
