"""SVG snapshots of the timeline, connections, chains and sources views at 80x24 and 160x45 over
the hand-made seed dossier. Update with ``--snapshot-update`` only after reading the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from tests.test_tui_snapshots import after_opening

SIZES = [(80, 24), (160, 45)]
IDS = ["80x24", "160x45"]
IRAN = ["j", "k"]
KHALILZAD = ["j"] * 7
RICE = ["j"] * 9


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_timeline(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening(*IRAN, "T", "left"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_connections(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening(*KHALILZAD, "c", "j"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_chains(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot) -> None:
        """Pick Kazemi once the name search has answered, then show the chains."""
        await after_opening(*RICE, "C", *"kazemi")(pilot)
        await after_opening("enter")(pilot)

    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_sources(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening("o", "j"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_events_cut_to_a_month(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    keys = ["T", "plus", *["right"] * 4, "enter"]
    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=after_opening(*keys))
