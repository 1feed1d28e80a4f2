"""The detail strip: a summary of the selected record and a list of the records it links to."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.messages import LinkChosen

MAX_LINKS = 100


class LinkList(OptionList):
    """The linked records of the selected one; enter opens the highlighted link."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class Detail(Horizontal):
    """Summary on the left, links (actors, place, sources) on the right."""

    def compose(self) -> ComposeResult:
        """The summary and the link list side by side."""
        yield Static(Content("Nothing selected"), id="detail-summary", markup=False)
        yield LinkList(id="detail-links")

    def show(self, summary: Content, links: Sequence[tuple[str, Text]], total: int | None = None) -> None:
        """Replace the summary and the links (record id, label); at most MAX_LINKS of ``total`` are listed."""
        self.query_one("#detail-summary", Static).update(summary, layout=False)
        options = self.query_one(LinkList)
        unique: dict[str, Text] = {}
        for record_id, label in links:
            unique.setdefault(record_id, label)
        rows = [Option(label, id=record_id) for record_id, label in list(unique.items())[:MAX_LINKS]]
        hidden = max(total or 0, len(unique)) - len(rows)
        if hidden > 0:
            rows.append(Option(Text(f"… and {hidden} more (all in the export: p)", style="dim"), disabled=True))
        options.set_options(rows)  # one relayout, not one for clearing and one for adding
        if options.option_count:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the choice of a link into an intent for the screen."""
        event.stop()
        if event.option.id:
            self.post_message(LinkChosen(event.option.id))
