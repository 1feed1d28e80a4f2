"""The documented schema of every stored record, checked on the parsed JSON dicts when a dossier opens.

A hand-edited or foreign file can hold any JSON where a record should be; building records from
it, or showing it, would then fail far from the cause. Opening checks every record once, with
cheap type tests on the raw dicts (no record is built), and refuses the file with one line naming
the first bad record and field; ``dossier doctor`` lists every problem with the same words.
Records link only to records that exist, and every span lies inside its source's text.

Two readers share the rules: ``fast_check``, one inline pass that clears a healthy file and maps
its records by id (about 2 µs per record and mention: the cost of touching each value once,
~25 ms of CPU on 1,275 articles), and ``table_problems``, which words every problem for
``doctor`` and for the one line of a refused open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import cast

from dossier.store.errors import DossierInvalid
from dossier.store.partial_dates import is_partial_date
from dossier.store.records import ACTOR_KINDS, EVENT_KINDS, SPEAKER_BY
from dossier.store.schema import RawRecord

RawTables = Mapping[str, Mapping[str, object]]
"""``{table: {doc id: record JSON}}`` as parsed, before anything was checked."""

KIND_OF_TABLE = {"sources": "source", "actors": "actor", "events": "event", "statements": "statement"}
_SHOWN_CHARS = 40


def show(value: object) -> str:
    """A JSON value as a short phrase for a message (long values cut, so one line stays one line)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


class _Reader:
    """Problems of one record's fields, phrased "'field' is VALUE, expected WHAT"."""

    __slots__ = ("problems", "record")

    def __init__(self, record: Mapping[str, object]) -> None:
        """Read fields of ``record``, collecting problems."""
        self.record = record
        self.problems: list[str] = []

    def wrong(self, field: str, value: object, expected: str) -> None:
        """Record that ``field`` holds ``value`` instead of ``expected``."""
        self.problems.append(f"{field!r} is {show(value)}, expected {expected}")

    def value(self, field: str) -> object:
        """The field's value; a missing field is a problem (and reads as None)."""
        if field not in self.record:
            self.problems.append(f"{field!r} is missing")
        return self.record.get(field)

    def string(self, field: str, *, nullable: bool = False, choices: tuple[str, ...] = ()) -> None:
        """Require a string (or null when ``nullable``), one of ``choices`` if given."""
        value = self.value(field)
        if field not in self.record or (nullable and value is None):
            return
        if type(value) is not str:
            self.wrong(field, value, "a string or null" if nullable else "a string")
        elif choices and value not in choices:
            self.wrong(field, value, "one of " + ", ".join(choices))

    def date(self, field: str) -> None:
        """Require an ISO partial date ("1979", "2007-05", "2007-05-28") or null."""
        value = self.value(field)
        if value is not None and (type(value) is not str or not is_partial_date(value)):
            self.wrong(field, value, 'a date like "2007", "2007-05" or "2007-05-28", or null')

    def strings(self, field: str) -> None:
        """Require a list of strings."""
        value = self.value(field)
        if field in self.record and (type(value) is not list or any(type(item) is not str for item in value)):
            self.wrong(field, value, "a list of strings")

    def listed(self, field: str, *, optional: bool = False) -> list[object]:
        """The field's list (an empty one when it is not a list, which is a problem)."""
        if optional and field not in self.record:
            return []
        value = self.value(field)
        if type(value) is list:
            return value
        if field in self.record:
            self.wrong(field, value, "a list")
        return []


class _Spans:
    """Span checks against the stored sources: the source exists and the offsets lie in its text."""

    __slots__ = ("lengths",)

    def __init__(self, lengths: Mapping[str, int]) -> None:
        """Check spans against ``lengths`` (source id -> length of its text)."""
        self.lengths = lengths

    def problem(self, source: object, start: object, end: object) -> str | None:
        """What is wrong with a span given as its three parts, or None."""
        if type(source) is not str or type(start) is not int or type(end) is not int:
            return f"is {show([source, start, end])}, expected a source id and two whole numbers"
        length = self.lengths.get(source)
        if length is None:
            return f"points at unknown source {source!r}"
        if not 0 <= start <= end <= length:
            return f"[{start}:{end}] is outside the text of {source} (length {length})"
        return None

    def of_object(self, span: object) -> str | None:
        """What is wrong with a ``{source, start, end}`` span, or None."""
        if type(span) is not dict:
            return f"is {show(span)}, expected an object with source, start and end"
        return self.problem(span.get("source"), span.get("start"), span.get("end"))

    def of_mention(self, span: object) -> str | None:
        """What is wrong with a mention: a ``[source, start, end]`` row or a span object, or None."""
        if type(span) is list:
            if len(span) != 3:
                return f"is {show(span)}, expected [source, start, end]"
            return self.problem(span[0], span[1], span[2])
        return self.of_object(span)


