"""What the web server lets through, as ASGI middleware around Gradio's app:

- login throttling: Gradio checks `--auth` passwords as fast as they come (200 wrong logins in
  0.2 s). After FREE_FAILURES wrong logins in a row from one client address, that client must wait
  BASE_DELAY seconds, doubling with each further failure (at most MAX_DELAY), before a login is
  checked at all; until then it gets 429 with Retry-After. A correct login resets the count.
- served files: a document opened from the sources panel is the document's own bytes, on the app's
  own origin. An HTML document could carry script, so HTML-like files are served sandboxed (no
  script, no same-origin access) and nothing is MIME-sniffed.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

FREE_FAILURES = 5
BASE_DELAY = 1.0  # seconds, after the FREE_FAILURES-th failure
MAX_DELAY = 300.0
MAX_CLIENTS = 10_000  # remembered client addresses; the quietest are forgotten first
SANDBOXED_TYPES = (
    b"text/html",
    b"application/xhtml+xml",
    b"image/svg+xml",
    b"text/xml",
    b"application/xml",
)


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds this client must still wait before its next login is checked."""
        if self.count < FREE_FAILURES:
            return 0.0
        delay = min(MAX_DELAY, BASE_DELAY * 2 ** (self.count - FREE_FAILURES))
        return max(0.0, self.last + delay - now)


class LoginThrottle:
    """Per client address: exponential delay after FREE_FAILURES wrong logins (see module doc)."""

    def __init__(self, app, clock=time.monotonic):
        self.app = app
        self.clock = clock
        self.failures: dict[str, _Failures] = {}

    async def __call__(self, scope, receive, send):
        if not _is_login(scope):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        record = self.failures.get(client)
        wait = record.wait(self.clock()) if record else 0.0
        if wait > 0:
            return await _too_many(send, wait)

        async def watch(message):
            if message["type"] == "http.response.start":
                self._count(client, message["status"])
            await send(message)

        await self.app(scope, receive, watch)

    def _count(self, client: str, status: int) -> None:
        if status < 300:
            self.failures.pop(client, None)
        elif status in (400, 401, 403):
            if client not in self.failures and len(self.failures) >= MAX_CLIENTS:
                del self.failures[min(self.failures, key=lambda c: self.failures[c].last)]
            record = self.failures.setdefault(client, _Failures())
            record.count += 1
            record.last = self.clock()


class FileHeaders:
    """Served files are never MIME-sniffed, and HTML-like ones are sandboxed."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or "/file=" not in scope.get("path", ""):
            return await self.app(scope, receive, send)

        async def headers(message):
            if message["type"] == "http.response.start":
                found = dict(message.get("headers") or [])
                kind = found.get(b"content-type", b"").lower()
                extra = [(b"x-content-type-options", b"nosniff")]
                if kind.startswith(SANDBOXED_TYPES):
                    extra.append((b"content-security-policy", b"sandbox"))
                message = {**message, "headers": [*(message.get("headers") or []), *extra]}
            await send(message)

        await self.app(scope, receive, headers)


def middleware() -> list:
    """For gr.Blocks.launch(app_kwargs={"middleware": middleware()})."""
    from starlette.middleware import Middleware

    return [Middleware(FileHeaders), Middleware(LoginThrottle)]


def _is_login(scope) -> bool:
    return (
        scope["type"] == "http"
        and scope.get("method") == "POST"
        and scope.get("path", "").rstrip("/").rsplit("/", 1)[-1] == "login"
    )


async def _too_many(send, wait: float) -> None:
    body = b'{"detail": "Too many failed logins: wait before trying again."}'
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(math.ceil(wait)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
