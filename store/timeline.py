"""Events and mentions counted over time: buckets of a day, week, month or year that adapt to the span.

Pure date arithmetic over partial ISO dates (``partial_dates``): a date falls in a bucket only
when it is at least as precise as the bucket ("2007-05" is in the month 2007-05 and the year
2007, but in no day or week), so a chart never pretends a year-only date happened in January.
Dates coarser than the bucket size and undated records are counted apart, never dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal
from weakref import WeakKeyDictionary

from dossier.store.bulk import without_gc
from dossier.store.partial_dates import precision

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

BucketSize = Literal["day", "week", "month", "year"]
SIZES: tuple[BucketSize, ...] = ("day", "week", "month", "year")
"""Bucket sizes, finest first (zooming in moves left, zooming out right)."""

_PRECISION_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}
"""How precise a date must be to fall in a bucket of each size (rank of day, month, year)."""
_DATE_RANK = {"day": 0, "month": 1, "year": 2}


def bucket_start(text: str | None, size: BucketSize) -> date | None:
    """The first day of the ``size`` bucket a partial date falls in; None when undated, not a date,
    or coarser than the bucket (a year-only date has no month)."""
    if not text:
        return None
    date_precision = precision(text[:10])
    if date_precision is None or _DATE_RANK[date_precision] > _PRECISION_RANK[size]:
        return None
    year = int(text[:4])
    if size == "year":
        return date(year, 1, 1)
    if size == "month":
        return date(year, int(text[5:7]), 1)
    day = date.fromisoformat(text[:10])
    return day - timedelta(days=day.weekday()) if size == "week" else day


def next_start(start: date, size: BucketSize) -> date:
    """The first day of the bucket after the one starting at ``start``."""
    if size == "day":
        return start + timedelta(days=1)
    if size == "week":
        return start + timedelta(days=7)
    if size == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def bucket_label(start: date, size: BucketSize) -> str:
    """How a bucket reads: "2007", "2007-05", "2007-05-28", or "week of 2007-05-28"."""
    if size == "year":
        return f"{start.year:04d}"
    if size == "month":
        return start.isoformat()[:7]
    return f"week of {start.isoformat()}" if size == "week" else start.isoformat()


def bucket_count(first: date, last: date, size: BucketSize) -> int:
    """How many ``size`` buckets the days ``first``..``last`` cover (both inclusive)."""
    if size == "year":
        return last.year - first.year + 1
    if size == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    if size == "week":
        return ((last - timedelta(days=last.weekday())) - (first - timedelta(days=first.weekday()))).days // 7 + 1
    return (last - first).days + 1


def fitting_size(first: date, last: date, room: int) -> BucketSize:
    """The finest bucket size whose buckets over ``first``..``last`` fit in ``room`` columns."""
    return next((size for size in SIZES if bucket_count(first, last, size) <= room), "year")


@dataclass(frozen=True, slots=True)
class Bucket:
    """One stretch of time and how many dated records fall in it."""

    start: date
    size: BucketSize
    count: int

    @property
    def label(self) -> str:
        """How the bucket reads ("2007-05", "week of 2007-05-28")."""
        return bucket_label(self.start, self.size)


@dataclass(frozen=True, slots=True)
class Histogram:
    """Counts per bucket over the whole dated span (empty buckets kept: silences show), plus the
    records dated less precisely than the buckets and the undated ones."""

    size: BucketSize
    buckets: tuple[Bucket, ...]
    coarser: int
    undated: int

    @property
    def dated(self) -> int:
        """How many records fall in some bucket."""
        return sum(b.count for b in self.buckets)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The first and last day the dates name (a year or month counts as its first day)."""

    first: date
    last: date


def date_span(dates: Iterable[str | None]) -> DateSpan | None:
    """The days covered by the dates (a year-only date covers its first day), or None if none is a date."""
    days = [bucket_start(text, "year" if len(text) == 4 else "month" if len(text) == 7 else "day")
            for text in dates if text]
    known = [day for day in days if day is not None]
    return DateSpan(min(known), max(known)) if known else None


