"""Practitioners' feedback on answers (thumbs up/down, 'the evidence is wrong', a comment), kept in
SQLite with the question, answer and citations so a developer can see what went wrong.

Nothing personal is kept: the question and the comment are stored redacted (assistant.safety),
rows stored by older versions are redacted when the file is first opened, and SQLite overwrites
deleted text (secure_delete) so none lingers in the file. The CSV export neutralises cells a
spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

from assistant.errors import CannotWrite
from assistant.safety import redact

RATINGS = ("up", "down", "wrong_evidence")
SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    refused INTEGER NOT NULL,
    citations TEXT NOT NULL,
    backend TEXT NOT NULL DEFAULT ''
)
"""
COLUMNS = (
    "id",
    "created_at",
    "rating",
    "comment",
    "question",
    "answer",
    "refused",
    "citations",
    "backend",
)
REDACTED_VERSION = 1  # PRAGMA user_version once every stored question and comment is redacted
# A cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value):
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a single quote."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():  # readable by its owner only
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute(SCHEMA)
        if conn.execute("PRAGMA user_version").fetchone()[0] < REDACTED_VERSION:
            self._redact_stored(conn)
        return conn

    @staticmethod
    def _redact_stored(conn: sqlite3.Connection) -> None:
        """Rows written before questions were redacted: redact them now, and leave no copy behind."""
        with conn:
            rows = conn.execute("SELECT id, question, comment FROM feedback").fetchall()
            redacted = [(redact(q), redact(c), i) for i, q, c in rows]
            changed = [
                new for new, (_, q, c) in zip(redacted, rows, strict=True) if new[:2] != (q, c)
            ]
            conn.executemany("UPDATE feedback SET question = ?, comment = ? WHERE id = ?", changed)
            conn.execute(f"PRAGMA user_version = {REDACTED_VERSION}")
        if changed:
            conn.execute("VACUUM")

    def record(self, rating: str, answer: dict, comment: str = "") -> int:
        """Store one rating of an answer (the dict of Answer.to_dict()); returns its row id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        citations = [
            {
                k: c.get(k)
                for k in ("n", "doc_id", "title", "edition", "section", "paragraph", "page", "text")
            }
            for c in answer.get("citations", [])
        ]
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, refused, citations, backend)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    rating,
                    redact(comment.strip())[:2000],
                    redact(answer.get("question", "")),
                    answer.get("answer", ""),
                    int(bool(answer.get("refused"))),
                    json.dumps(citations, ensure_ascii=False),
                    answer.get("backend", ""),
                ),
            )
            return int(cur.lastrowid)

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self._connect() as conn:
            return [
                dict(zip(COLUMNS, row, strict=True))
                for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")
            ]

    def export_csv(self, out: Path) -> int:
        """Write every row to `out` (replaced whole, readable by its owner only); returns the count.
        Raises CannotWrite, with the reason in words, when the file cannot be written."""
        out = Path(out)
        if out.is_dir():
            raise CannotWrite(out, "it is a folder: give a file name, e.g. feedback.csv")
        if not out.parent.is_dir():
            raise CannotWrite(out, f"the folder {out.parent} does not exist")
        if out.exists() and not os.access(out, os.W_OK):
            raise CannotWrite(out, "the file is read-only")
        rows = [{k: neutralise(v) for k, v in row.items()} for row in self.rows()]
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        except OSError as exc:
            raise CannotWrite(out, (exc.strerror or str(exc)).lower()) from exc
        try:
            with open(fd, "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
            os.replace(tmp, out)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise CannotWrite(out, (exc.strerror or str(exc)).lower()) from exc
        return len(rows)
