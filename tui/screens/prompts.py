"""The modal note editor the curation key ``w`` opens (a line of text or a choice is asked in the
inline prompt, ``widgets.prompt_bar``).

It is a leaf: it imports no screen or app and answers through ``dismiss`` with the note (None when
the user presses escape), so the screen that asked decides what to do with it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


class NoteEditor(ModalScreen[str | None]):
    """Edit a record's Markdown note in a text area; ctrl+s saves (an empty note clears it), escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, title: str, note: str) -> None:
        """Edit ``note`` for the record named ``title``."""
        super().__init__()
        self.title_text = title
        self.note = note

    def compose(self) -> ComposeResult:
        """The record's name, the text area and the keys."""
        with Vertical(classes="dialog note"):
            yield Label(Content.assemble("Note on ", (self.title_text, "bold")), classes="dialog-title")
            yield TextArea(self.note, soft_wrap=True, show_line_numbers=False, tab_behavior="indent", id="note-text")
            yield Label(Content("Markdown · ctrl+s save · escape cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Put the cursor at the end of the note."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Answer with the note as typed (surrounding blank lines dropped)."""
        self.dismiss(self.query_one(TextArea).text.strip())
