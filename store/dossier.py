"""``store.Dossier``: the only door to a dossier's data, with the in-memory indexes the UI queries.

Opening parses the TinyDB file once (orjson) and builds only cheap id maps; records are
built from their JSON dicts on first access, and the heavier relation and search indexes
are built on first use (or up front by ``build_search_index`` in a worker). ``add_document``
changes memory only; ``flush`` writes everything added so far in one atomic file write.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

from tinydb import TinyDB

from dossier.store.drafts import ActorDraft, ExtractedDocument
from dossier.store.errors import (
    AmbiguousRef,
    DossierCorrupt,
    DossierError,
    DossierForeign,
    DossierSchemaTooNew,
    RefNotFound,
)
from dossier.store.lock import WriterLock
from dossier.store.names import fold, match_keys, slugify
from dossier.store.records import SCHEMA_VERSION, Actor, Event, Role, Source, Span
from dossier.store.search import (
    ActorNameIndex,
    EventWordIndex,
    SearchResults,
    TextIndex,
    is_date_prefix,
)
from dossier.store.storage import (
    FileSignature,
    OrjsonStorage,
    atomic_write,
    file_signature,
    parse_json,
    read_file,
    remove_stale_temporaries,
)

TABLES = ("sources", "actors", "events")
# Kinds spaCy confuses for one-word names; one name under two of these is one actor.
LABEL_SWAPPABLE_KINDS = ("person", "organization", "group")
# Actors whose sorted mentions and timelines are kept (moving back and forth between a few is the norm).
PER_ACTOR_CACHED = 64
META_TABLE = "meta"

# Upgrades of the file layout: MIGRATIONS[n] turns schema-n data into schema n+1 in place.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], None]] = {}

R = TypeVar("R", Source, Actor, Event)
K = TypeVar("K")
V = TypeVar("V")


def _without_gc(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run bulk work with the cyclic garbage collector paused.

    Parsing and indexing create millions of small acyclic objects; each automatic collection
    would rescan all of them (this made opening ~3x slower than parsing). Reference counting
    still frees everything; collection resumes afterwards.
    """

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return method(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return wrapper


def _now() -> str:
    """The current UTC time as an ISO 8601 string to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sha256(text: str) -> str:
    """The hex SHA-256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def empty_data() -> dict[str, Any]:
    """The TinyDB tables of a brand-new dossier."""
    meta = {"schema": SCHEMA_VERSION, "created": _now(), "application": "dossier"}
    return {META_TABLE: {"1": meta}, **{name: {} for name in TABLES}}


def schema_of(path: Path, data: Any) -> int:
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


def _set_schema(data: dict[str, Any], schema: int) -> None:
    """Record a schema version in the meta table after a migration."""
    for record in data[META_TABLE].values():
        if isinstance(record, dict) and "schema" in record:
            record["schema"] = schema


class RecordMap(Mapping[str, R], Generic[R]):
    """A read-only ``id -> record`` mapping over the file's JSON dicts, building each record on first access."""

    __slots__ = ("_cache", "_factory", "_raw")

    def __init__(self, factory: Callable[[dict[str, Any]], R]) -> None:
        self._factory = factory
        self._raw: dict[str, dict[str, Any] | None] = {}
        self._cache: dict[str, R] = {}

    def _reset(self, raw: dict[str, dict[str, Any] | None]) -> None:
        """Point the map at freshly loaded data, dropping every built record."""
        self._raw = raw
        self._cache = {}

    def _add(self, record_id: str, record: R) -> None:
        """Add a record created in memory (it has no JSON dict until the next flush)."""
        self._raw[record_id] = None
        self._cache[record_id] = record

    def _json(self, record_id: str) -> dict[str, Any] | None:
        """The record's JSON dict when the record was never built (cheap reads); else None."""
        if record_id in self._cache:
            return None
        return self._raw[record_id]

    def __getitem__(self, record_id: str) -> R:
        record = self._cache.get(record_id)
        if record is None:
            # setdefault keeps one object per id even if two threads build it at once.
            record = self._cache.setdefault(record_id, self._factory(self._raw[record_id]))
        return record

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


class Dossier:
    """One dossier file: its sources, actors and events, their indexes, search, and safe writing."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        """Open ``path`` (see ``Dossier.open``)."""
        self.path = Path(path).expanduser()
        self.name = self.path.stem
        self._create = create
        self.sources: RecordMap[Source] = RecordMap(Source.from_dict)
        self.actors: RecordMap[Actor] = RecordMap(Actor.from_dict)
        self.events: RecordMap[Event] = RecordMap(Event.from_dict)
        self._maps: dict[str, RecordMap[Any]] = {
            "sources": self.sources,
            "actors": self.actors,
            "events": self.events,
        }
        self._lock = WriterLock(self.path)
        self._index_lock = threading.RLock()
        self._pending_documents: list[ExtractedDocument] = []
        self._load()

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Dossier:
        """Open a dossier file (parsing it once), or start an empty one when missing and ``create``.

        Never modifies the file; raises a ``DossierError`` subclass with one clear message for a
        damaged, foreign or too-new file.
        """
        return cls(path, create=create)

    # ------------------------------------------------------------------ loading

    @_without_gc
    def _load(self) -> None:
        """Parse the file and build the id maps, replacing all in-memory state only on success.

        The parsed data then lives as long as the dossier: ``gc.freeze()`` moves it out of the
        collector's way so later collections do not rescan millions of objects (UI hiccups).
        """
        path = self.path
        migrated_from: int | None = None
        if path.exists():
            raw_bytes, signature = read_file(path)
            data = parse_json(path, raw_bytes)
            schema = schema_of(path, data)
            if schema > SCHEMA_VERSION:
                raise DossierSchemaTooNew(path, schema, SCHEMA_VERSION)
            tables = self._index_tables(data)
            if schema < SCHEMA_VERSION:
                self._migrate(data, schema, raw_bytes)
                tables = self._index_tables(data)
                migrated_from = schema
        elif self._create:
            data, signature = empty_data(), None
            tables = {name: {} for name in TABLES}
        else:
            raise DossierError(f"{path} does not exist")

        self._storage = OrjsonStorage(path, data)
        self._db = TinyDB(storage=lambda: self._storage)
        for name, raw in tables.items():
            self._maps[name]._reset(raw)
        self._signature: FileSignature | None = signature
        self._needs_write = signature is None or migrated_from is not None
        # Records added since the last save, per table, in order (a dict for O(1) membership).
        self._new_ids: dict[str, dict[str, None]] = {name: {} for name in TABLES}
        self._changed_actors: set[str] = set()
        self._actor_doc_ids: dict[str, int] | None = None
        self._actor_keys: dict[str, list[str]] = {}
        self._unsynced = False
        self._hashes = {
            entry["content_hash"]: source_id
            for source_id, entry in tables["sources"].items()
            if entry.get("content_hash")
        }
        self._forget_indexes()
        gc.freeze()

    def _index_tables(self, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """``{table: {record id: JSON dict}}`` for the three record tables; damage raises ``DossierCorrupt``."""
        tables: dict[str, dict[str, Any]] = {}
        for name in TABLES:
            table = data.setdefault(name, {})
            if not isinstance(table, dict):
                raise DossierCorrupt(self.path, f"the {name!r} table is not a JSON object")
            try:
                tables[name] = {entry["id"]: entry for entry in table.values()}
            except (KeyError, TypeError):
                raise DossierCorrupt(self.path, f"a record in {name!r} has no id") from None
        return tables

    def _migrate(self, data: dict[str, Any], schema: int, raw_bytes: bytes) -> None:
        """Upgrade old-schema data in memory, first keeping the original bytes as ``.schema-<n>.bak``."""
        steps = []
        for version in range(schema, SCHEMA_VERSION):
            if version not in MIGRATIONS:
                raise DossierError(
                    f"{self.path} uses schema {schema}, which this version of dossier cannot "
                    "upgrade. The file was not changed."
                )
            steps.append(MIGRATIONS[version])
        backup = self.path.with_name(f"{self.path.name}.schema-{schema}.bak")
        if not backup.exists():
            atomic_write(backup, raw_bytes, keep_backup=False)
        try:
            for step in steps:
                step(data)
        except Exception as error:
            raise DossierError(
                f"{self.path} could not be upgraded from schema {schema} ({error}); the file was "
                f"not changed and the original is kept as {backup.name}."
            ) from error
        _set_schema(data, SCHEMA_VERSION)

    def _forget_indexes(self) -> None:
        """Drop every derived index; each is rebuilt from the records on first use."""
        with self._index_lock:
            self._key_index: dict[str, str] | None = None
            self._mentions_by_source: dict[str, list[tuple[int, int, str]]] | None = None
            self._events_by_source: dict[str, list[tuple[int, str]]] | None = None
            self._events_by_actor: dict[str, list[str]] | None = None
            self._source_rank: dict[str, int] | None = None
            self._timeline_ids: list[str] | None = None
            self._mention_order: list[str] | None = None
            self._names: ActorNameIndex | None = None
            self._event_words: EventWordIndex | None = None
            self._texts: TextIndex | None = None
            self._sorted_mentions: dict[tuple[str, int], list[Span]] = {}
            self._actor_timelines: dict[tuple[str, int], list[str]] = {}

    def reload(self) -> None:
        """Re-read the file (to see another process's writes), replaying documents not yet saved."""
        pending = self._pending_documents
        self._load()  # on failure nothing changed, pending documents included
        self._pending_documents = []
        for document in pending:
            self.add_document(document)

    # ------------------------------------------------------------------ raw reads

    def _actor_names(self, actor_id: str) -> list[str]:
        """An actor's name then aliases, without building the record."""
        raw = self.actors._json(actor_id)
        if raw is None:
            actor = self.actors[actor_id]
            return [actor.name, *actor.aliases]
        return [raw["name"], *raw.get("aliases", ())]

    def _actor_kind(self, actor_id: str) -> str:
        """An actor's kind, without building the record."""
        raw = self.actors._json(actor_id)
        return self.actors[actor_id].kind if raw is None else raw["kind"]

    def _mention_count(self, actor_id: str) -> int:
        """How many mentions an actor has, without building the record."""
        raw = self.actors._json(actor_id)
        return len(self.actors[actor_id].mentions) if raw is None else len(raw["mentions"])

    def _actor_mentions(self, actor_id: str) -> Iterable[tuple[str, int, int]]:
        """An actor's mentions as ``(source id, start, end)``, without building the record."""
        raw = self.actors._json(actor_id)
        if raw is None:
            return [(s.source, s.start, s.end) for s in self.actors[actor_id].mentions]
        return [
            (m[0], m[1], m[2]) if isinstance(m, list) else (m["source"], m["start"], m["end"])
            for m in raw["mentions"]
        ]

    def _event_links(self, event_id: str) -> tuple[str | None, list[str], list[tuple[str, int]]]:
        """An event's date, actor ids (place included) and evidence ``(source, start)``."""
        raw = self.events._json(event_id)
        if raw is None:
            event = self.events[event_id]
            actors = [*event.actors, *([event.place] if event.place else [])]
            return event.date, actors, [(s.source, s.start) for s in event.evidence]
        place = raw.get("place")
        actors = [*raw.get("actors", ()), *([place] if place else [])]
        return raw.get("date"), actors, [(s["source"], s["start"]) for s in raw["evidence"]]

    # ------------------------------------------------------------------ lazy indexes

    def _ranks(self) -> dict[str, int]:
        """Source id -> position in the order sources were added."""
        if self._source_rank is None:
            with self._index_lock:
                if self._source_rank is None:
                    self._source_rank = {sid: rank for rank, sid in enumerate(self.sources)}
        return self._source_rank

    def _keys(self) -> dict[str, str]:
        """Match key -> actor id, for merging new drafts into existing actors."""
        if self._key_index is None:
            with self._index_lock:
                if self._key_index is None:
                    index: dict[str, str] = {}
                    for actor_id in self.actors:
                        for key in self._stored_keys(actor_id):
                            index.setdefault(key, actor_id)
                    self._key_index = index
        return self._key_index

    def _stored_keys(self, actor_id: str) -> list[str]:
        """The match keys an actor merges under (derived from its names if the file lacks them)."""
        if actor_id in self._actor_keys:
            return self._actor_keys[actor_id]
        raw = self.actors._raw.get(actor_id)
        if raw and raw.get("keys"):
            return list(raw["keys"])
        kind = self._actor_kind(actor_id)
        keys: list[str] = []
        for name in self._actor_names(actor_id):
            keys.extend(key for key in match_keys(name, kind) if key not in keys)
        return keys

    @_without_gc
    def _mentions_index(self) -> dict[str, list[tuple[int, int, str]]]:
        """Source id -> ``(start, end, actor id)`` of every actor mention in it, by offset."""
        if self._mentions_by_source is None:
            with self._index_lock:
                if self._mentions_by_source is None:
                    index: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
                    for actor_id in self.actors:
                        for source_id, start, end in self._actor_mentions(actor_id):
                            index[source_id].append((start, end, actor_id))
                    for entries in index.values():
                        entries.sort()
                    self._mentions_by_source = dict(index)
        return self._mentions_by_source

    @_without_gc
    def _event_indexes(self) -> tuple[dict[str, list[tuple[int, str]]], dict[str, list[str]]]:
        """(source id -> ``(evidence start, event id)`` by offset, actor id -> event ids)."""
        if self._events_by_source is None or self._events_by_actor is None:
            with self._index_lock:
                if self._events_by_source is None or self._events_by_actor is None:
                    by_source: dict[str, list[tuple[int, str]]] = defaultdict(list)
                    by_actor: dict[str, list[str]] = defaultdict(list)
                    for event_id in self.events:
                        self._index_event(event_id, by_source, by_actor)
                    for entries in by_source.values():
                        entries.sort()
                    self._events_by_source = dict(by_source)
                    self._events_by_actor = dict(by_actor)
        return self._events_by_source, self._events_by_actor

    def _index_event(
        self,
        event_id: str,
        by_source: dict[str, list[tuple[int, str]]],
        by_actor: dict[str, list[str]],
    ) -> None:
        """Add one event to the source and actor relation indexes."""
        _, actor_ids, evidence = self._event_links(event_id)
        seen_sources: set[str] = set()
        for source_id, start in evidence:
            if source_id not in seen_sources:
                seen_sources.add(source_id)
                by_source.setdefault(source_id, []).append((start, event_id))
        for actor_id in dict.fromkeys(actor_ids):
            by_actor.setdefault(actor_id, []).append(event_id)

    def _event_order_key(self, event_id: str) -> tuple[Any, ...]:
        """Timeline order: by date string (so "1979" precedes "1979-01"), undated last, then text order."""
        date, _, evidence = self._event_links(event_id)
        source_id, start = evidence[0] if evidence else ("", 0)
        return (date is None, date or "", self._ranks().get(source_id, -1), start, event_id)

    def _text_order_key(self, event_id: str) -> tuple[int, int]:
        """Reading order: the event's source in the order added, then its evidence offset."""
        _, _, evidence = self._event_links(event_id)
        source_id, start = evidence[0] if evidence else ("", 0)
        return (self._ranks().get(source_id, -1), start)

    @_without_gc
    def _name_index(self) -> ActorNameIndex:
        """Folded actor names and aliases, for ``resolve`` and actor search."""
        if self._names is None:
            with self._index_lock:
                if self._names is None:
                    names = ActorNameIndex()
                    for actor_id in self.actors:
                        names.add(actor_id, self._actor_names(actor_id))
                    self._names = names
        return self._names

    @_without_gc
    def _event_word_index(self) -> EventWordIndex:
        """Event title words and dates, for event search."""
        if self._event_words is None:
            with self._index_lock:
                if self._event_words is None:
                    words = EventWordIndex()
                    for event_id in self.events:
                        raw = self.events._json(event_id)
                        if raw is None:
                            event = self.events[event_id]
                            words.add(event_id, event.title, event.date, event.until)
                        else:
                            words.add(event_id, raw["title"], raw.get("date"), raw.get("until"))
                    self._event_words = words
        return self._event_words

    @_without_gc
    def _text_index(self) -> TextIndex:
        """Source text words -> source ids, for full-text search."""
        if self._texts is None:
            with self._index_lock:
                if self._texts is None:
                    texts = TextIndex()
                    for source_id in self.sources:
                        raw = self.sources._json(source_id)
                        text = self.sources[source_id].text if raw is None else raw["text"]
                        texts.add(source_id, text)
                    self._texts = texts
        return self._texts

    @_without_gc
    def build_search_index(self) -> None:
        """Build every search and relation index now (run in a worker so the first query is instant)."""
        self._ranks()
        self._mentions_index()
        self._event_indexes()
        self._name_index()
        self._event_word_index()
        self._text_index()

    # ------------------------------------------------------------------ queries

    def get(self, record_id: str) -> Source | Actor | Event | None:
        """The record with this id, whichever kind it is, or None."""
        for records in (self.actors, self.events, self.sources):
            if record_id in records:
                return records[record_id]
        return None

    def resolve(self, ref: str) -> Source | Actor | Event:
        """The record a user means by an id, an actor's name or alias (case and dots ignored),
        or whole words of one (a surname: "Crocker" -> Ryan Crocker)."""
        ref = ref.strip()
        record = self.get(ref)
        if record is not None:
            return record
        names = self._name_index()
        actor_ids = names.exact(fold(ref)) or names.with_all_words(fold(ref))
        if not actor_ids:
            raise RefNotFound(ref)
        if len(actor_ids) > 1:
            by_mentions = sorted(actor_ids, key=lambda a: -self._mention_count(a))
            raise AmbiguousRef(ref, [self.actors[a] for a in by_mentions])
        return self.actors[actor_ids[0]]

    def has_document(self, content_hash: str) -> bool:
        """Whether a source with this content hash is already in the dossier."""
        return content_hash in self._hashes

    def content_hashes(self) -> frozenset[str]:
        """The content hashes of every stored source (ingest skips these files before extracting)."""
        return frozenset(self._hashes)

    @_without_gc
    def actor_ids_by_mentions(self, kind: str | None = None) -> list[str]:
        """Actor ids, most mentioned first (ties by name), without building any record."""
        if self._mention_order is None:
            with self._index_lock:
                if self._mention_order is None:
                    self._mention_order = sorted(
                        self.actors,
                        key=lambda a: (-self._mention_count(a), self._actor_names(a)[0].casefold()),
                    )
        if kind is None:
            return list(self._mention_order)
        return [a for a in self._mention_order if self._actor_kind(a) == kind]

    @_without_gc
    def actors_by_mentions(self, kind: str | None = None, limit: int | None = None) -> list[Actor]:
        """Actors, most mentioned first (ties by name); optionally one kind and the top ``limit``."""
        return [self.actors[a] for a in self.actor_ids_by_mentions(kind)[:limit]]

    @_without_gc
    def timeline_ids(self, actor_id: str | None = None) -> list[str]:
        """Event ids in timeline order (see ``timeline``), without building any record."""
        if actor_id is not None:
            _, by_actor = self._event_indexes()
            event_ids = by_actor.get(actor_id, ())
            return list(_cached(
                self._actor_timelines,
                (actor_id, len(event_ids)),  # more events: a new key
                lambda: sorted(event_ids, key=self._event_order_key),
            ))
        if self._timeline_ids is None:
            with self._index_lock:
                if self._timeline_ids is None:
                    self._timeline_ids = sorted(self.events, key=self._event_order_key)
        return list(self._timeline_ids)

    @_without_gc
    def timeline(self, actor_id: str | None = None) -> list[Event]:
        """Events by date (year-only and month-only dates first in their year/month), undated last."""
        return [self.events[event_id] for event_id in self.timeline_ids(actor_id)]

    def events_of(self, actor_id: str) -> list[Event]:
        """Events an actor takes part in (or is the place of), in reading order of their sources."""
        _, by_actor = self._event_indexes()
        ids = sorted(by_actor.get(actor_id, ()), key=self._text_order_key)
        return [self.events[event_id] for event_id in ids]

    def actor_brief(self, actor_id: str) -> tuple[str, str, int]:
        """An actor's name, kind and mention count, without building the record (list rows need no more)."""
        return self._actor_names(actor_id)[0], self._actor_kind(actor_id), self._mention_count(actor_id)

    def newest_source_id(self) -> str | None:
        """The most recently published source (undated ones count as oldest), without building records."""

        def published(source_id: str) -> str:
            raw = self.sources._json(source_id)
            return (self.sources[source_id].published if raw is None else raw.get("published")) or ""

        return max(self.sources, key=published, default=None)

    def mentions_of(self, actor_id: str) -> list[Span]:
        """Every mention of an actor across its sources: source order (as added), then offset."""
        if actor_id not in self.actors:
            return []
        ranks = self._ranks()

        def sort_mentions() -> list[Span]:
            mentions = sorted(self._actor_mentions(actor_id), key=lambda m: (ranks.get(m[0], -1), m[1], m[2]))
            return [Span(source, start, end) for source, start, end in mentions]

        # More mentions: a new key.
        cached = _cached(self._sorted_mentions, (actor_id, self._mention_count(actor_id)), sort_mentions)
        return list(cached)

    def mentions_in(self, source_id: str) -> list[tuple[Span, str]]:
        """Every actor mention in one source as ``(span, actor id)``, by offset.

        Before the mention index exists (it takes a while on a big dossier) one source's
        mentions are found by a scan, so the first source shown does not wait for the index.
        """
        index = self._mentions_by_source
        entries = index.get(source_id, ()) if index is not None else self._scan_mentions_in(source_id)
        return [(Span(source_id, start, end), actor_id) for start, end, actor_id in entries]

    @_without_gc
    def _scan_mentions_in(self, source_id: str) -> list[tuple[int, int, str]]:
        """One source's ``(start, end, actor id)`` mentions by offset, read from every actor."""
        return sorted(
            (start, end, actor_id)
            for actor_id in self.actors
            for source, start, end in self._actor_mentions(actor_id)
            if source == source_id
        )

    def actors_in(self, source_id: str) -> list[Actor]:
        """The actors mentioned in one source, in order of first mention."""
        entries = self._mentions_index().get(source_id, ())
        return [self.actors[actor_id] for actor_id in dict.fromkeys(e[2] for e in entries)]

    def events_in(self, source_id: str) -> list[Event]:
        """The events taken from one source, by evidence offset."""
        by_source, _ = self._event_indexes()
        return [self.events[event_id] for _, event_id in by_source.get(source_id, ())]

    def co_actors(self, actor_id: str, limit: int | None = None) -> list[tuple[Actor, int]]:
        """Actors sharing events or sources with this one, with how many they share, most first.

        ``limit`` keeps the top few (only those records get built).
        """
        _, by_actor = self._event_indexes()
        mentions = self._mentions_index()
        counts: Counter[str] = Counter()
        for event_id in by_actor.get(actor_id, ()):
            _, actor_ids, _ = self._event_links(event_id)
            counts.update(set(actor_ids) - {actor_id})
        for source_id in {m[0] for m in self._actor_mentions(actor_id)}:
            counts.update({entry[2] for entry in mentions.get(source_id, ())} - {actor_id})
        ranked = sorted(
            counts.items(), key=lambda item: (-item[1], self._actor_names(item[0])[0].casefold())
        )
        return [(self.actors[other], count) for other, count in ranked[:limit]]

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Actors by name or alias (typo-tolerant), events by title words or date prefix, and source text."""
        query = query.strip()
        if not query:
            return SearchResults(query)
        actors = (
            []
            if is_date_prefix(query)
            else self._name_index().search(query, limit, weight=self._mention_count)
        )
        events = self._event_word_index().search(query, limit)
        texts = self._text_index().search(query, limit, text_of=lambda s: self.sources[s].text)
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
        text_hash = _sha256(source.text)
        content_hash = source.content_hash or text_hash
        source_id = source.id or f"s-{text_hash[:12]}"
        if content_hash in self._hashes or source_id in self.sources:
            return False
        _check_document(extracted, source_id)

        stored = replace(
            source, id=source_id, content_hash=content_hash, added=source.added or _now()
        )
        self.sources._add(source_id, stored)
        self._new_ids["sources"][source_id] = None
        self._hashes[content_hash] = source_id
        if self._source_rank is not None:
            self._source_rank[source_id] = len(self._source_rank)

        actor_of_key: dict[str, str] = {}
        for draft in extracted.actors:
            actor_of_key[draft.key] = self._merge_actor(draft)

        event_ids: list[str] = []
        for draft in extracted.events:
            base = "e-" + _sha256(f"{source_id}:{draft.evidence[0].start}")[:12]
            event_id, suffix = base, 2
            while event_id in self.events:
                event_id, suffix = f"{base}-{suffix}", suffix + 1
            actors = list(dict.fromkeys(actor_of_key[key] for key in draft.actor_keys))
            event = Event(
                id=event_id,
                date=draft.date,
                kind=draft.kind,
                title=draft.title,
                until=draft.until,
                actors=actors,
                place=actor_of_key[draft.place_key] if draft.place_key else None,
                evidence=list(draft.evidence),
                when=draft.when,
            )
            self.events._add(event_id, event)
            self._new_ids["events"][event_id] = None
            event_ids.append(event_id)

        self._update_indexes(extracted, source_id, actor_of_key, event_ids)
        self._pending_documents.append(extracted)
        return True

    def _merge_actor(self, draft: ActorDraft) -> str:
        """Merge a draft into the existing actor sharing a match key, or create one; its id."""
        keys = list(draft.match_keys) or match_keys(draft.name, draft.kind)
        index = self._keys()
        actor_id = next((index[key] for key in keys if key in index), None)
        if actor_id is None:
            actor_id = self._one_word_namesake(draft, index)
        if actor_id is None:
            base = f"a-{slugify(draft.name)}"
            actor_id, suffix = base, 2
            while actor_id in self.actors:
                actor_id, suffix = f"{base}-{suffix}", suffix + 1
            aliases = [alias for alias in dict.fromkeys(draft.aliases) if alias != draft.name]
            actor = Actor(
                id=actor_id,
                name=draft.name,
                kind=draft.kind,
                aliases=aliases,
                roles=list(draft.roles),
                mentions=list(draft.mentions),
            )
            self.actors._add(actor_id, actor)
            self._new_ids["actors"][actor_id] = None
            self._actor_keys[actor_id] = list(dict.fromkeys(keys))
            new_names = [draft.name, *aliases]
        else:
            actor = self.actors[actor_id]
            if actor.kind != draft.kind and len(draft.mentions) > len(actor.mentions):
                actor.kind = draft.kind  # the label most mentions carry wins
            known = {actor.name, *actor.aliases}
            new_names = [
                name
                for name in dict.fromkeys([draft.name, *draft.aliases])
                if name not in known
            ]
            actor.aliases.extend(new_names)
            seen_roles = {(r.role, r.date, r.evidence) for r in actor.roles}
            actor.roles.extend(
                role for role in draft.roles if (role.role, role.date, role.evidence) not in seen_roles
            )
            actor.mentions.extend(draft.mentions)
            stored_keys = self._stored_keys(actor_id)
            self._actor_keys[actor_id] = list(dict.fromkeys([*stored_keys, *keys]))
            if actor_id not in self._new_ids["actors"]:
                self._changed_actors.add(actor_id)
        for key in keys:
            index.setdefault(key, actor_id)
        if self._names is not None and new_names:
            self._names.add(actor_id, new_names)
        return actor_id

    def _one_word_namesake(self, draft: ActorDraft, index: dict[str, str]) -> str | None:
        """An existing actor with the same one-word name under another of person, organisation
        or group: spaCy labels such names inconsistently across articles ("Labour" as a person
        in one, an organisation in the next), so they are one actor, not two."""
        if draft.kind not in LABEL_SWAPPABLE_KINDS or " " in fold(draft.name):
            return None
        for kind in LABEL_SWAPPABLE_KINDS:
            if kind != draft.kind:
                found = next((index[key] for key in match_keys(draft.name, kind) if key in index), None)
                if found is not None:
                    return found
        return None

    def _update_indexes(
        self,
        extracted: ExtractedDocument,
        source_id: str,
        actor_of_key: dict[str, str],
        event_ids: list[str],
    ) -> None:
        """Bring the already-built indexes up to date with one added document."""
        with self._index_lock:
            self._mention_order = None
            self._timeline_ids = None
            if self._mentions_by_source is not None:
                self._mentions_by_source[source_id] = sorted(
                    (span.start, span.end, actor_of_key[draft.key])
                    for draft in extracted.actors
                    for span in draft.mentions
                )
            if self._events_by_source is not None and self._events_by_actor is not None:
                for event_id in event_ids:
                    self._index_event(event_id, self._events_by_source, self._events_by_actor)
                self._events_by_source.get(source_id, []).sort()
            if self._event_words is not None:
                for event_id in event_ids:
                    event = self.events[event_id]
                    self._event_words.add(event_id, event.title, event.date, event.until)
            if self._texts is not None:
                self._texts.add(source_id, extracted.source.text)

    # ------------------------------------------------------------------ writing

    @contextmanager
    def writing(self) -> Iterator[Dossier]:
        """Hold the writer lock (waiting briefly for another writer); flush atomically on exit.

        If another process saved the file since it was read, it is re-read first and documents
        added here but not yet saved are replayed onto it, so no writer loses another's work.
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
        """Write everything added so far in one atomic file replacement (taking the lock if needed)."""
        if self._lock.held:
            self._write()
        else:
            with self.writing():
                pass

    @property
    def dirty(self) -> bool:
        """Whether memory holds changes the file does not."""
        return bool(
            self._unsynced
            or self._needs_write
            or self._changed_actors
            or any(self._new_ids.values())
        )

    @_without_gc
    def _write(self) -> None:
        """Apply pending records to the TinyDB tables in one batch per table, then save the file once."""
        if not self.dirty:
            return
        if any(self._new_ids.values()) or self._changed_actors:
            self._apply_to_tables()
        self._storage.sync()
        self._unsynced = False
        self._needs_write = False
        self._pending_documents = []
        self._signature = file_signature(self.path)

    def _apply_to_tables(self) -> None:
        """Batched TinyDB table operations: ``insert_multiple`` per table, one ``update`` of actors."""
        doc_ids = self._doc_ids_of_actors() if self._changed_actors else None
        for name in TABLES:
            new_ids = self._new_ids[name]
            if not new_ids:
                continue
            records = self._maps[name]
            inserted = self._db.table(name).insert_multiple(
                self._to_json(name, records[record_id]) for record_id in new_ids
            )
            if name == "actors" and self._actor_doc_ids is not None:
                self._actor_doc_ids.update(zip(new_ids, inserted))
        if self._changed_actors and doc_ids is not None:
            changed = {
                actor_id: self._to_json("actors", self.actors[actor_id])
                for actor_id in self._changed_actors
            }

            def overwrite(document: dict[str, Any]) -> None:
                replacement = changed[document["id"]]
                document.clear()
                document.update(replacement)

            self._db.table("actors").update(
                overwrite, doc_ids=[doc_ids[actor_id] for actor_id in changed]
            )
        self._new_ids = {name: {} for name in TABLES}
        self._changed_actors = set()
        self._unsynced = True

    def _doc_ids_of_actors(self) -> dict[str, int]:
        """Actor id -> TinyDB document id (TinyDB's ids are internal; links never use them)."""
        if self._actor_doc_ids is None:
            table = self._storage.read().get("actors", {})
            self._actor_doc_ids = {entry["id"]: int(doc_id) for doc_id, entry in table.items()}
        return self._actor_doc_ids

    def _to_json(self, table: str, record: Source | Actor | Event) -> dict[str, Any]:
        """A record's JSON dict as stored: actors keep their match keys for later merges, and
        their mentions as compact ``[source, start, end]`` rows (half the file size of dicts)."""
        data = record.to_dict()
        if isinstance(record, Actor):
            data["mentions"] = [span.to_row() for span in record.mentions]
            data["keys"] = self._stored_keys(record.id)
        return data


def _cached(cache: dict[K, list[V]], key: K, compute: Callable[[], list[V]]) -> list[V]:
    """``cache[key]``, computed on a miss; the oldest entry goes once ``PER_ACTOR_CACHED`` are kept."""
    value = cache.get(key)
    if value is None:
        value = compute()
        if len(cache) >= PER_ACTOR_CACHED:
            cache.pop(next(iter(cache)), None)
        cache[key] = value
    return value


def _check_document(extracted: ExtractedDocument, source_id: str) -> None:
    """Reject a document whose spans leave its text or whose events link to unknown actors."""
    length = len(extracted.source.text)

    def check(span: Span, what: str) -> None:
        if span.source != source_id:
            raise ValueError(f"{what} points at source {span.source!r}, not {source_id!r}")
        if not 0 <= span.start <= span.end <= length:
            raise ValueError(
                f"{what} [{span.start}:{span.end}] is outside the text (length {length})"
            )

    keys = set()
    for draft in extracted.actors:
        if draft.key in keys:
            raise ValueError(f"two actor drafts share the key {draft.key!r}")
        keys.add(draft.key)
        for span in draft.mentions:
            check(span, f"a mention of {draft.name!r}")
        for role in draft.roles:
            if not isinstance(role, Role):
                raise ValueError(f"a role of {draft.name!r} is not a Role")
            check(role.evidence, f"the role {role.role!r} of {draft.name!r}")
    for draft in extracted.events:
        if not draft.evidence:
            raise ValueError(f"the event {draft.title!r} has no evidence span")
        for span in draft.evidence:
            check(span, f"evidence of the event {draft.title!r}")
        if draft.when is not None:
            check(draft.when, f"the date of the event {draft.title!r}")
        for key in [*draft.actor_keys, *([draft.place_key] if draft.place_key else [])]:
            if key not in keys:
                raise ValueError(f"the event {draft.title!r} links to unknown actor {key!r}")
    for start, end in extracted.source.furniture:
        if not 0 <= start <= end <= length:
            raise ValueError(f"furniture [{start}:{end}] is outside the text (length {length})")
