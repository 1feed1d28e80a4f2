"""The garbage collector's full passes are made in the user's pauses, CPython's own trigger kept as a backstop."""

from __future__ import annotations

import gc

import pytest

from dossier.tui import idle_collector
from dossier.tui.idle_collector import BACKSTOP, FULL_PASS_DUE, IdleCollector


def test_start_raises_the_full_pass_trigger_and_stop_restores_it() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], BACKSTOP)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_a_due_pass_waits_for_a_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(idle_collector.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (0, 0, FULL_PASS_DUE))
    passes: list[int] = []
    monkeypatch.setattr(idle_collector.gc, "collect", lambda: passes.append(1) or 0)
    collector = IdleCollector()
    assert not collector.collect_if_due()  # not in charge yet
    collector.start()
    try:
        collector.input_seen()
        assert not collector.collect_if_due()  # a key just came
        now[0] += 2 * idle_collector.QUIET_SECONDS
        assert collector.collect_if_due() and passes == [1]
        monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (0, 0, FULL_PASS_DUE - 1))
        assert not collector.collect_if_due()  # not due
    finally:
        collector.stop()
