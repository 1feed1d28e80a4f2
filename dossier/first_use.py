"""The first use of a dossier file that does not exist yet: build it from the bundled seeds.

The one service both the command line and the app use; the app is handed it as a builder
(the TUI never imports ingest), and both report progress as (done, total, current file name).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.paths import seed_paths
from dossier.store.dossier import Dossier

if TYPE_CHECKING:
    from dossier.ingest.pipeline import IngestProgress

BuildProgress = Callable[[int, int, str], None]
"""Told (files done, files in all, the current file's name) as the build advances."""


def build_seed_dossier(path: Path, progress: BuildProgress | None = None) -> Dossier:
    """Create the dossier at ``path`` from the seed articles, reporting each file to ``progress``.

    The first report (0 done) comes before the language model loads, which takes the longest.
    """
    seeds = seed_paths()
    report: Callable[[IngestProgress], None] | None = None
    if progress is not None:
        progress(0, len(seeds), "")

        def report(step: IngestProgress) -> None:
            """Pass an ingest step on as plain numbers and a file name."""
            progress(step.done, step.total, step.current.name if step.current else "")

    from dossier.ingest.pipeline import ingest_paths  # spaCy loads here, in the caller's (worker) thread

    path.parent.mkdir(parents=True, exist_ok=True)
    dossier = Dossier.open(path, create=True)
    ingest_paths(dossier, seeds, progress=report)
    return dossier
