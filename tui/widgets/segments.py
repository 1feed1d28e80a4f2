"""Cutting a line of text into styled segments directly (rich's ``Text.render`` does wrapping and
justification work a one-line row does not need)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style


def styled_segments(text: str, layers: Sequence[tuple[int, int, Style]], base: Style) -> list[Segment]:
    """Cut ``text`` where any layer starts or ends; each piece gets ``base`` plus every layer over it."""
    length = len(text)
    cuts = sorted({0, length, *(max(0, min(length, edge)) for start, end, _ in layers for edge in (start, end))})
    segments: list[Segment] = []
    for piece_start, piece_end in pairwise(cuts):
        style = base
        for layer_start, layer_end, layer_style in layers:
            if layer_start <= piece_start and piece_end <= layer_end:
                style = style + layer_style
        segments.append(Segment(text[piece_start:piece_end], style))
    return segments
