"""The TUI measurements, run in a cold child process: ``python -m bench.tui_probe``.

``--dossier PATH`` runs the real ``DossierApp`` headless (``App.run_test``) and reports the
wall-clock moment the first frame showing the dossier's actors is drawn, then (with
``--presses``) keypress latencies for each scenario. ``--bare`` runs the floor: a bare
Textual app composing the same widgets with the same stylesheet and no data.

The key floor runs in the same process as the real app: after every measured press of the
real app, one press in the bare app, where a key moves a line-API list cursor and replaces
the text of one other pane (a real article) — the least a keypress that changes a selection
can cost in Textual. Both see the same machine at the same moment, so their ratio holds on a
busy machine where absolute times drift.

What a latency is: the time from posting the key event (the one ``Pilot.press`` would
send) until every message it caused is handled and the screen is laid out and composited
(``settle``), without Pilot's idle-detection sleeps. Headless Textual never encodes frames
for a terminal, so the probe encodes each update to escape sequences as a real terminal
would receive them (not written anywhere). Search waits for the results of the typed text
to be on screen. Positioning keys between measured presses use Pilot.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

SIZE = (160, 48)  # wide layout: three columns
READY_TIMEOUT = 600.0
FIRST_PAINT_POLL = 0.005
SETTLE_TURNS = 10_000
"""Event-loop turns ``settle`` waits at most for a quiet screen (a few hundred at the very most)."""
QUIET_TURNS = 3
"""Turns in a row with nothing queued or dirty after which the screen counts as settled."""
SCENARIO_SECONDS = 40.0  # a scenario stops early (fewer presses) past this much wall time
# Pause before each measured press: keys pressed one at a time, as a person does, not a held
# key (the main screen defers selection while keys repeat faster than 80 ms).
PRESS_GAP_SECONDS = 0.12


def encode_frames(app: Any, painted: list[float] | None = None) -> None:
    """Make a headless app encode every screen update to terminal escape sequences; append
    to ``painted`` the wall-clock time of the first frame drawn with the Actors list filled."""
    from textual._compositor import CompositorUpdate

    display = app._display

    def display_encoded(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)
            if painted is not None and not painted and shows_rows(app):
                painted.append(time.time())
        display(screen, renderable)

    app._display = display_encoded


def shows_rows(app: Any) -> bool:
    """Whether the app's screen has composed its Actors list and filled it."""
    from textual.css.query import NoMatches

    from dossier.tui.widgets.record_list import RecordList

    try:
        return bool(app.screen.query_one("#actors", RecordList).ids)
    except NoMatches:
        return False


async def wait_until(pilot: Any, ready: Callable[[], bool], timeout: float) -> None:
    """Let the app run until ``ready()`` holds (checked every few milliseconds)."""
    deadline = time.perf_counter() + timeout
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get ready in time")
        await asyncio.sleep(FIRST_PAINT_POLL)
    await pilot.pause()


