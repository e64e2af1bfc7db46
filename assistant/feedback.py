"""Practitioners' feedback on answers (thumbs up/down, 'the evidence is wrong', a comment), kept in
SQLite with the question, answer and citations so a developer can see what went wrong."""

from __future__ import annotations

import csv
import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

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
COLUMNS = ("id", "created_at", "rating", "comment", "question", "answer", "refused", "citations", "backend")


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(SCHEMA)
        return conn

    def record(self, rating: str, answer: dict, comment: str = "") -> int:
        """Store one rating of an answer (the dict of Answer.to_dict()); returns its row id."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        citations = [
            {k: c.get(k) for k in ("n", "doc_id", "title", "edition", "section", "paragraph", "page", "text")}
            for c in answer.get("citations", [])
        ]
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, refused, citations, backend)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (datetime.now(UTC).isoformat(timespec="seconds"), rating, comment.strip()[:2000],
                 answer.get("question", ""), answer.get("answer", ""), int(bool(answer.get("refused"))),
                 json.dumps(citations, ensure_ascii=False), answer.get("backend", "")),
            )
            return int(cur.lastrowid)

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self._connect() as conn:
            return [dict(zip(COLUMNS, row, strict=True)) for row in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")]

    def export_csv(self, out: Path) -> int:
        rows = self.rows()
        with open(out, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        return len(rows)
