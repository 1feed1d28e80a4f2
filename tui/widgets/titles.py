"""Changing a widget's border title by redrawing only the border row it sits on.

Textual's ``border_title`` setter repaints the whole widget: for a pane that is every row of
its border box (and the screen lines they span are cut again), although only the top row
changes. The panes' titles follow every selection (whose events are listed, what n/N walk).
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget


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
