"""The dossier Textual app: it opens (or builds) the dossier in a worker, shows the main screen,
and offers every action and record in the command palette."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, work
from textual.actions import ActionParseResult
from textual.app import App, ScreenStackError
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.reactive import Reactive

from dossier.tui.idle_collector import CHECK_SECONDS, IdleCollector
from dossier.tui.labels import event_label, named_actor_label, source_label
from dossier.tui.messages import BuildProgress, DossierFailed, DossierReady, Listings
from dossier.tui.navigation import Pane
from dossier.tui.rows import Rows
from dossier.tui.sanitize import one_line
from dossier.tui.screens.main import MainScreen
from dossier.tui.widgets.record_list import RecordList

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

PALETTE_RECORD_LIMIT = 12
"""How many records of each kind the command palette lists for a query."""

ProgressCallback = Callable[[int, int, str], None]
"""Told (files done, files in all, the current file's name) as a build advances."""
DossierBuilder = Callable[[ProgressCallback], "Dossier"]
"""Builds the dossier before it is shown (the command line hands one over on first use)."""


class DossierCommands(Provider):
    """Every main-screen action, plus a jump to any record found by ``Dossier.search``."""

    def _main(self) -> MainScreen | None:
        """The main screen the palette was opened from, if it is one."""
        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def _actions(self) -> list[tuple[str, str, str]]:
        """(description, help, action) for every described main-screen binding."""
        rows: list[tuple[str, str, str]] = []
        for binding in MainScreen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                rows.append((binding.description, binding.tooltip or "", binding.action))
        return rows

    async def discover(self) -> Hits:
        """Every action, shown when the palette opens with no query."""
        main = self._main()
        if main is None:
            return
        for description, tip, action in self._actions():
            yield DiscoveryHit(Text(f"{description}: {tip}" if tip else description), partial(main.run_action, action))

    async def search(self, query: str) -> Hits:
        """Actions matching the query, then records found by the dossier's own search."""
        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        for description, tip, action in self._actions():
            label = f"{description}: {tip}" if tip else description
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, Text(label), partial(main.run_action, action), text=label)
        dossier = main.dossier
        if dossier is None or len(query.strip()) < 2:
            return
        results = await asyncio.to_thread(dossier.search, query, PALETTE_RECORD_LIMIT)
        for rank, (actor_id, _score) in enumerate(results.actor_ids):
            name, kind, _mentions = dossier.actor_brief(actor_id)
            found = Text.assemble(("Go to actor  ", "dim"), named_actor_label(name, kind))
            yield Hit(0.9 - rank * 0.01, found, partial(main.open_record, actor_id), text=found.plain)
        for rank, (event, _score) in enumerate(results.events):
            found = Text.assemble(("Go to event  ", "dim"), event_label(event))
            yield Hit(0.6 - rank * 0.01, found, partial(main.open_record, event.id), text=found.plain)
        source_ids = list(dict.fromkeys(hit.source_id for hit in results.texts))
        for rank, source_id in enumerate(source_ids[:5]):
            source = dossier.sources.get(source_id)
            if source is not None:
                found = Text.assemble(("Go to source  ", "dim"), source_label(source))
                yield Hit(0.3 - rank * 0.01, found, partial(main.open_record, source.id), text=found.plain)


