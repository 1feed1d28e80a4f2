"""Safe, deterministic export file names for records, whatever their names contain.

A name is ``<kind>-<slug>-<hash>.md``: the kind prefix keeps it from ever being a Windows
device name (CON, NUL, COM1...) or a hidden file, the ASCII slug of the record's name or
title (``store.names.slugify``) keeps out path separators, dots, control characters and
case clashes, and the hash of the record's stable id keeps different records apart even
when their names slug alike ("Eve" / "EVE" / "Eve!").
"""

from __future__ import annotations

import hashlib

from dossier.store.names import slugify
from dossier.store.records import Actor, Event, Record, Source, Statement

EXPORT_SUFFIX = ".md"
ID_HASH_LENGTH = 8
SLUG_LENGTH = 60

_PREFIXES: dict[type, str] = {Actor: "actor", Event: "event", Source: "source"}


def id_hash(record_id: str) -> str:
    """A short hex digest of a record id, so that names that slug alike stay apart."""
    return hashlib.sha256(record_id.encode("utf-8", "surrogatepass")).hexdigest()[
        :ID_HASH_LENGTH
    ]


def _label(record: Record) -> str:
    """The human part of a record's file name: an actor's name, an event's date and title."""
    if isinstance(record, Actor):
        return record.name
    if isinstance(record, Event):
        return f"{record.date or ''} {record.title}"
    return record.title


def export_filename(record: Record) -> str:
    """The file name a record exports to, e.g. ``actor-sean-mccormack-1f2e3d4c.md``."""
    prefix = _PREFIXES[type(record)]
    slug = slugify(_label(record), max_length=SLUG_LENGTH)
    return f"{prefix}-{slug}-{id_hash(record.id)}{EXPORT_SUFFIX}"


def statement_filename(statement: Statement, speaker: str) -> str:
    """The file name of a statement's vault note, e.g. ``statement-tom-casey-2007-05-25-1f2e3d4c.md``."""
    slug = slugify(f"{speaker} {statement.date or ''}", max_length=SLUG_LENGTH)
    return f"statement-{slug}-{id_hash(statement.id)}{EXPORT_SUFFIX}"
