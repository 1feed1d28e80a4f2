"""The one partial-date helper: dates at their precision as ingest resolves them from the seed articles."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.ingest.dates import resolve
from dossier.store.partial_dates import (
    at_common_precision,
    at_precision,
    bucket,
    day_of,
    format_date,
    is_partial_date,
    partial_date,
    precision,
    sort_key,
)

# The Crocker article's dateline: "WASHINGTON, Nov 28 (AFP)", year from the body.
PUBLISHED = "2005-11-28"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [("1979", "year"), ("last month", "month"), ("October 19", "day"), ("May 3-4", "day")],
)
def test_resolved_dates_carry_their_precision(expression: str, expected: str) -> None:
    resolved = resolve(expression, PUBLISHED)
    assert resolved is not None
    assert precision(resolved[0]) == expected


@pytest.mark.parametrize("text", ["2007-02-30", "2007-13", "07-05", "2007-5", "May 2007", ""])
def test_what_is_not_a_partial_date(text: str) -> None:
    assert not is_partial_date(text)
    assert precision(text) is None


def test_building_a_date_checks_the_calendar() -> None:
    assert partial_date(2008, 2, 29) == "2008-02-29"
    assert partial_date(2007, 2, 29) is None
    assert partial_date(1987, 3) == "1987-03"
    assert at_precision(date(2005, 11, 28), "month") == "2005-11"


def test_ranges_read_one_way_everywhere() -> None:
    start, until = resolve("May 3-4", "2007-05-25") or ("", None)
    assert format_date(start, until) == "2007-05-03–2007-05-04"
    assert format_date("1979") == "1979"
    assert format_date(None) == "undated"


def test_timeline_order_puts_a_year_before_its_months_and_undated_last() -> None:
    dates = [None, "2005-11-28", "2005", "2005-11", "1979"]
    assert sorted(dates, key=sort_key) == ["1979", "2005", "2005-11", "2005-11-28", None]


def test_buckets_and_comparisons_at_a_shared_precision() -> None:
    assert bucket("2005-11-28", "month") == "2005-11"
    assert bucket("2005", "month") is None
    assert at_common_precision("2007-05", "2007-05-28") == ("2007-05", "2007-05")
    assert day_of(PUBLISHED) == date(2005, 11, 28)
    assert day_of("2005-11") is None