class DossierApp(App[None]):
    """Browse one dossier's actors, events and source text from the keyboard."""

    CSS_PATH = "dossier.tcss"
    TITLE = "dossier"
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    """The dossier's counts, shown by the Header (which watches it). Textual's own repaints the
    whole screen when it changes: every merge or hide changed the actor count and so redrew every
    pane, where the Header's title is all that shows it."""
    COMMANDS = App.COMMANDS | {DossierCommands}
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", tooltip="Quit dossier")]

    def __init__(self, db_path: Path, *, build: DossierBuilder | None = None) -> None:
        """Open the dossier at ``db_path``, or first make it with ``build`` (showing its progress)."""
        super().__init__()
        self.db_path = Path(db_path)
        self.build = build
        self.main = MainScreen(self.db_path, building=build is not None)
        self.failure: str | None = None
        """Why the app could not show the dossier (or stopped), as one line for the command line."""
        self.collector = IdleCollector(busy=self._busy)

    def get_default_screen(self) -> MainScreen:
        """The three-pane screen is the app's base screen."""
        return self.main

    def on_mount(self) -> None:
        """Start opening (or building) the dossier once the main screen is up; make the garbage
        collector's full passes between keys."""
        self.sub_title = "building…" if self.build is not None else "opening…"
        self.collector.start()
        self.set_interval(CHECK_SECONDS, self.collector.collect_if_due)
        self._load()

    def on_unmount(self) -> None:
        """Give the garbage collector's full passes back to Python."""
        self.collector.stop()

    def _busy(self) -> bool:
        """Whether the app is still at work: a worker running (an edit, a search), a message queued
        on the screen, or a layout or repaint waiting; or shutting down (its screens already gone
        while the collector's timer still fires)."""
        try:
            screen = self.screen
        except ScreenStackError:
            return True
        return (
            any(worker.is_running for worker in self.workers)
            or bool(screen._layout_required or screen._dirty_widgets)
            or any(node.message_queue_size for node in (self, *screen.walk_children(with_self=True)))
        )

    async def on_event(self, event: events.Event) -> None:
        """Note keys and clicks (the collector waits for a pause), then handle the event as Textual does."""
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp):
            self.collector.input_seen()
        await super().on_event(event)

    @staticmethod
    def _listings(dossier: Dossier) -> Listings:
        """The big lists prepared off the UI thread: all actors by mentions, the whole timeline."""
        return {
            (Pane.ACTORS, None): Rows(dossier.actor_ids_by_mentions()),
            (Pane.EVENTS, None): Rows(dossier.timeline_ids()),
        }

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _load(self) -> None:
        """Open or build the dossier, prepare its big lists off the UI thread, hand it to the main screen."""
        main = self.main

        def progress(done: int, total: int, current: str) -> None:
            """Show the build's progress on the main screen."""
            main.post_message(BuildProgress(done, total, current))

        try:
            if self.build is not None:
                dossier = self.build(progress)
            else:
                from dossier.store.dossier import Dossier  # after the first paint: the store loads in this thread

                dossier = Dossier.open(self.db_path, create=False)
            # The records live as long as the app: keep the cyclic GC from rescanning them on
            # every allocation burst (with 150k events a full collection stalls a keypress).
            gc.freeze()
            listings = self._listings(dossier)
            first_source = dossier.newest_source_id()
        except Exception as error:  # shown to the user; the app keeps running, then exits non-zero
            reason = f"{type(error).__name__}: {error}"
            self.failure = one_line(f"could not open {self.db_path}: {reason}")
            main.post_message(DossierFailed(reason))
            return
        main.post_message(DossierReady(dossier, listings, first_source))

    def _handle_exception(self, error: Exception) -> None:
        """An error nothing handled ends the app as Textual does (exit status 1), but the user gets
        one line from the command line instead of a traceback (kept with ``TEXTUAL=debug``)."""
        super()._handle_exception(error)
        self.failure = one_line(f"the app stopped on an error: {type(error).__name__}: {error}")
        if "debug" not in self.features:
            self._exit_renderables.clear()

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action, first applying the selection a held key left pending: the one place it
        happens (only the lists' own cursor moves, which a held key repeats, leave it pending)."""
        moves_a_cursor = isinstance(default_namespace, RecordList) and isinstance(action, str) and (
            action in RecordList.CURSOR_ACTIONS
        )
        if not moves_a_cursor:
            self.main.settle_highlight()
        return await super().run_action(action, default_namespace, namespaces)


def run_app(db_path: Path, *, build: DossierBuilder | None = None) -> str | None:
    """Open the app on a dossier file, first building it with ``build`` when given; return why it
    could not show the dossier or stopped on an error (one line), or None after a normal quit."""
    app = DossierApp(db_path, build=build)
    app.run()
    if app.failure is None and app.return_code:
        return f"the app stopped with status {app.return_code}"
    return app.failure
