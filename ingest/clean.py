"""Text cleaning: web-capture boilerplate, PDF running headers/footers, hyphenation, ligatures.

Cleaning never invents text: it only removes noise lines, joins words split across line ends and
maps typographic ligatures to letters, so quoted passages stay faithful to the source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import pairwise

from assistant.text import fix_ligatures
from ingest.legislation import unmark_amendments

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _any_line(*patterns: str) -> Callable[[str], bool]:
    """Whether a line matches one of `patterns` (from its start, in any case)."""
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    return lambda line: any(p.match(line) for p in compiled)


# Whole lines that are web-capture furniture, not content.
_FURNITURE = _any_line(
    r"^\s*(image\s*source|image credit|photo credit|credit)\b.*$",
    r"^.*\bCREDIT\b.*\bon (Unsplash|Pexels|Flickr|Shutterstock|iStock)\s*$",
    r"^.*\b(on Unsplash|via Unsplash|Getty Images|Shutterstock)\s*$",
    r"^\s*[\w .&'-]{0,40}\blogo\s*$",
    r"^\s*you are here:?\s*$",
    r"^\s*(skip to (main )?content|main menu|menu|search|home)\s*$",
    r"^\s*(contact us|get in touch|subscribe|sign up to our newsletter|newsletter)\b.{0,60}$",
    r"^\s*(share|share this( page| article| post)?|share on \w+|tweet|print this page)\s*:?\s*$",
    r"^\s*(facebook|twitter|linkedin|whatsapp|email|x \(formerly twitter\))\s*$",
    r"^\s*follow us on (facebook|twitter|x|linkedin|instagram|youtube)\s*$",
    r"^\s*(cookie|cookies|accept (all )?cookies|we use cookies)\b.{0,120}$",
    r"^\s*(back to top|related (posts|articles|content)|tags?:.*|categories?:.*)\s*$",
    r"^\s*(previous|next) (post|article)\b.{0,80}$",
    r"^\s*(all rights reserved|©|copyright ©?)\s*.{0,60}$",
)

# Breadcrumb items: "1. Home", "2. Blogs" directly under "You are here".
BREADCRUMB_ITEM = re.compile(r"^\s*\d{1,2}\.\s+\S.{0,80}$")

_PAGE_NUMBER = _any_line(
    r"^\s*\d{1,4}\s*$",
    r"^\s*page\s+\d{1,4}(\s+of\s+\d{1,4})?\s*$",
    r"^\s*\d{1,4}\s*(/|of)\s*\d{1,4}\s*$",
    r"^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$",
)


def remove_emails(text: str) -> str:
    return EMAIL.sub("", text)


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped) > 160:  # content paragraphs are never furniture
        return False
    return _FURNITURE(stripped)


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER(line)


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


RUNNING_EDGE = 8  # running headers of legislation.gov.uk prints run to seven lines
HEADER_GAP = (
    2  # unrepeated short lines allowed inside a header run ('Part 2 – Children's services')
)


def repeated_page_lines(
    pages: list[str], min_share: float = 0.3, edge: int = RUNNING_EDGE
) -> set[str]:
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


def running_lines(lines: list[str], repeated: set[str], edge: int = RUNNING_EDGE) -> set[int]:
    """Indices of a page's running header and footer lines.

    A repeated line or page number among the three outermost lines at either edge; and a run of
    repeated lines from the edge inward (up to `edge` lines), with the short title-like lines it
    encloses: the legislation.gov.uk banner ('Status: This version of this Act contains provisions
    that are prospective. ... View outstanding changes') is seven lines deep and wraps the part
    and chapter names, which change through the Act, between repeated lines. A lone number is
    not enough to extend a run: a superscript note marker looks just like a page number.
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]

    def repeated_line(i: int) -> bool:
        return _normalise_digits(lines[i].strip()) in repeated and not is_page_number(lines[i])

    drop = {i for i in nonblank[:3] + nonblank[-3:] if repeated_line(i) or is_page_number(lines[i])}
    for side in (nonblank[:edge], nonblank[::-1][:edge]):
        last, gap = -1, 0
        for k, i in enumerate(side):
            if repeated_line(i):
                last, gap = k, 0
            elif is_page_number(lines[i]) and gap == 0:
                continue  # a page number inside the header: neither ends nor extends the run
            elif k == 0 or gap >= HEADER_GAP or not _header_like(lines[i]):
                break
            else:
                gap += 1
        drop.update(side[: last + 1])
    return drop


