"""Changing how much a scroll view can scroll without laying out the whole screen again.

Textual's ``virtual_size`` is a layout reactive: setting it re-arranges every widget on the
screen, which on the main screen costs more than drawing the new rows. The lists and the source
view have sizes fixed by the stylesheet, so when their scrollable size changes only their own
scrollbars and scroll limits must follow; the screen is laid out again only when a scrollbar
appears or goes (the content area then changes width or height).
"""

from __future__ import annotations

from textual.geometry import Size
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
