"""Which addresses may become links: only absolute http(s) URLs (never javascript:, data: or a
relative path). Used by every renderer, web or file."""

from __future__ import annotations

from urllib.parse import urlsplit


def web_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address, else None: only those become links."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None