# The status banner of legislation.gov.uk prints, where it stands outside the running header (the
# end-of-document status note repeats it line by line)
LEGISLATION_BANNER = re.compile(
    r"^\s*(?:Status:\s*(?:This version of this (?:Act|Instrument|Order|Regulations?) contains provisions that "
    r"are prospective\.)?|This version of this (?:Act|Instrument|Order|Regulations?) contains provisions that "
    r"are prospective\.|Changes to legislation:|View outstanding changes)\s*$"
)


def is_legislation_banner(line: str) -> bool:
    return LEGISLATION_BANNER.match(line) is not None


def _header_like(line: str) -> bool:
    """A short title-like line a running header may wrap ('Part 1 – Children’s Commissioner')."""
    line = line.strip()
    return len(line) <= 120 and line[:1].isupper() and not re.search(r"[.;:,]$", line)


FOOTNOTE_BREAK = "\f"  # the PDF loader ends a page's body with it; the page-foot notes follow


def clean_pdf_pages(pages: list[str]) -> list[str]:
    """Remove running headers/footers, page numbers and footnotes; fix ligatures and hyphens.

    Where the loader read the page's layout, the footnotes are what follows FOOTNOTE_BREAK;
    elsewhere (text with no layout) drop_footnotes looks for them, strictly.
    """
    pages = [fix_ligatures(p) for p in pages]
    repeated = repeated_page_lines([p.replace(FOOTNOTE_BREAK, "") for p in pages])
    cleaned = []
    for page in pages:
        body, laid_out, _notes = page.partition(FOOTNOTE_BREAK)
        lines = body.splitlines()
        furniture = running_lines(lines, repeated)
        kept = [
            line.rstrip()
            for i, line in enumerate(lines)
            if i not in furniture and not is_legislation_banner(line)
        ]
        if is_contents_page(kept):
            kept = _before_contents(kept)
        if not laid_out:
            kept = drop_footnotes(kept)
        else:
            kept = unglue_note_markers(kept, note_numbers(_notes.splitlines()))
        cleaned.append(join_hyphenated(_collapse_blank_lines("\n".join(kept))))
    if any(is_legislation_banner(line) for page in pages for line in page.splitlines()):
        cleaned = unmark_amendments(cleaned)
    return cleaned


def page_notes(pages: list[str]) -> list[tuple[tuple[int, str], ...]]:
    """Each page's foot-of-page notes (what follows FOOTNOTE_BREAK), one (number, text) a note:
    a line opening with the next note's number starts it, the lines after run on."""
    found = []
    for page in pages:
        _, laid_out, text = fix_ligatures(page).partition(FOOTNOTE_BREAK)
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()] if laid_out else []
        numbers = iter(note_numbers(lines))
        expected = next(numbers, None)
        notes: list[list] = []
        for line in lines:
            match = FOOTNOTE_START.match(line)
            if expected is not None and match and int(match.group(1)) == expected:
                notes.append([expected, line[match.end() :].strip()])
                expected = next(numbers, None)
            elif notes:
                notes[-1][1] = join_hyphenated(f"{notes[-1][1]}\n{line}").replace("\n", " ")
        found.append(tuple((n, " ".join(t.split())) for n, t in notes))
    return found


