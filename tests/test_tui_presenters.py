"""tui.presenters and the help table without an app: what Detail and help say, from the seed dossier."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from dossier.store.dossier import Dossier
from dossier.store.records import Actor
from dossier.tui.presenters import (
    MAX_LINKS,
    actor_detail,
    dossier_detail,
    event_detail,
    follow_candidates,
    record_detail,
    source_detail,
)
from dossier.tui.screens.help import help_sections


def named(dossier: Dossier, name: str) -> Actor:
    return next(actor for actor in dossier.actors.values() if actor.name == name)


def test_the_dossier_summary_counts_its_records(seed_db: Path) -> None:
    dossier = Dossier.open(seed_db, create=False)
    view = dossier_detail(dossier)
    assert f"{len(dossier.sources)} sources, {len(dossier.actors)} actors, {len(dossier.events)} events" in view.summary.plain
    assert view.links == []


def test_an_actor_is_described_with_its_counts_and_its_sources_as_links(seed_db: Path) -> None:
    dossier = Dossier.open(seed_db, create=False)
    khalilzad = named(dossier, "Zalmay Khalilzad")
    view = actor_detail(dossier, khalilzad)
    sources = list(dict.fromkeys(span.source for span in khalilzad.mentions))
    mentions = len(khalilzad.mentions)
    assert view.summary.plain.startswith("P Zalmay Khalilzad  person")
    assert f"{mentions} mention{'s' if mentions != 1 else ''} in " in view.summary.plain
    assert [record_id for record_id, _ in view.links] == sources[:MAX_LINKS] and view.total == len(sources)
    assert all(label.plain.startswith("source ") for _, label in view.links)
    assert record_detail(dossier, khalilzad) == view


def test_an_event_links_its_actors_then_place_then_sources_and_is_followed_to_known_actors(seed_db: Path) -> None:
    dossier = Dossier.open(seed_db, create=False)
    event = next(e for e in dossier.timeline() if len(follow_candidates(dossier, e)) > 1)
    view = event_detail(dossier, event)
    assert f"\n{event.kind} · " in view.summary.plain
    kinds = [label.plain.split()[0] for _, label in view.links]
    assert kinds == sorted(kinds, key=["actor", "place", "source"].index), "actors, then the place, then sources"
    candidates = follow_candidates(dossier, event)
    assert len(candidates) == len(set(candidates)) and all(c in dossier.actors for c in candidates)


def test_a_source_is_described_with_its_actors_as_links(seed_db: Path) -> None:
    dossier = Dossier.open(seed_db, create=False)
    source = next(iter(dossier.sources.values()))
    view = source_detail(dossier, source)
    actors = dossier.actors_in(source.id)
    assert view.total == len(actors) and [record_id for record_id, _ in view.links] == [a.id for a in actors[:MAX_LINKS]]
    assert source.title and source.title in view.summary.plain


def test_help_lists_only_the_keys_the_screen_says_are_live() -> None:
    screen_keys = [Binding("n", "walk(1)", "Next", tooltip="Next hit"), Binding("x", "gone", "Gone", tooltip="Hidden now")]
    sections = dict(help_sections(screen_keys, lambda binding: binding.action != "gone", [Binding("q", "quit", "Quit")]))
    everywhere = sections["Everywhere"]
    assert ("n", "Next hit") in everywhere and ("q", "Quit") in everywhere
    assert all(description != "Hidden now" for _, description in everywhere)
    assert ("m", "Next mention") in sections["Source (pane 3)"]
