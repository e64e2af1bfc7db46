"""The vectors of every quotable sentence in the index, computed at ingest so that an answer can
score its candidate sentences by meaning without running the model on them.

Kept beside the Chroma collection in each generation (GENERATION/sentences/): `vectors.npy`
(float16, one row per distinct sentence text, read memory-mapped) and `index.json` (the texts in
row order, the chunks whose sentences are all there, and VERSION). A text is the sentence as the
extractive backend embeds it (`meaning_text`), so a lookup is by text: the same sentence in two
chunks or two editions is stored once. Never a cause of failure: a sentence not found is embedded
when asked (assistant/sentence_meaning.py)."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.quotable import Unit, quotable_units

FOLDER = "sentences"
VECTORS = "vectors.npy"
INDEX = "index.json"
# What is embedded for each sentence: bump when quotable_units, the sentence splitter or
# meaning_text changes it, and the next ingest embeds every sentence again (a store of another
# version reads as empty). 2: a footnote number glued after a quotation's full stop ends the
# sentence (assistant/text.py). 3: a contact block run into a sentence is its head, not quoted;
# a lowercase-labelled list item run into the sentence before it is a sentence of its own. 4: ... or
# into its lead-in, which then brings its items. 5: a list's last point run into a heading and
# the sentence after it is split from them. 6: ... or a list's point run into the next list's short
# lead-in ('… judged clearly The conference chair:') is split from it. 7: a list of resources run
# into one line is split into its entries, each quotable ('Name – what it is'), unless the piece
# reads as a sentence; and a point going on to a reference ('… in Annex B:') is not cut before it.
# 8: a footnote the PDF set inside a sentence ('… will ensure that 193 Care leavers are …') is a
# sentence of its own. 9: an Act's list after a dash ('… each of the following—' then '(a) …;')
# is a lead-in with its items, less repealed items ('F59(c) . . . .'). 10: a numbered list whose
# numbers stand on lines of their own ('1.' then 'The family consents …') is its lead-in's items.
# 11: a question over bulleted points is their lead-in ('What needs to improve …?'); a point that is
# a sentence ended by a semicolon is quotable ('• The IRO … must check … within 5 working days;').
# 12: a chunk's last sentence left open is embedded too, as a page's foot note quotes it ('… who are
# not social work qualified'): answers then run no model for it (68 sentences over the corpus).
# 13: a contact block's labels and telephone numbers are set apart from the sentence they ran into
# ('E: … T: 0207 … IRH is a specialist team …': 4 sentences over the corpus).
VERSION = 13
ITEMS_IN_TEXT = 3  # list items embedded with their lead-in


def meaning_text(unit: Unit) -> str:
    """What the model reads of a quotable unit: the sentence, and a list's first items."""
    return " ".join((unit.text, *unit.items[:ITEMS_IN_TEXT]))


def sentence_texts(chunk_text: str) -> list[str]:
    """The distinct meaning texts of a chunk's quotable units, in reading order, read as body text
    and as a foot note (whose last sentence may be open: the store does not say which it is)."""
    units = [*quotable_units(chunk_text), *quotable_units(chunk_text, note=True)]
    return list(dict.fromkeys(meaning_text(u) for u in units))


@dataclass
class SentenceVectors:
    """One generation's stored sentence vectors: a text's vector, if it is there."""

    texts: list[str] = field(default_factory=list)
    covered: frozenset[str] = frozenset()  # chunk ids whose every sentence is stored
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float16))
    _rows: dict[str, int] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def read(cls, generation: Path | None) -> SentenceVectors:
        """The generation's vectors; empty when it has none, or of another VERSION, or unreadable
        (answers then embed the sentences they need, and the next ingest stores them again)."""
        folder = generation / FOLDER if generation else None
        if folder is None or not (folder / INDEX).is_file():
            return cls()
        try:
            index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
            if index.get("version") != VERSION:
                return cls()
            texts, chunks = list(index["texts"]), frozenset(index["chunks"])
            matrix = np.load(folder / VECTORS, mmap_mode="r")
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()  # not JSON, not an object, a key missing, or no readable vectors
        if matrix.ndim != 2 or matrix.shape[0] != len(texts):
            return cls()
        return cls(texts, chunks, matrix)

    def __len__(self) -> int:
        return len(self.texts)

    def __contains__(self, text: str) -> bool:
        return text in self.rows

    @property
    def rows(self) -> dict[str, int]:
        if self._rows is None:
            with self._lock:
                if self._rows is None:
                    self._rows = {text: row for row, text in enumerate(self.texts)}
        return self._rows

    def get(self, text: str) -> np.ndarray | None:
        row = self.rows.get(text)
        return None if row is None else np.asarray(self.matrix[row], dtype=np.float32)

    def merged(
        self, texts: list[str], matrix: np.ndarray, covered: set[str], keep_chunks: set[str]
    ) -> SentenceVectors:
        """These vectors plus new ones (texts not stored yet), covering only chunks still kept."""
        rows = self.rows
        first = {}  # each new text's first row in `texts`
        for i, text in enumerate(texts):
            if text not in rows:
                first.setdefault(text, i)
        new = list(first.values())
        parts = [np.asarray(self.matrix, dtype=np.float16)] if len(self) else []
        if new:
            parts.append(np.asarray(matrix, dtype=np.float16)[new])
        return SentenceVectors(
            self.texts + [texts[i] for i in new],
            frozenset((self.covered | covered) & keep_chunks),
            np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float16),
        )

    def only(self, wanted: set[str]) -> SentenceVectors:
        """The vectors of these texts alone (a fresh generation leaves out deleted chunks')."""
        keep = [row for row, text in enumerate(self.texts) if text in wanted]
        return SentenceVectors(
            [self.texts[row] for row in keep],
            self.covered,
            np.asarray(self.matrix, dtype=np.float16)[keep]
            if keep
            else np.zeros((0, 0), dtype=np.float16),
        )

    def write(self, generation: Path) -> None:
        folder = generation / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / VECTORS, "wb") as handle:
            np.save(handle, np.asarray(self.matrix, dtype=np.float16))
            handle.flush()
            os.fsync(handle.fileno())
        index = {"version": VERSION, "texts": self.texts, "chunks": sorted(self.covered)}
        (folder / INDEX).write_text(json.dumps(index), encoding="utf-8")
