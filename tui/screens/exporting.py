"""The export flow of the main screen: ask where, write in a worker, ask before overwriting, say where it went.

Writing goes through the store's one export service (``write_export``), which decides file or
folder, refuses to overwrite unless told to, and writes atomically.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from dossier.store.records import Actor, Event, Source
from dossier.tui.sanitize import one_line
from dossier.tui.screens.export import ConfirmOverwrite, ExportPrompt

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

Record = Actor | Event | Source


class ExportFlow:
    """Exports records of one dossier on behalf of a screen (whose app shows the dialogs and notices)."""

    def __init__(self, screen: Screen[None], dossier: Dossier) -> None:
        """Export from ``dossier``, asking and notifying through ``screen``."""
        self.screen = screen
        self.dossier = dossier

    def start(self, record: Record, default_folder: Path) -> None:
        """Ask where to export ``record`` (prefilled with ``default_folder``), then export there."""
        self.screen.app.push_screen(ExportPrompt(str(default_folder)), partial(self._answered, record))

    def _answered(self, record: Record, answer: str | None) -> None:
        """Export to the answered folder or .md file; an empty answer cancels."""
        if answer:
            self._write(record, Path(answer).expanduser(), overwrite=False)

    def _write(self, record: Record, target: Path, *, overwrite: bool) -> None:
        """Write the export in a worker (exports of big actors take a while)."""
        self.screen.run_worker(
            partial(self._write_now, record, target, overwrite),
            name="export", group="export", thread=True, exclusive=True, exit_on_error=False,
        )

    def _write_now(self, record: Record, target: Path, overwrite: bool) -> None:
        """Write the export (in the worker's thread), asking before replacing a file."""
        from dossier.store.export import ExportExists, write_export  # the renderers load on the first export

        app = self.screen.app
        try:
            written = write_export(self.dossier, record, target, overwrite=overwrite)
        except ExportExists as exists:
            app.call_from_thread(self._confirm_overwrite, record, target, exists.path)
            return
        except OSError as error:
            app.call_from_thread(self.screen.notify, one_line(f"Export failed: {error}"), severity="error", markup=False)
            return
        app.call_from_thread(self.screen.notify, one_line(f"Exported to {written}"), title="Export", markup=False)

    def _confirm_overwrite(self, record: Record, target: Path, existing: Path) -> None:
        """Ask before replacing an existing export file; export again with overwrite if yes."""
        self.screen.app.push_screen(ConfirmOverwrite(existing), partial(self._overwrite_answered, record, target))

    def _overwrite_answered(self, record: Record, target: Path, yes: bool | None) -> None:
        """Export again, overwriting, only if the user said yes."""
        if yes:
            self._write(record, target, overwrite=True)
