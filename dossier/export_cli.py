"""``dossier export --all DIR``: the whole dossier as a Markdown vault, a graph, CSV tables or FtM lines.

The work is ``store.bulk_export.export_all``; this module adds the options to the ``export``
command and shows progress as plain lines on stderr (one every few seconds and at the end, so a
log or a pipe stays readable), then one summary line on stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING

from dossier import arguments
from dossier.arguments import BadSetting
from dossier.output import shown_path

if TYPE_CHECKING:
    from dossier.store.bulk_export import ExportProgress
    from dossier.store.dossier import Dossier

PROGRESS_EVERY_SECONDS = 2.0
FORMAT_CHOICES = ("vault", "graph", "csv", "ftm")


def add_bulk_options(export: argparse.ArgumentParser) -> None:
    """The options of ``export --all``: the folder, the format, the link style, quiet."""
    export.add_argument(
        "--all", metavar="DIR", type=arguments.path, help="export the whole dossier into the folder DIR instead of one record"
    )
    export.add_argument(
        "--format", choices=FORMAT_CHOICES, default="vault",
        help="with --all: a Markdown vault (default), graph (GraphML + GEXF), csv tables, or ftm (FollowTheMoney JSON lines)",
    )
    export.add_argument(
        "--links", choices=("markdown", "wiki"), default="markdown",
        help="with --all: links between vault notes as relative Markdown links (default) or [[wikilinks]] (Obsidian)",
    )
    export.add_argument("-q", "--quiet", action="store_true", help="with --all: no progress lines")


class ProgressLines:
    """Progress as whole lines on stderr: at most one every ``PROGRESS_EVERY_SECONDS``, and the last."""

    def __init__(self, label: str) -> None:
        """Lines start with ``label`` (the format being written)."""
        self.label = label
        self._last = monotonic()

    def update(self, progress: ExportProgress) -> None:
        """Print a line when enough time passed since the last one, or when the export is done."""
        now = monotonic()
        if progress.done < progress.total and now - self._last < PROGRESS_EVERY_SECONDS:
            return
        self._last = now
        percent = 100 * progress.done // max(progress.total, 1)
        print(f"dossier: {self.label} {progress.done}/{progress.total} ({percent}%)", file=sys.stderr, flush=True)


def wants_everything(args: argparse.Namespace) -> bool:
    """Whether ``export`` was asked for the whole dossier (``--all DIR``) rather than one REF;
    ``BadSetting`` for neither, both, or a bulk option without ``--all``."""
    if (args.ref is None) == (args.all is None):
        raise BadSetting("export needs a REF (one record) or --all DIR (the whole dossier), not both")
    if args.all is None and (args.format != "vault" or args.links != "markdown" or args.quiet):
        raise BadSetting("--format, --links and --quiet go with --all DIR")
    if args.all is not None and (args.output or args.force):
        raise BadSetting("-o and --force go with one REF; --all DIR names the folder (an earlier export there is replaced)")
    return args.all is not None


def export_everything(dossier: Dossier, args: argparse.Namespace) -> str:
    """Run ``export --all`` and return the summary line to print."""
    from dossier.store.bulk_export import export_all

    lines = None if args.quiet else ProgressLines(args.format)
    summary = export_all(
        dossier, Path(args.all), args.format, links=args.links, progress=lines.update if lines else None
    )
    return (
        f"{shown_path(summary.folder)}: {summary.format}, {summary.files} files"
        f" ({summary.written} written, {summary.kept} unchanged), {summary.bytes / 1e6:.1f} MB"
        f" in {summary.seconds:.1f} s"
    )
