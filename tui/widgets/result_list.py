"""A list of search results under group headings, drawn with the line API: only visible lines are
rendered, a long row wraps as it would in an ``OptionList``, and the cursor skips the headings.

New results cost one list assignment and a line count per row (a row shorter than the list is
one line without being wrapped), so the list keeps up with every keystroke of a query.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from typing import ClassVar, cast

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.visual import Visual, visualize

from dossier.tui.widgets.scrolling import LineScrollView, set_virtual_size


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One row: a hit (``hit`` numbers it among the screen's targets) or a heading the cursor skips (``hit`` None)."""

    label: Text
    hit: int | None = None


class ResultList(LineScrollView, can_focus=False):
    """Rows of results; the screen moves the cursor while the query field keeps the focus."""

    @dataclass
    class Chosen(Message):
        """A hit was clicked on: open it."""

        result_list: ResultList
        hit: int

        @property
        def control(self) -> ResultList:
            """The list the hit was chosen in."""
            return self.result_list

    COMPONENT_CLASSES: ClassVar[set[str]] = {"result-list--row", "result-list--heading", "result-list--cursor"}

    DEFAULT_CSS = """
    ResultList {
        height: 1fr; color: $foreground; overflow-x: hidden; overflow-y: auto; padding: 0 1; background: $surface;
    }
    ResultList > .result-list--heading { color: $text-disabled; }
    ResultList > .result-list--cursor { color: $foreground; background: $block-cursor-blurred-background; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """An empty list."""
        self._drawn: LRUCache[tuple[int, bool, int], list[Strip]] = LRUCache(256)
        """Drawn rows by (row, under the cursor, width): scrolling and cursor moves draw only rows not drawn yet."""
        super().__init__(id=id)
        self.rows: list[ResultRow] = []
        self.cursor: int | None = None
        self._visuals: dict[int, Visual] = {}
        self._starts: list[int] = [0]
        """The first line of each row, and after the last one the number of lines."""
        self._width = 0

    @property
    def current_hit(self) -> int | None:
        """The hit under the cursor (None when there are no hits)."""
        return None if self.cursor is None else self.rows[self.cursor].hit

    def set_rows(self, rows: list[ResultRow]) -> None:
        """Show these rows from the top, the cursor on the first hit."""
        self.rows = rows
        self._visuals.clear()
        self._measure(self.scrollable_content_region.width)
        self.cursor = next((row for row, result in enumerate(rows) if result.hit is not None), None)
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    def _measure(self, width: int) -> None:
        """Count each row's lines at this width and size the scrollable area to their total."""
        self._width = width
        heights = [self._height(row, width) for row in range(len(self.rows))]
        self._starts = list(accumulate(heights, initial=0))
        set_virtual_size(self, Size(width, self._starts[-1]))

    def _height(self, row: int, width: int) -> int:
        """The lines a row takes at this width: one when it fits, else as many as Textual's wrapping
        makes (rich's ``divide_line`` on the plain text, without building the row's visual first)."""
        plain = self.rows[row].label.plain
        if width <= 0 or cell_len(plain) <= width:
            return 1
        if plain.isprintable():  # no line breaks, tabs or control codes, which the visual would change
            return len(divide_line(plain, width, fold=True)) + 1
        return self._visual(row).get_height(cast(RulesMap, self.styles), width)

    def _visual(self, row: int) -> Visual:
        """The row's label as Textual draws it (converted once)."""
        visual = self._visuals.get(row)
        if visual is None:
            visual = self._visuals[row] = visualize(self, self.rows[row].label, markup=False)
        return visual

    def move_cursor(self, row: int) -> None:
        """Put the cursor on a hit row and scroll it into view, redrawing only the two rows that changed."""
        if not 0 <= row < len(self.rows) or self.rows[row].hit is None:
            return
        previous, self.cursor = self.cursor, row
        self._scroll_into_view(row)
        for changed in {previous, row}:
            if changed is not None and changed < len(self.rows):
                self.refresh_lines(self._starts[changed], self._starts[changed + 1] - self._starts[changed])

    def _scroll_into_view(self, row: int) -> None:
        """Scroll so every line of a row shows (and the heading right above it, if any)."""
        top = self._starts[row - 1] if row > 0 and self.rows[row - 1].hit is None else self._starts[row]
        bottom = self._starts[row + 1]
        height = max(1, self.scrollable_content_region.height)
        scrolled = round(self.scroll_y)
        if top < scrolled:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif bottom > scrolled + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True, force=True)

    def move(self, step: int) -> None:
        """Move to the next (or previous) hit, skipping headings; stay put at either end."""
        if self.cursor is None:
            return
        row = self.cursor + step
        while 0 <= row < len(self.rows) and self.rows[row].hit is None:
            row += step
        self.move_cursor(row)

    def on_click(self, event: events.Click) -> None:
        """A click on a hit opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = offset.y + round(self.scroll_y)
        row = bisect_right(self._starts, line) - 1
        hit = self.rows[row].hit if 0 <= row < len(self.rows) else None
        if hit is not None:
            self.move_cursor(row)
            self.post_message(self.Chosen(self, hit))

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the rows again at the new width."""
        width = self.scrollable_content_region.width
        if width != self._width:
            self._measure(width)
        self.refresh()

    def forget_drawn_lines(self) -> None:
        """Draw every row again."""
        self._drawn.clear()

    def render_line(self, y: int) -> Strip:
        """One visible line: a line of the row it belongs to, drawn (and kept) with that row."""
        line = y + round(self.scroll_y)
        width = self.scrollable_content_region.width
        row = bisect_right(self._starts, line) - 1
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, self.get_visual_style("result-list--row").rich_style)
        key = (row, row == self.cursor, width)
        strips = self._drawn.get(key)
        if strips is None:
            strips = self._drawn[key] = self._draw(row, key[1], width)
        offset = line - self._starts[row]
        if offset < len(strips):
            return strips[offset]
        return Strip.blank(width, self.get_visual_style("result-list--row").rich_style)

    def _draw(self, row: int, under_cursor: bool, width: int) -> list[Strip]:
        """Every line of a row, styled as a heading, the cursor's row or a plain row."""
        if self.rows[row].hit is None:
            style = self.get_visual_style("result-list--row", "result-list--heading")
        elif under_cursor:
            style = self.get_visual_style("result-list--row", "result-list--cursor")
        else:
            style = self.get_visual_style("result-list--row")
        visual = self._visual(row)
        return [
            strip.extend_cell_length(width, style.rich_style)
            for strip in Visual.to_strips(self, visual, width, None, style)
        ]
