"""Text cleaning: web-capture boilerplate, PDF running headers/footers, hyphenation, ligatures.

Cleaning never invents text: it only removes noise lines, joins words split across line ends and
maps typographic ligatures to letters, so quoted passages stay faithful to the source.
"""

from __future__ import annotations

import re
from collections import Counter

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte-order mark
    "\u00a0": " ",  # no-break space
    "\u2002": " ",  # en space
    "\u2003": " ",  # em space
    "\u2009": " ",  # thin space
}
_LIGATURE_TABLE = str.maketrans(LIGATURES)

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")

# Whole lines that are web-capture furniture, not content.
BOILERPLATE_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*(image\s*source|image credit|photo credit|credit)\b.*$",
        r"^.*\bCREDIT\b.*\bon (Unsplash|Pexels|Flickr|Shutterstock|iStock)\s*$",
        r"^.*\b(on Unsplash|via Unsplash|Getty Images|Shutterstock)\s*$",
        r"^\s*[\w .&'-]{0,40}\blogo\s*$",
        r"^\s*you are here:?\s*$",
        r"^\s*(skip to (main )?content|main menu|menu|search|home)\s*$",
        r"^\s*(contact us|get in touch|subscribe|sign up to our newsletter|newsletter)\b.{0,60}$",
        r"^\s*(share|share this( page| article| post)?|share on \w+|tweet|print this page)\s*:?\s*$",
        r"^\s*(facebook|twitter|linkedin|whatsapp|email|x \(formerly twitter\))\s*$",
        r"^\s*(cookie|cookies|accept (all )?cookies|we use cookies)\b.{0,120}$",
        r"^\s*(back to top|related (posts|articles|content)|tags?:.*|categories?:.*)\s*$",
        r"^\s*(previous|next) (post|article)\b.{0,80}$",
        r"^\s*(all rights reserved|©|copyright ©?)\s*.{0,60}$",
    )
]

# Breadcrumb items: "1. Home", "2. Blogs" directly under "You are here".
BREADCRUMB_ITEM = re.compile(r"^\s*\d{1,2}\.\s+\S.{0,80}$")

PAGE_NUMBER_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\s*\d{1,4}\s*$",
        r"^\s*page\s+\d{1,4}(\s+of\s+\d{1,4})?\s*$",
        r"^\s*\d{1,4}\s*(/|of)\s*\d{1,4}\s*$",
        r"^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$",
    )
]


def fix_ligatures(text: str) -> str:
    return text.translate(_LIGATURE_TABLE)


def remove_emails(text: str) -> str:
    return EMAIL.sub("", text)


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) > 160:  # content paragraphs are never furniture
        return False
    return any(p.match(stripped) for p in BOILERPLATE_LINES)


def is_page_number(line: str) -> bool:
    return any(p.match(line) for p in PAGE_NUMBER_LINES)


def strip_web_boilerplate(text: str) -> str:
    """Drop navigation crumbs, credits, share links, 'Contact us' and e-mail addresses."""
    out: list[str] = []
    in_breadcrumbs = False
    for line in text.splitlines():
        stripped = line.strip()
        if re.match(r"^you are here:?$", stripped, re.IGNORECASE):
            in_breadcrumbs = True
            continue
        if in_breadcrumbs:
            if not stripped:
                continue
            if BREADCRUMB_ITEM.match(stripped) and len(stripped) < 90:
                continue
            in_breadcrumbs = False
        if is_boilerplate(line):
            continue
        out.append(remove_emails(line).rstrip())
    return _collapse_blank_lines("\n".join(out))


def join_hyphenated(text: str) -> str:
    """'safe-\\nguarding' -> 'safeguarding'; keeps real hyphens such as 'multi-\\nagency'."""

    def repl(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        if left.lower() in _KEEP_HYPHEN_PREFIXES:
            return f"{left}-{right}"
        return f"{left}{right}"

    return re.sub(r"(\w+)-[ \t]*\n[ \t]*([a-z]\w*)", repl, text)


_KEEP_HYPHEN_PREFIXES = {
    "multi",
    "inter",
    "non",
    "co",
    "cross",
    "self",
    "well",
    "pre",
    "post",
    "anti",
    "sub",
    "long",
    "short",
    "early",
    "high",
    "low",
    "joined",
    "family",
    "child",
    "age",
    "face",
    "follow",
    "start",
    "re",
    "ex",
    "over",
    "under",
}


def repeated_page_lines(pages: list[str], min_share: float = 0.3, edge: int = 3) -> set[str]:
    """Lines that recur at the top or bottom of many pages: running headers and footers.

    Digits are normalised so 'Page 3 of 40' and 'Page 4 of 40' count as one line.
    """
    if len(pages) < 4:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        seen = {_normalise_digits(ln) for ln in lines[:edge] + lines[-edge:]}
        counts.update(seen)
    threshold = max(3, int(len(pages) * min_share))
    return {line for line, n in counts.items() if n >= threshold and len(line) < 150}


def _normalise_digits(line: str) -> str:
    return re.sub(r"\d+", "#", line)


def clean_pdf_pages(pages: list[str]) -> list[str]:
    """Remove running headers/footers and page numbers from each page; fix ligatures and hyphens."""
    pages = [fix_ligatures(p) for p in pages]
    repeated = repeated_page_lines(pages)
    cleaned = []
    for page in pages:
        lines = page.splitlines()
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(nonblank[:3] + nonblank[-3:])
        kept = []
        for i, line in enumerate(lines):
            if i in edges and (_normalise_digits(line.strip()) in repeated or is_page_number(line)):
                continue
            kept.append(line.rstrip())
        if is_contents_page(kept):
            kept = []
        kept = drop_footnotes(kept)
        cleaned.append(join_hyphenated(_collapse_blank_lines("\n".join(kept))))
    return cleaned


FOOTNOTE_START = re.compile(r"^\s*\d{1,3}\s+(?!\d)(?![-–])\S")
CONTENTS_LINE = re.compile(r"\S.*?(\.{2,}|\s)\s*\d{1,3}\s*$")


def is_contents_page(lines: list[str]) -> bool:
    """A table of contents page: most lines end with a page number."""
    nonblank = [ln for ln in lines if ln.strip()]
    hits = sum(1 for ln in nonblank if CONTENTS_LINE.match(ln.strip()))
    return hits >= 5 and hits >= 0.5 * len(nonblank)


def drop_footnotes(lines: list[str]) -> list[str]:
    """Footnotes at a page's foot ('3 Statutory guidance for ...'): references, not guidance.

    They would otherwise cut a paragraph that runs on to the next page in two.
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 4:
        return lines
    floor = nonblank[int(len(nonblank) * 0.5)]
    for i in nonblank:
        if i < floor:
            continue
        match = FOOTNOTE_START.match(lines[i])
        if match is None:
            continue
        number = lines[i].split()[0]
        before = "\n".join(lines[:i])
        # the same number stands earlier on the page as a superscript marker ('regulations24')
        if re.search(rf"(?:[A-Za-z)’”.,;:]\s?|(?:19|20)\d\d){number}(?!\d)", before):
            return lines[:i]
    return lines


def clean_text_document(text: str) -> str:
    """Cleaning for web captures and plain text (the seeds)."""
    text = fix_ligatures(text).replace("\r\n", "\n").replace("\r", "\n")
    return join_hyphenated(strip_web_boilerplate(text))


def _collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip()
