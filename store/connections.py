"""Who an actor is connected to and through what: shared events, shared sentences, shared sources;
and the shortest chains of shared events (then sentences) between two actors.

Pure computations over the dossier's relation and mention indexes (``Dossier.event_ids_of``,
``Dossier.mention_rows_in``) and its sentence starts (``Dossier.sentences``); nothing is built
but the few records a caller shows. Ranking counts only; ``shared_evidence`` lists what one pair
shares (event ids, sentence spans, source ids) when a view shows why. A ranking is kept for the
dossier's revision (``Dossier.revision``: any change of what readers see makes a new one), and
``keep_connections`` ranks the most-mentioned actors ahead (in a worker): the top actor's
25,000 connections take 140-180 ms to count, the twentieth actor's 10 ms. A pair's evidence is
kept the same way (``evidence``), the first connection's ranked ahead with it, so a view opening
on it lists it before its first paint; and so are the chains between two actors (``chains``), which
two actors sharing an event have at hand without a search (``chains_at_hand``).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise, repeat
from sys import maxsize
from typing import TYPE_CHECKING, TypeVar
from weakref import WeakKeyDictionary

from dossier.store.bulk import without_gc
from dossier.store.records import Span

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

CHAIN_LIMIT = 5
"""How many shortest chains between two actors are returned (there may be thousands)."""
CHAIN_DEPTH = 6
"""The longest chain (in links) searched for; beyond it two actors count as not connected."""
KEPT_RANKINGS = 64
"""How many rankings, and pairs' evidence and chains, are kept per dossier, of each kind (the oldest goes first)."""


@dataclass(frozen=True, slots=True)
class Connection:
    """Another actor and how much it shares with the one asked about: events, sentences, sources."""

    actor_id: str
    events: int
    sentences: int
    sources: int


@dataclass(slots=True)
class Evidence:
    """What two actors share: the events, the sentences (spans of source text) and the sources."""

    events: list[str] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


Kept = TypeVar("Kept")
KeptAnswers = WeakKeyDictionary["Dossier", dict[tuple[str, str | int | None], tuple[int, Kept]]]
"""Answers kept per dossier, by question: the revision each was computed at, and the answer."""

_KEPT: KeptAnswers[tuple[list[Connection], int]] = WeakKeyDictionary()
"""Rankings per dossier, by actor and limit: the top and the total."""
_KEPT_EVIDENCE: KeptAnswers[Evidence] = WeakKeyDictionary()
"""Evidence per dossier, by pair of actors (as asked)."""
_KEPT_CHAINS: KeptAnswers[list[list[Link]]] = WeakKeyDictionary()
"""Shortest chains per dossier, by pair of actors (as asked)."""


def _kept_or_computed(kept_answers: KeptAnswers[Kept], dossier: Dossier, question: tuple[str, str | int | None],
                      compute: Callable[[], Kept]) -> Kept:
    """The answer kept for ``question`` at the dossier's revision, else ``compute()``'s, then kept (the
    oldest of ``KEPT_RANKINGS`` goes first)."""
    kept = kept_answers.setdefault(dossier, {})
    revision = dossier.revision  # read first: a change while computing leaves the answer unused
    found = kept.get(question)
    if found is not None and found[0] == revision:
        return found[1]
    answer = compute()
    if len(kept) >= KEPT_RANKINGS:
        kept.pop(next(iter(kept)), None)
    kept[question] = (revision, answer)
    return answer


def _kept(kept_answers: KeptAnswers[Kept], dossier: Dossier, question: tuple[str, str | int | None]) -> Kept | None:
    """The answer kept for ``question`` at the dossier's revision, else None."""
    found = kept_answers.get(dossier, {}).get(question)
    return found[1] if found is not None and found[0] == dossier.revision else None


def connections(dossier: Dossier, actor_id: str, limit: int | None = None) -> tuple[list[Connection], int]:
    """The actors sharing an event, a sentence or a source with ``actor_id``: most shared events
    first, then sentences, then sources (ties by id, so the order is stable); the top ``limit``
    (None: all) and how many there are in all. Kept until the dossier changes."""
    ranked, total = _kept_or_computed(_KEPT, dossier, (actor_id, limit), lambda: rank_connections(dossier, actor_id, limit))
    return list(ranked), total


