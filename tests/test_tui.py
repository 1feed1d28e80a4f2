"""The dossier app driven through Pilot over the seed articles as the real pipeline extracts them.

Lookups go by stable facts (names, dates, evidence text), not by extracted titles, so the tests
hold while extraction improves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Markdown, ProgressBar

from dossier.first_use import build_seed_dossier
from dossier.store.dossier import Dossier
from dossier.store.filenames import export_filename
from dossier.store.records import Actor, Event, Source, Span
from dossier.tui.app import DossierApp
from dossier.tui.messages import BuildProgress
from dossier.tui.navigation import Pane
from dossier.tui.screens.choose import ChooseActor
from dossier.tui.screens.export import ConfirmOverwrite, ExportPrompt
from dossier.tui.screens.help import HelpScreen
from dossier.tui.screens.main import KEY_REPEAT_SECONDS, MainScreen
from dossier.tui.screens.preview import PreviewScreen
from dossier.tui.screens.search import SearchScreen
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.result_list import ResultList
from dossier.tui.widgets.source_view import SourceView, wrap_offsets


async def ready(app: DossierApp, pilot) -> MainScreen:
    """Wait until the dossier is open and the panes are filled."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MainScreen)
    assert screen.dossier is not None
    return screen


def visible_source(app: DossierApp) -> str:
    """The Source pane's visible lines as plain text."""
    view = app.screen.query_one(SourceView)
    return "\n".join(view.render_line(y).text.rstrip() for y in range(view.size.height))


def record_named(dossier: Dossier, name: str) -> Actor:
    return next(actor for actor in dossier.actors.values() if actor.name == name)


def event_citing(dossier: Dossier, words: str, date: str | None = None) -> Event:
    """The first event (by timeline) whose evidence contains ``words`` (and has ``date``, if given)."""
    return next(
        event for event in dossier.timeline()
        if (date is None or event.date == date)
        and any(words in dossier.sources[s.source].text[s.start : s.end] for s in event.evidence)
    )


def baghdad_talks(dossier: Dossier) -> Event:
    return event_citing(dossier, "Baghdad", "2007-05-28")


def title_of(screen: MainScreen, selector: str) -> str:
    """A pane's border title as plain text (it is stored as Content, never parsed as markup)."""
    return screen.query_one(selector)._border_title.plain


def lists(app: DossierApp) -> tuple[RecordList, RecordList]:
    return app.screen.query_one("#actors", RecordList), app.screen.query_one("#events", RecordList)


