"""Record ids in display order, indexed once so that lists of 150,000 rows are built off the UI thread and shared."""

from __future__ import annotations

from collections.abc import Sequence


class Rows:
    """Record ids in display order with their row index, built once and shared (lists of 150k are reused)."""

    __slots__ = ("ids", "positions")

    def __init__(self, ids: Sequence[str]) -> None:
        """Index the ids once."""
        self.ids = list(ids)
        self.positions = {record_id: row for row, record_id in enumerate(self.ids)}
