"""The whole dossier as a Markdown vault: one note per actor, event, source and statement, an index and a timeline.

Each record's note is its single-record export (``store.render``: front matter with aliases, tags,
dates, kind and id, the evidence sentences quoted, the analyst's note), so a vault and a one-record
export never disagree. All notes sit in one folder under their export file names, so every link
(relative Markdown or ``[[wikilink]]``) resolves inside the vault. Only the curated view is
written: hidden actors and events are not in it, merges, renames and kinds are already applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from dossier.store.bulk_export.tree import ExportTree
from dossier.store.filenames import export_filename
from dossier.store.markdown import escape_inline, front_matter
from dossier.store.partial_dates import is_partial_date
from dossier.store.records import Event, Record
from dossier.store.render import LinkStyle, event_line, link_to, render_record, render_statement

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

INDEX_NOTE = "index.md"
TIMELINE_NOTE = "timeline.md"

Tick = Callable[[], None]
"""Called once per note written (the caller counts and reports progress)."""


def vault_size(dossier: Dossier) -> int:
    """How many notes the vault of this dossier has (records, the index and the timeline)."""
    return len(dossier.actors) + len(dossier.events) + len(dossier.sources) + len(dossier.statements) + 2


def write_vault(dossier: Dossier, tree: ExportTree, links: LinkStyle, tick: Tick) -> None:
    """Write every curated record's note, then the index and timeline notes, into ``tree``."""
    link_texts: dict[str, str] = {}
    for record in _records(dossier):
        rendered = render_record(dossier, record, links=links, link_texts=link_texts)
        tree.write(export_filename(record), rendered.markdown.encode("utf-8"))
        tick()
    for statement_id in dossier.statements:
        name, markdown = render_statement(dossier, dossier.statement(statement_id), links=links, link_texts=link_texts)
        tree.write(name, markdown.encode("utf-8"))
        tick()
    tree.write(INDEX_NOTE, index_note(dossier, links).encode("utf-8"))
    tick()
    tree.write(TIMELINE_NOTE, timeline_note(dossier, links).encode("utf-8"))
    tick()


def _records(dossier: Dossier) -> Iterator[Record]:
    """Every record of the curated view: actors, events, sources."""
    yield from dossier.actors.values()
    yield from dossier.events.values()
    yield from dossier.sources.values()


def _count(number: int, noun: str) -> str:
    """"1 mention", "2 mentions"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _date(text: str | None) -> str:
    """A source's date in a list line: an ISO date as it is, anything else escaped, or "undated"."""
    if not text:
        return "undated"
    return text if is_partial_date(text) else escape_inline(text)


def _page_link(name: str, title: str, links: LinkStyle) -> str:
    """A link to one of the vault's own pages (index, timeline) in the chosen style."""
    return f"[[{name.removesuffix('.md')}|{title}]]" if links == "wiki" else f"[{title}]({name})"


def index_note(dossier: Dossier, links: LinkStyle) -> str:
    """The vault's entry note: counts, the timeline, actors by kind (most mentioned first), sources by date."""
    header = front_matter({"title": "Dossier index", "type": "index", "aliases": [], "tags": []})
    lines = [
        "# Dossier index",
        "",
        f"{len(dossier.actors)} actors, {len(dossier.events)} events, {len(dossier.sources)} sources. "
        f"Every event by date: {_page_link(TIMELINE_NOTE, 'Timeline', links)}.",
        "",
    ]
    actors = dossier.actors_by_mentions()
    for kind, members in groupby(sorted(actors, key=lambda actor: actor.kind), key=lambda actor: actor.kind):
        ranked = sorted(members, key=lambda actor: (-len(actor.mentions), actor.name.casefold()))
        lines += [f"## {escape_inline(kind).capitalize()} \\({len(ranked)}\\)", ""]
        lines += [f"- {link_to(actor, links)}, {_count(len(actor.mentions), 'mention')}" for actor in ranked]
        lines.append("")
    sources = sorted(dossier.sources.values(), key=lambda source: (source.published or "", source.title))
    lines += [f"## Sources \\({len(sources)}\\)", ""]
    lines += [
        f"- {_date(source.published)} \u2014 {link_to(source, links)}"
        + (f", {escape_inline(source.publisher)}" if source.publisher else "")
        for source in sources
    ]
    return header + "\n" + "\n".join(lines).rstrip("\n") + "\n"


def _year(event: Event) -> str:
    """The year heading an event is listed under ("undated" without a date)."""
    return event.date[:4] if event.date else "undated"


def timeline_note(dossier: Dossier, links: LinkStyle) -> str:
    """Every event by date under year headings, undated ones last and counted like the rest."""
    header = front_matter({"title": "Timeline", "type": "timeline", "aliases": [], "tags": []})
    events = dossier.timeline()
    lines = ["# Timeline", "", f"{len(events)} events. Back to the {_page_link(INDEX_NOTE, 'index', links)}.", ""]
    for year, group in groupby(events, key=_year):
        members = list(group)
        lines += [f"## {escape_inline(year)} \\({len(members)}\\)", ""]
        lines += [f"- {event_line(event, link_to(event, links))}" for event in members]
        lines.append("")
    return header + "\n" + "\n".join(lines).rstrip("\n") + "\n"
