"""The first use of a dossier file that does not exist yet: build it from the bundled seeds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dossier.ingest.pipeline import IngestProgress, ingest_paths
from dossier.paths import seed_paths
from dossier.store.dossier import Dossier


def build_seed_dossier(path: Path, progress: Callable[[IngestProgress], None] | None = None) -> Dossier:
    """Create the dossier at ``path`` from the seed articles (the CLI and the app both start so)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    dossier = Dossier.open(path, create=True)
    ingest_paths(dossier, seed_paths(), progress=progress)
    return dossier
