"""legislation.gov.uk prints of revised Acts: the amendment markers round changed words.

A revised Act prints words an amendment inserted or substituted in square brackets with the
annotation's number glued to the first word: '(b) [F83an integrated care board] for an area',
'[F8416F Local child safeguarding practice reviews', '16B F79Functions of the Panel'. Left in, a marker splits a definition from
its list (the PDF sets '[' on a line of its own) and hides a section's title from the chunker.
The notes that explain each marker ('F83 Words in s. 16E(3) substituted ...') stay."""

from __future__ import annotations

import re

NOTE = re.compile(r"^([FC])(\d+)\s", re.MULTILINE)  # 'F83 Words in s. 16E(3) substituted ...'
OPENING = re.compile(r"\[\s*([FC])(\d+)")  # '[F83an', '[\nF8416F Local ...'
# A section whose title an amendment substituted: '16B F79Functions of the Panel'
GLUED_TITLE = re.compile(r"^(\d{1,3}[A-Z]{0,2}\s+)([FC])(\d+)(?=[A-Z])", re.MULTILINE)


def unmark_amendments(pages: list[str]) -> list[str]:
    """The pages without amendment brackets and the marker numbers glued to the amended words."""
    notes = {(m.group(1), m.group(2)) for page in pages for m in NOTE.finditer(page)}
    if not notes or not any(OPENING.search(page) for page in pages):
        return pages

    def drop_marker(match: re.Match) -> str:
        letter, digits = match.group(1), match.group(2)
        # '[F8416F ...' is marker F84 then section 16F: the longest number a note explains
        for end in range(len(digits), 0, -1):
            if (letter, digits[:end]) in notes:
                return digits[end:]
        return ""

    def drop_glued(match: re.Match) -> str:
        explained = (match.group(2), match.group(3)) in notes
        return match.group(1) if explained else match.group(0)

    return [
        GLUED_TITLE.sub(drop_glued, OPENING.sub(drop_marker, page)).replace("]", "")
        for page in pages
    ]
