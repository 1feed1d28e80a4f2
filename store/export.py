"""Exporting a record to disk: the one place that decides file or folder, overwriting and the atomic write.

The command line, the app's export prompt and anything else that writes an export call
``write_export``. The text comes from ``store.render``; the bytes go through the store's
atomic writer (``store.storage.write_file_atomically``), so a full disk or a killed process
leaves the previous file or nothing, never a part, and a symlink at the target is replaced
(with ``overwrite``) or refused (without), never written through.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.store.errors import DossierError
from dossier.store.filenames import EXPORT_SUFFIX, export_filename
from dossier.store.records import Record
from dossier.store.render import render_record
from dossier.store.storage import write_file_atomically

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier


class ExportExists(FileExistsError):
    """Raised by ``write_export`` when something has the export's name and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        """The export file (or link, or folder) that is in the way."""
        super().__init__(errno.EEXIST, "export file exists", str(path))
        self.path = path


class ExportFailed(DossierError, OSError):
    """The export could not be written and nothing was left behind; ``str(error)`` is the one line to show.

    Both a ``DossierError`` (which the command line prints) and an ``OSError`` (which the app's
    export worker shows as a notification), so every caller already reports it.
    """

    def __init__(self, path: Path, reason: str) -> None:
        """The path that could not be written or created, and why in a few words."""
        super().__init__(f"could not export to {path}: {reason}; nothing was written")
        self.path = path
        self.reason = reason


def export_path(record: Record, target: Path) -> Path:
    """Where exporting ``record`` to ``target`` writes: ``target`` itself when it names a ``.md``
    file, else the record's own file name (``export_filename``) inside the folder ``target``."""
    names_a_file = target.suffix.lower() == EXPORT_SUFFIX and not (target.is_dir() and not target.is_symlink())
    return target if names_a_file else target / export_filename(record)


def _make_folder(folder: Path) -> None:
    """Create the export folder and its parents, or say in one line why it cannot be one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportFailed(folder, "it exists and is not a folder (give a folder or a .md file)") from None
    except OSError as error:
        raise ExportFailed(folder, error.strerror or str(error)) from None


def write_export(dossier: Dossier, record: Record, target: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Export one record to ``target`` and return the file written.

    A ``.md`` target is the file itself; anything else is a folder, created if needed, and the
    file in it is named by ``export_filename`` (no separators, no ``..``), so nothing lands
    outside it. Raises ``ExportExists`` when anything - a file, a folder, a live or dangling
    link - has the file's name and ``overwrite`` is False, and ``ExportFailed`` for every
    other failure (a read-only folder, a full disk, a target that cannot be a folder).
    """
    path = export_path(record, Path(target))
    if not overwrite and os.path.lexists(path):
        raise ExportExists(path)
    _make_folder(path.parent)
    payload = render_record(dossier, record).markdown.encode("utf-8")
    try:
        write_file_atomically(path, payload, keep_backup=False, overwrite=overwrite)
    except FileExistsError:
        raise ExportExists(path) from None
    except OSError as error:
        raise ExportFailed(path, error.strerror or str(error)) from None
    return path
