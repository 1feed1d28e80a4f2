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

    @property
    def base_style(self) -> Style:
        """The widget's own style over its ancestors' (``rich_style``), cached until the next repaint."""
        style = self._base_style
        if style is None:
            style = self._base_style = self.rich_style
        return style

    def forget_drawn_lines(self) -> None:
        """Forget the lines a subclass keeps drawn (the whole widget repaints, or its styles changed)."""

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """Repaint as Textual does, forgetting the cached base style, and the drawn lines when the
        whole widget repaints (new rows, focus, a style change)."""
        self._base_style = None
        if not regions:
            self.forget_drawn_lines()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        """The stylesheet changed this widget's styles: forget the cached base style and the drawn lines."""
        self._base_style = None
        self.forget_drawn_lines()
        super().notify_style_update()
