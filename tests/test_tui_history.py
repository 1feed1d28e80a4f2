"""tui.history: browser-style back/forward over visited places."""

from __future__ import annotations

from dossier.tui.history import History, Place


def test_back_forward_and_visiting_drops_forward_entries() -> None:
    history = History()
    assert history.current is None and not history.can_go_back and not history.can_go_forward
    first, second, third = Place("actors", "a-1"), Place("events", "e-1"), Place("source", "s-1")
    history.visit(first)
    history.visit(second)
    history.visit(third)
    assert history.back() == second and history.back() == first
    assert history.back() is None and history.current == first
    assert history.forward() == second and history.can_go_forward
    history.visit(Place("actors", "a-2"))
    assert not history.can_go_forward and history.forward() is None
    assert history.back() == second


def test_update_keeps_the_cursor_without_a_new_entry_and_repeats_are_ignored() -> None:
    history = History()
    history.update(Place("actors", "a-1"))
    history.update(Place("actors", "a-3"))
    assert history.current == Place("actors", "a-3") and not history.can_go_back
    history.visit(Place("actors", "a-3"))
    assert not history.can_go_back
