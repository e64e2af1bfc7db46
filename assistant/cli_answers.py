"""CLI commands that answer: ask, search, serve (registered into the main parser)."""

from __future__ import annotations


def register(sub) -> None:
    return None