async def test_panes_fill_with_actors_by_mentions_and_the_timeline(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actors, events = lists(app)
        counts = [len(screen.dossier.actors[a].mentions) for a in actors.ids]
        assert counts == sorted(counts, reverse=True) and len(actors.ids) == len(screen.dossier.actors)
        dates = [screen.dossier.events[e].date for e in events.ids]
        dated = [date for date in dates if date]
        assert dated == sorted(dated, key=lambda d: d[:7]), "the timeline runs by date"
        assert all(date is None for date in dates[len(dated):]), "undated events come last"
        assert "2005-10" in dates, "a month-only date ('last month') is kept as a month"
        assert "2 sources" in app.sub_title and app.title == "seeds"
        assert app.focused is actors


async def test_selecting_an_actor_filters_events_and_shows_its_first_mention(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        khalilzad = record_named(screen.dossier, "Zalmay Khalilzad")
        actors, events = lists(app)
        await pilot.press(*["j"] * actors.position_of(khalilzad.id))
        await pilot.pause()
        assert screen.actor_filter == khalilzad.id
        assert set(events.ids) == {e.id for e in screen.dossier.events_of(khalilzad.id)}
        assert "Zalmay Khalilzad" in title_of(screen, "#events-pane")
        view = screen.query_one(SourceView)
        first = screen.dossier.mentions_of(khalilzad.id)[0]
        assert view.emphasis == first
        assert "Zalmay Khalilzad" in visible_source(app)
        await pilot.press("escape")
        assert screen.actor_filter is None
        assert len(events.ids) == len(screen.dossier.events)
        assert "Events of" not in title_of(screen, "#events-pane")
        await pilot.press("escape", "escape")
        assert app.is_running, "escape never quits"


async def test_n_walks_an_actors_mentions_across_its_sources(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        us = max(screen.dossier.actors.values(), key=lambda a: (len({m.source for m in a.mentions}), len(a.mentions)))
        mentions = screen.dossier.mentions_of(us.id)
        assert len({m.source for m in mentions}) == 2
        screen.open_record(us.id)
        await pilot.pause()
        view = screen.query_one(SourceView)
        seen = [view.emphasis]
        for _ in range(len(mentions) - 1):
            await pilot.press("n")
            seen.append(view.emphasis)
        assert seen == mentions
        assert view.source.id == mentions[-1].source
        await pilot.press("n")
        assert view.emphasis == mentions[0], "n wraps around"
        await pilot.press("N")
        assert view.emphasis == mentions[-1]
        assert f"{len(mentions)}/{len(mentions)}" in screen.walk.label


async def test_selecting_an_event_shows_its_evidence_and_marks_its_actors(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        talks = baghdad_talks(screen.dossier)
        actors, events = lists(app)
        await pilot.press("2")
        await pilot.press(*["j"] * events.position_of(talks.id))
        await pilot.pause()
        view = screen.query_one(SourceView)
        assert view.emphasis == talks.evidence[0]
        assert "to hold talks in Baghdad" in visible_source(app).replace("\n", " ")
        assert actors._marked == frozenset([*talks.actors, *([talks.place] if talks.place else [])])


async def test_enter_on_the_baghdad_talks_reaches_crocker_and_back_returns(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        talks = baghdad_talks(screen.dossier)
        crocker = record_named(screen.dossier, "Ryan Crocker")
        actors, events = lists(app)
        assert screen.check_action("back", ()) is None and screen.check_action("forward", ()) is None
        await pilot.press("2", *["j"] * events.position_of(talks.id), "enter")
        if len(set(talks.actors) | {talks.place} - {None}) > 1:
            assert isinstance(app.screen, ChooseActor)
            choices = app.screen.query_one("OptionList")
            await pilot.press(*["j"] * [choices.get_option_at_index(i).id for i in range(choices.option_count)].index(crocker.id))
            await pilot.press("enter")
        assert app.screen is screen
        assert actors.current_id == crocker.id and app.focused is actors
        assert screen.actor_filter == crocker.id
        assert screen.check_action("back", ()) is True
        await pilot.press("left_square_bracket")
        assert app.focused is events and events.current_id == talks.id
        assert screen.query_one(SourceView).emphasis == talks.evidence[0]
        assert screen.check_action("forward", ()) is True and screen.check_action("back", ()) is None
        await pilot.press("right_square_bracket")
        assert actors.current_id == crocker.id and app.focused is actors
        await pilot.press("alt+left")
        assert events.current_id == talks.id
        # Visiting a new place drops the forward entries.
        screen.open_record(record_named(screen.dossier, "Zalmay Khalilzad").id)
        await pilot.pause()
        assert screen.check_action("forward", ()) is None


async def test_source_mentions_are_reachable_from_the_keyboard(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        talks = baghdad_talks(screen.dossier)
        screen.open_record(talks.id)
        await pilot.pause()
        await pilot.press("3", "m")
        view = screen.query_one(SourceView)
        mention, actor_id = view.mention_at(view.emphasis)
        assert mention.start >= talks.evidence[0].start
        await pilot.press("enter")
        actors, _ = lists(app)
        assert actors.current_id == actor_id and screen.actor_filter == actor_id
        await pilot.press("left_square_bracket")
        assert app.focused is view


async def test_detail_links_open_records(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        talks = baghdad_talks(screen.dossier)
        screen.open_record(talks.id)
        await pilot.pause()
        await pilot.press("4")
        links = screen.query_one("#detail-links")
        ids = links.ids
        assert ids[: len(talks.actors)] == talks.actors and talks.evidence[0].source in ids
        if talks.place:
            assert talks.place in ids
        await pilot.press(*["j"] * (len(talks.actors) - 1), "enter")
        actors, _ = lists(app)
        assert actors.current_id == talks.actors[-1]
        await pilot.press("4", "G", "enter")
        assert app.focused is screen.query_one(SourceView)


async def test_kind_filter_cycles_and_shows_in_the_title(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actors, _ = lists(app)
        await pilot.press("f")
        assert {screen.dossier.actors[a].kind for a in actors.ids} == {"person"}
        assert "persons" in title_of(screen, "#actors-pane")
        await pilot.press("f")
        assert {screen.dossier.actors[a].kind for a in actors.ids} == {"organization"}
        await pilot.press("f", "f", "f")
        assert len(actors.ids) == len(screen.dossier.actors)


async def test_search_opens_an_actor_then_n_steps_through_hits(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"khalil", "enter")
        assert app.screen is screen
        khalilzad = record_named(screen.dossier, "Zalmay Khalilzad")
        actors, events = lists(app)
        assert actors.current_id == khalilzad.id
        assert events.ids and set(events.ids) == {e.id for e in screen.dossier.events_of(khalilzad.id)}
        assert "Spokesman Sean McCormack confirmed plans by Zalmay Khalilzad" in visible_source(app).replace("\n", " ")
        emphasis = screen.query_one(SourceView).emphasis
        assert screen.dossier.sources[emphasis.source].text[emphasis.start : emphasis.end] == "Zalmay Khalilzad"
        assert screen.walk.is_hits and screen.walk.index == 0
        hits = list(screen.walk.targets)
        await pilot.press("n")
        assert screen.walk.index == 1 % len(hits)
        await pilot.press("escape")
        assert not screen.walk.is_hits


async def test_search_text_hit_opens_the_source_at_the_hit(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *'"ball really is"')
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        results = search.query_one("#search-results", ResultList)
        heading = next(i for i, row in enumerate(results.rows) if row.label.plain.startswith("Source text"))
        text_rows = [i for i, row in enumerate(results.rows[heading + 1 :], heading + 1)
                     if row.hit is not None and search.targets[row.hit].span is not None]
        assert text_rows, "the phrase is found in the source text"
        results.move_cursor(text_rows[0])
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(SourceView)
        assert app.focused is view
        start, end = view.emphasis.start, view.emphasis.end
        assert view.source.text[start:end].lower() == "ball really is"
        assert "[T]he ball really is in their court" in visible_source(app)
        await pilot.press("m")
        mention = view.emphasis
        assert mention.start > start, "m moves to the next actor mention after the hit"
        await pilot.press("enter")
        assert screen._focused_pane() == "actors"
        await pilot.press("left_square_bracket")
        assert app.focused is view and view.emphasis == mention, "back restores the source and its cursor"
        assert screen.detail_record_id == mention.source


async def test_search_finds_events_by_date(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *"2007-05-28", "enter")
        _, events = lists(app)
        assert screen.dossier.events[events.current_id].date == "2007-05-28"
        assert app.focused is events


async def test_literal_brackets_in_the_usinfo_seed(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await ready(app, pilot)
        usinfo = next(source for source in screen.dossier.sources.values() if "[T]he ball" in source.text)
        for phrase, shown_as in (("[and]", "[and] engage in efforts"), ("[T]he ball", "[T]he ball really is in their court")):
            start = usinfo.text.index(phrase)
            screen.open_record(usinfo.id, span=Span(usinfo.id, start, start + len(phrase)))
            await pilot.pause()
            assert shown_as in visible_source(app).replace("\n", " ")


async def test_export_writes_markdown_beside_the_dossier_and_asks_before_overwriting(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        crocker = record_named(screen.dossier, "Ryan Crocker")
        screen.open_record(crocker.id)
        await pilot.pause()
        await pilot.press("e")
        assert isinstance(app.screen, ExportPrompt)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = list((seed_db.parent / "exports").glob("*.md"))
        assert len(written) == 1
        tokens = MarkdownIt("commonmark", {"html": False}).parse(written[0].read_text(encoding="utf-8"))
        assert any(t.type == "heading_open" for t in tokens)
        assert "Ryan Crocker" in written[0].read_text(encoding="utf-8")
        assert any(str(written[0]) in n.message for n in app._notifications)
        written[0].write_text("stale", encoding="utf-8")
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmOverwrite)
        await pilot.press("n")
        assert written[0].read_text(encoding="utf-8") == "stale"
        await pilot.press("e", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert "Ryan Crocker" in written[0].read_text(encoding="utf-8")


async def test_export_to_a_typed_file_path(seed_db: Path, tmp_path: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("2", "e")
        prompt = app.screen.query_one("#export-path")
        prompt.value = str(tmp_path / "notes" / "event.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        text = (tmp_path / "notes" / "event.md").read_text(encoding="utf-8")
        _, events = lists(app)
        assert screen.dossier.events[events.current_id].title.split()[0] in text


async def test_preview_shows_the_export_and_follows_only_record_links(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        crocker = record_named(screen.dossier, "Ryan Crocker")
        screen.open_record(crocker.id)
        await pilot.pause()
        await pilot.press("p")
        preview = app.screen
        assert isinstance(preview, PreviewScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        markdown = preview.query_one(Markdown)
        assert "Ryan Crocker" in markdown.source and not markdown.source.startswith("---")
        markdown.post_message(Markdown.LinkClicked(markdown, "file:///etc/passwd"))
        await pilot.pause()
        assert app.screen is preview, "a foreign link is shown, never opened"
        assert any("file:///etc/passwd" in n.message for n in app._notifications)
        event = screen.dossier.events_of(crocker.id)[0]
        markdown.post_message(Markdown.LinkClicked(markdown, export_filename(event)))
        await pilot.pause()
        assert app.screen is screen
        _, events = lists(app)
        assert events.current_id == event.id
        await pilot.press("p", "escape")
        assert app.screen is screen


async def test_help_lists_keys_by_pane_and_escape_closes_it(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(label.render()) for label in app.screen.query("Label"))
        for expected in ("Everywhere", "Source (pane 3)", "Next mention", "Go back in history", "Command palette"):
            assert expected in text
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "q")
        assert not app.is_running


async def test_tab_and_number_keys_move_between_panes(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(screen._focused_pane())
        assert order == ["events", "source", "detail", "actors"]
        await pilot.press("shift+tab")
        assert screen._focused_pane() == "detail"
        await pilot.press("1")
        assert screen._focused_pane() == "actors"
        actors, _ = lists(app)
        await pilot.press("G")
        assert actors.cursor == len(actors.ids) - 1
        await pilot.press("g")
        assert actors.cursor == 0


async def test_palette_lists_actions_and_runs_them(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("ctrl+p", *"kind")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.kind_filter == "person"


async def test_palette_jumps_to_a_record_by_name(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"crocker")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        actors, _ = lists(app)
        assert app.screen is screen
        assert screen.dossier.actors[actors.current_id].name == "Ryan Crocker"


def test_wrap_offsets_keep_every_character_and_fit_the_width() -> None:
    text = Path(__file__).resolve().parents[1].joinpath("seeds", "004_d259d4587dd7d8d1.txt").read_text(encoding="utf-8")
    lines = wrap_offsets(text, 40)
    rebuilt = "\n".join(text[start:end] for start, end in lines)
    assert rebuilt.replace("\n", "") == text.replace("\n", "")
    assert all(len(text[start:end].rstrip()) <= 40 for start, end in lines)
    assert isinstance(lines[0][0], int) and lines[0][0] == 0


@given(
    text=st.text(alphabet="ab c", max_size=30),
    layers=st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35), st.sampled_from(["bold", "red", "on blue"])), max_size=4),
)
def test_styled_segments_give_each_character_the_base_and_every_layer_over_it(text: str, layers: list) -> None:
    from rich.style import Style

    from dossier.tui.widgets.segments import styled_segments

    base = Style(color="white")
    styled = [(start, end, Style.parse(style)) for start, end, style in layers]
    segments = styled_segments(text, styled, base)
    assert "".join(segment.text for segment in segments) == text
    position = 0
    for segment in segments:
        for offset in range(position, position + len(segment.text)):
            expected = base
            for start, end, style in styled:
                if start <= offset < end:
                    expected = expected + style
            assert segment.style == expected
        position += len(segment.text)


async def test_source_record_selected_for_export_in_the_source_pane(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("j", "3")
        assert isinstance(screen.selected_record(), Source)


async def test_first_start_builds_from_the_seeds_with_progress(tmp_path: Path) -> None:
    progress: list[BuildProgress] = []

    def hook(message) -> None:
        if isinstance(message, BuildProgress):
            progress.append(message)

    path = tmp_path / "new" / "dossier.json"
    app = DossierApp(path, build=partial(build_seed_dossier, path))
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


async def test_clicking_a_mention_in_the_source_opens_its_actor(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        screen.open_record(record_named(screen.dossier, "Zalmay Khalilzad").id)
        await pilot.pause()
        view = screen.query_one(SourceView)
        mccormack = record_named(screen.dossier, "Sean McCormack")
        # "Spokesman Sean McCormack confirmed plans by Zalmay Khalilzad": the same sentence.
        span = min((s for s in screen.dossier.mentions_of(mccormack.id) if s.source == view.emphasis.source),
                   key=lambda s: abs(s.start - view.emphasis.start))
        row = next(i for i, (start, end) in enumerate(view._lines) if start <= span.start < end)
        offset = (span.start - view._lines[row][0] + 2, row - round(view.scroll_y))  # padding, into the name
        assert 0 <= offset[1] < view.size.height
        await pilot.click(view, offset=offset)
        assert view.emphasis == span
        await pilot.click(view, offset=offset)
        actors, _ = lists(app)
        assert actors.current_id == mccormack.id


async def test_a_damaged_dossier_is_reported_and_the_app_stays_up(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"sources": {"1": ', encoding="utf-8")
    app = DossierApp(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.dossier is None
        assert any("broken.json" in n.message for n in app._notifications)
        await pilot.press("slash", "e", "p", "j", "escape")
        assert app.is_running and isinstance(app.screen, MainScreen)
        await pilot.press("q")
        assert not app.is_running


def test_preview_text_shows_controls_and_cuts_the_length() -> None:
    from dossier.tui.screens.preview import preview_text

    body = "# Eve \x1b[2J\n\n" + "\n\n".join(f"para {n}" for n in range(5000))
    text = preview_text(body, limit=1000)
    assert text.startswith("# Eve ␛[2J")
    assert len(text) < 1100 and text.endswith("the exported file has everything.*\n")
    assert preview_text("short") == "short"


async def test_odd_search_queries_never_break_the_search(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash")
        field = app.screen.query_one("#search-input")
        for query in ('"unclosed', "[", "a[/", "\x1b[2J", "((", "*", "2007-13", "   ", "ñ" * 300):
            field.value = query
            await pilot.pause(0.2)
            await app.workers.wait_for_complete()
            await pilot.press("enter")
            if app.screen is screen:
                await pilot.press("slash")
                field = app.screen.query_one("#search-input")
        assert app.is_running
        assert not [n for n in app._notifications if "failed" in n.message]


def list_app(render_row: Callable[[str], Text]) -> App[None]:
    """An app showing nothing but one RecordList drawing rows with ``render_row``."""

    class ListApp(App[None]):
        def compose(self) -> ComposeResult:
            yield RecordList(Pane.ACTORS, render_row, empty="none", id="list")

    return ListApp()


async def test_record_list_draws_only_the_visible_rows_of_a_huge_list() -> None:
    from dossier.tui.rows import Rows

    drawn: list[str] = []

    def render_row(record_id: str) -> Text:
        drawn.append(record_id)
        return Text(record_id)

    app = list_app(render_row)
    async with app.run_test(size=(40, 20)) as pilot:
        records = app.query_one(RecordList)
        records.set_rows(Rows([f"a-{n}" for n in range(200_000)]))
        records.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert records.current_id == "a-199999"
        shown = [records.render_line(y).text.strip() for y in range(records.size.height)]
        assert shown[-1] == "a-199999", shown
        assert len(set(drawn)) <= 3 * 20, "only rows on screen are ever drawn"
        await pilot.press("g", "j", "j")
        assert records.current_id == "a-2"


async def test_a_held_key_moves_the_cursor_and_selects_only_where_it_settles(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actors, _ = lists(app)
        actors.focus()
        await pilot.pause(0.3)  # no earlier move counts as part of the held key
        selected: list[str] = []
        select_actor = screen._select_actor

        def recording_select(actor_id: str, **options: object) -> None:
            selected.append(actor_id)
            select_actor(actor_id, **options)

        screen._select_actor = recording_select
        for _ in range(4):  # key repeat: cursor moves arrive back to back
            actors.action_cursor_down()
        await pilot.pause(0.5)
        # The first move selects at once; the rows passed over are never selected; the row the
        # cursor settled on is, once the keys pause (however slow the machine is).
        assert selected == [actors.ids[1], actors.ids[4]]
        assert screen.actor_filter == actors.ids[4]


async def test_back_after_following_a_detail_link_shows_the_record_detail_described(seed_db: Path) -> None:
    app = DossierApp(seed_db)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await ready(app, pilot)
        actors, _ = lists(app)
        await pilot.press("1", "j", "k")
        await pilot.pause(2 * KEY_REPEAT_SECONDS)  # "k" right after "j" is a held key: selected once keys pause
        actor_id = actors.current_id
        assert screen.detail_record_id == actor_id
        await pilot.press("4")
        links = screen.query_one("#detail-links")
        links.move_cursor(len(links.ids) - 1, announce=False)
        chosen = links.current_id
        await pilot.press("enter")
        assert screen.detail_record_id == chosen != actor_id
        await pilot.press("left_square_bracket")
        assert screen.detail_record_id == actor_id
        assert screen.actor_filter == actor_id


async def test_the_footer_redraws_only_when_its_keys_change(seed_db: Path) -> None:
    from dossier.tui.widgets.footer import KeyFooter

    app = DossierApp(seed_db)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await ready(app, pilot)
        footer = screen.query_one(KeyFooter)
        shown = footer.shown
        assert ("slash", "/", "Search", True) in shown
        await pilot.press("1", "2", "1", "2")
        await pilot.pause()
        assert footer.shown is shown, "moving between panes with the same keys redrew the footer"
        await pilot.press("3")
        await pilot.pause()
        assert any(description == "Next mention" for _, _, description, _ in footer.shown)
        assert "Next mention" in str(footer.render())


async def test_a_click_on_a_footer_key_presses_it(seed_db: Path) -> None:
    from dossier.tui.screens.search import SearchScreen
    from dossier.tui.widgets.footer import KeyFooter

    app = DossierApp(seed_db)
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(app, pilot)
        footer = app.screen.query_one(KeyFooter)
        await pilot.click(KeyFooter, offset=(str(footer.render()).index("Search"), 0))
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_a_long_list_of_links_ends_in_a_line_that_says_how_many_more(seed_db: Path) -> None:
    from textual.content import Content

    from dossier.tui.presenters import MAX_LINKS
    from dossier.tui.widgets.detail import MORE_LINKS, Detail

    app = DossierApp(seed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await ready(app, pilot)
        actor_id = screen.dossier.actor_ids_by_mentions()[0]
        screen.open_record(actor_id)
        await pilot.pause()
        labels = {f"s-{n}": Text(f"source {n}") for n in range(MAX_LINKS + 50)}
        screen.query_one(Detail).show(Content("many"), list(labels), labels.__getitem__)
        await pilot.press("4", "G")
        link_list = screen.query_one("#detail-links")
        assert len(link_list.ids) == MAX_LINKS + 1 and link_list.current_id == MORE_LINKS
        more_row = link_list.render_line(link_list.cursor - round(link_list.scroll_y))
        assert "50 more" in more_row.text
        assert any(segment.style and segment.style.dim for segment in more_row), "the 'more' line is dimmed"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.detail_record_id == actor_id, "the 'more' line opens nothing"
        assert any("export" in str(n.message) for n in app._notifications)


async def test_a_list_s_scrollbar_is_drawn_again_only_when_its_thumb_moves() -> None:
    """One row fewer in a list of thousands (a merge) leaves the thumb on its cells: the bar is not
    repainted; most rows gone moves it and repaints it. Either way the bar shows what a fresh draw shows."""
    from dossier.tui.rows import Rows

    app = list_app(Text)
    async with app.run_test(size=(40, 20)) as pilot:
        records = app.query_one(RecordList)
        records.set_rows(Rows([f"a-{n}" for n in range(40_000)]))
        await pilot.pause()
        bar = records.vertical_scrollbar
        repaints: list[object] = []
        refresh = bar.refresh
        bar.refresh = lambda *args, **kwargs: (repaints.append(args), refresh(*args, **kwargs))[1]  # type: ignore[method-assign]

        def shown_and_fresh() -> tuple[list[list[object]], list[list[object]]]:
            shown = [list(strip) for strip in bar.render_lines(bar.size.region)]  # as last drawn (cached)
            bar._styles_cache.clear()
            return shown, [list(strip) for strip in bar.render_lines(bar.size.region)]

        first, _ = shown_and_fresh()
        records.set_rows(Rows([f"a-{n}" for n in range(1, 40_000)]))
        await pilot.pause()
        shown, fresh = shown_and_fresh()
        assert repaints == [] and bar.window_virtual_size == 39_999 and shown == fresh == first
        records.set_rows(Rows([f"a-{n}" for n in range(60)]))
        await pilot.pause()
        shown, fresh = shown_and_fresh()
        assert repaints and bar.window_virtual_size == 60 and shown == fresh != first
