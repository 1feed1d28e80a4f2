"""Quotations in a text: the spans inside double quotation marks, straight or curly, at the top level.

News prints a quotation that runs over several paragraphs with an opening mark on each and the
closing mark only at the end; a quotation split by its attribution ("…," she said, "…") is two
quotations here and joined by ``ingest.attribution``. A straight mark opens after a space or line
start and closes otherwise. Marks inside a quotation (a quote in a quote) are part of it. A mark
that never closes within its paragraph, and does not run on into a paragraph opening with a
mark, is dropped: an unbalanced paragraph costs its dubious quotation, never the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
_OPENS_AFTER = frozenset(" \t\n([{—–-/:;,")
_MARK_OR_BREAK = re.compile('[\n“”"]')


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: ``[start, end)`` are the quoted words, without the marks or edge spaces;
    ``open_at``/``close_at`` are the offsets of its first opening and its closing mark."""

    start: int
    end: int
    open_at: int
    close_at: int


def find_quotations(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quotation]:
    """Every top-level quotation of ``text`` in order, outside the ranges in ``skip`` (headlines, furniture)."""
    skipped = sorted(skip or [])
    quotations: list[Quotation] = []
    open_at: int | None = None
    position = 0
    length = len(text)
    while position < length:
        found = _MARK_OR_BREAK.search(text, position)  # every other character leaves the state as it is
        if found is None:
            break
        position = found.start()
        char = text[position]
        if char == "\n" and open_at is not None:
            following = _next_paragraph_start(text, position)
            if following < length and _is_opening(text, following):
                position = following + 1  # the quotation runs on into the next paragraph
                continue
            open_at = None  # never closed: not a quotation
        elif char in (OPENING, CLOSING, STRAIGHT):
            if open_at is None:
                if char != CLOSING and _is_opening(text, position):
                    open_at = position
            elif char != OPENING and not (char == STRAIGHT and _is_opening(text, position) and not _closes_here(text, position)):
                quotation = _trimmed(text, open_at, position)
                if quotation is not None and not _inside(quotation.open_at, quotation.close_at, skipped):
                    quotations.append(quotation)
                open_at = None
            elif char == OPENING:
                open_at = position  # an opening mark while open: the earlier one never closed
        position += 1
    return quotations


def _is_opening(text: str, position: int) -> bool:
    """Whether the mark at ``position`` can open a quotation (curly opening, or straight after a space)."""
    char = text[position]
    if char == OPENING:
        return True
    if char != STRAIGHT:
        return False
    before = text[position - 1] if position else "\n"
    after = text[position + 1] if position + 1 < len(text) else " "
    return (before in _OPENS_AFTER or before.isspace()) and not after.isspace()


def _closes_here(text: str, position: int) -> bool:
    """Whether a straight mark that could open reads better as closing (a word or punctuation before it)."""
    before = text[position - 1] if position else " "
    return not before.isspace() and before not in "([{"


def _next_paragraph_start(text: str, newline: int) -> int:
    """The offset of the first non-space character after a line break (the text's length if none)."""
    position = newline
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _trimmed(text: str, open_at: int, close_at: int) -> Quotation | None:
    """The quotation between two marks without edge spaces; None when nothing is quoted."""
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quotation(start, end, open_at, close_at) if end > start else None


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps any of ``ranges``."""
    return any(s < end and start < e for s, e in ranges)
