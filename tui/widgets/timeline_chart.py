"""A bar chart of counts per time bucket, drawn as ``Text`` with block characters, with a cursor bucket.

One column per bucket (two when there is room); when there are more buckets than columns the
chart shows the stretch around the cursor. An optional second series (an actor's mentions)
is drawn as a one-line sparkline under the bars, on the same buckets.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from dossier.store.timeline import SPARK_BLOCKS, Histogram, sparkline

BAR_STYLE = "cyan"
CURSOR_STYLE = "bold reverse yellow"
AXIS_STYLE = "dim"
MAX_COLUMN = 4
"""The widest a bucket's bar is drawn (few buckets on a wide terminal)."""
LABEL_ROOM = 10
"""Columns kept right of the bars for the scale and the second series' name."""
"""The widest a bucket's bar is drawn (few buckets on a wide terminal)."""


def visible_range(count: int, cursor: int, room: int) -> tuple[int, int]:
    """The first and last+1 bucket shown in ``room`` columns, keeping the cursor in view and centred."""
    if count <= room:
        return 0, count
    first = max(0, min(count - room, cursor - room // 2))
    return first, first + room


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

    def show(self, histogram: Histogram, cursor: int, second: Histogram | None = None, second_name: str = "") -> None:
        """Chart ``histogram`` with the cursor on bucket ``cursor``; ``second`` (same bucket size) as a sparkline."""
        self.histogram, self.second, self.second_name = histogram, second, second_name
        self.cursor = max(0, min(cursor, len(histogram.buckets) - 1))
        self.refresh()

    def render(self) -> Text:
        """The bars, the sparkline, and an axis naming the first, cursor and last buckets shown."""
        histogram = self.histogram
        if histogram is None or not histogram.buckets:
            return Text("No dated events here.", style=AXIS_STYLE)
        width = max(10, self.size.width - 2 - LABEL_ROOM)
        column = max(1, min(MAX_COLUMN, width // len(histogram.buckets)))
        first, last = visible_range(len(histogram.buckets), self.cursor, width // column)
        shown = histogram.buckets[first:last]
        height = max(3, self.size.height - (3 if self.second is not None else 2))
        top = max(b.count for b in shown) or 1
        lines: list[Text] = []
        for row in range(height, 0, -1):
            line = Text()
            for offset, bucket in enumerate(shown):
                eighths = round(bucket.count * height * 8 / top) - (row - 1) * 8
                block = " " if eighths <= 0 and not (row == 1 and bucket.count) else SPARK_BLOCKS[max(1, min(8, eighths))]
                style = CURSOR_STYLE if first + offset == self.cursor else BAR_STYLE
                line.append(block * column, style if block != " " or first + offset == self.cursor else "")
            lines.append(line)
        if self.second is not None:
            counts = {b.start: b.count for b in self.second.buckets}
            spark = sparkline([counts.get(b.start, 0) for b in shown])
            line = Text()
            for offset, block in enumerate(spark):
                line.append(block * column, CURSOR_STYLE if first + offset == self.cursor else "magenta")
            line.append(f" {self.second_name}", AXIS_STYLE)
            lines.append(line)
        axis_width = len(shown) * column
        left, right = shown[0].label, shown[-1].label
        gap = max(1, axis_width - len(left) - len(right))
        lines.append(Text.assemble((left, AXIS_STYLE), " " * gap, (right if gap > 1 or axis_width > len(left) else "", AXIS_STYLE)))
        if any(b.count for b in shown):
            lines[0].append(f" {top}", AXIS_STYLE)  # the scale: the tallest bar's count
        return Text("\n").join(lines)