# '24 The Child Safeguarding ...', '61 16-19 Academies ...', '141Project deSHAME ...': a note
# number opening a line that goes on in words
FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})(?:\s+(?![-–—])|(?=[A-Z][a-z]))(?=.*[A-Za-z]{3})")
CONTENTS_LINE = re.compile(r"[^\s•–-].*?(\.{2,}|\s)\s*(\d{1,3})\s*$")  # not a list item
# Lines that are body text, never the inside of a footnote: numbered paragraphs ('66. Strong'),
# sections and subsections of Acts ('3 (1) In section 79E(2)', '(1)'), list items ('(a)'), bullets.
_BODY_LINE = re.compile(
    r"^\s*(?:\d{1,3}[A-Z]{0,2}\s+\(\d{1,3}[A-Z]?\)|\d{1,3}\.\s+[A-Z]|\d{1,2}\.\d{1,2}\s|\(\d{1,3}[A-Z]?\)\s|\([a-z]{1,4}\)\s|[•●▪◦■□➢✓]\s)"
)
MAX_FOOTNOTE_LINE = 260  # characters: footnote lines are one printed line each
MAX_LINES_PER_NOTE = 6
_FIGURES = re.compile(
    r"^\D{0,40}(?:[-+£$]?\d[\d,.%]*\s+){3,}"
)  # a row of a table: '(England) 1,349,042 1,746,665 ...'


def footnote_marker(text: str, number: int, weak: bool = False) -> bool:
    """True if `number` stands in `text` as a superscript note marker.

    PDF text extraction flattens superscripts: glued to the word they follow ('set out in
    regulations24.', 'exploitation (CCE)13', 'the Regulations 201824'), or, where PDFium breaks
    the line at the superscript, alone on a line ('5'), or opening a line that continues a sentence
    ('49 should have', '28, which includes') or a long wrapped line of body text ('4 Early
    help means providing support as soon as a problem emerges at any'). A number after a single
    capital ('F12', 'S47': legislation annotations, section names) or opening a short line ('1
    Corporate parenting principles': a section heading) is not a marker. `weak` also accepts a
    number standing after a word ('Schools and colleges must 87 maintain', 'those needs 74 75'),
    which ordinary text has too ('within 45 working days'): only corroborating evidence.
    """
    n = str(number)
    glued = rf"(?:[A-Za-z]{{2}}|[A-Za-z][’”'\")\].,;:]|(?<!\d)(?:19|20)\d\d[’”)]?){n}(?!\d)"
    if re.search(glued, text):
        return True
    for line in text.splitlines():
        line = line.strip()
        if line.rstrip(".,;:") == n:
            return True
        if line.startswith(n + " ") and len(line) > len(n) + 2:
            rest = line[len(n) + 1 :]
            if rest[0].islower() or (len(line) >= 60 and rest[0].isupper()):
                return True
        if re.match(rf"{n}[,;:.)]\s+[a-z]", line):
            return True
    # 'must 87 maintain', 'The Children Act 1989 1 sets out', 'to those needs 74 75'
    return (
        weak
        and re.search(rf"[A-Za-z0-9,] {n}(?: \d{{1,3}})*(?=\s+[a-z]|\s*$)", text, re.MULTILINE)
        is not None
    )


def unglue_note_markers(lines: list[str], numbers: list[int]) -> list[str]:
    """Take the page's note markers off the words they were flattened onto ('Authorities20 have'
    -> 'Authorities have', 'regulations.24 The' -> 'regulations. The'), only for the numbers of the
    notes printed at the foot of that page, so figures in the text ('within 15 days') stay."""
    if not numbers:
        return lines
    alternatives = "|".join(str(n) for n in sorted(set(numbers), reverse=True))
    glued = re.compile(
        rf"(?<=[a-z]{{2}})(?:{alternatives})(?=[\s.,;:)’”]|$)|(?<=[a-z][.,;:’”)])(?:{alternatives})(?=\s|$)"
    )
    return [glued.sub("", line) for line in lines]


