"""The sources view: every source with its date, actor count, publisher and title; sorted by date or
title, filtered by publisher and read/unread; ``enter`` opens one in the Source pane.

The rows are gathered in a worker (23,000 sources read from the file's records, never built);
sorting and filtering then run on those rows. The view closes with a ``ViewOutcome``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from dossier.tui.labels import DATE_WIDTH, counted, date_label
from dossier.tui.navigation import Pane, ViewOutcome, ViewPlace
from dossier.tui.rows import Rows
from dossier.tui.sanitize import one_line
from dossier.tui.widgets.record_list import RecordList

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

SORTS = ("newest", "oldest", "title")
"""The orders the list cycles through with ``d`` (date) and ``t`` (title)."""
READ_FILTERS = ("all", "unread", "read")
PUBLISHER_WIDTH = 12


@dataclass(frozen=True, slots=True)
class SourceRow:
    """What one row shows of a source (read without building it)."""

    id: str
    title: str
    publisher: str
    published: str | None
    actors: int
    read: bool


def source_rows(dossier: Dossier) -> list[SourceRow]:
    """Every source as a row: title, publisher, date, how many actors it mentions, and its read mark."""
    rows: list[SourceRow] = []
    for source_id in dossier.sources:
        raw = dossier.sources.unbuilt(source_id)
        if raw is not None:
            title, publisher, published = str(raw.get("title") or ""), str(raw.get("publisher") or ""), raw.get("published")
        else:
            source = dossier.sources[source_id]
            title, publisher, published = source.title, source.publisher or "", source.published
        actors = len({entry[2] for entry in dossier.mention_rows_in(source_id)})
        rows.append(SourceRow(source_id, one_line(title), one_line(publisher), published, actors,
                              dossier.annotations(source_id).read))
    return rows


def arranged(rows: list[SourceRow], sort: str, publisher: str, read: str) -> list[str]:
    """The ids of the rows kept by the publisher ("" for all) and read filters, in ``sort`` order."""
    kept = [r for r in rows if (not publisher or r.publisher == publisher)
            and (read == "all" or r.read == (read == "read"))]
    if sort == "title":
        kept.sort(key=lambda r: (r.title.casefold(), r.id))
    else:
        kept.sort(key=lambda r: (r.published is not None, r.published or "", r.id), reverse=sort == "newest")
    return [r.id for r in kept]


class SourcesScreen(Screen[ViewOutcome | None]):
    """A browsable list of the dossier's sources."""

    DEFAULT_CSS = """
    SourcesScreen { align: center middle; }
    SourcesScreen > Vertical { width: 100%; height: 100%; border: round $accent; background: $surface; }
    SourcesScreen .view-title { height: 1; padding: 0 1; }
    SourcesScreen #sources-keys { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("d", "sort('date')", "By date", tooltip="Sort by publication date (again: the other way)"),
        Binding("t", "sort('title')", "By title", tooltip="Sort by title"),
        Binding("p", "publisher", "Publisher", tooltip="Show one publisher's sources, the next, or all"),
        Binding("r", "read", "Read", tooltip="Show all, unread or read sources"),
        Binding("left_square_bracket", "back", "Back", show=False),
    ]

    def __init__(self, dossier: Dossier, place: ViewPlace) -> None:
        """List the sources, with ``place``'s sort, filters and cursor when reopened from history."""
        super().__init__()
        self.dossier = dossier
        self.place = place
        self.sort, self.publisher, self.read = place.settings if len(place.settings) == 3 else ("newest", "", "all")
        self.rows: dict[str, SourceRow] = {}
        self.publishers: list[str] = []

    def compose(self) -> ComposeResult:
        """Title, header, the list and the keys."""
        with Vertical():
            yield Static(Text("Sources · reading…"), id="sources-title", classes="view-title", markup=False)
            yield Static(Text(f"{'date':<{DATE_WIDTH}} {'actors':>6}  {'publisher':<{PUBLISHER_WIDTH}} title", style="dim"),
                         classes="view-title", markup=False)
            yield RecordList(Pane.SOURCE, self._row, empty="Reading the sources…", id="sources")
            yield Static(Text("enter open · d date · t title · p publisher · r read/unread · esc close",
                              no_wrap=True, overflow="ellipsis"), id="sources-keys", markup=False)

    def on_mount(self) -> None:
        """Read the rows off the UI thread."""
        self.query_one("#sources", RecordList).focus()
        self._gather()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sources")
    def _gather(self) -> None:
        """Read every source's row, then list them on the UI thread."""
        rows = source_rows(self.dossier)
        self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[SourceRow]) -> None:
        """Keep the rows and the publishers (most sources first), and list them."""
        self.rows = {row.id: row for row in rows}
        self.publishers = [name for name, _n in Counter(r.publisher for r in rows if r.publisher).most_common()]
        self._relist(self.place.cursor)

    def _relist(self, select: str | None) -> None:
        """List the rows in the current order and filters, the cursor on ``select`` if listed."""
        ids = arranged(list(self.rows.values()), self.sort, self.publisher, self.read)
        listing = self.query_one("#sources", RecordList)
        listing.empty = "No sources match"
        listing.set_rows(Rows(ids), select=select, redraw=True)
        shown = [self.sort]
        if self.publisher:
            shown.append(self.publisher)
        if self.read != "all":
            shown.append(self.read)
        self.query_one("#sources-title", Static).update(Text.assemble(
            "Sources", (f" · {counted(len(ids), 'source')} · " + " · ".join(shown), "dim")))

    def _row(self, source_id: str) -> Text:
        """One source: date, actor count, publisher, title (unread ones bold)."""
        row = self.rows.get(source_id)
        if row is None:
            return Text(source_id)
        date = date_label(row.published) if row.published else "no date"
        return Text.assemble(
            (f"{date:<{DATE_WIDTH}}", "dim"), f" {row.actors:>6}  ",
            (f"{row.publisher[:PUBLISHER_WIDTH]:<{PUBLISHER_WIDTH}}", "dim"), " ",
            (row.title or source_id, "" if row.read else "bold"),
        )

    @on(RecordList.Chosen, "#sources")
    def _open(self, message: RecordList.Chosen) -> None:
        """Open the source in the Source pane."""
        self.dismiss(ViewOutcome(self.current_place(), record_id=message.record_id))

    def current_place(self) -> ViewPlace:
        """Where the view stands: sort, filters and the source under the cursor."""
        cursor = self.query_one("#sources", RecordList).current_id
        return ViewPlace("sources", (), cursor, (self.sort, self.publisher, self.read))

    def action_sort(self, by: str) -> None:
        """Sort by title, or by date (pressed again: the other way round)."""
        if by == "title":
            self.sort = "title"
        else:
            self.sort = "oldest" if self.sort == "newest" else "newest"
        self._relist(self.query_one("#sources", RecordList).current_id)

    def action_publisher(self) -> None:
        """Show the next publisher's sources (by how many they have), then all again."""
        order = ["", *self.publishers]
        self.publisher = order[(order.index(self.publisher) + 1) % len(order)] if self.publisher in order else ""
        self._relist(self.query_one("#sources", RecordList).current_id)

    def action_read(self) -> None:
        """Show all, then unread, then read sources."""
        self.read = READ_FILTERS[(READ_FILTERS.index(self.read) + 1) % len(READ_FILTERS)]
        self._relist(self.query_one("#sources", RecordList).current_id)

    def action_back(self) -> None:
        """Close and go back in the main screen's history."""
        self.dismiss(ViewOutcome(self.current_place(), back=True))
