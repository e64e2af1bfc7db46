"""`joinedup` command line: builds the parser from one module a command group, runs the command,
and is the only place (with the web app) that turns library errors into messages and exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys

from assistant.config import apply_offline_environment
from assistant.errors import JoinedUpError

COMMAND_MODULES = ("library", "answers", "serve", "quiz", "evaluate")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="joinedup",
        description="Cited answers over multi-agency safeguarding guidance (England and Wales).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"assistant.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    apply_offline_environment()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except JoinedUpError as exc:
        print(f"joinedup: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("joinedup: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
