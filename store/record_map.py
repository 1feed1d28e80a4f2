"""The ``id -> record`` maps over the file's JSON dicts: records are built on first access, and
typed readers answer the cheap questions (names, kind, mention count, links) without building them.

Opening a dossier of tens of thousands of articles must not build every record, so each map
keeps the parsed JSON dict of a record until someone asks for the record itself. Records put
in memory (added or edited) have no JSON dict until the next save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from operator import attrgetter
from typing import Generic, NamedTuple, TypeVar, cast

from dossier.store.names import match_keys
from dossier.store.records import Actor, Event, Source, Statement
from dossier.store.schema import RawRecord

R = TypeVar("R", Source, Actor, Event, Statement)

MentionRow = tuple[str, int, int]
"""One mention as ``(source id, start, end)``: what the indexes keep instead of ``Span`` objects."""


class EventLinks(NamedTuple):
    """What the relation indexes need of an event: its date, actor ids (place included) and evidence."""

    date: str | None
    actor_ids: list[str]
    evidence: list[tuple[str, int]]


class RecordMap(Mapping[str, R], Generic[R]):
    """A read-only ``id -> record`` mapping for callers; ``put`` and ``remove`` are the store's own edits."""

    __slots__ = ("_built", "_factory", "_raw", "_twin")

    def __init__(self, factory: Callable[[RawRecord], R]) -> None:
        """An empty map building records with ``factory`` (a record class's ``from_dict``)."""
        self._factory: Callable[[RawRecord], R] = factory
        self._raw: dict[str, RawRecord | None] = {}
        self._built: dict[str, R] = {}
        self._twin: RecordMap[R] | None = None

    def share_builds_with(self, twin: RecordMap[R]) -> None:
        """Build a record once for both maps while both hold the same JSON dict for its id (the
        curated view and the machine's records share the dicts of unedited records): the top
        actor's 10,000 mentions take ~18 ms to build, and a merge needs the machine's record of
        an actor the screen has just shown from the view."""
        self._twin, twin._twin = twin, self

    def reset(self, raw: dict[str, RawRecord]) -> None:
        """Point the map at freshly loaded data, dropping every built record."""
        self._raw = cast(dict[str, RawRecord | None], raw)  # no copy: the file's table is big
        self._built = {}

    def put(self, record: R) -> None:
        """Add a record made in memory, or replace the one with its id (keeping its place in the order)."""
        self._raw[record.id] = None
        self._built[record.id] = record

    def put_json(self, record_id: str, raw: RawRecord) -> None:
        """Add or replace a record by its JSON dict, built on first access like a record read from the file."""
        self._raw[record_id] = raw
        self._built.pop(record_id, None)

    def remove(self, record_id: str) -> None:
        """Forget a record (``KeyError`` if there is none with this id)."""
        del self._raw[record_id]
        self._built.pop(record_id, None)

    def unbuilt(self, record_id: str) -> RawRecord | None:
        """The record's JSON dict while the record was never built (cheap reads); else None."""
        if record_id in self._built:
            return None
        return self._raw[record_id]

    def file_json(self, record_id: str) -> RawRecord | None:
        """The JSON dict the record was read from, built or not; None for records made in memory."""
        return self._raw.get(record_id)

    def __getitem__(self, record_id: str) -> R:
        """The record with this id, built from its JSON dict on first access."""
        record = self._built.get(record_id)
        if record is None:
            # setdefault keeps one object per id even if two threads build it at once.
            raw = self._raw[record_id]
            assert raw is not None  # a record without JSON was put in memory, so it is built
            twin = self._twin
            shared = twin._built.get(record_id) if twin is not None and twin._raw.get(record_id) is raw else None
            record = self._built.setdefault(record_id, self._factory(raw) if shared is None else shared)
        return record

    def __contains__(self, record_id: object) -> bool:
        """Whether a record has this id."""
        return record_id in self._raw

    def __iter__(self) -> Iterator[str]:
        """Record ids in the order the records were added."""
        return iter(self._raw)

    def __len__(self) -> int:
        """How many records there are."""
        return len(self._raw)


class SourceMap(RecordMap[Source]):
    """Sources by id, with their text, date and content hash readable without building them."""

    __slots__ = ()

    def __init__(self) -> None:
        """An empty map of sources."""
        super().__init__(Source.from_dict)

    def text(self, source_id: str) -> str:
        """A source's stored text."""
        raw = self.unbuilt(source_id)
        return self[source_id].text if raw is None else str(raw["text"])

    def published(self, source_id: str) -> str | None:
        """A source's publication date, if known."""
        raw = self.unbuilt(source_id)
        return self[source_id].published if raw is None else raw.get("published")

    def content_hash(self, source_id: str) -> str:
        """A source's content hash ("" when the file has none)."""
        raw = self.unbuilt(source_id)
        return self[source_id].content_hash if raw is None else str(raw.get("content_hash") or "")


