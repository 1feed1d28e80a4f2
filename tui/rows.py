"""Record ids in display order, shared between the lists that show them (lists of 150,000 rows are built off the UI thread)."""

from __future__ import annotations

from collections.abc import Sequence


class Rows:
    """Record ids in display order. A row is found by scanning the ids in C (about a millisecond for
    150,000) when it is asked for, rather than indexing every id whenever a list is built: a list is
    rebuilt after every edit, on the UI thread, and asked for one or two rows."""

    __slots__ = ("ids",)

    def __init__(self, ids: Sequence[str]) -> None:
        """Keep the ids (a copy)."""
        self.ids = list(ids)

    def position_of(self, record_id: str) -> int | None:
        """The row of a record, or None when it is not listed."""
        try:
            return self.ids.index(record_id)
        except ValueError:
            return None
