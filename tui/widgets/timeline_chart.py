"""A bar chart of counts per time bucket, drawn with block characters through the line API, with a cursor bucket.

One column per bucket (two when there is room); when there are more buckets than columns the
chart shows the stretch around the cursor. An optional second series (an actor's mentions)
is drawn as a one-line sparkline under the bars, on the same buckets.

Why the line API: a chart is ~40 rows of ~70 buckets; built as one ``Text`` of 3,000 styled
appends, then turned into Textual content and cut into strips, it cost more than the whole
rest of a cursor move. Here each row is a string made once per chart, window and size, and a
cursor move only re-cuts the rows into a few segments around the cursor's columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from dossier.store.timeline import SPARK_BLOCKS, Histogram, sparkline

BAR_STYLE = "cyan"
CURSOR_STYLE = "bold reverse yellow"
AXIS_STYLE = "dim"
SPARK_STYLE = "magenta"
MAX_COLUMN = 4
"""The widest a bucket's bar is drawn (few buckets on a wide terminal)."""
LABEL_ROOM = 10
"""Columns kept right of the bars for the scale and the second series' name."""


def visible_range(count: int, cursor: int, room: int) -> tuple[int, int]:
    """The first and last+1 bucket shown in ``room`` columns, keeping the cursor in view and centred."""
    if count <= room:
        return 0, count
    first = max(0, min(count - room, cursor - room // 2))
    return first, first + room


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One row of the chart as plain characters: ``cells`` (one run of ``column`` characters per
    shown bucket) drawn in ``style`` where not blank, then ``tail`` (the scale or a series' name)."""

    cells: str
    style: str
    tail: str = ""
    blank_unstyled: bool = True
    """Whether blank cells outside the cursor are left unstyled (bars) or drawn in ``style`` (sparkline)."""


@dataclass(frozen=True, slots=True)
class ChartStyles:
    """The styles one drawing pass uses, combined with the widget's own once."""

    base: Style
    blank: Style
    """A line's end: the background only, as Textual pads a line."""
    axis: Style
    cursor: Style
    series: dict[str, Style]
    """The bars' and the sparkline's styles, by name."""


@dataclass(frozen=True, slots=True)
class ChartFrame:
    """The rows of one chart at one width, height and window: what a cursor move inside the window reuses."""

    first: int
    last: int
    column: int
    rows: tuple[ChartRow, ...]
    axis: tuple[str, str, str]
    """The first bucket's label, the gap, the last bucket's label ("" when it does not fit)."""


def chart_frame(histogram: Histogram, second: Histogram | None, second_name: str, cursor: int,
                width: int, height: int) -> ChartFrame:
    """Lay a histogram out in ``width`` x ``height`` cells: the bars (eighths of a cell), the second
    series' sparkline, the axis naming the first and last buckets shown, the tallest count beside the top."""
    bars_width = max(10, width - 2 - LABEL_ROOM)
    column = max(1, min(MAX_COLUMN, bars_width // len(histogram.buckets)))
    first, last = visible_range(len(histogram.buckets), cursor, bars_width // column)
    shown = histogram.buckets[first:last]
    bar_rows = max(3, height - (3 if second is not None else 2))
    top = max(b.count for b in shown) or 1
    rows: list[ChartRow] = []
    for row in range(bar_rows, 0, -1):
        blocks: list[str] = []
        for bucket in shown:
            eighths = round(bucket.count * bar_rows * 8 / top) - (row - 1) * 8
            blank = eighths <= 0 and not (row == 1 and bucket.count)
            blocks.append(" " * column if blank else SPARK_BLOCKS[max(1, min(8, eighths))] * column)
        rows.append(ChartRow("".join(blocks), BAR_STYLE))
    if any(b.count for b in shown):
        rows[0] = ChartRow(rows[0].cells, BAR_STYLE, f" {top}")  # the scale: the tallest bar's count
    if second is not None:
        counts = {b.start: b.count for b in second.buckets}
        spark = sparkline([counts.get(b.start, 0) for b in shown])
        rows.append(ChartRow("".join(block * column for block in spark), SPARK_STYLE, f" {second_name}", blank_unstyled=False))
    axis_width = len(shown) * column
    left, right = shown[0].label, shown[-1].label
    gap = max(1, axis_width - len(left) - len(right))
    axis = (left, " " * gap, right if gap > 1 or axis_width > len(left) else "")
    return ChartFrame(first, last, column, tuple(rows), axis)


class TimelineChart(Widget):
    """Bars of one histogram (and a sparkline of a second one on the same buckets), a cursor on one bucket;
    the tallest bar's count is written beside it."""

    DEFAULT_CSS = """
    TimelineChart { height: 1fr; padding: 0 1; }
    """

    cursor: reactive[int] = reactive(0)
    """The bucket under the cursor (an index into the histogram's buckets)."""

    def __init__(self, *, id: str | None = None) -> None:
        """An empty chart."""
        super().__init__(id=id)
        self.histogram: Histogram | None = None
        self.second: Histogram | None = None
        self.second_name = ""
        self._frame: ChartFrame | None = None
        self._frame_key: tuple[object, ...] = ()
        self._pass_styles: ChartStyles | None = None

    def show(self, histogram: Histogram, cursor: int, second: Histogram | None = None, second_name: str = "") -> None:
        """Chart ``histogram`` with the cursor on bucket ``cursor``; ``second`` (same bucket size) as a sparkline."""
        self.histogram, self.second, self.second_name = histogram, second, second_name
        self._frame = None
        self.cursor = max(0, min(cursor, len(histogram.buckets) - 1))
        self.refresh()

    def clear(self) -> None:
        """Chart nothing (until ``show``)."""
        self.histogram, self.second, self._frame = None, None, None
        self.cursor = 0
        self.refresh()

    def frame(self) -> ChartFrame | None:
        """The chart laid out for the current size and window (the stretch centred on the cursor),
        kept while neither changes: a move inside a chart that fits only re-cuts its rows."""
        histogram = self.histogram
        if histogram is None or not histogram.buckets:
            return None
        width, height = self.size
        bars_width = max(10, width - 2 - LABEL_ROOM)
        column = max(1, min(MAX_COLUMN, bars_width // len(histogram.buckets)))
        window = visible_range(len(histogram.buckets), self.cursor, bars_width // column)
        key = (width, height, window)
        if self._frame is None or key != self._frame_key:
            self._frame = chart_frame(histogram, self.second, self.second_name, self.cursor, width, height)
            self._frame_key = key
        return self._frame

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the visible rows, reading the widget's style once for all of them."""
        base = self.rich_style
        get_style = self.app.console.get_style
        self._pass_styles = ChartStyles(
            base, Style(bgcolor=base.bgcolor), base + get_style(AXIS_STYLE), base + get_style(CURSOR_STYLE),
            {name: base + get_style(name) for name in (BAR_STYLE, SPARK_STYLE)},
        )
        try:
            return super().render_lines(crop)
        finally:
            self._pass_styles = None

    def _styles(self) -> ChartStyles:
        """The styles of this drawing pass (read now when a row is drawn alone)."""
        if self._pass_styles is not None:
            return self._pass_styles
        base = self.rich_style
        get_style = self.app.console.get_style
        return ChartStyles(base, Style(bgcolor=base.bgcolor), base + get_style(AXIS_STYLE), base + get_style(CURSOR_STYLE),
                           {name: base + get_style(name) for name in (BAR_STYLE, SPARK_STYLE)})

    def render_line(self, y: int) -> Strip:
        """One row: bars, the sparkline, then the axis; the cursor bucket's columns drawn reversed."""
        styles = self._styles()
        base = styles.base
        width = self.size.width
        frame = self.frame()
        if frame is None:
            if y != 0:
                return Strip.blank(width, base)
            text = "No dated events here."
            return _line([Segment(text, styles.axis)], len(text), width, styles.blank)
        if y < len(frame.rows):
            row = frame.rows[y]
            at = (self.cursor - frame.first) * frame.column
            style = styles.series[row.style]
            segments = [
                *_runs(row.cells[:at], frame.column, base, style, row.blank_unstyled),
                Segment(row.cells[at:at + frame.column], styles.cursor),
                *_runs(row.cells[at + frame.column:], frame.column, base, style, row.blank_unstyled),
            ]
            if row.tail:
                segments.append(Segment(row.tail, styles.axis))
            return _line(segments, len(row.cells) + len(row.tail), width, styles.blank)
        if y == len(frame.rows):
            left, gap, right = frame.axis
            axis = [Segment(left, styles.axis), Segment(gap, base)]
            if right:
                axis.append(Segment(right, styles.axis))
            return _line(axis, len(left) + len(gap) + len(right), width, styles.blank)
        return Strip.blank(width, base)


def _line(segments: list[Segment], length: int, width: int, blank: Style) -> Strip:
    """A row of ``length`` cells (every character of a chart is one cell wide) padded or cut to ``width``."""
    if length < width:
        return Strip([*segments, Segment(" " * (width - length), blank)], width)
    return Strip(segments, length).crop(0, width)


def _runs(cells: str, column: int, blank: Style, style: Style, blank_unstyled: bool) -> list[Segment]:
    """Cut a row's cells into segments, one per bucket (``column`` cells) in ``style``; neighbouring
    blank buckets are one segment in ``blank`` when ``blank_unstyled`` (as a ``Text`` of the same
    appends renders, so screenshots stay the same)."""
    segments: list[Segment] = []
    pending = 0
    for at in range(0, len(cells), column):
        chunk = cells[at:at + column]
        if blank_unstyled and chunk[0] == " ":
            pending += len(chunk)
            continue
        if pending:
            segments.append(Segment(" " * pending, blank))
            pending = 0
        segments.append(Segment(chunk, style))
    if pending:
        segments.append(Segment(" " * pending, blank))
    return segments
