"""Modals for exporting: where to write, and whether to overwrite an existing file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from dossier.tui.sanitize import one_line


class ExportPrompt(ModalScreen[str | None]):
    """Ask for the export folder (or a .md file), prefilled with the default folder."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, default: str) -> None:
        """Prefill the prompt with ``default``."""
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        """The question, the field or buttons, and a hint."""
        with Vertical(classes="dialog"):
            yield Label(Content("Export to folder (or a .md file):"), classes="dialog-title")
            yield Input(value=self.default, id="export-path")
            yield Label(Content("enter export · esc cancel"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Answer with the typed path (None when left empty)."""
        self.dismiss(event.value.strip() or None)


class ConfirmOverwrite(ModalScreen[bool]):
    """Ask before replacing an existing export file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Overwrite"),
        Binding("n,escape", "dismiss(False)", "Keep"),
    ]

    def __init__(self, path: Path) -> None:
        """Prefill the prompt with ``default``."""
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        """The question, the field or buttons, and a hint."""
        with Vertical(classes="dialog"):
            yield Label(Content.assemble(one_line(str(self.path)), " exists."), classes="dialog-title")
            yield Label(Content("Overwrite it? y / n"))
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content("Overwrite"), id="yes", variant="warning")
                yield Button(Content("Keep"), id="no")

    def on_mount(self) -> None:
        """Default to keeping the existing file."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer True only for Overwrite."""
        self.dismiss(event.button.id == "yes")
