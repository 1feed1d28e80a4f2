"""The active edits folded into a small summary: which actors were merged, split off, renamed,
re-kinded or hidden, which events were edited or hidden, and every record's annotations.

The summary holds no records. A new edit extends it (``extended``: a copy of its tables with
one more operation applied, never changed in place); an undo or redo, which changes the middle
of the log, folds the log again. The view re-derives only the records whose summary changed. An edit that
names a record the dossier does not have (deleted since, or a damaged file) is skipped and
reported in ``problems``, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from dossier.store.curation.log import Edit
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EditEvent,
    HideActor,
    HideEvent,
    Merge,
    Operation,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
    UnhideEvent,
)

NameOp = Rename | AddAlias | RemoveAlias
"""An edit of an actor's names, applied in log order after its mentions and names are gathered."""

Structural = Merge | Split
"""An edit moving mentions and names between actors."""


@dataclass(slots=True)
class Annotation:
    """The analyst's marks on one record: a Markdown note, tags, a star, reviewed, and read (sources)."""

    note: str = ""
    tags: list[str] = field(default_factory=list)
    star: bool = False
    reviewed: bool = False
    read: bool = False

    def to_json(self) -> dict[str, object]:
        """The annotation as a JSON-ready dict (``dump`` and ``--json`` output)."""
        return {"note": self.note, "tags": list(self.tags), "star": self.star, "reviewed": self.reviewed, "read": self.read}


@dataclass(slots=True)
class EventPatch:
    """The fields an edit set on an event (None: as the machine has it)."""

    title: str | None = None
    date: str | None = None
    kind: str | None = None
    actors: list[str] | None = None


