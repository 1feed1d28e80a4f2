"""The timeline view: events (and an actor's mentions) per day, week, month or year, bucket by bucket.

The dates are given when they are at hand, else gathered in a worker (``load``); bucketing is the
store's (``store.timeline``). ``left``/``right`` move a bucket, ``+``/``-`` zoom, ``enter`` filters
the Events pane to the bucket under the cursor; the view closes with a ``ViewOutcome`` holding
where it stood.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from dossier.store.timeline import BucketSize, Histogram, bucket_start, histogram, zoomed
from dossier.tui.labels import counted
from dossier.tui.navigation import ViewOutcome, ViewPlace
from dossier.tui.widgets.timeline_chart import TimelineChart

CHART_ROOM = 32
"""Buckets the first size is chosen to fit: two columns each or more on an 80-column terminal."""


@dataclass(frozen=True, slots=True)
class TimelineData:
    """What the timeline charts: a title, the events' dates and (for an actor) its mentions per date."""

    title: str
    event_dates: list[str | None]
    mention_dates: Counter[str | None] | None = None


def nearest_bucket(chart: Histogram, day: date) -> int:
    """The bucket holding ``day``, or the last one starting before it (the first if none does)."""
    start = bucket_start(day.isoformat(), chart.size) or day
    position = 0
    for index, bucket in enumerate(chart.buckets):
        if bucket.start > start:
            break
        position = index
    return position


