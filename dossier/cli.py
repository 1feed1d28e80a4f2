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
from dossier.curation_cli import resolve_record
from dossier.export_cli import add_bulk_options, export_everything, wants_everything
from dossier.listing_cli import HANDLERS as LISTING_HANDLERS
from dossier.output import CliError, one_line, print_json, readable_path, say, shown_path
from dossier.paths import db_path, default_db_path
from dossier.review_cli import HANDLERS as REVIEW_HANDLERS
from dossier.review_cli import add_review_commands
from dossier.store.errors import DossierError
from dossier.store.sanitize import readable

if TYPE_CHECKING:
    from dossier.ingest.pipeline import IngestProgress
    from dossier.store.dossier import Dossier

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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
        **LISTING_HANDLERS,
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


def _export(dossier: Dossier, args: argparse.Namespace) -> int:
    """``dossier export``: write one record's Markdown file and say where (``write_export`` decides
    file or folder; its other failures are ``DossierError``s that ``main`` prints as one line), or
    with ``--all`` the whole dossier (``dossier.export_cli``)."""
    from dossier.store.export import ExportExists, write_export

    if wants_everything(args):
        print(export_everything(dossier, args))
        return EXIT_OK
    record = resolve_record(dossier, args.ref)
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
