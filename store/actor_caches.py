"""Answers about one actor kept for the actors looked at last: its mentions in reading order, its
sources and its events in timeline order (moving back and forth between a few actors is the norm,
and the most-mentioned actor's 20,000 mentions take milliseconds to sort)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dossier.store.record_map import ActorMap
from dossier.store.records import Span

T = TypeVar("T")

PER_ACTOR_CACHED = 64
"""Actors whose answers are kept; the oldest is dropped first."""


class ActorCaches:
    """Per-actor answers, keyed on the actor id alone and dropped when that actor (or, for its
    timeline, one of its events) changes."""

    def __init__(self, actors: ActorMap) -> None:
        """Empty caches over the dossier's actors."""
        self._actors = actors
        self._sorted_mentions: dict[str, list[Span]] = {}
        self._sources: dict[str, list[str]] = {}
        self._timelines: dict[str, list[str]] = {}

    def sorted_mentions(self, actor_id: str, source_rank: dict[str, int]) -> list[Span]:
        """An actor's mentions in source order (``source_rank``: as added), then offset."""
        cached = self._sorted_mentions.get(actor_id)
        if cached is None:
            rows = sorted(
                self._actors.mention_rows(actor_id), key=lambda m: (source_rank.get(m[0], -1), m[1], m[2])
            )
            cached = _keep(self._sorted_mentions, actor_id, [Span(*row) for row in rows])
        return cached

    def sources(self, actor_id: str) -> list[str]:
        """The sources an actor is mentioned in, each once, in the order its mentions are stored."""
        cached = self._sources.get(actor_id)
        if cached is None:
            sources = list(dict.fromkeys(self._actors.mention_source_ids(actor_id)))
            cached = _keep(self._sources, actor_id, sources)
        return cached

    def timeline(self, actor_id: str, events: Callable[[], list[str]]) -> list[str]:
        """An actor's event ids in timeline order, from ``events`` (which sorts them) when not kept."""
        cached = self._timelines.get(actor_id)
        if cached is None:
            cached = _keep(self._timelines, actor_id, events())
        return cached

    def drop_mentions(self, actor_id: str) -> None:
        """Forget an actor's mentions and sources (its names or mentions change); its timeline stays,
        as it changes only with its events (a rename keeps it)."""
        self._sorted_mentions.pop(actor_id, None)
        self._sources.pop(actor_id, None)

    def drop_timeline(self, actor_id: str) -> None:
        """Forget an actor's timeline (one of its events changed, came or went)."""
        self._timelines.pop(actor_id, None)

    @property
    def any_timeline(self) -> bool:
        """Whether any timeline is kept (an event change with none kept has nothing to drop)."""
        return bool(self._timelines)


def _keep(cache: dict[str, list[T]], key: str, value: list[T]) -> list[T]:
    """Cache ``value`` under ``key``; the oldest entry goes once ``PER_ACTOR_CACHED`` are kept."""
    if len(cache) >= PER_ACTOR_CACHED:
        cache.pop(next(iter(cache)), None)
    cache[key] = value
    return value
