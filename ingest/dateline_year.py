"""Completing a yearless wire dateline ("MOSCOW, March 3 -") from evidence in the body.

A dateline without a year is completed only from the body (furniture excluded), never from
today's date. The rule: the body's latest year mentioned is a lower bound for the year of
publication, and a weekday the lead names for the news ("sought Monday") must fall on the
dateline's day. The weekday of a given day and month repeats after 5, 6 or 11 years (or 28 for
29 February), so within the five years starting at that lower bound at most one year fits; the
year is chosen only when exactly one does, else the date stays unknown.
"""

from __future__ import annotations

import re

from dossier.ingest.conventions import FULL_WEEKDAY_NAME, MONTH_PREFIX, WEEKDAYS
from dossier.store.partial_dates import day_of, partial_date

YEAR_WINDOW = 5
_YEAR = re.compile(r"(?<![\d,.$£€/-])(?P<year>1[6-9]\d\d|20\d\d)(?![\d,]|\.\d|/\d)")
# A number reads as a year after a preposition, month or "year" word, or before punctuation;
# "1630 mln dlrs" is an amount.
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|of|since|from|during|for|between|and|to|year|fiscal|early|late|mid|the|"
    rf"{MONTH_PREFIX})\w*[-.,]?\s*|-)$",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r"(?:[.,;:)!?'’]|\s*$|\s+(?:and|to|when|after|before)\b)")
# Years that are deadlines or forecasts ("by 1990", "until 2010") do not bound the date.
_FORWARD_YEAR = re.compile(
    r"\b(?:by|until|till|through|before)\s+(?:the\s+(?:end\s+of\s+(?:the\s+)?)?)?(?:year\s+)?$",
    re.IGNORECASE,
)
# A weekday tied to the news by its verb, wire style: "sought Monday", "met Tuesday" ("on
# Friday" is left out: Reuters-style copy uses it for any day of the week around the news).
_NEWS_WEEKDAY = re.compile(
    r"\b(?:[a-z]+ed|said|says|told|met|made|took|gave|held|sought|saw|won|lost|rose|fell|"
    r"became|came|went|left|began|spoke|wrote|sent|set|put|cut|paid|sold|bought|hit|struck|"
    rf"ran|led|kept|found|threw|shot)\s+(?P<weekday>{FULL_WEEKDAY_NAME})\b"
    rf"(?!,?\s+(?:\d|{MONTH_PREFIX}))",
    re.IGNORECASE,
)




def infer_year(month: int, day: int, body: str, lead_start: int = 0) -> int | None:
    """The one year that fits a yearless dateline, from the body's years and lead weekday.

    ``body`` has furniture blanked out; ``lead_start`` is where the news text begins (after
    the dateline). See the module docstring for the rule.
    """
    latest = latest_year(body)
    weekday = news_weekday(body, lead_start)
    if latest is None or weekday is None:
        return None
    fits = [
        year
        for year in range(latest, latest + YEAR_WINDOW)
        if (found := day_of(partial_date(year, month, day))) is not None and found.weekday() == weekday
    ]
    return fits[0] if len(fits) == 1 else None


def latest_year(body: str) -> int | None:
    """The latest year the body mentions as past or present (deadlines like "by 1990" aside)."""
    years = []
    for match in _YEAR.finditer(body):
        before = body[max(0, match.start() - 30) : match.start()]
        after = body[match.end() : match.end() + 12]
        is_year = _YEAR_BEFORE.search(before) or _YEAR_AFTER.match(after)
        if is_year and not _FORWARD_YEAR.search(before):
            years.append(int(match.group("year")))
    return max(years) if years else None


def news_weekday(body: str, lead_start: int = 0) -> int | None:
    """The weekday (0 = Monday) the lead gives for the news, if its tied weekdays agree.

    Only the first paragraph after ``lead_start`` counts, and only weekdays right after a
    verb ("sought Monday") that no date follows ("Wednesday February 25").
    """
    # The paragraph ends at a blank line or an indented line (wire copy).
    paragraph_end = re.compile(r"\n\s").search(body, lead_start)
    lead = body[lead_start : paragraph_end.start() if paragraph_end else len(body)]
    days = {WEEKDAYS[match.group("weekday").lower()] for match in _NEWS_WEEKDAY.finditer(lead)}
    return days.pop() if len(days) == 1 else None
