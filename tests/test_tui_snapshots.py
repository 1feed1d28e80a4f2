"""SVG snapshots of the main screens at 120x36 and 80x24 over the hand-made seed dossier.

The hand-made dossier (tests/conftest.py) keeps these stable while extraction improves.
Update with ``pytest tests/test_tui_snapshots.py --snapshot-update`` only after reading the diff.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from dossier.tui.app import DossierApp


def after_opening(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the dossier to open, press keys, and stop the input cursor from blinking."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.app.workers.wait_for_complete()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run_before


SIZES = [(120, 36), (80, 24)]
KHALILZAD = ["j"] * 7
TALKS = ["2", *["j"] * 7]


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "80x24"])
def test_actor_selected(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening(*KHALILZAD))


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "80x24"])
def test_event_selected(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening(*TALKS))


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "80x24"])
def test_search_results(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening("slash", *"iran"))


@pytest.mark.parametrize("size", SIZES, ids=["120x36", "80x24"])
def test_help(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening("question_mark"))


def test_hostile_dossier(snap_compare, hostile_db: Path) -> None:
    assert snap_compare(DossierApp(hostile_db), terminal_size=(120, 36), run_before=after_opening("j", "3"))
