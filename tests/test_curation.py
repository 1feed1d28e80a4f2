"""Curation over real articles: each operation and its undo/redo, persistence, and survival of ingest."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from corpus_documents import FIRST, LATER, extracted

from dossier.store import Dossier, RefNotFound
from dossier.store.curation.operations import (
    AddAlias,
    Annotate,
    EditEvent,
    HideActor,
    HideEvent,
    Merge,
    RemoveAlias,
    Rename,
    SetKind,
    Split,
    UnhideActor,
)
from dossier.store.journal import journal_path_for
from dossier.store.records import SCHEMA_VERSION


def open_politics(path: Path, names: list[str] = FIRST) -> Dossier:
    """A dossier of these politics articles, saved."""
    dossier = Dossier.open(path)
    with dossier.writing():
        for name in names:
            dossier.add_document(extracted(name))
    return dossier


@pytest.fixture
def politics(tmp_path: Path) -> Dossier:
    """The first twelve politics articles."""
    return open_politics(tmp_path / "politics.json")


def stored_tables(path: Path) -> dict[str, list[object]]:
    """The machine tables as stored in the file, record ids sorted."""
    data = orjson.loads(path.read_bytes())
    return {name: sorted(orjson.dumps(r).decode() for r in data[name].values()) for name in ("sources", "actors", "events")}


def test_merge_folds_mentions_and_the_merged_id_keeps_resolving(politics):
    labour, party = politics.actors["a-labour"], politics.actors["a-labour-party"]
    total = len(labour.mentions) + len(party.mentions)
    machine_file = stored_tables(politics.path)

    politics.apply(Merge(("a-labour", "a-labour-party")), reason="same party")

    assert "a-labour-party" not in politics.actors
    assert len(politics.actors["a-labour"].mentions) == total
    assert politics.get("a-labour-party").id == "a-labour"
    assert politics.resolve("Labour Party").id == "a-labour"
    assert "Labour Party" in politics.actors["a-labour"].aliases
    assert [a.id for a, _ in politics.search("labour party").actors][:1] == ["a-labour"]
    assert all("a-labour-party" not in e.actors for e in politics.events.values())
    assert stored_tables(politics.path) == machine_file  # the machine's records are untouched

    politics.undo()
    assert len(politics.actors["a-labour"].mentions) == len(labour.mentions)
    assert politics.actors["a-labour-party"].mentions == party.mentions
    politics.redo()
    assert len(politics.actors["a-labour"].mentions) == total


def test_merge_with_a_chosen_name_and_its_events(politics):
    blair_events = set(politics.timeline_ids("a-tony-blair"))
    howard_events = set(politics.timeline_ids("a-michael-howard"))
    politics.apply(Merge(("a-michael-howard", "a-tony-blair"), name="Party leaders"))
    actor = politics.actors["a-michael-howard"]
    assert actor.name == "Party leaders"
    assert {"Michael Howard", "Tony Blair"} <= set(actor.aliases)
    assert set(politics.timeline_ids("a-michael-howard")) == blair_events | howard_events
    assert politics.timeline_ids("a-tony-blair") == []
    politics.undo()
    assert set(politics.timeline_ids("a-tony-blair")) == blair_events
    assert politics.actors["a-michael-howard"].name == "Michael Howard"


def test_edits_persist_across_reopening_and_undo_survives_too(politics):
    politics.apply(Merge(("a-tories", "a-conservatives", "a-conservative-party-conference")))
    politics.apply(SetKind("a-tories", "organization"))
    politics.apply(Annotate("a-tories", note="Check **every** figure.\n", add_tags=("party", "uk"), star=True))
    politics.apply(Rename("a-tories", "Conservative Party (UK)"))
    politics.undo()

    reopened = Dossier.open(politics.path)
    actor = reopened.actors["a-tories"]
    assert actor.name == "Tories" and actor.kind == "organization"
    assert reopened.get("a-conservative-party-conference").id == "a-tories"
    notes = reopened.annotations("a-tories")
    assert (notes.note, notes.tags, notes.star) == ("Check **every** figure.\n", ["party", "uk"], True)
    assert [e.active for e in reopened.history()] == [True, True, True, False]
    assert reopened.redo() is not None
    assert Dossier.open(politics.path).actors["a-tories"].name == "Conservative Party (UK)"


def test_a_later_ingest_never_undoes_an_edit(politics):
    politics.apply(Merge(("a-labour", "a-labour-party")))
    politics.apply(Merge(("a-tories", "a-conservatives")))
    politics.apply(SetKind("a-tories", "organization"))
    politics.apply(Rename("a-gordon-brown", "Gordon Brown (Chancellor)"))
    politics.apply(HideActor("a-torbay"))
    labour_before = len(politics.actors["a-labour"].mentions)
    tories_before = len(politics.actors["a-tories"].mentions)

    with politics.writing():
        for name in LATER:
            assert politics.add_document(extracted(name))

    for reader in (politics, Dossier.open(politics.path)):
        assert "a-labour-party" not in reader.actors and "a-conservatives" not in reader.actors
        assert len(reader.actors["a-labour"].mentions) > labour_before  # "Labour Party" in 041 and 088
        assert len(reader.actors["a-tories"].mentions) > tories_before  # "Conservatives" in 036 and 055
        assert reader.actors["a-tories"].kind == "organization"
        assert reader.actors["a-gordon-brown"].name == "Gordon Brown (Chancellor)"
        assert "a-torbay" not in reader.actors
        assert not [a for a in reader.actors.values() if a.name in ("Labour Party", "Conservatives", "Torbay")]
    # the machine kept merging under its own rules: the new mentions are in the machine's records
    assert len(politics.machine_record("a-labour-party").mentions) > 3


def test_re_ingesting_the_same_articles_changes_nothing(politics):
    politics.apply(Merge(("a-labour", "a-labour-party")))
    before = politics.actors["a-labour"]
    with politics.writing():
        assert not any(politics.add_document(extracted(name)) for name in FIRST)
    assert politics.actors["a-labour"] == before


def test_hide_unlinks_mentions_and_events_and_unhide_brings_it_back(politics):
    blair = politics.actors["a-tony-blair"]
    events = politics.timeline_ids("a-tony-blair")
    source = blair.mentions[0].source
    politics.apply(HideActor("a-tony-blair"))
    assert "a-tony-blair" not in politics.actors
    assert politics.get("a-tony-blair") is None
    assert all(actor_id != "a-tony-blair" for _, actor_id in politics.mentions_in(source))
    assert not politics.search("Tony Blair").actors or politics.search("Tony Blair").actors[0][0].id != "a-tony-blair"
    assert all("a-tony-blair" not in politics.events[e].actors for e in events)
    assert [a.id for a in politics.curation.hidden_actors()] == ["a-tony-blair"]
    politics.apply(UnhideActor("a-tony-blair"))
    assert politics.actors["a-tony-blair"] == blair
    assert politics.timeline_ids("a-tony-blair") == events


def test_split_by_alias_and_by_source(politics):
    labour = politics.actors["a-labour"]
    politics.apply(Merge(("a-labour", "a-labour-party")))
    new_id = politics.curation.free_actor_id("Labour Party")
    politics.apply(Split("a-labour", new_id, True, aliases=("Labour Party",), name="Labour Party", kind="organization"))
    assert politics.actors["a-labour"].mentions == labour.mentions
    split_off = politics.actors[new_id]
    assert split_off.name == "Labour Party" and len(split_off.mentions) == 3
    assert "Labour Party" not in politics.actors["a-labour"].aliases

    source = labour.mentions[0].source
    in_source = [m for m in labour.mentions if m.source == source]
    politics.apply(Split("a-labour", "a-tony-blair", False, sources=(source,)))
    assert all(m.source != source for m in politics.actors["a-labour"].mentions)
    assert set(in_source) <= set(politics.actors["a-tony-blair"].mentions)
    politics.undo()
    politics.undo()
    assert new_id not in politics.actors
    assert len(politics.actors["a-labour"].mentions) == len(labour.mentions) + 3


def test_alias_unalias_and_resolve(politics):
    politics.apply(AddAlias("a-tony-blair", "the Prime Minister"))
    assert politics.resolve("the prime minister").id == "a-tony-blair"
    politics.apply(RemoveAlias("a-tony-blair", "the Prime Minister"))
    with pytest.raises(RefNotFound):
        politics.resolve("the prime minister")


def test_event_edits_are_validated_and_hidden_events_leave_the_timeline(politics):
    event_id = politics.timeline_ids()[0]
    with pytest.raises(ValueError, match="not a date"):
        politics.apply(EditEvent(event_id, date="May 2005"))
    with pytest.raises(ValueError, match="no actor"):
        politics.apply(EditEvent(event_id, actors=("a-nobody",)))
    assert politics.history() == []
    politics.apply(EditEvent(event_id, title="Election called", date="2005-05", actors=("a-tony-blair",)))
    event = politics.events[event_id]
    assert (event.title, event.date, event.actors) == ("Election called", "2005-05", ["a-tony-blair"])
    assert event_id in politics.timeline_ids("a-tony-blair")
    assert [e.id for e, _ in politics.search("election called").events][:1] == [event_id]
    politics.apply(HideEvent(event_id))
    assert event_id not in politics.events and event_id not in politics.timeline_ids()


def test_an_edit_naming_a_missing_record_is_skipped_and_reported(politics, tmp_path):
    politics.apply(Rename("a-tony-blair", "Anthony Blair"))
    data = orjson.loads(politics.path.read_bytes())
    saved = orjson.loads(journal_path_for(politics.path).read_bytes().splitlines()[0])["edit"]  # the edit's journal line
    entry = dict(saved, id="x-ghost", seq=2, stamp=2, args={"actor": "a-nobody", "name": "Ghost"})
    data["edits"]["2"] = entry
    data["edits"]["3"] = {"id": "x-junk", "op": "explode"}
    politics.path.write_bytes(orjson.dumps(data))
    reopened = Dossier.open(politics.path)
    assert reopened.actors["a-tony-blair"].name == "Anthony Blair"
    problems = reopened.curation.problems
    assert any("x-ghost" in p and "a-nobody" in p for p in problems)
    assert any("skipped an entry" in p for p in problems)


def test_a_schema_1_file_opens_with_an_empty_log(politics):
    data = orjson.loads(politics.path.read_bytes())
    del data["edits"]
    data["meta"]["1"]["schema"] = 1
    politics.path.write_bytes(orjson.dumps(data))
    reopened = Dossier.open(politics.path)
    assert reopened.history() == []
    reopened.apply(Annotate("a-labour", star=True))
    assert orjson.loads(politics.path.read_bytes())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_one_edit_re_derives_only_what_it_touches(politics):
    politics.build_search_index()
    builds = {name: getattr(politics.indexes, name).builds for name in ("mentions", "names", "timeline", "relations")}
    politics.apply(Merge(("a-labour", "a-labour-party")))
    politics.apply(Rename("a-tories", "Conservatives"))
    politics.undo()
    with politics.writing():
        politics.add_document(extracted(LATER[0]))
    assert {name: getattr(politics.indexes, name).builds for name in builds} == builds


def test_indexes_kept_up_by_edits_agree_with_a_fresh_open(politics):
    from test_store_edits import answers, build_everything

    build_everything(politics)
    politics.apply(Merge(("a-labour", "a-labour-party")))  # events re-linked, titles and dates kept
    politics.apply(Rename("a-tories", "Conservatives"))  # names only: no event re-derived
    politics.apply(HideActor("a-tony-blair"))
    politics.apply(Split("a-labour", "a-new-labour", True, aliases=("Labour Party",), name="New Labour", kind="organization"))
    politics.apply(EditEvent(politics.timeline_ids()[0], title="Checked title", date="2005"))
    politics.undo()
    fresh = Dossier.open(politics.path)
    build_everything(fresh)
    assert answers(fresh) == answers(politics)


def test_a_new_edit_extends_the_folded_state_exactly_as_folding_the_whole_log(politics):
    def summary(state) -> tuple[object, ...]:
        """The state's tables (not its caches)."""
        return (state.forward, state.created, state.structural, state.name_ops, state.kinds, state.hidden,
                state.event_patches, state.hidden_events, state.annotations, state.problems)

    event = politics.timeline_ids()[0]
    for operation in (
        Merge(("a-labour", "a-labour-party")),
        Annotate("a-labour", add_tags=("party",), note="First."),
        Annotate("a-labour", remove_tags=("party",), add_tags=("uk",), star=True),
        Rename("a-tories", "Conservatives"),
        AddAlias("a-tories", "Tory Party"),
        EditEvent(event, title="Checked"),
        EditEvent(event, date="2005"),
        HideActor("a-tony-blair"),
        Merge(("a-tories", "a-conservatives"), name="Conservative Party"),
    ):
        before = summary(politics.curation.state)
        politics.apply(operation)
        assert summary(politics.curation.state) == summary(politics.curation._fold())
        assert before != summary(politics.curation.state)  # a new state; the one before is left as it was


