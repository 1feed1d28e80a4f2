"""The first-use build status: what is being built and a progress bar, shown above the panes while it runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, ProgressBar

from dossier.tui.sanitize import one_line


class BuildStatus(Vertical):
    """Says which seed article is being read and how far the build is."""

    def compose(self) -> ComposeResult:
        """A line of text over a progress bar."""
        yield Label(Content("Building the dossier from the seed articles…"), id="building-label")
        yield ProgressBar(id="building-progress", show_eta=False)

    def advance(self, done: int, total: int, current: str) -> None:
        """Show ``done`` of ``total`` files read, ``current`` the latest (none done: the model is loading)."""
        self.query_one("#building-progress", ProgressBar).update(total=total, progress=done)
        label = self.query_one("#building-label", Label)
        if done == 0:
            label.update(Content(f"Building the dossier from {total} seed articles: loading the language model…"))
        else:
            label.update(Content.assemble(f"Building the dossier from the seed articles: {done}/{total} ", one_line(current)))
