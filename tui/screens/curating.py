"""The curation keys of the main screen: each asks what it needs through a modal, applies one
edit in a worker (saved atomically before the screen says it is done) and shows the curated state.

Operations are the store's (``dossier.store.curation.operations``); this module only decides
which record a key acts on and what to ask, and names the change in a plain notification.
"""

from __future__ import annotations

import threading
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType

from dossier.store.curation.log import Edit
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EditEvent,
    EventOperation,
    HideActor,
    HideEvent,
    Merge,
    Operation,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
)
from dossier.store.errors import DossierError
from dossier.store.records import ACTOR_KINDS, EVENT_KINDS, Actor, Event, Source
from dossier.store.storage import FileSignature, file_signature
from dossier.tui.labels import actor_label, counted
from dossier.tui.messages import DossierFailed, DossierReady
from dossier.tui.navigation import Pane
from dossier.tui.presenters import MARK_FILTERS, filter_count, tag_counts
from dossier.tui.sanitize import one_line
from dossier.tui.screens.panes import PANE_WIDGETS, PanesScreen
from dossier.tui.screens.prompts import ChooseOne, NoteEditor, TextPrompt
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

WATCH_SECONDS = 2.0
"""How often the screen looks whether another process saved the dossier (one ``stat``)."""

MOVES_MENTIONS = Merge | Split | HideActor | UnhideActor | SetKind
"""Edits that change which actor (or kind) a mention in the source shown belongs to: it is redrawn."""

CURATION_BINDINGS: list[BindingType] = [
    Binding("u,ctrl+z", "undo", "Undo", tooltip="Undo the last edit"),
    Binding("U,ctrl+y", "redo", "Redo", show=False, tooltip="Redo the edit undone last"),
    Binding("x", "mark_merge", "Mark", show=False, tooltip="Mark the selected actor to merge (x again unmarks)"),
    Binding("J", "merge", "Merge", show=False, tooltip="Merge the marked actors with the selected one; choose the name that survives"),
    Binding("r", "rename", "Rename", show=False, tooltip="Rename the selected actor, or retitle the selected event"),
    Binding("a", "alias", "Alias", show=False, tooltip="Add an alias to the selected actor"),
    Binding("A", "unalias", "Unalias", show=False, tooltip="Remove one of the selected actor's aliases"),
    Binding("K", "set_kind", "Set kind", show=False, tooltip="Change the selected actor's or event's kind"),
    Binding("S", "split", "Split", show=False, tooltip="Move one alias's mentions of the selected actor to a new actor"),
    Binding("d", "date", "Date", show=False, tooltip="Change the selected event's date (ISO: 2007, 2007-05, 2007-05-28)"),
    Binding("h", "hide", "Hide", show=False, tooltip="Hide the selected actor or event (in the hidden view: bring it back)"),
    Binding("v", "reviewed", "Reviewed", show=False, tooltip="Mark the selected record reviewed (v again: machine)"),
    Binding("s", "star", "Star", show=False, tooltip="Star or unstar the selected record"),
    Binding("t", "tags", "Tags", show=False, tooltip="Tag the selected record (-tag removes; tab completes)"),
    Binding("w", "note", "Note", show=False, tooltip="Write the selected record's note (Markdown)"),
    Binding("R", "read", "Read", show=False, tooltip="Mark the source shown read or unread"),
    Binding("F", "mark_filter", "Filter", show=False, tooltip="Show only starred, unread, tagged or hidden records"),
]
"""The curation keys (letters never priority: a field or list that uses the key keeps it)."""

CURATION_ACTIONS = frozenset(binding.action for binding in CURATION_BINDINGS if isinstance(binding, Binding))
"""Curation actions: they need an open dossier."""


