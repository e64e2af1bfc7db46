"""What every command shares: the Settings its flags ask for, and JSON printing."""

from __future__ import annotations

import argparse
import json

from assistant.config import Settings, get_settings


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The configured Settings with the flags a command was given (--store, --backend, -k)."""
    overrides = {}
    for name in ("store", "backend", "k"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    base = get_settings()
    return base.model_copy(update=overrides) if overrides else base


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))