def kept_connections(dossier: Dossier, actor_id: str, limit: int | None = None) -> tuple[list[Connection], int] | None:
    """``connections`` if they are kept for the dossier as it is now (a view shows them at once,
    without a worker), else None."""
    found = _kept(_KEPT, dossier, (actor_id, limit))
    return None if found is None else (list(found[0]), found[1])


def keep_connections(dossier: Dossier, actor_ids: Sequence[str], limit: int | None) -> None:
    """Rank these actors' connections and gather the evidence of each one's first connection now
    (in a worker), so that asking for them later is instant."""
    for actor_id in actor_ids:
        found, _total = connections(dossier, actor_id, limit)
        if found:
            evidence(dossier, actor_id, found[0].actor_id)


def evidence(dossier: Dossier, actor_id: str, other: str) -> Evidence:
    """``shared_evidence``, kept until the dossier changes."""
    return _kept_or_computed(_KEPT_EVIDENCE, dossier, (actor_id, other), lambda: shared_evidence(dossier, actor_id, other))


def kept_evidence(dossier: Dossier, actor_id: str, other: str) -> Evidence | None:
    """``evidence`` if it is kept for the dossier as it is now, else None."""
    return _kept(_KEPT_EVIDENCE, dossier, (actor_id, other))


@without_gc
def rank_connections(dossier: Dossier, actor_id: str, limit: int | None) -> tuple[list[Connection], int]:
    """``connections`` counted: each source's actors, in all and per sentence, are kept by
    ``Dossier.sentences``, so a top actor (20,000 mentions in 14,000 sources, 25,000
    connections) is counted without re-reading a source."""
    shared_events: list[str] = []
    for event_id in dossier.event_ids_of(actor_id):
        shared_events.extend(dict.fromkeys(dossier.events.links(event_id).actor_ids))
    rows_by_source = dossier.mention_rows_by_source()
    groups_of, split = dossier.sentences.groups_of, dossier.sentences.split
    in_sources: list[frozenset[str]] = []
    in_sentences: list[frozenset[str]] = []
    for source_id, starts in _mention_starts(dossier, actor_id).items():
        groups = groups_of(source_id, rows_by_source.get(source_id, ()))
        in_sources.append(groups.actors)
        if len(groups.actors) < 2:  # nobody else in this source
            continue
        by_sentence = groups.by_sentence
        numbers = set(map(bisect_right, repeat(split[source_id], len(starts)), starts))
        in_sentences += [by_sentence[n] for n in numbers if n in by_sentence]
    events = Counter(shared_events)
    sentences, sources = Counter(chain.from_iterable(in_sentences)), Counter(chain.from_iterable(in_sources))
    for counts in (events, sentences, sources):
        counts.pop(actor_id, None)
    total = len(sources.keys() | events.keys())
    ranked: list[tuple[int, int, int, str]] = []
    # Rank tier by tier: actors sharing an event, then those sharing only sentences, then only
    # sources, stopping once a tier fills ``limit`` (a top actor's 25,000 need no sort key each).
    for tier in (events.keys(), sentences.keys() - events.keys(), sources.keys() - sentences.keys() - events.keys()):
        ranked += [(-events[o], -sentences[o], -sources[o], o) for o in tier]
        if limit is not None and len(ranked) >= limit:
            break
    top = heapq.nsmallest(limit, ranked) if limit is not None else sorted(ranked)
    return [Connection(o, -e, -se, -so) for e, se, so, o in top], total


@without_gc
def shared_evidence(dossier: Dossier, actor_id: str, other: str) -> Evidence:
    """The events, sentences and sources ``actor_id`` and ``other`` share, in the store's order."""
    evidence = Evidence()
    evidence.events = [e for e in dossier.event_ids_of(actor_id) if other in dossier.events.links(e).actor_ids]
    other_sources = {row[0] for row in dossier.actors.mention_rows(other)}  # only these can share a sentence
    for source_id, starts in _mention_starts(dossier, actor_id).items():
        if source_id not in other_sources:
            continue
        entries = dossier.mention_rows_in(source_id)
        evidence.sources.append(source_id)
        text_length = len(dossier.sources.text(source_id))
        for low, high in _sentences_of(dossier.sentences.starts(source_id), starts):
            shown = entries[bisect_left(entries, (low,)):bisect_left(entries, (high,))]
            if any(entry[2] == other for entry in shown):
                evidence.sentences.append(Span(source_id, low, min(high, text_length)))
    return evidence


