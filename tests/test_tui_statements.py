"""The Statements view (Q) over the seed articles as the real pipeline extracts them: what the
selected actor said, newest first, n/N through it, enter to the sentence in Source; snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_tui import lists, ready, record_named, title_of, visible_source
from textual.widgets import OptionList

from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.search import SearchScreen
from dossier.tui.screens.statements import StatementsScreen
from dossier.tui.widgets.result_list import ResultList
from dossier.tui.widgets.source_view import SourceView


async def test_q_lists_what_casey_said_and_enter_shows_it_in_source(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        casey = record_named(screen.dossier, "Tom Casey")
        said = screen.dossier.statements_of(casey.id)
        assert len(said) >= 6
        actors, _ = lists(app)
        await pilot.press(*["j"] * actors.position_of(casey.id), "Q")
        await pilot.pause()
        overlay = app.screen
        assert isinstance(overlay, StatementsScreen)
        assert overlay.query_one(OptionList).option_count == len(said)
        await pilot.press("n", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        view = screen.query_one(SourceView)
        assert view.emphasis == said[1].content
        text = screen.dossier.sources.text(said[1].content.source)
        first_words = " ".join(text[said[1].content.start : said[1].content.end].split()[:3])
        assert first_words in " ".join(visible_source(app).split())
        assert "statement of Tom Casey" in title_of(screen, "#source-pane")
        await pilot.press("n")
        await pilot.pause()
        assert view.emphasis == said[2].content, "n steps to the next statement"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.emphasis == said[1].content, "back returns to the statement before"


async def test_search_finds_who_said_a_word_grouped_by_speaker_and_opens_the_quote(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *"Iraq")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        results = search.query_one("#search-results", ResultList)
        labels = [row.label.plain for row in results.rows]
        heading = next(i for i, label in enumerate(labels) if label.startswith("Said ("))
        said_rows = labels[heading + 1 : heading + 1 + int(labels[heading].split("(")[1].rstrip(")"))]
        speakers = [row.split(" ")[0] for row in said_rows]
        assert {"Tom", "Sean", "Zalmay"} <= set(speakers), said_rows
        # grouped: each speaker's statements are together, never interleaved with another's
        assert speakers == sorted(speakers, key=speakers.index)
        casey_row = heading + 1 + next(i for i, row in enumerate(said_rows) if row.startswith("Tom Casey"))
        results.move_cursor(casey_row)
        hit = results.rows[casey_row].hit
        assert hit is not None
        target = search.targets[hit]
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(SourceView)
        assert view.emphasis == target.span
        said = view.source.text[target.span.start : target.span.end]
        assert " ".join(said.split()[:3]) in " ".join(visible_source(app).split())


async def test_q_without_an_actor_warns_and_opens_nothing(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(app, pilot)
        await pilot.press("2", "Q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_statements_view(snap_compare, seed_db: Path, size: tuple[int, int]) -> None:
    async def open_statements(pilot) -> None:
        """Open the dossier, select Tom Casey and list what he said."""
        app = pilot.app
        await ready(app, pilot)
        screen = app.screen
        casey = record_named(screen.dossier, "Tom Casey")
        actors, _ = lists(app)
        await pilot.press(*["j"] * actors.position_of(casey.id), "Q")
        await pilot.pause(0.3)

    assert snap_compare(DossierApp(seed_db), terminal_size=size, run_before=open_statements)
