"""CLI commands for the web app: `serve`, and `feedback export`."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from assistant.errors import JoinedUpError


def register(sub) -> None:
    p = sub.add_parser("serve", help="start the web chat (binds 127.0.0.1 unless told otherwise)")
    p.add_argument(
        "--host", help="address to bind (default 127.0.0.1; use 0.0.0.0 to expose, with --auth)"
    )
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--auth", help="USER:PASS basic auth (or JOINEDUP_AUTH)")
    p.add_argument("--store", type=Path)
    p.add_argument("--backend")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("feedback", help="practitioners' feedback from the web chat")
    fsub = p.add_subparsers(dest="feedback_command", required=True)
    e = fsub.add_parser("export", help="write all feedback rows")
    e.add_argument("--csv", type=Path, required=True, help="CSV file to write")
    e.set_defaults(func=cmd_feedback_export)


def parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise JoinedUpError("--auth must look like USER:PASS")
    return user, password


def cmd_serve(args) -> int:
    from assistant.cli.settings import settings_from_args
    from assistant.web.app import launch

    settings = settings_from_args(args)
    host = args.host or settings.host
    port = args.port or settings.port
    auth = parse_auth(args.auth or settings.auth)
    if host not in ("127.0.0.1", "localhost", "::1") and auth is None:
        print(
            f"joinedup: warning: serving on {host} without --auth: anyone on the network can use it",
            file=sys.stderr,
        )
    print(
        f"Joined Up: open http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port} in a browser",
        flush=True,
    )
    signal.signal(
        signal.SIGTERM, _stop
    )  # a service manager's stop shuts down as Ctrl-C does (exports removed)
    launch(settings, host, port, auth)
    return 0


def _stop(signum, frame):
    raise KeyboardInterrupt


def cmd_feedback_export(args) -> int:
    from assistant.cli.settings import settings_from_args
    from assistant.feedback import FeedbackStore

    n = FeedbackStore(settings_from_args(args).feedback_db).export_csv(args.csv)
    print(f"{n} feedback row(s) written to {args.csv}")
    return 0
