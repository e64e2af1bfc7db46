"""How a gold quote is matched against passage text: case, whitespace, quote marks, dashes and
ligatures are normalised on both sides; everything else must match exactly."""

from __future__ import annotations

import re

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb00": "ff",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip().lower()


def contains_quote(passage_text: str, quote: str) -> bool:
    """True when the (normalised) quote occurs inside the (normalised) passage."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(passage_text)
