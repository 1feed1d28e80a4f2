"""``store.Dossier``: the only door to a dossier's data, a facade over collaborators with one job each.

``schema`` knows the file layout and migrations; ``record_map`` holds the parsed JSON dicts and
builds records lazily; ``indexes`` derives the relation and search indexes and keeps them up to
date; ``merge_policy`` decides how an ingested document merges in; ``tables`` applies changes to
TinyDB's tables. Opening parses the file once (orjson) and builds only id maps. ``add_document``,
``update`` and ``delete`` change memory only; ``flush`` writes every change so far in one atomic,
locked file write, and changes not yet saved are replayed onto another process's newer file.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from dossier.store.bulk import without_gc
from dossier.store.drafts import ActorDraft, ExtractedDocument
from dossier.store.errors import AmbiguousRef, DossierError, DossierSchemaTooNew, RefNotFound
from dossier.store.indexes import Indexes
from dossier.store.lock import WriterLock
from dossier.store.merge_policy import (
    draft_keys,
    first_aliases,
    merge_target,
    new_actor_id,
    new_event_id,
    new_names,
    new_roles,
    sha256_hex,
    source_id_for,
    winning_kind,
)
from dossier.store.names import fold, match_keys
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import SCHEMA_VERSION, Actor, Event, Record, Source, Span
from dossier.store.schema import TABLES, RawRecord, empty_data, migrate, record_tables, schema_of, utc_now
from dossier.store.search import SearchResults, is_date_prefix
from dossier.store.storage import (
    FileSignature,
    OrjsonStorage,
    file_signature,
    parse_json,
    read_file,
    remove_stale_temporaries,
)
from dossier.store.tables import PendingChanges, RecordTables
from dossier.store.validation import check_actor_edit, check_document, check_event_edit, check_source_edit


@dataclass(frozen=True, slots=True)
class _Deletion:
    """A pending deletion, kept to replay onto a file another process saved meanwhile."""

    record_id: str


_PendingEdit = ExtractedDocument | Source | Actor | Event | _Deletion
"""One change not yet saved: a document added, a record updated, or a record deleted."""


class Dossier:
    """One dossier file: its sources, actors and events, their indexes, search, editing and safe writing."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """Open ``path`` (see ``Dossier.open``)."""
        self.path = Path(path).expanduser()
        self.name = self.path.stem
        self._create = create
        self.sources = SourceMap()
        self.actors = ActorMap()
        self.events = EventMap()
        self._indexes = Indexes(self.sources, self.actors, self.events)
        self._lock = WriterLock(self.path)
        self._pending: list[_PendingEdit] = []
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
            tables = record_tables(path, data)
            if schema < SCHEMA_VERSION:
                migrate(path, data, schema, raw_bytes)
                tables = record_tables(path, data)
                migrated = True
        elif self._create:
            data, signature = empty_data(), None
            tables = {name: {} for name in TABLES}
        else:
            raise DossierError(f"{path} does not exist")

        self._tables = RecordTables(OrjsonStorage(path, data))
        with self._indexes.lock:
            self.sources.reset(tables["sources"])
            self.actors.reset(tables["actors"])
            self.events.reset(tables["events"])
            self._indexes.reset()
        self._signature: FileSignature | None = signature
        self._needs_write = signature is None or migrated
        self._changes = PendingChanges()
        self._unsynced = False
        self._hashes = {
            entry["content_hash"]: source_id
            for source_id, entry in tables["sources"].items()
            if entry.get("content_hash")
        }
        gc.freeze()

    def reload(self) -> None:
        """Re-read the file (to see another process's writes), replaying changes not yet saved.

        An update or deletion of a record the other process deleted meanwhile has nothing left
        to apply to and is dropped; everything else is applied again, in the order it was made.
        """
        pending = self._pending
        self._load()  # on failure nothing changed, pending changes included
        self._pending = []
        for edit in pending:
            if isinstance(edit, ExtractedDocument):
                self.add_document(edit)
            elif isinstance(edit, _Deletion):
                if edit.record_id in self.sources or edit.record_id in self.actors or edit.record_id in self.events:
                    self.delete(edit.record_id)
            elif self.get(edit.id) is not None:
                self.update(edit)

    # ------------------------------------------------------------------ queries

    @without_gc
    def build_search_index(self) -> None:
        """Build every search and relation index now (run in a worker so the first query is instant)."""
        self._indexes.build_all()

    def get(self, record_id: str) -> Record | None:
        """The record with this id, whichever kind it is, or None."""
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

    def co_actors(self, actor_id: str, limit: int | None = None) -> list[tuple[Actor, int]]:
        """Actors sharing events or sources with this one, with how many they share, most first.

        ``limit`` keeps the top few (only those records get built).
        """
        counts = self._indexes.co_actor_counts(actor_id)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self.actors.names(item[0])[0].casefold()))
        return [(self.actors[other], count) for other, count in ranked[:limit]]

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Actors by name or alias (typo-tolerant), events by title words or date prefix, and source text."""
        query = query.strip()
        if not query:
            return SearchResults(query)
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
        )

    # ------------------------------------------------------------------ adding

    def add_document(self, extracted: ExtractedDocument) -> bool:
        """Add one extracted document in memory, merging its actors into existing ones by match key.

        Returns False (changing nothing) when a source with the same content hash is present.
        Raises ValueError, changing nothing, when a span or link in the document is invalid.
        """
        source = extracted.source
        text_hash = sha256_hex(source.text)
        content_hash = source.content_hash or text_hash
        source_id = source.id or source_id_for(text_hash)
        if content_hash in self._hashes or source_id in self.sources:
            return False
        check_document(extracted, source_id)

        self.sources.put(replace(source, id=source_id, content_hash=content_hash, added=source.added or utc_now()))
        self._changes.inserted("sources", source_id)
        self._hashes[content_hash] = source_id
        self._indexes.learn_source(source_id)

        actor_of_key = {draft.key: self._merge_actor(draft) for draft in extracted.actors}
        for draft in extracted.events:
            event = Event(
                id=new_event_id(source_id, draft.evidence[0].start, self.events),
                date=draft.date,
                kind=draft.kind,
                title=draft.title,
                until=draft.until,
                actors=list(dict.fromkeys(actor_of_key[key] for key in draft.actor_keys)),
                place=actor_of_key[draft.place_key] if draft.place_key else None,
                evidence=list(draft.evidence),
                when=draft.when,
            )
            self.events.put(event)
            self._changes.inserted("events", event.id)
            self._indexes.learn_event(event.id)
        self._pending.append(extracted)
        return True

    def _merge_actor(self, draft: ActorDraft) -> str:
        """Merge a draft into the existing actor the merge policy picks, or create one; its id."""
        keys = draft_keys(draft)
        key_index = self._indexes.keys.get()

        def owner_of(key: str) -> str | None:
            owners = key_index.get(key)
            return owners[0] if owners else None

        actor_id = merge_target(draft, keys, owner_of)
        if actor_id is None:
            actor = Actor(
                id=new_actor_id(draft.name, self.actors),
                name=draft.name,
                kind=draft.kind,
                aliases=first_aliases(draft),
                roles=list(draft.roles),
                mentions=list(draft.mentions),
            )
            self.actors.put(actor)
            self.actors.set_match_keys(actor.id, keys)
            self._changes.inserted("actors", actor.id)
            self._indexes.learn_actor(actor.id)
            return actor.id
        self._indexes.actor_growing(actor_id)
        actor = self.actors[actor_id]
        actor.kind = winning_kind(actor.kind, len(actor.mentions), draft)
        names = new_names([actor.name, *actor.aliases], draft)
        actor.aliases.extend(names)
        actor.roles.extend(new_roles(actor.roles, draft))
        actor.mentions.extend(draft.mentions)
        self.actors.set_match_keys(actor_id, [*self.actors.match_keys_of(actor_id), *keys])
        self._changes.replaced("actors", actor_id)
        rows = [(span.source, span.start, span.end) for span in draft.mentions]
        self._indexes.actor_grew(actor_id, rows, names, keys)
        return actor_id

    # ------------------------------------------------------------------ editing

    def update(self, record: Record) -> None:
        """Replace the stored record having this record's id, in memory, until the next ``flush``.

        Pass a changed copy (``dataclasses.replace`` with new lists), never a record read from the
        dossier and changed in place: the indexes forget what the stored record says. A source's
        text cannot change; an actor keeps every match key it had (so re-ingest still merges into
        it) and gains those of its new names. ``RefNotFound`` for an unknown id, ``ValueError``
        (changing nothing) for a span outside its source or a link to an unknown actor.
        """
        if isinstance(record, Source):
            self._update_source(record)
        elif isinstance(record, Actor):
            self._update_actor(record)
        else:
            self._update_event(record)
        self._pending.append(record)

    def _update_source(self, source: Source) -> None:
        """Replace a source's metadata (title, date, publisher, place, path, url, furniture)."""
        if source.id not in self.sources:
            raise RefNotFound(source.id)
        check_source_edit(source, self.sources[source.id])
        self.sources.put(source)
        self._changes.replaced("sources", source.id)

    def _update_actor(self, actor: Actor) -> None:
        """Replace an actor (renamed, re-kinded, mentions split off...), re-indexing only it."""
        if actor.id not in self.actors:
            raise RefNotFound(actor.id)
        check_actor_edit(actor, self._text_length)
        keys = self.actors.match_keys_of(actor.id)
        self._indexes.forget_actor(actor.id, keep_keys=True)
        self.actors.put(actor)
        names_keys = [key for name in [actor.name, *actor.aliases] for key in match_keys(name, actor.kind)]
        self.actors.set_match_keys(actor.id, [*keys, *names_keys])
        self._changes.replaced("actors", actor.id)
        self._indexes.learn_actor(actor.id)

    def _update_event(self, event: Event) -> None:
        """Replace an event (retitled, redated, relinked), moving it in the timeline."""
        if event.id not in self.events:
            raise RefNotFound(event.id)
        check_event_edit(event, self._text_length, self.actors)
        self._replace_event(event)

    def _replace_event(self, event: Event) -> None:
        """Swap an event for its new version in the map and the indexes."""
        self._indexes.forget_event(event.id)
        self.events.put(event)
        self._changes.replaced("events", event.id)
        self._indexes.learn_event(event.id)

    def _text_length(self, source_id: str) -> int | None:
        """The length of a stored source's text, or None when there is no such source."""
        return len(self.sources.text(source_id)) if source_id in self.sources else None

    def delete(self, record_id: str) -> list[str]:
        """Delete a source, actor or event in memory, until the next ``flush``; every id removed.

        Deleting a source removes the events taken from it and its mentions and roles from
        actors; an actor left with no mention and no event goes too. Deleting an actor unlinks
        it from events (as an actor or their place); an event left without actors stays, as the
        dated sentence of its source it is. ``RefNotFound`` for an unknown id.
        """
        if record_id in self.sources:
            removed = self._delete_source(record_id)
        elif record_id in self.actors:
            removed = self._delete_actor(record_id)
        elif record_id in self.events:
            removed = self._delete_event(record_id)
        else:
            raise RefNotFound(record_id)
        self._pending.append(_Deletion(record_id))
        return removed

    def _delete_source(self, source_id: str) -> list[str]:
        """Remove a source, its events and the mentions and roles it gave actors."""
        removed: list[str] = []
        for _, event_id in list(self._indexes.relations.get().by_source.get(source_id, ())):
            removed += self._delete_event(event_id)
        for actor_id in dict.fromkeys(entry[2] for entry in self._indexes.mentions.get().get(source_id, ())):
            actor = self.actors[actor_id]
            mentions = [span for span in actor.mentions if span.source != source_id]
            if not mentions and not self._indexes.relations.get().by_actor.get(actor_id):
                removed += self._delete_actor(actor_id)
                continue
            roles = [role for role in actor.roles if role.evidence.source != source_id]
            self._indexes.forget_actor(actor_id, keep_keys=True)
            self.actors.put(replace(actor, mentions=mentions, roles=roles))
            self._changes.replaced("actors", actor_id)
            self._indexes.learn_actor(actor_id)
        self._indexes.forget_source(source_id)
        self._hashes.pop(self.sources.content_hash(source_id), None)
        self.sources.remove(source_id)
        self._changes.deleted("sources", source_id)
        return [source_id, *removed]

    def _delete_actor(self, actor_id: str) -> list[str]:
        """Remove an actor and unlink it from every event naming it."""
        for event_id in list(self._indexes.relations.get().by_actor.get(actor_id, ())):
            event = self.events[event_id]
            actors = [other for other in event.actors if other != actor_id]
            place = None if event.place == actor_id else event.place
            self._replace_event(replace(event, actors=actors, place=place))
        self._indexes.forget_actor(actor_id)
        self.actors.remove(actor_id)
        self._changes.deleted("actors", actor_id)
        return [actor_id]

    def _delete_event(self, event_id: str) -> list[str]:
        """Remove one event."""
        self._indexes.forget_event(event_id)
        self.events.remove(event_id)
        self._changes.deleted("events", event_id)
        return [event_id]

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
                remove_stale_temporaries(self.path)
                if file_signature(self.path) != self._signature:
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
        return bool(self._unsynced or self._needs_write or self._changes)

    @without_gc
    def _write(self) -> None:
        """Apply pending changes to the TinyDB tables in one batch per table, then save the file once."""
        if not self.dirty:
            return
        if self._changes:
            self._tables.apply(self._changes, self._json_of)
            self._changes = PendingChanges()
            self._unsynced = True
        self._tables.sync()
        self._unsynced = False
        self._needs_write = False
        self._pending = []
        self._signature = file_signature(self.path)

    def _json_of(self, table: str, record_id: str) -> RawRecord:
        """A record's JSON dict as stored."""
        if table == "actors":
            return self.actors.to_json(record_id)
        if table == "events":
            return self.events[record_id].to_dict()
        return self.sources[record_id].to_dict()
