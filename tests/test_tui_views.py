"""The timeline, connections, chains and sources views driven from the keyboard over the hand-made
seed dossier, asserting what the user sees and that back/forward return to a view where it stood."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Static

from dossier.tui.app import DossierApp
from dossier.tui.navigation import ViewPlace
from dossier.tui.screens.chains import ChainsScreen, PickActor
from dossier.tui.screens.connections import ConnectionsScreen
from dossier.tui.screens.main import KEY_REPEAT_SECONDS, MainScreen
from dossier.tui.screens.sources import SourcesScreen
from dossier.tui.screens.timeline import TimelineScreen
from dossier.tui.widgets.record_list import RecordList

KHALILZAD = ["j"] * 7  # the eighth actor by mentions
RICE = ["j"] * 9


async def settle(app: DossierApp, pilot) -> None:
    """Let workers finish and the screen repaint."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown(app: DossierApp, selector: str) -> str:
    """The plain text a Static shows on the active screen."""
    return str(app.screen.query_one(selector, Static).render())


def rows(app: DossierApp, selector: str) -> list[str]:
    """The visible rows of a list on the active screen as the user reads them."""
    listing = app.screen.query_one(selector, RecordList)
    shown_rows = min(len(listing.ids), listing.size.height)
    return [listing.render_line(y).text.rstrip() for y in range(shown_rows)]


def titles(main: MainScreen) -> list[str]:
    """The titles of the events the Events pane lists."""
    assert main.dossier is not None
    return [main.dossier.events[e].title for e in main.query_one("#events", RecordList).ids]


