"""The curated view: the maps every reader sees, kept equal to the edits applied over the machine's records.

The machine's records (written only by ingest and record edits) live in their own maps; the
view's maps share their unchanged JSON dicts and hold derived records only for the ids an edit
touches. Opening derives those ids once; afterwards one edit, an undo or redo, or an ingested
document re-derives only the actors connected to what changed and their events, with the view's
indexes following each record (``Indexes.forget_*`` / ``learn_*``), never a rebuild.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import TYPE_CHECKING, TypeVar

from dossier.store.bulk import without_gc
from dossier.store.curation.derive import derive_actor_json, derive_actors, derive_event, derive_event_json
from dossier.store.curation.log import Change, Edit, EditLog
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    Operation,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
)
from dossier.store.curation.state import CurationState, fold_log
from dossier.store.indexes import Indexes, Lazy
from dossier.store.mention_index import MentionBatch
from dossier.store.record_map import ActorMap, EventMap, RecordMap, SourceMap
from dossier.store.records import Actor, Event, Record
from dossier.store.schema import RawRecord

if TYPE_CHECKING:  # the notes index (and search's word rules) load with the first search that needs them
    from dossier.store.curation.notes_index import NotesIndex

R = TypeVar("R", Actor, Event)

_MentionMoves = tuple[list[MentionBatch], list[MentionBatch]]
"""Mention entries to take out of the index and to put in, as ``(actor id, its mentions)``."""

NAMES_AND_KIND = AddAlias | RemoveAlias | Rename | SetKind
"""Edits that change what an actor is called or its kind, never which events name it."""


def _same_but_actors(before: Event, after: Event) -> bool:
    """Whether an event changed at most its actors and place (a merge or hide re-links it): its
    timeline place and title words need no re-indexing then."""
    return (before.title, before.date, before.until, before.evidence, before.when) == (
        after.title,
        after.date,
        after.until,
        after.evidence,
        after.when,
    )


def _standing(state: CurationState, actor_id: str) -> tuple[str, bool, bool]:
    """What an event naming ``actor_id`` shows in its place: the actor it stands for, whether that
    one is hidden, and whether a split made it."""
    final = state.final(actor_id)
    return final, final in state.hidden, final in state.created


class _AnyOf:
    """Membership in any of several collections (ids taken anywhere)."""

    def __init__(self, *collections: Container[str]) -> None:
        """Ids in any of ``collections``."""
        self._collections = collections

    def __contains__(self, item: object) -> bool:
        """Whether any collection holds ``item``."""
        return any(item in collection for collection in self._collections)


class CuratedView:
    """Keeps the view maps (and their indexes) equal to the edit log applied over the machine maps."""

    def __init__(
        self,
        sources: SourceMap,
        machine: tuple[ActorMap, EventMap, Indexes],
        view: tuple[ActorMap, EventMap, Indexes],
        log: EditLog,
    ) -> None:
        """A view over these machine maps (with their indexes) into these view maps, for this log."""
        self.sources = sources
        self.machine_actors, self.machine_events, self.machine_indexes = machine
        self.actors, self.events, self.indexes = view
        self.log = log
        self.state = self._fold()
        self.notes = Lazy(self.indexes.lock, self._build_notes)
        """Note words and tags -> records, built on the first search that needs it, then kept up to date."""

    def _build_notes(self) -> NotesIndex:
        """Index every record's note and tags."""
        from dossier.store.curation.notes_index import NotesIndex

        notes = NotesIndex()
        for record_id, annotation in self.state.annotations.items():
            notes.put(record_id, annotation.note, annotation.tags)
        return notes

    def _fold(self) -> CurationState:
        """The state the log's active edits give over the current machine records."""
        return fold_log(
            self.log,
            is_actor=self.machine_actors.__contains__,
            is_event=self.machine_events.__contains__,
            is_record=self.sources.__contains__,
        )

    @property
    def problems(self) -> list[str]:
        """Every log entry that could not be read or applied, one line each."""
        return [*self.log.problems, *self.state.problems]

    # ------------------------------------------------------------------ deriving

    def derive_all(self) -> None:
        """Derive every record an active edit touches (on open; the rest is the machine's as it is)."""
        state = self.state
        touched = {*state.forward, *state.forward.values(), *state.created, *state.name_ops, *state.kinds, *state.hidden}
        for op in state.structural:
            touched.update(op.actor_ids())
        self._rederive(sorted(touched), sorted(set(state.event_patches) | state.hidden_events), (state,), fresh=True)

    def log_changed(self, before: CurationState, operation: Operation, after: CurationState | None = None) -> None:
        """Re-derive what one edit, undo or redo of ``operation`` changes (``before``: the state before
        it; ``after``: the state after it when known, else the log is folded again)."""
        self.state = after if after is not None else self._fold()
        notes = self.notes.peek()
        if notes is not None and isinstance(operation, Annotate):
            annotation = self.state.annotations.get(operation.record)
            notes.put(operation.record, annotation.note if annotation else "", annotation.tags if annotation else ())
        actor_ids = set(operation.actor_ids())
        if isinstance(operation, Split):
            actor_ids.add(operation.into)
        event_ids = set(operation.record_ids()) - actor_ids
        relinks = not isinstance(operation, NAMES_AND_KIND)
        self._rederive(sorted(actor_ids), sorted(event_ids), (before, self.state), relinks=relinks)

    def machine_changed(self, touched: Iterable[tuple[str, str]]) -> None:
        """Follow changes to the machine's records (an ingested document, a record edit or deletion)."""
        actor_ids: dict[str, None] = {}
        event_ids: dict[str, None] = {}
        for table, record_id in touched:
            if table == "sources":
                self._follow_source(record_id)
            elif table == "actors":
                actor_ids[record_id] = None
            else:
                event_ids[record_id] = None
        if self.state.problems and (actor_ids or event_ids):
            self.state = self._fold()  # a record an edit names may have come or gone
        self._rederive(list(actor_ids), list(event_ids), (self.state,), machine_changed=True)

    def _follow_source(self, source_id: str) -> None:
        """Index a source the machine added, or forget one it deleted."""
        if source_id in self.sources:
            self.indexes.learn_source(source_id)
        else:
            self.indexes.forget_source(source_id)

    @without_gc  # a merge makes tens of thousands of small objects: no collection over the whole heap midway
    def _rederive(
        self,
        actor_ids: list[str],
        event_ids: list[str],
        states: tuple[CurationState, ...],
        *,
        machine_changed: bool = False,
        fresh: bool = False,
        relinks: bool = True,
    ) -> None:
        """Re-derive these actors with everything connected to them in any of ``states``, then their events.

        Records new to the view join it in the order given (then by id), so the view keeps the
        machine's order of records. ``machine_changed``: the machine records may have changed
        in place (a document merged into an actor), so a view record shared with the machine is
        re-indexed even though it is the same object. ``fresh``: the view is the machine's as
        read (on open), so a derived record is put without comparing it to the view's first.
        ``relinks``: the change may re-link events to actors (not so for names and kinds: an event
        names actors by id only), so the events naming the actors are re-derived too.
        """
        state = self.state
        connected = set(actor_ids)
        for other in states:
            connected |= other.members(connected)
        connected = state.members(connected)
        members = list(dict.fromkeys([*actor_ids, *sorted(connected)]))
        events = dict.fromkeys(event_ids)
        only_relinked: set[str] = set()
        if not machine_changed and members and relinks:  # the machine never changes an event by changing an actor
            for other in states:
                refs = other.event_override_ids()
                for actor_id in members:
                    events.update(dict.fromkeys(sorted(refs.get(actor_id, ()))))
            if fresh:  # on open only an event naming a merged-away or hidden actor differs from the machine's
                relinking = {actor_id for actor_id in members if actor_id in state.forward or actor_id in state.hidden}
                linking = self.machine_events.naming(relinking) if relinking else []
            else:
                linking = self._events_relinked(members, states)
                only_relinked = {
                    event_id
                    for event_id in linking
                    if event_id not in events
                    and not any(event_id in other.event_patches or event_id in other.hidden_events for other in states)
                }
            events.update(dict.fromkeys(linking))
        touched = set(actor_ids) if machine_changed else set()
        with self.indexes.lock:
            moves: _MentionMoves | None = ([], []) if self.indexes.mentions.peek() is not None else None
            for component in state.components(members):
                if fresh and self._put_actor_json(component):
                    continue
                for actor_id, actor in derive_actors(component, state, self.machine_actors, self.sources).items():
                    self._put_actor(actor_id, actor, actor_id in touched, moves, fresh)
            if moves is not None:
                self.indexes.move_mentions(*moves)
            relinked: list[tuple[str, list[str]]] = []
            for event_id in events:
                self._put_event(event_id, relinked, fresh, relink_only=event_id in only_relinked)
            self.indexes.relink_events(relinked)

    def _events_relinked(self, members: list[str], states: tuple[CurationState, ...]) -> list[str]:
        """The events whose actors a change among ``members`` can re-link: those whose machine record
        names a member that stands for another actor in one of ``states`` than in another, or whose
        actor is shown in one and not the other (merged, hidden, split off). A merge re-links the
        merged actor's events, never the survivor's own; patched events come with the edits' ids."""
        changed = [actor_id for actor_id in members if len({_standing(state, actor_id) for state in states}) > 1]
        if not changed:
            return []
        relations = self.machine_indexes.relations.get()
        found: dict[str, None] = {}
        for actor_id in changed:
            found.update(dict.fromkeys(relations.by_actor.get(actor_id, ())))
        return list(found)

    def _put_actor(
        self, actor_id: str, actor: Actor | None, changed_in_place: bool, moves: _MentionMoves | None, fresh: bool = False
    ) -> None:
        """Replace an actor of the view by its derived record (None: take it out), indexes included;
        the mention entries it loses and gains are added to ``moves`` (None: no mention index), for
        the indexes to re-index all the actors' mentions at once (``Indexes.move_mentions``)."""
        present = actor_id in self.actors
        if present and not changed_in_place and self._unchanged(self.actors, self.machine_actors, actor_id, actor, fresh):
            return
        # A machine record the view shares changed in place: what is indexed is no longer readable
        # from it, so its entries are found by scanning its sources (forget_actor) and learnt anew.
        by_difference = moves is not None and not changed_in_place
        same = present and actor is not None and not changed_in_place and self._same_mentions(actor_id, actor)
        if present and by_difference and not same and moves is not None:
            moves[0].append((actor_id, self._current(self.actors, self.machine_actors, actor_id).mentions))
        if present:
            self.indexes.forget_actor(actor_id, keep_mentions=same or by_difference)
        if actor is not None:
            self.actors.put(actor)
            self.indexes.learn_actor(actor_id, mentions_kept=same or by_difference)
            if by_difference and not same and moves is not None:
                moves[1].append((actor_id, actor.mentions))
        elif present:
            self.actors.remove(actor_id)

    def _put_actor_json(self, component: list[str]) -> bool:
        """On open, put an actor that no merge or split touches (renamed, re-kinded, hidden) as a JSON
        dict sharing the machine's mentions, so that no record is built for it; whether it was one."""
        actor_id = component[0]
        raw = self.machine_actors.file_json(actor_id)
        if len(component) != 1 or raw is None or self.state.structural_of(actor_id):
            return False
        derived = derive_actor_json(actor_id, self.state, raw)
        if actor_id in self.actors:
            self.indexes.forget_actor(actor_id)
        if derived is None:
            if actor_id in self.actors:
                self.actors.remove(actor_id)
            return True
        self.actors.put_json(actor_id, derived)
        self.indexes.learn_actor(actor_id)
        return True

    def _same_mentions(self, actor_id: str, derived: Actor) -> bool:
        """Whether the view's actor has exactly the derived record's mentions (compared by identity
        first: both come from the machine's record where no edit moved them)."""
        shared = self.actors.file_json(actor_id)
        machine = self.machine_actors.file_json(actor_id)
        if shared is not None and machine is not None and (shared is machine or shared.get("mentions") is machine.get("mentions")):
            current = self.machine_actors[actor_id]  # the view shares the machine's mentions (derive_actor_json)
        elif shared is None or self.actors.unbuilt(actor_id) is None:
            current = self.actors[actor_id]
        else:
            return False
        return current.mentions == derived.mentions

    def _put_event(
        self, event_id: str, relinked: list[tuple[str, list[str]]], fresh: bool = False, *, relink_only: bool = False
    ) -> None:
        """Replace an event of the view by its derived record (or take it out), indexes included; an
        event that changed only its actors is added to ``relinked`` with the actors it had, for the
        indexes to re-link all at once (``Indexes.relink_events``). ``relink_only``: a merge or hide
        changes only which actors it names (``_relink_json``, no record built, when it is read from
        the file)."""
        if relink_only and self._relink_json(event_id, relinked):
            return
        if fresh and self.machine_events.file_json(event_id) is not None:
            self._put_event_json(event_id)
            return
        if fresh and self._kept_as_read(event_id):
            return
        event = derive_event(event_id, self.state, self.machine_events, self.actors.__contains__)
        present = event_id in self.events
        if present and self._unchanged(self.events, self.machine_events, event_id, event, fresh):
            return
        if present and event is not None and _same_but_actors(self._current(self.events, self.machine_events, event_id), event):
            relinked.append((event_id, [actor_id for actor_id in self.events.actor_ids(event_id) if actor_id]))
            self.events.put(event)
            return
        if present:
            self.indexes.forget_event(event_id)
        if event is not None:
            self.events.put(event)
            self.indexes.learn_event(event_id)
        elif present:
            self.events.remove(event_id)

    def _relink_json(self, event_id: str, relinked: list[tuple[str, list[str]]]) -> bool:
        """Re-link an event read from the file that no edit patches or hides, whose actors alone
        a merge or hide changes: put as a JSON dict (the machine's own when its actors are the
        machine's again), added to ``relinked`` with the actors it had; no record is built (a
        merge of the top actor re-links 700 events). Whether it was such an event."""
        raw = self.machine_events.file_json(event_id)
        if raw is None or event_id not in self.events:
            return False
        derived = derive_event_json(event_id, self.state, raw, self.actors.__contains__)
        if derived is None:
            return False
        before = self.events.actor_ids(event_id)
        if before == [*derived["actors"], derived["place"]]:
            return True  # shown with these actors already
        as_machine = derived["actors"] == list(raw.get("actors", ())) and derived["place"] == raw.get("place")
        relinked.append((event_id, [actor_id for actor_id in before if actor_id]))
        self.events.put_json(event_id, raw if as_machine else derived)
        return True

    def _put_event_json(self, event_id: str) -> None:
        """On open, put an event read from the file that an edit changes as a JSON dict sharing the
        machine's evidence (no record built), unless no edit changes it."""
        raw = self.machine_events.file_json(event_id)
        if raw is None or self._kept_as_read(event_id):
            return
        derived = derive_event_json(event_id, self.state, raw, self.actors.__contains__)
        present = event_id in self.events
        if present:
            self.indexes.forget_event(event_id)
        if derived is not None:
            self.events.put_json(event_id, derived)
            self.indexes.learn_event(event_id)
        elif present:
            self.events.remove(event_id)

    @staticmethod
    def _current(view: RecordMap[R], machine: RecordMap[R], record_id: str) -> R:
        """The view's record, read through the machine's (sharing its spans, which derived records
        hold too) while the view shares its JSON dict, even if the view built its own copy."""
        shared = view.file_json(record_id)
        if shared is not None and shared is machine.file_json(record_id):
            return machine[record_id]
        return view[record_id]

    def _kept_as_read(self, event_id: str) -> bool:
        """Whether no edit changes this event of the machine (read from its links, without building
        it): on open most events of an edited actor stay as they are."""
        state = self.state
        if event_id in state.event_patches or event_id in state.hidden_events or event_id not in self.events:
            return False
        return all(
            actor_id is None or (actor_id not in state.forward and actor_id in self.actors)
            for actor_id in self.machine_events.actor_ids(event_id)
        )

    @staticmethod
    def _unchanged(view: RecordMap[R], machine: RecordMap[R], record_id: str, derived: R | None, fresh: bool) -> bool:
        """Whether the view already holds ``derived``: the machine's record where it still shares the
        machine's dict, else (except on open, when nothing was derived yet) an equal record."""
        if derived is None:
            return False
        shared = view.file_json(record_id)
        if shared is not None and shared is machine.file_json(record_id):
            return derived is machine[record_id]
        return not fresh and derived == view[record_id]

    # ------------------------------------------------------------------ questions about records

    def free_actor_id(self, name: str) -> str:
        """An id for a new actor named ``name`` that no machine, curated or split-off actor has."""
        from dossier.store.merge_policy import new_actor_id  # ingest's id rule; only a split needs it

        taken = _AnyOf(self.actors, self.machine_actors, self.state.created)
        return new_actor_id(name, taken)

    def machine_record(self, record_id: str) -> Record | None:
        """A record as the machine made it, before any edit (hidden and merged actors included)."""
        if record_id in self.machine_actors:
            return self.machine_actors[record_id]
        if record_id in self.machine_events:
            return self.machine_events[record_id]
        return self.sources.get(record_id)

    def status(self, record_id: str) -> str:
        """"reviewed" when the analyst marked the record so, "edited" when an edit changed it, else "machine"."""
        annotation = self.state.annotations.get(record_id)
        if annotation is not None and annotation.reviewed:
            return "reviewed"
        view: ActorMap | EventMap | None = self.actors if record_id in self.actors else self.events if record_id in self.events else None
        machine = self.machine_actors if view is self.actors else self.machine_events
        if view is None:
            return "machine"
        if record_id not in machine:
            return "edited"
        shared = view.file_json(record_id)
        if shared is not None and shared is machine.file_json(record_id):
            return "machine"  # the view shares the machine's JSON dict: no edit applies (comparing
            # the records would walk every mention, 20,000 for the most-mentioned actor)
        return "edited" if view[record_id] != machine[record_id] else "machine"

    def hidden_actors(self) -> list[Actor]:
        """The hidden actors as the machine has them (to bring one back), by name."""
        hidden = [self.machine_actors[a] for a in self.state.hidden if a in self.machine_actors]
        return sorted(hidden, key=lambda actor: actor.name.casefold())

    def hidden_events(self) -> list[Event]:
        """The hidden events as the machine has them (to bring one back), by date then title."""
        hidden = [self.machine_events[e] for e in self.state.hidden_events if e in self.machine_events]
        return sorted(hidden, key=lambda event: (event.date or "~", event.title.casefold()))

    # ------------------------------------------------------------------ the log

    def append(self, operation: Operation, reason: str | None) -> Edit:
        """Add an edit to the log and apply it to the view."""
        before = self.state
        edit = self.log.append(operation, reason)
        after = before.extended(
            edit,
            is_actor=self.machine_actors.__contains__,
            is_event=self.machine_events.__contains__,
            is_record=self.sources.__contains__,
        )
        self.log_changed(before, operation, after)
        return edit

    def undo(self) -> Edit | None:
        """Undo the edit most recently made or redone, or None when there is none."""
        edit = self.log.undo_candidate()
        if edit is not None:
            before = self.state
            self.log.mark_undone(edit)
            self.log_changed(before, edit.operation)
        return edit

    def redo(self) -> Edit | None:
        """Redo the edit undone last, or None when there is none (or something was done since)."""
        edit = self.log.redo_candidate()
        if edit is not None:
            before = self.state
            self.log.mark_redone(edit)
            self.log_changed(before, edit.operation)
        return edit

    def take_saved(self, entries: Iterable[RawRecord]) -> None:
        """Apply log entries another process saved since this one read the log (journal lines):
        each entry that changes the log re-derives what its operation touches, nothing else."""
        for entry in entries:
            before = self.state
            for edit in self.log.take_all([entry]):
                self.log_changed(before, edit.operation)

    def replay(self, changes: list[Change]) -> None:
        """Apply log changes not yet saved onto the log just re-read (after another process wrote)."""
        for change in changes:
            before = self.state
            count = len(self.log.changes)
            self.log.replay([change])
            if len(self.log.changes) != count:
                self.log_changed(before, change[1].operation)
