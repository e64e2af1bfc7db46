"""Moodle GIFT: writing multiple-choice questions with every special character escaped, and a
small parser for the same subset, so what we write is proved to read back as written."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPECIAL = "~=#{}:"
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)


def escape(text: str) -> str:
    """Backslash first, then ~ = # { } : (Moodle's GIFT format); newlines become \\n."""
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def question(
    title: str, text: str, options: list[str], answer_index: int, feedback: str = ""
) -> str:
    lines = [f"::{escape(title)}::{escape(text)} {{"]
    for i, option in enumerate(options):
        lines.append(f"\t{'=' if i == answer_index else '~'}{escape(option)}")
    if feedback:
        lines.append(f"\t####{escape(feedback)}")
    lines.append("}")
    return "\n".join(lines)


@dataclass
class ParsedQuestion:
    title: str
    text: str
    options: list[str]
    answer_index: int
    feedback: str = ""


def _split_unescaped(text: str, chars: str) -> list[tuple[str, str]]:
    """(marker, piece) pairs: each piece starts after an unescaped marker char from chars."""
    pieces, marker, current, i = [], "", [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if c in chars:
            pieces.append((marker, "".join(current)))
            marker, current = c, []
        else:
            current.append(c)
        i += 1
    pieces.append((marker, "".join(current)))
    return pieces


def _find_unescaped(text: str, char: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def parse(source: str) -> list[ParsedQuestion]:
    """Multiple-choice GIFT questions (title, text, =right, ~wrong, ####general feedback);
    raises ValueError on anything malformed, as Moodle's import would refuse it."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith("//")]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", "\n".join(lines)) if b.strip()]
    return [_parse_block(block) for block in blocks]


def _parse_block(block: str) -> ParsedQuestion:
    title = ""
    if block.startswith("::"):
        end = block.find("::", 2)
        while end != -1 and block[end - 1] == "\\":
            end = block.find("::", end + 1)
        if end == -1:
            raise ValueError(f"unterminated title in: {block[:60]}")
        title, block = unescape(block[2:end]), block[end + 2 :]
    opening = _find_unescaped(block, "{")
    closing = _find_unescaped(block, "}", opening + 1) if opening != -1 else -1
    if opening == -1 or closing == -1 or block[closing + 1 :].strip():
        raise ValueError(f"question without one answer block: {block[:60]}")
    text = re.sub(r"^\[(markdown|html|plain|moodle)\]", "", block[:opening].strip())
    body, feedback = block[opening + 1 : closing], ""
    general = body.find("####")
    while general != -1 and body[general - 1] == "\\":
        general = body.find("####", general + 1)
    if general != -1:
        body, feedback = body[:general], unescape(body[general + 4 :].strip())
    options, answer_index = [], -1
    for marker, piece in _split_unescaped(body, "=~"):
        if not marker:
            if piece.strip():
                raise ValueError(f"text before the first answer: {piece.strip()[:40]}")
            continue
        answer = _split_unescaped(piece, "#")[0][1]
        if marker == "=":
            if answer_index != -1:
                raise ValueError("two correct answers")
            answer_index = len(options)
        options.append(unescape(answer.strip()))
    if answer_index == -1:
        raise ValueError("no correct answer")
    return ParsedQuestion(title, unescape(text), options, answer_index, feedback)
