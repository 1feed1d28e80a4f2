"""Navigation values of the main screen, free of any widget: panes, the n/N walk and history.

Plain data with its own rules (stepping, wrapping, dropping forward entries), so it is tested
without a running app and the screen only decides when to use it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import overload

from dossier.store.records import Span


class Pane(StrEnum):
    """The four panes, in tab order (the value is the name actions and bindings use)."""

    ACTORS = "actors"
    EVENTS = "events"
    SOURCE = "source"
    DETAIL = "detail"

    def step(self, step: int) -> Pane:
        """The pane ``step`` places further in tab order, wrapping around."""
        order = list(Pane)
        return order[(order.index(self) + step) % len(order)]


@dataclass(frozen=True, slots=True)
class Target:
    """One stop of an n/N walk: a record to open, or a span of source text to show."""

    record_id: str | None = None
    span: Span | None = None


class MentionWalk(Sequence[Target]):
    """An actor's mentions as n/N stops, each made when reached (top actors have 20,000)."""

    def __init__(self, spans: list[Span]) -> None:
        """Walk these spans in order."""
        self.spans = spans

    def __len__(self) -> int:
        """How many mentions there are to step through."""
        return len(self.spans)

    @overload
    def __getitem__(self, index: int) -> Target: ...
    @overload
    def __getitem__(self, index: slice) -> list[Target]: ...
    def __getitem__(self, index: int | slice) -> Target | list[Target]:
        """The stop (or stops) at ``index``, made on demand."""
        if isinstance(index, slice):
            return [Target(span=span) for span in self.spans[index]]
        return Target(span=self.spans[index])

    def position_of(self, span: Span) -> int | None:
        """Where a span is in the walk, if it is one of its stops."""
        return next((index for index, candidate in enumerate(self.spans) if candidate == span), None)


@dataclass(frozen=True, slots=True)
class Walk:
    """What n/N step through (search hits or one actor's mentions) and where in it the user is."""

    targets: Sequence[Target] = ()
    name: str = ""
    is_hits: bool = False
    index: int = -1

    @classmethod
    def of_mentions(cls, spans: list[Span], actor_name: str) -> Walk:
        """A walk over an actor's mentions, made lazily."""
        return cls(MentionWalk(spans), f"mention of {actor_name}")

    @classmethod
    def of_hits(cls, targets: Sequence[Target], query: str, index: int) -> Walk:
        """A walk over search hits, starting at the one opened."""
        return cls(targets, f"hit for “{query}”", is_hits=True, index=index)

    def __bool__(self) -> bool:
        """Whether there is anything to step through."""
        return len(self.targets) > 0

    @property
    def label(self) -> str:
        """What n/N step through and where in it the user is, for the Source pane title."""
        if not self.targets:
            return ""
        position = f"{self.index + 1}/{len(self.targets)}" if self.index >= 0 else str(len(self.targets))
        return f"{self.name} {position} · n/N"

    def next_index(self, step: int) -> int:
        """The index ``step`` stops away, wrapping around (the walk must not be empty)."""
        return (self.index + step) % len(self.targets)

    def at(self, index: int) -> Walk:
        """The same walk, standing at ``index``."""
        return replace(self, index=index)

    def synced_to(self, span: Span) -> Walk:
        """The walk standing at a span shown by other means (selection, history), if it is a stop."""
        if isinstance(self.targets, MentionWalk):
            index = self.targets.position_of(span)
        else:
            index = next((i for i, t in enumerate(self.targets) if t.span == span and t.record_id is None), None)
        return self if index is None else self.at(index)


@dataclass(frozen=True, slots=True)
class ViewPlace:
    """Where the user was in one of the views (timeline, connections, chains, sources), to reopen it there.

    ``subject``: the actor ids (or filter) the view is about; ``cursor``: the row or bucket under
    the cursor; ``settings``: the view's own choices (bucket size, sort order, filters).
    """

    view: str
    subject: tuple[str, ...] = ()
    cursor: str | None = None
    settings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ViewOutcome:
    """What a view was closed with: a record to open (at a span), a time bucket to filter Events to
    (start day, bucket size), or back; ``place`` is where the view stood, for history."""

    place: ViewPlace
    record_id: str | None = None
    span: Span | None = None
    bucket: tuple[str, str] | None = None
    back: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """Everything needed to put the main screen back: focused pane, record, filters, source span,
    and the view (timeline, connections, sources) that was open over it."""

    pane: Pane
    record_id: str | None = None
    actor_filter: str | None = None
    kind_filter: str | None = None
    span: Span | None = None
    date_filter: tuple[str, str] | None = None
    view: ViewPlace | None = None


@dataclass
class History:
    """Visited places, browser-style; visiting a new place drops the forward entries."""

    _places: list[Place] = field(default_factory=list)
    _index: int = -1

    @property
    def current(self) -> Place | None:
        """The place being shown, if any was visited."""
        return self._places[self._index] if self._places else None

    @property
    def can_go_back(self) -> bool:
        """Whether there is an earlier place."""
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether there is a later place (after going back)."""
        return self._index < len(self._places) - 1

    def visit(self, place: Place) -> None:
        """Go to a new place, dropping anything forward of the current one."""
        del self._places[self._index + 1 :]
        if self._places and self._places[-1] == place:
            return
        self._places.append(place)
        self._index = len(self._places) - 1

    def update(self, place: Place) -> None:
        """Record where the user now is inside the current place (cursor moves), without a new entry."""
        if self._places:
            self._places[self._index] = place
        else:
            self.visit(place)

    def back(self) -> Place | None:
        """Step back and return the earlier place, or None at the start."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Place | None:
        """Step forward and return the later place, or None at the end."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._places[self._index]
