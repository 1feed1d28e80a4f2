"""How records look in the UI: kind markers, dates at their precision, and one-line rows.

Everything from a document passes through ``tui.sanitize`` here and becomes ``rich.text.Text``
built from plain strings, so it is never read as markup.
"""

from __future__ import annotations

from rich.text import Text

from dossier.store.partial_dates import format_date
from dossier.store.records import Actor, Event, Source
from dossier.tui.sanitize import one_line

ACTOR_MARKERS: dict[str, tuple[str, str]] = {
    "person": ("P", "bold green"),
    "organization": ("O", "bold yellow"),
    "place": ("L", "bold cyan"),
    "group": ("G", "bold magenta"),
}

EVENT_MARKERS: dict[str, tuple[str, str]] = {
    "statement": ("S", "bold blue"),
    "meeting": ("M", "bold green"),
    "visit": ("V", "bold cyan"),
    "accusation": ("A", "bold yellow"),
    "attack": ("X", "bold red"),
    "agreement": ("G", "bold magenta"),
    "business": ("B", "bold cyan"),
    "appointment": ("P", "bold green"),
    "contest": ("W", "bold magenta"),
    "legal": ("J", "bold yellow"),
    "other": ("·", "dim"),
}

DATE_WIDTH = 10


def date_label(date: str | None, until: str | None = None) -> str:
    """A date at its real precision ("1979", "2007-05", "2007-05-28"), a range, or "undated"."""
    return one_line(format_date(date, until))


def counted(number: int, noun: str) -> str:
    """A count with its noun in the right number ("1 source", "3 sources")."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def actor_marker(kind: str) -> Text:
    """The one-letter coloured marker of an actor kind."""
    letter, style = ACTOR_MARKERS.get(kind, ("?", "bold"))
    return Text(letter, style=style)


def event_marker(kind: str) -> Text:
    """The one-letter coloured marker of an event kind."""
    letter, style = EVENT_MARKERS.get(kind, ("?", "bold"))
    return Text(letter, style=style)


def actor_row(name: str, kind: str, mentions: int) -> Text:
    """A row of the Actors pane: kind marker, mention count, name."""
    return Text.assemble(actor_marker(kind), " ", (f"{mentions:>4}", "dim"), " ", one_line(name))


def event_row(event: Event) -> Text:
    """A row of the Events pane: date (undated shown as such), kind marker, title."""
    date = date_label(event.date)
    more = "+" if event.until else " "
    return Text.assemble(
        (f"{date:<{DATE_WIDTH}}", "dim" if not event.date else ""), more, event_marker(event.kind), " ", one_line(event.title)
    )


def source_label(source: Source) -> Text:
    """A source as one line: title, publisher and publication date."""
    parts = [one_line(source.title) or source.id]
    if source.publisher:
        parts.append(one_line(source.publisher))
    parts.append(date_label(source.published) if source.published else "no date")
    return Text(" · ".join(parts))


def actor_label(actor: Actor) -> Text:
    """An actor as a link label: marker, name and kind."""
    return named_actor_label(actor.name, actor.kind)


def named_actor_label(name: str, kind: str) -> Text:
    """An actor's link label from its name and kind (read without building the record, whose
    mentions may number 20,000)."""
    return Text.assemble(actor_marker(kind), " ", one_line(name), (f"  {kind}", "dim"))


def event_label(event: Event) -> Text:
    """An event as a link label: date, marker, title."""
    return Text.assemble((date_label(event.date, event.until), "dim"), " ", event_marker(event.kind), " ", one_line(event.title))
