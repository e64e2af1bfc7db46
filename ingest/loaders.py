"""Loaders: one per format, each turning a file into pages of raw text plus what the file says
about itself (title, author, outline). Unreadable input raises UnreadableDocument with a reason.

Markdown-style '#' headings are the common language for structure from HTML, DOCX and Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import UnreadableDocument


@dataclass(frozen=True)
class Page:
    number: int | None  # 1-based PDF page; None for formats without pages
    text: str


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


def load_document(path: Path) -> LoadedDocument:
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        raise UnreadableDocument(str(path), f"unsupported file type '{suffix or '(none)'}'")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(str(path), f"cannot read file ({exc.strerror})") from exc
    if size == 0:
        raise UnreadableDocument(str(path), "empty file")
    try:
        doc = loader(path)
    except UnreadableDocument:
        raise
    except PermissionError as exc:
        raise UnreadableDocument(str(path), "permission denied") from exc
    except OSError as exc:
        raise UnreadableDocument(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    except Exception as exc:  # a parser's own error: the file is damaged
        raise UnreadableDocument(str(path), f"cannot parse {suffix[1:]} ({exc})") from exc
    if sum(len(p.text.strip()) for p in doc.pages) < MIN_TEXT_CHARS:
        reason = (
            "no text layer (scanned PDF?): needs OCR first"
            if suffix == ".pdf"
            else "no text content"
        )
        raise UnreadableDocument(str(path), reason)
    return doc


def load_pdf(path: Path) -> LoadedDocument:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise UnreadableDocument(str(path), "encrypted PDF (password required)") from exc
        raise UnreadableDocument(str(path), f"corrupt or not a PDF ({exc})") from exc
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append(Page(index + 1, _normalise_pdf_text(text)))
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
    # PDFium marks a hyphen that ends a line as U+FFFE and CR/LF ends lines.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-").replace("\x02", "-")


def load_text(path: Path) -> LoadedDocument:
    raw = path.read_bytes()
    if _looks_binary(raw):
        raise UnreadableDocument(str(path), "binary content, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return LoadedDocument(path=path, format=fmt, pages=[Page(None, text)])


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut by the sample's end
            return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    high = sum(1 for b in sample if b >= 128)
    return controls > len(sample) * 0.01 or high > len(sample) * 0.3


def load_html(path: Path) -> LoadedDocument:
    from bs4 import BeautifulSoup

    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnreadableDocument(str(path), "binary content, not HTML")
    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "aside", "form", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    lines = []
    body = soup.body or soup
    for el in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "td"]):
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
    return LoadedDocument(path=path, format="html", pages=[Page(None, "\n\n".join(lines))], title=title)


def load_docx(path: Path) -> LoadedDocument:
    import docx

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


LOADERS: dict[str, Callable[[Path], LoadedDocument]] = {
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
