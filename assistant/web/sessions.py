"""Bounding what the web app keeps per session.

Gradio keeps a session for every caller, each with its own copy of the page's configuration
(measured: ~77 KiB for this app), until 10,000 are held: ~0.8 GB, the rise from ~1.0 to 1.8 GB
seen over ~11,000 questions to the /ask API. Two bounds: browser sessions (a conversation each)
are capped by Settings.web_sessions, least recently used first; and an /ask API call's session,
which holds no conversation, is forgotten soon after its answer."""

from __future__ import annotations

import threading
from collections import deque


class ApiSessions:
    """Forgets the sessions of API calls. A call's session goes once `keep` later calls have come
    in: with `keep` at least the queue's size plus its concurrency, it has been answered by then
    (were it not, Gradio would just open it afresh). A session holding conversation state (the chat
    tab's) is never touched."""

    def __init__(self, keep: int):
        self.keep = keep
        self._recent: deque[str] = deque()
        self._lock = threading.Lock()

    def called(self, holder, session_hash: str | None) -> None:
        """Note an API call's session; forget those of calls `keep` calls ago."""
        if holder is None or not session_hash:
            return
        with self._lock:
            self._recent.append(session_hash)
            while len(self._recent) > self.keep:
                self._forget(holder, self._recent.popleft())

    def _forget(self, holder, session_hash: str) -> None:
        if (
            session_hash in self._recent
        ):  # the same client called again since: keep it for that call
            return
        with holder.lock:
            session = holder.session_data.get(session_hash)
            if session is not None and not session.state_data:
                del holder.session_data[session_hash]
                holder.time_last_used.pop(session_hash, None)
