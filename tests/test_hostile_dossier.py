"""Hand-edited and wrong-typed dossier files (issue 15, item 8): a generator sets each field of each
record kind of a real dossier (the two seeds, with two of their statements) to each wrong JSON type,
removes it, or nulls it,
and every variant either opens and works everywhere, or is refused with one line naming the record;
``doctor`` agrees, never raises and names the record; nothing writes to the file."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest

from dossier.cli import main
from dossier.store import Dossier, DossierError, DossierInvalid
from dossier.store.drafts import ExtractedDocument, StatementDraft
from dossier.store.health import check
from dossier.store.record_schema import KIND_OF_TABLE, fast_check, table_problems
from dossier.store.records import Span
from dossier.tui.presenters import dossier_detail, record_detail
from tests.conftest import build_dossier, handmade_documents

Data = dict[str, Any]
MISSING = object()
WRONG_VALUES: dict[str, object] = {
    "null": None,
    "missing": MISSING,
    "true": True,
    "number": 7,
    "float": 2.5,
    "negative": -1,
    "string": "x",
    "empty list": [],
    "list": [1, 2, 3],
    "nested list": [[1, 2, 3]],
    "object": {},
    "object with keys": {"source": 1, "start": "a"},
}

# The wrong-typed files of the issue, each as it was reported.
REPORTED: dict[str, Callable[[Data], None]] = {
    "mentions: 7": lambda d: _first(d, "actors").update(mentions=7),
    "a list as a mention's source": lambda d: _first(d, "actors")["mentions"][0].__setitem__(0, ["s"]),
    "roles: [[1,2,3]]": lambda d: _first(d, "actors").update(roles=[[1, 2, 3]]),
    "furniture: 3": lambda d: _first(d, "sources").update(furniture=3),
    "event actors: 3": lambda d: _first(d, "events").update(actors=3),
    "aliases: 5": lambda d: _first(d, "actors").update(aliases=5),
    "event title: 7": lambda d: _first(d, "events").update(title=7),
    "event date: 2007": lambda d: _first(d, "events").update(date=2007),
    "an actor without mentions": lambda d: _first(d, "actors").pop("mentions"),
    "source title: null": lambda d: _first(d, "sources").update(title=None),
    'actor kind: "alien"': lambda d: _first(d, "actors").update(kind="alien"),
    "schema: 0": lambda d: d["meta"]["1"].update(schema=0),
    "event date: 2007-02-30": lambda d: _first(d, "events").update(date="2007-02-30"),
    "doc id not a number": lambda d: d["actors"].update(x=d["actors"].pop(next(iter(d["actors"])))),
    "duplicate id": lambda d: d["events"].update({"999": copy.deepcopy(_first(d, "events"))}),
    "a table that is a list": lambda d: d.update(events=[]),
}


def _first(data: Data, table: str) -> Data:
    """The record the variants change: the first with every list field filled (roles, place, mentions)."""
    records = list(data[table].values())
    for record in records:
        if record.get("roles") or record.get("place"):
            return record
    return records[0]


def _set(container: Any, key: Any, value: object) -> None:
    """Set or (for ``MISSING``) remove one entry of a dict or list."""
    if value is MISSING:
        if isinstance(container, dict):
            container.pop(key, None)
        else:
            del container[key]
    else:
        container[key] = value


def _variants(data: Data) -> Iterator[tuple[str, Callable[[Data], None]]]:
    """Every (name, change): each field of each record kind, and each part of their spans, set to each wrong value."""
    for table in KIND_OF_TABLE:
        record = _first(data, table)
        fields = [*record, *(["keys"] if table == "actors" and "keys" not in record else [])]
        places: list[tuple[str, Callable[[Data], Any], Any]] = [
            (field, lambda d, t=table: _first(d, t), field) for field in fields
        ]
        if table == "actors":
            places += [(f"mentions[0][{i}]", lambda d: _first(d, "actors")["mentions"][0], i) for i in range(3)]
            places += [("mentions[0]", lambda d: _first(d, "actors")["mentions"], 0)]
            places += [(f"roles[0].{k}", lambda d: _first(d, "actors")["roles"][0], k) for k in record["roles"][0]]
        if table == "events":
            places += [
                (f"evidence[0].{k}", lambda d: _first(d, "events")["evidence"][0], k) for k in record["evidence"][0]
            ]
            places += [("evidence[0]", lambda d: _first(d, "events")["evidence"], 0)]
            places += [("actors[0]", lambda d: _first(d, "events")["actors"], 0)]
        if table == "sources":
            places += [("furniture[0]", lambda d: _first(d, "sources")["furniture"], 0)]
        if table == "statements":
            places += [(f"content.{k}", lambda d: _first(d, "statements")["content"], k) for k in record["content"]]
            places += [
                (f"evidence[0].{k}", lambda d: _first(d, "statements")["evidence"][0], k) for k in record["evidence"][0]
            ]
            places += [("evidence[0]", lambda d: _first(d, "statements")["evidence"], 0)]
        for where, container_of, key in places:
            for label, value in WRONG_VALUES.items():

                def change(d: Data, container_of=container_of, key=key, value=value) -> None:
                    _set(container_of(d), key, value if value is MISSING else copy.deepcopy(value))

                yield f"{table} {where} {label}", change
    yield from REPORTED.items()


def _quoted(source_id: str, text: str, words: str) -> Span:
    """The span of ``words`` in ``text`` (they occur in the seed article)."""
    start = text.index(words)
    return Span(source_id, start, start + len(words))


def _with_statements() -> list[ExtractedDocument]:
    """The hand-made seed documents plus two of their statements: a direct quote and indirect speech."""
    afp, usinfo = handmade_documents()
    text = usinfo.source.text
    ball = _quoted(usinfo.source.id, text, "[T]he ball really is in their court")
    usinfo.statements.append(StatementDraft("casey", "Casey", "named", "say", True, ball, [ball], "2007-05-25"))
    text = afp.source.text
    plans = _quoted(
        afp.source.id, text, "plans by Zalmay Khalilzad, the US ambassador in Baghdad, to reach out to Tehran"
    )
    afp.statements.append(
        StatementDraft("mccormack", "Sean McCormack", "named", "confirm", False, plans, [plans], "2006-11-27")
    )
    return [afp, usinfo]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Data:
    """The parsed file of a dossier of the two seeds with hand-checked records and two statements."""
    path = build_dossier(tmp_path_factory.mktemp("hostile") / "seeds.json", _with_statements())
    data = orjson.loads(path.read_bytes())
    assert data["statements"], "the base holds every record kind"
    return data


def _names(data: Data) -> set[str]:
    """How messages may name the changed records: by kind and id, or by table and document number."""
    names = set()
    for table, kind in KIND_OF_TABLE.items():
        for doc_id, record in data[table].items():
            if record is _first(data, table) or doc_id == "999":
                names |= {f"{kind} {record['id']}", f"{table} document {doc_id}", record["id"]}
    return names | {"table", "schema", "document x", "used twice"}


CLI_COMMANDS = (
    ["actors"],
    ["actors", "--kind", "person"],
    ["events"],
    ["sources"],
    ["search", "Iran"],
    ["dump"],
    ["events", "--json"],
)


def test_every_wrong_typed_variant_opens_and_works_or_is_refused_naming_the_record(base, tmp_path, capsys):
    names = _names(base)
    seen = 0
    for variant, change in _variants(base):
        data = copy.deepcopy(base)
        change(data)
        folder = tmp_path / f"v{seen}"
        folder.mkdir()
        path = folder / "d.json"
        path.write_bytes(orjson.dumps(data))
        before = path.read_bytes()
        seen += 1

        report = check(path)  # never raises
        try:
            dossier = Dossier.open(path, create=False)
        except DossierError as error:
            message = str(error)
            assert "\n" not in message, variant
            assert not report.healthy, variant
            assert any(name in message for name in names), (variant, message)
            assert any(name in problem for problem in report.problems for name in names), (variant, report.problems)
            refused = True
        else:
            assert report.healthy, (variant, report.problems)
            _use_everything(dossier)
            refused = False
        assert main(["doctor", str(path)]) == (1 if refused else 0), variant
        assert ("PROBLEMS FOUND" in capsys.readouterr().out) is refused, variant
        shown = [["show", _first(base, table)["id"]] for table in KIND_OF_TABLE if base.get(table)]
        exported = [["export", _first(base, "actors")["id"], "-o", str(folder / "out.md")]]
        for command in [*CLI_COMMANDS, *shown, *exported]:
            code = main(["--db", str(path), *command])
            err = capsys.readouterr().err
            assert code in (0, 1), (variant, command, code)
            if refused:
                assert code == 1 and err.count("\n") == 1 and "d.json" in err, (variant, command, err)
        assert path.read_bytes() == before, variant
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith("d.json")) in (
            ["d.json"],
            ["d.json", "d.json.lock"],
        ), variant
    assert seen > 300


def _use_everything(dossier: Dossier) -> None:
    """Build every record and read it the ways the app and the CLI do."""
    dossier_detail(dossier)
    dossier.build_search_index()
    for statement_id in dossier.statements:
        dossier.statement(statement_id)
    for record_id in [*dossier.sources, *dossier.actors, *dossier.events]:
        record = dossier.get(record_id)
        assert record is not None
        assert all(label.plain for _, label in record_detail(dossier, record).links)  # every label, as Detail draws them
        if record_id in dossier.actors:
            dossier.statements_of(record_id)
            dossier.statement_count(record_id)
            dossier.mentions_of(record_id)
            dossier.events_of(record_id)
            dossier.co_actors(record_id)
            dossier.timeline(record_id)
        if record_id in dossier.sources:
            dossier.mentions_in(record_id)
            dossier.actors_in(record_id)
            dossier.events_in(record_id)
            dossier.statements_in(record_id)
    dossier.actors_by_mentions()
    dossier.statements_saying("court")
    dossier.timeline()
    dossier.search("Iran")
    dossier.search("2007")
    dossier.newest_source_id()


def test_the_quick_check_doubts_every_variant_the_worded_check_finds_a_problem_in(base):
    """The schema's two readers state its rules twice (one fast, one worded): the quick one may doubt
    a healthy record, never clear a bad one."""
    tables = {table: records for table, records in base.items() if table in KIND_OF_TABLE}
    assert fast_check(tables) is not None and not list(table_problems(tables))
    found = 0
    for variant, change in _variants(base):
        data = copy.deepcopy(base)
        change(data)
        changed = {table: data[table] for table in KIND_OF_TABLE}
        if not all(isinstance(records, dict) for records in changed.values()):
            continue  # a table that is not an object: both readers take tables as parsed objects
        if list(table_problems(changed)):
            found += 1
            assert fast_check(changed) is None, variant
    assert found > 200


@pytest.mark.parametrize("variant", list(REPORTED))
def test_each_reported_variant_is_refused_on_open_and_listed_by_doctor(base, tmp_path, variant):
    data = copy.deepcopy(base)
    REPORTED[variant](data)
    path = tmp_path / "d.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(DossierError) as raised:
        Dossier.open(path, create=False)
    assert "\n" not in str(raised.value)
    report = check(path)
    assert not report.healthy and report.problems


def test_doctor_lists_every_bad_record_and_open_names_the_first(base, tmp_path):
    data = copy.deepcopy(base)
    actors = list(data["actors"].values())
    actors[0]["kind"] = "alien"
    actors[1]["aliases"] = 5
    actors[2]["mentions"] = 7
    _first(data, "events")["date"] = 2007
    path = tmp_path / "d.json"
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(DossierInvalid) as raised:
        Dossier.open(path)
    assert f"actor {actors[0]['id']}: 'kind' is 'alien', expected one of person" in str(raised.value)
    problems = check(path).problems
    assert f"actor {actors[1]['id']}: 'aliases' is 5, expected a list of strings" in problems
    assert f"actor {actors[2]['id']}: 'mentions' is 7, expected a list" in problems
    assert any("'date' is 2007, expected a date" in problem for problem in problems)
    assert len(problems) == 4


def test_mentions_stored_as_span_objects_still_open_the_quick_check_doubts_then_clears(base, tmp_path):
    data = copy.deepcopy(base)
    actor = _first(data, "actors")
    actor["mentions"] = [{"source": s, "start": a, "end": b} for s, a, b in actor["mentions"]]
    path = tmp_path / "d.json"
    path.write_bytes(orjson.dumps(data))
    d = Dossier.open(path)
    assert [(m.source, m.start, m.end) for m in d.actors[actor["id"]].mentions] == [
        (m["source"], m["start"], m["end"]) for m in actor["mentions"]
    ]
    assert check(path).healthy


@pytest.mark.parametrize("variant", list(REPORTED))
async def test_the_app_never_shows_a_reported_variant_and_ends_with_one_line(base, tmp_path, variant):
    from dossier.tui.app import DossierApp

    data = copy.deepcopy(base)
    REPORTED[variant](data)
    path = tmp_path / "d.json"
    written = orjson.dumps(data)
    path.write_bytes(written)
    app = DossierApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.main.dossier is None, "no data of a refused file is shown"
        await pilot.press("q")
    # The command turns this line into its one line on stderr and exit status 1
    # (tests/test_tui_hostile.py runs the real command in a terminal).
    assert app.failure is not None and app.failure.startswith(f"could not open {path}") and "\n" not in app.failure
    assert path.read_bytes() == written
