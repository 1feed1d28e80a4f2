"""Back/forward navigation history, browser-style: a list of places and a cursor into it."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.store.records import Span


@dataclass(frozen=True, slots=True)
class Place:
    """Everything needed to put the main screen back: focused pane, record, filters, source span."""

    pane: str
    record_id: str | None = None
    actor_filter: str | None = None
    kind_filter: str | None = None
    span: Span | None = None


class History:
    """Visited places; visiting a new place drops the forward entries (like Textual's Navigator)."""

    def __init__(self) -> None:
        """Start with no places visited."""
        self._places: list[Place] = []
        self._index = -1

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
