"""``store.Dossier``: the only door to a dossier's data, a facade over collaborators with one job each.

``schema`` knows the file layout and migrations; ``record_map`` holds the parsed JSON dicts and
builds records lazily; ``indexes`` derives the relation and search indexes and keeps them up to
date; ``edits`` applies additions, updates and deletions (``merge_policy`` decides how an
ingested document merges in); ``tables`` applies the changes to TinyDB's tables. Opening parses the file once (orjson) and builds only id maps. ``add_document``,
``update`` and ``delete`` change memory only; ``flush`` writes every change so far in one atomic,
locked file write, and changes not yet saved are replayed onto another process's newer file.

The file keeps the machine's records (written only by ingest and record edits) and the analyst's
edit log (``store.curation``); ``actors`` and ``events`` are the curated view of the two, which
every reader sees. ``apply``, ``undo`` and ``redo`` change the log and save it before returning.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.store.bulk import without_gc
from dossier.store.check_mark import is_checked, mark_checked
from dossier.store.curation.log import EDITS_TABLE, Edit, EditLog, log_rows
from dossier.store.curation.operations import Operation
from dossier.store.curation.state import Annotation
from dossier.store.curation.view import CuratedView, TrackingChanges
from dossier.store.errors import AmbiguousRef, DossierError, DossierSchemaTooNew, RefNotFound
from dossier.store.folding import fold
from dossier.store.indexes import Indexes
from dossier.store.journal import EditJournal
from dossier.store.lock import WriterLock
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import SCHEMA_VERSION, Actor, Event, Record, Span, Statement
from dossier.store.schema import TABLES, RawRecord, empty_data, keep_original, migrate, record_tables, schema_of
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
    from dossier.store.search import SearchResults
    from dossier.store.tables import RecordTables


class Dossier:
    """One dossier file: its sources, actors and events, their indexes, search, editing and safe writing."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """Open ``path`` (see ``Dossier.open``)."""
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
        self.sentences.build_all(self.mention_rows_by_source())

    def get(self, record_id: str) -> Record | None:
        """The record with this id, whichever kind it is, or None; a merged actor's id gives the actor
        it was merged into."""
        forward = self._view.state.forward
        if record_id in forward:
            record_id = self._view.state.final(record_id)
        if record_id in self.actors:
            return self.actors[record_id]
        if record_id in self.events:
            return self.events[record_id]
        if record_id in self.sources:
            return self.sources[record_id]
        return None

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

    @without_gc
    def actor_ids_by_mentions(self, kind: str | None = None) -> list[str]:
        """Actor ids, most mentioned first (ties by name), without building any record."""
        order = self._indexes.mention_order.get()
        if kind is None:
            return list(order)
        return [a for a in order if self.actors.kind(a) == kind]

    @without_gc
    def actors_by_mentions(self, kind: str | None = None, limit: int | None = None) -> list[Actor]:
        """Actors, most mentioned first (ties by name); optionally one kind and the top ``limit``."""
        return [self.actors[a] for a in self.actor_ids_by_mentions(kind)[:limit]]

    @without_gc
    def timeline_ids(self, actor_id: str | None = None) -> list[str]:
        """Event ids in timeline order (see ``timeline``), without building any record."""
        if actor_id is not None:
            return list(self._indexes.actor_timeline(actor_id))
        return list(self._indexes.timeline.get())

    @without_gc
    def timeline(self, actor_id: str | None = None) -> list[Event]:
        """Events by date (year-only and month-only dates first in their year/month), undated last."""
        return [self.events[event_id] for event_id in self.timeline_ids(actor_id)]

    def events_of(self, actor_id: str) -> list[Event]:
        """Events an actor takes part in (or is the place of), in reading order of their sources."""
        event_ids = self._indexes.relations.get().by_actor.get(actor_id, ())
        return [self.events[event_id] for event_id in sorted(event_ids, key=self._indexes.text_order_key)]

    def actor_brief(self, actor_id: str) -> tuple[str, str, int]:
        """An actor's name, kind and mention count, without building the record (list rows need no more)."""
        actors = self.actors
        return actors.names(actor_id)[0], actors.kind(actor_id), actors.mention_count(actor_id)

    def newest_source_id(self) -> str | None:
        """The most recently published source (undated ones count as oldest), without building records."""
        return max(self.sources, key=lambda source_id: self.sources.published(source_id) or "", default=None)

    def mentions_of(self, actor_id: str) -> list[Span]:
        """Every mention of an actor across its sources: source order (as added), then offset."""
        if actor_id not in self.actors:
            return []
        return list(self._indexes.sorted_mentions(actor_id))

    def mentions_in(self, source_id: str) -> list[tuple[Span, str]]:
        """Every actor mention in one source as ``(span, actor id)``, by offset.

        Before the mention index exists (it takes a while on a big dossier) one source's
        mentions are found by a scan, so the first source shown does not wait for the index.
        """
        index = self._indexes.mentions.peek()
        entries = index.get(source_id, ()) if index is not None else self._scan_mentions_in(source_id)
        return [(Span(source_id, start, end), actor_id) for start, end, actor_id in entries]

    @without_gc
    def _scan_mentions_in(self, source_id: str) -> list[tuple[int, int, str]]:
        """One source's mentions read from every actor (the mention index is not built yet)."""
        return self._indexes.scan_mentions_in(source_id)

    def actors_in(self, source_id: str) -> list[Actor]:
        """The actors mentioned in one source, in order of first mention."""
        entries = self._indexes.mentions.get().get(source_id, ())
        return [self.actors[actor_id] for actor_id in dict.fromkeys(e[2] for e in entries)]

    def events_in(self, source_id: str) -> list[Event]:
        """The events taken from one source, by evidence offset."""
        entries = self._indexes.relations.get().by_source.get(source_id, ())
        return [self.events[event_id] for _, event_id in entries]

    def event_ids_of(self, actor_id: str) -> Sequence[str]:
        """The ids of the events an actor takes part in (or is the place of), unsorted and unbuilt."""
        return self._indexes.relations.get().by_actor.get(actor_id, ())

    def mention_rows_by_source(self) -> Mapping[str, Sequence[tuple[int, int, str]]]:
        """Every source's actor mentions as ``(start, end, actor id)`` by offset (the live index: read only)."""
        return self._indexes.mentions.get()

    def mention_rows_in(self, source_id: str) -> Sequence[tuple[int, int, str]]:
        """Every actor mention in one source as ``(start, end, actor id)`` by offset, without building spans."""
        return self._indexes.mentions.get().get(source_id, ())
    def speaker_of(self, statement: Statement) -> str | None:
        """A statement's speaker as the analyst sees it: the actor a merge folded the machine's
        speaker into, or None when the speaker is hidden or there is none."""
        speaker = statement.speaker
        if speaker is None:
            return None
        if speaker in self._view.state.forward:
            speaker = self._view.state.final(speaker)
        return speaker if speaker in self.actors else None

    def statement(self, statement_id: str) -> Statement:
        """One statement with its speaker as the analyst sees it (see ``speaker_of``)."""
        statement = self.statements[statement_id]
        speaker = self.speaker_of(statement)
        if speaker == statement.speaker:
            return statement
        return replace(statement, speaker=speaker)

    def statements_of(self, actor_id: str) -> list[Statement]:
        """What an actor said (their own and that of every actor merged into them), newest first."""
        state = self._view.state
        members = [actor_id, *(a for a in state.forward if state.final(a) == actor_id)]
        if actor_id not in self.actors:
            return []
        found = [self.statement(i) for member in members for i in self.statements.ids_by(member)]
        return sorted(found, key=lambda q: (q.date or "", q.content.source, -q.content.start), reverse=True)

    def statement_count(self, actor_id: str) -> int:
        """How many statements ``statements_of`` lists for an actor, without building them."""
        if actor_id not in self.actors:
            return 0
        state = self._view.state
        members = [actor_id, *(a for a in state.forward if state.final(a) == actor_id)]
        return sum(len(self.statements.ids_by(member)) for member in members)

    def statements_in(self, source_id: str) -> list[Statement]:
        """The statements taken from one source, by content offset."""
        return [self.statement(i) for i in self.statements.ids_in(source_id)]

    def statements_saying(self, query: str) -> dict[str | None, list[Statement]]:
        """Statements whose words hold every word of ``query`` (case-blind, whole words), grouped
        by speaker as the analyst sees them (None: no actor), newest first in each group: "who said
        'ceasefire'?"."""
        words = [re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE) for word in query.split()]
        groups: dict[str | None, list[Statement]] = {}
        if not words:
            return groups
        for statement_id in self.statements:
            statement = self.statements[statement_id]
            content = statement.content
            said = self.sources.text(content.source)[content.start : content.end]
            if all(word.search(said) for word in words):
                statement = self.statement(statement_id)
                groups.setdefault(statement.speaker, []).append(statement)
        for found in groups.values():
            found.sort(key=lambda q: (q.date or "", q.content.source, -q.content.start), reverse=True)
        return groups

    def co_actors(self, actor_id: str, limit: int | None = None) -> list[tuple[Actor, int]]:
        """Actors sharing events or sources with this one, with how many they share, most first
        (then by name, then id: the same order every time, so exports do not change for nothing).

        ``limit`` keeps the top few (only those records get built).
        """
        counts = self._indexes.co_actor_counts(actor_id)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self.actors.names(item[0])[0].casefold(), item[0]))
        return [(self.actors[other], count) for other, count in ranked[:limit]]

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Actors by name or alias (typo-tolerant), events by title words or date prefix, source text,
        and records by the words of their note; ``tag:NAME`` finds the records carrying a tag."""
        from dossier.store.search import SearchResults, is_date_prefix, tag_query

        query = query.strip()
        if not query:
            return SearchResults(query)
        notes = self._view.notes.get()
        tag = tag_query(query)
        if tag is not None:
            return SearchResults(query, annotated=self._shown(((r, f"tag:{tag}") for r in notes.tagged(tag)), limit))
        indexes = self._indexes
        actors = (
            []
            if is_date_prefix(query)
            else indexes.names.get().search(query, limit, weight=self.actors.mention_count)
        )
        events = indexes.event_words.get().search(query, limit)
        texts = indexes.texts.get().search(query, limit, text_of=self.sources.text)
        return SearchResults(
            query,
            actors=[(self.actors[actor_id], score) for actor_id, score in actors],
            events=[(self.events[event_id], score) for event_id, score in events],
            texts=texts,
            annotated=self._shown(notes.search(query, limit * 2), limit),
            said=self._said(query, limit),
        )

    def _said(self, query: str, limit: int) -> list[Statement]:
        """Statements saying the query's words, by speaker as the analyst sees them (the speaker with
        most such statements first, then by name; unattributed last), newest first in each group."""
        if len(query) < 3:
            return []  # one or two letters match half of everything anyone said
        found = [self.statement(i) for i in self.statements.saying(query, limit * 4, self.sources.text)]
        groups: dict[str | None, list[Statement]] = {}
        for statement in found:
            groups.setdefault(statement.speaker, []).append(statement)

        def order(speaker: str | None) -> tuple[bool, int, str]:
            name = self.actors.names(speaker)[0].casefold() if speaker is not None else ""
            return speaker is None, -len(groups[speaker]), name

        said: list[Statement] = []
        for speaker in sorted(groups, key=order):
            said += sorted(groups[speaker], key=lambda q: (q.date or "", q.content.source, -q.content.start), reverse=True)
        return said[:limit]

    def _shown(self, hits: Iterable[tuple[str, str]], limit: int) -> list[tuple[Record, str]]:
        """The records the dossier shows for annotated ids (a merged actor's survivor, once; hidden ones
        left out), with why each was found, at most ``limit``."""
        shown: dict[str, tuple[Record, str]] = {}
        for record_id, why in hits:
            record = self.get(record_id)
            if record is not None and record.id not in shown:
                shown[record.id] = (record, why)
                if len(shown) >= limit:
                    break
        return list(shown.values())

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

    def apply(self, operation: Operation, reason: str | None = None) -> Edit:
        """Apply one edit and save it (locked, atomic) before returning; ``ValueError`` (changing
        nothing) when it does not fit the dossier, e.g. names an actor it does not show."""
        with self.writing():
            operation.check()
            self._view.check_applicable(operation)
            return self._view.append(operation, reason)

    def undo(self) -> Edit | None:
        """Undo the edit most recently made or redone and save; None when there is nothing to undo."""
        with self.writing():
            return self._view.undo()

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
