"""Checking what the user types and sets before any work starts: counts, REFs, paths, ``-j``
and the environment variables that tune an ingest.

Every bad value ends as one line naming the argument or variable and what it must be (through
``OneLineParser.error`` or ``BadSetting``), never a traceback from deep inside a library: a
negative ``--limit`` once reached a C++ vector, an empty path meant the current folder.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from typing import NoReturn

from dossier.output import one_line

MAX_COUNT = 1_000_000
"""The largest ``--limit`` taken: more rows than any dossier lists, small enough for every library."""


class BadSetting(Exception):
    """An environment variable or option value that cannot be used; its message is the one line to print."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        """Print ``dossier: MESSAGE (see PROG --help)`` and exit 2, instead of the usage block."""
        print(f"dossier: {one_line(message)} (see {self.prog} --help)", file=sys.stderr)
        sys.exit(2)


def count(text: str) -> int:
    """An argparse type: a whole number from 0 to ``MAX_COUNT``."""
    return _whole(text, 0)


def positive_count(text: str) -> int:
    """An argparse type: a whole number from 1 to ``MAX_COUNT``."""
    return _whole(text, 1)


def _whole(text: str, lowest: int) -> int:
    """``text`` as a whole number from ``lowest`` to ``MAX_COUNT``, else an argparse error saying so."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not lowest <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be from {lowest} to {MAX_COUNT:,}, not {text}")
    return value


def jobs(text: str) -> int:
    """An argparse type for ``-j``: 0 (the default choice) or more worker processes."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (automatic) or more, not {text}")
    return value


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def capped_jobs(asked: int, default: int) -> tuple[int, str | None]:
    """The worker processes to start for ``-j asked`` (0: ``default``), at most one per usable
    core (each worker holds its own language model), and a note when fewer than asked."""
    if asked == 0:
        return default, None
    cores = usable_cores()
    if asked > cores:
        return cores, f"-j {asked} is more than the {cores} cores here; using {cores}"
    return asked, None


def text(value: str) -> str:
    """An argparse type for a REF or query: anything but an empty or all-blank string."""
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value


def path(value: str) -> str:
    """An argparse type for a file or folder: anything but an empty string (never "the current folder")."""
    if not value:
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return value


def check_ingest_environment() -> None:
    """Refuse an ingest whose tuning variables are set to something unusable (one line each)."""
    _check_number("DOSSIER_FLUSH_SECONDS", "a number of seconds (0 or more)", allow_empty=False)
    _check_number("DOSSIER_LOCK_TIMEOUT", "a number of seconds (0 or more)", allow_empty=True)
    for name in ("DOSSIER_MAX_BYTES", "DOSSIER_MAX_LINE_CHARS"):
        raw = os.environ.get(name)
        if raw is not None and raw.strip():
            digits = raw.strip().replace("_", "")
            if not digits.isdigit() or int(digits) == 0:
                raise BadSetting(f"{name} must be a whole number above 0, not '{raw}'")


def _check_number(name: str, what: str, *, allow_empty: bool) -> None:
    """Raise ``BadSetting`` unless the variable is unset (or empty, if allowed) or a finite number ≥ 0."""
    raw = os.environ.get(name)
    if raw is None or (allow_empty and not raw.strip()):
        return
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise BadSetting(f"{name} must be {what}, not '{raw}'")
