"""The help overlay: every key, grouped by where it works, built from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from dossier.tui.labels import ACTOR_MARKERS, EVENT_MARKERS

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


def key_text(keys: str) -> str:
    """Binding keys as a user types them ("left_square_bracket,alt+left" -> "[ / alt+left")."""
    return " / ".join(_KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


def binding_rows(bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for every described binding."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            rows.append((key_text(binding.key), binding.tooltip or binding.description))
    return rows


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """The help table: one section per place where keys work."""
    from dossier.tui.app import DossierApp
    from dossier.tui.screens.main import MainScreen
    from dossier.tui.widgets.record_list import RecordList
    from dossier.tui.widgets.source_view import SourceView

    return [
        ("Everywhere", binding_rows(MainScreen.BINDINGS) + binding_rows(DossierApp.BINDINGS)
         + [("ctrl+p", "Command palette: every action, and jump to any record by name")]),
        ("Actors and Events (panes 1 and 2)", binding_rows(RecordList.BINDINGS)
         + [("enter (on an event)", "Follow the event to its actor (asks when there are several)")]),
        ("Source (pane 3)", binding_rows(SourceView.BINDINGS)),
        ("Detail (pane 4)", [("j / k, ↑ / ↓", "Move through the linked records"), ("enter", "Open the linked record")]),
        ("Search (/)", [("type", "Results update as you type"), ("↑ / ↓", "Choose a hit"),
                        ("enter", "Open it; then n / N step through the hits"), ("escape", "Close")]),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists every key by pane and the kind markers; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        """The key table, built once from the bindings: a section heading, then key and meaning per row."""
        with VerticalScroll(classes="dialog help"):
            yield Label(Content("Keys"), classes="dialog-title")
            with Grid(id="help-keys"):
                for title, rows in help_sections():
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
