"""The TinyDB tables behind the dossier file: the changes since the last save (``changes``)
applied as batched inserts, replacements and deletions before one atomic write
(``OrjsonStorage``). Only writing needs TinyDB, so a dossier opened to read never loads it.

TinyDB's document ids stay in here: records link to each other by their own string ids only.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage

from dossier.store.changes import Change, PendingChanges
from dossier.store.schema import TABLES, FileData, RawRecord
from dossier.store.storage import atomic_write, dumps_one_record_per_line, refuse_read_only


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


class OrjsonStorage(Storage):
    """A TinyDB storage holding the parsed file in memory; ``sync()`` writes it atomically."""

    def __init__(self, path: Path, data: FileData) -> None:
        """Hold ``data`` (parsed from ``path``) as the database TinyDB reads and writes."""
        self.path = path
        self._data = data

    def read(self) -> FileData:
        """The in-memory data (TinyDB calls this before every table operation)."""
        return self._data

    def write(self, data: FileData) -> None:
        """Keep TinyDB's updated data in memory; nothing reaches the disk until ``sync()``."""
        self._data = data

    def sync(self) -> None:
        """Write the whole database to its file in one atomic replacement (never over a read-only file)."""
        refuse_read_only(self.path)
        atomic_write(self.path, dumps_one_record_per_line(self._data))