def source_problems(record: Mapping[str, object]) -> list[str]:
    """What is wrong with a source's fields (its furniture is checked against its own text)."""
    reader = _Reader(record)
    reader.string("id")
    reader.string("title")
    reader.string("text")
    for field in ("published", "publisher", "place", "path", "url"):
        reader.string(field, nullable=True)
    reader.string("content_hash")
    reader.string("added")
    text = record.get("text")
    length = len(text) if type(text) is str else 0
    for pair in reader.listed("furniture"):
        if not (
            type(pair) is list
            and len(pair) == 2
            and type(pair[0]) is int
            and type(pair[1]) is int
            and 0 <= pair[0] <= pair[1] <= length
        ):
            reader.problems.append(f"furniture {show(pair)} is outside its text (length {length})")
    return reader.problems


def actor_problems(record: Mapping[str, object], spans: _Spans) -> list[str]:
    """What is wrong with an actor's fields, mentions and roles."""
    reader = _Reader(record)
    reader.string("id")
    reader.string("name")
    reader.string("kind", choices=ACTOR_KINDS)
    reader.strings("aliases")
    if "keys" in record:
        reader.strings("keys")
    of_mention = spans.of_mention
    for mention in reader.listed("mentions"):
        if (problem := of_mention(mention)) is not None:
            reader.problems.append(f"a mention {problem}")
    for role in reader.listed("roles"):
        if type(role) is not dict:
            reader.problems.append(f"a role is {show(role)}, expected an object")
            continue
        name, date = role.get("role"), role.get("date")
        if type(name) is not str:
            reader.problems.append(f"a role's 'role' is {show(name)}, expected a string")
        elif date is not None and type(date) is not str:
            reader.problems.append(f"the role {name!r} has 'date' {show(date)}, expected a string or null")
        elif (problem := spans.of_object(role)) is not None:
            reader.problems.append(f"the role {name!r} {problem}")
    return reader.problems


def event_problems(record: Mapping[str, object], spans: _Spans, actor_ids: Mapping[str, object]) -> list[str]:
    """What is wrong with an event's fields, evidence, date span and links to actors."""
    reader = _Reader(record)
    reader.string("id")
    reader.date("date")
    reader.date("until")
    reader.string("kind", choices=EVENT_KINDS)
    reader.string("title")
    evidence = reader.listed("evidence")
    if "evidence" in record and type(record["evidence"]) is list and not evidence:
        reader.problems.append("has no evidence")
    for span in evidence:
        if (problem := spans.of_object(span)) is not None:
            reader.problems.append(f"evidence {problem}")
    when = reader.value("when")
    if when is not None and (problem := spans.of_object(when)) is not None:
        reader.problems.append(f"its date span 'when' {problem}")
    actors = reader.listed("actors")
    for actor_id in actors:
        if type(actor_id) is not str:
            reader.wrong("actors", actors, "a list of actor ids")
            break
        if actor_id not in actor_ids:
            reader.problems.append(f"links to missing actor {actor_id!r}")
    place = reader.value("place")
    if place is not None:
        if type(place) is not str:
            reader.wrong("place", place, "an actor id or null")
        elif place not in actor_ids:
            reader.problems.append(f"links to missing place {place!r}")
    return reader.problems


def statement_problems(record: Mapping[str, object], spans: _Spans, actor_ids: Mapping[str, object]) -> list[str]:
    """What is wrong with a statement's fields, content and evidence spans and speaker link."""
    reader = _Reader(record)
    reader.string("id")
    reader.string("speaker", nullable=True)
    reader.string("speaker_text")
    reader.string("speaker_by", nullable=True, choices=SPEAKER_BY)
    reader.string("verb")
    reader.date("date")
    direct = reader.value("direct")
    if "direct" in record and type(direct) is not bool:
        reader.wrong("direct", direct, "true or false")
    content = reader.value("content")
    if "content" in record and (problem := spans.of_object(content)) is not None:
        reader.problems.append(f"its content {problem}")
    evidence = reader.listed("evidence")
    if "evidence" in record and type(record["evidence"]) is list and not evidence:
        reader.problems.append("has no evidence")
    for span in evidence:
        if (problem := spans.of_object(span)) is not None:
            reader.problems.append(f"evidence {problem}")
    speaker = record.get("speaker")
    if type(speaker) is str and speaker not in actor_ids:
        reader.problems.append(f"links to missing speaker {speaker!r}")
    return reader.problems


def name_of(table: str, doc_id: str, record: object) -> str:
    """How a message names a record: "actor a-tom-casey", or its table and position without an id."""
    record_id = record.get("id") if isinstance(record, dict) else None
    if type(record_id) is str and record_id:
        return f"{KIND_OF_TABLE[table]} {show(record_id) if len(record_id) > _SHOWN_CHARS else record_id}"
    return f"{table} document {doc_id if doc_id.isascii() and doc_id.isdigit() else show(doc_id)}"


