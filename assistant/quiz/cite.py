"""How a quiz names the passage it cites: short document names for questions, full references
for rationales and answer keys."""

from __future__ import annotations

import re

from assistant.types import Citation

MAX_TITLE = 56


def short_title(title: str) -> str:
    """The title, or for a long one its head: 'Information sharing: advice for practitioners'."""
    title = " ".join(title.split())
    if len(title) <= MAX_TITLE:
        return title
    head, colon, tail = title.partition(": ")
    if colon and len(head) < MAX_TITLE - 10:
        return f"{head}: {' '.join(tail.split()[:3])}".rstrip(",;")
    cut = title[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(",:;")
    return f"{cut}…"


def year_of(edition: str) -> str:
    found = re.search(r"\b(19|20)\d\d\b", edition or "")
    return found.group(0) if found else (edition or "n.d.")


def document_name(citation: Citation) -> str:
    """'Working Together to Safeguard Children 2023' or 'Information sharing: advice… (2024)'."""
    chunk = citation.passage.chunk
    title, year = short_title(chunk.title), year_of(chunk.edition)
    return title if year in title else f"{title} ({year})"


def last_section(section: str) -> str:
    last = (section or "").split(" > ")[-1].strip().rstrip(":")
    return last.replace("“", "‘").replace("”", "’")


def reference(citation: Citation) -> str:
    """Title (edition), section, paragraph, page: what a trainer needs to find the passage."""
    chunk = citation.passage.chunk
    edition = chunk.edition or "n.d."
    parts = [f"{chunk.title}, {edition}" if "(" in edition else f"{chunk.title} ({edition})"]
    if chunk.section:
        parts.append(f"section “{last_section(chunk.section)}”")
    if chunk.paragraph:
        parts.append(f"para {chunk.paragraph}")
    if chunk.page:
        parts.append(f"p. {chunk.page}")
    return ", ".join(parts)
