"""A document's title, publication date, publisher and dateline place, inferred from its text.

Front matter wins when present. Otherwise: the title is the headline found by the furniture
layout; the publisher comes from agency conventions ("(AFP)", "AFP:", "(X is produced by ...)",
a closing "Reuter"); the place and date from the dateline ("WASHINGTON, Nov 28 (AFP) -",
"Washington -- ") or a standalone date line ("25 May 2007"). A dateline without a year is
completed from the body's evidence only (``ingest.dateline_year``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dossier.ingest.conventions import (
    AGENCIES,
    AGENCY_NAME,
    MONTHS,
    TITLED_DATELINE,
    UPPER_DATELINE,
)
from dossier.ingest.dateline_year import infer_year
from dossier.ingest.line_shapes import date_text_in, is_byline, is_date_line
from dossier.ingest.page_layout import PageLayout, layout_of
from dossier.store.partial_dates import at_precision, partial_date

# A publication date line sits among the first lines of a page, above the body.
DATE_LINE_SEARCH_LINES = 15
TITLE_MAX_CHARS = 120

# Small words that stay lower case inside a place name ("Dar es Salaam", "Port of Spain").
_PLACE_PARTICLES = frozenset(
    {"de", "da", "do", "des", "del", "della", "di", "du", "es", "of", "la", "le", "the", "y"}
)
_CREDIT = re.compile(r"\((?P<name>[A-Z][\w.&-]{1,30}) (?:is|are) (?:produced|published) by\b")
_SOURCE_LINE = re.compile(
    r"(?:^|\n)[ \t]*(?:source|via)\s*:\s*(?P<name>[^\n.!?]{2,60}?)[ \t]*(?=\n|$)",
    re.IGNORECASE,
)
_AGENCY_WORD = re.compile(rf"(?<![\w-])(?:{AGENCY_NAME})(?![\w-])", re.IGNORECASE)
_LEAD_AGENCY = re.compile(rf"(?:^|\n)[ \t]*(?P<name>{AGENCY_NAME})[ ]?:[ ]", re.IGNORECASE)
@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document says about itself; ``dateline`` spans "WASHINGTON, Nov 28 (AFP) -".

    ``published`` is an ISO 8601 prefix at its real precision ("2005-11-28", "2007-05") or
    None; ``dateline`` is a ``(start, end)`` offset pair into the text, or None.
    """

    title: str
    published: str | None
    publisher: str | None
    place: str | None
    dateline: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class _Dateline:
    """A dateline found in the text: its offsets and what it says."""

    start: int
    end: int
    place: str
    month: int | None
    day: int | None
    year: int | None
    agency: str | None


def infer_metadata(
    text: str,
    furniture: Iterable[tuple[int, int]],
    front: Mapping[str, Any] | None = None,
    layout: PageLayout | None = None,
) -> Metadata:
    """The title, ISO publication date, publisher, place and dateline span of ``text``.

    ``layout`` is the text's ``PageLayout`` when the caller has one; otherwise it is computed here.
    """
    front = {
        key: " ".join(str(value).split())
        for key, value in (front or {}).items()
        if value is not None and str(value).strip()
    }
    furniture = sorted((int(start), int(end)) for start, end in furniture)
    layout = layout_of(text, layout)
    body = _without_furniture(text, furniture)
    dateline = _find_dateline(text, layout, furniture)
    title = front.get("title") or _title(layout, furniture)
    published = _parse_date(front["date"]) if front.get("date") else None
    if published is None:
        published = _date_line(layout, furniture) or _dateline_date(dateline, body)
    publisher = front.get("publisher") or _publisher(text, layout, dateline)
    place = front.get("place") or (dateline.place if dateline else None)
    span = (dateline.start, dateline.end) if dateline else None
    return Metadata(title, published, publisher, place, span)


