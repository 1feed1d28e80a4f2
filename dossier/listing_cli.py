"""The commands that read the dossier and print it: ``actors``, ``events``, ``statements``,
``sources``, ``show`` and ``search``, as tables (document text sanitised, one row per line) or
JSON (``--json``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from dossier.curation_cli import resolve_actor, resolve_record
from dossier.output import print_json
from dossier.store.partial_dates import format_date
from dossier.store.records import Actor, Event, Source
from dossier.store.said import newest_first
from dossier.store.sanitize import sanitize

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

EXIT_OK, EXIT_FAILED = 0, 1


def _print_table(rows: list[list[str]], headers: list[str]) -> None:
    """Print rows as left-aligned columns, sanitised, the last column unpadded."""
    cells = [[sanitize(str(cell)).replace("\n", " ") for cell in row] for row in rows]
    widths = [max([len(headers[i])] + [len(row[i]) for row in cells]) for i in range(len(headers) - 1)]
    for row in [headers, *cells]:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*padded, row[-1]]).rstrip())


def _actors(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier actors``."""
    actors = dossier.actors_by_mentions(args.kind)
    if args.limit:  # 0: all
        actors = actors[: args.limit]
    if args.json:
        print_json([{"id": a.id, "name": a.name, "kind": a.kind, "aliases": a.aliases, "mentions": len(a.mentions)} for a in actors])
    else:
        _print_table([[a.id, a.kind, str(len(a.mentions)), a.name] for a in actors], ["ID", "KIND", "MENTIONS", "NAME"])
    return EXIT_OK


def _events(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier events``."""
    actor_id = resolve_actor(dossier, args.actor).id if args.actor is not None else None
    events = dossier.timeline(actor_id)
    if args.json:
        print_json([event.to_dict() for event in events])
    else:
        rows = [[e.id, _date_range(e), e.kind, e.title] for e in events]
        _print_table(rows, ["ID", "DATE", "KIND", "TITLE"])
    return EXIT_OK


def _statements(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier statements``: every statement (or one actor's, or those with some words grouped by
    speaker), newest first, with its words."""
    if args.said is not None:  # grouped by speaker, most statements first
        groups = sorted(dossier.statements_saying(args.said).items(), key=lambda item: -len(item[1]))
        statements = [q for _, found in groups for q in found]
        if args.actor is not None:
            speaker = resolve_actor(dossier, args.actor).id
            statements = [q for q in statements if q.speaker == speaker]
    elif args.actor is not None:
        statements = dossier.statements_of(resolve_actor(dossier, args.actor).id)
    else:
        statements = sorted((dossier.statement(i) for i in dossier.statements), key=newest_first, reverse=True)

    def words(span_start: int, span_end: int, source_id: str) -> str:
        """The content's words on one line."""
        return " ".join(dossier.sources.text(source_id)[span_start:span_end].split())

    if args.json:
        print_json(
            [{**q.to_dict(), "text": words(q.content.start, q.content.end, q.content.source)} for q in statements]
        )
        return EXIT_OK
    rows = []
    for q in statements:
        speaker = dossier.actors[q.speaker].name if q.speaker else f"({q.speaker_text or 'unnamed'})"
        content = words(q.content.start, q.content.end, q.content.source)
        shown = f"“{content}”" if q.direct else content
        rows.append([q.id, q.date or "undated", speaker, q.verb, shown if len(shown) <= 160 else shown[:159] + "…"])
    _print_table(rows, ["ID", "DATE", "SPEAKER", "VERB", "SAID"])
    return EXIT_OK


def _date_range(event: Event) -> str:
    """An event's date as shown in lists: "2007-05-03–2007-05-04", "1979", "undated"."""
    return format_date(event.date, event.until)


def _sources(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier sources``."""
    sources = sorted(dossier.sources.values(), key=lambda s: (s.published or "", s.title))
    if args.json:
        print_json([{k: v for k, v in s.to_dict().items() if k != "text"} for s in sources])
    else:
        rows = [[s.id, s.published or "-", s.publisher or "-", s.title] for s in sources]
        _print_table(rows, ["ID", "PUBLISHED", "PUBLISHER", "TITLE"])
    return EXIT_OK


def _show(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier show``: the record as Markdown (the export), or as JSON."""
    from dossier.store.render import render_record

    record = resolve_record(dossier, args.ref)
    if args.json:
        print_json(record.to_dict())
    else:
        print(sanitize(render_record(dossier, record).markdown))
    return EXIT_OK


def _search(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier search``: hits grouped by kind, best first."""
    results = dossier.search(" ".join(args.query), limit=args.limit)
    if args.json:
        print_json(
            {
                "actors": [{"id": a.id, "name": a.name, "score": round(s, 1)} for a, s in results.actors],
                "events": [{"id": e.id, "date": e.date, "title": e.title, "score": round(s, 1)} for e, s in results.events],
                "texts": [{"source": h.source_id, "start": h.start, "end": h.end, "snippet": h.snippet} for h in results.texts],
                "annotated": [{"id": r.id, "kind": _record_kind(r), "why": why} for r, why in results.annotated],
            }
        )
        return EXIT_OK
    rows = [["actor", a.id, a.name] for a, _ in results.actors]
    rows += [["event", e.id, f"{_date_range(e)} {e.title}"] for e, _ in results.events]
    rows += [["text", f"{h.source_id}:{h.start}", h.snippet] for h in results.texts]
    rows += [[_record_kind(r), r.id, f"{_record_name(r)} · {why}"] for r, why in results.annotated]
    if not rows:
        print("no matches", file=sys.stderr)
        return EXIT_FAILED
    _print_table(rows, ["KIND", "ID", "MATCH"])
    return EXIT_OK


def _record_kind(record: Actor | Event | Source) -> str:
    """What a record is, as the KIND column says it."""
    return "actor" if isinstance(record, Actor) else "event" if isinstance(record, Event) else "source"


def _record_name(record: Actor | Event | Source) -> str:
    """A record's name (actor), title (event, source) or id."""
    return record.name if isinstance(record, Actor) else record.title or record.id


HANDLERS: dict[str, Callable[[Dossier, argparse.Namespace], int]] = {
    "actors": _actors,
    "events": _events,
    "statements": _statements,
    "sources": _sources,
    "show": _show,
    "search": _search,
}
