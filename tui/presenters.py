"""What the Detail strip says about a record, built as plain values from the dossier (no widgets).

Each presenter returns a ``DetailView``: a summary (``Content``, never markup) and the records it
links to, so the screen only hands it to ``Detail.show`` and tests read it without an app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from dossier.store.records import Actor, Event, Source
from dossier.store.timeline import histogram, mention_dates, sparkline
from dossier.tui.labels import actor_label, counted, date_label, event_label, named_actor_label, source_label
from dossier.tui.sanitize import one_line

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

MAX_LINKS = 100
"""Links listed under a record; the rest are counted (and are all in its export)."""

NOTE_EXCERPT = 160
"""Characters of a note shown in Detail (the whole note is in the editor and the export)."""

SPARKLINE_WIDTH = 16
"""Buckets in an actor's activity sparkline (its size adapts to fit them)."""
SAID_EXCERPT = 120
"""Characters of a statement shown under an event in Detail (Q lists them in full)."""

MARK_FILTERS = ("starred", "unread", "hidden")
"""The filters besides tags: starred records, events from unread sources, hidden actors and events."""


def _no_label(record_id: str) -> Text:
    """The label of a link no presenter named (never drawn: every view labels its own links)."""
    return Text(record_id)


@dataclass(frozen=True, slots=True)
class DetailView:
    """A summary and the ids of the linked records, labelled on demand by ``label`` (Detail draws
    only the few visible ones: the most-mentioned actor links a hundred sources); ``total``
    counts links beyond those listed."""

    summary: Content
    link_ids: list[str] = field(default_factory=list)
    label: Callable[[str], Text] = field(default=_no_label, compare=False)
    total: int | None = None

    @property
    def links(self) -> list[tuple[str, Text]]:
        """Every link with its label, all built now."""
        return [(record_id, self.label(record_id)) for record_id in self.link_ids]


def dossier_detail(dossier: Dossier) -> DetailView:
    """What Detail says before anything is selected: the dossier's name, counts and the main keys."""
    return DetailView(Content.assemble(
        (one_line(dossier.name), "bold"),
        f"\n{len(dossier.sources)} sources, {len(dossier.actors)} actors, {len(dossier.events)} events",
        ("\nj/k move · enter open · / search · ? help", "dim"),
    ))


def actor_detail(dossier: Dossier, actor: Actor) -> DetailView:
    """An actor: kind, counts, aliases, roles; its sources as links."""
    if dossier.actors.get(actor.id) is actor:  # the dossier's own record: its sources are cached
        sources = dossier.sources_of(actor.id)
    else:
        sources = list(dict.fromkeys(span.source for span in actor.mentions))
    events = len(dossier.event_ids_of(actor.id))  # counted, not sorted into timeline order
    parts: list[Content | str] = [
        Content.from_rich_text(actor_label(actor)),
        f"\n{counted(len(actor.mentions), 'mention')} in {counted(len(sources), 'source')} · {counted(events, 'event')}",
        activity_line(dossier, actor.id),
    ]
    aliases = [one_line(alias) for alias in actor.aliases if alias != actor.name]
    if aliases:
        parts += ["\naliases: ", ", ".join(aliases)]
    if actor.roles:
        roles = [one_line(role.role) + (f" ({one_line(role.date)})" if role.date else "") for role in actor.roles]
        parts += ["\nroles: ", "; ".join(dict.fromkeys(roles))]
    said = dossier.statement_count(actor.id)
    if said:
        parts += [f"\n{counted(said, 'statement')} (Q lists them)"]
    links = [source_id for source_id in sources[:MAX_LINKS] if source_id in dossier.sources]
    summary = Content.assemble(*parts, annotation_summary(dossier, actor.id))
    return DetailView(summary, links, lambda source_id: source_link(dossier, source_id), total=len(sources))


def activity_line(dossier: Dossier, actor_id: str) -> Content:
    """An actor's mentions over time as a one-line sparkline between its first and last bucket
    ("  2006-11 █▁▁▁▁▁▃ 2007-05"); nothing when its dated mentions fall on one day."""
    chart = histogram(mention_dates(dossier, actor_id), room=SPARKLINE_WIDTH)
    if len(chart.buckets) < 2:
        return Content("")
    line = sparkline([bucket.count for bucket in chart.buckets])
    return Content.assemble(("  " + chart.buckets[0].label + " ", "dim"), (line, "magenta"), (" " + chart.buckets[-1].label, "dim"))


def event_detail(dossier: Dossier, event: Event) -> DetailView:
    """An event: title, kind and date, what its actors said in its sentences; its actors, place and sources as links."""
    summary = Content.assemble(
        Content.from_rich_text(event_label(event)),
        f"\n{event.kind} · {date_label(event.date, event.until)}",
        *said_in_event(dossier, event),
        annotation_summary(dossier, event.id),
    )
    labels: dict[str, Text] = {}  # a few links: labelled now (each id once, with its first role)
    for actor_id in event.actors:
        if actor_id in dossier.actors:
            labels.setdefault(actor_id, actor_link(dossier, actor_id, "actor "))
    if event.place and event.place in dossier.actors:
        labels.setdefault(event.place, actor_link(dossier, event.place, "place "))
    for span in event.evidence:
        if span.source in dossier.sources:
            labels.setdefault(span.source, source_link(dossier, span.source))
    return DetailView(summary, list(labels), labels.__getitem__)


