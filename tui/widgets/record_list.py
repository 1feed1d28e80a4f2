"""A virtual list of records drawn with the line API: only visible rows are ever rendered.

Holds nothing but record ids and a row renderer, so tens of thousands of rows cost one
list assignment; moving the cursor redraws two lines.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from dossier.tui.navigation import Pane
from dossier.tui.rows import Rows
from dossier.tui.widgets.scrolling import LineScrollView, set_virtual_size
from dossier.tui.widgets.segments import styled_segments

RowRenderer = Callable[[str], Text]


class RecordList(LineScrollView, can_focus=True):
    """A keyboard-driven list of record ids whose rows are drawn on demand."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a record (every move of a held key: the screen decides when to act)."""

        record_list: RecordList
        record_id: str

        @property
        def control(self) -> RecordList:
            """The list whose cursor moved (so handlers can select it by id)."""
            return self.record_list

    @dataclass
    class Chosen(Message):
        """The user pressed enter (or clicked) on a record: follow it."""

        record_list: RecordList
        record_id: str

        @property
        def control(self) -> RecordList:
            """The list the record was chosen in."""
            return self.record_list

    CURSOR_ACTIONS = frozenset({"cursor_down", "cursor_up", "first", "last", "page_down", "page_up"})
    """The actions that only move the cursor (a held key repeats them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "Top", show=False),
        Binding("G,end", "last", "Bottom", show=False),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False),
        Binding("enter", "choose", "Open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"record-list--cursor", "record-list--marked", "record-list--empty"}

    DEFAULT_CSS = """
    RecordList { height: 1fr; overflow-x: hidden; overflow-y: scroll; }
    RecordList > .record-list--cursor { background: $block-cursor-blurred-background; }
    RecordList:focus > .record-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    RecordList > .record-list--marked { text-style: bold; color: $accent; }
    RecordList > .record-list--empty { color: $text-muted; text-style: italic; }
    """

    def __init__(self, pane: Pane, render_row: RowRenderer, *, empty: str, id: str | None = None) -> None:
        """A list named ``pane`` drawing rows with ``render_row``; ``empty`` shows when it has none."""
        self._strips: LRUCache[tuple[str, bool, bool, int, int], Strip] = LRUCache(512)
        """Drawn rows by (record id, under the cursor, marked, width, look): scrolling draws only new rows."""
        self._looks: dict[tuple[Style, Style, Style], int] = {}
        """A number for each set of styles (base, mark, cursor) rows were drawn with."""
        self._look: int | None = None
        """The number of the styles rows are drawn with now; None until the next draw looks them up."""
        super().__init__(id=id)
        self.pane = pane
        self._render_row = render_row
        self.empty = empty
        self._rows_shown = Rows(())
        self._marked: frozenset[str] = frozenset()
        self._rows: LRUCache[str, Text] = LRUCache(2048)
        self.cursor = 0

    @property
    def ids(self) -> list[str]:
        """The record ids shown, in order."""
        return self._rows_shown.ids

    @property
    def current_id(self) -> str | None:
        """The record under the cursor, if the list is not empty."""
        return self.ids[self.cursor] if self.ids else None

    def set_rows(self, rows: Rows, *, select: str | None = None, redraw: bool = False) -> None:
        """Show these records, keeping the cursor on ``select`` when it is among them;
        ``redraw`` when the same ids may now be drawn differently (drawn rows are cached: without
        it a record listed before is drawn as it was, a merge's relisting draws only new rows)."""
        self._rows_shown = rows
        set_virtual_size(self, Size(self.size.width, len(self.ids)))
        self.cursor = 0
        if select is not None:
            self.cursor = self.position_of(select) or 0
        self.scroll_to(y=self._cursor_top(), animate=False, immediate=True, force=True)
        if redraw:
            self.clear_drawn()
        else:
            self.refresh(self.size.region)  # every row may have moved; each is drawn as before (cached)

    def _cursor_top(self) -> int:
        """The first row shown when the list scrolls to its cursor: a third of the way down."""
        return max(0, self.cursor - self.size.height // 3)

    def update_rows(self, rows: Rows, changed: Collection[str], *, select: str | None = None) -> None:
        """Show these records after an edit that changed only how the ``changed`` ones are drawn (or
        whether they are listed): when the same ids are listed already, only those rows are drawn again
        and the cursor moves to ``select`` (a rename or a tag repaints one line, not the pane); else the
        list is set anew, every other record's row kept as drawn (a merge redraws the survivor's row,
        not the pane's)."""
        self.forget_rows(changed)
        if rows.ids != self.ids:
            self.set_rows(rows, select=select)
            return
        self._rows_shown = rows
        if select is not None and select != self.current_id:
            self.select(select)
        top = min(self._cursor_top(), round(self.max_scroll_y))  # as set_rows scrolls
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
            self.refresh()

    def forget_rows(self, record_ids: Collection[str]) -> None:
        """Forget how these records' rows were drawn and redraw those that are visible."""
        forgotten = set(record_ids)
        if not forgotten:
            return
        for record_id in forgotten:
            self._rows.discard(record_id)
        drawn = list(self._strips.keys())  # Textual's LRUCache is not iterable
        for key in drawn:
            if key[0] in forgotten:
                self._strips.discard(key)
        self._refresh_visible(forgotten)

    def _refresh_visible(self, record_ids: Collection[str]) -> None:
        """Redraw the rows of these records that are in view (the rows in view are looked through:
        a record no longer listed, as after a merge, would have the whole list scanned)."""
        top = round(self.scroll_y)
        wanted = set(record_ids)
        shown = self.ids[top : top + max(1, self.scrollable_content_region.height)]
        for row, record_id in enumerate(shown, start=top):
            if record_id in wanted:
                self.refresh_line(row)

    def clear_drawn(self) -> None:
        """Forget every drawn row (the records may now be drawn differently) and redraw."""
        self._rows.clear()
        self._strips.clear()
        self.refresh()

    def position_of(self, record_id: str) -> int | None:
        """The row of a record in this list, or None."""
        return self._rows_shown.position_of(record_id)

    def set_marked(self, ids: frozenset[str]) -> None:
        """Emphasise these records (e.g. the actors of the selected event), redrawing only the
        visible rows whose emphasis changed."""
        if ids == self._marked:
            return
        changed = ids ^ self._marked
        self._marked = ids
        self._refresh_visible(changed)

    def move_cursor(self, row: int, *, announce: bool = True) -> None:
        """Put the cursor on a row (clamped), scroll it into view, and tell the screen."""
        if not self.ids:
            return
        row = max(0, min(row, len(self.ids) - 1))
        previous, self.cursor = self.cursor, row
        changed = row != previous
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True, force=True)
            self.refresh(self.size.region)  # every row moved, but each is drawn as before (cached)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True, force=True)
            self.refresh(self.size.region)
        elif changed:  # only the two rows whose cursor styling changed are redrawn
            self.refresh_line(previous)
            self.refresh_line(row)
        if announce and changed:
            self.post_message(self.Highlighted(self, self.ids[row]))

    def select(self, record_id: str) -> bool:
        """Move the cursor to a record if it is listed (quietly: the caller shows it); whether it was."""
        row = self.position_of(record_id)
        if row is None:
            return False
        self.move_cursor(row, announce=False)
        return True

    def action_cursor_down(self) -> None:
        """Move down one row."""
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """Move up one row."""
        self.move_cursor(self.cursor - 1)

    def action_first(self) -> None:
        """Go to the first row."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """Go to the last row."""
        self.move_cursor(len(self.ids) - 1)

    def action_page_down(self) -> None:
        """Move down one page."""
        self.move_cursor(self.cursor + max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        """Move up one page."""
        self.move_cursor(self.cursor - max(1, self.scrollable_content_region.height - 1))

    def action_choose(self) -> None:
        """Follow the record under the cursor."""
        if self.ids:
            self.post_message(self.Chosen(self, self.ids[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor; a click on the cursor row follows it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y + round(self.scroll_y)
        if row >= len(self.ids):
            return
        if row == self.cursor and event.chain == 1 and self.has_focus:
            self.action_choose()
        else:
            self.move_cursor(row)
        self.focus()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width equal to the widget's (rows never scroll sideways)."""
        self.virtual_size = Size(event.size.width, len(self.ids))

    def forget_drawn_lines(self) -> None:
        """The whole list repaints (rows moved or relisted, focus, a style change): look its styles
        up again at the next draw. Rows are kept by the styles they were drawn with, so only rows
        whose look changed are drawn again (a merge's relisting draws the survivor's row, not the
        pane's; focus going and coming back draws nothing the second time)."""
        self._look = None

    def render_line(self, y: int) -> Strip:
        """Draw one visible row (cursor and marks applied over the cached row), or take it as drawn before."""
        width = self.scrollable_content_region.width
        base = self.base_style
        row = y + round(self.scroll_y)
        if not self.ids:
            if y == 0:
                text = Text(self.empty, style=self.get_component_rich_style("record-list--empty"))
                return Strip(list(text.render(self.app.console)), text.cell_len).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if row >= len(self.ids):
            return Strip.blank(width, base)
        record_id = self.ids[row]
        look = self._look
        if look is None:
            styles = (base, self.get_component_rich_style("record-list--marked"), self.get_component_rich_style("record-list--cursor"))
            look = self._look = self._looks.setdefault(styles, len(self._looks))
        key = (record_id, row == self.cursor, record_id in self._marked, width, look)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw_row(record_id, key[1], key[2], width)
        return strip

    def _draw_row(self, record_id: str, under_cursor: bool, marked: bool, width: int) -> Strip:
        """Style one record's row: its own styles, then the mark and the cursor over them."""
        base = self.base_style
        cached = self._rows.get(record_id)
        if cached is None:
            cached = self._render_row(record_id)
            cached.no_wrap = True
            self._rows[record_id] = cached
        text = cached
        console = self.app.console
        whole = len(text.plain)
        layers = [
            (span.start, span.end, console.get_style(span.style) if isinstance(span.style, str) else span.style)
            for span in [Span(0, whole, text.style), *text.spans]
            if span.style
        ]
        fill: Style = base
        if marked:
            layers.append((0, whole, self.get_component_rich_style("record-list--marked")))
        if under_cursor:
            fill = base + self.get_component_rich_style("record-list--cursor")
            layers.append((0, whole, fill))
        return Strip(styled_segments(text.plain, layers, base)).crop_extend(0, width, fill)
