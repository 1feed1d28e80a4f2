"""store.Dossier on real article text: merging, ids, relation queries, reopening."""

from __future__ import annotations

import hashlib

import orjson
import pytest
from store_documents import (
    CORPUS,
    IRAN_AFP,
    IRAN_STATE,
    afp_document,
    document,
    reuters_document,
    state_document,
    with_text,
)

from dossier.store import AmbiguousRef, Dossier, RefNotFound
from dossier.store.records import SCHEMA_VERSION


@pytest.fixture
def path(tmp_path):
    return tmp_path / "case.json"


@pytest.fixture
def dossier(path):
    d = Dossier.open(path)
    with d.writing():
        assert d.add_document(afp_document())
        assert d.add_document(state_document())
        assert d.add_document(reuters_document())
    return d


def test_new_dossier_creates_nothing_until_flushed(path):
    d = Dossier.open(path)
    assert d.name == "case" and len(d.sources) == 0
    assert list(path.parent.iterdir()) == []
    d.flush()
    assert Dossier.open(path, create=False).sources == {}


def test_same_country_under_other_spellings_becomes_one_actor(dossier):
    us = dossier.resolve("U.S.")
    assert us.id == "a-us"
    assert {"United States", "U.S."} <= set(us.aliases)
    assert {m.source for m in us.mentions} == set(dossier.sources)
    assert dossier.resolve("the United States") is us


def test_every_mention_points_at_its_name_in_the_stored_text(dossier):
    for actor in dossier.actors.values():
        names = {actor.name.casefold(), *(a.casefold() for a in actor.aliases)}
        for span in actor.mentions:
            found = " ".join(dossier.sources[span.source].text[span.start : span.end].split())
            assert found.casefold() in names


def test_wrapped_wire_name_is_one_mention(dossier):
    perez = dossier.resolve("Perez de Cuellar")
    text = dossier.sources[perez.mentions[0].source].text
    assert "Perez de\nCuellar" in [text[s.start : s.end] for s in perez.mentions]


def test_ids_follow_the_architecture(dossier):
    source = afp_document().source
    digest = hashlib.sha256(source.text.encode()).hexdigest()
    assert f"s-{digest[:12]}" in dossier.sources
    event = dossier.events_in(f"s-{digest[:12]}")[0]
    start = event.evidence[0].start
    assert event.id == "e-" + hashlib.sha256(f"s-{digest[:12]}:{start}".encode()).hexdigest()[:12]
    assert "a-sean-mccormack" in dossier.actors and "a-zalmay-khalilzad" in dossier.actors


def test_ids_and_records_survive_reopening(dossier, path):
    reopened = Dossier.open(path)
    for name in ("sources", "actors", "events"):
        before = getattr(dossier, name)
        after = getattr(reopened, name)
        assert list(after) == list(before)
        assert [after[i].to_dict() for i in after] == [before[i].to_dict() for i in before]


def test_the_file_is_a_tinydb_json_document_with_string_ids(dossier, path):
    data = orjson.loads(path.read_bytes())
    assert set(data) == {"meta", "sources", "actors", "events", "statements", "edits"}
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert all(doc["id"].startswith("a-") for doc in data["actors"].values())
    event = next(iter(data["events"].values()))
    assert all(actor.startswith("a-") for actor in event["actors"])
    assert b"\n  " in path.read_bytes()  # indented: readable and diffable


def test_adding_the_same_text_again_changes_nothing(dossier, path):
    before = path.read_bytes()
    again = afp_document()
    assert dossier.has_document(again.source.content_hash)
    assert again.source.content_hash in dossier.content_hashes()
    assert len(dossier.content_hashes()) == 3
    with dossier.writing():
        assert dossier.add_document(again) is False
        assert not dossier.dirty
    assert path.read_bytes() == before


def test_merging_across_reopen_updates_the_existing_actor(path):
    d = Dossier.open(path)
    with d.writing():
        d.add_document(afp_document())
    d = Dossier.open(path)
    with d.writing():
        d.add_document(state_document())
    reopened = Dossier.open(path)
    iran = reopened.actors["a-iran"]
    assert len({m.source for m in iran.mentions}) == 2
    assert len(reopened.actors) == len(d.actors)
    assert reopened.resolve("Tom Casey").id == "a-tom-casey"


def test_same_slug_of_another_kind_gets_a_numbered_id(dossier):
    doc = document(IRAN_AFP, {"iran-org": ("Iran", "organization", ["Iran"])})
    with dossier.writing():
        assert dossier.add_document(with_text(doc, doc.source.text + "\n"))
    assert dossier.actors["a-iran-2"].kind == "organization"
    with pytest.raises(AmbiguousRef) as error:
        dossier.resolve("iran")
    assert [a.id for a in error.value.candidates] == ["a-iran", "a-iran-2"]


