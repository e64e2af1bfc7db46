"""How a gold quote is matched against passage text: case, whitespace, quote marks, dashes and
ligatures are normalised on both sides; everything else must match exactly."""

from __future__ import annotations

from assistant.text import as_typed

# Quote marks, dashes, ligatures, odd spaces and case are compared as typed (see as_typed).
normalise = as_typed


def contains_quote(passage_text: str, quote: str) -> bool:
    """True when the (normalised) quote occurs inside the (normalised) passage."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(passage_text)
