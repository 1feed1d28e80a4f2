"""Which records changed since the last save, per table: what the next write must insert, replace or
delete; and which changed since the curated view last followed them."""

from __future__ import annotations

from enum import Enum

from dossier.store.schema import TABLES


class Change(Enum):
    """What happened to one record since the last save."""

    INSERT = "insert"  # not in the file yet
    REPLACE = "replace"  # in the file, changed in memory
    DELETE = "delete"  # in the file, gone from memory


class PendingChanges:
    """Record ids changed since the last save, per table, in the order they first changed."""

    __slots__ = ("_changes",)

    def __init__(self) -> None:
        """No changes yet."""
        self._changes: dict[str, dict[str, Change]] = {name: {} for name in TABLES}

    def inserted(self, table: str, record_id: str) -> None:
        """A record was added (re-adding a deleted id replaces it in the file)."""
        changes = self._changes[table]
        changes[record_id] = Change.REPLACE if changes.get(record_id) is Change.DELETE else Change.INSERT

    def replaced(self, table: str, record_id: str) -> None:
        """A record changed (one not saved yet is still simply inserted)."""
        changes = self._changes[table]
        if changes.get(record_id) is not Change.INSERT:
            changes[record_id] = Change.REPLACE

    def deleted(self, table: str, record_id: str) -> None:
        """A record was removed (one never saved just leaves no trace)."""
        changes = self._changes[table]
        if changes.pop(record_id, None) is not Change.INSERT:
            changes[record_id] = Change.DELETE

    def clear(self) -> None:
        """Forget every change (they were applied to the tables)."""
        for changes in self._changes.values():
            changes.clear()

    def of(self, table: str) -> dict[str, Change]:
        """The changes to one table, by record id."""
        return self._changes[table]

    def __bool__(self) -> bool:
        """Whether anything changed since the last save."""
        return any(self._changes.values())


class TrackingChanges(PendingChanges):
    """The machine's pending changes, also remembering which records changed since ``drain``."""

    __slots__ = ("_touched",)

    def __init__(self) -> None:
        """No changes yet."""
        super().__init__()
        self._touched: list[tuple[str, str]] = []

    def inserted(self, table: str, record_id: str) -> None:
        """A record was added."""
        super().inserted(table, record_id)
        self._touched.append((table, record_id))

    def replaced(self, table: str, record_id: str) -> None:
        """A record changed."""
        super().replaced(table, record_id)
        self._touched.append((table, record_id))

    def deleted(self, table: str, record_id: str) -> None:
        """A record was removed."""
        super().deleted(table, record_id)
        self._touched.append((table, record_id))

    def drain(self) -> list[tuple[str, str]]:
        """``(table, id)`` of every record changed since the last drain, once each, in order."""
        touched, self._touched = list(dict.fromkeys(self._touched)), []
        return touched