class CuratingScreen(PanesScreen):
    """The panes plus the curation actions (``MainScreen`` lists ``CURATION_BINDINGS`` among its keys)."""

    def __init__(self, db_path: Path, *, building: bool) -> None:
        """Show the dossier at ``db_path`` with no actor marked to merge and no edit in flight."""
        super().__init__(db_path, building=building)
        self.marked: list[str] = []
        self.edit_lock = threading.Lock()
        """Held while an edit is applied and saved, or the file re-read: they take turns."""
        self._unreadable: FileSignature | None = None
        """The signature of a newer file that could not be read (said once, not every poll)."""

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
        self._apply_in_worker(operation, one_line(done), focus)

    @work(thread=True, exit_on_error=False, group="edit")
    def _apply_in_worker(self, operation: Operation, done: str, focus: str | None) -> None:
        """Apply and save one edit off the UI thread (one at a time), then update the panes."""
        dossier = self.dossier
        if dossier is None:
            return
        with self.edit_lock:
            reloaded = dossier.changed_on_disk()  # then apply re-reads the file first: relist everything
            try:
                dossier.apply(operation)
            except ValueError as error:
                self.app.call_from_thread(self.notify, one_line(str(error)), severity="warning", markup=False)
                return
        self.app.call_from_thread(self._edited, done, focus, operation, reloaded)

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

    def _edited(self, done: str, focus: str | None, operation: Operation, reloaded: bool) -> None:
        """Show the curated state and say what changed (plain text, never markup); ``reloaded``
        when another process's writes were read in first (every listing is rebuilt then)."""
        events_changed = reloaded or isinstance(operation, EventOperation)
        self.show_curated(
            focus,
            actors_changed=reloaded or bool(operation.actor_ids()),
            events_changed=events_changed,
            sources_changed=None if reloaded or isinstance(operation, MOVES_MENTIONS) else frozenset(operation.record_ids()),
        )
        self.notify(done, markup=False)

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

    # --- actors ----------------------------------------------------------------------------

    def action_mark_merge(self) -> None:
        """Mark (or unmark) the selected actor to merge with the next ``J``."""
        actor = self._selected_actor()
        if actor is None:
            return
        if actor.id in self.marked:
            self.marked.remove(actor.id)
            self.notify("Unmarked " + one_line(actor.name) + f" ({len(self.marked)} marked to merge)", markup=False)
        else:
            self.marked.append(actor.id)
            self.notify("Marked " + one_line(actor.name) + f" to merge ({len(self.marked)} marked; J merges)", markup=False)

    def action_merge(self) -> None:
        """Merge the marked actors with the selected one, asking which name survives."""
        actor = self._selected_actor()
        if actor is None or self.dossier is None:
            return
        ids = list(dict.fromkeys([actor.id, *(a for a in self.marked if a in self.dossier.actors)]))
        if len(ids) < 2:
            self.notify("Mark the actors to merge with x first", severity="warning", markup=False)
            return
        actors = [self.dossier.actors[a] for a in ids]
        options = [(a.id, Text.assemble(actor_label(a), (f"  {self.dossier.actor_brief(a.id)[2]} mentions", "dim")))
                   for a in actors]

        def merge(survivor: str | None) -> None:
            """Merge into the chosen survivor, whose name stays."""
            if survivor is None or self.dossier is None:
                return
            others = [a for a in ids if a != survivor]
            self.marked = []
            names = ", ".join(one_line(self.dossier.actors[a].name) for a in others)
            self.edit(Merge((survivor, *others)), f"Merged {names} into {self.dossier.actors[survivor].name}", survivor)

        self.app.push_screen(ChooseOne("Merge: which name survives?", options, highlight=actor.id), merge)

    def action_rename(self) -> None:
        """Rename the selected actor, or retitle the selected event."""
        record = self.selected_record()
        if isinstance(record, Actor):
            actor = record

            def rename(name: str | None) -> None:
                """Rename to the name typed."""
                if name and name != actor.name:
                    self.edit(Rename(actor.id, name), f"Renamed {actor.name} to {name}", actor.id)

            self.app.push_screen(TextPrompt(f"Rename {one_line(actor.name)}", actor.name), rename)
        elif isinstance(record, Event):
            event = record

            def retitle(title: str | None) -> None:
                """Retitle to the title typed."""
                if title and title != event.title:
                    self.edit(EditEvent(event.id, title=title), f"Retitled the event to {title}", event.id)

            self.app.push_screen(TextPrompt("Event title", event.title), retitle)
        else:
            self.notify("Select an actor or an event first", severity="warning", markup=False)

    def action_alias(self) -> None:
        """Add an alias to the selected actor."""
        actor = self._selected_actor()
        if actor is None:
            return

        def add(name: str | None) -> None:
            """Add the alias typed."""
            if name:
                self.edit(AddAlias(actor.id, name), f"Added the alias {name} to {actor.name}", actor.id)

        self.app.push_screen(TextPrompt(f"New alias of {one_line(actor.name)}"), add)

    def _choose_alias(self, actor: Actor, title: str, then: str) -> None:
        """Ask which of an actor's aliases (other than its name) to act on, then run ``then`` with it."""
        aliases = [alias for alias in actor.aliases if alias != actor.name]
        if not aliases:
            self.notify(one_line(actor.name) + " has no other alias", severity="warning", markup=False)
            return
        options = [(str(i), Text(one_line(alias))) for i, alias in enumerate(aliases)]

        def chosen(index: str | None) -> None:
            """Act on the alias picked."""
            if index is not None:
                alias = aliases[int(index)]
                if then == "unalias":
                    self.edit(RemoveAlias(actor.id, alias), f"Removed the alias {alias} from {actor.name}", actor.id)
                else:
                    self._split_alias(actor, alias)

        self.app.push_screen(ChooseOne(title, options), chosen)

    def action_unalias(self) -> None:
        """Remove one of the selected actor's aliases."""
        actor = self._selected_actor()
        if actor is not None:
            self._choose_alias(actor, f"Remove which alias of {one_line(actor.name)}?", "unalias")

    def action_split(self) -> None:
        """Move the mentions of one of the selected actor's aliases to a new actor of that name."""
        actor = self._selected_actor()
        if actor is not None:
            self._choose_alias(actor, f"Split which alias off {one_line(actor.name)}?", "split")

    def _split_alias(self, actor: Actor, alias: str) -> None:
        """Split ``alias`` off ``actor`` into a new actor of the same kind named after it."""
        if self.dossier is None:
            return
        new_id = self.dossier.curation.free_actor_id(alias)
        operation = Split(actor.id, new_id, True, aliases=(alias,), name=alias, kind=actor.kind)
        self.edit(operation, f"Split {alias} off {actor.name} into a new actor", new_id)

    def action_set_kind(self) -> None:
        """Change the selected actor's or event's kind."""
        record = self.selected_record()
        if not isinstance(record, Actor | Event):
            self.notify("Select an actor or an event first", severity="warning", markup=False)
            return
        kinds = ACTOR_KINDS if isinstance(record, Actor) else EVENT_KINDS
        options = [(kind, Text(kind)) for kind in kinds]
        name = record.name if isinstance(record, Actor) else record.title

        def set_kind(kind: str | None) -> None:
            """Apply the kind picked."""
            if kind is None or kind == record.kind:
                return
            operation = SetKind(record.id, kind) if isinstance(record, Actor) else EditEvent(record.id, kind=kind)
            self.edit(operation, f"{name} is now a {kind}", record.id)

        self.app.push_screen(ChooseOne(f"Kind of {one_line(name)}", options, highlight=record.kind), set_kind)

    def action_date(self) -> None:
        """Change the selected event's date."""
        event = self._selected_event()
        if event is None:
            return

        def redate(date: str | None) -> None:
            """Apply the date typed."""
            if date and date != event.date:
                self.edit(EditEvent(event.id, date=date), f"Dated {event.title} {date}", event.id)

        self.app.push_screen(TextPrompt("Event date", event.date or "", hint="2007, 2007-05 or 2007-05-28"), redate)

    def action_hide(self) -> None:
        """Hide the selected actor or event; in the hidden view, bring the actor back."""
        if self.dossier is None:
            return
        if self.mark_filter == "hidden":
            hidden_id = self.query_one("#actors", RecordList).current_id
            hidden = self.dossier.machine_record(hidden_id) if hidden_id else None
            if isinstance(hidden, Actor):
                self.edit(UnhideActor(hidden.id), f"Brought back {hidden.name}", hidden.id)
            return
        record = self.selected_record()
        if isinstance(record, Actor):
            self.marked = [a for a in self.marked if a != record.id]
            self.edit(HideActor(record.id), f"Hid {record.name} (F, hidden brings it back)", None)
        elif isinstance(record, Event):
            self.edit(HideEvent(record.id), f"Hid the event {record.title}", None)
        else:
            self.notify("Select an actor or an event first", severity="warning", markup=False)

    # --- annotations on any record ---------------------------------------------------------

    def _annotated(self) -> tuple[str, str] | None:
        """The selected record's id and name, to annotate (a warning and None when nothing is selected)."""
        record = self.selected_record()
        if record is None:
            self.notify("Nothing selected", severity="warning", markup=False)
            return None
        return record.id, record.name if isinstance(record, Actor) else record.title or record.id

    def action_reviewed(self) -> None:
        """Toggle the selected record's reviewed mark."""
        if (target := self._annotated()) is not None and self.dossier is not None:
            record_id, name = target
            reviewed = not self.dossier.annotations(record_id).reviewed
            said = "reviewed" if reviewed else "not reviewed"
            self.edit(Annotate(record_id, reviewed=reviewed), f"Marked {name} {said}", record_id)

    def action_star(self) -> None:
        """Star or unstar the selected record."""
        if (target := self._annotated()) is not None and self.dossier is not None:
            record_id, name = target
            star = not self.dossier.annotations(record_id).star
            self.edit(Annotate(record_id, star=star), f"{'Starred' if star else 'Unstarred'} {name}", record_id)

    def action_tags(self) -> None:
        """Ask for tags to add (``-tag`` removes one), completing from the tags in use."""
        if (target := self._annotated()) is None or self.dossier is None:
            return
        record_id, name = target
        current = self.dossier.annotations(record_id).tags
        known = [tag for tag, _ in tag_counts(self.dossier)]

        def tag(words: str | None) -> None:
            """Add and remove the tags typed."""
            if not words:
                return
            add = tuple(w for w in words.split() if not w.startswith("-"))
            remove = tuple(w[1:] for w in words.split() if w.startswith("-") and len(w) > 1)
            said = " ".join([*(f"+{t}" for t in add), *(f"-{t}" for t in remove)])
            self.edit(Annotate(record_id, add_tags=add, remove_tags=remove), f"Tagged {name} {said}", record_id)

        hint = "now: " + " ".join(current) if current else "words; -tag removes one; → accepts a completion"
        self.app.push_screen(TextPrompt(f"Tags for {one_line(name)}", hint=hint, completions=known), tag)

    def action_note(self) -> None:
        """Edit the selected record's note in a Markdown text area."""
        if (target := self._annotated()) is None or self.dossier is None:
            return
        record_id, name = target
        before = self.dossier.annotations(record_id).note

        def save(note: str | None) -> None:
            """Save the note if it changed (an empty note clears it)."""
            if note is not None and note != before:
                said = "Saved the note on" if note else "Cleared the note on"
                self.edit(Annotate(record_id, note=note), f"{said} {name}", record_id)

        self.app.push_screen(NoteEditor(one_line(name), before), save)

    def action_read(self) -> None:
        """Mark the selected (or shown) source read, or unread again."""
        record = self.selected_record()
        source = record if isinstance(record, Source) else self.query_one(SourceView).source
        if source is None or self.dossier is None:
            self.notify("No source shown", severity="warning", markup=False)
            return
        read = not self.dossier.annotations(source.id).read
        self.edit(Annotate(source.id, read=read), f"Marked {source.title or source.id} {'read' if read else 'unread'}", None)

    def action_mark_filter(self) -> None:
        """Choose a filter: starred, unread, hidden, a tag (with counts), or none."""
        if self.dossier is None:
            return
        options = [("", Text("all records (no filter)"))]
        options += [(mark, Text.assemble(mark, (f"  {filter_count(self.dossier, mark)}", "dim"))) for mark in MARK_FILTERS]
        options += [(f"tag:{tag}", Text.assemble(f"tag:{one_line(tag)}", (f"  {count}", "dim")))
                    for tag, count in tag_counts(self.dossier)]

        def chosen(mark: str | None) -> None:
            """Apply the filter picked."""
            if mark is not None:
                self.mark_filter = mark or None
                if mark == "hidden":
                    self.action_focus_pane(Pane.ACTORS)

        self.app.push_screen(ChooseOne("Show only", options, highlight=self.mark_filter or ""), chosen)


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
