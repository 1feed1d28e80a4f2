"""Who is connected to whom: ranking by shared events, then sentences, then sources, and the
shortest chains between two actors, on the hand-made seed dossier."""

from __future__ import annotations

from pathlib import Path

from dossier.store.connections import connections, shortest_chains
from dossier.store.dossier import Dossier


def test_connections_rank_events_before_sentences_before_sources(handmade_db: Path) -> None:
    dossier = Dossier.open(handmade_db, create=False)
    found = connections(dossier, "a-zalmay-khalilzad")
    assert found[0].actor_id == "a-sean-mccormack" and len(found[0].events) == 1  # they share one event
    assert [c.actor_id for c in found[1:3]] == ["a-iraq", "a-iran"]  # four and three shared sentences
    text = dossier.sources[found[1].sentences[0].source].text
    sentence = text[found[1].sentences[0].start:found[1].sentences[0].end]
    assert "Khalilzad" in sentence and "Iraq" in sentence
    rice = next(c for c in found if c.actor_id == "a-condoleezza-rice")
    assert not rice.events and not rice.sentences and len(rice.sources) == 1  # only the same article
    keys = [c.rank_key() for c in found]
    assert keys == sorted(keys)


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