class ActorMap(RecordMap[Actor]):
    """Actors by id, with names, kind, mentions and match keys readable without building them."""

    __slots__ = ("_keys",)

    def __init__(self) -> None:
        """An empty map of actors."""
        super().__init__(Actor.from_dict)
        self._keys: dict[str, list[str]] = {}

    def reset(self, raw: dict[str, RawRecord]) -> None:
        """Point the map at freshly loaded data, dropping built records and keys set in memory."""
        super().reset(raw)
        self._keys = {}

    def remove(self, record_id: str) -> None:
        """Forget an actor and its match keys."""
        super().remove(record_id)
        self._keys.pop(record_id, None)

    def names(self, actor_id: str) -> list[str]:
        """An actor's name then aliases."""
        raw = self.unbuilt(actor_id)
        if raw is None:
            actor = self[actor_id]
            return [actor.name, *actor.aliases]
        return [raw["name"], *raw.get("aliases", ())]

    def kind(self, actor_id: str) -> str:
        """An actor's kind."""
        raw = self.unbuilt(actor_id)
        return self[actor_id].kind if raw is None else str(raw["kind"])

    def mention_count(self, actor_id: str) -> int:
        """How many mentions an actor has."""
        raw = self.unbuilt(actor_id)
        return len(self[actor_id].mentions) if raw is None else len(raw["mentions"])

    def mention_rows(self, actor_id: str) -> list[MentionRow]:
        """An actor's mentions as ``(source id, start, end)``, in stored order."""
        raw = self.unbuilt(actor_id)
        if raw is None:
            return [(s.source, s.start, s.end) for s in self[actor_id].mentions]
        return [
            (m[0], m[1], m[2]) if isinstance(m, list) else (m["source"], m["start"], m["end"])
            for m in raw["mentions"]
        ]

    def mention_source_ids(self, actor_id: str) -> list[str]:
        """The source id of each of an actor's mentions, in stored order (no row tuples built: the
        most-mentioned actor has 20,000)."""
        raw = self.unbuilt(actor_id)
        if raw is None:
            return list(map(attrgetter("source"), self[actor_id].mentions))
        return [m[0] if isinstance(m, list) else m["source"] for m in raw["mentions"]]

    def mention_sources(self, actor_id: str) -> set[str]:
        """The ids of the sources an actor is mentioned in (read without building its mention rows)."""
        raw = self.unbuilt(actor_id)
        if raw is None:
            return {span.source for span in self[actor_id].mentions}
        return {m[0] if isinstance(m, list) else m["source"] for m in raw["mentions"]}

    def match_keys_of(self, actor_id: str) -> list[str]:
        """The match keys an actor merges under (derived from its names when the file lacks them)."""
        if actor_id in self._keys:
            return self._keys[actor_id]
        raw = self.file_json(actor_id)
        if raw and raw.get("keys"):
            return list(raw["keys"])
        kind = self.kind(actor_id)
        keys: list[str] = []
        for name in self.names(actor_id):
            keys.extend(key for key in match_keys(name, kind) if key not in keys)
        return keys

    def set_match_keys(self, actor_id: str, keys: list[str]) -> None:
        """Record the match keys an actor merges under from now on (saved with the actor)."""
        self._keys[actor_id] = list(dict.fromkeys(keys))

    def to_json(self, actor_id: str) -> RawRecord:
        """An actor's JSON dict as stored: with its match keys for later merges, and its mentions as
        compact ``[source, start, end]`` rows (half the file size of dicts)."""
        actor = self[actor_id]
        data = actor.to_dict()
        data["mentions"] = [span.to_row() for span in actor.mentions]
        data["keys"] = self.match_keys_of(actor_id)
        return data


class EventMap(RecordMap[Event]):
    """Events by id, with their links, title and dates readable without building them."""

    __slots__ = ()

    def __init__(self) -> None:
        """An empty map of events."""
        super().__init__(Event.from_dict)

    def links(self, event_id: str) -> EventLinks:
        """An event's date, actor ids (place included) and evidence ``(source, start)``."""
        raw = self.unbuilt(event_id)
        if raw is None:
            event = self[event_id]
            actors = [*event.actors, *([event.place] if event.place else [])]
            return EventLinks(event.date, actors, [(s.source, s.start) for s in event.evidence])
        place = raw.get("place")
        actors = [*raw.get("actors", ()), *([place] if place else [])]
        return EventLinks(raw.get("date"), actors, [(s["source"], s["start"]) for s in raw["evidence"]])

    def actor_ids(self, event_id: str) -> list[str | None]:
        """The actor ids an event names and its place (None without one), without its evidence."""
        raw = self.unbuilt(event_id)
        if raw is None:
            event = self[event_id]
            return [*event.actors, event.place]
        return [*raw.get("actors", ()), raw.get("place")]

    def naming(self, actor_ids: set[str]) -> list[str]:
        """The events naming any of ``actor_ids`` (as an actor or their place), in map order: one scan
        of the links, cheaper than building a relation index when that index is needed only once."""
        disjoint = actor_ids.isdisjoint
        return [  # a tight comprehension: on open it runs over every event
            event_id
            for event_id, raw in self._raw.items()
            if (
                not disjoint(self.actor_ids(event_id))
                if raw is None
                else raw.get("place") in actor_ids or not disjoint(raw.get("actors", ()))
            )
        ]

    def searchable(self, event_id: str) -> tuple[str, str | None, str | None]:
        """An event's title, date and range end (what event search indexes)."""
        raw = self.unbuilt(event_id)
        if raw is None:
            event = self[event_id]
            return event.title, event.date, event.until
        return str(raw["title"]), raw.get("date"), raw.get("until")
