"""The analyst's operations as typed values, each stored in the edit log as ``{"op", "args"}``.

An operation names records by their stable ids (resolved by the caller) and carries every value
its replay needs, so replaying the log gives the same dossier whatever was ingested since.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import ClassVar

from dossier.store.partial_dates import is_partial_date
from dossier.store.records import ACTOR_KINDS, EVENT_KINDS

ArgValue = str | bool | None | list[str]
"""One operation argument as stored: text, a flag, nothing, or a list of ids or names."""

Args = dict[str, ArgValue]
"""An operation's arguments as stored in the log."""


@dataclass(slots=True)
class Operation:
    """One change the analyst makes; subclasses name their ``op`` and list their arguments as fields."""

    op: ClassVar[str] = ""

    def args(self) -> Args:
        """The arguments as stored (tuples become lists)."""
        out: Args = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    def actor_ids(self) -> tuple[str, ...]:
        """Every actor id the operation names (for validity checks and to find what it changes)."""
        return ()

    def record_ids(self) -> tuple[str, ...]:
        """Every record id the operation names."""
        return self.actor_ids()

    def check(self) -> None:
        """Reject arguments no replay could use (``ValueError`` with a readable reason)."""


@dataclass(slots=True)
class ActorOperation(Operation):
    """An operation on one actor (its fields start with that actor's id)."""

    actor: str

    def actor_ids(self) -> tuple[str, ...]:
        """The actor."""
        return (self.actor,)


@dataclass(slots=True)
class EventOperation(Operation):
    """An operation on one event (its fields start with that event's id)."""

    event: str

    def record_ids(self) -> tuple[str, ...]:
        """The event."""
        return (self.event,)


@dataclass(slots=True)
class Merge(Operation):
    """Fold ``actors[1:]`` into ``actors[0]`` (the survivor), optionally naming it ``name``."""

    op: ClassVar[str] = "merge"
    actors: tuple[str, ...]
    name: str | None = None

    def actor_ids(self) -> tuple[str, ...]:
        """The survivor and the merged actors."""
        return self.actors

    def check(self) -> None:
        """At least two different actors; a name, when given, is not blank."""
        if len(set(self.actors)) < 2 or len(set(self.actors)) != len(self.actors):
            raise ValueError("merge needs two or more different actors")
        if self.name is not None and not self.name.strip():
            raise ValueError("the merged actor's name cannot be blank")


@dataclass(slots=True)
class Split(Operation):
    """Move an actor's mentions spelled as one of ``aliases`` or in one of ``sources`` to ``into``.

    ``into`` is another actor, or a new one (``new`` true) created by this operation with that id,
    ``name`` and ``kind``.
    """

    op: ClassVar[str] = "split"
    actor: str
    into: str
    new: bool
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    name: str | None = None
    kind: str | None = None

    def actor_ids(self) -> tuple[str, ...]:
        """The actor split and the one receiving the mentions."""
        return (self.actor, self.into)

    def check(self) -> None:
        """Something to move, into a different actor; a new actor needs a name and a kind."""
        if not self.aliases and not self.sources:
            raise ValueError("split needs at least one --alias or --source")
        if self.actor == self.into:
            raise ValueError("an actor cannot be split into itself")
        if self.new and (not (self.name or "").strip() or self.kind not in ACTOR_KINDS):
            raise ValueError("a new actor needs a name and a kind")


@dataclass(slots=True)
class Rename(ActorOperation):
    """Give an actor a new name (the old one stays as an alias)."""

    op: ClassVar[str] = "rename"
    name: str

    def check(self) -> None:
        """The name is not blank."""
        if not self.name.strip():
            raise ValueError("the new name cannot be blank")


@dataclass(slots=True)
class AddAlias(ActorOperation):
    """Add an alias to an actor."""

    op: ClassVar[str] = "alias"
    name: str

    def check(self) -> None:
        """The alias is not blank."""
        if not self.name.strip():
            raise ValueError("an alias cannot be blank")


@dataclass(slots=True)
class RemoveAlias(ActorOperation):
    """Remove an alias from an actor."""

    op: ClassVar[str] = "unalias"
    name: str


@dataclass(slots=True)
class SetKind(ActorOperation):
    """Change an actor's kind (person, organization, place, group)."""

    op: ClassVar[str] = "kind"
    kind: str

    def check(self) -> None:
        """The kind is one of the actor kinds."""
        if self.kind not in ACTOR_KINDS:
            raise ValueError(f"unknown actor kind {self.kind!r} (one of {', '.join(ACTOR_KINDS)})")


@dataclass(slots=True)
class HideActor(ActorOperation):
    """Hide an actor (junk): gone from lists, search and exports, its mentions unlinked."""

    op: ClassVar[str] = "hide"