def note_numbers(block: list[str]) -> list[int]:
    """The numbers of the notes in a footnote block, in sequence from its first line.

    A line opening with the next number or so ('131 ... 132 ...' share a line) starts a note; any
    other number opening a line ('22 Children Act 1989, means ...') is a note running on.
    """
    numbers: list[int] = []
    for line in block:
        match = FOOTNOTE_START.match(line)
        if match is None:
            continue
        number = int(match.group(1))
        if not numbers or numbers[-1] < number <= numbers[-1] + 3:
            numbers.append(number)
    return numbers


def notes_are_marked(body: str, numbers: list[int]) -> bool:
    """The notes' numbers stand in the body as markers: the first one plainly and at least half
    of them in some form; or, when the first notes run on from markers on the page before, some
    plainly and most in some form; or a run of two or more, every one as a number between words."""
    if not numbers:
        return False
    strong = [footnote_marker(body, n) for n in numbers]
    some = sum(footnote_marker(body, n, weak=True) for n in numbers)
    if strong[0]:
        return some * 2 >= len(numbers)
    if any(strong) and some * 2 > len(numbers):
        return True
    return len(numbers) >= 2 and some == len(numbers)


def is_contents_page(lines: list[str]) -> bool:
    """A table of contents page: most lines end with a page number, and the numbers run upward
    (a list of amendments '– s. 11(1)(f) omitted by 2012 c. 7 Sch. 14 para. 97' is not one)."""
    nonblank = [ln for ln in lines if ln.strip()]
    numbers = [int(m.group(2)) for ln in nonblank if (m := CONTENTS_LINE.match(ln.strip()))]
    if len(numbers) < 5 or len(numbers) < 0.5 * len(nonblank):
        return False
    rising = sum(b >= a for a, b in pairwise(numbers))
    return rising >= 0.8 * (len(numbers) - 1)


def _before_contents(lines: list[str]) -> list[str]:
    """What a contents page says before its 'Contents' heading ('Annex B contains important
    additional information ...' above an annex's own table of contents); nothing if no such
    heading."""
    for i, line in enumerate(lines):
        if re.match(r"^\s*(?:table of )?contents\b", line, re.IGNORECASE):
            return lines[:i]
    return []


def drop_footnotes(lines: list[str]) -> list[str]:
    """Footnotes at a page's foot ('24 The Child Safeguarding ...'): references, not guidance.

    They would otherwise cut a paragraph that runs on to the next page in two. Losing body text is
    worse than keeping a note. This is for text without layout (PDF pages the loader could read
    come with their notes after FOOTNOTE_BREAK), so a block is only taken for footnotes when all
    of this holds: it runs to the end of the page; it opens with a note number; the notes' numbers stand earlier on the page as
    superscript markers ('regulations24'); no line of it is a numbered paragraph, subsection,
    list item, bullet or row of figures; its lines are printed lines, not paragraphs, a few to a
    note; and it is not most of the page.
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 3:
        return lines
    for k, i in enumerate(nonblank):
        if (
            k == 0
            or len(nonblank) - k > 0.75 * len(nonblank)
            or FOOTNOTE_START.match(lines[i]) is None
        ):
            continue
        block = [ln for ln in lines[i:] if ln.strip()]
        if any(
            len(ln.strip()) > MAX_FOOTNOTE_LINE or _BODY_LINE.match(ln) or _FIGURES.match(ln)
            for ln in block
        ):
            continue
        numbers = note_numbers(block)
        if len(block) > MAX_LINES_PER_NOTE * len(numbers):  # a note is a few lines, not a page
            continue
        if notes_are_marked("\n".join(lines[:i]), numbers):
            return lines[:i]
    return lines


def clean_text_document(text: str) -> str:
    """Cleaning for web captures and plain text (the seeds)."""
    text = fix_ligatures(text).replace("\r\n", "\n").replace("\r", "\n")
    return join_hyphenated(strip_web_boilerplate(text))


def _collapse_blank_lines(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip()
