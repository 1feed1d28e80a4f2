"""The check mark: a note beside a dossier that one exact version of its file already passed the record check.

The record check (``record_schema``) reads every record and span, which costs about a third of
parsing the file. A version the store wrote itself, or one it checked before, needs no second
check: same inode, size and modification time mean the same bytes. Any other writer (an
editor, a copy, a download, a restore) makes a new version, which is checked in full. The mark
is only a hint: missing, unreadable or stale, it means the check runs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from dossier.store.storage import FileSignature


def mark_path(path: Path) -> Path:
    """The hidden mark file beside a dossier (``name.json`` -> ``.name.json.checked``)."""
    return path.with_name(f".{path.name}.checked")


def _line(signature: FileSignature) -> bytes:
    """The mark's content: the checked version's inode, size and modification time."""
    return " ".join(map(str, signature)).encode("ascii")


def is_checked(path: Path, signature: FileSignature | None) -> bool:
    """Whether this version of the file (``signature`` from reading it) is marked as checked."""
    if signature is None:
        return False
    try:
        with open(mark_path(path), "rb") as handle:
            return handle.read(100) == _line(signature)
    except OSError:
        return False


def mark_checked(path: Path, signature: FileSignature | None) -> None:
    """Mark this version of the file as checked; silently nothing where the folder is read-only."""
    if signature is None:
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC  # never write through a link
    with contextlib.suppress(OSError):
        fd = os.open(mark_path(path), flags, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_line(signature))
