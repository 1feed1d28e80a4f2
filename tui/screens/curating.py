"""The curation keys of the main screen: each asks what it needs in the inline prompt at the foot of
the screen (the note in a modal editor) and hands one operation to ``EditingScreen.edit`` (applied
and saved in a worker, then shown).

Operations are the store's (``dossier.store.curation.operations``); this module only decides
which record a key acts on and what to ask, and names the change in a plain notification.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EditEvent,
    HideActor,
    HideEvent,
    Merge,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
    UnhideEvent,
)
from dossier.store.errors import DossierError
from dossier.store.records import ACTOR_KINDS, EVENT_KINDS, Actor, Event, Source
from dossier.tui.labels import actor_label
from dossier.tui.navigation import Pane
from dossier.tui.presenters import MARK_FILTERS, filter_count, tag_counts
from dossier.tui.sanitize import one_line
from dossier.tui.screens.editing import EditingScreen
from dossier.tui.screens.panes import PANE_WIDGETS
from dossier.tui.screens.prompts import NoteEditor
from dossier.tui.widgets.prompt_bar import PromptBar
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

CURATION_BINDINGS: list[BindingType] = [
    Binding("u,ctrl+z", "undo", "Undo", tooltip="Undo the last edit"),
    Binding("U,ctrl+y", "redo", "Redo", show=False, tooltip="Redo the edit undone last"),
    Binding("x", "mark_merge", "Mark", show=False, tooltip="Mark the selected actor to merge (x again unmarks)"),
    Binding("J", "merge", "Merge", show=False, tooltip="Merge the marked actors with the selected one; choose the name that survives"),
    Binding("r", "rename", "Rename", show=False, tooltip="Rename the selected actor, or retitle the selected event"),
    Binding("a", "alias", "Alias", show=False, tooltip="Add an alias to the selected actor, or an actor to the selected event"),
    Binding("A", "unalias", "Unalias", show=False, tooltip="Remove an alias of the selected actor, or an actor of the selected event"),
    Binding("K", "set_kind", "Set kind", show=False, tooltip="Change the selected actor's or event's kind"),
    Binding("S", "split", "Split", show=False, tooltip="Move one alias's mentions of the selected actor to a new actor"),
    Binding("d", "date", "Date", show=False, tooltip="Change the selected event's date (ISO: 2007, 2007-05, 2007-05-28)"),
    Binding("h", "hide", "Hide", show=False, tooltip="Hide the selected actor or event (in the hidden view, F: bring it back)"),
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


class CuratingScreen(EditingScreen):
    """The curation keys over the panes (``MainScreen`` lists ``CURATION_BINDINGS`` among its keys)."""

    def __init__(self, db_path: Path, *, building: bool) -> None:
        """Show the dossier at ``db_path`` with no actor marked to merge."""
        super().__init__(db_path, building=building)
        self.marked: list[str] = []
        self._answer: Callable[[str | None], None] | None = None
        """What to do with the answer to the question open in the prompt."""
        self._prompt_waits_for: int | None = None
        """The number of the edit the prompt's answer started: the prompt closes when it is shown."""

    def compose(self) -> ComposeResult:
        """The inline prompt the curation keys ask through (hidden until asked), then the panes.

        The prompt comes first: Textual numbers the screen's children in painting order from the
        last one, so a prompt shown or hidden there renumbers nothing else, and only its own lines
        are redrawn; composed last, it renumbered every widget and the whole screen was redrawn."""
        yield PromptBar(id="prompt")
        yield from super().compose()

    @property
    def prompt_open(self) -> bool:
        """Whether the inline prompt is asking a question (the screen's keys wait until it is answered)."""
        return self.query_one(PromptBar).is_open

    def ask_text(
        self, title: str, then: Callable[[str | None], None], value: str = "", *,
        hint: str = "", completions: list[str] | None = None, whole: bool = False,
    ) -> None:
        """Ask for a line of text in the inline prompt (``PromptBar.ask_text``); ``then`` gets it (None on
        escape or when empty)."""
        self._answer = then
        self.app.clear_notifications()  # the notices stack over the foot of the screen, where the prompt asks
        self.query_one(PromptBar).ask_text(title, value, hint=hint, completions=completions, whole=whole)

    def choose(self, title: str, options: list[tuple[str, Text]], then: Callable[[str | None], None], *,
               highlight: str | None = None) -> None:
        """Ask for one of these (id, label) options in the inline prompt; ``then`` gets its id (None on escape)."""
        self._answer = then
        self.app.clear_notifications()
        self.query_one(PromptBar).choose(title, options, highlight=highlight)

    @on(PromptBar.Answered)
    def _answered(self, message: PromptBar.Answered) -> None:
        """Hand the prompt's answer to the key that asked; the prompt closes now, or, if the answer
        started an edit, when that edit is shown (one repaint for both)."""
        then, self._answer = self._answer, None
        started = self.edits_started
        if then is not None:
            then(message.answer)
        if self.edits_started != started and message.answer is not None:
            self._prompt_waits_for = self.edits_started
        else:
            self._close_prompt()

    def edit_settled(self, number: int) -> None:
        """Close the prompt with the edit it asked for (shown, refused or failed), in the same frame."""
        if number == self._prompt_waits_for:
            self._close_prompt()

    def _close_prompt(self) -> None:
        """Close the inline prompt (the keyboard goes back where it was)."""
        self._prompt_waits_for = None
        self.query_one(PromptBar).close()

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

        self.choose("Merge: which name survives?", options, merge, highlight=actor.id)

    def action_rename(self) -> None:
        """Rename the selected actor, or retitle the selected event."""
        record = self.selected_record()
        if isinstance(record, Actor):
            actor = record

            def rename(name: str | None) -> None:
                """Rename to the name typed."""
                if name and name != actor.name:
                    self.edit(Rename(actor.id, name), f"Renamed {actor.name} to {name}", actor.id)

            self.ask_text(f"Rename {one_line(actor.name)}", rename, actor.name)
        elif isinstance(record, Event):
            event = record

            def retitle(title: str | None) -> None:
                """Retitle to the title typed."""
                if title and title != event.title:
                    self.edit(EditEvent(event.id, title=title), f"Retitled the event to {title}", event.id)

            self.ask_text("Event title", retitle, event.title)
        else:
            self.notify("Select an actor or an event first", severity="warning", markup=False)

    def action_alias(self) -> None:
        """Add an alias to the selected actor, or an actor to the selected event."""
        record = self.selected_record()
        if isinstance(record, Event):
            self._add_event_actor(record)
            return
        actor = self._selected_actor()
        if actor is None:
            return

        def add(name: str | None) -> None:
            """Add the alias typed."""
            if name:
                self.edit(AddAlias(actor.id, name), f"Added the alias {name} to {actor.name}", actor.id)

        self.ask_text(f"New alias of {one_line(actor.name)}", add)

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

        self.choose(title, options, chosen)

    def action_unalias(self) -> None:
        """Remove one of the selected actor's aliases, or one of the selected event's actors."""
        record = self.selected_record()
        if isinstance(record, Event):
            self._remove_event_actor(record)
            return
        actor = self._selected_actor()
        if actor is not None:
            self._choose_alias(actor, f"Remove which alias of {one_line(actor.name)}?", "unalias")

    def _add_event_actor(self, event: Event) -> None:
        """Ask for an actor of the dossier (its name completes) and add it to the event's actors."""
        dossier = self.dossier
        if dossier is None:
            return
        names = [dossier.actors.names(a)[0] for a in dossier.actor_ids_by_mentions()]

        def add(name: str | None) -> None:
            """Add the actor named, if the dossier has exactly one of that name."""
            if not name or self.dossier is None:
                return
            try:
                actor = self.dossier.resolve(name)
            except DossierError as error:
                self.notify(one_line(str(error)), severity="warning", markup=False)
                return
            if not isinstance(actor, Actor):
                self.notify(one_line(name) + " is not an actor", severity="warning", markup=False)
            elif actor.id in event.actors:
                self.notify(one_line(actor.name) + " is already an actor of this event", severity="warning", markup=False)
            else:
                operation = EditEvent(event.id, actors=(*event.actors, actor.id))
                self.edit(operation, f"Added {actor.name} to the event {event.title}", event.id)

        hint = "an actor's name (→ or tab completes) · enter add · escape cancel"
        self.ask_text(f"Add an actor to {one_line(event.title)}", add, hint=hint, completions=names, whole=True)

    def _remove_event_actor(self, event: Event) -> None:
        """Ask which of the event's actors to take off it."""
        dossier = self.dossier
        if dossier is None:
            return
        actors = [dossier.actors[a] for a in event.actors if a in dossier.actors]
        if not actors:
            self.notify("This event names no actor", severity="warning", markup=False)
            return

        def remove(actor_id: str | None) -> None:
            """Take the actor picked off the event."""
            if actor_id is not None and self.dossier is not None:
                name = self.dossier.actors[actor_id].name
                operation = EditEvent(event.id, actors=tuple(a for a in event.actors if a != actor_id))
                self.edit(operation, f"Removed {name} from the event {event.title}", event.id)

        options = [(a.id, actor_label(a)) for a in actors]
        self.choose(f"Remove which actor of {one_line(event.title)}?", options, remove)

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

        self.choose(f"Kind of {one_line(name)}", options, set_kind, highlight=record.kind)

    def action_date(self) -> None:
        """Change the selected event's date."""
        event = self._selected_event()
        if event is None:
            return

        def redate(date: str | None) -> None:
            """Apply the date typed."""
            if date and date != event.date:
                self.edit(EditEvent(event.id, date=date), f"Dated {event.title} {date}", event.id)

        self.ask_text("Event date", redate, event.date or "", hint="2007, 2007-05 or 2007-05-28 · enter apply · escape cancel")

    def action_hide(self) -> None:
        """Hide the selected actor or event; in the hidden view, bring the actor back."""
        if self.dossier is None:
            return
        if self.mark_filter == "hidden":
            pane = Pane.EVENTS if self._focused_pane() == Pane.EVENTS else Pane.ACTORS
            hidden_id = self.query_one(PANE_WIDGETS[pane], RecordList).current_id
            hidden = self.dossier.machine_record(hidden_id) if hidden_id else None
            if isinstance(hidden, Actor):
                self.edit(UnhideActor(hidden.id), f"Brought back {hidden.name}", hidden.id)
            elif isinstance(hidden, Event):
                self.edit(UnhideEvent(hidden.id), f"Brought back the event {hidden.title}", hidden.id)
            else:
                self.notify("Nothing hidden selected", severity="warning", markup=False)
            return
        record = self.selected_record()
        if isinstance(record, Actor):
            self.marked = [a for a in self.marked if a != record.id]
            self.edit(HideActor(record.id), f"Hid {record.name} (F, hidden brings it back)", None)
        elif isinstance(record, Event):
            self.edit(HideEvent(record.id), f"Hid the event {record.title} (F, hidden brings it back)", None)
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

        hint = ("now: " + " ".join(current) + " · " if current else "") + "words; -tag removes one; → or tab completes · escape cancel"
        self.ask_text(f"Tags for {one_line(name)}", tag, hint=hint, completions=known)

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

        self.choose("Show only", options, chosen, highlight=self.mark_filter or "")