class TimelineScreen(Screen[ViewOutcome | None]):
    """A chart of the current filter's events over time, with a cursor bucket to filter Events to."""

    DEFAULT_CSS = """
    TimelineScreen { align: center middle; }
    TimelineScreen > Vertical { width: 100%; height: 100%; border: round $accent; background: $surface; }
    TimelineScreen #timeline-title { height: 1; text-style: bold; padding: 0 1; }
    TimelineScreen #timeline-info { height: 2; padding: 0 1; }
    TimelineScreen #timeline-keys { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("left,h", "move(-1)", "Earlier", tooltip="Move the cursor one bucket earlier"),
        Binding("right,l", "move(1)", "Later", tooltip="Move the cursor one bucket later"),
        Binding("home,g", "move(-1000000)", "First", show=False),
        Binding("end,G", "move(1000000)", "Last", show=False),
        Binding("plus,equals_sign,i", "zoom(-1)", "Zoom in", tooltip="Finer buckets: year, month, week, day"),
        Binding("minus,o", "zoom(1)", "Zoom out", tooltip="Coarser buckets: day, week, month, year"),
        Binding("enter", "choose", "Filter Events", tooltip="List only the events of the bucket under the cursor"),
        Binding("left_square_bracket", "back", "Back", show=False),
    ]

    def __init__(self, load: Callable[[], TimelineData], place: ViewPlace, data: TimelineData | None = None) -> None:
        """Chart ``data``, or what ``load`` gathers (in a worker) when None; ``place`` gives the subject,
        and the bucket size and cursor to start at when the view is reopened from history."""
        super().__init__()
        self._generation = 0
        self._start(load, place, data)

    def _start(self, load: Callable[[], TimelineData], place: ViewPlace, data: TimelineData | None) -> None:
        """Forget what was charted; chart ``data`` or what ``load`` gathers, at ``place``."""
        self.load = load
        self.place = place
        self._given = data
        self.data: TimelineData | None = None
        self.bucket_size = cast("BucketSize", place.settings[0]) if place.settings else None
        self.chart: Histogram | None = None
        self.mentions: Histogram | None = None
        self._shown_title: Text | None = None
        self._generation += 1

    def reopen(self, load: Callable[[], TimelineData], place: ViewPlace, data: TimelineData | None = None) -> None:
        """Chart another subject (or the same one again) in this screen, kept between openings so
        that opening the view costs no compose, stylesheet pass or resize: as a new screen would."""
        self._start(load, place, data)
        if data is None:
            self.query_one("#timeline-title", Static).update(Text("Timeline · counting…"), layout=False)
            self.query_one(TimelineChart).clear()
            self.query_one("#timeline-info", Static).update(Text(""), layout=False)
        self._fill()

    def compose(self) -> ComposeResult:
        """Title, chart, the cursor bucket's counts and the keys."""
        with Vertical():
            yield Static(Text("Timeline · counting…"), id="timeline-title", markup=False)
            yield TimelineChart(id="timeline-chart")
            yield Static(Text(""), id="timeline-info", markup=False)
            yield Static(
                Text("←/→ h/l move · +/- zoom · enter filter Events · esc close", no_wrap=True, overflow="ellipsis"),
                id="timeline-keys", markup=False,
            )

    def on_mount(self) -> None:
        """Chart the dates given, or gather them off the UI thread."""
        self._fill()

    def _fill(self) -> None:
        """Chart the dates given now (before the view is painted), else gather them in a worker."""
        if self._given is not None:
            self._loaded(self._given, self._generation)
        else:
            self._gather(self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="timeline")
    def _gather(self, generation: int) -> None:
        """Read the dates, then chart them on the UI thread."""
        data = self.load()
        self.app.call_from_thread(self._loaded, data, generation)

    def _loaded(self, data: TimelineData, generation: int) -> None:
        """Chart the gathered dates at the remembered size and cursor (or the size that fits), unless
        the screen was reopened on another subject meanwhile."""
        if generation != self._generation:
            return
        self.data = data
        cursor = date.fromisoformat(self.place.cursor) if self.place.cursor else None
        self._chart(self.bucket_size, cursor)

    def _chart(self, size: BucketSize | None, cursor: date | None) -> None:
        """Bucket the dates at ``size`` (None: the size that fits) and put the cursor on ``cursor``'s bucket."""
        if self.data is None:
            return
        mention_dates = self.data.mention_dates or Counter()
        self.chart = histogram(self.data.event_dates, size, room=CHART_ROOM, around=mention_dates.keys())
        self.bucket_size = self.chart.size
        around = set(self.data.event_dates)
        self.mentions = histogram(mention_dates, self.chart.size, around=around) if mention_dates else None
        index = len(self.chart.buckets) - 1 if cursor is None else nearest_bucket(self.chart, cursor)
        self.query_one(TimelineChart).show(self.chart, index, self.mentions, "mentions")
        self._describe()

    def _describe(self) -> None:
        """The title (what is charted, by which size) and the cursor bucket's counts."""
        chart, data = self.chart, self.data
        if chart is None or data is None:
            return
        title = Text.assemble("Timeline of ", (data.title, "bold"), (f" · by {chart.size}", "dim"))
        if title != self._shown_title:  # fixed-height lines: a new text needs no layout
            self._shown_title = title
            self.query_one("#timeline-title", Static).update(title, layout=False)
        info = Text()
        if chart.buckets:
            bucket = chart.buckets[self.query_one(TimelineChart).cursor]
            info.append(bucket.label, "bold yellow")
            info.append(f": {counted(bucket.count, 'event')}")
            if self.mentions is not None:
                mentions = next((b.count for b in self.mentions.buckets if b.start == bucket.start), 0)
                info.append(f", {counted(mentions, 'mention')}")
        else:
            info.append("No dated events", "dim")
        apart = [f"{counted(chart.dated, 'event')} dated by {chart.size}"]
        if chart.coarser:
            apart.append(f"{chart.coarser} dated less precisely")
        apart.append(f"{chart.undated} undated")
        info.append("\n" + " · ".join(apart), "dim")
        self.query_one("#timeline-info", Static).update(info, layout=False)

    def current_place(self) -> ViewPlace:
        """Where the view stands: its subject, the bucket size and the cursor bucket's first day."""
        chart_widget = self.query_one(TimelineChart)
        cursor = None
        if self.chart is not None and self.chart.buckets:
            cursor = self.chart.buckets[chart_widget.cursor].start.isoformat()
        return ViewPlace("timeline", self.place.subject, cursor, (self.bucket_size,) if self.bucket_size else ())

    def action_move(self, step: int) -> None:
        """Move the cursor ``step`` buckets (clamped to the chart)."""
        if self.chart is None or not self.chart.buckets:
            return
        chart_widget = self.query_one(TimelineChart)
        chart_widget.cursor = max(0, min(len(self.chart.buckets) - 1, chart_widget.cursor + step))
        self._describe()

    def action_zoom(self, step: int) -> None:
        """Finer (``step`` < 0) or coarser buckets, the cursor staying on the same stretch of time."""
        if self.chart is None or not self.chart.buckets:
            return
        start = self.chart.buckets[self.query_one(TimelineChart).cursor].start
        self._chart(zoomed(self.chart.size, step), start)

    def action_choose(self) -> None:
        """Close, filtering Events to the bucket under the cursor."""
        if self.chart is None or not self.chart.buckets:
            return
        bucket = self.chart.buckets[self.query_one(TimelineChart).cursor]
        self.dismiss(ViewOutcome(self.current_place(), bucket=(bucket.start.isoformat(), bucket.size)))

    def action_back(self) -> None:
        """Close and go back in the main screen's history."""
        self.dismiss(ViewOutcome(self.current_place(), back=True))
