"""tui.navigation without an app: panes in tab order, the n/N walk, and browser-style history."""

from __future__ import annotations

from pathlib import Path

from dossier.store.dossier import Dossier
from dossier.store.records import Span
from dossier.tui.navigation import History, MentionWalk, Pane, Place, Target, Walk


def test_panes_cycle_in_tab_order_both_ways_and_are_named_as_the_bindings_name_them() -> None:
    assert [pane.step(1) for pane in Pane] == [Pane.EVENTS, Pane.SOURCE, Pane.DETAIL, Pane.ACTORS]
    assert Pane.ACTORS.step(-1) is Pane.DETAIL
    assert Pane("source") is Pane.SOURCE and Pane.SOURCE == "source"


def test_back_forward_and_visiting_drops_forward_entries() -> None:
    history = History()
    assert history.current is None and not history.can_go_back and not history.can_go_forward
    first, second, third = Place(Pane.ACTORS, "a-1"), Place(Pane.EVENTS, "e-1"), Place(Pane.SOURCE, "s-1")
    history.visit(first)
    history.visit(second)
    history.visit(third)
    assert history.back() == second and history.back() == first
    assert history.back() is None and history.current == first
    assert history.forward() == second and history.can_go_forward
    history.visit(Place(Pane.ACTORS, "a-2"))
    assert not history.can_go_forward and history.forward() is None
    assert history.back() == second


def test_update_keeps_the_cursor_without_a_new_entry_and_repeats_are_ignored() -> None:
    history = History()
    history.update(Place(Pane.ACTORS, "a-1"))
    history.update(Place(Pane.ACTORS, "a-3"))
    assert history.current == Place(Pane.ACTORS, "a-3") and not history.can_go_back
    history.visit(Place(Pane.ACTORS, "a-3"))
    assert not history.can_go_back


def test_a_mention_walk_steps_through_an_actors_real_mentions_wrapping_around(seed_db: Path) -> None:
    dossier = Dossier.open(seed_db, create=False)
    actor_id = dossier.actor_ids_by_mentions()[0]
    spans = dossier.mentions_of(actor_id)
    assert len(spans) > 2
    walk = Walk.of_mentions(spans, dossier.actors[actor_id].name)
    assert walk and not walk.is_hits and walk.index == -1
    assert walk.label == f"mention of {dossier.actors[actor_id].name} {len(spans)} · n/N"
    assert walk.next_index(1) == 0, "n starts at the first mention"
    assert walk.at(0).next_index(-1) == len(spans) - 1, "N wraps around backwards"
    last = walk.at(len(spans) - 1)
    assert last.targets[last.index] == Target(span=spans[-1])
    assert last.next_index(1) == 0, "n wraps around"
    assert last.label.endswith(f"{len(spans)}/{len(spans)} · n/N")
    assert walk.synced_to(spans[2]).index == 2
    assert walk.synced_to(Span("elsewhere", 0, 1)) == walk, "a span that is no stop leaves the walk as it was"
    assert isinstance(walk.targets, MentionWalk) and walk.targets[1:3] == [Target(span=spans[1]), Target(span=spans[2])]


def test_a_search_walk_stands_at_the_hit_opened_and_syncs_only_to_text_hits() -> None:
    text_hit = Span("s-1", 10, 20)
    targets = [Target("a-1"), Target("s-1", text_hit), Target("e-1")]
    walk = Walk.of_hits(targets, "iran", 1)
    assert walk.is_hits and walk.label == "hit for “iran” 2/3 · n/N"
    assert walk.synced_to(text_hit) == walk
    assert walk.at(0).synced_to(text_hit).index == 0, "a record hit with a span is not a text stop"
    assert walk.next_index(5) == 0
    assert not Walk() and Walk().label == ""
