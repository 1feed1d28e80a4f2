"""Per-file metadata from a CSV or TSV table (``dossier ingest --metadata TABLE``).

The table has a ``file`` (or ``path``) column naming files relative to the table, and any of
``title``, ``date``, ``publisher``, ``place``, ``url``; its values win over what the files say.
Tables come from spreadsheets: UTF-8 (with or without BOM) or, failing that, Windows-1252/Latin-1;
quoted fields may hold line breaks. Every problem is one ``MetadataTableError`` line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

WANTED_COLUMNS: tuple[str, ...] = ("title", "date", "publisher", "place", "url")


class MetadataTableError(Exception):
    """A metadata table that cannot be used; the message is one line for the user."""


def read_metadata_table(table: Path) -> dict[Path, dict[str, str]]:
    """The overrides of each named file (resolved path) from ``table``, or ``MetadataTableError``."""
    try:
        data = table.read_bytes()
    except OSError as error:
        raise MetadataTableError(f"cannot read metadata table {table}: {error.strerror}") from None
    text = _decode(data)
    dialect = "excel-tab" if "\t" in text.partition("\n")[0] else "excel"
    rows = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    overrides: dict[Path, dict[str, str]] = {}
    try:
        if not rows.fieldnames or not ({"file", "path"} & set(rows.fieldnames)):
            raise MetadataTableError(f"metadata table {table} needs a 'file' column")
        for row in rows:
            name = row.get("file") or row.get("path")
            if name:
                values = {key: value.strip() for key in WANTED_COLUMNS if (value := row.get(key) or "").strip()}
                overrides[(table.parent / name).resolve()] = values
    except csv.Error as error:
        raise MetadataTableError(f"metadata table {table}, line {rows.line_num}: {error}") from None
    return overrides


def _decode(data: bytes) -> str:
    """The table's text: UTF-8 (a BOM is dropped), else Windows-1252, a superset of Latin-1's letters."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
