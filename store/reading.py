"""What the panes, Detail and exports list: actors by mentions, the timeline, an actor's events and
mentions, a source's actors and events, and who shares sources with whom — read from the derived
indexes (``indexes``) without building a record a listing does not show.

A part of ``Dossier`` (its base class): the facade keeps loading, changing and saving.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dossier.store.bulk import without_gc
from dossier.store.curation.view import CuratedView
from dossier.store.indexes import Indexes
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import Actor, Event, Record, Span


class Reading:
    """The dossier's listings and relations (``Dossier`` sets the maps and indexes they read)."""

    sources: SourceMap
    actors: ActorMap
    events: EventMap
    _indexes: Indexes
    _view: CuratedView

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
        order = self._indexes.text_order_key  # two events of one sentence tie: their ids decide, however indexed
        return [self.events[event_id] for event_id in sorted(event_ids, key=lambda event_id: (*order(event_id), event_id))]

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

    def sources_of(self, actor_id: str) -> list[str]:
        """The ids of the sources an actor is mentioned in, each once, in the order its mentions are stored."""
        if actor_id not in self.actors:
            return []
        return list(self._indexes.actor_sources(actor_id))

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
        return [self.actors[actor_id] for actor_id in self.actor_ids_in(source_id)]

    def actor_ids_in(self, source_id: str) -> list[str]:
        """The ids of the actors mentioned in one source, in order of first mention (no record built)."""
        entries = self._indexes.mentions.get().get(source_id, ())
        return list(dict.fromkeys(e[2] for e in entries))

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
    def co_actors(self, actor_id: str, limit: int | None = None) -> list[tuple[Actor, int]]:
        """Actors sharing events or sources with this one, with how many they share, most first
        (then by name, then id: the same order every time, so exports do not change for nothing).

        ``limit`` keeps the top few (only those records get built).
        """
        counts = self._indexes.co_actor_counts(actor_id)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], self.actors.names(item[0])[0].casefold(), item[0]))
        return [(self.actors[other], count) for other, count in ranked[:limit]]
