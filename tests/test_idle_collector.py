"""The garbage collector's passes are made in the user's pauses, CPython's own triggers kept as a backstop."""

from __future__ import annotations

import gc

import pytest

from dossier.tui import idle_collector
from dossier.tui.idle_collector import (
    BACKSTOP,
    FULL_PASS_DUE,
    MIDDLE_BACKSTOP,
    MIDDLE_PASS_DUE,
    YOUNG_BACKSTOP,
    YOUNG_PASS_DUE,
    IdleCollector,
)


def test_start_raises_cpythons_triggers_and_stop_restores_them() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (YOUNG_BACKSTOP, MIDDLE_BACKSTOP, BACKSTOP)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_a_due_pass_waits_for_a_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (0, 0, FULL_PASS_DUE))
    passes: list[int] = []
    monkeypatch.setattr(idle_collector.gc, "collect", lambda generation=2: passes.append(generation) or 0)
    collector = IdleCollector()
    assert not collector.collect_if_due()  # not in charge yet
    collector.start()
    try:
        collector.input_seen()
        assert not collector.collect_if_due()  # a key just came
        now[0] += idle_collector.CHECK_SECONDS
        assert not collector.collect_if_due()  # at rest for a while, but not a pause in the keys yet
        now[0] += 2 * idle_collector.QUIET_SECONDS
        assert collector.collect_if_due() and passes == [2]
        monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (0, 0, FULL_PASS_DUE - 1))
        assert not collector.collect_if_due()  # not due
    finally:
        collector.stop()


@pytest.mark.parametrize(
    ("count", "generation"), [((YOUNG_PASS_DUE, MIDDLE_PASS_DUE, 0), 1), ((0, MIDDLE_PASS_DUE, FULL_PASS_DUE), 2)]
)
def test_the_oldest_due_pass_is_made_in_a_pause(monkeypatch: pytest.MonkeyPatch, count, generation) -> None:
    now = [100.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: count)
    passes: list[int] = []
    monkeypatch.setattr(idle_collector.gc, "collect", lambda generation=2: passes.append(generation) or 0)
    collector = IdleCollector()
    collector.start()
    try:
        collector.input_seen()
        assert not collector.collect_if_due()  # a key just came
        now[0] += idle_collector.CHECK_SECONDS
        assert not collector.collect_if_due()  # at rest for a while, but not a pause in the keys yet
        now[0] += 2 * idle_collector.QUIET_SECONDS
        assert collector.collect_if_due() and passes == [generation]
    finally:
        collector.stop()


def test_a_young_pass_is_made_once_the_app_has_been_at_rest_for_a_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys in quick succession put off no young pass (a few milliseconds each), so none piles up
    into a long one inside a later key; but none is made at the first check that finds the app
    idle after a key or its work: it would run right behind the key's frame."""
    now = [100.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (YOUNG_PASS_DUE, MIDDLE_PASS_DUE - 1, 0))
    passes: list[int] = []
    monkeypatch.setattr(idle_collector.gc, "collect", lambda generation=2: passes.append(generation) or 0)
    busy = [False]
    collector = IdleCollector(busy=lambda: busy[0])
    collector.start()
    try:
        collector.input_seen()
        now[0] += idle_collector.QUIET_SECONDS  # a key long handled, but no check since
        assert not collector.collect_if_due()  # the first check to find the app idle
        now[0] += idle_collector.REST_SECONDS / 2
        assert not collector.collect_if_due()
        now[0] += idle_collector.REST_SECONDS / 2
        assert collector.collect_if_due() and passes == [0]  # at rest for a moment, well before a pause
        busy[0] = True
        now[0] += idle_collector.CHECK_SECONDS
        assert not collector.collect_if_due()
        busy[0] = False
        now[0] += idle_collector.CHECK_SECONDS
        assert not collector.collect_if_due() and passes == [0]  # right behind the app's work
        now[0] += idle_collector.CHECK_SECONDS
        assert collector.collect_if_due() and passes == [0, 0]
    finally:
        collector.stop()


def test_a_young_pass_is_not_due_before_cpython_would_make_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (YOUNG_PASS_DUE - 1, MIDDLE_PASS_DUE - 1, FULL_PASS_DUE - 1))
    collector = IdleCollector()
    collector.start()
    try:
        collector.last_input -= 10
        collector._idle_since = idle_collector.time.monotonic() - 10
        assert not collector.collect_if_due()
    finally:
        collector.stop()


def test_a_due_pass_waits_while_the_app_is_still_at_work_on_the_last_key(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (YOUNG_PASS_DUE, 0, 0))
    passes: list[int] = []
    monkeypatch.setattr(idle_collector.gc, "collect", lambda generation=2: passes.append(generation) or 0)
    busy = [True]
    collector = IdleCollector(busy=lambda: busy[0])
    collector.start()
    try:
        collector.input_seen()
        now[0] += 2 * idle_collector.QUIET_SECONDS
        assert not collector.collect_if_due() and passes == []  # an edit's worker still runs: not a pause
        busy[0] = False
        assert not collector.collect_if_due() and passes == []  # right behind the work: its frame just went out
        now[0] += idle_collector.CHECK_SECONDS
        assert collector.collect_if_due() and passes == [0]
    finally:
        collector.stop()
