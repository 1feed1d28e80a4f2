"""SVG snapshots of the note editor and the inline prompt (a tag completing, a merge's choice) at
80x24 and 160x45 over the hand-made seed dossier.

Update with ``pytest tests/test_tui_curation_snapshots.py --snapshot-update`` only after reading the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from dossier.tui.app import DossierApp

KHALILZAD = ["j"] * 7
NOTE = ["w", *"## Envoy", "enter", "enter", *"Met the *Iranian* side in Baghdad.", "enter", *"- check the date"]


async def settled(pilot) -> None:
    """Let the app's workers finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_note_editor(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    async def still_cursor(pilot) -> None:
        """Open the dossier, write a note on Khalilzad, and stop the cursor from blinking."""
        await settled(pilot)
        await pilot.press(*KHALILZAD, *NOTE)
        pilot.app.screen.query_one(TextArea).cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=still_cursor)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_tag_prompt_completing(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    async def typing_a_tag(pilot) -> None:
        """Tag Khalilzad "envoy", then start tagging the actor above: the inline prompt completes "en"."""
        await settled(pilot)
        await pilot.press(*KHALILZAD, "t", *"envoy", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("k", "t", *"en")
        pilot.app.screen.query_one("#prompt-input", Input).cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=typing_a_tag)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_merge_prompt_choosing(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    async def choosing_the_survivor(pilot) -> None:
        """Mark Khalilzad, select the actor above and press J: the inline prompt asks which name survives."""
        await settled(pilot)
        await pilot.press(*KHALILZAD, "x", "k", "J")
        await pilot.pause(0.3)

    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=choosing_the_survivor)
