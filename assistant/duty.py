"""Duty marking: does a passage state a requirement ('must'), an expectation ('should'), or neither?"""

from __future__ import annotations

import re

MUST = re.compile(r"\b(must|shall|is required to|are required to|have a duty|has a duty|statutory duty)\b", re.IGNORECASE)
SHOULD = re.compile(r"\b(should|are expected to|is expected to|ought to)\b", re.IGNORECASE)


def duty_of(text: str) -> str | None:
    if MUST.search(text):
        return "must"
    if SHOULD.search(text):
        return "should"
    return None
