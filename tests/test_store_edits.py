"""Updating and deleting records through store.Dossier on real article text: what follows each
edit, what is saved, what survives another writer, and that the indexes follow precisely."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from store_documents import afp_document, reuters_document, state_document

from dossier.store import Dossier, RefNotFound
from dossier.store.records import Span

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
INDEX_NAMES = ("ranks", "keys", "mentions", "relations", "timeline", "mention_order", "names", "event_words", "texts")


@pytest.fixture
def path(tmp_path):
    """Where the test dossier lives."""
    return tmp_path / "case.json"


@pytest.fixture
def dossier(path):
    """The three real articles, saved, with every index built (so each edit must keep them right)."""
    d = Dossier.open(path)
    with d.writing():
        assert d.add_document(afp_document())
        assert d.add_document(state_document())
        assert d.add_document(reuters_document())
    build_everything(d)
    return d


def build_everything(d: Dossier) -> None:
    """Build every index the UI uses, as its worker and first paint do."""
    d.build_search_index()
    d.timeline_ids()
    d.actor_ids_by_mentions()
    d.indexes.keys.get()


def index_objects(d: Dossier) -> dict[str, object]:
    """Each built index object by name (identity tells whether one was rebuilt)."""
    return {name: getattr(d.indexes, name).peek() for name in INDEX_NAMES}


def stored(path: Path, table: str) -> dict[str, dict]:
    """The records of one table as saved in the file, by record id."""
    data = orjson.loads(path.read_bytes())
    return {record["id"]: record for record in data[table].values()}


def answers(d: Dossier) -> dict[str, object]:
    """Everything the UI, CLI and export ask a dossier, as comparable plain values."""
    queries = ("Khalilzad", "McCormack", "Iran", "United", "1979", "2008", "meeting", '"Security Council"', "Casey")
    result: dict[str, object] = {
        "by_mentions": d.actor_ids_by_mentions(),
        "people": d.actor_ids_by_mentions("person"),
        "timeline": d.timeline_ids(),
        "newest": d.newest_source_id(),
    }
    for actor_id in d.actors:
        result[f"timeline {actor_id}"] = d.timeline_ids(actor_id)
        result[f"events_of {actor_id}"] = [e.id for e in d.events_of(actor_id)]
        result[f"mentions_of {actor_id}"] = d.mentions_of(actor_id)
        result[f"co_actors {actor_id}"] = [(a.id, n) for a, n in d.co_actors(actor_id)]
        result[f"brief {actor_id}"] = d.actor_brief(actor_id)
    for source_id in d.sources:
        result[f"mentions_in {source_id}"] = d.mentions_in(source_id)
        result[f"actors_in {source_id}"] = [a.id for a in d.actors_in(source_id)]
        result[f"events_in {source_id}"] = [e.id for e in d.events_in(source_id)]
    for query in queries:
        found = d.search(query)
        result[f"search {query}"] = (
            sorted((a.id, score) for a, score in found.actors),
            sorted((e.id, score) for e, score in found.events),
            found.texts,
        )
    return result


def test_a_renamed_actor_is_found_by_its_new_name_and_saved(dossier, path):
    actor = dossier.actors["a-sean-mccormack"]
    renamed = replace(actor, name="Sean Patrick McCormack", aliases=["McCormack", "Sean McCormack"])
    dossier.update(renamed)
    assert dossier.resolve("Sean Patrick McCormack") is renamed
    assert dossier.search("Patrick").actors[0][0] is renamed
    assert dossier.actor_brief("a-sean-mccormack") == ("Sean Patrick McCormack", "person", len(actor.mentions))
    dossier.flush()

    reopened = Dossier.open(path)
    assert reopened.actors["a-sean-mccormack"].name == "Sean Patrick McCormack"
    assert stored(path, "actors")["a-sean-mccormack"]["name"] == "Sean Patrick McCormack"
    assert reopened.resolve("Sean Patrick McCormack").id == "a-sean-mccormack"


def test_renaming_keeps_the_old_match_keys_so_reingest_merges(dossier, path):
    # The curated name drops "Iran" entirely; re-ingesting an article calling it Iran still merges.
    dossier.update(replace(dossier.actors["a-iran"], name="Islamic Republic", aliases=[]))
    dossier.delete(state_document().source.id)
    assert "a-iran" in dossier.actors
    dossier.flush()
    reopened = Dossier.open(path)
    assert reopened.add_document(state_document())
    assert [a.id for a in reopened.actors.values() if a.kind == "place" and "Iran" in (a.name, *a.aliases)] == ["a-iran"]
    assert reopened.actors["a-iran"].name == "Islamic Republic"


def test_a_deleted_actor_is_gone_from_search_listings_mentions_and_events(dossier, path):
    afp_id = afp_document().source.id
    told_abc = next(e for e in dossier.events_in(afp_id) if "a-zalmay-khalilzad" in e.actors and "a-iran" in e.actors)
    assert dossier.delete("a-zalmay-khalilzad") == ["a-zalmay-khalilzad"]

    assert "a-zalmay-khalilzad" not in dossier.actors
    assert "a-zalmay-khalilzad" not in dossier.actor_ids_by_mentions()
    assert not dossier.search("Khalilzad").actors
    assert dossier.search("Khalilzad").texts  # the source text still says it
    assert all(actor_id != "a-zalmay-khalilzad" for _, actor_id in dossier.mentions_in(afp_id))
    assert dossier.events[told_abc.id].actors == ["a-iran"]
    assert all(other.id != "a-zalmay-khalilzad" for other, _ in dossier.co_actors("a-sean-mccormack"))
    with pytest.raises(RefNotFound):
        dossier.resolve("Zalmay Khalilzad")
    dossier.flush()

    assert "a-zalmay-khalilzad" not in stored(path, "actors")
    assert all("a-zalmay-khalilzad" not in event["actors"] for event in stored(path, "events").values())


def test_an_event_left_without_actors_stays_on_the_timeline(dossier):
    reagan_event = dossier.timeline_ids("a-reagan")[0]
    dossier.delete("a-reagan")
    dossier.delete("a-united-nations")
    assert dossier.events[reagan_event].actors == []
    assert reagan_event in dossier.timeline_ids()


def test_deleting_a_place_unlinks_it_from_its_events(dossier):
    in_tehran = dossier.timeline_ids("a-tehran")
    assert in_tehran
    dossier.delete("a-tehran")
    assert all(dossier.events[event_id].place is None for event_id in in_tehran)
    assert dossier.timeline_ids("a-tehran") == []


def test_a_deleted_source_takes_its_events_and_mentions_and_can_come_back(dossier, path):
    reuters = reuters_document()
    source_id = reuters.source.id
    event_ids = [e.id for e in dossier.events_in(source_id)]
    us_mentions = len(dossier.actors["a-us"].mentions)
    us_here = sum(1 for _, a in dossier.mentions_in(source_id) if a == "a-us")

    removed = dossier.delete(source_id)
    assert removed[0] == source_id and set(event_ids) <= set(removed)
    assert {"a-reagan", "a-javier-perez-de-cuellar", "a-united-nations"} <= set(removed)
    assert "a-us" not in removed and len(dossier.actors["a-us"].mentions) == us_mentions - us_here
    assert all(span.source != source_id for span in dossier.mentions_of("a-us"))
    assert not dossier.search("Cuellar")
    assert not dossier.has_document(reuters.source.content_hash)
    assert all(event_id not in dossier.timeline_ids() for event_id in event_ids)
    dossier.flush()
    assert source_id not in stored(path, "sources")
    assert set(event_ids).isdisjoint(stored(path, "events"))

    # Ids come from the records, never from TinyDB's document numbers: re-adding gives the same ones.
    reopened = Dossier.open(path)
    assert reopened.add_document(reuters_document())
    reopened.flush()
    again = Dossier.open(path)
    assert [e.id for e in again.events_in(source_id)] == event_ids
    assert again.resolve("Perez de Cuellar").id == "a-javier-perez-de-cuellar"
    assert len(again.actors["a-us"].mentions) == us_mentions
    linked = {a for e in again.events.values() for a in [*e.actors, *([e.place] if e.place else [])]}
    assert linked <= set(again.actors)


def test_an_updated_event_moves_in_the_timeline_and_search(dossier, path):
    old_1979 = next(e for e in dossier.timeline() if e.date == "1979")
    assert dossier.timeline_ids()[0] == old_1979.id
    dossier.update(replace(old_1979, date="2008", title="Contacts with Iran resumed"))

    assert dossier.timeline_ids()[-1] == old_1979.id
    assert dossier.timeline_ids("a-sean-mccormack")[-1] == old_1979.id
    assert [e.id for e, _ in dossier.search("2008").events] == [old_1979.id]
    assert old_1979.id not in [e.id for e, _ in dossier.search("1979").events]
    assert [e.id for e, _ in dossier.search("resumed").events] == [old_1979.id]
    dossier.flush()
    assert stored(path, "events")[old_1979.id]["date"] == "2008"


def test_an_updated_source_keeps_its_text(dossier, path):
    source = dossier.sources[afp_document().source.id]
    dossier.update(replace(source, title="Iran talks", publisher="AFP"))
    dossier.flush()
    assert stored(path, "sources")[source.id]["publisher"] == "AFP"
    with pytest.raises(ValueError, match="cannot change"):
        dossier.update(replace(source, text=source.text + "more"))


def test_invalid_edits_change_nothing(dossier, path):
    before = path.read_bytes()
    event = dossier.timeline()[0]
    with pytest.raises(ValueError, match="unknown actor"):
        dossier.update(replace(event, actors=["a-nobody"]))
    actor = dossier.actors["a-iran"]
    with pytest.raises(ValueError, match="outside the text"):
        dossier.update(replace(actor, mentions=[Span(actor.mentions[0].source, 0, 10**9)]))
    with pytest.raises(RefNotFound):
        dossier.update(replace(actor, id="a-nobody"))
    with pytest.raises(RefNotFound):
        dossier.delete("a-nobody")
    assert dossier.events[event.id] is event and dossier.actors["a-iran"] is actor
    assert not dossier.dirty
    dossier.flush()
    assert path.read_bytes() == before


def test_caches_follow_an_edit_that_keeps_counts_equal(dossier):
    # A split moves one mention to another actor: Iran keeps its count, the mention changes.
    iran = dossier.actors["a-iran"]
    cached = dossier.mentions_of("a-iran")
    moved = cached[-1]
    other = dossier.mentions_of("a-iraq")[0]
    dossier.update(replace(iran, mentions=[m for m in iran.mentions if m != moved] + [other]))
    assert other in dossier.mentions_of("a-iran") and moved not in dossier.mentions_of("a-iran")
    assert len(dossier.mentions_of("a-iran")) == len(cached)
    # Redating an event keeps an actor's event count; its timeline still reorders.
    casey = dossier.timeline("a-tom-casey")
    dossier.update(replace(casey[0], date="2009"))
    assert dossier.timeline_ids("a-tom-casey")[-1] == casey[0].id


def test_edits_update_built_indexes_in_place_and_agree_with_a_fresh_open(dossier, path):
    built = index_objects(dossier)
    assert all(index is not None for index in built.values())

    merged = replace(dossier.actors["a-tom-casey"], aliases=["Casey", "Thomas Casey"])
    dossier.update(merged)  # rename-like edit
    dossier.delete("a-zalmay-khalilzad")  # a delete
    dossier.delete(reuters_document().source.id)  # a delete that cascades
    first = dossier.timeline()[0]
    dossier.update(replace(first, date="2008"))  # a redate
    dossier.add_document(reuters_document())  # a merge into existing actors

    assert index_objects(dossier) == built
    assert all(getattr(dossier.indexes, name).builds == 1 for name in INDEX_NAMES)
    in_memory = answers(dossier)
    dossier.flush()
    fresh = Dossier.open(path)
    build_everything(fresh)
    assert answers(fresh) == in_memory


WRITER = """
import sys
from store_documents import state_document
from dossier.store import Dossier
d = Dossier.open(sys.argv[1])
d.add_document(state_document())
d.flush()
"""


def test_unsaved_edits_are_replayed_onto_another_process_write(tmp_path):
    path = tmp_path / "case.json"
    d = Dossier.open(path)
    d.add_document(afp_document())
    d.add_document(reuters_document())
    d.flush()
    d.delete("a-reagan")
    d.update(replace(d.actors["a-iran"], name="Islamic Republic of Iran", aliases=["Iran"]))
    reuters_events = [e.id for e in d.events_in(reuters_document().source.id)]

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(TESTS)])}
    writer = subprocess.run([sys.executable, "-c", textwrap.dedent(WRITER), str(path)], env=env, cwd=TESTS,
                            capture_output=True, text=True, timeout=120)
    assert writer.returncode == 0, writer.stderr
    assert len(Dossier.open(path).sources) == 3  # the other process saved its article

    d.flush()  # re-reads the file, replays the deletion and the rename, saves
    final = Dossier.open(path)
    assert len(final.sources) == 3 and final.resolve("Tom Casey").id == "a-tom-casey"
    assert "a-reagan" not in final.actors
    assert final.actors["a-iran"].name == "Islamic Republic of Iran"
    # The state article's Iran mentions (saved by the other process) merged into the same actor.
    state_iran = next(a for a in state_document().actors if a.key == "iran")
    assert set(state_iran.mentions) <= set(final.actors["a-iran"].mentions)
    assert all(final.events[e].actors != ["a-reagan"] for e in reuters_events)


def test_a_second_object_replays_its_deletion_onto_the_first_ones_save(path):
    first = Dossier.open(path)
    first.add_document(afp_document())
    first.flush()
    second = Dossier.open(path)
    second.delete("a-tehran")
    first.add_document(state_document())
    first.flush()
    second.flush()
    final = Dossier.open(path)
    assert "a-tehran" not in final.actors
    assert final.resolve("Ryan Crocker")
    assert all(e.place != "a-tehran" for e in final.events.values())


def test_deleting_and_re_adding_before_a_save_writes_each_record_once(dossier, path):
    source_id = reuters_document().source.id
    dossier.delete(source_id)
    assert dossier.add_document(reuters_document())  # deleted then added: replaced in the file
    dossier.delete(state_document().source.id)
    dossier.flush()
    sources = orjson.loads(path.read_bytes())["sources"]
    assert sorted(record["id"] for record in sources.values()) == sorted(dossier.sources)
    events = stored(path, "events")
    assert sorted(events) == sorted(dossier.events)
    assert len(orjson.loads(path.read_bytes())["events"]) == len(dossier.events)


def test_a_document_added_and_deleted_before_a_save_leaves_no_records_or_mentions(path):
    d = Dossier.open(path)
    d.add_document(afp_document())
    d.flush()
    before = stored(path, "actors")
    d.add_document(reuters_document())
    d.delete(reuters_document().source.id)
    d.flush()
    after = stored(path, "actors")
    assert sorted(after) == sorted(before)
    assert all(after[a]["mentions"] == before[a]["mentions"] for a in before)
    assert len(stored(path, "sources")) == 1 and len(stored(path, "events")) == 3
    # Names are not tied to a source: the alias the article taught stays (and re-ingest merges by it).
    assert after["a-us"]["aliases"] == ["United States"]


def test_a_merge_is_told_by_its_very_mentions_one_actor_after_another_in_any_order():
    """The mention index takes a change for a merge when the survivor's mentions are the very
    objects of the actors' lists laid end to end, whichever comes first; equal mentions that are
    other objects, a mention twice or one out of place are not a merge (entries are moved instead)."""
    from dossier.store.mention_index import _concatenates

    own = [Span("s1", 0, 4), Span("s2", 5, 9)]
    merged = [Span("s1", 10, 14)]
    batches = [("a-own", own), ("a-merged", merged), ("a-empty", [])]
    assert _concatenates([*merged, *own], batches)
    assert _concatenates([*own, *merged], batches)
    assert not _concatenates([*own, Span("s1", 10, 14)], batches)  # equal, but not the mention indexed
    assert not _concatenates([*own, *merged, *merged], batches)
    assert not _concatenates([own[1], own[0], *merged], batches)


def test_a_merge_redirects_the_mention_index_and_every_answer_stays_that_of_a_fresh_open(dossier, path):
    """Merging the most-mentioned actor rewrites no mention entry (its entries are read through a
    redirect); a split of the survivor then writes them out, and undoing both drops every trace:
    at each step every answer is the one a fresh open of the saved file gives."""
    from dossier.store.curation.operations import Merge, Split

    dossier.flush()
    dossier = Dossier.open(path)  # records read from the file, as the app has them
    build_everything(dossier)

    def agrees_with_a_fresh_open() -> None:
        in_memory = answers(dossier)
        dossier.flush()
        fresh = Dossier.open(path)
        build_everything(fresh)
        assert answers(fresh) == in_memory

    index = dossier.indexes.mentions.peek()
    assert index is not None
    top, survivor = dossier.actor_ids_by_mentions()[:2]
    top_sources = sorted({span.source for span in dossier.actors[top].mentions})  # built, as Detail does
    assert dossier.actors[survivor].mentions
    entries_before = {source_id: list(index._lists[source_id]) for source_id in top_sources}

    dossier.apply(Merge((survivor, top)))
    assert index.redirected == 1
    assert {source_id: index._lists[source_id] for source_id in top_sources} == entries_before  # no entry rewritten
    assert all(entry[2] != top for source_id in top_sources for entry in dossier.mention_rows_in(source_id))
    agrees_with_a_fresh_open()
    dossier.undo()  # the merge undone drops its redirect
    assert index.redirected == 0
    agrees_with_a_fresh_open()
    dossier.redo()
    assert index.redirected == 1

    dossier.apply(
        Split(
            survivor,
            dossier.curation.free_actor_id("Split off"),
            True,
            sources=(top_sources[0],),
            name="Split off",
            kind="organization",
        )
    )
    assert index.redirected == 0  # the split moved redirected mentions: they were written out first
    agrees_with_a_fresh_open()

    dossier.undo()
    dossier.undo()
    assert index.redirected == 0
    assert top in dossier.actors and dossier.mention_rows_in(top_sources[0]) == entries_before[top_sources[0]]
    agrees_with_a_fresh_open()
    assert dossier.indexes.mentions.peek() is index  # followed, never rebuilt