@dataclass(slots=True)
class CurationState:
    """What the active edits say, per record id."""

    forward: dict[str, str] = field(default_factory=dict)
    created: dict[str, tuple[str, str]] = field(default_factory=dict)
    structural: list[Structural] = field(default_factory=list)
    name_ops: dict[str, list[NameOp]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    event_patches: dict[str, EventPatch] = field(default_factory=dict)
    hidden_events: set[str] = field(default_factory=set)
    annotations: dict[str, Annotation] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    _parent: dict[str, str] = field(default_factory=dict)
    _by_component: dict[str, list[Structural]] | None = None

    def final(self, actor_id: str) -> str:
        """The actor an id now stands for, following merges (the id itself when it was not merged)."""
        if actor_id not in self.forward:
            return actor_id  # most ids: no set made (a merge of the top actor asks for 3,000)
        seen = {actor_id}
        while actor_id in self.forward:
            actor_id = self.forward[actor_id]
            if actor_id in seen:  # a cycle only a hand-edited log can make: stop where it closes
                break
            seen.add(actor_id)
        return actor_id

    def component(self, actor_id: str) -> str:
        """A representative of the actors connected to this one by merges and splits."""
        parent = self._parent
        root = actor_id
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(actor_id, actor_id) != root:  # path compression
            parent[actor_id], actor_id = root, parent[actor_id]
        return root

    def _join(self, ids: Iterable[str]) -> None:
        """Connect actors (a merge or a split relates their mentions)."""
        ids = list(ids)
        self._by_component = None
        for actor_id in ids:
            self._parent.setdefault(actor_id, actor_id)
        roots = [self.component(actor_id) for actor_id in ids]
        for root in roots[1:]:
            if root != roots[0]:
                self._parent[root] = roots[0]

    def members(self, actor_ids: Iterable[str]) -> set[str]:
        """Every actor id connected by merges and splits to any of these (the ids themselves included)."""
        roots = {self.component(actor_id) for actor_id in actor_ids}
        connected = {actor_id for actor_id in self._parent if self.component(actor_id) in roots}
        return connected | set(actor_ids)

    def structural_of(self, actor_id: str) -> list[Structural]:
        """The merges and splits among the actors connected to this one, in log order."""
        if self._by_component is None:
            self._by_component = {}
            for op in self.structural:
                self._by_component.setdefault(self.component(op.actor_ids()[0]), []).append(op)
        return self._by_component.get(self.component(actor_id), [])

    def components(self, actor_ids: Iterable[str]) -> list[list[str]]:
        """These actors grouped by what connects them (merges and splits), each group in the order given."""
        groups: dict[str, list[str]] = {}
        for actor_id in actor_ids:
            groups.setdefault(self.component(actor_id), []).append(actor_id)
        return list(groups.values())

    def extended(
        self,
        edit: Edit,
        is_actor: Callable[[str], bool],
        is_event: Callable[[str], bool],
        is_record: Callable[[str], bool],
    ) -> CurationState:
        """The state with one more edit at the end of the log, without folding the log again: a copy
        of this state's tables (whose records are never changed in place, so both can share them)
        with the edit applied. Equal to ``fold_log`` over the longer log; this state is unchanged."""
        state = CurationState(
            forward=dict(self.forward),
            created=dict(self.created),
            structural=list(self.structural),
            name_ops=dict(self.name_ops),
            kinds=dict(self.kinds),
            hidden=set(self.hidden),
            event_patches=dict(self.event_patches),
            hidden_events=set(self.hidden_events),
            annotations=dict(self.annotations),
            problems=list(self.problems),
            _parent=dict(self._parent),
        )
        _fold_one(state, edit, is_actor, is_event, is_record)
        return state

    def event_override_ids(self) -> dict[str, set[str]]:
        """Actor id -> the events an edit gave that actor."""
        refs: dict[str, set[str]] = {}
        for event_id, patch in self.event_patches.items():
            for actor_id in patch.actors or ():
                refs.setdefault(actor_id, set()).add(event_id)
        return refs


def fold_log(
    edits: Iterable[Edit],
    is_actor: Callable[[str], bool],
    is_event: Callable[[str], bool],
    is_record: Callable[[str], bool],
) -> CurationState:
    """The state the active edits give, in log order, over records that exist (the rest is reported).

    ``is_actor`` / ``is_event`` / ``is_record`` say whether the machine output has such a record.
    """
    state = CurationState()
    for edit in edits:
        _fold_one(state, edit, is_actor, is_event, is_record)
    return state


def _fold_one(
    state: CurationState,
    edit: Edit,
    is_actor: Callable[[str], bool],
    is_event: Callable[[str], bool],
    is_record: Callable[[str], bool],
) -> None:
    """Fold the next edit of the log into the state: an active one naming records that exist is
    applied, one naming a missing record is reported and skipped."""
    if not edit.active:
        return
    operation = edit.operation
    missing = [
        record_id
        for record_id in operation.record_ids()
        if not (record_id in state.created or is_actor(record_id) or is_event(record_id) or is_record(record_id))
    ]
    if isinstance(operation, Split) and operation.new:
        missing = [record_id for record_id in missing if record_id != operation.into]
    if missing:
        state.problems.append(
            f"edit {edit.id} ({operation.op}) names {', '.join(missing)}, which the dossier does not have; skipped"
        )
        return
    _apply(state, operation)



def _apply(state: CurationState, operation: Operation) -> None:
    """Fold one active, valid operation into the state."""
    if isinstance(operation, Merge):
        survivor = operation.actors[0]
        for other in operation.actors[1:]:
            state.forward[other] = survivor
        state._join(operation.actors)
        state.structural.append(operation)
        if operation.name:
            state.name_ops[survivor] = [*state.name_ops.get(survivor, ()), Rename(survivor, operation.name)]
    elif isinstance(operation, Split):
        if operation.new:
            state.created[operation.into] = (operation.name or operation.into, operation.kind or "person")
        state._join(operation.actor_ids())
        state.structural.append(operation)
    elif isinstance(operation, Rename | AddAlias | RemoveAlias):
        state.name_ops[operation.actor] = [*state.name_ops.get(operation.actor, ()), operation]
    elif isinstance(operation, SetKind):
        state.kinds[operation.actor] = operation.kind
    elif isinstance(operation, HideActor):
        state.hidden.add(operation.actor)
    elif isinstance(operation, UnhideActor):
        state.hidden.discard(operation.actor)
    elif isinstance(operation, EditEvent):
        patch = state.event_patches.get(operation.event) or EventPatch()
        state.event_patches[operation.event] = EventPatch(  # a new patch: an extended state shares the old one
            title=operation.title if operation.title is not None else patch.title,
            date=operation.date if operation.date is not None else patch.date,
            kind=operation.kind if operation.kind is not None else patch.kind,
            actors=list(operation.actors) if operation.actors is not None else patch.actors,
        )
    elif isinstance(operation, HideEvent):
        state.hidden_events.add(operation.event)
    elif isinstance(operation, UnhideEvent):
        state.hidden_events.discard(operation.event)
    elif isinstance(operation, Annotate):
        state.annotations[operation.record] = _annotated(state.annotations.get(operation.record), operation)


def _annotated(before: Annotation | None, operation: Annotate) -> Annotation:
    """A record's annotation after one annotation edit (a new one: an extended state shares the old)."""
    annotation = (
        Annotation()
        if before is None
        else Annotation(before.note, list(before.tags), before.star, before.reviewed, before.read)
    )
    if operation.note is not None:
        annotation.note = operation.note
    annotation.tags = [tag for tag in annotation.tags if tag not in operation.remove_tags]
    annotation.tags += [tag for tag in dict.fromkeys(operation.add_tags) if tag not in annotation.tags]
    if operation.star is not None:
        annotation.star = operation.star
    if operation.reviewed is not None:
        annotation.reviewed = operation.reviewed
    if operation.read is not None:
        annotation.read = operation.read
    return annotation
