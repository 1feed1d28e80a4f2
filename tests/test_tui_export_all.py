"""The app's "Export everything…" action: key and palette entry, folder and format prompt, progress, result."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from textual.widgets import ProgressBar, RadioSet

from dossier.store.dossier import Dossier
from dossier.tui.app import DossierApp
from dossier.tui.screens.export_all import ExportAllProgress, ExportAllPrompt
from dossier.tui.screens.main import MainScreen


async def ready(app: DossierApp, pilot) -> MainScreen:
    """Wait until the dossier is open and the panes are filled."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, MainScreen) and app.screen.dossier is not None
    return app.screen


async def test_E_exports_the_seed_dossier_as_a_vault_with_progress(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        await pilot.press("E")
        assert isinstance(app.screen, ExportAllPrompt)
        assert app.screen.query_one("#export-all-path").value == str(seed_db.parent / "vault")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # the progress bar closed when the export was done
        vault = seed_db.parent / "vault"
        notes = list(vault.glob("*.md"))
        assert len(notes) == len(dossier.actors) + len(dossier.events) + len(dossier.sources) + len(dossier.statements) + 2
        assert "Dossier index" in (vault / "index.md").read_text(encoding="utf-8")
        said = [n.message for n in app._notifications]
        assert any(f"Exported {len(notes) + 1} files to {vault}" in message for message in said), said


async def test_the_palette_offers_export_everything_and_the_format_can_be_chosen(seed_db: Path, tmp_path: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export everything")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportAllPrompt)
        target = tmp_path / "graph"
        app.screen.query_one("#export-all-path").value = str(target)
        app.screen.query_one(RadioSet).focus()
        await pilot.press("down", "down", "enter")  # the third format: the graph
        assert app.screen.query_one(RadioSet).pressed_index == 2
        app.screen.query_one("#export-all-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        graph = nx.read_graphml(target / "dossier.graphml")
        dossier: Dossier = screen.dossier
        assert graph.number_of_nodes() == len(dossier.actors) + len(dossier.events)


async def test_the_progress_bar_follows_the_export(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        progress = ExportAllProgress("vault to somewhere")
        await app.push_screen(progress)
        progress.advance(30, 120)
        await pilot.pause()
        bar = progress.query_one(ProgressBar)
        assert (bar.progress, bar.total) == (30, 120)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
