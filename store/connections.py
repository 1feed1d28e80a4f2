"""Who an actor is connected to and through what: shared events, shared sentences, shared sources;
and the shortest chains of shared events (then sentences) between two actors.

Pure computations over the dossier's relation and mention indexes (``Dossier.event_ids_of``,
``Dossier.mention_rows_in``); nothing is built but the few records a caller shows. Each
connection keeps its evidence (event ids, sentence spans, source ids) so a view can show why.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from dossier.store.evidence import sentence_window
from dossier.store.records import Span

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

CHAIN_LIMIT = 5
"""How many shortest chains between two actors are returned (there may be thousands)."""
CHAIN_DEPTH = 6
"""The longest chain (in links) searched for; beyond it two actors count as not connected."""


@dataclass(slots=True)
class Connection:
    """Another actor and the evidence it shares with the one asked about."""

    actor_id: str
    events: list[str] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def rank_key(self) -> tuple[int, int, int]:
        """Most shared events first, then sentences, then sources (negated for an ascending sort)."""
        return -len(self.events), -len(self.sentences), -len(self.sources)


def connections(dossier: Dossier, actor_id: str) -> list[Connection]:
    """The actors sharing an event, a sentence or a source with ``actor_id``, best connected first
    (ties by name)."""
    found: dict[str, Connection] = {}

    def of(other: str) -> Connection:
        """The connection to ``other``, made on first use."""
        connection = found.get(other)
        if connection is None:
            connection = found[other] = Connection(other)
        return connection

    for event_id in dossier.event_ids_of(actor_id):
        for other in dict.fromkeys(dossier.events.links(event_id).actor_ids):
            if other != actor_id:
                of(other).events.append(event_id)
    starts_by_source: dict[str, list[int]] = defaultdict(list)
    for source_id, start, _end in dossier.actors.mention_rows(actor_id):
        starts_by_source[source_id].append(start)
    for source_id, starts in starts_by_source.items():
        entries = dossier.mention_rows_in(source_id)
        for other in dict.fromkeys(entry[2] for entry in entries):
            if other != actor_id:
                of(other).sources.append(source_id)
        for sentence in _sentences_around(dossier.sources.text(source_id), source_id, sorted(starts)):
            position = bisect_left(entries, (sentence.start,))
            sharing: dict[str, None] = {}
            while position < len(entries) and entries[position][0] < sentence.end:
                if entries[position][2] != actor_id:
                    sharing[entries[position][2]] = None
                position += 1
            for other in sharing:
                of(other).sentences.append(sentence)
    names = dossier.actors
    return sorted(
        (c for c in found.values() if c.actor_id in names),
        key=lambda c: (c.rank_key(), names.names(c.actor_id)[0].casefold()),
    )


def _sentences_around(text: str, source_id: str, starts: list[int]) -> Iterator[Span]:
    """The distinct sentences holding mentions starting at ``starts`` (sorted), each once."""
    covered_to = -1
    for start in starts:
        if start < covered_to:
            continue
        window = sentence_window(text, Span(source_id, start, start + 1))
        covered_to = max(window.end, start + 1)
        yield Span(source_id, window.start, window.end)


@dataclass(frozen=True, slots=True)
class Link:
    """One step of a chain: two actors and the events they share (empty when linked by a sentence)."""

    first: str
    second: str
    events: tuple[str, ...]
    sentences: tuple[Span, ...] = ()


def shortest_chains(dossier: Dossier, first: str, second: str, limit: int = CHAIN_LIMIT) -> list[list[Link]]:
    """Up to ``limit`` shortest chains of shared events from ``first`` to ``second`` (a breadth-first
    search over the actor–event graph from both ends); with none, a direct shared sentence; else []."""
    if first == second:
        return []
    paths = _shortest_paths(dossier, first, second, limit)
    if paths:
        return [[_event_link(dossier, a, b) for a, b in pairwise(path)] for path in paths]
    sentences = next((c.sentences for c in connections(dossier, first) if c.actor_id == second and c.sentences), [])
    return [[Link(first, second, (), tuple(sentences))]] if sentences else []


def _neighbours(dossier: Dossier, actor_id: str) -> set[str]:
    """The actors sharing at least one event with ``actor_id``."""
    found: set[str] = set()
    for event_id in dossier.event_ids_of(actor_id):
        found.update(dossier.events.links(event_id).actor_ids)
    found.discard(actor_id)
    return found


def _shortest_paths(dossier: Dossier, first: str, second: str, limit: int) -> list[list[str]]:
    """Actor paths of minimal length from ``first`` to ``second``, searching both ends a layer at a time
    (always the smaller frontier), keeping every parent so that all shortest paths can be listed."""
    parents: tuple[dict[str, list[str]], dict[str, list[str]]] = ({first: []}, {second: []})
    depths: tuple[dict[str, int], dict[str, int]] = ({first: 0}, {second: 0})
    frontiers: list[set[str]] = [{first}, {second}]
    reached = [0, 0]
    for _depth in range(CHAIN_DEPTH):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        seen, other_seen = parents[side], parents[1 - side]
        layer: dict[str, list[str]] = defaultdict(list)
        for actor_id in frontiers[side]:
            for neighbour in _neighbours(dossier, actor_id):
                if neighbour not in seen:
                    layer[neighbour].append(actor_id)
        if not layer:
            return []
        seen.update(layer)
        reached[side] += 1
        depths[side].update(dict.fromkeys(layer, reached[side]))
        frontiers[side] = set(layer)
        meeting = [m for m in layer if m in other_seen]
        if meeting:
            nearest = min(depths[1 - side][m] for m in meeting)
            meeting = sorted(m for m in meeting if depths[1 - side][m] == nearest)
            paths: list[list[str]] = []
            for middle in meeting:
                for head in _walk_back(parents[0], middle, limit):
                    for tail in _walk_back(parents[1], middle, limit):
                        paths.append([*reversed(head), *tail[1:]])
                        if len(paths) >= limit:
                            return paths
            return paths
    return []


def _walk_back(parents: dict[str, list[str]], node: str, limit: int) -> Iterator[list[str]]:
    """Paths from ``node`` back to the search's root through ``parents`` (at most ``limit``)."""
    stack: list[list[str]] = [[node]]
    given = 0
    while stack and given < limit:
        path = stack.pop()
        before = parents[path[-1]]
        if not before:
            given += 1
            yield path
        stack.extend([*path, parent] for parent in reversed(before))


def _event_link(dossier: Dossier, first: str, second: str) -> Link:
    """The link between two actors that share events, with those events."""
    shared = [e for e in dossier.event_ids_of(first) if second in dossier.events.links(e).actor_ids]
    return Link(first, second, tuple(dict.fromkeys(shared)))