@without_gc
def histogram(
    dates: Sequence[str | None] | Counter[str | None],
    size: BucketSize | None = None,
    room: int = 60,
    around: Iterable[str | None] = (),
) -> Histogram:
    """Count dates (or a Counter of them) per bucket of ``size`` (default: the finest size whose
    buckets fit ``room``); the buckets also cover the dates ``around`` (another series on the same buckets)."""
    tallies = dates if isinstance(dates, Counter) else Counter(dates)  # each distinct date is parsed once
    span = date_span([*tallies, *around])
    if span is None:
        return Histogram(size or "year", (), 0, sum(n for text, n in tallies.items() if not text))
    chosen = size or fitting_size(span.first, span.last, room)
    counts: Counter[date] = Counter()
    coarser = undated = 0
    for text, tally in tallies.items():
        start = bucket_start(text, chosen)
        if start is not None:
            counts[start] += tally
        elif text:
            coarser += tally
        else:
            undated += tally
    first = bucket_start(span.first.isoformat(), chosen)
    assert first is not None  # a day is precise enough for every bucket size
    buckets: list[Bucket] = []
    start = first
    while start <= span.last:
        buckets.append(Bucket(start, chosen, counts.get(start, 0)))
        start = next_start(start, chosen)
    return Histogram(chosen, tuple(buckets), coarser, undated)


def zoomed(size: BucketSize, step: int) -> BucketSize:
    """The next finer (``step`` < 0) or coarser (``step`` > 0) bucket size, stopping at day and year."""
    return SIZES[max(0, min(len(SIZES) - 1, SIZES.index(size) + step))]


def in_bucket(text: str | None, start: date, size: BucketSize) -> bool:
    """Whether a partial date falls in the ``size`` bucket starting at ``start``."""
    return bucket_start(text, size) == start


@without_gc
def event_dates(dossier: Dossier, event_ids: Iterable[str]) -> list[str | None]:
    """The dates of these events, read without building the records."""
    return [dossier.events.searchable(event_id)[1] for event_id in event_ids]


@without_gc
def events_in_bucket(dossier: Dossier, event_ids: Iterable[str], start: date, size: BucketSize) -> list[str]:
    """The ids (in the order given) of the events whose date falls in one bucket (each distinct date judged once)."""
    judged: dict[str | None, bool] = {}
    kept: list[str] = []
    for event_id in event_ids:
        text = dossier.events.searchable(event_id)[1]
        inside = judged.get(text)
        if inside is None:
            inside = judged[text] = in_bucket(text, start, size)
        if inside:
            kept.append(event_id)
    return kept


_MENTION_DATES: WeakKeyDictionary[Dossier, dict[tuple[str, int], Counter[str | None]]] = WeakKeyDictionary()
"""Recent answers of ``mention_dates`` per dossier, keyed by actor and mention count (a merge, split
or ingest changes the count; a source's date never changes), so selecting an actor again is free."""
MENTION_DATES_KEPT = 64
_PUBLISHED: WeakKeyDictionary[Dossier, dict[str, str | None]] = WeakKeyDictionary()
"""Each source's publication date as read once (it never changes under its id): a merged actor's
activity is counted again over 16,000 sources without reading each source's record again."""


@without_gc
def mention_dates(dossier: Dossier, actor_id: str) -> Counter[str | None]:
    """How many of an actor's mentions each publication date has (its activity over time), read per
    source rather than per mention (a top actor has 20,000 mentions in 14,000 sources). Read only:
    the answer is kept for the next call."""
    kept = _MENTION_DATES.setdefault(dossier, {})
    key = (actor_id, dossier.actors.mention_count(actor_id))
    dates = kept.get(key)
    if dates is None:
        per_source = Counter(dossier.actors.mention_source_ids(actor_id))
        known = _PUBLISHED.setdefault(dossier, {})
        published = dossier.sources.published
        dates = Counter()
        for source_id, count in per_source.items():
            if source_id not in known:
                known[source_id] = published(source_id)
            dates[known[source_id]] += count
        if len(kept) >= MENTION_DATES_KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = dates
    return dates


def kept_mention_dates(dossier: Dossier, actor_id: str) -> Counter[str | None] | None:
    """``mention_dates`` if it is kept for the actor as it is now (the selected actor's: Detail's
    sparkline read them), else None, without reading anything."""
    return _MENTION_DATES.get(dossier, {}).get((actor_id, dossier.actors.mention_count(actor_id)))


SPARK_BLOCKS = " ▁▂▃▄▅▆▇█"
"""The nine heights of a one-line sparkline (a space for nothing)."""


def sparkline(counts: Sequence[int]) -> str:
    """Counts as one line of block characters, the largest a full block, any non-zero at least ▁."""
    top = max(counts, default=0)
    if top == 0:
        return " " * len(counts)
    steps = len(SPARK_BLOCKS) - 1
    return "".join(SPARK_BLOCKS[0 if c == 0 else max(1, round(c * steps / top))] for c in counts)
