"""Search over the analyst's notes and tags on the politics articles: ``tag:NAME`` lists every record
carrying a tag (actors, events, sources), note words find their records, and the index follows each
annotation edit, undo and merge without being rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_documents import FIRST, extracted

from dossier.store import Dossier
from dossier.store.curation.operations import Annotate, HideActor, Merge


@pytest.fixture
def politics(tmp_path: Path) -> Dossier:
    """The first twelve politics articles, saved."""
    dossier = Dossier.open(tmp_path / "politics.json")
    with dossier.writing():
        for name in FIRST:
            dossier.add_document(extracted(name))
    return dossier


def found(dossier: Dossier, query: str) -> list[str]:
    return [record.id for record, _ in dossier.search(query).annotated]


def test_tag_query_lists_the_actors_events_and_sources_carrying_it(politics):
    event_id = politics.timeline_ids()[0]
    source_id = next(iter(politics.sources))
    politics.apply(Annotate("a-tony-blair", add_tags=("election",)))
    politics.apply(Annotate(event_id, add_tags=("Election", "check")))
    politics.apply(Annotate(source_id, add_tags=("election",)))
    politics.apply(Annotate("a-labour", add_tags=("party",)))

    assert found(politics, "tag:election") == ["a-tony-blair", event_id, source_id]
    assert found(politics, "TAG: Election") == found(politics, "tag:election")  # case and spaces ignored
    assert found(politics, "tag:elec") == ["a-tony-blair", event_id, source_id]  # a tag still being typed
    assert found(politics, "tag:party") == ["a-labour"]
    results = politics.search("tag:election")
    assert not results.actors and not results.events and not results.texts  # only the tag's records
    assert found(politics, "tag:nothing") == []


def test_note_words_find_their_records_and_a_snippet_of_the_note(politics):
    politics.apply(Annotate("a-gordon-brown", note="Chancellor; **check** his pre-budget statements\nagainst the IFS figures"))
    politics.apply(Annotate("a-tony-blair", note="Prime minister. Compare with the budget leaks."))

    assert found(politics, "budget") == ["a-gordon-brown", "a-tony-blair"]
    assert found(politics, "budget ifs") == ["a-gordon-brown"]
    assert found(politics, "chancel") == ["a-gordon-brown"]  # the last word may be unfinished
    hit = dict((record.id, why) for record, why in politics.search("ifs").annotated)
    assert "IFS figures" in hit["a-gordon-brown"]
    assert politics.search("budget").actors  # names and text are still searched beside the notes


def test_the_index_follows_edits_undo_merge_and_hide_without_rebuilding(politics):
    politics.apply(Annotate("a-labour-party", note="Manifesto pledges", add_tags=("party",)))
    assert found(politics, "manifesto") == ["a-labour-party"]
    notes = politics.curation.notes
    assert notes.builds == 1
    search_indexes = ("names", "event_words", "texts")
    builds = {name: getattr(politics.indexes, name).builds for name in search_indexes}
    assert all(builds.values())  # built by the first search

    politics.apply(Annotate("a-labour-party", note="Conference speeches", remove_tags=("party",)))
    assert found(politics, "manifesto") == [] and found(politics, "conference") == ["a-labour-party"]
    assert found(politics, "tag:party") == []
    politics.undo()
    assert found(politics, "manifesto") == ["a-labour-party"] and found(politics, "tag:party") == ["a-labour-party"]

    politics.apply(Merge(("a-labour", "a-labour-party")))
    assert found(politics, "tag:party") == ["a-labour"]  # the merged actor's notes stay with its survivor
    politics.undo()
    politics.apply(HideActor("a-labour-party"))
    assert found(politics, "manifesto") == [] and found(politics, "tag:party") == []  # hidden: gone from search
    politics.undo()
    assert found(politics, "manifesto") == ["a-labour-party"]
    assert notes.builds == 1  # never rebuilt per edit
    assert {name: getattr(politics.indexes, name).builds for name in search_indexes} == builds

    reopened = Dossier.open(politics.path)
    assert found(reopened, "manifesto") == ["a-labour-party"]
