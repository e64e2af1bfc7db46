"""Duty marking: does a passage state a requirement ('must'), an expectation ('should'), or neither?"""

from __future__ import annotations

import re

MUST = re.compile(
    r"\b(must|shall|is required to|are required to|have a duty|has a duty|statutory duty)\b",
    re.IGNORECASE,
)
SHOULD = re.compile(r"\b(should|are expected to|is expected to|ought to)\b", re.IGNORECASE)


# Reviews, research, commentary and inspection reports argue that services "must" change; that is
# their authors' view, not a duty on a practitioner, so their passages carry no duty marker.
NO_DUTY_KINDS = re.compile(
    r"commentary|research|review|inspection|report|evaluation|analysis", re.IGNORECASE
)


def duty_of(text: str, kind: str = "guidance") -> str | None:
    """'must' or 'should' as the passage words it, for documents that can place duties."""
    if NO_DUTY_KINDS.search(kind or ""):
        return None
    if MUST.search(text):
        return "must"
    if SHOULD.search(text):
        return "should"
    return None
