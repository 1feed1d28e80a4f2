"""Applying the analyst's edits from the main screen: which record a key acts on, one edit at a time in a
worker (saved atomically before the screen says it is done), undo and redo, and another process's writes.

The keys that make edits are ``screens.curating``'s; this layer only runs them and shows the result.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual import on, work

from dossier.store.curation.log import Edit
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EventOperation,
    HideActor,
    Merge,
    Operation,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
)
from dossier.store.errors import DossierError
from dossier.store.records import Actor, Event, Source
from dossier.store.storage import FileSignature, file_signature
from dossier.tui.labels import counted
from dossier.tui.messages import DossierFailed, DossierReady
from dossier.tui.navigation import Pane
from dossier.tui.sanitize import one_line
from dossier.tui.screens.panes import PANE_WIDGETS, PanesScreen
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

MOVES_MENTIONS = Merge | Split | HideActor | UnhideActor | SetKind
"""Edits that change which actor (or kind) a mention in the source shown belongs to: it is redrawn."""

REDRAWS_ITS_ROWS = Rename | AddAlias | RemoveAlias | SetKind | Annotate | Merge
"""Edits that change only how their own records are drawn in a list, and perhaps their place in it
or whether they are listed (a rename among actors mentioned as often, a kind or a mark under a
filter, a merge: the merged actors' rows go, the survivor's count grows): a list redraws just
their rows, every other row kept as drawn."""

WATCH_SECONDS = 2.0
"""How often the screen looks whether another process saved the dossier (one ``stat``)."""


class EditingScreen(PanesScreen):
    """The panes plus applying edits, undo and redo, and following another process's writes."""

    def __init__(self, db_path: Path, *, building: bool) -> None:
        """Show the dossier at ``db_path`` with no edit in flight."""
        super().__init__(db_path, building=building)
        self.edit_lock = threading.Lock()
        """Held while an edit is applied and saved, or the file re-read: they take turns."""
        self._unreadable: FileSignature | None = None
        """The signature of a newer file that could not be read (said once, not every poll)."""
        self.edits_started = 0
        """How many edits ``edit`` has handed to the worker (the prompt closes with the edit it started)."""

    # --- what a key acts on ----------------------------------------------------------------

    def selected_record(self) -> Actor | Event | Source | None:
        """The record a key acts on: the focused pane's (in Detail, the record described)."""
        if self.dossier is None:
            return None
        pane = self._focused_pane()
        if pane == Pane.SOURCE:
            return self.query_one(SourceView).source
        if pane == Pane.DETAIL:
            return self.dossier.get(self.detail_record_id) if self.detail_record_id else None
        record_id = self.query_one(PANE_WIDGETS[pane or Pane.ACTORS], RecordList).current_id
        return self.dossier.get(record_id) if record_id else None

    def _selected_actor(self) -> Actor | None:
        """The selected record if it is an actor (else a warning and None)."""
        record = self.selected_record()
        if isinstance(record, Actor):
            return record
        self.notify("Select an actor first (pane 1)", severity="warning", markup=False)
        return None

    def _selected_event(self) -> Event | None:
        """The selected record if it is an event (else a warning and None)."""
        record = self.selected_record()
        if isinstance(record, Event):
            return record
        self.notify("Select an event first (pane 2)", severity="warning", markup=False)
        return None

    # --- applying --------------------------------------------------------------------------

    def edit(self, operation: Operation, done: str, focus: str | None) -> None:
        """Apply an operation in a worker; say ``done`` once it is saved and show ``focus``."""
        self.edits_started += 1
        self._apply_in_worker(operation, one_line(done), focus, self.edits_started)

    def edit_settled(self, number: int) -> None:
        """Called on the UI thread once the edit ``edit`` numbered ``number`` is shown, refused or failed
        (a hook for the prompt that asked for it)."""

    @work(thread=True, exit_on_error=False, group="edit")
    def _apply_in_worker(self, operation: Operation, done: str, focus: str | None, number: int) -> None:
        """Apply and save one edit off the UI thread (one at a time), then update the panes."""
        dossier = self.dossier
        shown = False
        try:
            if dossier is None:
                return
            with self.edit_lock:
                reloaded = dossier.changed_on_disk()  # then apply re-reads the file first: relist everything
                try:
                    dossier.apply(operation)
                except ValueError as error:
                    self.app.call_from_thread(self._refused, one_line(str(error)), number)
                    shown = True
                    return
            self.app.call_from_thread(self._edited, done, focus, operation, reloaded, number)
            shown = True
        finally:
            if not shown:  # an unexpected error (reported by the worker's failure notice)
                self.app.call_from_thread(self.edit_settled, number)

    def _refused(self, reason: str, number: int) -> None:
        """Say why the store refused edit ``number``."""
        with self.app.batch_update():
            self.notify(reason, severity="warning", markup=False)
            self.edit_settled(number)

    @work(thread=True, exit_on_error=False, group="edit")
    def _step_log(self, undo: bool) -> None:
        """Undo or redo one edit off the UI thread and save, then update the panes."""
        dossier = self.dossier
        if dossier is None:
            return
        with self.edit_lock:
            reloaded = dossier.changed_on_disk()
            edit = dossier.undo() if undo else dossier.redo()
        if edit is None:
            message = "Nothing to undo" if undo else "Nothing to redo"
            self.app.call_from_thread(self.notify, message, severity="warning", markup=False)
            return
        verb = "Undone" if undo else "Redone"
        self.app.call_from_thread(self._edited, one_line(f"{verb}: {describe(edit)}"), _focus_of(edit), edit.operation, reloaded)

    def _edited(self, done: str, focus: str | None, operation: Operation, reloaded: bool, number: int = 0) -> None:
        """Show the curated state and say what changed (plain text, never markup); ``reloaded``
        when another process's writes were read in first (every listing is rebuilt then);
        ``number``: the edit's from ``edit`` (0 for an undo or redo)."""
        events_changed = reloaded or isinstance(operation, EventOperation)
        events = self.dossier.events if self.dossier is not None else {}
        with self.app.batch_update():  # the panes, the notice and the prompt closing: one repaint
            self.show_curated(
                focus,
                actors_changed=reloaded or bool(operation.actor_ids()),
                events_changed=events_changed,
                sources_changed=None if reloaded or isinstance(operation, MOVES_MENTIONS) else frozenset(operation.record_ids()),
                event_rows_changed=any(record_id in events for record_id in operation.record_ids()),  # e.g. an event starred
                rows_changed=None if reloaded or not isinstance(operation, REDRAWS_ITS_ROWS) else frozenset(operation.record_ids()),
            )
            self.notify(done, markup=False)
            self.edit_settled(number)

    # --- another process's writes ----------------------------------------------------------

    @on(DossierReady)
    def _watch_file(self) -> None:
        """Once the dossier is open, look for another process's writes (``dossier ingest``, the CLI)."""
        self.set_interval(WATCH_SECONDS, self.check_file)

    def check_file(self) -> None:
        """Re-read the dossier in a worker if another process saved it (not while an edit is saving,
        and not again for a newer version that could not be read)."""
        dossier = self.dossier
        if dossier is None or self.edit_lock.locked() or not dossier.changed_on_disk():
            return
        if self._unreadable is not None and file_signature(dossier.path) == self._unreadable:
            return
        self._reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="reload")
    def _reload(self) -> None:
        """Re-read the file off the UI thread, then show what it holds now; a newer file that cannot
        be read leaves the version shown in place and is said once."""
        dossier = self.dossier
        if dossier is None:
            return
        with self.edit_lock:
            if not dossier.changed_on_disk():
                return
            before = len(dossier.sources)
            signature = file_signature(dossier.path)
            try:
                dossier.reload()
            except DossierError as error:
                self._unreadable = signature
                self.post_message(DossierFailed(f"{type(error).__name__}: {error}", stale=True))
                return
            self._unreadable = None
        self.app.call_from_thread(self._reloaded, len(dossier.sources) - before)

    def _reloaded(self, added: int) -> None:
        """Relist everything after another process's write and say so."""
        self.show_curated(None)
        self.notify("The dossier changed on disk: " + counted(added, "new source"), markup=False)

    def action_undo(self) -> None:
        """Undo the last edit."""
        self._step_log(True)

    def action_redo(self) -> None:
        """Redo the edit undone last."""
        self._step_log(False)


def describe(edit: Edit) -> str:
    """An edit as one line: its operation and the arguments it was given."""
    args = edit.operation.args()
    shown = " ".join(
        f"{key}={','.join(value) if isinstance(value, list) else value}" for key, value in args.items()
        if value not in (None, [], ())
    )
    return f"{edit.operation.op} {shown}"


def _focus_of(edit: Edit) -> str | None:
    """The record to show after undoing or redoing an edit: the one it names first."""
    ids = edit.operation.record_ids()
    return ids[0] if ids else None
