"""The detail strip: a summary of the selected record and a list of the records it links to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from dossier.tui.navigation import Pane
from dossier.tui.presenters import MAX_LINKS
from dossier.tui.rows import Rows
from dossier.tui.widgets.record_list import RecordList

# The row id of the "… and N more" line under a cut-off list of links.
MORE_LINKS = "…"


class LinkList(RecordList):
    """The linked records of the selected one, drawn on demand like the other lists (a record
    may link to a hundred sources; only the visible rows are ever drawn)."""

    def __init__(self, *, id: str | None = None) -> None:
        """An empty list of links."""
        super().__init__(Pane.DETAIL, self._draw_link, empty="No links", id=id)
        self._label: Callable[[str], Text] = Text

    def set_links(self, record_ids: list[str], label: Callable[[str], Text]) -> None:
        """Show links to these records, labelled by ``label`` when drawn, the cursor on the first."""
        self._label = label
        self.set_rows(Rows(record_ids), redraw=True)

    def _draw_link(self, record_id: str) -> Text:
        """One link's label."""
        return self._label(record_id)


class Detail(Horizontal):
    """Summary on the left, links (actors, place, sources) on the right."""

    @dataclass
    class LinkChosen(Message):
        """The user chose a record listed in the detail strip."""

        record_id: str

    def compose(self) -> ComposeResult:
        """The summary and the link list side by side."""
        yield Static(Content("Nothing selected"), id="detail-summary", markup=False)
        yield LinkList(id="detail-links")

    def show(
        self, summary: Content, record_ids: Sequence[str] = (), label: Callable[[str], Text] = Text, total: int | None = None
    ) -> None:
        """Replace the summary and the links to these records, each labelled by ``label`` only when
        drawn; at most MAX_LINKS of ``total`` are listed."""
        self.query_one("#detail-summary", Static).update(summary, layout=False)
        unique = list(dict.fromkeys(record_ids))
        shown = unique[:MAX_LINKS]
        hidden = max(total or 0, len(unique)) - len(shown)
        more = Text(f"… and {hidden} more (all in the export: p)", style="dim")
        if hidden > 0:
            shown.append(MORE_LINKS)

        def link_label(record_id: str) -> Text:
            """A link's label, or the line counting the links not listed."""
            return more if record_id == MORE_LINKS else label(record_id)

        self.query_one(LinkList).set_links(shown, link_label)

    @on(RecordList.Highlighted)
    def _link_highlighted(self, event: RecordList.Highlighted) -> None:
        """Moving through the links selects nothing by itself."""
        event.stop()

    @on(RecordList.Chosen)
    def _link_chosen(self, event: RecordList.Chosen) -> None:
        """Turn the choice of a link into an intent for the screen."""
        event.stop()
        if event.record_id == MORE_LINKS:
            self.notify("The rest are in the export: p previews it, e writes it", markup=False)
        else:
            self.post_message(self.LinkChosen(event.record_id))
