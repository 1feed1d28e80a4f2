"""Modals for exporting the whole dossier: where and in which format, then how far it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, RadioButton, RadioSet

if TYPE_CHECKING:
    from dossier.store.bulk_export import ExportFormat
    from dossier.store.render import LinkStyle


class BulkChoice(NamedTuple):
    """What the analyst chose: the folder, the format and, for a vault, the link style."""

    folder: str
    format: ExportFormat
    links: LinkStyle


FORMAT_CHOICES: tuple[tuple[str, ExportFormat, LinkStyle], ...] = (
    ("Markdown vault (relative links)", "vault", "markdown"),
    ("Obsidian vault ([[wikilinks]])", "vault", "wiki"),
    ("Graph: GraphML + GEXF (Gephi)", "graph", "markdown"),
    ("CSV tables", "csv", "markdown"),
    ("FollowTheMoney JSON lines (Aleph)", "ftm", "markdown"),
)
"""(label, format, link style) of each choice, the default first."""


class ExportAllPrompt(ModalScreen[BulkChoice | None]):
    """Ask for the folder to export everything into (prefilled) and the format."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, default: str) -> None:
        """Prefill the folder with ``default``."""
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        """The question, the folder field, the formats and a hint."""
        with Vertical(classes="dialog prompt"):
            yield Label(Content("Export everything to folder (new, empty, or an earlier export):"), classes="dialog-title")
            yield Input(value=self.default, id="export-all-path")
            with RadioSet(id="export-all-format"):
                for index, (label, _format, _links) in enumerate(FORMAT_CHOICES):
                    yield RadioButton(Content(label), value=index == 0)
            yield Label(Content("enter export · tab format · esc cancel"), classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Answer with the folder and the chosen format (None when the folder is left empty)."""
        folder = event.value.strip()
        if not folder:
            self.dismiss(None)
            return
        chosen = self.query_one(RadioSet).pressed_index
        _label, export_format, links = FORMAT_CHOICES[max(chosen, 0)]
        self.dismiss(BulkChoice(folder, export_format, links))


class ExportAllProgress(ModalScreen[None]):
    """How far the export is; escape hides it (the export goes on and says when it is done)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Hide")]

    def __init__(self, what: str) -> None:
        """Show progress of exporting ``what`` (already one line)."""
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        """A line of text over a progress bar."""
        with Vertical(classes="dialog prompt"):
            yield Label(Content.assemble("Exporting ", self.what, "…"), classes="dialog-title")
            yield ProgressBar(id="export-all-progress", show_eta=False)
            yield Label(Content("escape hides this; the export goes on"), classes="dialog-hint")

    def advance(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` steps."""
        self.query_one(ProgressBar).update(total=total, progress=done)
