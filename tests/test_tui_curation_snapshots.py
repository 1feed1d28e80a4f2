"""SVG snapshots of the note editor at 80x24 and 160x45 over the hand-made seed dossier.

Update with ``pytest tests/test_tui_curation_snapshots.py --snapshot-update`` only after reading the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from dossier.tui.app import DossierApp

KHALILZAD = ["j"] * 7
NOTE = ["w", *"## Envoy", "enter", "enter", *"Met the *Iranian* side in Baghdad.", "enter", *"- check the date"]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_note_editor(snap_compare, handmade_db: Path, size: tuple[int, int]) -> None:
    async def still_cursor(pilot) -> None:
        """Open the dossier, write a note on Khalilzad, and stop the cursor from blinking."""
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*KHALILZAD, *NOTE)
        pilot.app.screen.query_one(TextArea).cursor_blink = False
        await pilot.pause(0.3)

    assert snap_compare(DossierApp(handmade_db), terminal_size=size, run_before=still_cursor)
