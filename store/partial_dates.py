"""Partial ISO dates ("1979", "2007-05", "2007-05-28"): one place that validates, builds, formats,
sorts and buckets them at their real precision.

Records keep a date only as precisely as the text gave it, so a year, a month and a day are
all valid dates. Ingest, the store, the TUI and the command line share these helpers so that a
range reads the same everywhere ("2007-05-03–2007-05-04") and no layer re-parses dates its own way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Precision = Literal["year", "month", "day"]

RANGE_SEPARATOR = "–"
UNDATED = "undated"

_SHAPE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_PRECISION_BY_LENGTH: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}
_LENGTH_OF: dict[Precision, int] = {"year": 4, "month": 7, "day": 10}


def precision(text: str) -> Precision | None:
    """How precise a partial date is ("1979" -> "year"), or None when it is not one."""
    return _PRECISION_BY_LENGTH[len(text)] if is_partial_date(text) else None


def is_partial_date(text: str) -> bool:
    """Whether ``text`` is a real year, month or day in ISO form ("2007-02-30" and "2007-13" are not)."""
    match = _SHAPE.fullmatch(text)
    if match is None:
        return False
    month, day = match.group(2), match.group(3)
    if month is None:
        return True
    try:
        date(int(match.group(1)), int(month), int(day or 1))
    except ValueError:
        return False
    return True


def partial_date(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The partial date of a year, month and day (each finer part optional), or None if no such day exists."""
    if day is not None and month is None:
        raise ValueError("a day needs its month")
    text = f"{year:04d}" + (f"-{month:02d}" if month is not None else "") + (f"-{day:02d}" if day is not None else "")
    return text if is_partial_date(text) else None


def at_precision(day: date, size: Precision) -> str:
    """The year, month or day (``size``) a calendar day falls in, as a partial date."""
    return day.isoformat()[: _LENGTH_OF[size]]


def day_of(text: str | None) -> date | None:
    """The day a day-precision date names; None for a year, a month or anything else."""
    return date.fromisoformat(text) if text is not None and precision(text) == "day" else None


def format_date(start: str | None, until: str | None = None) -> str:
    """A date as people read it: as precise as it is, a range joined by one dash, or "undated"."""
    if not start:
        return UNDATED
    return f"{start}{RANGE_SEPARATOR}{until}" if until else start


def sort_key(text: str | None) -> tuple[bool, str]:
    """Timeline order: earlier first, a year before the months in it, a month before its days, undated last."""
    return text is None, text or ""


def bucket(text: str, size: Precision) -> str | None:
    """The year or month (``size``) a date falls in; None when the date is coarser than that."""
    length = _LENGTH_OF[size]
    return text[:length] if len(text) >= length and is_partial_date(text[:length]) else None


def at_common_precision(first: str, second: str) -> tuple[str, str]:
    """Both dates cut to the coarser one's precision, so "2007-05" and "2007-05-28" compare as equal."""
    length = min(len(first), len(second))
    return first[:length], second[:length]
