"""The review queue in the app, driven from the keyboard over real politics articles: skip, not the same,
merge (saved, lists refreshed), escape; and SVG snapshots of the overlay at 80x24 and 160x45."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from dossier.store.curation.operations import Distinct, Merge
from dossier.store.dossier import Dossier
from dossier.tui.app import DossierApp
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.review import ReviewScreen
from dossier.tui.widgets.record_list import RecordList

pytest_plugins = ["review_documents"]  # the review_db fixtures


async def settle(pilot: Pilot) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_skip_not_the_same_and_merge_from_the_keyboard(review_db: Path) -> None:
    app = DossierApp(review_db)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("V")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.queue

        first = review.current
        assert first is not None
        await pilot.press("s")  # skip: nothing stored, the next one shows
        await settle(pilot)
        assert review.current is not None and review.current.suggestion.pair != first.suggestion.pair
        assert Dossier.open(review_db).history() == []

        second = review.current.suggestion
        await pilot.press("d")  # not the same: stored, never suggested again
        await settle(pilot)
        [edit] = Dossier.open(review_db).history()
        assert edit.operation == Distinct((second.first, second.second))
        assert review.queue is not None
        assert all(item.suggestion.pair not in (second.pair, first.suggestion.pair) for item in review.queue)

        third = review.current.suggestion if review.current else None
        assert third is not None
        await pilot.press("m")  # merge into the more mentioned (left) side
        await settle(pilot)
        edits = Dossier.open(review_db).history()
        assert edits[-1].operation == Merge((third.first, third.second))
        assert main.dossier is not None and third.second not in main.dossier.actors
        actors = main.query_one("#actors", RecordList)
        assert third.second not in actors.ids and third.first in actors.ids

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is main


async def test_capital_m_keeps_the_right_name(review_db: Path) -> None:
    app = DossierApp(review_db)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.current is not None
        shown = review.current.suggestion
        await pilot.press("M")
        await settle(pilot)
        [edit] = Dossier.open(review_db).history()
        assert edit.operation == Merge((shown.second, shown.first))


def review_opened(pilot_keys: tuple[str, ...] = ()):
    """Open the dossier, press R and wait for the queue."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.screen.refresh(layout=True)  # the panes behind the queue drawn whole once (their scrollbars too)
        await settle(pilot)
        await pilot.press("V", *pilot_keys)
        shown = ""
        for _ in range(100):  # until the queue is up and two frames 0.2 s apart agree (a busy machine is slow)
            await settle(pilot)
            await pilot.pause(0.2)
            screen, frame = pilot.app.screen, pilot.app.export_screenshot()
            if isinstance(screen, ReviewScreen) and screen.current is not None and frame == shown:
                break
            shown = frame
        for shown_screen in pilot.app.screen_stack:  # every layer drawn whole once, as a terminal would show it
            shown_screen.refresh(layout=True)
        await settle(pilot)
        await pilot.pause(0.2)

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_review_queue_snapshot(snap_compare, review_db: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(review_db), terminal_size=size, run_before=review_opened())


async def test_after_a_merge_the_queue_names_neither_side_and_keeps_the_notice(review_db: Path) -> None:
    app = DossierApp(review_db)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.current is not None and len(review.queue or []) > 1
        merged = review.current.suggestion
        await pilot.press("m")
        await settle(pilot)  # the queue left at once, then the one computed anew: the notice stays
        assert review.notice is not None and review.notice.startswith("Merged")
        assert review.queue is not None
        assert all(merged.second not in item.suggestion.pair for item in review.queue)
        assert "Merged" in str(review.query_one("#review-why").render())


async def test_reopening_the_queue_without_edits_reuses_it_and_an_edit_recomputes_it(
    review_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.tui.screens import reviewing

    passes: list[int] = []

    original = reviewing.suggestions

    def counted(*args, **kwargs):
        passes.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(reviewing, "suggestions", counted)
    app = DossierApp(review_db)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.current is not None
        shown = review.current.suggestion
        await pilot.press("escape", "V")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.current is not None
        assert review.current.suggestion == shown and len(passes) == 1  # shown again without a new pass
        await pilot.press("m", "escape")
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert len(passes) == 2  # one pass after the merge, reused when the queue opens again
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.queue is not None
        assert all(shown.second not in item.suggestion.pair for item in review.queue)


async def test_while_the_queue_loads_no_empty_sides_are_drawn(review_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from dossier.tui.screens import reviewing

    release = threading.Event()
    original = reviewing.suggestions

    def slow(*args, **kwargs):
        release.wait(10)
        return original(*args, **kwargs)

    monkeypatch.setattr(reviewing, "suggestions", slow)
    app = DossierApp(review_db)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.queue is None
        assert "finding likely duplicates" in str(review.query_one("#review-title").render())
        assert not review.query_one("#review-sides").display and not review.query_one("#review-hint").display
        release.set()
        await settle(pilot)
        assert review.current is not None and review.query_one("#review-sides").display
