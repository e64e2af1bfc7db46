"""A JSON-over-HTTP fake server on 127.0.0.1 for the model backends' tests: it records each
request and answers with what `respond(body)` returns."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tests.conftest import free_port


class JsonServer(http.server.BaseHTTPRequestHandler):
    requests: list = []
    respond: Callable[[dict], dict] = staticmethod(lambda body: {})

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        data = json.dumps(type(self).respond(body)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@contextmanager
def json_server(respond: Callable[[dict], dict]) -> Iterator[tuple[type[JsonServer], str]]:
    """(handler class with .requests, base URL) of a server running until the block ends."""
    handler = type("Handler", (JsonServer,), {"requests": [], "respond": staticmethod(respond)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield handler, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
