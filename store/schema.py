"""The dossier file's layout: its tables, the data of a new file, its schema version and migrations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dossier.store.errors import DossierCorrupt, DossierError, DossierForeign
from dossier.store.records import SCHEMA_VERSION
from dossier.store.storage import atomic_write

TABLES = ("sources", "actors", "events", "statements")
META_TABLE = "meta"


RawRecord = dict[str, Any]
"""One record as stored: a JSON object (``record_schema`` says what a valid one holds)."""

FileData = dict[str, Any]
"""The whole parsed file: TinyDB's ``{table: {doc id: record dict}}``."""

EDITS_TABLE = "edits"
"""The analyst's edit log (``store.curation.log``), beside the machine's record tables."""


def _add_edit_log(data: FileData) -> None:
    """Schema 1 -> 2: add the empty edit log."""
    data.setdefault(EDITS_TABLE, {})


def _add_statements(data: FileData) -> None:
    """Schema 2 -> 3: add the empty statements table (an old file's reported speech stays in its events)."""
    data.setdefault("statements", {})


# Upgrades of the file layout: MIGRATIONS[n] turns schema-n data into schema n+1 in place.
MIGRATIONS: dict[int, Callable[[FileData], None]] = {1: _add_edit_log, 2: _add_statements}


def utc_now() -> str:
    """The current UTC time as an ISO 8601 string to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def empty_data() -> FileData:
    """The TinyDB tables of a brand-new dossier."""
    meta = {"schema": SCHEMA_VERSION, "created": utc_now(), "application": "dossier"}
    return {META_TABLE: {"1": meta}, **{name: {} for name in TABLES}, EDITS_TABLE: {}}


def schema_of(path: Path, data: object) -> int:
    """The schema version recorded in parsed dossier data; ``DossierForeign`` if it is not a dossier."""
    if not isinstance(data, dict):
        raise DossierForeign(path, f"its top level is a JSON {type(data).__name__}, not an object")
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict):
        raise DossierForeign(path, "it has no dossier 'meta' table")
    for record in meta.values():
        if isinstance(record, dict) and "schema" in record:
            schema = record["schema"]
            if isinstance(schema, int) and not isinstance(schema, bool) and schema >= 0:
                return schema
            raise DossierForeign(path, f"its schema version {schema!r} is not a number")
    raise DossierForeign(path, "its 'meta' table has no schema version")


def record_tables(path: Path, data: FileData, *, checked: bool = False) -> dict[str, dict[str, RawRecord]]:
    """``{table: {record id: JSON dict}}`` for the record tables of current-schema data.

    A table that is not a JSON object raises ``DossierCorrupt``; a record off the schema
    ``DossierInvalid`` naming it (``record_schema.records_by_id``). ``checked`` data (a file
    version that passed the check before, see ``check_mark``) is only mapped by id.
    """
    for name in TABLES:
        if not isinstance(data.setdefault(name, {}), dict):
            raise DossierCorrupt(path, f"the {name!r} table is not a JSON object")
    if checked:
        return {name: {record["id"]: record for record in data[name].values()} for name in TABLES}
    from dossier.store.record_schema import records_by_id  # the check's rules load only when a file needs them

    return records_by_id(path, {name: data[name] for name in TABLES})


def migrate(path: Path, data: FileData, schema: int) -> None:
    """Upgrade old-schema data in memory; the file is not touched (see ``keep_original``)."""
    steps = []
    for version in range(schema, SCHEMA_VERSION):
        if version not in MIGRATIONS:
            raise DossierError(
                f"{path} uses schema {schema}, which this version of dossier cannot upgrade. The file was not changed."
            )
        steps.append(MIGRATIONS[version])
    try:
        for step in steps:
            step(data)
    except Exception as error:
        raise DossierError(
            f"{path} could not be upgraded from schema {schema} ({error}); the file was not changed."
        ) from error
    _set_schema(data, SCHEMA_VERSION)


def keep_original(path: Path, schema: int, raw_bytes: bytes) -> None:
    """Keep an old-schema file's bytes as ``.schema-<n>.bak`` once its upgrade is known to open,
    before anything writes the upgraded file (a file that is refused leaves nothing behind)."""
    backup = path.with_name(f"{path.name}.schema-{schema}.bak")
    if not backup.exists():
        atomic_write(backup, raw_bytes, keep_backup=False)


def _set_schema(data: FileData, schema: int) -> None:
    """Record a schema version in the meta table after a migration."""
    for record in data[META_TABLE].values():
        if isinstance(record, dict) and "schema" in record:
            record["schema"] = schema
