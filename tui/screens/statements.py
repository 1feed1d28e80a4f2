"""The Statements view: what the selected actor said, newest first, each in full with its date,
reporting verb and source; enter follows one to its sentence in Source.

A modal over the main screen (like search): it lists, the main screen decides what following
means (``MainScreen.action_statements``). Everything from a document becomes ``Text`` built
from plain, sanitised strings, never markup.
"""

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

from dossier.store.records import Statement
from dossier.tui.labels import counted, date_label
from dossier.tui.sanitize import one_line


def statement_row(statement: Statement, words: str, source_title: str) -> Text:
    """One statement as a list row: date, verb, the words said (quoted when direct) and the source."""
    said = f"“{one_line(words)}”" if statement.direct else one_line(words)
    return Text.assemble(
        (date_label(statement.date), "bold"),
        " ",
        (one_line(statement.verb), "italic"),
        "\n",
        said,
        "\n",
        (one_line(source_title), "dim"),
    )


class StatementsScreen(ModalScreen[int | None]):
    """An actor's statements; dismisses with the index of the one to follow, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,Q", "dismiss(None)", "Close"),
        Binding("j,n", "move(1)", "Next", show=False),
        Binding("k,N", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, speaker: str, rows: list[Text]) -> None:
        """Offer these statement rows (newest first) of the speaker named."""
        super().__init__()
        self.speaker = speaker
        self.rows = rows

    def compose(self) -> ComposeResult:
        """A title and the list of statements."""
        with Vertical(classes="dialog statements"):
            title = f"{one_line(self.speaker)} said · {counted(len(self.rows), 'statement')}"
            yield Label(Content(title), classes="dialog-title")
            yield OptionList(*[Option(row, id=str(index)) for index, row in enumerate(self.rows)])
            yield Label(Content("enter: show in Source · n/N: next/previous · escape: close"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Highlight the newest statement and take the keyboard."""
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def action_move(self, step: int) -> None:
        """Move the highlight with j/k or n/N."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Answer with the chosen statement's index."""
        self.dismiss(int(event.option.id or 0))