def _without_furniture(text: str, furniture: list[tuple[int, int]]) -> str:
    """``text`` with furniture blanked out (same length)."""
    parts = []
    position = 0
    for start, end in furniture:
        start, end = max(start, position), min(end, len(text))
        if start >= end:
            continue
        parts.append(text[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _covered(start: int, end: int, furniture: list[tuple[int, int]]) -> bool:
    """True when ``[start, end)`` lies inside one of the sorted furniture spans."""
    index = bisect.bisect_right(furniture, (start, float("inf"))) - 1
    return index >= 0 and furniture[index][0] <= start and end <= furniture[index][1]


def _title(layout: PageLayout, furniture: list[tuple[int, int]]) -> str:
    """The headline, else the first line that is not furniture, a date line or a byline."""
    if layout.headline is not None and not _covered(
        layout.headline.start, layout.headline.end, furniture
    ):
        return _shorten(layout.headline.content)
    for line in layout.lines:
        if not _covered(line.start, line.end, furniture) and not (
            is_date_line(line.content) or is_byline(line.content)
        ):
            return _shorten(line.content)
    return "Untitled"


def _shorten(title: str) -> str:
    """A title on one line without Markdown heading marks, cut at a word to ``TITLE_MAX_CHARS``."""
    title = " ".join(title.split()).lstrip("#").strip().strip("*_").strip()
    if len(title) <= TITLE_MAX_CHARS:
        return title
    return title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"


def _find_dateline(
    text: str, layout: PageLayout, furniture: list[tuple[int, int]]
) -> _Dateline | None:
    """The dateline opening the news, searched below the headline.

    In the first body paragraph it may stand at the start or after a first sentence ("AFP:
    The ... ties. WASHINGTON, Nov 28 (AFP) -"); tables and briefs, which have no body
    paragraph there, may open with a dated one ("LOUISVILLE, Ky., Feb 26 - Shr one dlr").
    """
    after = layout.headline.end if layout.headline is not None else 0
    blocks = [
        block
        for block in layout.blocks
        if block.end > after and not _covered(block.start, block.end, furniture)
    ]
    prose = [block for block in blocks if block in layout.body_blocks]
    if prose:
        found = _search_dateline(text, max(after, prose[0].start), prose[0].end)
        if found is not None:
            return found
    if blocks and blocks[0] not in prose:
        found = _search_dateline(text, max(after, blocks[0].start), blocks[0].end)
        if found is not None and found.month:
            return found
    return None


def _search_dateline(text: str, start: int, end: int) -> _Dateline | None:
    """The first dateline within the first 600 characters of ``text[start:end]``."""
    window_end = min(end, start + 600)
    matches = []
    upper = UPPER_DATELINE.search(text, start, window_end)
    # An upper-case word and a dash alone ("NOTE - ") is a dateline only if it is a place name
    # of some length; with a date or an agency it always is.
    if upper and (upper.group("month") or upper.group("agency") or len(upper.group("place")) > 2):
        matches.append(upper)
    titled = TITLED_DATELINE.search(text, start, window_end)
    # Without a date, "Washington -- Representatives ..." needs a new sentence after the dash
    # ("Smith — who leads the team —" is a parenthesis).
    opener = text[titled.end() : titled.end() + 1] if titled else ""
    if titled and (titled.group("month") or opener.isupper() or opener in ("\"", "“", "‘", "'")):
        matches.append(titled)
    if not matches:
        return None
    match = min(matches, key=lambda found: found.start())
    span_start, span_end = match.start(), match.end()
    while text[span_start].isspace():
        span_start += 1
    while text[span_end - 1].isspace():
        span_end -= 1
    groups = match.groupdict()
    return _Dateline(
        start=span_start,
        end=span_end,
        place=_place_name(match.group("place")),
        month=MONTHS[groups["month"].lower()] if groups["month"] else None,
        day=int(groups["day"]) if groups["day"] else None,
        year=int(groups["year"]) if groups["year"] else None,
        agency=groups["agency"] or groups.get("source"),
    )


def _place_name(place: str) -> str:
    """A dateline place, title-cased ("UNITED NATIONS" -> "United Nations")."""
    words = []
    for index, word in enumerate(place.split()):
        if word.isupper():
            lowered = word.lower()
            word = lowered if index and lowered in _PLACE_PARTICLES else word.capitalize()
        words.append(word)
    return " ".join(words)


def _publisher(text: str, layout: PageLayout, dateline: _Dateline | None) -> str | None:
    """The agency or publisher named by the dateline, a credit, a lead, a source line or a trailer."""
    if dateline is not None and dateline.agency:
        return AGENCIES.get(dateline.agency.lower(), dateline.agency)
    credit = _CREDIT.search(text)
    if credit:
        return AGENCIES.get(credit.group("name").lower(), credit.group("name"))
    lead = _LEAD_AGENCY.search(text, 0, min(len(text), 2_000))
    if lead:
        return AGENCIES[lead.group("name").lower()]
    byline_agency = _byline_agency(layout)
    if byline_agency:
        return byline_agency
    source = _SOURCE_LINE.search(text)
    if source:
        name = source.group("name").strip()
        return AGENCIES.get(name.lower(), name)
    if layout.trailer is not None:
        name = re.sub(r"[\W_]|\^M", "", layout.trailer.content).lower()
        return AGENCIES.get(name)
    return None


def _byline_agency(layout: PageLayout) -> str | None:
    """An agency named in a byline above the body ("By Jane Doe, Reuters")."""
    body_start = layout.body_blocks[0].start if layout.body_blocks else len(layout.text)
    for line in layout.lines:
        if line.start >= body_start:
            break
        if is_byline(line.content):
            found = _AGENCY_WORD.search(line.content)
            if found:
                return AGENCIES[found.group(0).lower()]
    return None


_ISO_DATE = re.compile(r"((?:1[6-9]|20)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$")


@lru_cache(maxsize=1)
def _explicit_date_parser() -> Any:
    """One dateparser parser for explicit dates (building one costs more than parsing)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RETURN_AS_TIMEZONE_AWARE": False,
            "REQUIRE_PARTS": ["year", "month"],
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


def _parse_date(value: str) -> str | None:
    """An explicit date with a year ("25 May 2007", "2007-05") as an ISO prefix, else None."""
    if not re.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)", value):
        return None
    if re.fullmatch(r"\d{4}", value.strip()):
        return value.strip()
    iso = _ISO_DATE.match(value.strip())
    if iso:  # "2007-05-25", "2007-05-25T10:00:00Z", "2007-05": no parser needed
        return iso.group(1)
    try:
        data = _explicit_date_parser().get_date_data(value)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    date = data.date_obj.date()
    if data.period in ("day", "hour", "minute", "second", "time"):
        return at_precision(date, "day")
    return at_precision(date, "month" if data.period == "month" else "year")


def _date_line(layout: PageLayout, furniture: list[tuple[int, int]]) -> str | None:
    """The date of a date line or dated byline above the body ("25 May 2007")."""
    body_start = layout.body_blocks[0].start if layout.body_blocks else None
    # Not a line wrapped inside a longer paragraph or table ("...split paid" / "June 20, 1986").
    short_blocks = {line for block in layout.blocks if len(block.lines) <= 3 for line in block.lines}
    for line in layout.lines[:DATE_LINE_SEARCH_LINES]:
        if body_start is not None and line.start >= body_start:
            break
        if line not in short_blocks:
            continue
        written = date_text_in(line.content)
        if written and not _covered(line.start, line.end, furniture):
            date = _parse_date(written)
            if date:
                return date
    return None


def _dateline_date(dateline: _Dateline | None, body: str) -> str | None:
    """The dateline's date; without a year, completed from the body's evidence or None."""
    if dateline is None or dateline.month is None or dateline.day is None:
        return None
    if dateline.year:
        return partial_date(dateline.year, dateline.month, dateline.day)
    year = infer_year(dateline.month, dateline.day, body, lead_start=dateline.end)
    return partial_date(year, dateline.month, dateline.day) if year else None
