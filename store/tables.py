"""The TinyDB tables behind the dossier file: which records changed since the last save, and
applying those changes as batched inserts, replacements and deletions before one atomic write.

TinyDB's document ids stay in here: records link to each other by their own string ids only.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from enum import Enum

from tinydb import TinyDB

from dossier.store.schema import TABLES, FileData, RawRecord
from dossier.store.storage import OrjsonStorage


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


class RecordTables:
    """The three record tables of the parsed file, changed in memory in batches; ``sync`` saves them."""

    def __init__(self, storage: OrjsonStorage) -> None:
        """Tables over the parsed file held by ``storage``."""
        self._storage = storage
        self._db = TinyDB(storage=lambda: storage)
        self._doc_ids: dict[str, dict[str, int]] = {}

    def apply(self, changes: PendingChanges, json_of: Callable[[str, str], RawRecord]) -> None:
        """Apply every pending change: one ``remove``, one ``insert_multiple`` and one ``update`` per table.

        ``json_of(table, record id)`` is a changed record's JSON dict as stored.
        """
        for name in TABLES:
            pending = changes.of(name)
            if not pending:
                continue
            table = self._db.table(name)
            doc_ids = self._doc_ids_of(name) if any(c is not Change.INSERT for c in pending.values()) else None
            deleted = [record_id for record_id, change in pending.items() if change is Change.DELETE]
            if deleted and doc_ids is not None:
                table.remove(doc_ids=[doc_ids.pop(record_id) for record_id in deleted if record_id in doc_ids])
            replaced = {
                record_id: json_of(name, record_id)
                for record_id, change in pending.items()
                if change is Change.REPLACE and doc_ids is not None and record_id in doc_ids
            }
            inserted = [
                record_id
                for record_id, change in pending.items()
                if change is Change.INSERT or (change is Change.REPLACE and record_id not in replaced)
            ]
            if inserted:
                new_doc_ids = table.insert_multiple(json_of(name, record_id) for record_id in inserted)
                if name in self._doc_ids:
                    self._doc_ids[name].update(zip(inserted, new_doc_ids, strict=True))
            if replaced and doc_ids is not None:
                table.update(_overwrite_with(replaced), doc_ids=[doc_ids[record_id] for record_id in replaced])

    def _doc_ids_of(self, table: str) -> dict[str, int]:
        """Record id -> TinyDB document id in one table, read from the file data once."""
        if table not in self._doc_ids:
            data: FileData = self._storage.read()
            self._doc_ids[table] = {entry["id"]: int(doc_id) for doc_id, entry in data.get(table, {}).items()}
        return self._doc_ids[table]

    def set_table(self, name: str, rows: dict[str, RawRecord]) -> None:
        """Replace a whole small table (the edit log) with these ``{doc id: record}`` rows."""
        self._storage.read()[name] = rows

    def sync(self) -> None:
        """Write the whole file in one atomic replacement."""
        self._storage.sync()


def _overwrite_with(replacements: dict[str, RawRecord]) -> Callable[[MutableMapping[str, object]], None]:
    """A TinyDB update replacing each stored document by the new JSON dict of the record it holds."""

    def overwrite(document: MutableMapping[str, object]) -> None:
        """Replace the stored document in place (TinyDB keeps its document id)."""
        replacement = replacements[str(document["id"])]
        document.clear()
        document.update(replacement)

    return overwrite
