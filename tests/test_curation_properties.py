"""Property: any sequence of edits, undos and redos interleaved with ingests of new articles gives
the same dossier as replaying the final log over the machine's output (opening the file afresh)."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from corpus_documents import FIRST, LATER, extracted
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.store import Dossier
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EditEvent,
    HideActor,
    HideEvent,
    Merge,
    Operation,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
)
from dossier.store.records import ACTOR_KINDS


@pytest.fixture(scope="module")
def base_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first twelve politics articles, saved once."""
    path = tmp_path_factory.mktemp("curation") / "base.json"
    dossier = Dossier.open(path)
    with dossier.writing():
        for name in FIRST:
            dossier.add_document(extracted(name))
    return path


def curated(dossier: Dossier) -> dict[str, object]:
    """What readers see, order aside: records by id, annotations, the log, the hidden actors."""
    return {
        "actors": {a.id: a.to_dict() for a in dossier.actors.values()},
        "events": {e.id: e.to_dict() for e in dossier.events.values()},
        "sources": sorted(dossier.sources),
        "annotations": {k: v.to_json() for k, v in dossier.curation.state.annotations.items()},
        "edits": [e.to_json() for e in dossier.history()],
        "hidden": [a.id for a in dossier.curation.hidden_actors()],
        "timeline": dossier.timeline_ids(),
        "order": dossier.actor_ids_by_mentions(),
        "mentions_in": {s: [(span.start, span.end, a) for span, a in dossier.mentions_in(s)] for s in dossier.sources},
        "actor_timelines": {a: dossier.timeline_ids(a) for a in dossier.actors},
        "tagged": sorted(r.id for r, _ in dossier.search("tag:t").annotated),
        "noted": sorted(r.id for r, _ in dossier.search("note").annotated),
    }


def machine_tables(path: Path) -> dict[str, dict[str, object]]:
    """The machine's record tables as stored, by record id."""
    data = orjson.loads(path.read_bytes())
    return {name: {r["id"]: r for r in data[name].values()} for name in ("sources", "actors", "events")}


def draw_operation(data: st.DataObject, dossier: Dossier) -> Operation | None:
    """One operation that fits the dossier as it now is (None when the drawn kind has no candidate)."""
    actors = sorted(dossier.actors)
    events = sorted(dossier.events)
    kind = data.draw(st.sampled_from(["merge", "rename", "alias", "unalias", "kind", "hide", "unhide", "split", "event", "hide-event", "note"]))
    actor = data.draw(st.sampled_from(actors))
    if kind == "merge":
        other = data.draw(st.sampled_from(actors))
        return Merge((actor, other), data.draw(st.sampled_from([None, "Merged name"]))) if other != actor else None
    if kind == "rename":
        return Rename(actor, data.draw(st.sampled_from(["Renamed", "Labour", dossier.actors[actor].name + " X"])))
    if kind == "alias":
        return AddAlias(actor, data.draw(st.sampled_from(["the party", "Blair", "PM"])))
    if kind == "unalias":
        aliases = dossier.actors[actor].aliases
        return RemoveAlias(actor, data.draw(st.sampled_from(aliases))) if aliases else None
    if kind == "kind":
        return SetKind(actor, data.draw(st.sampled_from(ACTOR_KINDS)))
    if kind == "hide":
        return HideActor(actor)
    if kind == "unhide":
        hidden = [a.id for a in dossier.curation.hidden_actors()]
        return UnhideActor(data.draw(st.sampled_from(hidden))) if hidden else None
    if kind == "split":
        record = dossier.actors[actor]
        sources = sorted({m.source for m in record.mentions})
        by_alias = bool(record.aliases) and data.draw(st.booleans())
        aliases = (data.draw(st.sampled_from(record.aliases)),) if by_alias else ()
        chosen = () if by_alias or not sources else (data.draw(st.sampled_from(sources)),)
        if not aliases and not chosen:
            return None
        if data.draw(st.booleans()):
            into = data.draw(st.sampled_from(actors))
            return Split(actor, into, False, aliases, chosen) if into != actor else None
        name = aliases[0] if aliases else record.name
        return Split(actor, dossier.curation.free_actor_id(name), True, aliases, chosen, name, record.kind)
    if not events:
        return None
    event = data.draw(st.sampled_from(events))
    if kind == "event":
        return EditEvent(event, data.draw(st.sampled_from([None, "Edited"])), data.draw(st.sampled_from([None, "2005", "2005-02-14"])), None, (actor,))
    if kind == "hide-event":
        return HideEvent(event)
    record = data.draw(st.sampled_from([actor, event]))
    tags = data.draw(st.sampled_from([(("t",), ()), ((), ("t",)), (("u",), ())]))
    return Annotate(record, note=data.draw(st.sampled_from(["A note", "", "Other words", None])), add_tags=tags[0], remove_tags=tags[1], star=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_view_equals_the_final_log_replayed_over_the_machine_output(base_file, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("run")
    path, plain_path = folder / "curated.json", folder / "plain.json"
    shutil.copy(base_file, path)
    shutil.copy(base_file, plain_path)
    dossier, plain = Dossier.open(path), Dossier.open(plain_path)
    dossier.search("tag:t")  # the notes index exists from here on: it must follow every step
    dossier.build_search_index()  # and so do the mention, relation and search indexes, as in the app
    for actor_id in list(dossier.actors)[:5]:
        dossier.timeline_ids(actor_id)  # cached actor timelines must be dropped when their events change
    to_ingest = list(LATER)
    for _ in range(data.draw(st.integers(1, 12))):
        step = data.draw(st.sampled_from(["edit", "edit", "edit", "undo", "redo", "ingest"]))
        if step == "undo":
            dossier.undo()
        elif step == "redo":
            dossier.redo()
        elif step == "ingest" and to_ingest:
            document = extracted(to_ingest.pop(0))
            with dossier.writing():
                dossier.add_document(document)
            with plain.writing():
                plain.add_document(document)
        else:
            operation = draw_operation(data, dossier)
            if operation is not None:
                dossier.apply(operation)
    reopened = Dossier.open(path)
    assert curated(dossier) == curated(reopened)
    assert reopened.curation.problems == []
    assert machine_tables(path) == machine_tables(plain_path)  # edits never reach the machine's records