def test_resolve_by_id_name_alias_and_unknown(dossier):
    assert dossier.resolve("a-tom-casey").name == "Tom Casey"
    assert dossier.resolve("  khalilzad ").id == "a-zalmay-khalilzad"
    event_id = next(iter(dossier.events))
    assert dossier.resolve(event_id).id == event_id
    with pytest.raises(RefNotFound):
        dossier.resolve("Nobody At All")


def test_timeline_orders_by_precision_and_puts_undated_last(dossier):
    dates = [e.date for e in dossier.timeline()]
    assert dates == ["1979", "1987-10-19", "1987-10-19", "2006-11-27", "2006-11-27",
                     "2007-05", "2007-05-25", "2007-05-28"]
    assert [e.date for e in dossier.timeline("a-tom-casey")] == ["2007-05", "2007-05-25"]
    doc = state_document()
    doc.events[0].date = None
    with dossier.writing():
        dossier.add_document(with_text(doc, doc.source.text + "\n"))
    timeline = dossier.timeline()
    # The copy's dated events report occurrences already there (same date, kind, actors, headline):
    # they add evidence; only the one it leaves undated is new, and it goes last.
    assert timeline[-1].date is None and len(timeline) == 9
    assert sum(len({span.source for span in event.evidence}) == 2 for event in timeline) == 2


def test_relations_between_sources_actors_and_events(dossier):
    afp_id = afp_document().source.id
    mentions = dossier.mentions_in(afp_id)
    assert [span.start for span, _ in mentions] == sorted(span.start for span, _ in mentions)
    text = dossier.sources[afp_id].text
    assert all(text[s.start : s.end] for s, _ in mentions)
    assert [a.id for a in dossier.actors_in(afp_id)][:2] == ["a-iran", "a-us"]
    assert [e.date for e in dossier.events_in(afp_id)] == ["2006-11-27", "1979", "2006-11-27"]
    assert {e.id for e in dossier.events_of("a-tehran")} == {
        e.id for e in dossier.events_in(afp_id) if e.place == "a-tehran"
    }
    spans = dossier.mentions_of("a-iran")
    order = list(dossier.sources)
    assert spans == sorted(spans, key=lambda s: (order.index(s.source), s.start))
    co = dict((actor.id, count) for actor, count in dossier.co_actors("a-sean-mccormack"))
    # two shared events and one shared source with Tehran; one event and one source with Khalilzad
    assert co["a-tehran"] == 3 and co["a-zalmay-khalilzad"] == 2
    assert "a-reagan" not in co
    top = dossier.co_actors("a-sean-mccormack", limit=2)
    assert [count for _, count in top] == sorted(co.values(), reverse=True)[:2]


def test_actors_by_mentions_most_mentioned_first(dossier):
    ranked = dossier.actors_by_mentions()
    counts = [len(a.mentions) for a in ranked]
    assert counts == sorted(counts, reverse=True) and ranked[0].id == "a-iran"
    people = dossier.actors_by_mentions("person", limit=2)
    assert [a.kind for a in people] == ["person", "person"]
    assert dossier.actor_ids_by_mentions() == [a.id for a in ranked]
    assert dossier.actor_ids_by_mentions("place") == [a.id for a in ranked if a.kind == "place"]
    assert dossier.timeline_ids() == [e.id for e in dossier.timeline()]
    assert dossier.timeline_ids("a-iran") == [e.id for e in dossier.timeline("a-iran")]


def test_invalid_spans_are_rejected_and_change_nothing(dossier):
    doc = reuters_document()
    moved = with_text(doc, doc.source.text + "\nextra")
    moved.actors[0].mentions[0] = doc.actors[0].mentions[0]  # still names the old source
    before = (len(dossier.sources), len(dossier.actors), len(dossier.events), dossier.dirty)
    with pytest.raises(ValueError, match="points at source"):
        dossier.add_document(moved)
    short = with_text(doc, doc.source.text[:300])
    with pytest.raises(ValueError, match="outside the text"):
        dossier.add_document(short)
    assert (len(dossier.sources), len(dossier.actors), len(dossier.events), dossier.dirty) == before


def test_flush_keeps_the_previous_version_as_bak(dossier, path):
    first = path.read_bytes()
    more = Dossier.open(path)
    doc = afp_document()
    with more.writing():
        assert more.add_document(with_text(doc, doc.source.text + "\nUpdated."))
    assert path.with_name("case.json.bak").read_bytes() == first
    assert len(Dossier.open(path).sources) == 4