def said_in_event(dossier: Dossier, event: Event) -> list[Content | str | tuple[str, str]]:
    """Lines of what the event's actors said in its evidence sentences ("Tom Casey said: …")."""
    lines: list[Content | str | tuple[str, str]] = []
    actors = set(event.actors)
    for span in event.evidence:
        for statement in dossier.statements_in(span.source):
            evidence = statement.evidence[0]
            if statement.speaker in actors and evidence.start < span.end and span.start < evidence.end:
                words = dossier.sources.text(statement.content.source)[statement.content.start : statement.content.end]
                said = one_line(" ".join(words.split()))
                said = said if len(said) <= SAID_EXCERPT else said[: SAID_EXCERPT - 1] + "…"
                name = one_line(dossier.actors[statement.speaker].name) if statement.speaker else ""
                lines += ["\n", (f"{name} {statement.verb}: ", "dim"), f"“{said}”" if statement.direct else said]
    return lines


def source_detail(dossier: Dossier, source: Source) -> DetailView:
    """A source: title, publisher, date and counts; its actors as links."""
    actors = dossier.actor_ids_in(source.id)
    summary = Content.assemble(
        Content.from_rich_text(source_label(source)).stylize("bold"),
        f"\n{counted(len(actors), 'actor')} · {counted(len(dossier.events_in(source.id)), 'event')}",
        ("\n" + one_line(source.url or source.path or ""), "dim"),
        annotation_summary(dossier, source.id),
    )
    return DetailView(summary, actors[:MAX_LINKS], lambda actor_id: actor_link(dossier, actor_id, "actor "), total=len(actors))


def source_link(dossier: Dossier, source_id: str) -> Text:
    """A link to a source in Detail ("source Title · Publisher · date"); labels are drawn later
    than the view is made, so a record gone meanwhile shows its id."""
    source = dossier.sources.get(source_id)
    return Text.assemble(("source ", "dim"), source_label(source) if source is not None else source_id)


def actor_link(dossier: Dossier, actor_id: str, role: str) -> Text:
    """A link to an actor in Detail ("actor P Name  person"), read without building its record (an
    actor merged away since the view was made shows its id)."""
    if actor_id not in dossier.actors:
        return Text.assemble((role, "dim"), actor_id)
    name, kind, _ = dossier.actor_brief(actor_id)
    return Text.assemble((role, "dim"), named_actor_label(name, kind))


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


def annotation_summary(dossier: Dossier, record_id: str) -> Content:
    """The analyst's marks on a record for Detail: status (edited or reviewed; nothing for a record
    as the machine left it), star, read, tags and the note's first characters; never markup."""
    annotation = dossier.annotations(record_id)
    status = dossier.curation.status(record_id)
    parts: list[Content | str | tuple[str, str]] = []
    if status != "machine":
        parts.append((status, "bold green" if status == "reviewed" else "bold"))
    if annotation.star:
        parts.append(("★ starred", "bold yellow"))
    if annotation.read:
        parts.append(("read", "dim"))
    if annotation.tags:
        parts.append("tags: " + ", ".join(one_line(tag) for tag in annotation.tags))
    line: list[Content | str | tuple[str, str]] = []
    for part in parts:
        line += ["  ", part] if line else ["\n", part]
    if annotation.note:
        excerpt = one_line(annotation.note)
        excerpt = excerpt if len(excerpt) <= NOTE_EXCERPT else excerpt[: NOTE_EXCERPT - 1] + "…"
        line += ["\nnote: ", (excerpt, "italic")]
    return Content.assemble(*line)


def row_marks(dossier: Dossier, record_id: str) -> str:
    """The marks drawn after a list row: ★ starred, ✓ reviewed (empty for most rows)."""
    annotation = dossier.curation.state.annotations.get(record_id)
    if annotation is None:
        return ""
    return ("  ★" if annotation.star else "") + ("  ✓" if annotation.reviewed else "")


def tag_counts(dossier: Dossier) -> list[tuple[str, int]]:
    """Every tag in use with how many records carry it, most used first."""
    counts: dict[str, int] = {}
    for annotation in dossier.curation.state.annotations.values():
        for tag in annotation.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


def filter_count(dossier: Dossier, mark: str) -> int:
    """How many records a mark filter keeps (for the filter chooser)."""
    annotations = dossier.curation.state.annotations
    if mark == "starred":
        return sum(1 for annotation in annotations.values() if annotation.star)
    if mark == "unread":
        return sum(1 for source_id in dossier.sources if not dossier.annotations(source_id).read)
    return len(dossier.curation.hidden_actors()) + len(dossier.curation.hidden_events())


def keeps(dossier: Dossier, mark: str, record_id: str) -> bool:
    """Whether a record (actor or event) passes a mark filter: "starred", "tag:NAME", or "unread"
    (events citing a source not yet read; actors mentioned in one)."""
    if mark == "starred":
        return dossier.annotations(record_id).star
    if mark.startswith("tag:"):
        return mark[4:] in dossier.annotations(record_id).tags
    if mark == "unread":
        if record_id in dossier.events:
            sources = [span.source for span in dossier.events[record_id].evidence]
        else:
            sources = [span.source for span in dossier.mentions_of(record_id)]
        return any(not dossier.annotations(source_id).read for source_id in sources)
    return True
