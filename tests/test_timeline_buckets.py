"""Bucketing dates for the timeline: sizes adapt to the span, coarse dates stay in their own bucket
size, undated ones are counted — over the hand-made seed dossier's real event dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dossier.store.curation.operations import Merge
from dossier.store.dossier import Dossier
from dossier.store.timeline import (
    bucket_start,
    event_dates,
    events_in_bucket,
    fitting_size,
    histogram,
    mention_dates,
    next_start,
    sparkline,
    zoomed,
)


def test_a_date_falls_in_a_bucket_only_at_its_precision() -> None:
    assert bucket_start("2007-05-28", "week") == date(2007, 5, 28)  # a Monday
    assert bucket_start("2007-06-03", "week") == date(2007, 5, 28)  # the Sunday after it
    assert bucket_start("2007-05-28", "month") == date(2007, 5, 1)
    assert bucket_start("2007-05", "year") == date(2007, 1, 1)
    assert bucket_start("2007-05", "day") is None and bucket_start("2007", "month") is None
    assert bucket_start(None, "year") is None and bucket_start("not a date", "year") is None


def test_buckets_step_over_month_and_year_ends() -> None:
    assert next_start(date(2006, 12, 1), "month") == date(2007, 1, 1)
    assert next_start(date(2006, 12, 25), "week") == date(2007, 1, 1)
    assert fitting_size(date(2007, 5, 1), date(2007, 5, 28), 60) == "day"
    assert fitting_size(date(2006, 10, 19), date(2007, 5, 28), 60) == "week"
    assert fitting_size(date(1979, 1, 1), date(2007, 5, 28), 60) == "year"
    assert zoomed("day", -1) == "day" and zoomed("year", 1) == "year" and zoomed("week", 1) == "month"


def test_the_seed_timeline_counts_every_event(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    dates = event_dates(dossier, dossier.timeline_ids())
    years = histogram(dates)
    assert years.size == "year"  # 1979 to 2007 does not fit 60 months
    assert [(b.label, b.count) for b in years.buckets if b.count] == [("1979", 1), ("2006", 3), ("2007", 4)]
    assert len(years.buckets) == 29  # the silent years between are kept
    assert years.undated == 1 and years.coarser == 0  # "Bush labels Iran part of an axis of evil"
    months = histogram(dates, "month")
    assert months.coarser == 1  # 1979 is no month
    assert [(b.label, b.count) for b in months.buckets if b.count] == [
        ("2006-10", 2), ("2006-11", 1), ("2007-05", 4)]
    days = histogram(dates, "day")
    assert days.coarser == 3  # 1979, 2006-10 and 2007-05 (the conference) are no days
    may = events_in_bucket(dossier, dossier.timeline_ids(), date(2007, 5, 1), "month")
    assert [dossier.events[e].title for e in may][-1] == "Iran and the United States hold talks in Baghdad"
    assert len(may) == 4


def test_an_actors_activity_follows_its_sources(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    iran = mention_dates(dossier, "a-iran")
    assert iran == {"2006-11-28": 29, "2007-05-25": 12}  # all 41 mentions, by their source's date
    line = sparkline([b.count for b in histogram(iran, "month").buckets])
    assert line[0] == "█" and line[-1] not in " █" and set(line[1:-1]) == {" "}  # more in 2006-11 than 2007-05


def test_a_merge_shows_in_the_activity_at_once(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    assert mention_dates(dossier, "a-iran") == {"2006-11-28": 29, "2007-05-25": 12}
    dossier.apply(Merge(("a-iran", "a-tehran")))  # Tehran: 4 mentions in the AFP article
    assert mention_dates(dossier, "a-iran") == {"2006-11-28": 33, "2007-05-25": 12}
    dossier.undo()
    assert mention_dates(dossier, "a-iran") == {"2006-11-28": 29, "2007-05-25": 12}
