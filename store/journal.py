"""The edit journal: each edit, undo or redo saved as one appended line instead of a rewritten file.

Rewriting the whole dossier file (tens of megabytes on a big corpus) for every edit is what
made an edit slow, so the log's changes go to ``<dossier>.edits.jsonl`` beside the dossier
(``name.json`` -> ``name.json.edits.jsonl``): one JSON object per line,
``{"change": "append" | "undo" | "redo", "edit": {the edit's full entry as the edits table stores it}}``,
written, flushed and fsync'd under the writer lock before ``apply`` returns.

Opening reads the file's ``edits`` table, then the journal's lines on top: a line replaces the
entry with its id when it is newer (``Edit.version``: the step of the entry's last change), so
replaying a line twice, or a line already in the table, changes nothing. A last line without
its newline (a writer killed mid-append) is ignored and reported (``dossier doctor``), never
fatal, and cut off by the next writer, which holds the lock so no append is under way.
Whenever the dossier file is written anyway (ingest, record edits) it carries the whole log in
its ``edits`` table and the journal is emptied afterwards; a crash between the two leaves lines
the table already holds, which replay ignores.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from dossier.store.schema import RawRecord
from dossier.store.storage import fsync_folder

JOURNAL_SUFFIX = ".edits.jsonl"

JournalSignature = tuple[int, int]
"""(inode, size) of the journal: grows with every append, shrinks or changes when it is emptied."""


def journal_path_for(path: Path) -> Path:
    """The journal beside a dossier file (``name.json`` -> ``name.json.edits.jsonl``)."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


@dataclass(slots=True)
class JournalLines:
    """What one read of the journal found: the edit entries in file order and the lines it could not use."""

    entries: list[RawRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _signature(status: os.stat_result) -> JournalSignature:
    """The signature of a journal from its status."""
    return (status.st_ino, status.st_size)


def _parse(chunk: bytes, start: int, path: Path) -> tuple[JournalLines, int]:
    """The complete lines of ``chunk`` (read at byte ``start``) and the offset after the last one.

    A damaged complete line is reported and skipped; bytes after the last newline are a line
    still being written or torn by a crash: not consumed, reported by ``torn_tail``.
    """
    found = JournalLines()
    end = chunk.rfind(b"\n") + 1
    for number, line in enumerate(chunk[:end].splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
            entry = row["edit"] if isinstance(row, dict) else None
        except (orjson.JSONDecodeError, KeyError):
            entry = None
        if isinstance(entry, dict):
            found.entries.append(entry)
        else:
            found.problems.append(f"{path.name}: skipped a damaged line (line {number} after byte {start})")
    return found, start + end


class EditJournal:
    """The journal of one dossier file: what this process has read of it, appending and emptying it."""

    def __init__(self, dossier_path: Path) -> None:
        """The journal beside ``dossier_path``, nothing read yet."""
        self.path = journal_path_for(dossier_path)
        self.offset = 0
        """Bytes read so far: the end of the last complete line."""
        self.signature: JournalSignature | None = None
        """The journal as last read or written (None: there was none)."""

    def current_signature(self) -> JournalSignature | None:
        """The journal's signature now (one ``stat``), None when there is none."""
        try:
            return _signature(os.stat(self.path))
        except FileNotFoundError:
            return None

    def changed(self) -> bool:
        """Whether another process appended to (or emptied) the journal since this one read it."""
        return self.current_signature() != self.signature

    def read_all(self) -> JournalLines:
        """Every complete line of the journal (none when there is no journal), from the start."""
        self.offset, self.signature = 0, None
        found = self._read_from(0)
        return found if found is not None else JournalLines()

    def read_new(self) -> JournalLines | None:
        """Only the lines appended since the last read; None when the journal was emptied or
        replaced meanwhile (read everything again then)."""
        now, before = self.current_signature(), self.signature
        if before is None:  # there was none: every line is new
            return JournalLines() if now is None else self._read_from(0)
        if now is None or now[0] != before[0] or now[1] < self.offset:
            return None
        return self._read_from(self.offset)

    def _read_from(self, start: int) -> JournalLines | None:
        """The complete lines from byte ``start``, remembering how far they go; None if the file is gone."""
        try:
            with open(self.path, "rb") as handle:
                status = os.fstat(handle.fileno())
                handle.seek(start)
                chunk = handle.read(status.st_size - start)
        except FileNotFoundError:
            return None
        found, self.offset = _parse(chunk, start, self.path)
        self.signature = (status.st_ino, start + len(chunk))
        return found

    def torn_tail(self) -> int:
        """How many bytes after the last complete line read (a line being written, or torn by a crash)."""
        return self.signature[1] - self.offset if self.signature is not None else 0

    def append(self, changes: list[tuple[str, RawRecord]]) -> None:
        """Append one line per ``(change, edit entry)`` and fsync; call only while holding the writer
        lock, with the journal read to its end. A torn last line (a killed writer's) is cut off first."""
        if not changes:
            return
        payload = b"".join(orjson.dumps({"change": change, "edit": entry}) + b"\n" for change, entry in changes)
        created = self.signature is None
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            if os.fstat(fd).st_size != self.offset:
                os.ftruncate(fd, self.offset)
            written = os.pwrite(fd, payload, self.offset)
            while written < len(payload):
                written += os.pwrite(fd, payload[written:], self.offset + written)
            os.fsync(fd)
            status = os.fstat(fd)
        finally:
            os.close(fd)
        if created:
            fsync_folder(self.path.parent)
        self.offset += len(payload)
        self.signature = _signature(status)

    def clear(self) -> None:
        """Empty the journal (its lines are in the dossier file's ``edits`` table now); writer lock held."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            self.offset, self.signature = 0, None
            return
        try:
            if os.fstat(fd).st_size:
                os.ftruncate(fd, 0)
                os.fsync(fd)
            status = os.fstat(fd)
        finally:
            os.close(fd)
        self.offset, self.signature = 0, _signature(status)


def journal_problems(dossier_path: Path) -> tuple[int, list[str]]:
    """How many edit lines the journal of ``dossier_path`` holds, and what is wrong with it
    (damaged lines, a torn last line), for ``dossier doctor``; never raises for what it holds."""
    journal = EditJournal(dossier_path)
    try:
        found = journal.read_all()
    except OSError as error:
        return 0, [f"cannot read the edit journal {journal.path.name}: {error.strerror}"]
    problems = list(found.problems)
    if torn := journal.torn_tail():
        problems.append(
            f"{journal.path.name}: the last line ({torn} bytes) is incomplete (a writer stopped mid-append); "
            "it is ignored and its edit was never reported done"
        )
    return len(found.entries), problems
