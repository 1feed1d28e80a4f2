"""The detail strip: a summary of the selected record and a list of the records it links to."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.messages import LinkChosen


class LinkList(OptionList):
    """The linked records of the selected one; enter opens the highlighted link."""

    BINDINGS = [
        ("j", "cursor_down"),
        ("k", "cursor_up"),
        ("g", "first"),
        ("G", "last"),
    ]


class Detail(Horizontal):
    """Summary on the left, links (actors, place, sources) on the right."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Nothing selected"), id="detail-summary", markup=False)
        yield LinkList(id="detail-links")

    def show(self, summary: Content, links: Sequence[tuple[str, Text]]) -> None:
        """Replace the summary and the links (record id, label) shown."""
        self.query_one("#detail-summary", Static).update(summary)
        options = self.query_one(LinkList)
        options.clear_options()
        seen: set[str] = set()
        for record_id, label in links:
            if record_id not in seen:
                seen.add(record_id)
                options.add_option(Option(label, id=record_id))
        if options.option_count:
            options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Turn the choice of a link into an intent for the screen."""
        event.stop()
        if event.option.id:
            self.post_message(LinkChosen(event.option.id))