def table_problems(tables: RawTables) -> Iterator[str]:
    """Every problem of every record, each one line naming the record (what ``doctor`` lists).

    ``tables`` holds the record tables, each already a JSON object.
    """
    ids: dict[str, dict[str, object]] = {}
    for table, records in tables.items():
        seen: dict[str, object] = {}
        for doc_id, record in records.items():
            if not (doc_id.isascii() and doc_id.isdigit()):
                yield f"{name_of(table, doc_id, record)} is stored under {show(doc_id)}, expected a number"
            if type(record) is not dict:
                yield f"{name_of(table, doc_id, record)} is {show(record)}, expected an object"
                continue
            record_id = record.get("id")
            if type(record_id) is not str or not record_id:
                wrong = "has no id" if record_id is None else f"has 'id' {show(record_id)}, expected a string"
                yield f"{name_of(table, doc_id, record)} {wrong}"
            elif record_id in seen:
                yield f"{table}: the id {record_id} is used twice"
            else:
                seen[record_id] = record
        ids[table] = seen
    yield from _record_problems(tables, ids["sources"], ids["actors"])


def _record_problems(tables: RawTables, sources: Mapping[str, object], actors: Mapping[str, object]) -> Iterator[str]:
    """The field, span and link problems of each record, prefixed by the record's name."""
    lengths = {
        source_id: len(text)
        for source_id, record in sources.items()
        if isinstance(record, dict) and type(text := record.get("text")) is str
    }
    spans = _Spans(lengths)
    checks: dict[str, Callable[[Mapping[str, object]], list[str]]] = {
        "sources": source_problems,
        "actors": lambda record: actor_problems(record, spans),
        "events": lambda record: event_problems(record, spans, actors),
        "statements": lambda record: statement_problems(record, spans, actors),
    }
    for table, records in tables.items():
        check = checks[table]
        for doc_id, record in records.items():
            if type(record) is dict:
                for problem in check(record):
                    yield f"{name_of(table, doc_id, record)}: {problem}"


def records_by_id(path: Path, tables: RawTables) -> dict[str, dict[str, RawRecord]]:
    """``{table: {record id: JSON dict}}`` of records that all fit the schema; else ``DossierInvalid``
    naming the first record off it.

    Opening a big dossier must stay fast, so one quick pass (``fast_check``) both clears every
    record of a healthy file and maps them by id; only a file it doubts is read again
    (``table_problems``) for the words of the problem.
    """
    by_id = fast_check(tables)
    if by_id is not None:
        return by_id
    first = next(table_problems(tables), None)
    if first is not None:
        raise DossierInvalid(path, first)
    checked = cast(Mapping[str, Mapping[str, RawRecord]], tables)  # every record is a dict with a string id
    return {table: {record["id"]: record for record in records.values()} for table, records in checked.items()}


_ACTOR_KINDS = frozenset(ACTOR_KINDS)
_EVENT_KINDS = frozenset(EVENT_KINDS)
_NULLABLE_SOURCE_FIELDS = ("published", "publisher", "place", "path", "url")
_NO_KEYS: list[str] = []  # an actor without match keys (they are optional)


def fast_check(tables: RawTables) -> dict[str, dict[str, RawRecord]] | None:
    """The records by id when every record surely fits the schema, checked as cheaply as Python allows.

    None means "look closer" (``table_problems`` decides and words the problem); the maps
    only when ``table_problems`` would find nothing. Wrong types surface as the ``KeyError``,
    ``TypeError`` or ``ValueError`` of reading them and all count as a doubt. One pass over
    the records, loops inline: the data was just parsed and is mostly out of the CPU's caches,
    so every further pass over it would cost as much again.
    """
    try:
        for records in tables.values():
            if not (all(map(str.isascii, records)) and all(map(str.isdigit, records))):
                return None
        # Typed as what they should be: any other JSON fails a lookup below and counts as a doubt.
        typed = cast(Mapping[str, Mapping[str, RawRecord]], tables)
        sources, actors, events = typed["sources"], typed["actors"], typed["events"]
        lengths: dict[str, int] = {}
        source_map: dict[str, RawRecord] = {}
        for record in sources.values():
            if type(record) is not dict or not _source_fits(record):
                return None
            lengths[record["id"]] = len(record["text"])
            source_map[record["id"]] = record
        length_of = lengths.get
        actor_map: dict[str, RawRecord] = {}
        for record in actors.values():
            record_id, aliases, mentions, roles = record["id"], record["aliases"], record["mentions"], record["roles"]
            if not (
                type(record_id) is str
                and record_id
                and type(record["name"]) is str
                and record["kind"] in _ACTOR_KINDS
                and type(aliases) is list
                and type(mentions) is list
                and type(roles) is list
                and (not aliases or all(map(_is_string, aliases)))
            ):
                return None
            keys = record.get("keys", _NO_KEYS)
            if keys is not _NO_KEYS and (type(keys) is not list or not all(map(_is_string, keys))):
                return None
            for source, start, end in mentions:
                length = length_of(source)
                if length is None or type(start) is not int or type(end) is not int or not 0 <= start <= end <= length:
                    return None
            for role in roles or ():
                date = role.get("date")
                if type(role["role"]) is not str or (date is not None and type(date) is not str):
                    return None
                if not _span_fits(role, lengths):
                    return None
            actor_map[record_id] = record
        event_map: dict[str, RawRecord] = {}
        for record in events.values():
            if type(record) is not dict or not _event_fits(record, lengths, actor_map):
                return None
            event_map[record["id"]] = record
        statements = typed.get("statements", {})
        statement_map: dict[str, RawRecord] = {}
        for record in statements.values():
            if type(record) is not dict or not _statement_fits(record, lengths, actor_map):
                return None
            statement_map[record["id"]] = record
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    if (
        len(source_map) != len(sources)
        or len(actor_map) != len(actors)
        or len(event_map) != len(events)
        or len(statement_map) != len(statements)
    ):
        return None  # an id used twice
    return {"sources": source_map, "actors": actor_map, "events": event_map, "statements": statement_map}