async def test_the_timeline_buckets_the_events_and_filters_events_to_one(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        main = app.main
        await pilot.press("T")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert shown(app, "#timeline-title") == "Timeline of the whole dossier · by year"  # 1979 to 2007
        assert shown(app, "#timeline-info").splitlines() == ["2007: 4 events", "8 events dated by year · 1 undated"]
        await pilot.press("plus", *["right"] * 4)  # months, then from January to May 2007
        assert shown(app, "#timeline-info").splitlines() == [
            "2007-05: 4 events", "7 events dated by month · 1 dated less precisely · 1 undated"]
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is main and main.date_filter == ("2007-05-01", "month")
        assert titles(main)[-1] == "Iran and the United States hold talks in Baghdad" and len(titles(main)) == 4
        assert "2007-05" in str(main.query_one("#events-pane").border_title)
        await pilot.press("left_square_bracket")  # back: the timeline, by month, on May 2007
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert shown(app, "#timeline-info").splitlines()[0] == "2007-05: 4 events"
        await pilot.press("escape")
        await pilot.press("escape")
        assert main.date_filter is None and len(titles(main)) == 9


async def test_an_actors_timeline_charts_its_mentions_and_detail_has_a_sparkline(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "k")  # Iran
        await pilot.pause(2 * KEY_REPEAT_SECONDS)  # "k" right after "j" is a held key: selected once keys pause
        await settle(app, pilot)
        summary = str(app.main.query_one("#detail-summary", Static).render())
        assert "2006-11 █" in summary and summary.rstrip().endswith("2007-05")
        await pilot.press("T")
        await settle(app, pilot)
        assert shown(app, "#timeline-title").startswith("Timeline of Iran · by")
        await pilot.press("minus", "minus", "minus", "end")  # years; the last is 2007
        info = shown(app, "#timeline-info").splitlines()
        assert info[0] == "2007: 1 event, 12 mentions"  # the Baghdad talks; the USINFO article


async def test_connections_rank_and_follow_with_evidence_one_key_away(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        main = app.main
        await pilot.press(*KHALILZAD, "c")
        await settle(app, pilot)
        assert isinstance(app.screen, ConnectionsScreen)
        listed = rows(app, "#connections")
        assert listed[0].split() == ["P", "1", "ev", "3", "sent", "1", "src", "Sean", "McCormack"]
        assert listed[1].endswith("Iraq") and "4 sent" in listed[1]
        assert rows(app, "#evidence")[0].startswith("event 2006-11-27")
        await pilot.press("tab", "enter")  # the shared event
        await settle(app, pilot)
        assert app.screen is main and main.detail_record_id == "e-2e15200de426"
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert isinstance(app.screen, ConnectionsScreen)
        await pilot.press("j")
        assert "Khalilzad" in rows(app, "#evidence")[0]  # a sentence naming both
        await pilot.press("enter")  # follow to Iraq
        await settle(app, pilot)
        assert app.screen is main and main.actor_filter == "a-iraq"
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert isinstance(app.screen, ConnectionsScreen)
        listing = app.screen.query_one("#connections", RecordList)
        assert listing.current_id == "a-iraq"  # where the view stood


async def test_a_view_opened_again_shows_the_new_subject_not_the_last(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*KHALILZAD, "c")
        await settle(app, pilot)
        first = app.screen
        assert isinstance(first, ConnectionsScreen) and "Khalilzad" in shown(app, "#connections-title")
        khalilzad_rows = rows(app, "#connections")
        await pilot.press("escape", "j", "j", "c")  # Condoleezza Rice
        await settle(app, pilot)
        assert app.screen is first  # the screen is kept between openings
        assert "Condoleezza Rice" in shown(app, "#connections-title")
        assert rows(app, "#connections") != khalilzad_rows and not any(r.endswith("Condoleezza Rice") for r in rows(app, "#connections"))
        await pilot.press("escape", "T")
        await settle(app, pilot)
        assert shown(app, "#timeline-title").startswith("Timeline of Condoleezza Rice")
        await pilot.press("escape", "k", "k", "T")
        await settle(app, pilot)
        assert shown(app, "#timeline-title").startswith("Timeline of Zalmay Khalilzad")


async def test_connect_two_actors_from_the_palette(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        main = app.main
        await pilot.press(*RICE)
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"connect two")
        await settle(app, pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickActor)
        await pilot.press(*"kazemi")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ChainsScreen)
        listed = rows(app, "#chains")
        assert listed[0] == "1. Condoleezza Rice → Iran → Hassan Kazemi"
        assert listed[1].startswith("   Condoleezza Rice — Iran: 2006-10 S Rice signals Washington")
        assert listed[2].startswith("   Iran — Hassan Kazemi: 2007-05-28 M Iran and the United States hold talks")
        await pilot.press("j", "j", "enter")
        await settle(app, pilot)
        assert app.screen is main and main.detail_record_id == "e-5299f1896750"


async def test_chains_at_hand_are_listed_without_a_search(handmade_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_search(screen: ChainsScreen, generation: int) -> None:
        raise AssertionError(f"searched {screen.place.subject} in a worker")

    monkeypatch.setattr(ChainsScreen, "_search", no_search)
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.main.views.open(ViewPlace("chains", ("a-zalmay-khalilzad", "a-sean-mccormack")))  # they share an event
        await settle(app, pilot)
        assert isinstance(app.screen, ChainsScreen) and app.screen.searched
        assert rows(app, "#chains")[0] == "1. Zalmay Khalilzad → Sean McCormack"
        assert "1 shortest chain" in shown(app, "#chains-title")


async def test_sources_sort_filter_and_open(handmade_db: Path) -> None:
    app = DossierApp(handmade_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        main = app.main
        await pilot.press("o")
        await settle(app, pilot)
        assert isinstance(app.screen, SourcesScreen)
        listed = rows(app, "#sources")
        assert [row.split()[0] for row in listed] == ["2007-05-25", "2006-11-28"]  # newest first
        assert listed[1].split()[1:3] == ["10", "AFP"]  # ten actors mentioned
        await pilot.press("d")
        assert [row.split()[0] for row in rows(app, "#sources")] == ["2006-11-28", "2007-05-25"]
        await pilot.press("t")
        assert rows(app, "#sources")[0].endswith("USINFO       Iran, United States To Discuss Iraqi Securit")  # cut at 80
        await pilot.press("p")  # one publisher (AFP), the next (USINFO), then all
        assert len(rows(app, "#sources")) == 1 and "1 source · title · AFP" in shown(app, "#sources-title")
        await pilot.press("p", "p", "r", "r")  # all publishers; read only: none is read yet
        assert rows(app, "#sources") == []
        await pilot.press("r", "j", "enter")
        await settle(app, pilot)
        assert app.screen is main and main.detail_record_id == "s-4b1ab57a769c"
        assert str(main.query_one("#source-meta", Static).render()).startswith("US plays down planned contacts")
        await pilot.press("left_square_bracket")
        await settle(app, pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert app.screen.query_one("#sources", RecordList).current_id == "s-4b1ab57a769c"
        assert "title" in shown(app, "#sources-title")


def test_each_view_has_a_palette_entry() -> None:
    described = {binding.description for binding in MainScreen.BINDINGS if hasattr(binding, "description")}
    assert {"Timeline", "Connections", "Sources", "Connect two actors"} <= described


async def test_the_views_show_hostile_text_as_text(hostile_db: Path) -> None:
    app = DossierApp(hostile_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "k", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, ConnectionsScreen)
        title = shown(app, "#connections-title")
        assert title.startswith("Connections of ␛[2J") and "\x1b" not in title  # the escape made visible
        assert any("[@click=app.quit]Eve[/]" in row for row in rows(app, "#connections"))  # never read as markup
        await pilot.press("escape", "o")
        await settle(app, pilot)
        assert isinstance(app.screen, SourcesScreen)
        row = rows(app, "#sources")[0]
        assert row == "2007-05-28      7  [link=file:/ [@click=app.quit]Title[/] ␛]0;pwned␇"  # publisher cut to its column
        await pilot.press("escape", "T")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert shown(app, "#timeline-title").startswith("Timeline of ␛[2J · by")
