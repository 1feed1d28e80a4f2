"""Changing titles by redrawing only what shows them: a pane's border row, the Header's title line.

Textual's ``border_title`` setter repaints the whole widget: for a pane that is every row of
its border box (and the screen lines they span are cut again), although only the top row
changes. The panes' titles follow every selection (whose events are listed, what n/N walk).
The Header's title lays out the whole screen when its text changes (``SteadyHeader``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Header
from textual.widgets._header import (  # Header's parts (textual < 9)
    HeaderClock,
    HeaderClockSpace,
    HeaderIcon,
    HeaderTitle,
)


def retitle(widget: Widget, title: Content) -> None:
    """Give ``widget`` a new border title, repainting only its top row once it is laid out."""
    if not widget.is_mounted or not widget.size or widget.styles.border_top[0] in ("", "none", "hidden"):
        widget.border_title = title  # not drawn yet (or no top border): the setter's full repaint is needed or free
        return
    # What the setter stores (``Widget._border_title``), without its whole-widget refresh.
    widget._border_title = widget.render_str(title).expand_tabs(4).split()[0]
    # ``refresh`` takes content coordinates: the border row sits just above the content.
    offset = widget.content_offset
    widget.refresh(Region(-offset.x, -offset.y, widget.outer_size.width, 1))


class _SteadyTitle(HeaderTitle):
    """The Header's title line, redrawn in place when its text changes: it spans the Header's
    full width, so new text never changes its size. (``Static.update`` lays out the whole screen
    by default, and every layout redraws each pane's scrollbars twice.)"""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        """Show new title text without a layout (nothing at all when the text is the one shown)."""
        if content != self.content:
            super().update(content, layout=layout)


class SteadyHeader(Header):
    """Textual's Header whose title (the dossier's counts, which every merge or hide changes)
    is redrawn without laying out the screen."""

    def compose(self) -> ComposeResult:
        """Header's own parts (``Header.compose``), the title swapped for one redrawn in place."""
        yield HeaderIcon().data_bind(Header.icon)
        yield _SteadyTitle()
        yield HeaderClock().data_bind(Header.time_format) if self._show_clock else HeaderClockSpace()

    def show_title(self) -> None:
        """Draw the app's title and subtitle now, with whatever else this frame redraws (Header's
        watcher draws them a frame later; it then finds them shown)."""
        self.query_one(_SteadyTitle).update(self.format_title())
