"""Which stretch of source text to quote as evidence: the sentence around a mention, merged when they overlap.

Pure text geometry, no Markdown: the export's renderers decide how a window is shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from dossier.store.records import Source, Span

CONTEXT_LIMIT = 300
"""How far (characters) a quoted window reaches either side of a mention without a sentence end."""

# A sentence ends at . ! or ? (plus closing quotes/brackets) before whitespace and a capital,
# digit or opening quote - unless the stop closes an initial ("U.S.", "W.") or a title ("Mr.");
# a blank line or an indented line (wire copy) starts a new paragraph.
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)"
    r"(?P<stop>[.!?][\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]*[A-Z0-9])"
    r"|\n[ \t]*\n|\n(?=[ \t])"
)


class Window(NamedTuple):
    """A stretch of one source's text to quote, and whether it was cut short at either end."""

    source: str
    start: int
    end: int
    cut_before: bool = False
    cut_after: bool = False


class Quote(NamedTuple):
    """One window to quote and the spans inside it to highlight (none when a span is quoted whole)."""

    window: Window
    highlights: list[Span]


def sentence_starts(text: str) -> list[int]:
    """The offsets at which the sentences of a text start (0 first), by the same rule as ``sentence_window``."""
    return [0, *(found.end() for found in _SENTENCE_BREAK.finditer(text))]


def span_is_valid(source: Source | None, span: Span) -> bool:
    """Whether a span points inside its source's stored text."""
    return source is not None and 0 <= span.start <= span.end <= len(source.text)


def sentence_window(text: str, span: Span) -> Window:
    """The sentence around a span, cut at a word about ``CONTEXT_LIMIT`` characters away if it runs on."""
    reach_back = max(0, span.start - CONTEXT_LIMIT)
    start = reach_back
    for found in _SENTENCE_BREAK.finditer(text, reach_back, span.start):
        start = found.end()
    cut_before = start == reach_back > 0
    if cut_before:
        space = text.find(" ", reach_back, span.start)
        start = space + 1 if space != -1 else reach_back
    reach_on = min(len(text), span.end + CONTEXT_LIMIT)
    match = _SENTENCE_BREAK.search(text, span.end, reach_on)
    cut_after = match is None and reach_on < len(text)
    if match is not None:
        end = match.end("stop") if match.group("stop") else match.start()
    elif cut_after:
        space = text.rfind(" ", span.end, reach_on)
        end = space if space != -1 else reach_on
    else:
        end = reach_on
    return Window(span.source, start, end, cut_before, cut_after)


def _merged(last: Window, window: Window) -> Window:
    """One window covering two overlapping windows of the same source, keeping the outer cut marks."""
    return Window(
        window.source,
        min(last.start, window.start),
        max(last.end, window.end),
        last.cut_before if last.start <= window.start else window.cut_before,
        last.cut_after if last.end >= window.end else window.cut_after,
    )


def quotes_for(
    sources: Mapping[str, Source], spans: Sequence[Span], *, around_mentions: bool
) -> tuple[list[Quote], list[Span]]:
    """The quotes that show ``spans``, and the spans that point outside any stored text.

    Around mentions, each span is highlighted within its sentence and consecutive overlapping
    sentences merge into one quote; otherwise each span is quoted whole.
    """
    quotes: list[Quote] = []
    missing: list[Span] = []
    for span in spans:
        source = sources.get(span.source)
        if source is None or not span_is_valid(source, span):
            missing.append(span)
        elif not around_mentions:
            quotes.append(Quote(Window(span.source, span.start, span.end), []))
        else:
            window = sentence_window(source.text, span)
            last = quotes[-1].window if quotes else None
            if last is not None and last.source == window.source and last.start < window.end and window.start < last.end:
                quotes[-1] = Quote(_merged(last, window), [*quotes[-1].highlights, span])
            else:
                quotes.append(Quote(window, [span]))
    return quotes, missing