def test_nested_writing_saves_once_at_the_outer_exit(path):
    d = Dossier.open(path)
    with d.writing():
        d.add_document(afp_document())
        with d.writing():
            d.add_document(state_document())
        assert not path.exists()
    assert len(Dossier.open(path).sources) == 2
    assert not path.with_name("case.json.bak").exists()


def test_a_reader_sees_another_writers_work_after_reload(dossier, path):
    reader = Dossier.open(path)
    doc = reuters_document()
    writer = Dossier.open(path)
    with writer.writing():
        writer.add_document(with_text(doc, doc.source.text + "\nMore."))
    assert len(reader.sources) == 3
    reader.reload()
    assert len(reader.sources) == 4
    assert len(reader.resolve("Perez de Cuellar").mentions) == 2 * len(doc.actors[0].mentions) == 4


POLITICS = CORPUS / "bbc" / "politics"


@pytest.mark.parametrize("person_first", [True, False])
def test_a_one_word_name_labelled_two_ways_is_one_actor_of_the_majority_kind(tmp_path, person_first):
    """spaCy calls "Labour" a person in one article and an organisation in the next."""
    mislabelled = document(POLITICS / "001.txt", {"lab": ("Labour", "person", ["Labour"])})
    labelled = document(POLITICS / "007.txt", {"lab": ("Labour", "organization", ["Labour"])})
    dossier = Dossier.open(tmp_path / "d.json")
    with dossier.writing():
        for doc in ([mislabelled, labelled] if person_first else [labelled, mislabelled]):
            dossier.add_document(doc)
    assert [(a.name, a.kind, len(a.mentions)) for a in dossier.actors.values()] == [("Labour", "organization", 8)]
    reopened = Dossier.open(tmp_path / "d.json", create=False)
    assert [a.kind for a in reopened.actors.values()] == ["organization"]


def test_two_word_names_keep_their_kinds_apart(tmp_path):
    dossier = Dossier.open(tmp_path / "d.json")
    with dossier.writing():
        dossier.add_document(document(POLITICS / "001.txt", {"lab": ("Labour", "person", ["Labour"])}))
        dossier.add_document(document(IRAN_AFP, {"sd": ("State Department", "organization", ["State Department"])}))
        dossier.add_document(document(IRAN_STATE, {"sd": ("State Department", "group", ["State Department"])}))
    kinds = sorted((a.name, a.kind) for a in dossier.actors.values())
    assert kinds == [("Labour", "person"), ("State Department", "group"), ("State Department", "organization")]


def test_mentions_are_stored_as_compact_rows_and_read_back_as_spans(tmp_path):
    path = tmp_path / "d.json"
    dossier = Dossier.open(path)
    with dossier.writing():
        dossier.add_document(afp_document())
    stored = orjson.loads(path.read_bytes())["actors"]
    rows = [mention for actor in stored.values() for mention in actor["mentions"]]
    assert rows and all(isinstance(row, list) and len(row) == 3 for row in rows)
    reopened = Dossier.open(path, create=False)
    text = next(iter(reopened.sources.values())).text
    actor = next(iter(reopened.actors.values()))
    assert all(text[m.start : m.end].strip() for m in reopened.mentions_of(actor.id))


def test_the_file_holds_one_record_per_line_and_parses_as_plain_json(tmp_path):
    import json

    path = tmp_path / "d.json"
    dossier = Dossier.open(path)
    with dossier.writing():
        dossier.add_document(afp_document())
        dossier.add_document(state_document())
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    records = sum(len(table) for table in data.values())
    assert len(raw.splitlines()) == records + 2 + sum(2 if table else 1 for table in data.values())
    assert data == orjson.loads(raw)


def test_a_sources_mentions_are_the_same_before_and_after_the_mention_index_is_built(dossier, path):
    reopened = Dossier.open(path, create=False)
    before = {source_id: reopened.mentions_in(source_id) for source_id in reopened.sources}
    reopened.build_search_index()
    after = {source_id: reopened.mentions_in(source_id) for source_id in reopened.sources}
    assert before == after
    assert all(before.values())
    assert before == {source_id: dossier.mentions_in(source_id) for source_id in dossier.sources}


def test_the_newest_source_is_the_latest_published(dossier):
    newest = dossier.sources[dossier.newest_source_id()]
    assert newest.published == max(source.published or "" for source in dossier.sources.values())


def test_an_actors_brief_matches_its_record(dossier):
    for actor_id in dossier.actor_ids_by_mentions():
        actor = dossier.actors[actor_id]
        assert dossier.actor_brief(actor_id) == (actor.name, actor.kind, len(actor.mentions))
