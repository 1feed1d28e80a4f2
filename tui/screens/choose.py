"""A small modal that asks which of an event's actors to follow."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from dossier.store.records import Actor
from dossier.tui.labels import actor_label


class ChooseActor(ModalScreen[str | None]):
    """Pick one actor from a list; dismisses with its id, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, actors: list[Actor]) -> None:
        """Offer these actors."""
        super().__init__()
        self.actors = actors

    def compose(self) -> ComposeResult:
        """A title and the list of actors."""
        with Vertical(classes="dialog choose"):
            yield Label(Content("Follow which actor?"), classes="dialog-title")
            yield OptionList(*[Option(Text.assemble(actor_label(actor)), id=actor.id) for actor in self.actors])

    def on_mount(self) -> None:
        """Highlight the first actor and take the keyboard."""
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def action_move(self, step: int) -> None:
        """Move the highlight with j/k."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Answer with the chosen actor's id."""
        self.dismiss(event.option.id)
