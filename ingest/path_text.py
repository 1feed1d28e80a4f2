"""File paths as text: exact enough to store in the dossier, and one safe line to show.

A file name is bytes: it may hold bytes that are not UTF-8 (Python keeps them as lone
surrogates, which JSON cannot store) and newlines or escape sequences (which would forge
lines of output). ``stored_path`` gives valid text for the dossier; ``shown_path`` and
``one_line`` give a single sanitised line for the terminal.
"""

from __future__ import annotations

import os

from dossier.store.sanitize import sanitize

_LINE_BREAKS = str.maketrans({"\n": "\u240a", "\u2028": "\ufffd", "\u2029": "\ufffd"})


def stored_path(path: str | os.PathLike[str]) -> str:
    """The path as valid Unicode text: bytes that are not UTF-8 appear as ``\\xff`` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def one_line(text: str) -> str:
    """``text`` sanitised for the terminal and kept on one line (a newline shows as "␊")."""
    return sanitize(text.encode("utf-8", "backslashreplace").decode("utf-8")).translate(_LINE_BREAKS)


def shown_path(path: str | os.PathLike[str]) -> str:
    """The path as one safe line of output."""
    return one_line(stored_path(path))
