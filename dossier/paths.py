"""Where the default dossier lives and where the bundled seed articles are."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "DOSSIER_DB"
DEFAULT_FILE_NAME = "dossier.json"


def default_db_path() -> Path:
    """The dossier used when neither ``--db`` nor ``DOSSIER_DB`` names one."""
    return user_data_path("dossier", appauthor=False) / DEFAULT_FILE_NAME


def db_path(explicit: str | os.PathLike[str] | None) -> Path:
    """The dossier file to use: ``--db``, else ``DOSSIER_DB``, else the user data dir."""
    chosen = explicit or os.environ.get(DB_ENV)
    return Path(chosen).expanduser() if chosen else default_db_path()


def seed_paths() -> list[Path]:
    """The bundled seed articles, from package data (works for editable and wheel installs)."""
    folder = resources.files("dossier.seeds")
    return sorted(
        Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt")
    )
