"""Changing how much a scroll view can scroll without laying out the whole screen again.

Textual's ``virtual_size`` is a layout reactive: setting it re-arranges every widget on the
screen, which on the main screen costs more than drawing the new rows. The lists and the source
view have sizes fixed by the stylesheet, so when their scrollable size changes only their own
scrollbars and scroll limits must follow; the screen is laid out again only when a scrollbar
appears or goes (the content area then changes width or height).
"""

from __future__ import annotations

from typing import Self

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new scrollable size, re-arranging the screen only if a scrollbar comes or goes."""
    if size == view.virtual_size:
        return
    if not view.is_mounted or not view.size:
        view.virtual_size = size  # not laid out yet: the first layout takes it in
        return
    scrollbars = (view.show_vertical_scrollbar, view.show_horizontal_scrollbar)
    view.set_reactive(Widget.virtual_size, size)
    view._refresh_scrollbars()
    if (view.show_vertical_scrollbar, view.show_horizontal_scrollbar) != scrollbars:
        view.refresh(layout=True)
        return
    view._scroll_update(size)
    view.refresh()


class LineScrollView(ScrollView):
    """A scroll view drawn with the line API whose base style is computed once per repaint.

    ``Widget.rich_style`` walks every ancestor's styles on each call; drawing a pane's rows
    asked for it once per row. Styles change only through a refresh or a style update, which
    both forget the cached value.
    """

    _base_style: Style | None = None
    _bar_repainted: int | None = None
    """The vertical scrollbar's height when ``_scroll_update`` last repainted it (None: not yet)."""

    @property
    def base_style(self) -> Style:
        """The widget's own style over its ancestors' (``rich_style``), cached until the next repaint."""
        style = self._base_style
        if style is None:
            style = self._base_style = self.rich_style
        return style

    def forget_drawn_lines(self) -> None:
        """Forget the lines a subclass keeps drawn that may now look different (the whole widget
        repaints, or its styles changed)."""

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """Repaint as Textual does, forgetting the cached base style, and the drawn lines when the
        whole widget repaints (new rows, focus, a style change)."""
        self._base_style = None
        if not regions:
            self.forget_drawn_lines()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _scroll_update(self, virtual_size: Size) -> None:
        """Follow a new scrollable size as Textual does, but repaint the vertical scrollbar only if
        its cells change.

        Textual repaints every scroll view's scrollbar after each layout of the screen (hiding the
        edit prompt, a notice) and whenever its sizes change, even when its thumb stays on the same
        cells: one row fewer in a list of thousands (a merge) repainted both lists' bars, a
        millisecond each. The bar's sizes are what it shows (any other change of them repaints it),
        so when the new sizes draw the same cells they are set without a repaint. A bar not yet
        mounted is drawn by Textual at its first layout without taking its sizes in, and only a
        repaint from here brings its thumb: until then, and after it changes height, it is repainted."""
        bar = self._vertical_scrollbar
        if bar is None or self.show_horizontal_scrollbar:
            super()._scroll_update(virtual_size)
            return
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            window = self.container_size.height - self.scrollbar_size_horizontal
            repainted_here = self._bar_repainted == bar.size.height and bar.is_mounted
            if repainted_here and _bar_cells(bar, virtual_size.height, window) == _bar_cells(bar, bar.window_virtual_size, bar.window_size):
                bar.set_reactive(ScrollBar.window_virtual_size, virtual_size.height)  # the same cells: no repaint
                bar.set_reactive(ScrollBar.window_size, window)
            else:
                bar.window_virtual_size = virtual_size.height
                bar.window_size = window
                bar.refresh()
                self._bar_repainted = bar.size.height if bar.is_mounted else None
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def notify_style_update(self) -> None:
        """The stylesheet changed this widget's styles: forget the cached base style and the drawn lines,
        and repaint the scrollbar, which is drawn in this widget's scrollbar colours (a theme sets them)."""
        self._base_style = None
        self.forget_drawn_lines()
        self._bar_repainted = None
        if self._vertical_scrollbar is not None:
            self._vertical_scrollbar.refresh()
        super().notify_style_update()


def _bar_cells(bar: ScrollBar, virtual_size: int, window_size: int) -> tuple[Segment, ...]:
    """The cells of a vertical scrollbar with these sizes at its position, in its renderer's
    default colours (its own colours change only with its styles, which repaint it anyway)."""
    cells = bar.renderer.render_bar(
        size=bar.size.height,
        virtual_size=virtual_size,
        window_size=window_size if window_size < virtual_size else 0,
        position=bar.position,
        thickness=bar.thickness,
        vertical=True,
    )
    return tuple(cells.segments)
