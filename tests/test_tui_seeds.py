"""The app over dossiers built by the real ingest pipeline (spaCy, dateparser) from seeds/."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ProgressBar

from test_tui import lists, ready, visible_source
from tui.app import DossierApp
from tui.messages import BuildProgress
from tui.screens.choose import ChooseActor
from tui.screens.main import MainScreen


async def test_search_khalil_lands_on_zalmay_khalilzad(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *"khalil", "enter")
        await pilot.pause()
        actors, events = lists(app)
        actor = screen.dossier.actors[actors.current_id]
        assert actor.name == "Zalmay Khalilzad"
        assert events.ids and set(events.ids) == {e.id for e in screen.dossier.events_of(actor.id)}
        sentence = visible_source(app).replace("\n", " ")
        assert "Zalmay Khalilzad" in sentence or "Khalilzad" in sentence
        view_span = screen.query_one("SourceView").emphasis
        assert screen.dossier.sources[view_span.source].text[view_span.start : view_span.end] in ("Zalmay Khalilzad", "Khalilzad")


async def test_baghdad_talks_event_reaches_ryan_crocker_and_back(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        talks = next(
            event for event in screen.dossier.timeline()
            if event.date == "2007-05-28"
            and any("Baghdad" in screen.dossier.sources[s.source].text[s.start : s.end] for s in event.evidence)
        )
        actors, events = lists(app)
        await pilot.press("2", *["j"] * events.position_of(talks.id), "enter")
        if isinstance(app.screen, ChooseActor):
            options = app.screen.query_one("OptionList")
            names = [screen.dossier.actors[options.get_option_at_index(i).id].name for i in range(options.option_count)]
            await pilot.press(*["j"] * names.index("Ryan Crocker"), "enter")
        assert screen.dossier.actors[actors.current_id].name == "Ryan Crocker"
        await pilot.press("left_square_bracket")
        assert app.focused is events and events.current_id == talks.id


async def test_first_start_builds_from_the_seeds_with_progress(tmp_path: Path) -> None:
    progress: list[BuildProgress] = []

    def hook(message) -> None:
        if isinstance(message, BuildProgress):
            progress.append(message)

    path = tmp_path / "new" / "dossier.json"
    app = DossierApp(path, build_from_seeds=True)
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one("#building").display, "the progress bar shows while building"
        assert screen.query_one(ProgressBar).total in (None, 2)
        await pilot.press("j", "tab")  # the UI answers keys while the worker builds
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not screen.query_one("#building").display
        assert progress and progress[-1].done == progress[-1].total == 2
        actors, events = lists(app)
        assert len(actors.ids) > 5 and len(events.ids) > 2
        assert path.exists()
