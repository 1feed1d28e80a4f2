"""More curation from the keyboard on the seed dossier: search by note words and ``tag:NAME``, an
event's actors added and removed, hidden events brought back, and the empty review overlay."""

from __future__ import annotations

from pathlib import Path

from test_tui_curation import CASEY, KHALILZAD, actor_rows, choosing, notes_said, press, ready, saved, typing

from dossier.tui.app import DossierApp
from dossier.tui.screens.review import ReviewScreen
from dossier.tui.screens.search import SearchScreen
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.result_list import ResultList

CROCKER = "a-ryan-crocker"


def result_lines(search: SearchScreen) -> list[str]:
    """The search overlay's rows as the user reads them."""
    return [row.label.plain for row in search.query_one("#search-results", ResultList).rows]


async def searched(app: DossierApp, pilot, query: str) -> SearchScreen:
    """Open search, type a query and wait for its results."""
    await pilot.press("slash", *query)
    await pilot.pause(0.3)
    await app.workers.wait_for_complete()
    await pilot.pause()
    search = app.screen
    assert isinstance(search, SearchScreen)
    return search


async def test_search_finds_tagged_records_and_note_words_and_opens_them(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        event = next(e for e in dossier.timeline() if e.date == "2005-10")
        screen.open_record(KHALILZAD)
        await press(app, pilot, "t", *"envoy", "enter")
        screen.open_record(event.id)
        await press(app, pilot, "t", *"envoy", "enter")
        screen.open_record(CASEY)
        await press(app, pilot, "w", *"Calls it the Baghdad channel; ask for the transcript", "ctrl+s")

        search = await searched(app, pilot, "tag:envoy")
        lines = result_lines(search)
        assert lines[0] == "Notes and tags (2)"
        assert lines[1].startswith("actor ") and "Zalmay Khalilzad" in lines[1] and "tag:envoy" in lines[1]
        assert lines[2].startswith("event ") and "2005-10" in lines[2]
        await press(app, pilot, "down", "enter")  # the event
        assert app.screen is screen and screen.query_one("#events", RecordList).current_id == event.id
        assert screen.detail_record_id == event.id

        search = await searched(app, pilot, "transcript")
        lines = result_lines(search)
        heading = lines.index("Notes and tags (1)")
        assert lines[heading + 1].startswith("actor ") and "Tom Casey" in lines[heading + 1]
        assert "ask for the transcript" in lines[heading + 1]
        search.query_one(ResultList).move_cursor(heading + 1)
        await press(app, pilot, "enter")
        assert screen.detail_record_id == CASEY and actor_rows(screen)


async def test_add_and_remove_an_event_actor_with_completion_and_undo(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        event = next(e for e in dossier.timeline() if e.date == "2005-10")
        assert CROCKER not in event.actors
        screen.open_record(event.id)
        await press(app, pilot, "a", *"ryan cr")
        field = typing(app)
        await press(app, pilot, "tab")  # tab (as →) accepts the actor's name the dossier completes, staying in the prompt
        assert field.value == "Ryan Crocker"
        await press(app, pilot, "enter")
        assert dossier.events[event.id].actors[-1] == CROCKER
        assert saved(seed_db).events[event.id].actors[-1] == CROCKER
        assert any("Added Ryan Crocker to the event" in said for said in notes_said(app))
        assert event.id in {e.id for e in dossier.events_of(CROCKER)}

        await press(app, pilot, "a", *"Nobody Atall", "enter")
        assert any("Nobody Atall" in said for said in notes_said(app))  # not an actor: said, nothing changed
        assert dossier.events[event.id].actors[-1] == CROCKER

        first = dossier.events[event.id].actors[0]
        await press(app, pilot, "A")
        assert choosing(app).options[0][0] == first
        await press(app, pilot, "enter")
        assert first not in dossier.events[event.id].actors
        await press(app, pilot, "u")
        assert dossier.events[event.id].actors[0] == first
        await press(app, pilot, "u")
        assert dossier.events[event.id].actors == event.actors


async def test_hidden_events_are_listed_in_the_hidden_view_and_h_brings_one_back(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        events = screen.query_one("#events", RecordList)
        event = next(e for e in dossier.timeline() if e.date == "2005-10")
        screen.open_record(event.id)
        await press(app, pilot, "h")
        assert event.id not in dossier.events and event.id not in events.ids
        await press(app, pilot, "F")
        chooser = choosing(app)
        labels = [label.plain for _, label in chooser.options]
        await press(app, pilot, *["j"] * labels.index("hidden  1"), "enter")
        assert screen.mark_filter == "hidden" and events.ids == [event.id]
        assert "· hidden" in str(screen.query_one("#events-pane").border_title)
        assert "hidden" in events.render_line(0).text and "2005-10" in events.render_line(0).text
        await press(app, pilot, "2", "h")
        assert event.id in dossier.events and events.ids == []
        assert event.id in saved(seed_db).events
        await press(app, pilot, "escape")
        assert screen.mark_filter is None and event.id in events.ids


async def test_the_empty_review_queue_shows_no_sides(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await press(app, pilot, "V")
        overlay = app.screen
        assert isinstance(overlay, ReviewScreen) and overlay.queue == []
        assert not overlay.query_one("#review-sides").display and not overlay.query_one("#review-hint").display
        assert "No likely duplicates left" in str(overlay.query_one("#review-why").render())
