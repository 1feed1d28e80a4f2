"""Who is connected to whom: ranking by shared events, then sentences, then sources, and the
shortest chains between two actors, on the hand-made seed dossier."""

from __future__ import annotations

from pathlib import Path

from dossier.store.connections import (
    chains,
    chains_at_hand,
    connections,
    keep_connections,
    kept_evidence,
    shared_evidence,
    shortest_chains,
)
from dossier.store.curation.operations import Merge
from dossier.store.dossier import Dossier


def test_connections_rank_events_before_sentences_before_sources(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    found, total = connections(dossier, "a-zalmay-khalilzad")
    assert total == len(found) == 9
    assert connections(dossier, "a-zalmay-khalilzad", limit=2) == (found[:2], 9)
    assert (found[0].actor_id, found[0].events) == ("a-sean-mccormack", 1)  # they share one event
    assert [(c.actor_id, c.sentences) for c in found[1:3]] == [("a-iraq", 4), ("a-iran", 3)]
    rice = next(c for c in found if c.actor_id == "a-condoleezza-rice")
    assert (rice.events, rice.sentences, rice.sources) == (0, 0, 1)  # only the same article
    keys = [(-c.events, -c.sentences, -c.sources) for c in found]
    assert keys == sorted(keys)


def test_the_evidence_of_a_connection_is_the_shared_text(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    evidence = shared_evidence(dossier, "a-zalmay-khalilzad", "a-iraq")
    assert not evidence.events and len(evidence.sentences) == 4 and len(evidence.sources) == 1
    for span in evidence.sentences:
        sentence = dossier.sources[span.source].text[span.start:span.end]
        assert "Khalilzad" in sentence and "Iraq" in sentence
    mccormack = shared_evidence(dossier, "a-zalmay-khalilzad", "a-sean-mccormack")
    assert [dossier.events[e].title for e in mccormack.events] == ["McCormack confirms Khalilzad plans to reach out to Tehran"]


def test_the_shortest_chain_runs_through_shared_events(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    chains = shortest_chains(dossier, "a-condoleezza-rice", "a-hassan-kazemi")
    assert len(chains) == 1
    assert [(link.first, link.second) for link in chains[0]] == [
        ("a-condoleezza-rice", "a-iran"), ("a-iran", "a-hassan-kazemi")]
    assert [dossier.events[e].title for e in chains[0][1].events] == ["Iran and the United States hold talks in Baghdad"]


def test_without_a_shared_event_a_shared_sentence_links(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    chains = shortest_chains(dossier, "a-zalmay-khalilzad", "a-iraq")
    assert len(chains) == 1 and not chains[0][0].events and len(chains[0][0].sentences) == 4
    assert shortest_chains(dossier, "a-zalmay-khalilzad", "a-zalmay-khalilzad") == []


def test_a_kept_ranking_follows_a_merge_and_its_undo(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    before, total = connections(dossier, "a-zalmay-khalilzad")
    assert connections(dossier, "a-zalmay-khalilzad") == (before, total)  # kept: the same answer again
    iraq = next(c for c in before if c.actor_id == "a-iraq")
    iran = next(c for c in before if c.actor_id == "a-iran")
    dossier.apply(Merge(("a-iraq", "a-iran")))
    merged, merged_total = connections(dossier, "a-zalmay-khalilzad")
    assert merged_total == total - 1 and "a-iran" not in {c.actor_id for c in merged}
    both = next(c for c in merged if c.actor_id == "a-iraq")
    assert both.sentences >= max(iraq.sentences, iran.sentences) and both.sources == 1
    dossier.undo()
    assert connections(dossier, "a-zalmay-khalilzad") == (before, total)


def test_kept_evidence_is_the_first_connections_until_the_dossier_changes(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    assert kept_evidence(dossier, "a-zalmay-khalilzad", "a-sean-mccormack") is None
    keep_connections(dossier, ["a-zalmay-khalilzad"], 500)  # as the app does ahead for the top actors
    kept = kept_evidence(dossier, "a-zalmay-khalilzad", "a-sean-mccormack")  # the first connection's
    assert kept == shared_evidence(dossier, "a-zalmay-khalilzad", "a-sean-mccormack")
    assert kept_evidence(dossier, "a-zalmay-khalilzad", "a-iraq") is None  # only the first is gathered ahead
    dossier.apply(Merge(("a-iraq", "a-iran")))
    assert kept_evidence(dossier, "a-zalmay-khalilzad", "a-sean-mccormack") is None  # stale after a change


def test_two_actors_sharing_an_event_have_their_one_chain_at_hand(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    at_hand = chains_at_hand(dossier, "a-zalmay-khalilzad", "a-sean-mccormack")
    assert at_hand == shortest_chains(dossier, "a-zalmay-khalilzad", "a-sean-mccormack")
    assert at_hand is not None and len(at_hand) == 1 and len(at_hand[0]) == 1 and at_hand[0][0].events
    assert chains_at_hand(dossier, "a-zalmay-khalilzad", "a-zalmay-khalilzad") == []


def test_kept_chains_follow_a_merge_and_its_undo(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    rice, kazemi = "a-condoleezza-rice", "a-hassan-kazemi"
    assert chains_at_hand(dossier, rice, kazemi) is None  # two links apart: searched in a worker
    before = chains(dossier, rice, kazemi)
    assert before == shortest_chains(dossier, rice, kazemi) and len(before[0]) == 2
    assert chains_at_hand(dossier, rice, kazemi) == before  # kept
    dossier.apply(Merge((kazemi, "a-iran")))  # Iran's events are Kazemi's now: Rice shares one with him
    merged = chains(dossier, rice, kazemi)
    assert [(link.first, link.second) for link in merged[0]] == [(rice, kazemi)]
    assert merged == shortest_chains(dossier, rice, kazemi) == chains_at_hand(dossier, rice, kazemi)
    dossier.undo()
    assert chains_at_hand(dossier, rice, kazemi) is None  # the merged chain is stale
    assert chains(dossier, rice, kazemi) == before