async def indexes_built(app: Any, pilot: Any) -> None:
    """Wait for the search and relation indexes the main screen builds in the background after
    the first paint (7 s at the full corpus, competing with every key for the interpreter)."""
    from textual.worker import WorkerState

    while any(w.group == "index" and w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        await asyncio.sleep(0.05)
    await pilot.pause()


def key_event(app: Any, key: str) -> Any:
    """The ``Key`` event Textual's Pilot sends for ``key`` ("j", "enter", "left_square_bracket", " ")."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    return event


async def settle(pilot: Any) -> None:
    """Handle every pending message, then lay out and composite the screen, until nothing is left.

    Unlike ``Pilot.pause()`` this never sleeps, and unlike Pilot's ``_wait_for_screen`` it posts
    nothing: that sends a callback message to every widget on the screen and waits for them all,
    3–5 ms a round on the main screen and several rounds a key, work the app itself never does.
    Here the event loop turns until, several turns in a row, no node has a message queued and the
    screen has nothing to lay out, repaint or call back.
    """
    app = pilot.app
    quiet = 0
    for _ in range(SETTLE_TURNS):
        screen = app.screen
        screen._on_timer_update()
        await asyncio.sleep(0)
        pending_messages = any(node.message_queue_size for node in (app, *screen.walk_children(with_self=True)))
        pending_paint = screen._dirty_widgets or screen._layout_required or screen._repaint_required
        quiet = 0 if pending_messages or pending_paint or screen._callbacks else quiet + 1
        if quiet == QUIET_TURNS:
            return


async def timed(pilot: Any, key: str, settled: Callable[[], bool] | None = None, cpu: list[float] | None = None) -> float:
    """Milliseconds from posting ``key`` until the screen is updated (and ``settled()``, if given);
    the process's CPU milliseconds over the same span are appended to ``cpu`` if given."""
    app = pilot.app
    await asyncio.sleep(PRESS_GAP_SECONDS)
    await settle(pilot)
    cpu_started = time.process_time()
    started = time.perf_counter()
    app.post_message(key_event(app, key))
    await settle(pilot)
    if settled is not None:
        deadline = started + 30.0
        while not settled():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no settled screen after {key!r}")
            await asyncio.sleep(0.001)
        await settle(pilot)
    elapsed = (time.perf_counter() - started) * 1000
    if cpu is not None:
        cpu.append((time.process_time() - cpu_started) * 1000)
    return elapsed


class Scenarios:
    """The keypress scenarios of the benchmark table, on the real main screen."""

    def __init__(self, pilot: Any, presses: int, floor: Any = None) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.presses = presses
        self.floor = floor  # the bare app's pilot, pressed once after every measured press
        self.floor_ms: list[float] = []
        self.cpu_ms: list[float] = []  # the process's CPU time during each measured press, app then floor
        self.floor_cpu_ms: list[float] = []
        self._scenario_started = 0.0

    async def measure(self, key: str, settled: Callable[[], bool] | None = None) -> float:
        """One measured press of the real app, then one floor press (its time kept in ``floor_ms``;
        the CPU time of each in ``cpu_ms`` and ``floor_cpu_ms``: steadier than wall time on a busy machine)."""
        with self.app._context():
            sample = await timed(self.pilot, key, settled, self.cpu_ms)
        if self.floor is not None:
            with self.floor.app._context():
                self.floor_ms.append(await timed(self.floor, "j" if len(self.floor_ms) % 40 < 20 else "k", cpu=self.floor_cpu_ms))
        return sample

    def with_floor(self, report: dict[str, Any]) -> dict[str, Any]:
        """A scenario's report with the floor presses made during it and the CPU times (then forgotten)."""
        report["floor_ms"], self.floor_ms = self.floor_ms, []
        report["cpu_ms"], self.cpu_ms = self.cpu_ms, []
        report["floor_cpu_ms"], self.floor_cpu_ms = self.floor_cpu_ms, []
        return report

    def start_scenario(self) -> None:
        """Start the clock that bounds one scenario's wall time."""
        self._scenario_started = time.perf_counter()

    def presses_left(self, done: int) -> bool:
        """Whether to measure another press: fewer than asked, and within the scenario's time."""
        return done < self.presses and time.perf_counter() - self._scenario_started < SCENARIO_SECONDS

    @property
    def main(self) -> Any:
        """The main screen (the app's default screen)."""
        from dossier.tui.screens.main import MainScreen

        return next(screen for screen in self.app.screen_stack if isinstance(screen, MainScreen))

    def list_widget(self, pane: str) -> Any:
        """The actors or events record list."""
        return self.main.query_one(f"#{pane}")

    async def setup(self, *keys: str) -> None:
        """Press keys that bring the screen into position (not measured)."""
        for key in keys:
            await self.pilot.press(key)
        await self.pilot.pause()

    async def move(self, pane: str, number_key: str) -> dict[str, Any]:
        """j/k in a record list: from the middle of the list, down then back up."""
        await self.setup("escape", "escape", number_key)
        records = self.list_widget(pane)
        if len(records.ids) < 2:
            return {"ms": []}
        records.move_cursor(len(records.ids) // 2, announce=True)
        await self.pilot.pause()
        samples: list[float] = []
        self.start_scenario()
        while self.presses_left(len(samples)):
            samples.append(await self.measure("j" if len(samples) < self.presses // 2 else "k"))
        return self.with_floor({"ms": samples, "rows": len(records.ids)})

    async def select_big(self) -> dict[str, Any]:
        """k from the second actor onto the most-mentioned one (j back is not measured)."""
        await self.setup("escape", "escape", "1")
        actors = self.list_widget("actors")
        if len(actors.ids) < 2:
            return {"ms": []}
        top = self.main.dossier.actors[actors.ids[0]]
        samples: list[float] = []
        self.start_scenario()
        while self.presses_left(len(samples)):
            actors.move_cursor(1, announce=True)
            await self.pilot.pause()
            samples.append(await self.measure("k"))
        return self.with_floor({"ms": samples, "mentions": len(top.mentions)})

    async def select_top_actor(self) -> None:
        """Select the most-mentioned actor in the Actors list (not measured)."""
        await self.setup("escape", "escape", "1")
        self.list_widget("actors").move_cursor(1, announce=True)
        await self.setup("k")

    async def follow_and_back(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """From the most-mentioned actor: enter on one of its sources in Detail (follow), then [ (back)."""
        follow: list[float] = []
        back: list[float] = []
        opened = returned = 0  # follows that showed the chosen record; backs that showed the actor again
        self.start_scenario()
        while self.presses_left(len(follow)):
            await self.select_top_actor()
            await self.setup("4")
            links = self.main.query_one("#detail-links")
            if len(links.ids) > 1:  # the first link is the source already shown
                links.move_cursor(1 + len(follow) % min(4, len(links.ids) - 1), announce=False)
                await self.pilot.pause()
            chosen = links.current_id
            before = self.main.detail_record_id
            follow.append(await self.measure("enter"))
            opened += self.main.detail_record_id == chosen
            back.append(await self.measure("left_square_bracket"))
            returned += self.main.detail_record_id == before
        both = self.with_floor({})  # one floor press after each follow and each back, alternating
        halves = [{key: both[key][half::2] for key in ("floor_ms", "cpu_ms", "floor_cpu_ms")} for half in (0, 1)]
        return {"ms": follow, "opened": opened, **halves[0]}, {"ms": back, "returned": returned, **halves[1]}

    def queries(self) -> list[str]:
        """Queries to type: prefixes of actor names from across the list, and common words."""
        actors = self.list_widget("actors").ids
        # Names read without building the records: the top actors' 20,000 mentions would stay in
        # memory and slow every later garbage collection, the floor's presses' too.
        names = [self.main.dossier.actor_brief(actors[i])[0] for i in (0, 3, 10, 30, 100, 300) if i < len(actors)]
        return [name[:10] for name in names] + ["oil prices", "minister", "1987"]

    async def search(self) -> dict[str, Any]:
        """Type queries one character at a time in the search overlay; wait for each result list."""
        from textual.widgets import Input

        from dossier.tui.screens.search import SearchScreen

        await indexes_built(self.app, self.pilot)  # as in a full run, where the other scenarios come first
        samples: list[float] = []
        self.start_scenario()
        for query in self.queries():
            await self.setup("escape", "escape", "1", "slash")
            screen = self.app.screen
            if not isinstance(screen, SearchScreen):
                return self.with_floor({"ms": samples, "error": "search overlay did not open"})
            field = screen.query_one(Input)
            for char in query:
                if not self.presses_left(len(samples)):
                    break
                samples.append(
                    await self.measure(char, lambda screen=screen, field=field: screen.shown_query == field.value)
                )
            await self.setup("escape")
        return self.with_floor({"ms": samples})

    async def views(self) -> dict[str, dict[str, Any]]:
        """Issue 13's views on the most-mentioned actor: open its timeline (T, until the chart is
        drawn), move a bucket (left/right), open its connections (c, until they are listed); and the
        shortest chains between the two most-mentioned actors (from asking until they are listed).
        Each row also has the process's CPU time per press (``cpu_ms``, all threads)."""
        from dossier.tui.navigation import ViewPlace
        from dossier.tui.screens.chains import ChainsScreen
        from dossier.tui.screens.connections import ConnectionsScreen
        from dossier.tui.screens.timeline import TimelineScreen

        app = self.app
        await indexes_built(self.app, self.pilot)
        report: dict[str, dict[str, Any]] = {name: {"ms": [], "cpu_ms": []} for name in ("timeline", "bucket", "connections", "chains")}
        timeline, bucket, connections, chains = (report[name] for name in ("timeline", "bucket", "connections", "chains"))
        self.start_scenario()
        while self.presses_left(len(timeline["ms"])):
            await self.select_top_actor()
            timeline["ms"].append(await timed(
                self.pilot, "T", lambda: isinstance(app.screen, TimelineScreen) and app.screen.chart is not None, timeline["cpu_ms"]))
            for step in range(4):
                bucket["ms"].append(await timed(self.pilot, "left" if step < 2 else "right", cpu=bucket["cpu_ms"]))
            await self.setup("escape")
        self.start_scenario()
        while self.presses_left(len(connections["ms"])):
            await self.select_top_actor()
            connections["ms"].append(await timed(
                self.pilot, "c", lambda: isinstance(app.screen, ConnectionsScreen) and app.screen.counted, connections["cpu_ms"]))
            await self.setup("escape")
        top = self.list_widget("actors").ids[:2]
        self.start_scenario()
        while len(top) == 2 and self.presses_left(len(chains["ms"])):
            await self.setup("escape", "escape", "1")
            await settle(self.pilot)
            started, cpu_started = time.perf_counter(), time.process_time()
            self.main.views.open(ViewPlace("chains", tuple(top)))
            while not (isinstance(app.screen, ChainsScreen) and app.screen.searched):
                await asyncio.sleep(0.001)
            await settle(self.pilot)
            chains["ms"].append((time.perf_counter() - started) * 1000)
            chains["cpu_ms"].append((time.process_time() - cpu_started) * 1000)
            await self.setup("escape")
        return report

    async def run(self, only: frozenset[str] | None = None) -> dict[str, Any]:
        """Every scenario (or those in ``only``), in an order that leaves each starting from the
        plain main screen."""
        latency: dict[str, Any] = {}

        def wanted(*names: str) -> bool:
            """Whether any of these scenarios is asked for."""
            return only is None or any(name in only for name in names)

        if wanted("move"):
            latency["move"] = await self.move("actors", "1")
        if wanted("move_events"):
            latency["move_events"] = await self.move("events", "2")
        if wanted("select_big"):
            latency["select_big"] = await self.select_big()
        if wanted("follow", "back"):
            latency["follow"], latency["back"] = await self.follow_and_back()
        if wanted("search"):
            latency["search"] = await self.search()
        if wanted("timeline", "bucket", "connections", "chains"):
            latency.update(await self.views())
        return latency


VIEW_SCENARIOS = frozenset({"timeline", "bucket", "connections", "chains"})


async def run_real(dossier: Path, presses: int, only: frozenset[str] | None = None) -> dict[str, Any]:
    """First paint with data of the real app, then the keypress scenarios."""
    from dossier.tui.app import DossierApp

    app = DossierApp(dossier)
    report: dict[str, Any] = {}
    painted: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        encode_frames(app, painted)
        await wait_until(pilot, lambda: bool(painted), READY_TIMEOUT)
        report["first_paint_at"] = painted[0]
        if presses:
            floor = bare_app()
            async with floor.run_test(size=SIZE) as floor_pilot:
                encode_frames(floor)
                with app._context():
                    report["latency"] = await Scenarios(pilot, presses, floor_pilot).run(only)
                floor.exit()
        app.exit()
    return report


def bare_app() -> Any:
    """A Textual app with the main screen's widgets and stylesheet, and no data: the floor."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.containers import Vertical
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Label, ProgressBar, Static

    import dossier.tui.app
    import dossier.tui.screens.main
    from dossier.tui.rows import Rows
    from dossier.tui.widgets.detail import Detail
    from dossier.tui.widgets.record_list import RecordList
    seeds = Path(dossier.tui.app.__file__).resolve().parents[1] / "seeds"
    article = sorted(seeds.glob("*.txt"))[0].read_text(encoding="utf-8")

    class MainScreen(Screen):
        """The main screen's layout with fixed rows instead of a dossier (named so the stylesheet applies)."""

        HORIZONTAL_BREAKPOINTS = dossier.tui.screens.main.MainScreen.HORIZONTAL_BREAKPOINTS

        def compose(self) -> ComposeResult:
            yield Header()
            with Vertical(id="building"):
                yield Label("", id="building-label")
                yield ProgressBar(id="building-progress", show_eta=False)
            with Vertical(id="body"):
                with Vertical(id="actors-pane", classes="pane"):
                    yield RecordList("actors", Text, empty="No actors", id="actors")
                with Vertical(id="events-pane", classes="pane"):
                    yield RecordList("events", Text, empty="No events", id="events")
                with Vertical(id="source-pane", classes="pane"):
                    yield Static("", id="source-meta", markup=False)
                    yield Static("", id="source", markup=False)
            yield Detail(id="detail")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#building").display = False
            self.query_one("#actors", RecordList).set_rows(Rows([f"row {n}" for n in range(100)]))
            self.query_one("#events", RecordList).set_rows(Rows([f"row {n}" for n in range(100)]))
            self.query_one("#actors", RecordList).focus()

        def on_record_list_highlighted(self, message: RecordList.Highlighted) -> None:
            """Replace the source pane's text: the one change a selecting key must cause."""
            self.query_one("#source", Static).update(Text(f"{message.record_id}\n\n{article}"))

    class BareApp(App[None]):
        """The floor app."""

        CSS_PATH = Path(dossier.tui.app.__file__).with_name(dossier.tui.app.DossierApp.CSS_PATH)

        def get_default_screen(self) -> Screen:
            return MainScreen()

    return BareApp()


async def run_bare() -> dict[str, Any]:
    """First paint of the bare app."""
    app = bare_app()
    painted: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        encode_frames(app, painted)
        await wait_until(pilot, lambda: bool(painted), READY_TIMEOUT)
        report = {"first_paint_at": painted[0]}
        app.exit()
    return report


def main(argv: list[str] | None = None) -> None:
    """Run the real app or the bare floor and print one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m bench.tui_probe")
    parser.add_argument("--dossier", type=Path)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--presses", type=int, default=0)
    parser.add_argument(
        "--scenarios",
        help="comma-separated scenarios to measure (move, move_events, select_big, follow, back, search, timeline, "
        "bucket, connections, chains); default: all",
    )
    parser.add_argument("--only", choices=["views"], help="run only issue 13's views scenarios (--scenarios with the four)")
    args = parser.parse_args(argv)
    only = frozenset(args.scenarios.split(",")) if args.scenarios else None
    if args.only == "views":
        only = VIEW_SCENARIOS
    runner: Awaitable[dict[str, Any]] = run_bare() if args.bare else run_real(args.dossier, args.presses, only)
    sys.stdout.write(json.dumps(asyncio.run(runner)) + "\n")


if __name__ == "__main__":
    main()
