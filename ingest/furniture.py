"""Finding page furniture (navigation, link lists, banners, credits, wire trailers) in article text.

Scraped pages carry text that is not the article: breadcrumbs and section labels above the
headline, "Latest news"-style link lists, newsletter and donation banners, credit lines and wire
trailers. ``detect_furniture`` marks them as character spans from the page layout
(``ingest.page_layout``: line shapes and position before the headline or after the last body
paragraph). Body paragraphs are never marked. ``mask_for_nlp`` blanks the furniture out for the
language model without moving offsets.
"""

from __future__ import annotations

import re

from dossier.ingest.page_layout import PageLayout, layout_of

_INLINE_POINTER = re.compile(
    r"\((?:see|read|click)\s+(?:the\s+)?(?:related|also|more|full)\b[^()\n]{0,80}\)",
    re.IGNORECASE,
)


def detect_furniture(text: str, layout: PageLayout | None = None) -> list[tuple[int, int]]:
    """Page furniture in ``text`` as sorted, non-overlapping ``(start, end)`` character spans.

    ``layout`` is the text's ``PageLayout`` when the caller has one (the pipeline computes it
    once per document for furniture, masking and metadata); otherwise it is computed here.
    """
    layout = layout_of(text, layout)
    spans = [(line.start, line.end) for line in layout.furniture_lines]
    furniture_lines = {(line.start, line.end) for line in layout.furniture_lines}
    for line in layout.lines:
        if (line.start, line.end) in furniture_lines:
            continue
        for match in _INLINE_POINTER.finditer(text, line.start, line.end):
            spans.append((match.start(), match.end()))
    return _merge(spans, text)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sort spans and join those that touch or are separated only by whitespace."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mask_for_nlp(text: str, spans: list[tuple[int, int]], layout: PageLayout | None = None) -> str:
    """``text`` with furniture blanked and paragraph-internal line breaks made spaces.

    The result has exactly the same length, so offsets into it are offsets into ``text``.
    Furniture characters become spaces (newlines kept); a single line break between two lines
    of one paragraph becomes a space so that names wrapped across lines are seen whole. A line
    break stays when the next line is indented (a new paragraph in wire copy) or blank, after
    the headline (wire copy runs "...BUMPER CROPS" straight into "HARARE, March 3 -"), and
    everywhere in text written one paragraph per line.
    """
    layout = layout_of(text, layout)
    kept_break = layout.headline.end if layout.headline is not None else -1
    parts = []
    position = 0
    for start, end in sorted(spans):
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        parts.append(text[position:start])
        parts.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    parts.append(text[position:])
    if layout.line_paragraphs:
        return "".join(parts)  # every line is a paragraph of its own
    return _WRAPPED_LINE_BREAK.sub(
        lambda match: match.group(0) if match.end(1) == kept_break else match.group(1) + " ",
        "".join(parts),
    )


_NOT_NEWLINE = re.compile(r"[^\n]")
# A line break with text before it on its line and text (not indentation) right after it.
_WRAPPED_LINE_BREAK = re.compile(r"(?<=\S)([^\S\n]*)\n(?=\S)")