def test_an_actors_sources_and_its_status_follow_merge_undo_and_redo(politics):
    def sources_in_mentions(actor_id: str) -> list[str]:
        return list(dict.fromkeys(span.source for span in politics.actors[actor_id].mentions))

    hewitt_sources = politics.sources_of("a-patricia-hewitt")  # cached from here on
    assert hewitt_sources == sources_in_mentions("a-patricia-hewitt")
    assert politics.curation.status("a-patricia-hewitt") == "machine"
    assert politics.actor_ids_in(hewitt_sources[0]) == [a.id for a in politics.actors_in(hewitt_sources[0])]

    politics.apply(Merge(("a-patricia-hewitt", "a-alastair-campbell")))  # Campbell is quoted in other articles
    merged = sources_in_mentions("a-patricia-hewitt")
    assert politics.sources_of("a-patricia-hewitt") == merged and set(merged) > set(hewitt_sources)
    assert politics.curation.status("a-patricia-hewitt") == "edited"

    politics.undo()
    assert politics.sources_of("a-patricia-hewitt") == hewitt_sources
    assert politics.curation.status("a-patricia-hewitt") == "machine"
    politics.redo()
    assert politics.sources_of("a-patricia-hewitt") == merged and politics.curation.status("a-patricia-hewitt") == "edited"
    assert politics.sources_of("a-alastair-campbell") == []  # merged away: no longer an actor
