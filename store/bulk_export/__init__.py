"""Exporting the whole dossier into one folder: a Markdown vault, a graph, CSV tables or FollowTheMoney.

``export_all`` is the one entry point the command line and the app use. Every format writes the
curated view (hidden records stay out; merges, renames, kinds, tags, notes, stars and reviews are
applied) through ``ExportTree``: into a temporary folder beside the target, unchanged files kept
as they were, swapped in at the end. ``progress`` is told after every record, so callers can show
a bar; it must be cheap (callers throttle what they draw).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Literal

from dossier.store.bulk_export.tree import MARKER, ExportTree
from dossier.store.render import LinkStyle

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

ExportFormat = Literal["vault", "graph", "csv", "ftm"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("vault", "graph", "csv", "ftm")
LINK_STYLES: tuple[LinkStyle, ...] = ("markdown", "wiki")


_RECORD_FILE = re.compile(r"(actor|event|source)-[a-z0-9-]+-[0-9a-f]{8}\.md")
_FIXED_FILES = frozenset({
    MARKER, "index.md", "timeline.md", "dossier.graphml", "dossier.gexf", "dossier.ftm.jsonl",
    "sources.csv", "actors.csv", "events.csv", "event_actors.csv", "mentions.csv", "statements.csv",
})


def written_by_an_export(name: str) -> bool:
    """Whether a bulk export, in any format, writes a file of this name (``store.filenames`` names
    for record notes, the fixed names of the other files); anything else in the folder is the analyst's."""
    return name in _FIXED_FILES or _RECORD_FILE.fullmatch(name) is not None


@dataclass(frozen=True, slots=True)
class ExportProgress:
    """How far a bulk export is: steps done of the total (records, then files)."""

    done: int
    total: int


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What a bulk export wrote: where, how many files (written anew or kept unchanged), bytes, seconds."""

    folder: Path
    format: ExportFormat
    written: int
    kept: int
    bytes: int
    seconds: float

    @property
    def files(self) -> int:
        """Every file of the export, written or kept (the marker file included)."""
        return self.written + self.kept


def export_all(
    dossier: Dossier,
    folder: Path,
    export_format: ExportFormat = "vault",
    *,
    links: LinkStyle = "markdown",
    progress: Callable[[ExportProgress], None] | None = None,
) -> ExportSummary:
    """Export the whole curated dossier into ``folder`` in ``export_format``; ``ExportFailed`` says why not.

    ``folder`` must be new, empty or an earlier bulk export (``tree.MARKER``): it is replaced whole.
    """
    from dossier.store.bulk_export import ftm, graph, tables, vault  # each format loads only when used

    started = perf_counter()
    sizes = {
        "vault": vault.vault_size,
        "graph": graph.graph_size,
        "csv": tables.tables_size,
        "ftm": ftm.ftm_size,
    }
    total = sizes[export_format](dossier)
    done = 0

    def tick() -> None:
        """Count one step and tell ``progress``."""
        nonlocal done
        done += 1
        if progress is not None:
            progress(ExportProgress(min(done, total), total))

    with ExportTree(folder, export_format, written_by_an_export) as tree:
        if export_format == "vault":
            vault.write_vault(dossier, tree, links, tick)
        elif export_format == "graph":
            graph.write_graph(dossier, tree, tick)
        elif export_format == "csv":
            tables.write_tables(dossier, tree, tick)
        else:
            ftm.write_ftm(dossier, tree, tick)
    return ExportSummary(folder, export_format, tree.written, tree.kept, tree.bytes, perf_counter() - started)
