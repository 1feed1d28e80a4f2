"""Small modal dialogs the curation keys ask through: a line of text, a choice, a Markdown note.

Each is a leaf: it imports no screen or app and answers through ``dismiss`` with a typed value
(None when the user presses escape), so the screen that asked decides what to do with it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option


class LastWordSuggester(Suggester):
    """Completes the last word typed from known words (tags), keeping the words before it."""

    def __init__(self, words: list[str]) -> None:
        """Offer these words, matched without regard to case."""
        super().__init__(use_cache=False, case_sensitive=True)
        self.words = words

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last word completed to the first known word it begins (a leading
        ``-`` for removal is kept)."""
        head, _, last = value.rpartition(" ")
        sign = "-" if last.startswith("-") else ""
        stem = last.removeprefix("-").casefold()
        if not stem:
            return None
        for word in self.words:
            if word.casefold().startswith(stem) and word.casefold() != stem:
                return f"{head} {sign}{word}" if head else f"{sign}{word}"
        return None


class TextPrompt(ModalScreen[str | None]):
    """Ask for one line of text; dismisses with it (stripped), or None on escape or when empty."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self, title: str, value: str = "", *, hint: str = "", completions: list[str] | None = None, whole: bool = False
    ) -> None:
        """Ask ``title`` starting from ``value``; ``completions`` complete the last word typed (``whole``:
        the whole value, e.g. an actor's name of several words)."""
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.completions = completions
        self.whole = whole

    def compose(self) -> ComposeResult:
        """The question, the field and a hint."""
        suggester: Suggester | None = None
        if self.completions:
            suggester = SuggestFromList(self.completions, case_sensitive=False) if self.whole else LastWordSuggester(self.completions)
        with Vertical(classes="dialog prompt"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Input(self.value, suggester=suggester, select_on_focus=False)
            yield Label(Content(self.hint or "enter to apply · escape to cancel"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Answer with the text typed (None when nothing was)."""
        self.dismiss(event.value.strip() or None)


class ChooseOne(ModalScreen[str | None]):
    """Pick one of a few labelled options; dismisses with its id, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("j", "move(1)", "Down", show=False),
        Binding("k", "move(-1)", "Up", show=False),
    ]

    def __init__(self, title: str, options: list[tuple[str, Text]], *, highlight: str | None = None) -> None:
        """Offer these (id, label) options under ``title``, the cursor on ``highlight`` if given."""
        super().__init__()
        self.title_text = title
        self.options = options
        self.highlight = highlight

    def compose(self) -> ComposeResult:
        """A title and the options."""
        with Vertical(classes="dialog choose"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield OptionList(*[Option(label, id=option_id) for option_id, label in self.options])

    def on_mount(self) -> None:
        """Highlight the given (or first) option and take the keyboard."""
        options = self.query_one(OptionList)
        ids = [option_id for option_id, _ in self.options]
        options.highlighted = ids.index(self.highlight) if self.highlight in ids else 0
        options.focus()

    def action_move(self, step: int) -> None:
        """Move the highlight with j/k."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Answer with the chosen option's id."""
        self.dismiss(event.option.id)


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
