"""The ``dossier`` command: the TUI with no arguments, and subcommands on the same store.

Every failure a user can cause (a bad REF, number, path, setting or dossier file) ends in one
line on stderr and a non-zero exit, never a traceback (``dossier.arguments`` checks values).
Text from documents is printed through ``store.sanitize``, paths and messages on one line and
JSON with controls escaped through ``dossier.output``, so a document or a file name cannot send
escape sequences to the terminal or forge an output line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier import __version__, arguments
from dossier.arguments import BadSetting, OneLineParser
from dossier.curation_cli import HANDLERS as CURATION_HANDLERS
from dossier.curation_cli import add_commands as add_curation_commands
from dossier.export_cli import add_bulk_options, export_everything, wants_everything
from dossier.output import one_line, print_json, readable_path, say, shown_path
from dossier.paths import db_path, default_db_path
from dossier.review_cli import HANDLERS as REVIEW_HANDLERS
from dossier.review_cli import add_review_commands
from dossier.store.errors import AmbiguousRef, DossierError, RefNotFound
from dossier.store.partial_dates import format_date
from dossier.store.records import Actor, Event, Source
from dossier.store.said import newest_first
from dossier.store.sanitize import readable, sanitize

if TYPE_CHECKING:
    from dossier.ingest.pipeline import IngestProgress
    from dossier.store.dossier import Dossier

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A failure to report as one line on stderr."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``dossier`` and its subcommands."""
    parser = OneLineParser(
        prog="dossier",
        description="Browse actors, events and their source text from news articles. "
        "With no command, opens the terminal app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=arguments.path,
        help=f"dossier file (default: $DOSSIER_DB, else {default_db_path()})",
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="add articles (.txt, .md, .html; files or folders)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", type=arguments.path)
    ingest.add_argument(
        "-j", "--jobs", type=arguments.jobs, default=0, help="worker processes (default: all cores, up to 2; at most one per core)"
    )
    ingest.add_argument(
        "--metadata",
        metavar="TABLE",
        type=arguments.path,
        help="CSV/TSV with a 'file' column (relative to the table) and any of title, date, publisher, place, url",
    )
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")

    actors = commands.add_parser("actors", help="list actors, most mentioned first")
    actors.add_argument("--kind", choices=["person", "organization", "place", "group"])
    actors.add_argument("--limit", type=arguments.count, default=0, help="at most this many (0: all)")
    actors.add_argument("--json", action="store_true")

    events = commands.add_parser("events", help="list events by date")
    events.add_argument("--actor", metavar="REF", type=arguments.text, help="only events this actor takes part in")
    events.add_argument("--json", action="store_true")

    statements = commands.add_parser("statements", help="list who said what, newest first")
    statements.add_argument("--actor", metavar="REF", type=arguments.text, help="only what this actor said")
    statements.add_argument("--said", metavar="WORDS", type=arguments.text, help="only statements with these words, by speaker")
    statements.add_argument("--json", action="store_true")

    sources = commands.add_parser("sources", help="list source documents")
    sources.add_argument("--json", action="store_true")

    show = commands.add_parser("show", help="show one record (id, name or alias) as Markdown")
    show.add_argument("ref", metavar="REF", type=arguments.text)
    show.add_argument("--json", action="store_true")

    search = commands.add_parser("search", help="search actors, events, notes and source text; tag:NAME lists a tag's records")
    search.add_argument("query", nargs="+", type=arguments.text)
    search.add_argument("--limit", type=arguments.positive_count, default=20, help="at most this many of each kind")
    search.add_argument("--json", action="store_true")

    export = commands.add_parser("export", help="export one record to a Markdown file, or --all DIR: the whole dossier")
    export.add_argument("ref", metavar="REF", nargs="?", type=arguments.text)
    export.add_argument("-o", "--output", metavar="FILE", type=arguments.path, help="file or folder (default: ./exports/)")
    export.add_argument("-f", "--force", action="store_true", help="overwrite an existing file")
    add_bulk_options(export)

    commands.add_parser("dump", help="print the whole dossier as one JSON object")
    doctor = commands.add_parser("doctor", help="check the dossier file and report problems")
    doctor.add_argument("file", nargs="?", metavar="PATH", type=arguments.path, help="dossier file (default: as --db)")
    restore = commands.add_parser("restore", help="replace the dossier with its last good backup")
    restore.add_argument("file", nargs="?", metavar="PATH", type=arguments.path, help="dossier file (default: as --db)")
    add_curation_commands(commands)
    add_review_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dossier`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except (CliError, DossierError, BadSetting) as error:
        say(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    """Run the chosen command."""
    path = db_path(getattr(args, "file", None) or args.db)
    if args.command is None:
        return _run_app(path)
    if args.command == "doctor":
        return _doctor(path)
    if args.command == "restore":
        return _restore(path)
    if args.command == "ingest":
        return _ingest(path, args)
    dossier = _open_for_reading(path, explicit=bool(args.db))
    handler = {
        "actors": _actors,
        "events": _events,
        "statements": _statements,
        "sources": _sources,
        "show": _show,
        "search": _search,
        "export": _export,
        "dump": _dump,
        **CURATION_HANDLERS,
        **REVIEW_HANDLERS,
    }[args.command]
    return handler(dossier, args)


def _run_app(path: Path) -> int:
    """Open the terminal app; the default dossier is built from the seeds on first use, any other
    missing file is an error (a misspelled ``--db`` must not become a new dossier). The app's
    failure, if it had one, is one line here and a non-zero exit."""
    from functools import partial

    from dossier.first_use import build_seed_dossier  # imports no ingest until it builds
    from dossier.tui.app import run_app

    build = None
    if not path.exists():
        if path != default_db_path():
            raise CliError(f"no dossier at {path} (create it with: dossier --db {path} ingest PATH...)")
        build = partial(build_seed_dossier, path)
    failure = run_app(path, build=build)
    if failure is not None:
        raise CliError(failure)
    return EXIT_OK


def _open_for_reading(path: Path, *, explicit: bool) -> Dossier:
    """Open an existing dossier; the default one is built from the seeds on first use."""
    from dossier.store.dossier import Dossier

    if not path.exists():
        if path == default_db_path() and not explicit:
            _build_from_seeds(path)
        else:
            raise CliError(f"no dossier at {path} (create it with: dossier --db {path} ingest PATH...)")
    return Dossier.open(path, create=False)


def _build_from_seeds(path: Path) -> None:
    """Create the default dossier from the bundled seed articles, saying so."""
    from dossier.first_use import build_seed_dossier

    print(f"dossier: first use; building {shown_path(path)} from the seed articles…", file=sys.stderr)
    build_seed_dossier(path)


def _read_metadata_table(table: Path) -> dict[Path, dict[str, str]]:
    """Per-file metadata overrides from a CSV/TSV table with a ``file`` column."""
    from dossier.ingest.metadata_table import MetadataTableError, read_metadata_table

    try:
        return read_metadata_table(table)
    except MetadataTableError as error:
        raise CliError(str(error)) from None


def _ingest(path: Path, args: argparse.Namespace) -> int:
    """``dossier ingest``: add documents, with a progress bar and a summary."""
    from dossier.ingest.pipeline import default_processes, ingest_paths
    from dossier.store.dossier import Dossier

    arguments.check_ingest_environment()
    processes, note = arguments.capped_jobs(args.jobs, default_processes())
    if note:
        say(note)
    for given in args.paths:
        if not Path(given).exists():
            raise CliError(f"no such file or folder: {given}")
    overrides = _read_metadata_table(Path(args.metadata)) if args.metadata else None
    path.parent.mkdir(parents=True, exist_ok=True)
    dossier = Dossier.open(path, create=True)
    show_progress = not args.quiet and not args.json and sys.stderr.isatty()
    bar = _ProgressBar() if show_progress else None
    try:
        summary = ingest_paths(
            dossier,
            args.paths,
            progress=bar.update if bar else None,
            processes=processes,
            overrides=overrides,
        )
    finally:
        if bar:
            bar.close()
    for notice in summary.notices:
        print(f"note: {notice.line}", file=sys.stderr)
    for failure in summary.failed:
        print(f"failed: {failure.line}", file=sys.stderr)
    if args.json:
        print_json(
            {
                "added": summary.added,
                "skipped": summary.skipped,
                "failed": [{"path": readable_path(f.path), "reason": readable(f.reason)} for f in summary.failed],
                "actors": summary.actors,
                "events": summary.events,
                "seconds": round(summary.seconds, 2),
            }
        )
    else:
        print(
            f"{summary.added} sources added, {summary.skipped} skipped, {len(summary.failed)} failed"
            f" in {summary.seconds:.1f} s; dossier {shown_path(path)} now has {len(dossier.sources)} sources,"
            f" {summary.actors} actors (+{summary.new_actors}), {summary.events} events (+{summary.new_events})"
        )
    return EXIT_FAILED if summary.failed else EXIT_OK


class _ProgressBar:
    """A one-line progress bar on stderr for long ingests (plain text; no UI library)."""

    def __init__(self) -> None:
        self.width = 30

    def update(self, progress: IngestProgress) -> None:
        """Redraw the bar for an ``IngestProgress``."""
        total = max(progress.total, 1)
        filled = int(self.width * progress.done / total)
        name = one_line(progress.current.name if progress.current else "")[:40]
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {progress.done}/{progress.total}"
            f"  +{progress.added} ={progress.skipped} !{progress.failed}  {name:<40}"
        )
        sys.stderr.flush()

    def close(self) -> None:
        """End the bar's line."""
        sys.stderr.write("\n")
        sys.stderr.flush()


def _resolve(dossier: Dossier, ref: str) -> Source | Actor | Event:
    """The record a REF names, or a CliError listing the candidates."""
    try:
        return dossier.resolve(ref)
    except AmbiguousRef as error:
        names = "; ".join(f"{r.id} ({_label(r)})" for r in error.candidates[:10])
        raise CliError(f"'{ref}' is ambiguous: {names}") from None
    except RefNotFound:
        raise CliError(f"no actor, event or source matches '{ref}'") from None


def _label(record: Source | Actor | Event) -> str:
    """A short human label for any record."""
    if isinstance(record, Actor):
        return f"{record.name}, {record.kind}"
    if isinstance(record, Event):
        return f"{record.date or 'undated'} {record.title}"
    return record.title


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
    actor_id = None
    if args.actor is not None:
        actor = _resolve(dossier, args.actor)
        if not isinstance(actor, Actor):
            raise CliError(f"'{args.actor}' is not an actor")
        actor_id = actor.id
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
            statements = [q for q in statements if q.speaker == _actor_id(dossier, args.actor)]
    elif args.actor is not None:
        statements = dossier.statements_of(_actor_id(dossier, args.actor))
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


def _actor_id(dossier: Dossier, ref: str) -> str:
    """The id of the actor a REF names, or a CliError."""
    actor = _resolve(dossier, ref)
    if not isinstance(actor, Actor):
        raise CliError(f"'{ref}' is not an actor")
    return actor.id


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

    record = _resolve(dossier, args.ref)
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


def _export(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier export``: write one record's Markdown file and say where (``write_export`` decides
    file or folder; its other failures are ``DossierError``s that ``main`` prints as one line), or
    with ``--all`` the whole dossier (``dossier.export_cli``)."""
    from dossier.store.export import ExportExists, write_export

    if wants_everything(args):
        print(export_everything(dossier, args))
        return EXIT_OK
    record = _resolve(dossier, args.ref)
    try:
        written = write_export(dossier, record, Path(args.output or "exports"), overwrite=args.force)
    except ExportExists as error:
        raise CliError(f"{error.path} exists; use --force to overwrite it") from None
    print(shown_path(written))
    return EXIT_OK


def _dump(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier dump``: the whole dossier as one JSON object."""
    print_json(
        {
            "sources": [s.to_dict() for s in dossier.sources.values()],
            "actors": [a.to_dict() for a in dossier.actors.values()],
            "events": [e.to_dict() for e in dossier.events.values()],
            "statements": [dossier.statement(i).to_dict() for i in dossier.statements],
            "annotations": {record_id: a.to_json() for record_id, a in dossier.curation.state.annotations.items()},
            "edits": [edit.to_json() for edit in dossier.history()],
        }
    )
    return EXIT_OK


def _doctor(path: Path) -> int:
    """``dossier doctor``: check the file and report; exit non-zero on problems."""
    from dossier.store.health import check

    report = check(path)
    if report.healthy:
        from dossier.store.dossier import Dossier

        for problem in Dossier.open(path, create=False).curation.problems:
            report.add(problem)
    for line in report.lines():
        print(one_line(line))
    return EXIT_OK if report.healthy else EXIT_FAILED


def _restore(path: Path) -> int:
    """``dossier restore``: put the last good backup back, keeping the bad file aside."""
    from dossier.store.health import restore_backup

    kept = restore_backup(path)
    print(f"restored {shown_path(path)} from its backup" + (f"; the replaced file is kept as {shown_path(kept)}" if kept else ""))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
