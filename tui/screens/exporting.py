"""The export flows of the main screen: one record (ask where, write in a worker, ask before
overwriting, say where it went) and the whole dossier (ask where and how, export with a progress bar).

Writing goes through the store's export services: ``write_export`` decides file or folder,
refuses to overwrite unless told to and writes atomically; ``bulk_export.export_all`` builds the
whole export beside its folder and swaps it in.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel
from textual.screen import Screen

from dossier.store.records import Actor, Event, Source
from dossier.tui.sanitize import one_line
from dossier.tui.screens.export import ConfirmOverwrite, ExportPrompt
from dossier.tui.screens.export_all import BulkChoice, ExportAllProgress, ExportAllPrompt

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


class ExportAllFlow:
    """Exports the whole dossier for a screen: ask where and how, then write in a worker with a progress bar.

    The export holds the screen's edit lock while it reads the dossier, so no edit or reload
    changes the records half-way; edits asked for meanwhile wait for it.
    """

    def __init__(self, screen: Screen[None], dossier: Dossier, edit_lock: AbstractContextManager[object]) -> None:
        """Export ``dossier``, asking and notifying through ``screen``, holding ``edit_lock`` while reading."""
        self.screen = screen
        self.dossier = dossier
        self.edit_lock = edit_lock
        self.progress: ExportAllProgress | None = None

    def start(self, default_folder: Path) -> None:
        """Ask for the folder (prefilled with ``default_folder``) and the format, then export."""
        self.screen.app.push_screen(ExportAllPrompt(str(default_folder)), self._answered)

    def _answered(self, choice: BulkChoice | None) -> None:
        """Show the progress bar and export in a worker; no answer cancels."""
        if choice is None:
            return
        self.progress = ExportAllProgress(one_line(f"{choice.format} to {choice.folder}"))
        self.screen.app.push_screen(self.progress)
        self.screen.run_worker(
            partial(self._export_now, choice),
            name="export-all", group="export-all", thread=True, exclusive=True, exit_on_error=False,
        )

    def _export_now(self, choice: BulkChoice) -> None:
        """Export (in the worker's thread), posting progress about a hundred times, then say how it went."""
        from dossier.store.bulk_export import ExportProgress, export_all  # the exporters load on first use

        app = self.screen.app
        shown = -1

        def advance(progress: ExportProgress) -> None:
            """Move the bar when the percentage changes (not on every record)."""
            nonlocal shown
            percent = 100 * progress.done // max(progress.total, 1)
            if percent != shown and self.progress is not None:
                shown = percent
                app.call_from_thread(self.progress.advance, progress.done, progress.total)

        folder = Path(choice.folder).expanduser()
        try:
            with self.edit_lock:
                summary = export_all(self.dossier, folder, choice.format, links=choice.links, progress=advance)
        except (OSError, ValueError) as error:
            app.call_from_thread(self._finished, one_line(f"Export failed: {error}"), "error")
            return
        said = f"Exported {summary.files} files to {summary.folder} ({summary.written} written, {summary.kept} unchanged)"
        app.call_from_thread(self._finished, one_line(said), "information")

    def _finished(self, message: str, severity: SeverityLevel) -> None:
        """Close the progress bar if it is still shown and say how the export went."""
        if self.progress is not None and self.progress.is_attached and self.screen.app.screen is self.progress:
            self.progress.dismiss(None)
        self.progress = None
        self.screen.notify(message, title="Export everything", severity=severity, markup=False)
