"""The source text, wrapped by character offsets and drawn with the line API.

Mentions are coloured by actor kind, page furniture is dimmed, and one span (the current
evidence, mention or search hit) is emphasised and scrolled into view. Wrapping keeps
offsets, so any ``Span`` maps straight to a line and column.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from dossier.store.records import Source, Span
from dossier.tui.sanitize import clean
from dossier.tui.widgets.scrolling import LineScrollView, set_virtual_size
from dossier.tui.widgets.segments import styled_segments

_TOKEN = re.compile(r"\s*\S+\s*|\s+")


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text`` to ``width`` cells, as (start, end) offsets per line.

    Linear in the text whatever its line and word lengths: a word wider than the line is cut
    into line-wide pieces in one pass (``_cuts``), never by re-slicing what is left of it.
    """
    width = max(width, 8)
    lines: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        start, end = position, position + len(paragraph)
        line_start, line_width = start, 0
        for match in _TOKEN.finditer(paragraph):
            token_start = start + match.start()
            token = match.group()
            token_width = cell_len(token)
            if line_width and line_width + cell_len(token.rstrip()) > width:
                lines.append((line_start, token_start))
                line_start, line_width = token_start, 0
            if token_width > width:
                cut = 0
                for cut_end in _cuts(token, width):
                    lines.append((token_start + cut, token_start + cut_end))
                    cut = cut_end
                if cut:
                    line_start = token_start + cut
                    token_width = cell_len(token[cut:])
            line_width += token_width
        lines.append((line_start, end))
        position = end + 1
    return lines


def _cuts(token: str, width: int) -> list[int]:
    """Where to cut a token wider than ``width`` cells: the end of each full-width piece, while what
    is left is still wider than the line and does not start with a line's worth of blanks."""
    cuts: list[int] = []
    position, length = 0, len(token)
    if token.isascii():  # one cell per character: cleaned text holds no control character
        while length - position > width and not token[position : position + width].isspace():
            position += width
            cuts.append(position)
        return cuts
    cells = [get_character_cell_size(char) for char in token]
    remaining = sum(cells)
    while remaining > width and not token[position : position + width].isspace():
        taken, end = 0, position
        while end < length and taken + cells[end] <= width:
            taken += cells[end]
            end += 1
        if end == position:  # a character wider than the line: give it a line of its own
            taken, end = cells[end], end + 1
        remaining -= taken
        position = end
        cuts.append(position)
    return cuts


EAGER_CHARS = 300_000
"""Characters wrapped at once when a source is shown (a few tens of milliseconds); the rest is
wrapped in a worker thread, ``CHUNK_CHARS`` at a time, so a huge source never freezes the keys."""
CHUNK_CHARS = 300_000


def paragraph_end(text: str, at: int) -> int:
    """The offset of the first line break at or after ``at``, else the text's length."""
    found = text.find("\n", at) if at < len(text) else -1
    return len(text) if found == -1 else found


DEFAULT_KIND = "person"
"""How a mention of an actor whose kind is not known is drawn."""


def _look(mentions: Sequence[tuple[Span, str]], kinds: dict[str, str]) -> list[tuple[Span, str]]:
    """What the view draws of these mentions: each span with the kind it is coloured by."""
    return [(span, kinds.get(actor_id, DEFAULT_KIND)) for span, actor_id in mentions]


