"""Curation from the keyboard: each operation, undo and redo driven through Pilot on the seed dossier.

Records are reached by their stable ids (open_record, as a link or the palette would); every
change is then made with the curation keys and read back from the store and the panes.
"""

from __future__ import annotations

from pathlib import Path

from store_documents import CORPUS
from textual.widgets import Input, OptionList

from dossier.store.dossier import Dossier
from dossier.tui.app import DossierApp
from dossier.tui.presenters import record_detail, tag_counts
from dossier.tui.screens.main import MainScreen
from dossier.tui.screens.prompts import NoteEditor
from dossier.tui.widgets.prompt_bar import PromptBar
from dossier.tui.widgets.record_list import RecordList

KHALILZAD, CASEY, MCCORMACK, SHIITE = "a-zalmay-khalilzad", "a-tom-casey", "a-sean-mccormack", "a-shiite"


async def ready(app: DossierApp, pilot) -> MainScreen:
    """Wait until the dossier is open and the panes are filled."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen) and screen.dossier is not None
    return screen


async def press(app: DossierApp, pilot, *keys: str) -> None:
    """Press keys, then wait for the edit worker and the repaint."""
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()


def asking(app: DossierApp) -> PromptBar | None:
    """The main screen's inline prompt if it is open (asking on the main screen, no modal over it)."""
    bar = app.screen.query_one(PromptBar) if isinstance(app.screen, MainScreen) else None
    return bar if bar is not None and bar.is_open and bar.display else None


def choosing(app: DossierApp) -> PromptBar:
    """The inline prompt, which must be offering a choice."""
    bar = asking(app)
    assert bar is not None and bar.options and bar.query_one(OptionList).has_focus
    return bar


def typing(app: DossierApp) -> Input:
    """The inline prompt's text field, which must be open and focused."""
    bar = asking(app)
    assert bar is not None and not bar.options
    field = bar.query_one(Input)
    assert field.has_focus
    return field


def actor_rows(screen: MainScreen) -> list[str]:
    return screen.query_one("#actors", RecordList).ids