_is_string = str.__instancecheck__  # JSON strings are exactly str: no subclass can come from the parser


def _source_fits(record: dict[str, object]) -> bool:
    """Whether a source's fields and furniture surely fit (reading a wrong type raises)."""
    record_id, text = record["id"], record["text"]
    if not (
        type(record_id) is str
        and record_id
        and type(record["title"]) is str
        and type(text) is str
        and type(record["content_hash"]) is str
        and type(record["added"]) is str
    ):
        return False
    for field in _NULLABLE_SOURCE_FIELDS:
        value = record[field]
        if value is not None and type(value) is not str:
            return False
    length = len(text)
    furniture = record["furniture"]
    if type(furniture) is not list:
        return False
    for pair in furniture:
        if type(pair) is not list:
            return False
        start, end = pair
        if type(start) is not int or type(end) is not int or not 0 <= start <= end <= length:
            return False
    return True


def _event_fits(record: dict[str, object], lengths: dict[str, int], actor_ids: Mapping[str, object]) -> bool:
    """Whether an event's fields, spans and links surely fit (reading a wrong type raises)."""
    record_id, actors, place, evidence, when = (
        record["id"], record["actors"], record["place"], record["evidence"], record["when"],
    )
    if not (
        type(record_id) is str
        and record_id
        and record["kind"] in _EVENT_KINDS
        and type(record["title"]) is str
        and type(actors) is list
        and type(evidence) is list
        and evidence
    ):
        return False
    for value in (record["date"], record["until"]):
        if value is not None and not _is_date(value):
            return False
    if not all(type(actor) is str and actor in actor_ids for actor in actors):
        return False
    if place is not None and (type(place) is not str or place not in actor_ids):
        return False
    if when is not None and (type(when) is not dict or not _span_fits(when, lengths)):
        return False
    return all(type(span) is dict and _span_fits(span, lengths) for span in evidence)


def _statement_fits(record: dict[str, object], lengths: dict[str, int], actor_ids: Mapping[str, object]) -> bool:
    """Whether a statement's fields, spans and speaker link surely fit (reading a wrong type raises)."""
    record_id, speaker, by, content, evidence = (
        record["id"], record["speaker"], record["speaker_by"], record["content"], record["evidence"],
    )
    if not (
        type(record_id) is str
        and record_id
        and type(record["speaker_text"]) is str
        and type(record["verb"]) is str
        and type(record["direct"]) is bool
        and (by is None or by in SPEAKER_BY)
        and (speaker is None or (type(speaker) is str and speaker in actor_ids))
        and type(content) is dict
        and _span_fits(content, lengths)
        and type(evidence) is list
        and evidence
    ):
        return False
    date = record["date"]
    if date is not None and not _is_date(date):
        return False
    return all(type(span) is dict and _span_fits(span, lengths) for span in evidence)


def _span_fits(span: dict[str, object], lengths: dict[str, int]) -> bool:
    """Whether a ``{source, start, end}`` span lies inside a stored source's text."""
    source, start, end = span["source"], span["start"], span["end"]
    length = lengths.get(source) if type(source) is str else None
    return length is not None and type(start) is int and type(end) is int and 0 <= start <= end <= length


@lru_cache(maxsize=4096)
def _is_date(value: object) -> bool:
    """``is_partial_date`` for any JSON value, remembered (a dossier repeats few dates many times)."""
    return type(value) is str and is_partial_date(value)