def _mention_starts(dossier: Dossier, actor_id: str) -> dict[str, list[int]]:
    """Where an actor's mentions start, by source."""
    starts: dict[str, list[int]] = defaultdict(list)
    for source_id, start, _end in dossier.actors.mention_rows(actor_id):
        starts[source_id].append(start)
    return starts


def _sentences_of(sentence_starts: Sequence[int], starts: list[int]) -> Iterator[tuple[int, int]]:
    """The distinct sentences (first offset, offset after) holding mentions starting at ``starts``."""
    seen: set[int] = set()
    for start in starts:
        sentence = bisect_right(sentence_starts, start)
        if sentence not in seen:
            seen.add(sentence)
            high = sentence_starts[sentence] if sentence < len(sentence_starts) else maxsize
            yield sentence_starts[sentence - 1], high


@dataclass(frozen=True, slots=True)
class Link:
    """One step of a chain: two actors and the events they share (empty when linked by a sentence)."""

    first: str
    second: str
    events: tuple[str, ...]
    sentences: tuple[Span, ...] = ()


def chains(dossier: Dossier, first: str, second: str) -> list[list[Link]]:
    """``shortest_chains``, kept until the dossier changes."""
    return _kept_or_computed(_KEPT_CHAINS, dossier, (first, second), lambda: shortest_chains(dossier, first, second))


def chains_at_hand(dossier: Dossier, first: str, second: str) -> list[list[Link]] | None:
    """``chains`` when they cost no search (a view lists them at once, without a worker): kept for the
    dossier as it is, or the one direct link of two actors sharing an event (their events intersected:
    under a millisecond for the two most-mentioned actors); else None."""
    kept = _kept(_KEPT_CHAINS, dossier, (first, second))
    return kept if kept is not None else _direct_chain(dossier, first, second)


def _direct_chain(dossier: Dossier, first: str, second: str) -> list[list[Link]] | None:
    """The chains that need no search: none from an actor to itself, the one link of two actors
    sharing an event; else None."""
    if first == second:
        return []
    shared = _shared_events(dossier, first, second)
    return [[Link(first, second, shared)]] if shared else None


@without_gc
def shortest_chains(dossier: Dossier, first: str, second: str, limit: int = CHAIN_LIMIT) -> list[list[Link]]:
    """Up to ``limit`` shortest chains of shared events from ``first`` to ``second`` (a breadth-first
    search over the actor–event graph from both ends); with none, a direct shared sentence; else [].
    Two actors sharing an event have one shortest chain, that link, found without a search."""
    direct = _direct_chain(dossier, first, second)
    if direct is not None:
        return direct
    paths = _shortest_paths(dossier, first, second, limit)
    if paths:
        return [[Link(a, b, _shared_events(dossier, a, b)) for a, b in pairwise(path)] for path in paths]
    sentences = shared_evidence(dossier, first, second).sentences
    return [[Link(first, second, (), tuple(sentences))]] if sentences else []


def _neighbours(dossier: Dossier, actor_id: str) -> set[str]:
    """The actors sharing at least one event with ``actor_id`` (the events' actor ids read without
    their evidence)."""
    found: set[str | None] = set()
    actor_ids = dossier.events.actor_ids
    for event_id in dossier.event_ids_of(actor_id):
        found.update(actor_ids(event_id))
    return {other for other in found if other is not None and other != actor_id}


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
    """Paths from ``node`` back to the search's root through ``parents`` (at most ``limit``), parents
    taken in the order of their ids: the search met them in the order of a set, which changes from
    run to run with Python's string hashing, and the same question should list the same chains."""
    stack: list[list[str]] = [[node]]
    given = 0
    while stack and given < limit:
        path = stack.pop()
        before = parents[path[-1]]
        if not before:
            given += 1
            yield path
        stack.extend([*path, parent] for parent in sorted(before, reverse=True))


def _shared_events(dossier: Dossier, first: str, second: str) -> tuple[str, ...]:
    """The events both actors take part in, each once, in ``first``'s order (one set of ``second``'s)."""
    theirs = set(dossier.event_ids_of(second))
    return tuple(dict.fromkeys(e for e in dossier.event_ids_of(first) if e in theirs))
