"""Fixed texts and prompt templates live as files in assistant/prompts/; this loads them by name.

Templates use str.format fields; a missing field raises KeyError rather than rendering a gap.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent / "prompts"


@cache
def load_prompt(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"no prompt named '{name}' in {PROMPTS_DIR}")
    return path.read_text(encoding="utf-8").strip()


def render_prompt(name: str, **fields: object) -> str:
    return load_prompt(name).format(**fields)