class SourceView(LineScrollView, can_focus=True):
    """One source's text with actor mentions, furniture and the current span styled."""

    @dataclass
    class MentionChosen(Message):
        """The user pressed enter on (or clicked twice) an actor mention: open that actor."""

        actor_id: str

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_lines(1)", "Down", show=False),
        Binding("up,k", "scroll_lines(-1)", "Up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("pagedown,ctrl+d", "scroll_pages(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "scroll_pages(-1)", "Page up", show=False),
        Binding("m", "mention(1)", "Next mention"),
        Binding("M", "mention(-1)", "Prev mention"),
        Binding("enter", "open_mention", "Open actor"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--person",
        "source-view--organization",
        "source-view--place",
        "source-view--group",
        "source-view--furniture",
        "source-view--emphasis",
        "source-view--empty",
    }

    DEFAULT_CSS = """
    SourceView { height: 1fr; overflow-x: hidden; overflow-y: scroll; }
    SourceView > .source-view--person { color: $text-success; }
    SourceView > .source-view--organization { color: $text-warning; }
    SourceView > .source-view--place { color: $text-accent; }
    SourceView > .source-view--group { color: $text-error; }
    SourceView > .source-view--furniture { color: $text-muted; text-style: dim; }
    SourceView > .source-view--emphasis { background: $primary 60%; text-style: bold underline; }
    SourceView > .source-view--empty { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        """Start empty; ``show`` fills the view."""
        super().__init__(id=id)
        self.source: Source | None = None
        self._text = ""
        self._mentions: list[tuple[Span, str]] = []
        self._mention_starts: list[int] = []
        self._kinds: dict[str, str] = {}
        self._emphasis: Span | None = None
        self._lines: list[tuple[int, int]] = []
        self._line_starts: list[int] = []
        self._wrapped_width = 0
        self._wrapping = 0
        """Counts wraps started; a worker still wrapping an older text or width sees it changed and stops."""
        self._strips: LRUCache[int, Strip] = LRUCache(512)

    @property
    def emphasis(self) -> Span | None:
        """The span currently emphasised (evidence, mention or hit)."""
        return self._emphasis

    def show(
        self,
        source: Source | None,
        mentions: Sequence[tuple[Span, str]] = (),
        kinds: dict[str, str] | None = None,
        emphasis: Span | None = None,
    ) -> None:
        """Show a source (or nothing) with its mentions, emphasising and revealing one span; the
        same source shown again takes the new mentions (an edit moved them) without rewrapping, and
        is drawn again only if they look different (a merge of two actors of one kind changes no colour)."""
        mentions = sorted(mentions, key=lambda item: (item[0].start, item[0].end))
        kinds = dict(kinds or {})
        looks_the_same = source is self.source and _look(mentions, kinds) == _look(self._mentions, self._kinds)
        if source is not self.source:
            self.source = source
            self._text = clean(source.text).replace("\t", " ") if source else ""
            self._wrapped_width = 0
            self._rewrap()
        self._mentions = mentions
        self._mention_starts = [span.start for span, _ in self._mentions]
        self._kinds = kinds
        if not looks_the_same:
            self._strips.clear()  # the mentions (their colours) may differ on any line
            self.refresh()
        self.emphasise(emphasis)

    def emphasise(self, span: Span | None) -> None:
        """Emphasise a span of the shown source and scroll it to the upper third of the view.

        Done in the same refresh as the rest of the keypress (never after it: a second render
        pass): the pane's size is fixed by the stylesheet, so the height known now is the one
        drawn; a resize reveals again (``on_resize``). Only the lines the old and the new
        emphasis cover are redrawn unless the view scrolls."""
        if span is not None and (self.source is None or span.source != self.source.id):
            span = None
        previous, self._emphasis = self._emphasis, span
        if span != previous:
            self._redraw_lines_of(previous)
            self._redraw_lines_of(span)
        self._reveal()

    def _redraw_lines_of(self, span: Span | None) -> None:
        """Draw again the wrapped lines a span covers (its emphasis came or went)."""
        if span is None or not self._line_starts:
            return
        first = max(0, bisect.bisect_right(self._line_starts, span.start) - 1)
        last = max(first, bisect.bisect_right(self._line_starts, max(span.start, span.end - 1)) - 1)
        for row in range(first, last + 1):
            self._strips.discard(row)
        self.refresh_lines(first, last - first + 1)

    def _reveal(self) -> None:
        """Scroll the emphasised span's line to the upper third of the view, wherever it was (or to the
        top when nothing is emphasised): the same place whatever the pane's size was a moment before."""
        span = self._emphasis
        if span is None:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
            return
        height = self.scrollable_content_region.height
        if not self._line_starts or not height:
            return  # not laid out yet: the first layout resizes the view, which reveals again
        line = max(0, bisect.bisect_right(self._line_starts, span.start) - 1)
        self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True, force=True)

    def mention_at(self, span: Span | None) -> tuple[Span, str] | None:
        """The mention overlapping a span (the first one), if any."""
        if span is None:
            return None
        row = bisect.bisect_left(self._mention_starts, span.start)
        for candidate in self._mentions[max(0, row - 3) : row + 3]:
            mention = candidate[0]
            if mention.start < max(span.end, span.start + 1) and span.start < mention.end:
                return candidate
        return None

    def _rewrap(self) -> None:
        """Wrap the text for the current width (only when the width changed)."""
        width = self.scrollable_content_region.width or self.size.width or 80
        if width == self._wrapped_width and self._lines:
            return
        self._wrapped_width = width
        self._wrapping += 1
        text = self._text
        head = paragraph_end(text, EAGER_CHARS)
        self._lines = wrap_offsets(text[:head], width) if self.source else []
        self._line_starts = [start for start, _ in self._lines]
        set_virtual_size(self, Size(width, len(self._lines)))
        if self.source and head < len(text):
            self._wrap_rest(self._wrapping, text, head + 1, width)
        self._strips.clear()
        self.refresh()

    @work(thread=True, exit_on_error=False, group="wrap")
    def _wrap_rest(self, wrapping: int, text: str, start: int, width: int) -> None:
        """Wrap the text after the first ``EAGER_CHARS`` a chunk of paragraphs at a time, handing
        each chunk's lines to the view (the keys stay live; lines already wrapped are drawn)."""
        while start <= len(text) and wrapping == self._wrapping and self.is_attached:
            end = paragraph_end(text, start + CHUNK_CHARS)
            lines = [(first + start, last + start) for first, last in wrap_offsets(text[start:end], width)]
            self.app.call_from_thread(self._add_lines, wrapping, lines)
            start = end + 1

    def _add_lines(self, wrapping: int, lines: list[tuple[int, int]]) -> None:
        """Append a chunk of wrapped lines (unless the text or width changed since), revealing the
        emphasised span if it is in them."""
        if wrapping != self._wrapping or not lines:
            return
        self._lines.extend(lines)
        self._line_starts.extend(start for start, _ in lines)
        set_virtual_size(self, Size(self._wrapped_width, len(self._lines)))
        self.refresh()
        if self._emphasis is not None and lines[0][0] <= self._emphasis.start <= lines[-1][1]:
            self._reveal()

    def notify_style_update(self) -> None:
        """The stylesheet changed this view's styles (a theme, focus): draw every line again."""
        self._strips.clear()
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        """Rewrap for the new width and keep the emphasised span in view."""
        self._rewrap()
        self._reveal()

    def offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a content-relative cell (column x of visible row y), if any."""
        row = y + round(self.scroll_y)
        if not 0 <= row < len(self._lines):
            return None
        start, end = self._lines[row]
        column = 0
        for offset in range(start, end):
            column += cell_len(self._text[offset])
            if column > x:
                return offset
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on a mention emphasises it; a second click (or enter) opens its actor."""
        content = event.get_content_offset(self)
        offset = self.offset_at(content.x, content.y) if content is not None else None
        if offset is None or self.source is None:
            return
        mention = self.mention_at(Span(self.source.id, offset, offset + 1))
        if mention is None:
            return
        if mention[0] == self._emphasis:
            self.post_message(self.MentionChosen(mention[1]))
        else:
            self.emphasise(mention[0])

    def action_scroll_lines(self, lines: int) -> None:
        """Scroll by a number of lines."""
        self.scroll_to(y=self.scroll_y + lines, animate=False)

    def action_scroll_pages(self, pages: int) -> None:
        """Scroll by a number of pages."""
        self.scroll_to(y=self.scroll_y + pages * max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_top(self) -> None:
        """Scroll to the start of the text."""
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Scroll to the end of the text."""
        self.scroll_end(animate=False)

    def action_mention(self, step: int) -> None:
        """Emphasise the next (or previous) actor mention in this source."""
        if not self._mentions:
            self.notify("No actor mentions in this source", severity="warning", markup=False)
            return
        anchor = self._emphasis.start if self._emphasis else -1
        if step > 0:
            row = bisect.bisect_right(self._mention_starts, anchor)
            row = row if row < len(self._mentions) else 0
        else:
            row = bisect.bisect_left(self._mention_starts, anchor) - 1
            row = row if row >= 0 else len(self._mentions) - 1
        self.emphasise(self._mentions[row][0])

    def action_open_mention(self) -> None:
        """Open the actor whose mention is emphasised."""
        mention = self.mention_at(self._emphasis)
        if mention is None:
            self.notify("No actor mention here: press m / M to reach one", severity="warning", markup=False)
            return
        self.post_message(self.MentionChosen(mention[1]))

    def render_line(self, y: int) -> Strip:
        """Draw one wrapped line with its styles."""
        width = self.scrollable_content_region.width
        row = y + round(self.scroll_y)
        if not self._lines:
            if y == 0:
                text = Text("No source selected", style=self.get_component_rich_style("source-view--empty"))
                return Strip(list(text.render(self.app.console))).crop_extend(0, width, self.base_style)
            return Strip.blank(width, self.base_style)
        if row >= len(self._lines):
            return Strip.blank(width, self.base_style)
        strip = self._strips.get(row)
        if strip is None:
            strip = self._draw(row)
            self._strips[row] = strip
        return strip.crop_extend(0, width, self.base_style)

    def _draw(self, row: int) -> Strip:
        """Style one line: furniture, mentions by kind, then the emphasis on top (later styles win)."""
        start, end = self._lines[row]
        assert self.source is not None
        layers: list[tuple[int, int, Style]] = []  # (from, to) within the line, in drawing order
        furniture = self.get_component_rich_style("source-view--furniture")
        for furniture_start, furniture_end in self.source.furniture:
            if furniture_start < end and start < furniture_end:
                layers.append((furniture_start - start, furniture_end - start, furniture))
        first = bisect.bisect_left(self._mention_starts, start - 200)
        for span, actor_id in self._mentions[first:]:
            if span.start >= end:
                break
            if span.end > start:
                kind = self._kinds.get(actor_id, DEFAULT_KIND)
                layers.append((span.start - start, span.end - start, self.get_component_rich_style(f"source-view--{kind}")))
        emphasis = self._emphasis
        if emphasis is not None and emphasis.start < end and start < emphasis.end:
            layers.append((emphasis.start - start, emphasis.end - start, self.get_component_rich_style("source-view--emphasis")))
        return Strip(styled_segments(self._text[start:end], layers, self.base_style))

