"""Opening input files safely. Only regular files are read: a named pipe blocks forever on open
and a link to /dev/zero never ends. Files are opened without blocking and checked on the open
descriptor, so a file swapped for a pipe after it was found is still refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from assistant.errors import UnreadableDocument

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_regular(mode: int) -> str | None:
    """What a non-regular file is ('a named pipe (FIFO)'), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def regular_file_size(path: Path, max_bytes: int | None = None) -> int:
    """The size of a regular file (a link to one is fine), or UnreadableDocument saying why not."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise UnreadableDocument(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    return _checked(path, info, max_bytes)


def open_regular(path: Path, max_bytes: int | None = None) -> BinaryIO:
    """Open a regular file for reading in binary, never blocking on a pipe or device."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnreadableDocument(str(path), f"cannot read file ({exc.strerror or exc})") from exc
    try:
        _checked(path, os.fstat(fd), max_bytes)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def too_large(size: int, limit: int, setting: str, unit: str = "bytes") -> str:
    return f"too large: {_amount(size, unit)} (limit {_amount(limit, unit)}, {setting})"


def _amount(n: int, unit: str) -> str:
    if unit == "bytes":
        return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
    return f"{n:,} {unit}"


def _checked(path: Path, info: os.stat_result, max_bytes: int | None) -> int:
    kind = not_regular(info.st_mode)
    if kind:
        raise UnreadableDocument(str(path), f"not a regular file: {kind}")
    if max_bytes is not None and info.st_size > max_bytes:
        raise UnreadableDocument(
            str(path), too_large(info.st_size, max_bytes, "JOINEDUP_MAX_FILE_BYTES")
        )
    return info.st_size
