"""Time expressions resolved against a publication date, at their real precision."""

from __future__ import annotations

import pytest

from dossier.ingest.dates import date_prefix, resolve

AFP = "2005-11-28"  # a Monday
USINFO = "2007-05-25"  # a Friday


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "expected"),
    [
        ("1979", AFP, "past", ("1979", None)),
        ("in 2003", AFP, "past", ("2003", None)),
        ("last month", AFP, "past", ("2005-10", None)),
        ("October 19", AFP, "past", ("2005-10-19", None)),
        ("on October 19", AFP, "past", ("2005-10-19", None)),
        ("Monday", AFP, "past", ("2005-11-28", None)),
        ("last Friday", AFP, "past", ("2005-11-25", None)),
        ("yesterday", AFP, "past", ("2005-11-27", None)),
        ("Tuesday night", AFP, "past", ("2005-11-22", None)),
        ("last week", AFP, "past", ("2005-11-21", "2005-11-27")),
        ("January 2021", AFP, "past", ("2021-01", None)),
        ("earlier this month", AFP, "past", ("2005-11", None)),
        ("May 3-4", USINFO, None, ("2007-05-03", "2007-05-04")),
        ("3-4 May", USINFO, "past", ("2007-05-03", "2007-05-04")),
        ("May 28", USINFO, "future", ("2007-05-28", None)),
        ("May 25", USINFO, "past", ("2007-05-25", None)),
        # A yearless date after publication in a past-tense sentence is last year's.
        ("May 28", USINFO, "past", ("2006-05-28", None)),
        ("Dec 5", AFP, "past", ("2004-12-05", None)),
        ("Dec 5", AFP, "future", ("2005-12-05", None)),
        ("25 May 2007", None, "past", ("2007-05-25", None)),
        # Relative weeks name the whole week, weekends their Saturday and Sunday.
        ("two weeks ago", AFP, "past", ("2005-11-14", "2005-11-20")),
        ("the week before last", AFP, "past", ("2005-11-14", "2005-11-20")),
        ("last weekend", USINFO, "past", ("2007-05-19", "2007-05-20")),
        ("this weekend", USINFO, "future", ("2007-05-26", "2007-05-27")),
        # A weekday given with a yearless date picks the year whose calendar agrees, whatever the tense.
        ("Thursday, March 19", "1987-03-12", "past", ("1987-03-19", None)),
        ("Friday, Nov 25", AFP, "future", ("2005-11-25", None)),
        ("Tuesday, May 9, 2006", USINFO, None, ("2006-05-09", None)),
        ("October 19, 2005", None, "past", ("2005-10-19", None)),
    ],
)
def test_resolves_at_real_precision(expression, anchor, tense, expected) -> None:
    assert resolve(expression, anchor, tense=tense) == expected


@pytest.mark.parametrize(
    "expression", ["decades", "two months", "the 67th day", "the 1990s", "may be", "More than two months"]
)
def test_durations_and_ordinals_are_not_dates(expression: str) -> None:
    assert resolve(expression, AFP) is None


@pytest.mark.parametrize("expression", ["Monday", "last month", "October 19", "yesterday"])
def test_relative_and_yearless_need_a_publication_date(expression: str) -> None:
    assert resolve(expression, None) is None
    assert resolve(expression, "2005") is None
    assert resolve("1979", None) == ("1979", None)


def test_date_entity_that_swallowed_a_name_is_cut_to_the_date() -> None:
    assert date_prefix("May 3-4 Iraq Neighbors’ Conference") == "May 3-4"
    assert date_prefix("last month") == "last month"
    assert date_prefix("Aug. 27") == "Aug. 27"


def test_a_phrase_dateparser_misreads_keeps_its_named_year() -> None:
    assert resolve("the 2005 year", None) == ("2005", None)
