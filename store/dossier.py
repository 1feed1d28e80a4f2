"""``store.Dossier``: the only door to a dossier's data, a facade over collaborators with one job each.

``schema`` knows the file layout and migrations; ``record_map`` holds the parsed JSON dicts and
builds records lazily; ``indexes`` derives the relation and search indexes and keeps them up to
date; ``edits`` applies additions, updates and deletions (``merge_policy`` decides how an
ingested document merges in); ``tables`` applies the changes to TinyDB's tables. Opening parses the file once (orjson) and builds only id maps. ``add_document``,
``update`` and ``delete`` change memory only; ``flush`` writes every change so far in one atomic,
locked file write, and changes not yet saved are replayed onto another process's newer file.

The file keeps the machine's records (written only by ingest and record edits) and the analyst's
edit log (``store.curation``, saved line by line in ``journal``); ``actors`` and ``events`` are the
curated view of the two, which every reader sees. ``apply``, ``undo`` and ``redo`` change the log
and save it before returning. What readers ask lives in the base classes: ``reading`` (listings
and relations), ``said`` (statements by speaker) and ``searching`` (one query over all of it).
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from dossier.store.bulk import without_gc
from dossier.store.changes import TrackingChanges
from dossier.store.check_mark import is_checked, mark_checked
from dossier.store.curation.applicable import check_applicable
from dossier.store.curation.log import EDITS_TABLE, Edit, EditLog, log_rows
from dossier.store.curation.operations import Operation
from dossier.store.curation.state import Annotation
from dossier.store.curation.view import CuratedView
from dossier.store.errors import AmbiguousRef, DossierError, DossierSchemaTooNew, RefNotFound
from dossier.store.folding import fold
from dossier.store.indexes import Indexes
from dossier.store.journal import EditJournal
from dossier.store.lock import WriterLock
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import SCHEMA_VERSION, Record
from dossier.store.schema import TABLES, RawRecord, empty_data, keep_original, migrate, record_tables, schema_of
from dossier.store.searching import Searching
from dossier.store.sentences import SentenceIndex
from dossier.store.statements import StatementMap
from dossier.store.storage import (
    FileSignature,
    file_signature,
    parse_json,
    read_file,
    real_path,
    refuse_read_only,
    remove_stale_temporaries,
)

if TYPE_CHECKING:  # the record editor, search and TinyDB load on first use: opening to read needs none
    from dossier.store.drafts import ExtractedDocument
    from dossier.store.edits import PendingEdit, RecordEditor
    from dossier.store.tables import RecordTables

P = ParamSpec("P")
R = TypeVar("R")


def changes_records(method: Callable[Concatenate[Dossier, P], R]) -> Callable[Concatenate[Dossier, P], R]:
    """Count a change of what readers see in ``Dossier.revision``, once before and once after
    ``method`` (so an answer computed while it ran is kept under a revision that never comes back)."""

    def changing(self: Dossier, /, *args: P.args, **kwargs: P.kwargs) -> R:
        self.revision += 1
        try:
            return method(self, *args, **kwargs)
        finally:
            self.revision += 1

    functools.update_wrapper(changing, method)  # the method's name and docstring
    return changing


class Dossier(Searching):
    """One dossier file: its sources, actors and events, their indexes, search, editing and safe writing."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """Open ``path`` (see ``Dossier.open``)."""
        self.revision = 0
        """Counts the changes readers can see (a document, a record edit, an analyst's edit, undo or
        redo, a re-read); answers kept between calls (``connections``) are valid for one revision."""
        self.name = Path(path).expanduser().stem
        self.path = real_path(Path(path).expanduser())  # a symlinked dossier is written beside its target
        self._create = create
        self.sources = SourceMap()
        self.actors = ActorMap()
        self.events = EventMap()
        self.statements = StatementMap()  # the machine's statements; speakers read through the view
        self._indexes = Indexes(self.sources, self.actors, self.events)
        self.sentences = SentenceIndex(self.sources)
        """Where each source's sentences start (for shared-sentence connections)."""
        self._machine = (ActorMap(), EventMap())
        self.actors.share_builds_with(self._machine[0])
        self.events.share_builds_with(self._machine[1])
        self._machine_indexes = Indexes(self.sources, *self._machine)
        self._lock = WriterLock(self.path)
        self._journal = EditJournal(self.path)
        self._pending: list[PendingEdit] = []
        self._load()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Dossier:
        """Open a dossier file (parsing it once), or start an empty one when missing and ``create``.

        Never modifies the file; raises a ``DossierError`` subclass with one clear message for a
        damaged, foreign or too-new file.
        """
        return cls(path, create=create)

    @property
    def indexes(self) -> Indexes:
        """The derived indexes (tests count their builds; the UI never needs them directly)."""
        return self._indexes

    # ------------------------------------------------------------------ loading

    @without_gc
    def _load(self) -> None:
        """Parse the file and build the id maps, replacing all in-memory state only on success.

        The parsed data then lives as long as the dossier: ``gc.freeze()`` moves it out of the
        collector's way so later collections do not rescan millions of objects (UI hiccups).
        """
        path = self.path
        migrated = False
        if path.exists():
            raw_bytes, signature = read_file(path)
            data = parse_json(path, raw_bytes)
            schema = schema_of(path, data)
            if schema > SCHEMA_VERSION:
                raise DossierSchemaTooNew(path, schema, SCHEMA_VERSION)
            if schema < SCHEMA_VERSION:
                migrate(path, data, schema)
                migrated = True
            checked = not migrated and is_checked(path, signature)
            tables = record_tables(path, data, checked=checked)
            if migrated:
                keep_original(path, schema, raw_bytes)
            elif not checked:
                mark_checked(path, signature)
        elif self._create:
            data, signature = empty_data(), None
            tables = {name: {} for name in TABLES}
        else:
            raise DossierError(f"{path} does not exist")

        self._data = data  # the parsed file: TinyDB's tables change it in place on the first write
        self._record_tables: RecordTables | None = None
        with self._indexes.lock:
            self.sources.reset(tables["sources"])
            self._machine[0].reset(tables["actors"])
            self._machine[1].reset(tables["events"])
            self.actors.reset(dict(tables["actors"]))  # the view shares the dicts, not the table
            self.events.reset(dict(tables["events"]))
            self.statements.reset(tables["statements"])
            self._indexes.reset()
            self._machine_indexes.reset()
        self._signature: FileSignature | None = signature
        self._needs_write = signature is None or migrated
        self._changes = TrackingChanges()
        self._unsynced = False
        self._hashes = {
            entry["content_hash"]: source_id
            for source_id, entry in tables["sources"].items()
            if entry.get("content_hash")
        }
        self._record_editor: RecordEditor | None = None
        log = EditLog(log_rows(data.get(EDITS_TABLE)))
        log.take_all(self._journal.read_all().entries)  # edits saved since the file was last written
        self._view = CuratedView(
            self.sources,
            (*self._machine, self._machine_indexes),
            (self.actors, self.events, self._indexes),
            log,
        )
        self._view.derive_all()
        gc.freeze()

    @changes_records
    def reload(self) -> None:
        """Re-read the file (to see another process's writes), replaying changes not yet saved.

        When another process only appended edits to the journal (the file unchanged, nothing
        pending here), only the new lines are read and applied. Otherwise changes are applied again in the order they were made; an update applies only what it
        changed onto the newer record (see ``edits.rebase``). An update or deletion of a record
        the other process deleted meanwhile, or an update that no longer fits (a mention in a
        source deleted meanwhile), has nothing to apply to and is dropped.
        """
        if not self.dirty and file_signature(self.path) == self._signature:
            appended = self._journal.read_new()
            if appended is not None:
                self._view.take_saved(appended.entries)
                return
        pending, log_changes = self._pending, self._view.log.changes
        self._load()  # on failure nothing changed, pending changes included
        self._pending = []
        self._view.replay(log_changes)
        if pending:
            self._replay(pending)

    def _replay(self, pending: list[PendingEdit]) -> None:
        """Apply record changes not yet saved again, onto the records just re-read (see ``reload``)."""
        from dossier.store.drafts import ExtractedDocument
        from dossier.store.edits import Deletion, rebase

        for edit in pending:
            if isinstance(edit, ExtractedDocument):
                self.add_document(edit)
            elif isinstance(edit, Deletion):
                if self.machine_record(edit.record_id) is not None:
                    self.delete(edit.record_id)
            else:
                current = self.machine_record(edit.after.id)  # edits change the machine's records
                if current is not None:
                    with contextlib.suppress(ValueError):
                        self.update(rebase(current, edit.before, edit.after))

    # ------------------------------------------------------------------ queries

    @without_gc
    def build_search_index(self) -> None:
        """Build every search and relation index now (run in a worker so the first query is instant)."""
        self._indexes.build_all()
        self._machine_indexes.relations.get()  # which events an edit of an actor re-links
        self.sentences.build_all(self.mention_rows_by_source())
        self.statements.build_indexes()
        self.statements.word_index(self.sources.text)

    def resolve(self, ref: str) -> Record:
        """The record a user means by an id, an actor's name or alias (case and dots ignored),
        or whole words of one (a surname: "Crocker" -> Ryan Crocker)."""
        ref = ref.strip()
        record = self.get(ref)
        if record is not None:
            return record
        names = self._indexes.names.get()
        actor_ids = names.exact(fold(ref)) or names.with_all_words(fold(ref))
        if not actor_ids:
            raise RefNotFound(ref)
        if len(actor_ids) > 1:
            by_mentions = sorted(actor_ids, key=lambda a: -self.actors.mention_count(a))
            raise AmbiguousRef(ref, [self.actors[a] for a in by_mentions])
        return self.actors[actor_ids[0]]

    def has_document(self, content_hash: str) -> bool:
        """Whether a source with this content hash is already in the dossier."""
        return content_hash in self._hashes

    def content_hashes(self) -> frozenset[str]:
        """The content hashes of every stored source (ingest skips these files before extracting)."""
        return frozenset(self._hashes)

    # ------------------------------------------------------------------ changing

    @property
    def _editor(self) -> RecordEditor:
        """The editor of the machine's records, made on the first change (opening to read never loads it)."""
        if self._record_editor is None:
            from dossier.store.edits import RecordEditor

            self._record_editor = RecordEditor(
                (self.sources, *self._machine), self._machine_indexes, self._changes, self._hashes, self.statements
            )
        return self._record_editor

    @changes_records
    def add_document(self, extracted: ExtractedDocument) -> bool:
        """Add one extracted document in memory, merging its actors into existing ones by match key.

        Returns False (changing nothing) when a source with the same content hash is present.
        Raises ValueError, changing nothing, when a span or link in the document is invalid.
        """
        added = self._editor.add_document(extracted)
        self._view.machine_changed(self._changes.drain())
        if added:
            self._pending.append(extracted)
        return added

    @changes_records
    def update(self, record: Record) -> None:
        """Replace the stored record having this record's id, in memory, until the next ``flush``.

        Pass a changed copy (``dataclasses.replace`` with new lists), never a record read from the
        dossier and changed in place: the indexes forget what the stored record says. A source's
        text cannot change; an actor keeps every match key it had (so re-ingest still merges into
        it) and gains those of its new names. ``RefNotFound`` for an unknown id, ``ValueError``
        (changing nothing) for a span outside its source or a link to an unknown actor.
        """
        try:
            self._pending.append(self._editor.update(record))
        finally:
            self._view.machine_changed(self._changes.drain())

    @changes_records
    def delete(self, record_id: str) -> list[str]:
        """Delete a source, actor or event in memory, until the next ``flush``; every id removed.

        Deleting a source removes the events taken from it and its mentions and roles from
        actors (the names and match keys they learned stay); an actor left with no mention and
        no event goes too. Deleting an actor unlinks
        it from events (as an actor or their place); an event left without actors stays, as the
        dated sentence of its source it is. ``RefNotFound`` for an unknown id.
        """
        from dossier.store.edits import Deletion

        removed = self._editor.delete(record_id)
        self._view.machine_changed(self._changes.drain())
        self._pending.append(Deletion(record_id))
        return removed

    # ------------------------------------------------------------------ writing

    @contextmanager
    def writing(self) -> Iterator[Dossier]:
        """Hold the writer lock (waiting briefly for another writer); flush atomically on exit.

        If another process saved the file since it was read, it is re-read first and changes
        made here but not yet saved are replayed onto it, so no writer loses another's work.
        """
        outermost = not self._lock.held
        self._lock.acquire()
        try:
            if outermost:
                refuse_read_only(self.path)
                if self.changed_on_disk():
                    self.reload()
        except BaseException:
            self._lock.release()
            raise
        try:
            yield self
        finally:
            try:
                if outermost:
                    self._write()
            finally:
                self._lock.release()

    @property
    def _tables(self) -> RecordTables:
        """TinyDB's tables over the parsed file, made on the first write (reading never loads TinyDB)."""
        if self._record_tables is None:
            from dossier.store.tables import OrjsonStorage, RecordTables

            self._record_tables = RecordTables(OrjsonStorage(self.path, self._data))
        return self._record_tables

    def flush(self) -> None:
        """Write every change so far in one atomic file replacement (taking the lock if needed)."""
        if self._lock.held:
            self._write()
        else:
            with self.writing():
                pass

    @property
    def dirty(self) -> bool:
        """Whether memory holds changes the file does not."""
        return bool(self._unsynced or self._needs_write or self._changes or self._view.log.changes)

    def changed_on_disk(self) -> bool:
        """Whether another process saved the file or appended edits to its journal since this
        dossier last read or wrote them (a viewer polls this, then calls ``reload`` to show that
        process's work): two ``stat`` calls."""
        return file_signature(self.path) != self._signature or self._journal.changed()

    @without_gc
    def _write(self) -> None:
        """Save what changed: edits alone as journal lines; machine changes (with the whole log) by
        applying them to the TinyDB tables in one batch per table and writing the file once."""
        if not self.dirty:
            return
        # Never overwrite what another process saved: a lost lock (its file deleted) is taken
        # again, and a file or journal changed since it was read (even behind the lock: a copy,
        # a restore) is re-read, replaying the changes made here.
        if self._lock.confirm() or self.changed_on_disk():
            self.reload()
        if not (self._changes or self._needs_write or self._unsynced):
            try:
                self._journal.append(self._view.log.unsaved())
            except OSError as error:
                raise DossierError(
                    f"could not save the edit to {self._journal.path}: {error.strerror or error}. "
                    "Nothing saved before it was changed."
                ) from error
            self._view.log.changes = []
            return
        remove_stale_temporaries(self.path)
        if self._changes:
            self._tables.apply(self._changes, self._json_of)
            self._changes.clear()
            self._unsynced = True
        self._tables.set_table(EDITS_TABLE, self._view.log.rows())  # the whole log, journal included
        self._unsynced = True
        self._tables.sync()
        self._view.log.changes = []
        self._unsynced = False
        self._needs_write = False
        self._pending = []
        self._signature = file_signature(self.path)
        mark_checked(self.path, self._signature)  # written from checked records: no need to check it again
        with contextlib.suppress(OSError):  # its lines are in the file now; if they stay, replay ignores them
            self._journal.clear()

    def _json_of(self, table: str, record_id: str) -> RawRecord:
        """A record's JSON dict as stored."""
        if table == "actors":
            return self._machine[0].to_json(record_id)
        if table == "events":
            return self._machine[1][record_id].to_dict()
        if table == "statements":
            return self.statements[record_id].to_dict()
        return self.sources[record_id].to_dict()

    # ------------------------------------------------------------------ curating

    @property
    def curation(self) -> CuratedView:
        """The edit log and the curated view over the machine's records (``store.curation``)."""
        return self._view

    def machine_record(self, record_id: str) -> Record | None:
        """A record as the machine made it, before any edit (hidden and merged actors included)."""
        return self._view.machine_record(record_id)

    @changes_records
    def apply(self, operation: Operation, reason: str | None = None) -> Edit:
        """Apply one edit and save it (locked, atomic) before returning; ``ValueError`` (changing
        nothing) when it does not fit the dossier, e.g. names an actor it does not show."""
        with self.writing():
            operation.check()
            check_applicable(self._view, operation)
            return self._view.append(operation, reason)

    @changes_records
    def undo(self) -> Edit | None:
        """Undo the edit most recently made or redone and save; None when there is nothing to undo."""
        with self.writing():
            return self._view.undo()

    @changes_records
    def redo(self) -> Edit | None:
        """Redo the edit undone last and save; None when there is nothing to redo."""
        with self.writing():
            return self._view.redo()

    def compact_journal(self) -> None:
        """Write the file now with the whole edit log in its ``edits`` table and empty the journal
        (what every ingest does anyway), e.g. before copying the file alone somewhere."""
        with self.writing():
            self._needs_write = True

    def history(self) -> list[Edit]:
        """Every edit, undone ones included, in the order they apply."""
        return list(self._view.log)

    def annotations(self, record_id: str) -> Annotation:
        """A record's note, tags, star, reviewed and read marks (empty when it has none)."""
        return self._view.state.annotations.get(record_id) or Annotation()
