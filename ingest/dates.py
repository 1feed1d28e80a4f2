"""Turning a time expression from news text into an ISO date at its real precision.

``resolve("October 19", "2005-11-28")`` gives ``("2005-10-19", None)``; "1979" stays a year,
"last month" a month, "May 3-4" a day range. Relative and yearless expressions are read
against the source's publication date (dateparser with ``RELATIVE_BASE`` and
``PREFER_DATES_FROM="past"``); without one they resolve to nothing, never to today.
Durations ("two months", "decades") and ordinals ("the 67th day") are not dates. Results are
cached per (expression, anchor, tense), so a corpus pays dateparser once per distinct phrase.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from dossier.ingest.conventions import MONTHS, WEEKDAYS
from dossier.store.partial_dates import at_precision, day_of, is_partial_date

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

Tense = Literal["past", "future"] | None
Resolved = tuple[str, str | None]

_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_UNITS = r"(?:week|weeks|month|months|year|years|weekend)"
# Words that may make up a time expression; a DATE entity is cut at the first other word.
_DATE_WORDS = frozenset(
    {*MONTHS, *WEEKDAYS, *_RELATIVE_DAYS}
    | {
        "of", "the", "last", "next", "this", "past", "previous", "coming", "early", "earlier",
        "late", "later", "mid", "week", "weeks", "month", "months", "year", "years", "day",
        "days", "ago", "and", "to", "end", "beginning", "morning", "afternoon", "evening",
        "night", "weekend", "on", "in", "since", "until", "between", "from", "a",
    }
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|since|by|until|from|during|the|early|earlier|late|later|mid|end\s+of|"
    r"beginning\s+of)[\s-]+)+"
)
_MAY_AS_MONTH = re.compile(r"\bmay\.?\s+\d|\d\s+may\b|\bmay\s+(?:of\s+)?" + r"(?:1[5-9]\d\d|20\d\d)\b|^may$")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_YEAR_ONLY = re.compile(rf"^{_YEAR}$")
_YEAR_RANGE = re.compile(rf"^({_YEAR})\s*(?:-|–|—|to|and)\s*(\d\d|{_YEAR})$")
_MONTH_NAME = r"([a-z]{3,9})\.?"
_DASH_OR_TO = r"\s*(?:-|–|—|/|to|and)\s*"  # "May 3-4", "April 14/30" (a delivery window)
_DAY_RANGE_MONTH_FIRST = re.compile(
    rf"^{_MONTH_NAME}\s+(\d{{1,2}}){_DASH_OR_TO}(\d{{1,2}})(?:,?\s+({_YEAR}))?$"
)
_DAY_RANGE_DAY_FIRST = re.compile(
    rf"^(\d{{1,2}}){_DASH_OR_TO}(\d{{1,2}})\s+{_MONTH_NAME}(?:,?\s+({_YEAR}))?$"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH_DAY = re.compile(rf"^{_MONTH_NAME}\s+(\d{{1,2}}){_ORDINAL}(?:,?\s+({_YEAR}))?$")
_DAY_MONTH = re.compile(rf"^(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH_NAME}(?:,?\s+({_YEAR}))?$")
_MONTH_YEAR = re.compile(rf"^{_MONTH_NAME}(?:,?\s+(?:of\s+)?({_YEAR}))?$")
_RELATIVE_PERIOD = re.compile(r"^(last|next|this|past|previous|coming)\s+(week|month|year|weekend)$")
_WEEK_BEFORE_LAST = re.compile(r"^week\s+before\s+last$")
_WEEKDAY_FIRST = re.compile(r"^(?:(?:last|next|this|on)\s+)?([a-z]{3,9})\.?,?\s+(.*\d.*)$")
_WEEKDAY_PHRASE = re.compile(r"^(?:(last|next|this|on)\s+)?([a-z]{3,9})\.?$")
_HAS_YEAR = re.compile(rf"\b{_YEAR}\b")
_RELATIVE_UNIT = re.compile(
    rf"\b(?:last|next|this|past|previous|coming)\s+{_UNITS}\b|\b{_UNITS}\s+ago\b"
)
_WORD = re.compile(r"[a-z]+")


def date_prefix(expression: str) -> str:
    """The leading part of a DATE entity that is a time expression ("May 3-4 Iraq Conference" -> "May 3-4")."""
    kept_end = 0
    for match in re.finditer(r"\S+", expression):
        word = match.group().strip(".,").lower()
        if word and not (word in _DATE_WORDS or re.fullmatch(r"[\d/–—-]+(?:st|nd|rd|th|s)?", word)):
            break
        kept_end = match.end()
    return expression[:kept_end].rstrip(" ,")


def resolve(expression: str, anchor: str | None, *, tense: Tense = "past") -> Resolved | None:
    """The ISO date (and range end) an expression names, read against the ISO ``anchor``.

    ``tense`` says how the sentence reads: a yearless date after the anchor in a past-tense
    sentence is last year's; before the anchor in a future-tense one, next year's; with
    ``None`` the nearer of the two wins.
    """
    text = _LEADING_WORDS.sub("", " ".join(expression.lower().split()).strip(" .,;:"))
    return _resolve_cached(text, anchor if anchor and is_partial_date(anchor) else None, tense)


@lru_cache(maxsize=8192)
def _resolve_cached(text: str, anchor: str | None, tense: Tense) -> Resolved | None:
    """``resolve`` on an already normalised expression."""
    if not text:
        return None
    if _YEAR_ONLY.match(text):
        return text, None
    years = _YEAR_RANGE.match(text)
    if years:
        first, last = years.group(1), years.group(2)
        last = first[: 4 - len(last)] + last
        return (first, last) if last > first else None
    day_range = _DAY_RANGE_MONTH_FIRST.match(text) or _DAY_RANGE_DAY_FIRST.match(text)
    if day_range:
        return _day_range(day_range, anchor, tense)
    anchor_day = _anchor_day(anchor)
    named_weekday = _WEEKDAY_FIRST.match(text)
    if named_weekday and named_weekday.group(1) in WEEKDAYS:
        return _with_weekday(named_weekday.group(2), WEEKDAYS[named_weekday.group(1)], anchor, tense)
    if _WEEK_BEFORE_LAST.match(text):
        if anchor_day is None:
            return None
        monday = anchor_day - timedelta(days=anchor_day.weekday(), weeks=2)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    weekday = _WEEKDAY_PHRASE.match(_PART_OF_DAY.sub("", text))
    if weekday and weekday.group(2) in WEEKDAYS:
        if anchor_day is None:
            return None
        return _weekday(WEEKDAYS[weekday.group(2)], weekday.group(1), anchor_day, tense), None
    words = set(_WORD.findall(text))
    if words & _RELATIVE_DAYS.keys() and len(words) <= 2:
        if anchor_day is None:
            return None
        offset = next(_RELATIVE_DAYS[word] for word in words if word in _RELATIVE_DAYS)
        return (anchor_day + timedelta(days=offset)).isoformat(), None
    has_year = bool(_HAS_YEAR.search(text))
    has_month = bool(words & (MONTHS.keys() - {"may"})) or bool(_MAY_AS_MONTH.search(text))
    if not (has_year or has_month or _RELATIVE_UNIT.search(text) or "this month" in text):
        return None
    if not has_year and anchor_day is None:
        return None
    text = _PART_OF_DAY.sub("", text)
    if _MONTH_DAY.match(text) or _DAY_MONTH.match(text):
        return _common_form(text, anchor_day, tense)  # "May 32" is no date; dateparser would guess one
    return _common_form(text, anchor_day, tense) or _with_dateparser(text, anchor_day, tense, has_year)


def _common_form(text: str, anchor: date | None, tense: Tense) -> Resolved | None:
    """The frequent shapes ("October 19", "19 October 2005", "March 1987", "last month") without dateparser."""
    match = _MONTH_DAY.match(text) or _DAY_MONTH.match(text)
    if match:
        groups = match.groups()
        month_name, day, year = (groups[1], groups[0], groups[2]) if groups[0].isdigit() else groups
        if month_name not in MONTHS:
            return None
        try:
            if year:
                return date(int(year), MONTHS[month_name], int(day)).isoformat(), None
            if anchor is None:
                return None
            found = date(anchor.year, MONTHS[month_name], int(day))
        except ValueError:
            return None
        return _shift_year(found, anchor, tense, "day").isoformat(), None
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in MONTHS:
        if match.group(2):
            return at_precision(date(int(match.group(2)), MONTHS[match.group(1)], 1), "month"), None
        if anchor is None:
            return None
        found = _shift_year(date(anchor.year, MONTHS[match.group(1)], 1), anchor, tense, "month")
        return at_precision(found, "month"), None
    match = _RELATIVE_PERIOD.match(text)
    if match and anchor is not None:
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[match.group(1)]
        unit = match.group(2)
        if unit == "year":
            return at_precision(date(anchor.year + step, 1, 1), "year"), None
        if unit == "month":
            month_index = anchor.year * 12 + anchor.month - 1 + step
            return at_precision(date(month_index // 12, month_index % 12 + 1, 1), "month"), None
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        if unit == "weekend":  # the Saturday and Sunday of that week ("last weekend": the one before)
            if step == 0 and tense == "past" and anchor.weekday() < 5:
                monday -= timedelta(weeks=1)
            return (monday + timedelta(days=5)).isoformat(), (monday + timedelta(days=6)).isoformat()
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return None


def _with_weekday(rest: str, weekday: int, anchor: str | None, tense: Tense) -> Resolved | None:
    """A date given with its weekday ("Thursday, March 19"): a yearless one is put in the year,
    next to publication, whose calendar agrees with the weekday, whatever the tense says; a date
    with its year keeps it (the text named it)."""
    resolved = _resolve_cached(rest, anchor, tense)
    anchor_day = _anchor_day(anchor)
    if resolved is None or anchor_day is None or len(resolved[0]) != 10 or _HAS_YEAR.search(rest):
        return resolved
    found = date.fromisoformat(resolved[0])
    agreeing = [
        candidate
        for candidate in (_replace_year(found, year) for year in range(anchor_day.year - 1, anchor_day.year + 2))
        if candidate.weekday() == weekday and (candidate.month, candidate.day) == (found.month, found.day)
    ]
    if not agreeing:
        return resolved
    best = min(agreeing, key=lambda candidate: abs((candidate - anchor_day).days))
    until = resolved[1]
    if until is not None:
        until = _replace_year(date.fromisoformat(until), best.year + date.fromisoformat(until).year - found.year).isoformat()
    return best.isoformat(), until


def _anchor_day(anchor: str | None) -> date | None:
    """The anchor as a day; a month- or year-precision anchor cannot anchor relative dates."""
    return day_of(anchor)


def _day_range(match: re.Match[str], anchor: str | None, tense: Tense) -> Resolved | None:
    """A "May 3-4" or "3-4 May" range: both ends in the same month and year."""
    groups = match.groups()
    if groups[0].isdigit():
        first, last, month_name, year = groups
    else:
        month_name, first, last, year = groups
    if month_name not in MONTHS or int(last) <= int(first):
        return None
    start = _resolve_cached(f"{month_name} {int(first)}{' ' + year if year else ''}", anchor, tense)
    if start is None or len(start[0]) != 10:
        return None
    try:
        end = date.fromisoformat(start[0]).replace(day=int(last))
    except ValueError:
        return None
    return start[0], end.isoformat()


def _weekday(weekday: int, modifier: str | None, anchor: date, tense: Tense) -> str:
    """The named weekday nearest the anchor in the direction the sentence reads."""
    back = (anchor.weekday() - weekday) % 7
    forward = (weekday - anchor.weekday()) % 7
    if modifier == "last":
        return (anchor - timedelta(days=back or 7)).isoformat()
    if modifier == "next":
        return (anchor + timedelta(days=forward or 7)).isoformat()
    if tense == "future":
        return (anchor + timedelta(days=forward)).isoformat()
    return (anchor - timedelta(days=back)).isoformat()


@lru_cache(maxsize=64)
def _parser(anchor: date | None) -> DateDataParser:
    """A dateparser reading relative and yearless dates against one anchor day (dateparser is imported
    here, on the first expression the common forms above cannot read: its import and first parse cost
    ~0.5 s of CPU, which an ingest whose dates are all common forms never pays)."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime.combine(anchor, datetime.min.time())
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(text: str, anchor: date | None, tense: Tense, has_year: bool) -> Resolved | None:
    """Month names, "last month", "two weeks ago", "March 1987": dateparser, at its period."""
    data = _parser(anchor).get_date_data(text)
    found, period = data.date_obj, data.period
    if found is None:
        return None
    day = found.date()
    named_years = set(_HAS_YEAR.findall(text))
    if has_year and str(day.year) not in named_years:
        # dateparser misread the phrase ("the 2005 year" -> year 21); keep what it plainly says.
        return (named_years.pop(), None) if len(named_years) == 1 else None
    if not has_year and anchor is not None and abs(day.year - anchor.year) > 1:
        return None  # a year the text does not name and no reading of it gives ("April 14/30" -> 1931)
    if not has_year and anchor is not None and period in ("day", "month"):
        day = _shift_year(day, anchor, tense, period)
    if period == "year":
        return at_precision(day, "year"), None
    if period == "month":
        return at_precision(day, "month"), None
    if period == "week":
        start = day - timedelta(days=day.weekday())
        return start.isoformat(), (start + timedelta(days=6)).isoformat()
    return day.isoformat(), None


def _shift_year(day: date, anchor: date, tense: Tense, period: str) -> date:
    """A yearless date moved to the year the sentence's tense implies."""
    earlier, later = (day, _replace_year(day, day.year + 1))
    if day > anchor:
        earlier, later = _replace_year(day, day.year - 1), day
    if tense == "past":
        return earlier
    same_month = period == "month" and (earlier.year, earlier.month) == (anchor.year, anchor.month)
    if tense == "future":
        return earlier if same_month else later
    return min((earlier, later), key=lambda candidate: abs((candidate - anchor).days))


def _replace_year(day: date, year: int) -> date:
    """The same day in another year (28 February for 29 February)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
