"""What the Detail strip says about a record, built as plain values from the dossier (no widgets).

Each presenter returns a ``DetailView``: a summary (``Content``, never markup) and the records it
links to, so the screen only hands it to ``Detail.show`` and tests read it without an app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from dossier.store.records import Actor, Event, Source
from dossier.tui.labels import actor_label, counted, date_label, event_label, source_label
from dossier.tui.sanitize import one_line

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

MAX_LINKS = 100
"""Links listed under a record; the rest are counted (and are all in its export)."""


@dataclass(frozen=True, slots=True)
class DetailView:
    """A summary and the linked records (id, label); ``total`` counts links beyond those listed."""

    summary: Content
    links: list[tuple[str, Text]] = field(default_factory=list)
    total: int | None = None


def dossier_detail(dossier: Dossier) -> DetailView:
    """What Detail says before anything is selected: the dossier's name, counts and the main keys."""
    return DetailView(Content.assemble(
        (one_line(dossier.name), "bold"),
        f"\n{len(dossier.sources)} sources, {len(dossier.actors)} actors, {len(dossier.events)} events",
        ("\nj/k move · enter open · / search · ? help", "dim"),
    ))


def actor_detail(dossier: Dossier, actor: Actor) -> DetailView:
    """An actor: kind, counts, aliases, roles; its sources as links."""
    sources = list(dict.fromkeys(span.source for span in actor.mentions))
    events = len(dossier.timeline_ids(actor.id))
    parts: list[Content | str] = [
        Content.from_rich_text(actor_label(actor)),
        f"\n{counted(len(actor.mentions), 'mention')} in {counted(len(sources), 'source')} · {counted(events, 'event')}",
    ]
    aliases = [one_line(alias) for alias in actor.aliases if alias != actor.name]
    if aliases:
        parts += ["\naliases: ", ", ".join(aliases)]
    if actor.roles:
        roles = [one_line(role.role) + (f" ({one_line(role.date)})" if role.date else "") for role in actor.roles]
        parts += ["\nroles: ", "; ".join(dict.fromkeys(roles))]
    links = [(source_id, Text.assemble(("source ", "dim"), source_label(dossier.sources[source_id])))
             for source_id in sources[:MAX_LINKS] if source_id in dossier.sources]
    return DetailView(Content.assemble(*parts), links, total=len(sources))


def event_detail(dossier: Dossier, event: Event) -> DetailView:
    """An event: title, kind and date; its actors, place and sources as links."""
    summary = Content.assemble(
        Content.from_rich_text(event_label(event)),
        f"\n{event.kind} · {date_label(event.date, event.until)}",
    )
    links: list[tuple[str, Text]] = []
    for actor_id in event.actors:
        if actor := dossier.actors.get(actor_id):
            links.append((actor_id, Text.assemble(("actor ", "dim"), actor_label(actor))))
    if event.place and (place := dossier.actors.get(event.place)):
        links.append((place.id, Text.assemble(("place ", "dim"), actor_label(place))))
    for span in event.evidence:
        if source := dossier.sources.get(span.source):
            links.append((source.id, Text.assemble(("source ", "dim"), source_label(source))))
    return DetailView(summary, links)


def source_detail(dossier: Dossier, source: Source) -> DetailView:
    """A source: title, publisher, date and counts; its actors as links."""
    actors = dossier.actors_in(source.id)
    summary = Content.assemble(
        Content.from_rich_text(source_label(source)).stylize("bold"),
        f"\n{counted(len(actors), 'actor')} · {counted(len(dossier.events_in(source.id)), 'event')}",
        ("\n" + one_line(source.url or source.path or ""), "dim"),
    )
    links = [(actor.id, Text.assemble(("actor ", "dim"), actor_label(actor))) for actor in actors[:MAX_LINKS]]
    return DetailView(summary, links, total=len(actors))


def record_detail(dossier: Dossier, record: Actor | Event | Source) -> DetailView:
    """The Detail of any record, by its kind."""
    if isinstance(record, Actor):
        return actor_detail(dossier, record)
    if isinstance(record, Event):
        return event_detail(dossier, record)
    return source_detail(dossier, record)


def follow_candidates(dossier: Dossier, event: Event) -> list[str]:
    """The actors (then the place) an event can be followed to, each once, known to the dossier."""
    candidates = [a for a in [*event.actors, *([event.place] if event.place else [])] if a in dossier.actors]
    return list(dict.fromkeys(candidates))
