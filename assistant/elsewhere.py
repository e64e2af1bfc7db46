"""Where to look instead, for a refused question about a field next to safeguarding (benefits,
immigration, housing law, pay, medicines) that the guidance does not cover: the refusal names the
field and who can answer (assistant/data/elsewhere.yaml), not only the generic safeguarding
sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIELDS_FILE = Path(__file__).resolve().parent / "data" / "elsewhere.yaml"


@dataclass(frozen=True)
class Field:
    name: str
    look: str
    patterns: tuple[re.Pattern, ...]


def _pattern(phrase: str) -> re.Pattern:
    words = r"\s+".join(re.escape(p) for p in phrase.split())
    flags = 0 if phrase.isupper() else re.IGNORECASE  # 'UC' as typed, not the letters 'uc'
    return re.compile(rf"(?<![\w'’]){words}(?!\w)", flags)


@cache
def fields(path: Path = FIELDS_FILE) -> tuple[Field, ...]:
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return tuple(
        Field(e["field"], e["look"], tuple(_pattern(w) for w in e["when"])) for e in entries
    )


def field_asked(question: str) -> Field | None:
    """The first field whose words the question uses, or None."""
    return next((f for f in fields() if any(p.search(question) for p in f.patterns)), None)