def notes_said(app: DossierApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def saved(path: Path) -> Dossier:
    """The dossier as another process reads it from disk now (each edit is saved before it is announced)."""
    return Dossier.open(path, create=False)


async def test_merge_marked_actors_choosing_the_survivor_then_undo_and_redo(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        screen.open_record(CASEY)
        await press(app, pilot, "x")
        screen.open_record(MCCORMACK)
        await press(app, pilot, "J")
        choosing(app)
        await press(app, pilot, "enter")  # the selected actor is offered first: its name survives
        dossier = screen.dossier
        assert dossier is not None
        assert dossier.get(CASEY).id == MCCORMACK and CASEY not in actor_rows(screen)
        assert "Casey" in dossier.actors[MCCORMACK].aliases
        assert any("Merged Tom Casey into Sean McCormack" in said for said in notes_said(app))
        assert saved(seed_db).get(CASEY).id == MCCORMACK
        screen.open_record(CASEY)  # a merged id (a link, history) opens the survivor
        assert screen.detail_record_id == MCCORMACK
        await press(app, pilot, "u")
        assert CASEY in dossier.actors and CASEY in actor_rows(screen)
        assert saved(seed_db).get(CASEY).id == CASEY
        await press(app, pilot, "U")
        assert CASEY not in dossier.actors
        await press(app, pilot, "ctrl+z")
        assert CASEY in dossier.actors
        await press(app, pilot, "ctrl+y")
        assert CASEY not in dossier.actors
        assert any(said.startswith("Undone: merge") for said in notes_said(app))


async def test_the_prompt_borrows_the_keyboard_and_the_list_keeps_its_focus(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actors = screen.query_one("#actors", RecordList)
        assert screen.focused is actors
        await press(app, pilot, "t")
        field = typing(app)  # the keys go to the prompt's field...
        assert screen.focused is field and actors.has_focus  # ...while the list keeps its focused look
        await press(app, pilot, *"x")
        assert field.value == "x" and actors.cursor == 0  # typed into the field, not handled by the list
        await press(app, pilot, "escape")
        assert asking(app) is None and screen.focused is actors and actors.has_focus and not field.has_focus
        await press(app, pilot, "t")
        screen.set_focus(screen.query_one("#events", RecordList))  # as a click elsewhere does
        await pilot.pause()
        await pilot.pause()
        assert asking(app) is None and not actors.has_focus  # the question is cancelled, the list blurred


async def test_rename_alias_unalias_kind_and_split_from_the_keyboard(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        screen.open_record(KHALILZAD)
        await press(app, pilot, "r")
        assert typing(app).value == "Zalmay Khalilzad"
        await press(app, pilot, "ctrl+u", *"Zalmay M. Khalilzad", "enter")
        assert dossier.actors[KHALILZAD].name == "Zalmay M. Khalilzad"
        assert "Zalmay M. Khalilzad" in str(record_detail(dossier, dossier.actors[KHALILZAD]).summary)
        await press(app, pilot, "a", *"Z. Khalilzad", "enter")
        assert "Z. Khalilzad" in dossier.actors[KHALILZAD].aliases
        await press(app, pilot, "A")
        options = choosing(app)
        index = next(i for i, (_, label) in enumerate(options.options) if label.plain == "Z. Khalilzad")
        await press(app, pilot, *["j"] * index, "enter")
        assert "Z. Khalilzad" not in dossier.actors[KHALILZAD].aliases
        screen.open_record(SHIITE)
        await press(app, pilot, "K", "k", "enter")  # group -> place, one up in the chooser
        assert dossier.actors[SHIITE].kind == "place"
        screen.open_record(MCCORMACK)
        await press(app, pilot, "S", "enter")  # split the alias "McCormack" off
        new = next(a for a in dossier.actors.values() if a.name == "McCormack")
        assert new.id != MCCORMACK and new.mentions
        assert all(dossier.sources[m.source].text[m.start:m.end] == "McCormack" for m in new.mentions)
        assert screen.detail_record_id == new.id
        for _ in range(5):
            await press(app, pilot, "u")
        assert dossier.actors[KHALILZAD].name == "Zalmay Khalilzad" and dossier.actors[SHIITE].kind == "group"
        assert new.id not in dossier.actors and len(saved(seed_db).history()) == 5


async def test_hide_an_actor_then_bring_it_back_from_the_hidden_view(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        screen.open_record(SHIITE)
        await press(app, pilot, "h")
        assert SHIITE not in dossier.actors and SHIITE not in actor_rows(screen)
        assert SHIITE not in saved(seed_db).actors
        await press(app, pilot, "F")
        chooser = choosing(app)
        assert [label.plain for _, label in chooser.options][3] == "hidden  1"
        await press(app, pilot, "j", "j", "j", "enter")
        assert screen.mark_filter == "hidden" and actor_rows(screen) == [SHIITE]
        await press(app, pilot, "h")
        assert SHIITE in dossier.actors and actor_rows(screen) == []
        await press(app, pilot, "escape")
        assert screen.mark_filter is None and SHIITE in actor_rows(screen)


async def test_edit_an_event_title_date_kind_and_hide_it(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        event = next(e for e in dossier.timeline() if e.date == "2005-10")
        screen.open_record(event.id)
        await press(app, pilot, "r", "ctrl+u", *"Rice weighs direct contact with Iran", "enter")
        await press(app, pilot, "d", "ctrl+u", *"2005-10-19", "enter")
        await press(app, pilot, "K")
        choosing(app)
        await press(app, pilot, "escape")  # escape closes one layer: the chooser, nothing else
        assert asking(app) is None and app.screen is screen and screen.detail_record_id == event.id
        assert screen.focused is screen.query_one("#events")  # the keyboard goes back where it was
        edited = dossier.events[event.id]
        assert (edited.title, edited.date) == ("Rice weighs direct contact with Iran", "2005-10-19")
        events = screen.query_one("#events", RecordList)
        assert "Rice weighs" in events.render_line(events.ids.index(event.id) - events.scroll_offset.y).text
        await press(app, pilot, "d", "ctrl+u", *"19 Oct 2005", "enter")
        assert dossier.events[event.id].date == "2005-10-19"
        assert any("is not a date" in said for said in notes_said(app))
        await press(app, pilot, "h")
        assert event.id not in dossier.events and event.id not in events.ids
        await press(app, pilot, "u", "u")
        assert dossier.events[event.id].title == "Rice weighs direct contact with Iran"
        assert dossier.events[event.id].date == "2005-10"


async def test_annotations_review_star_tags_note_read_and_the_filters(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        screen.open_record(KHALILZAD)
        await press(app, pilot, "v", "s", "t", *"envoy iraq-talks", "enter")
        notes = dossier.annotations(KHALILZAD)
        assert notes.reviewed and notes.star and notes.tags == ["envoy", "iraq-talks"]
        screen.open_record(CASEY)
        await press(app, pilot, "t", *"env")
        typing(app)
        await press(app, pilot, "right", "enter")  # → accepts the completion from the tags in use
        assert dossier.annotations(CASEY).tags == ["envoy"]
        assert tag_counts(dossier)[0] == ("envoy", 2)
        await press(app, pilot, "w")
        assert isinstance(app.screen, NoteEditor)
        await press(app, pilot, *"Spokesman, *not* envoy.", "enter", *"- check title")
        await press(app, pilot, "ctrl+s")
        assert dossier.annotations(CASEY).note == "Spokesman, *not* envoy.\n- check title"
        assert saved(seed_db).annotations(CASEY).note == dossier.annotations(CASEY).note
        summary = str(record_detail(dossier, dossier.actors[CASEY]).summary)
        assert "tags: envoy" in summary and "note: Spokesman, *not* envoy. - check title" in summary
        reviewed = str(record_detail(dossier, dossier.actors[KHALILZAD]).summary)
        assert "reviewed" in reviewed and "★ starred" in reviewed
        await press(app, pilot, "R")
        shown = screen.query_one("#source").source
        assert dossier.annotations(shown.id).read
        await press(app, pilot, "F")
        chooser = choosing(app)
        labels = [label.plain for _, label in chooser.options]
        assert "tag:envoy  2" in labels and "starred  1" in labels
        await press(app, pilot, *["j"] * labels.index("starred  1"), "enter")
        assert actor_rows(screen) == [KHALILZAD]
        steps = labels.index("tag:envoy  2") - labels.index("starred  1")  # the chooser opens on the filter in use
        await press(app, pilot, "F", *["j"] * steps, "enter")
        assert sorted(actor_rows(screen)) == sorted([KHALILZAD, CASEY])
        await press(app, pilot, "escape", "escape", "escape")
        assert screen.mark_filter is None and len(actor_rows(screen)) == len(dossier.actors)


async def test_history_back_to_a_merged_actor_opens_the_survivor(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        screen.open_record(CASEY)
        await press(app, pilot, "x")
        screen.open_record(MCCORMACK)
        screen.open_record(KHALILZAD)
        await press(app, pilot, "[")
        assert screen.detail_record_id == MCCORMACK
        await press(app, pilot, "J", "j", "enter")  # the second offered, the marked Tom Casey, survives
        dossier = screen.dossier
        assert dossier is not None
        assert MCCORMACK not in dossier.actors and dossier.get(MCCORMACK).id == CASEY
        assert screen.detail_record_id == CASEY and screen.actor_filter == CASEY
        await press(app, pilot, "[")  # back to where Tom Casey was opened: the survivor
        assert screen.detail_record_id == CASEY
        await press(app, pilot, "]", "]")  # forward past the merged McCormack to Khalilzad
        assert screen.detail_record_id == KHALILZAD


async def test_another_process_ingesting_while_the_app_edits_keeps_both(seed_db: Path) -> None:
    from dossier.ingest.pipeline import ingest_paths

    article = CORPUS / "bbc" / "politics" / "001.txt"
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        screen.open_record(KHALILZAD)
        await press(app, pilot, "s")
        other = Dossier.open(seed_db, create=False)  # `dossier ingest` in another process
        with other.writing():
            ingest_paths(other, [article])
        await press(app, pilot, "v")  # the edit reads the other write in first, then saves both
        assert len(dossier.sources) == 3 and len(saved(seed_db).sources) == 3
        assert len(actor_rows(screen)) == len(dossier.actors)  # the other process's actors are listed
        assert saved(seed_db).annotations(KHALILZAD).reviewed and saved(seed_db).annotations(KHALILZAD).star
        assert any("Marked Zalmay Khalilzad reviewed" in said for said in notes_said(app))
        with other.writing():
            ingest_paths(other, [CORPUS / "bbc" / "politics" / "002.txt"])
        screen.check_file()  # what the screen's timer does every WATCH_SECONDS
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(dossier.sources) == 4 and app.sub_title.startswith("4 sources")
        assert len(actor_rows(screen)) == len(dossier.actors)
        assert any("changed on disk: 1 new source" in said for said in notes_said(app))
        assert dossier.annotations(KHALILZAD).reviewed


async def test_another_process_s_edit_is_shown_by_the_file_watch_without_reading_the_whole_file(seed_db: Path) -> None:
    from dossier.store.curation.operations import Rename

    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        Dossier.open(seed_db, create=False).apply(Rename(KHALILZAD, "Zalmay M. Khalilzad"))  # the CLI, elsewhere
        file_reads = []
        whole_read = dossier._load
        dossier._load = lambda: (file_reads.append(1), whole_read())[1]  # type: ignore[method-assign]
        screen.check_file()  # what the screen's timer does every WATCH_SECONDS
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert file_reads == [] and dossier.actors[KHALILZAD].name == "Zalmay M. Khalilzad"
        actors = screen.query_one("#actors", RecordList)
        row = actors.position_of(KHALILZAD)
        assert row is not None and row < actors.size.height
        assert "Zalmay M. Khalilzad" in actors.render_line(row).text  # the list shows the new name
        assert any("changed on disk" in said for said in notes_said(app))


def drawn_and_fresh(actors: RecordList) -> tuple[list[str], list[str]]:
    """The Actors rows as drawn now (from the rows kept across an edit) and as drawn from scratch."""
    shown = [actors.render_line(y).text for y in range(actors.size.height)]
    actors.clear_drawn()
    actors.forget_drawn_lines()
    return shown, [actors.render_line(y).text for y in range(actors.size.height)]



async def test_new_counts_in_the_header_lay_nothing_out(seed_db: Path, monkeypatch) -> None:
    """A merge or hide changes the actor count in the Header's title: the title line is redrawn in
    place, never the whole screen laid out (which would redraw every pane's scrollbars twice)."""
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        layouts: list[object] = []
        refresh_layout = type(screen)._refresh_layout
        monkeypatch.setattr(type(screen), "_refresh_layout", lambda self, *a, **k: layouts.append(self) or refresh_layout(self, *a, **k))
        app.sub_title = "3 sources · 99 actors"
        await pilot.pause()
        assert "99 actors" in str(screen.query_one("HeaderTitle").render())
        assert layouts == []

async def test_a_merge_keeps_the_other_rows_as_drawn_and_redraws_the_survivor_and_the_gone(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actors = screen.query_one("#actors", RecordList)
        before = actors.position_of(MCCORMACK)
        screen.open_record(CASEY)
        await press(app, pilot, "x")
        screen.open_record(MCCORMACK)
        await press(app, pilot, "J")
        await press(app, pilot, "enter")
        assert CASEY not in actor_rows(screen) and actors.position_of(MCCORMACK) != before  # relisted: more mentions
        shown, fresh = drawn_and_fresh(actors)
        assert shown == fresh
        count = len(screen.dossier.actors[MCCORMACK].mentions)
        assert f"{count:>4} Sean McCormack" in "\n".join(shown)
        header = str(screen.query_one("HeaderTitle").render())  # the counts reach the Header without a whole-screen repaint
        assert f"{len(screen.dossier.actors)} actors" in header
        await press(app, pilot, "u")  # the merged actor comes back, the survivor's count drops again
        assert CASEY in actor_rows(screen)
        shown, fresh = drawn_and_fresh(actors)
        assert shown == fresh


async def test_no_garbage_collector_pass_is_made_while_an_edit_is_still_being_applied(seed_db: Path, monkeypatch) -> None:
    """The collector waits for a pause after a key; an edit whose worker outlasts that moment is not a pause."""
    import threading

    from dossier.tui import idle_collector

    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        dossier = screen.dossier
        assert dossier is not None
        release, applying = threading.Event(), threading.Event()
        apply = dossier.apply

        def apply_when_released(operation):
            applying.set()
            release.wait(10)
            return apply(operation)

        monkeypatch.setattr(dossier, "apply", apply_when_released)
        passes: list[int] = []
        monkeypatch.setattr(idle_collector.gc, "get_count", lambda: (idle_collector.FULL_PASS_DUE,) * 3)
        monkeypatch.setattr(idle_collector.gc, "collect", lambda generation=2: passes.append(generation) or 0)
        await pilot.press("s")  # star the selected actor: its worker now waits in apply
        assert applying.wait(10)
        app.collector.last_input -= 10  # long after the key
        assert not app.collector.collect_if_due() and passes == []
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert passes or app.collector.collect_if_due()  # the pass is made once the edit is shown: by the app's own check, or now


async def test_the_source_shown_is_drawn_again_only_when_its_mentions_look_different(seed_db: Path) -> None:
    """A merge of two people colours no mention differently: the source shown keeps its drawn lines;
    a change of kind recolours the mentions, and the source is drawn again, as from scratch."""
    from dossier.tui.widgets.source_view import SourceView

    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        view = screen.query_one(SourceView)
        screen.open_record(CASEY)
        await press(app, pilot, "x")
        screen.open_record(MCCORMACK)
        await pilot.pause()
        shown = view.source
        drawn: list[int] = []
        draw = view._draw
        view._draw = lambda row: drawn.append(row) or draw(row)  # type: ignore[method-assign]
        await press(app, pilot, "J", "enter")
        assert screen.dossier is not None and screen.dossier.get(CASEY).id == MCCORMACK
        assert view.source is shown and drawn == []
        await press(app, pilot, "K", "j", "enter")  # person -> the next kind
        assert screen.dossier.actors[MCCORMACK].kind != "person" and drawn
        lines = [list(view.render_line(y)) for y in range(view.size.height)]  # segments: text and colours
        view._strips.clear()
        assert lines == [list(view.render_line(y)) for y in range(view.size.height)]


async def test_a_merge_draws_again_only_the_rows_that_look_different(seed_db: Path) -> None:
    """Rows are kept by the styles they were drawn with: a merge relists the Actors list (one row
    fewer, the whole list repainted) yet draws again only the survivor's row, the rows the cursor
    left or reached and the rows that come into view; a new theme draws every row shown again,
    each as it would be drawn from scratch."""
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actors = screen.query_one("#actors", RecordList)

        def shown() -> list[str]:
            top = round(actors.scroll_y)
            return actors.ids[top : top + actors.scrollable_content_region.height]

        screen.open_record(CASEY)
        await press(app, pilot, "x")
        screen.open_record(MCCORMACK)
        await pilot.pause()
        before, cursor_before = shown(), actors.current_id
        drawn: list[str] = []
        draw = actors._draw_row
        actors._draw_row = lambda record_id, *rest: drawn.append(record_id) or draw(record_id, *rest)  # type: ignore[method-assign]
        await press(app, pilot, "J", "enter")
        assert CASEY not in actors.ids and len(shown()) > 5
        assert drawn and set(drawn) <= {MCCORMACK, cursor_before, actors.current_id, *(set(shown()) - set(before))}

        drawn.clear()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        lines = [list(actors.render_line(y)) for y in range(len(shown()))]
        assert set(drawn) == set(shown())
        actors._strips.clear()
        assert lines == [list(actors.render_line(y)) for y in range(len(shown()))]


def test_the_collectors_check_finds_an_app_without_screens_busy(tmp_path: Path) -> None:
    """Shutting down, the app's screens are gone before its timers stop: the check must not raise."""
    app = DossierApp(tmp_path / "none.json")
    assert app._busy()
