"""Changing how much a scroll view can scroll without laying out the whole screen again.

Textual's ``virtual_size`` is a layout reactive: setting it re-arranges every widget on the
screen, which on the main screen costs more than drawing the new rows. The lists and the source
view have sizes fixed by the stylesheet, so when their scrollable size changes only their own
scrollbars and scroll limits must follow; the screen is laid out again only when a scrollbar
appears or goes (the content area then changes width or height).
"""

from __future__ import annotations

from typing import Self

from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
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
    _bar_repainted: tuple[int, int, float, Size] | None = None
    """What the vertical scrollbar showed when ``_scroll_update`` last repainted it: its virtual size,
    window size, position and its own size."""

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
        """Follow a new scrollable size as Textual does, but repaint the vertical scrollbar only if it
        may show something else than when it was last repainted here.

        Textual repaints every scroll view's scrollbar at full height after each layout of the
        screen (hiding the edit prompt, a notice), in a compositor pass of its own. Changes of the
        bar's sizes or position repaint it through its own reactives, except before the bar is
        mounted: Textual then draws it (at its first layout) without taking them in, and only this
        repaint brings its thumb. So a bar is repainted unless it is mounted and shows the same
        sizes, position and height as at its last repaint from here."""
        bar = self._vertical_scrollbar
        if bar is None or self.show_horizontal_scrollbar:
            super()._scroll_update(virtual_size)
            return
        self._refresh_scrollbars()
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            bar.window_virtual_size = virtual_size.height
            bar.window_size = self.container_size.height - self.scrollbar_size_horizontal
            shown = (bar.window_virtual_size, bar.window_size, bar.position, bar.size)
            if not bar.is_mounted or shown != self._bar_repainted:
                bar.refresh()
                self._bar_repainted = shown if bar.is_mounted else None
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
