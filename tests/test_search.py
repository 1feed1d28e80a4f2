"""Dossier.search on real text: actor names with typos and partial words, event words and dates, source text."""

from __future__ import annotations

import pytest
from store_documents import afp_document, reuters_document, state_document, with_text

from dossier.store import Dossier


@pytest.fixture
def dossier(tmp_path):
    d = Dossier.open(tmp_path / "search.json")
    for document in (afp_document(), state_document(), reuters_document()):
        d.add_document(document)
    return d


def top_actor(dossier, query):
    results = dossier.search(query)
    return results.actors[0][0].name if results.actors else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("khalil", "Zalmay Khalilzad"),  # prefix of a surname
        ("lilzad", "Zalmay Khalilzad"),  # inside a name token
        ("mccormak", "Sean McCormack"),  # typo
        ("Sean McCormack", "Sean McCormack"),
        ("mccormack sean", "Sean McCormack"),  # words in another order
        ("u.s.", "US"),  # an alias
        ("united states", "US"),
        ("perez cuellar", "Javier Perez de Cuellar"),
        ("CROCKER", "Ryan Crocker"),
    ],
)
def test_actor_search_tolerates_partial_words_typos_and_aliases(dossier, query, expected):
    assert top_actor(dossier, query) == expected


def test_actor_search_scores_exact_names_highest_and_drops_unrelated(dossier):
    results = dossier.search("Iran")
    assert results.actors[0] == (dossier.actors["a-iran"], 100.0)
    assert all(score <= 100 for _, score in results.actors)
    assert dossier.search("Reagan").actors[0][0].id == "a-reagan"
    assert not dossier.search("qwxzv").actors


def test_events_by_date_prefix_at_each_precision(dossier):
    assert {e.date for e, _ in dossier.search("2007-05").events} == {"2007-05", "2007-05-25", "2007-05-28"}
    assert [e.date for e, _ in dossier.search("1979").events] == ["1979"]
    assert [e.date for e, _ in dossier.search("2007-05-28").events] == ["2007-05-28"]
    assert not dossier.search("1812").events


def test_events_by_title_words_all_required_last_may_be_unfinished(dossier):
    titles = [e.title for e, _ in dossier.search("security council").events]
    assert titles and all("Security Council" in t for t in titles)
    assert [e.title for e, _ in dossier.search("reagan").events] == [
        e.title for e, _ in dossier.search("president reag").events
    ]
    assert not dossier.search("reagan tehran").events


def test_text_search_gives_offsets_into_the_stored_text(dossier):
    hits = dossier.search("TEHRAN").texts
    assert len(hits) == 4
    for hit in hits:
        text = dossier.sources[hit.source_id].text
        assert text[hit.start : hit.end].casefold() == "tehran"
        assert text[hit.start : hit.end] in hit.snippet and "\n" not in hit.snippet


def test_quoted_phrase_matches_across_a_wire_line_break(dossier):
    reuters = reuters_document().source.id
    hits = dossier.search('"Perez de Cuellar"').texts
    text = dossier.sources[reuters].text
    assert [text[h.start : h.end] for h in hits] == ["Perez de\nCuellar", "Perez de\nCuellar"]
    assert "Perez de Cuellar" in hits[0].snippet
    # unquoted, each word is a hit of its own, and words in a row form one hit
    found = [text[h.start : h.end] for h in dossier.search("perez cuellar").texts]
    assert found == ["Perez", "Cuellar", "Perez", "Cuellar"]
    found = [text[h.start : h.end] for h in dossier.search("perez de cuellar").texts]
    assert found == ["Perez de\nCuellar", "Perez de\nCuellar"]
    assert not dossier.search('"Cuellar Perez"').texts


def test_text_search_needs_every_word_in_the_same_source(dossier):
    both = dossier.search("Khalilzad Tehran").texts
    assert both and {h.source_id for h in both} == {afp_document().source.id}
    assert not dossier.search("Khalilzad Reagan").texts


def test_hostile_queries_are_plain_text(dossier):
    for query in ["(.*[", '"', '""', "\\", "a|b", "[@click=app.quit]", "\x1b[2J", "   "]:
        dossier.search(query)  # never raises
    assert not dossier.search("   ")


def test_indexes_built_early_stay_current_as_documents_arrive(dossier):
    dossier.build_search_index()
    doc = reuters_document()
    dossier.add_document(with_text(doc, doc.source.text + "\nGiuliani added a footnote.\n"))
    assert len(dossier.search("footnote").texts) == 1
    assert len(dossier.search('"Perez de Cuellar"').texts) == 4
    # The copy reports the same occurrence: one event, its evidence now in both sources, still found.
    (event, _), = dossier.search("security council").events
    assert len({span.source for span in event.evidence}) == 2


def test_search_survives_reopening(dossier):
    dossier.flush()
    reopened = Dossier.open(dossier.path)
    assert top_actor(reopened, "khalil") == "Zalmay Khalilzad"
    assert len(reopened.search("tehran").texts) == 4
