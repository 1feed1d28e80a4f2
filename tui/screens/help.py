"""The help overlay: the keys it is handed, grouped by where they work, and the kind markers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from dossier.tui.labels import ACTOR_MARKERS, EVENT_MARKERS
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_text(keys: str) -> str:
    """Binding keys as a user types them ("left_square_bracket,alt+left" -> "[ / alt+left")."""
    return " / ".join(_KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


HelpRow = tuple[str, str]
"""The keys as typed, and what they do."""
HelpSection = tuple[str, list[HelpRow]]
"""A heading (where the keys work) and its rows."""


def binding_rows(bindings: Iterable[BindingType], live: Callable[[Binding], bool] = lambda _binding: True) -> list[HelpRow]:
    """(keys, description) for every described binding that ``live`` keeps."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description and live(binding):
            rows.append((key_text(binding.key), binding.tooltip or binding.description))
    return rows


def help_sections(
    screen_bindings: Iterable[BindingType], live: Callable[[Binding], bool], app_bindings: Iterable[BindingType]
) -> list[HelpSection]:
    """The help table: one section per place where keys work; of the screen's keys, only those ``live`` keeps."""
    return [
        ("Everywhere", [*binding_rows(screen_bindings, live), *binding_rows(app_bindings),
                        ("ctrl+p", "Command palette: every action, and jump to any record by name")]),
        ("Actors and Events (panes 1 and 2)", [*binding_rows(RecordList.BINDINGS),
                                               ("enter (on an event)", "Follow the event to its actor (asks when there are several)")]),
        ("Source (pane 3)", binding_rows(SourceView.BINDINGS)),
        ("Detail (pane 4)", [("j / k, ↑ / ↓", "Move through the linked records"), ("enter", "Open the linked record")]),
        ("Search (/)", [("type", "Results update as you type"), ("↑ / ↓", "Choose a hit"),
                        ("enter", "Open it; then n / N step through the hits"), ("escape", "Close")]),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists the keys it is handed, by where they work, and the kind markers; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close")]

    def __init__(self, sections: list[HelpSection]) -> None:
        """Show these sections (the screen that opens help knows which keys are live)."""
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        """The key table, built once from the bindings: a section heading, then key and meaning per row."""
        with VerticalScroll(classes="dialog help"):
            yield Label(Content("Keys"), classes="dialog-title")
            with Grid(id="help-keys"):
                for title, rows in self.sections:
                    yield Label(Content(title), classes="help-section")
                    for keys, description in rows:
                        yield Label(Content(keys), classes="help-key")
                        yield Label(Content(description), classes="help-text")
                yield Label(Content("Markers"), classes="help-section")
                for name, markers in (("actors", ACTOR_MARKERS), ("events", EVENT_MARKERS)):
                    yield Label(Content(name), classes="help-key")
                    yield Label(Content("  ".join(f"{letter} {kind}" for kind, (letter, _) in markers.items())), classes="help-text")
                yield Label(Content("dates"), classes="help-key")
                yield Label(Content("1979 a year, 2007-05 a month, 2007-05-28 a day; + marks a range; undated last"), classes="help-text")

    def on_mount(self) -> None:
        """Focus the scroller so j/k and arrows scroll the help."""
        self.query_one(VerticalScroll).focus()
