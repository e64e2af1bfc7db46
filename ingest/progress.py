"""What an ingest shows while it works.

On a terminal: a tqdm bar per phase (reading: documents with pages and chunks found; embedding:
chunks, with the time left). Elsewhere (a log file, CI, a service manager): a plain line at
least every `interval_s` seconds (document n of N, chunks, rate), so a long first index is not
minutes of silence. A heartbeat thread writes the line even while one big document is read.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import TextIO


class IngestProgress:
    def __init__(self, documents: int, interval_s: float = 10.0, stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.tty = _isatty(self.stream)
        self.interval_s = interval_s
        self.documents_total = documents
        self.documents_read = 0
        self.current = ""
        self._in_document = False
        self.pages = 0
        self.chunks = 0
        self.chunks_total = 0
        self.embedded = 0
        self.noun = "chunk"  # what the embedding phase embeds: chunks, then sentences
        self.phase = "reading"
        self._started = self._phase_started = time.monotonic()
        self._last_line = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._bar = None

    # --- lifecycle: one `with` per phase (reading, then `with progress.embedding(n):`) ----------

    def __enter__(self) -> IngestProgress:
        total, unit = (
            (self.documents_total, "doc")
            if self.phase == "reading"
            else (self.chunks_total, self.noun)
        )
        if not total:
            return self
        self._phase_started = time.monotonic()
        if self.tty:
            self._bar = self._new_bar(total, self.phase, unit)
            self._bar.set_postfix_str(self._bar_postfix(), refresh=False)
        elif self.interval_s > 0:
            self._last_line = time.monotonic()
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._heartbeat, name="ingest-progress", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    # --- events from the pipeline -------------------------------------------------------------

    def reading(self, name: str) -> None:
        self.current, self._in_document = name, True

    def read(self, pages: int = 0, chunks: int = 0) -> None:
        """One document done (read, or skipped as unreadable: no pages, no chunks)."""
        self.documents_read += 1
        self._in_document = False
        self.pages += pages
        self.chunks += chunks
        if self._bar is not None:
            self._bar.set_postfix_str(self._bar_postfix(), refresh=False)
            self._bar.update(1)
        self._maybe_line()

    def embedding(self, chunks: int, noun: str = "chunk") -> IngestProgress:
        """Reading is over; `chunks` passages (or sentences: `noun`) are to be embedded: use as
        `with progress.embedding(n):`."""
        self.phase, self.chunks_total, self.embedded, self.noun = "embedding", chunks, 0, noun
        self._phase_started = time.monotonic()
        return self

    def embedded_chunks(self, n: int) -> None:
        self.embedded += n
        if self._bar is not None:
            self._bar.update(n)
        self._maybe_line()

    def _bar_postfix(self) -> str:
        if self.phase == "reading":
            return f"{self.pages:,} pages, {self.chunks:,} chunks"
        return f"{self.documents_read} documents, {self.pages:,} pages"

    # --- plain lines --------------------------------------------------------------------------

    def line(self) -> str:
        now = time.monotonic()
        elapsed = max(now - self._phase_started, 1e-9)
        total = _duration(now - self._started)
        if self.phase == "reading":
            n, doing = (
                (self.documents_read + 1, "reading")
                if self._in_document
                else (self.documents_read, "read")
            )
            return (
                f"ingest: {doing} document {n} of {self.documents_total} ({self.current}); "
                f"{self.pages:,} pages, {self.chunks:,} chunks so far; "
                f"{self.documents_read / elapsed:.2f} documents/s; {total} elapsed"
            )
        rate = self.embedded / elapsed
        left = (self.chunks_total - self.embedded) / rate if rate > 0 else None
        eta = f", about {_duration(left)} left" if left is not None else ""
        source = (
            f" from {self.documents_read} of {self.documents_total} documents ({self.pages:,} pages)"
            if self.documents_read
            else ""
        )
        return (
            f"ingest: embedding {self.noun} {self.embedded:,} of {self.chunks_total:,}{source}; "
            f"{rate:.1f} {self.noun}s/s{eta}; {total} elapsed"
        )

    def _maybe_line(self) -> None:
        if not self.tty and time.monotonic() - self._last_line >= self.interval_s:
            self._emit()

    def _emit(self) -> None:
        with self._lock:
            print(self.line(), file=self.stream, flush=True)
            self._last_line = time.monotonic()

    def _heartbeat(self) -> None:
        tick = min(self.interval_s, 1.0)
        while not self._stop.wait(tick):
            if time.monotonic() - self._last_line >= self.interval_s:
                self._emit()

    def _new_bar(self, total: int, desc: str, unit: str):
        from tqdm import tqdm

        # tqdm hides its bar on a terminal that reports no size (a bare pseudo-terminal, e.g. under
        # `script` or a container without a tty size): assume 100 x 24 there.
        size = shutil.get_terminal_size((100, 24))
        return tqdm(
            total=total,
            desc=desc,
            unit=unit,
            file=self.stream,
            leave=True,
            ncols=size.columns or 100,
            nrows=size.lines or 24,
        )


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s"