@dataclass(slots=True)
class UnhideActor(ActorOperation):
    """Bring a hidden actor back."""

    op: ClassVar[str] = "unhide"


@dataclass(slots=True)
class EditEvent(EventOperation):
    """Change an event's title, date (ISO at its precision), kind or actors; None leaves a field as it is."""

    op: ClassVar[str] = "edit-event"
    title: str | None = None
    date: str | None = None
    kind: str | None = None
    actors: tuple[str, ...] | None = None

    def actor_ids(self) -> tuple[str, ...]:
        """The actors the event is given."""
        return self.actors or ()

    def record_ids(self) -> tuple[str, ...]:
        """The event and the actors it is given."""
        return (self.event, *self.actor_ids())

    def check(self) -> None:
        """A non-blank title, a partial ISO date and a known kind."""
        if self.title is not None and not self.title.strip():
            raise ValueError("an event title cannot be blank")
        if self.date is not None and not is_partial_date(self.date):
            raise ValueError(f"{self.date!r} is not a date like 2007, 2007-05 or 2007-05-28")
        if self.kind is not None and self.kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {self.kind!r} (one of {', '.join(EVENT_KINDS)})")


@dataclass(slots=True)
class HideEvent(EventOperation):
    """Hide an event (a wrong extraction)."""

    op: ClassVar[str] = "hide-event"


@dataclass(slots=True)
class UnhideEvent(EventOperation):
    """Bring a hidden event back."""

    op: ClassVar[str] = "unhide-event"


@dataclass(slots=True)
class Annotate(Operation):
    """Annotate any record: its note, tags added or removed, star, reviewed mark, read mark (sources).

    ``None`` leaves a value as it is; ``note=""`` clears the note.
    """

    op: ClassVar[str] = "annotate"
    record: str
    note: str | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    star: bool | None = None
    reviewed: bool | None = None
    read: bool | None = None

    def record_ids(self) -> tuple[str, ...]:
        """The annotated record."""
        return (self.record,)

    def check(self) -> None:
        """Tags are single words without spaces."""
        for tag in (*self.add_tags, *self.remove_tags):
            if not tag.strip() or any(char.isspace() for char in tag):
                raise ValueError(f"a tag is one word without spaces, not {tag!r}")


@dataclass(slots=True)
class Distinct(Operation):
    """The analyst's judgement that these actors are not the same: the review queue never pairs them again."""

    op: ClassVar[str] = "distinct"
    actors: tuple[str, ...]

    def actor_ids(self) -> tuple[str, ...]:
        """The actors judged different."""
        return self.actors

    def check(self) -> None:
        """At least two different actors."""
        if len(set(self.actors)) < 2 or len(set(self.actors)) != len(self.actors):
            raise ValueError("'not the same' needs two or more different actors")


OPERATIONS: dict[str, type[Operation]] = {
    cls.op: cls
    for cls in (
        Merge, Split, Rename, AddAlias, RemoveAlias, SetKind, HideActor, UnhideActor,
        EditEvent, HideEvent, UnhideEvent, Annotate, Distinct,
    )
}  # fmt: skip
"""Every operation class by its stored ``op`` name."""

_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    op: tuple((f.name, str(f.type)) for f in fields(cls)) for op, cls in OPERATIONS.items()
}
"""Each operation's fields as ``(name, annotation)``, read once (a log of thousands is read on every open)."""


def operation_from(op: str, args: Mapping[str, object]) -> Operation:
    """The operation a log entry stores; ``ValueError`` for an unknown op or arguments that do not fit."""
    cls = OPERATIONS.get(op)
    if cls is None:
        raise ValueError(f"unknown operation {op!r}")
    values: dict[str, object] = {}
    for name, annotation in _FIELDS[op]:
        if name not in args:
            continue
        value = args[name]
        if not _fits(annotation, value):
            raise ValueError(f"{op}: {name} cannot be {value!r}")
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise ValueError(f"{op}: {name} must be a list of strings")
            value = tuple(value)
        elif value is not None and not isinstance(value, str | bool):
            raise ValueError(f"{op}: {name} has a value of type {type(value).__name__}")
        values[name] = value
    try:
        operation = cls(**values)
    except TypeError as error:
        raise ValueError(f"{op}: {error}") from None
    operation.check()
    return operation



def _fits(annotation: str, value: object) -> bool:
    """Whether a stored value has the type a field's annotation names (lists stand for tuples)."""
    if value is None:
        return "None" in annotation
    if isinstance(value, bool):
        return "bool" in annotation
    if isinstance(value, str):
        return annotation.startswith("str")
    return isinstance(value, list) and "tuple" in annotation
