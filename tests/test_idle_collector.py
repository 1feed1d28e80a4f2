"""The garbage collector's passes are made in the user's pauses, CPython's own triggers kept as a backstop."""

from __future__ import annotations

import gc

import pytest

from dossier.tui import idle_collector
from dossier.tui.idle_collector import (
    BACKSTOP,
    FULL_PASS_DUE,
    MIDDLE_PASS_DUE,
    YOUNG_BACKSTOP,
    YOUNG_PASS_DUE,
    IdleCollector,
)


def test_start_raises_the_young_and_full_pass_triggers_and_stop_restores_them() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (YOUNG_BACKSTOP, before[1], BACKSTOP)
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
        now[0] += 2 * idle_collector.QUIET_SECONDS
        assert collector.collect_if_due() and passes == [2]
        monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (0, 0, FULL_PASS_DUE - 1))
        assert not collector.collect_if_due()  # not due
    finally:
        collector.stop()


@pytest.mark.parametrize(
    ("count", "generation"),
    [((YOUNG_PASS_DUE, 0, 0), 0), ((YOUNG_PASS_DUE, MIDDLE_PASS_DUE, 0), 1), ((0, MIDDLE_PASS_DUE, FULL_PASS_DUE), 2)],
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
        assert not collector.collect_if_due()  # a key just came: even a young pass waits
        now[0] += 2 * idle_collector.QUIET_SECONDS
        assert collector.collect_if_due() and passes == [generation]
    finally:
        collector.stop()


def test_a_young_pass_is_not_due_before_cpython_would_make_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (YOUNG_PASS_DUE - 1, MIDDLE_PASS_DUE - 1, FULL_PASS_DUE - 1))
    collector = IdleCollector()
    collector.start()
    try:
        collector.last_input -= 10
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
        assert collector.collect_if_due() and passes == [0]
    finally:
        collector.stop()
