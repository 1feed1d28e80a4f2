"""The dossier's derived indexes: built lazily by one helper, then kept up to date record by record.

Every index answers a question the UI asks often (who is mentioned where, which events an actor
takes part in, the timeline order, search) in about the size of its answer. Each is built on
first use (or all at once in a worker by ``build_all``) under one lock, and from then on follows
every change precisely: the store calls ``forget_*`` before it changes or removes a record and
``learn_*`` after it adds or changes one, so an edit costs about the size of the records it
touches, never a rebuild. The per-source mention lists live in ``mention_index`` and the answers
kept per actor in ``actor_caches``.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from dossier.store.actor_caches import ActorCaches
from dossier.store.bulk import without_gc
from dossier.store.mention_index import (
    MentionBatch,
    MentionEntry,
    MentionIndex,
    build_mention_index,
    scan_mentions_in,
)
from dossier.store.partial_dates import sort_key
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import Span

if TYPE_CHECKING:  # the search indexes load with the first search, not when a dossier opens
    from dossier.store.search import ActorNameIndex, EventWordIndex
    from dossier.store.text_index import TextIndex

T = TypeVar("T")

TimelineKey = tuple[bool, str, int, int, str]
MentionOrderKey = tuple[int, str, str]


class Lazy(Generic[T]):
    """One derived index, built on first use under the shared index lock; ``builds`` counts full builds."""

    __slots__ = ("_build", "_lock", "_value", "builds")

    def __init__(self, lock: threading.RLock, build: Callable[[], T]) -> None:
        """An index built by ``build`` (with the garbage collector paused) when first asked for."""
        self._lock = lock
        self._build = without_gc(build)
        self._value: T | None = None
        self.builds = 0

    def get(self) -> T:
        """The index, building it now if it does not exist yet (once, even if two threads ask)."""
        value = self._value
        if value is None:
            with self._lock:
                value = self._value
                if value is None:
                    value = self._value = self._build()
                    self.builds += 1
        return value

    def peek(self) -> T | None:
        """The index if it was built (so it must follow changes), else None."""
        return self._value


@dataclass(slots=True)
class SourceRanks:
    """Source id -> position in the order sources were added (removals leave gaps, never renumber)."""

    rank: dict[str, int] = field(default_factory=dict)
    next_rank: int = 0

    def add(self, source_id: str) -> None:
        """Rank a new source after every other."""
        self.rank[source_id] = self.next_rank
        self.next_rank += 1


@dataclass(slots=True)
class EventRelations:
    """Source id -> ``(evidence start, event id)`` by offset, and actor id -> event ids."""

    by_source: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    by_actor: dict[str, list[str]] = field(default_factory=dict)


class Indexes:
    """Every derived index of one dossier's records, and the per-actor caches."""

    def __init__(self, sources: SourceMap, actors: ActorMap, events: EventMap) -> None:
        """Indexes over the three record maps (nothing is built until asked for)."""
        self._sources, self._actors, self._events = sources, actors, events
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Drop every index and cache (the records were reloaded); each is rebuilt on first use."""
        with self.lock:
            lock = self.lock
            self.ranks = Lazy(lock, self._build_ranks)
            self.keys = Lazy(lock, self._build_keys)
            self.mentions: Lazy[MentionIndex] = Lazy(lock, lambda: build_mention_index(self._actors))
            self.relations = Lazy(lock, self._build_relations)
            self.timeline = Lazy(lock, self._build_timeline)
            self.mention_order = Lazy(lock, self._build_mention_order)
            self.names = Lazy(lock, self._build_names)
            self.event_words = Lazy(lock, self._build_event_words)
            self.texts = Lazy(lock, self._build_texts)
            self._per_actor = ActorCaches(self._actors)
            self._timeline_keys: dict[str, TimelineKey] = {}

    def build_all(self) -> None:
        """Build every index now (in a worker, so the first query is instant)."""
        for index in (self.ranks, self.mentions, self.relations, self.names, self.event_words, self.texts):
            index.get()

    # ------------------------------------------------------------------ building

    def _build_ranks(self) -> SourceRanks:
        """Sources in the order they were added."""
        return SourceRanks({sid: rank for rank, sid in enumerate(self._sources)}, len(self._sources))

    def _build_keys(self) -> dict[str, list[str]]:
        """Match key -> the actors merging under it; the first one is the one new drafts join."""
        index: dict[str, list[str]] = {}
        for actor_id in self._actors:
            for key in self._actors.match_keys_of(actor_id):
                index.setdefault(key, []).append(actor_id)
        return index

    def _build_relations(self) -> EventRelations:
        """Which events each source and each actor has."""
        relations = EventRelations()
        for event_id in self._events:
            self._relate(relations, event_id)
        for entries in relations.by_source.values():
            entries.sort()
        return relations

    def _build_timeline(self) -> list[str]:
        """Every event id in timeline order."""
        return sorted(self._events, key=self.timeline_key)

    def _build_mention_order(self) -> list[str]:
        """Every actor id, most mentioned first (ties by name, then by id: an edit's insertion lands
        where a fresh sort puts it)."""
        return sorted(self._actors, key=self.mention_order_key)

    def _build_names(self) -> ActorNameIndex:
        """Folded actor names and aliases, for ``resolve`` and actor search."""
        from dossier.store.search import ActorNameIndex

        names = ActorNameIndex()
        for actor_id in self._actors:
            names.add(actor_id, self._actors.names(actor_id))
        names.prepare()
        return names

    def _build_event_words(self) -> EventWordIndex:
        """Event title words and dates, for event search."""
        from dossier.store.search import EventWordIndex

        index = EventWordIndex()
        for event_id in self._events:
            index.add(event_id, *self._events.searchable(event_id))
        index.prepare()
        return index

    def _build_texts(self) -> TextIndex:
        """Source text words -> source ids, for full-text search."""
        from dossier.store.text_index import TextIndex

        texts = TextIndex()
        for source_id in self._sources:
            texts.add(source_id, self._sources.text(source_id))
        return texts

    # ------------------------------------------------------------------ order keys

    def timeline_key(self, event_id: str) -> TimelineKey:
        """Timeline order: by date string (so "1979" precedes "1979-01"), undated last, then text order.
        Kept per event until it changes (``forget_event``): a merged actor's 4,000 events are sorted
        again with keys already known."""
        key = self._timeline_keys.get(event_id)
        if key is None:
            date, _, _ = self._events.links(event_id)
            key = self._timeline_keys[event_id] = (*sort_key(date), *self.text_order_key(event_id), event_id)
        return key

    def text_order_key(self, event_id: str) -> tuple[int, int]:
        """Reading order: the event's source in the order added, then its evidence offset."""
        _, _, evidence = self._events.links(event_id)
        source_id, start = evidence[0] if evidence else ("", 0)
        return (self.ranks.get().rank.get(source_id, -1), start)

    def mention_order_key(self, actor_id: str) -> MentionOrderKey:
        """Most mentioned first, then by name, then by id."""
        return (-self._actors.mention_count(actor_id), self._actors.names(actor_id)[0].casefold(), actor_id)

    # ------------------------------------------------------------------ following changes

    def learn_source(self, source_id: str) -> None:
        """Index a source just added (its mentions and events come with its actors and events)."""
        with self.lock:
            ranks = self.ranks.peek()
            if ranks is not None:
                ranks.add(source_id)
            texts = self.texts.peek()
            if texts is not None:
                texts.add(source_id, self._sources.text(source_id))

    def forget_source(self, source_id: str) -> None:
        """Drop a source about to be removed (after its events and its actors' mentions are gone)."""
        with self.lock:
            ranks = self.ranks.peek()
            if ranks is not None:
                ranks.rank.pop(source_id, None)
            mentions = self.mentions.peek()
            if mentions is not None:
                mentions.drop_source(source_id)
            relations = self.relations.peek()
            if relations is not None:
                relations.by_source.pop(source_id, None)
            texts = self.texts.peek()
            if texts is not None:
                texts.remove(source_id)

    def learn_actor(self, actor_id: str, *, mentions_kept: bool = False) -> None:
        """Index every name, key and mention of an actor just added or changed (``mentions_kept``:
        its mention entries are already right, or the caller re-indexes them with ``move_mentions``)."""
        with self.lock:
            if self.keys.peek() is not None:
                self._add_keys(actor_id, self._actors.match_keys_of(actor_id))
            mentions = self.mentions.peek()
            if mentions is not None and not mentions_kept:
                mentions.add(actor_id, self._actors.mention_rows(actor_id))
            names = self.names.peek()
            if names is not None:
                names.add(actor_id, self._actors.names(actor_id))
            self._place_in_mention_order(actor_id)

    def forget_actor(self, actor_id: str, *, keep_keys: bool = False, keep_mentions: bool = False) -> None:
        """Drop every trace of an actor about to be removed or changed (``keep_keys``: it keeps its
        match keys, and their priority, across an edit; ``keep_mentions``: its mention entries stay
        for ``learn_actor`` to update by difference)."""
        with self.lock:
            if not keep_keys:
                keys = self.keys.peek()
                if keys is not None:
                    for key in self._actors.match_keys_of(actor_id):
                        owners = keys.get(key, [])
                        if actor_id in owners:
                            owners.remove(actor_id)
                            if not owners:
                                del keys[key]
            mentions = self.mentions.peek()
            if mentions is not None and not keep_mentions:
                mentions.drop_actor(actor_id, {row[0] for row in self._actors.mention_rows(actor_id)})
            names = self.names.peek()
            if names is not None:
                names.remove(actor_id)
            self._take_from_mention_order(actor_id)
            self._per_actor.drop_mentions(actor_id)

    def actor_growing(self, actor_id: str) -> None:
        """An actor is about to gain names or mentions from a merged document: take it out of the order."""
        with self.lock:
            self._take_from_mention_order(actor_id)
            self._per_actor.drop_mentions(actor_id)

    def actor_grew(self, actor_id: str, mentions: list[Span], names: list[str], keys: list[str]) -> None:
        """Index the names, keys and mentions a merged document added to an actor (cheaper than a relearn)."""
        with self.lock:
            self._add_keys(actor_id, keys)
            index = self.mentions.peek()
            if index is not None:
                index.add(actor_id, [(span.source, span.start, span.end) for span in mentions])
            name_index = self.names.peek()
            if name_index is not None and names:
                name_index.add(actor_id, names)
            self._place_in_mention_order(actor_id)

    def learn_event(self, event_id: str) -> None:
        """Index an event just added or changed."""
        with self.lock:
            self._timeline_keys.pop(event_id, None)
            relations = self.relations.peek()
            if relations is not None:
                self._relate(relations, event_id, keep_sorted=True)
            timeline = self.timeline.peek()
            if timeline is not None:
                insort(timeline, event_id, key=self.timeline_key)
            words = self.event_words.peek()
            if words is not None:
                words.add(event_id, *self._events.searchable(event_id))
            self._drop_timelines_of(event_id)

    def forget_event(self, event_id: str) -> None:
        """Drop an event about to be removed or changed."""
        with self.lock:
            links = self._events.links(event_id)
            relations = self.relations.peek()
            if relations is not None:
                for source_id in {source for source, _ in links.evidence}:
                    entries = relations.by_source.get(source_id)
                    if entries is not None:
                        entries[:] = [entry for entry in entries if entry[1] != event_id]
                for actor_id in set(links.actor_ids):
                    event_ids = relations.by_actor.get(actor_id)
                    if event_ids is not None and event_id in event_ids:
                        event_ids.remove(event_id)
            timeline = self.timeline.peek()
            if timeline is not None:
                _remove_sorted(timeline, event_id, self.timeline_key)
            self._timeline_keys.pop(event_id, None)
            words = self.event_words.peek()
            if words is not None:
                words.remove(event_id, *self._events.searchable(event_id))
            self._drop_timelines_of(event_id)

    def _relate(self, relations: EventRelations, event_id: str, *, keep_sorted: bool = False) -> None:
        """Add one event to the source and actor relation indexes."""
        _, actor_ids, evidence = self._events.links(event_id)
        seen_sources: set[str] = set()
        for source_id, start in evidence:
            if source_id not in seen_sources:
                seen_sources.add(source_id)
                entries = relations.by_source.setdefault(source_id, [])
                if keep_sorted:
                    insort(entries, (start, event_id))
                else:
                    entries.append((start, event_id))
        for actor_id in dict.fromkeys(actor_ids):
            relations.by_actor.setdefault(actor_id, []).append(event_id)

    def _add_keys(self, actor_id: str, keys: Iterable[str]) -> None:
        """Let drafts merge into an actor under these keys (after any actor already owning one)."""
        index = self.keys.peek()
        if index is not None:
            for key in keys:
                owners = index.setdefault(key, [])
                if actor_id not in owners:
                    owners.append(actor_id)

    def relink_events(self, relinked: list[tuple[str, list[str]]]) -> None:
        """Re-index events whose actors changed and nothing else (a merge or hide), given with the
        actors they had: only the actors an event left or joined have their event lists changed
        (each filtered once, however many of its events left), and only their timelines dropped;
        the events' sources, timeline place and title words stay indexed as they are."""
        if not relinked:
            return
        with self.lock:
            leaving: dict[str, set[str]] = {}
            joining: dict[str, list[str]] = {}
            for event_id, before in relinked:
                had = set(before)
                now = [actor_id for actor_id in dict.fromkeys(self._events.actor_ids(event_id)) if actor_id]
                for actor_id in had.difference(now):
                    leaving.setdefault(actor_id, set()).add(event_id)
                for actor_id in now:
                    if actor_id not in had:
                        joining.setdefault(actor_id, []).append(event_id)
            relations = self.relations.peek()
            if relations is not None:
                for actor_id, gone in leaving.items():
                    event_ids = relations.by_actor.get(actor_id)
                    if event_ids is not None:
                        event_ids[:] = [event_id for event_id in event_ids if event_id not in gone]
                for actor_id, joined in joining.items():
                    relations.by_actor.setdefault(actor_id, []).extend(joined)
            for actor_id in (*leaving, *joining):
                self._per_actor.drop_timeline(actor_id)

    def _place_in_mention_order(self, actor_id: str) -> None:
        """Insert an actor into the built mention order (after actors with the same count and name)."""
        order = self.mention_order.peek()
        if order is not None:
            insort(order, actor_id, key=self.mention_order_key)

    def _take_from_mention_order(self, actor_id: str) -> None:
        """Remove an actor from the built mention order (its count and name not yet changed)."""
        order = self.mention_order.peek()
        if order is not None:
            _remove_sorted(order, actor_id, self.mention_order_key)

    def _drop_timelines_of(self, event_id: str) -> None:
        """Forget the cached timelines of an event's actors."""
        if not self._per_actor.any_timeline:
            return
        for actor_id in self._events.links(event_id).actor_ids:
            self._per_actor.drop_timeline(actor_id)

    # ------------------------------------------------------------------ per-actor answers

    def sorted_mentions(self, actor_id: str) -> list[Span]:
        """An actor's mentions in source order (as added), then offset; kept for recent actors."""
        return self._per_actor.sorted_mentions(actor_id, self.ranks.get().rank)

    def actor_sources(self, actor_id: str) -> list[str]:
        """The sources an actor is mentioned in, each once, in the order its mentions are stored;
        kept for recent actors."""
        return self._per_actor.sources(actor_id)

    def actor_timeline(self, actor_id: str) -> list[str]:
        """An actor's event ids in timeline order; kept for recent actors."""
        return self._per_actor.timeline(
            actor_id,
            lambda: sorted(self.relations.get().by_actor.get(actor_id, []), key=self.timeline_key),
        )

    def scan_mentions_in(self, source_id: str) -> list[MentionEntry]:
        """One source's mentions by offset, read from every actor (before the mention index exists)."""
        return scan_mentions_in(self._actors, source_id)

    def move_mentions(self, removed: list[MentionBatch], added: list[MentionBatch]) -> None:
        """Re-index mentions that changed owner, came or went (``MentionIndex.move``), if the
        mention index is built."""
        with self.lock:
            index = self.mentions.peek()
            if index is not None:
                index.move(removed, added)

    def co_actor_counts(self, actor_id: str) -> Counter[str]:
        """Actors sharing events or sources with this one, with how many they share."""
        relations, mentions = self.relations.get(), self.mentions.get()
        counts: Counter[str] = Counter()
        for event_id in relations.by_actor.get(actor_id, ()):
            counts.update(set(self._events.links(event_id).actor_ids) - {actor_id})
        for source_id in {row[0] for row in self._actors.mention_rows(actor_id)}:
            counts.update({entry[2] for entry in mentions.get(source_id, ())} - {actor_id})
        return counts


def _remove_sorted(ordered: list[str], item: str, key: Callable[[str], tuple[object, ...]]) -> None:
    """Remove ``item`` from a list sorted by ``key``, found by bisection while its key is unchanged."""
    position = bisect_left(ordered, key(item), key=key)
    while position < len(ordered) and ordered[position] != item and key(ordered[position]) == key(item):
        position += 1
    if position < len(ordered) and ordered[position] == item:
        del ordered[position]
    elif item in ordered:  # its key changed under us (a record edited in place): slower, still right
        ordered.remove(item)
