"""The dossier as a network of actors and events, written as GraphML and GEXF (Gephi, yEd, Cytoscape).

Nodes are the curated actors and events (hidden ones are not in the view). Edges carry evidence
counts, so a layout or a filter in Gephi can weigh them:

- actor - event (``relation`` "involved", or "place" for the event's place): ``weight`` and
  ``sentences`` are the event's evidence sentences that mention the actor (at least 1: an actor
  named by an edit or only by the event's date line still takes part);
- actor - actor (``relation`` "shared events"): ``weight`` is the number of events both take part
  in, ``sentences`` the evidence sentences mentioning both.

networkx writes both formats (the files load back into networkx with the same counts; tested).
Text values pass through ``store.sanitize`` and lose the few characters XML 1.0 cannot hold, so a
hostile name cannot make the file unreadable.
"""

from __future__ import annotations

import bisect
import io
import re
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx

from dossier.store.bulk_export.tree import ExportTree
from dossier.store.records import Event, Span
from dossier.store.sanitize import sanitize

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

GRAPHML_FILE = "dossier.graphml"
GEXF_FILE = "dossier.gexf"
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Tick = Callable[[], None]
"""Called once per record put in the graph (the caller counts and reports progress)."""


def graph_size(dossier: Dossier) -> int:
    """How many steps building and writing the graph takes (one per record, one per file)."""
    return len(dossier.actors) + len(dossier.events) + 2


def _xml_text(text: str | None) -> str:
    """Text an XML file can hold: controls made visible, characters XML 1.0 forbids dropped."""
    return _NOT_XML.sub("", sanitize(text or ""))


class _MentionsBySource:
    """Which actors a span of a source mentions, from every actor's mentions gathered by source once."""

    def __init__(self, dossier: Dossier) -> None:
        """Gather the curated actors' mentions by source, sorted by offset."""
        rows: dict[str, list[tuple[int, str]]] = {}
        for actor in dossier.actors.values():
            for span in actor.mentions:
                rows.setdefault(span.source, []).append((span.start, actor.id))
        self._rows = {source: sorted(found) for source, found in rows.items()}
        self._starts = {source: [start for start, _ in found] for source, found in self._rows.items()}

    def actors_in(self, span: Span) -> set[str]:
        """The actors with a mention starting inside ``span``."""
        starts, rows = self._starts.get(span.source, []), self._rows.get(span.source, [])
        low, high = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
        return {actor_id for _, actor_id in rows[low:high]}


def build_graph(dossier: Dossier, tick: Tick) -> Any:
    """The actors-and-events ``networkx.Graph`` of the curated dossier, with evidence-counted edges."""
    graph = nx.Graph()
    for actor in dossier.actors.values():
        graph.add_node(
            actor.id,
            label=_xml_text(actor.name),
            type="actor",
            kind=_xml_text(actor.kind),
            mentions=len(actor.mentions),
            sources=len({span.source for span in actor.mentions}),
        )
        tick()
    mentions = _MentionsBySource(dossier)
    shared_events: Counter[tuple[str, str]] = Counter()
    shared_sentences: Counter[tuple[str, str]] = Counter()
    for event in dossier.events.values():
        _add_event(graph, event, mentions, shared_events, shared_sentences)
        tick()
    for pair, count in shared_events.items():
        graph.add_edge(*pair, relation="shared events", weight=count, sentences=shared_sentences[pair])
    return graph


def _add_event(
    graph: Any,
    event: Event,
    mentions: _MentionsBySource,
    shared_events: Counter[tuple[str, str]],
    shared_sentences: Counter[tuple[str, str]],
) -> None:
    """Add one event's node, its actor and place edges, and count the pairs of actors it links."""
    graph.add_node(
        event.id,
        label=_xml_text(event.title),
        type="event",
        kind=_xml_text(event.kind),
        date=_xml_text(event.date),
        until=_xml_text(event.until),
        evidence=len(event.evidence),
    )
    participants = [actor_id for actor_id in event.actors if actor_id in graph]
    named = [mentions.actors_in(span) for span in event.evidence]
    for actor_id in participants:
        sentences = sum(actor_id in names for names in named)
        graph.add_edge(actor_id, event.id, relation="involved", weight=max(sentences, 1), sentences=sentences)
    if event.place and event.place in graph and event.place not in participants:
        sentences = sum(event.place in names for names in named)
        graph.add_edge(event.place, event.id, relation="place", weight=max(sentences, 1), sentences=sentences)
    for first, second in combinations(sorted(set(participants)), 2):
        shared_events[(first, second)] += 1
        shared_sentences[(first, second)] += sum(first in names and second in names for names in named)


def write_graph(dossier: Dossier, tree: ExportTree, tick: Tick) -> None:
    """Write the graph as GraphML and GEXF into ``tree``."""
    graph = build_graph(dossier, tick)
    for name, writer in ((GRAPHML_FILE, nx.write_graphml), (GEXF_FILE, nx.write_gexf)):
        buffer = io.BytesIO()
        writer(graph, buffer)
        tree.write(name, buffer.getvalue())
        tick()
