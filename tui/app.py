"""The dossier Textual app: the main screen, a command-palette provider, and ``run_app``."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from dossier.tui.labels import actor_label, event_label, source_label
from dossier.tui.screens.main import MainScreen

PALETTE_RECORD_LIMIT = 12


class DossierCommands(Provider):
    """Every main-screen action, plus a jump to any record found by ``Dossier.search``."""

    def _main(self) -> MainScreen | None:
        """The main screen the palette was opened from, if it is one."""
        screen = self.screen
        return screen if isinstance(screen, MainScreen) else None

    def _actions(self) -> list[tuple[str, str, str]]:
        """(description, help, action) for every described main-screen binding."""
        rows = []
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
        for rank, (actor, _score) in enumerate(results.actors):
            label = Text.assemble(("Go to actor  ", "dim"), actor_label(actor))
            yield Hit(0.9 - rank * 0.01, label, partial(main.open_record, actor.id), text=label.plain)
        for rank, (event, _score) in enumerate(results.events):
            label = Text.assemble(("Go to event  ", "dim"), event_label(event))
            yield Hit(0.6 - rank * 0.01, label, partial(main.open_record, event.id), text=label.plain)
        source_ids = list(dict.fromkeys(hit.source_id for hit in results.texts))
        for rank, source_id in enumerate(source_ids[:5]):
            source = dossier.sources.get(source_id)
            if source is not None:
                label = Text.assemble(("Go to source  ", "dim"), source_label(source))
                yield Hit(0.3 - rank * 0.01, label, partial(main.open_record, source.id), text=label.plain)


class DossierApp(App[None]):
    """Browse one dossier's actors, events and source text from the keyboard."""

    CSS_PATH = "dossier.tcss"
    TITLE = "dossier"
    COMMANDS = App.COMMANDS | {DossierCommands}
    BINDINGS = [Binding("q", "quit", "Quit", tooltip="Quit dossier")]

    def __init__(self, db_path: Path, *, build_from_seeds: bool = False) -> None:
        """Remember which dossier to open and whether to build it from the seeds first."""
        super().__init__()
        self.db_path = Path(db_path)
        self.build_from_seeds = build_from_seeds

    def get_default_screen(self) -> MainScreen:
        """The three-pane screen is the app's base screen."""
        return MainScreen(self.db_path, build_from_seeds=self.build_from_seeds)


def run_app(db_path: Path, *, build_from_seeds: bool) -> None:
    """Open the app on a dossier file, building it from the seed articles first when asked."""
    DossierApp(db_path, build_from_seeds=build_from_seeds).run()
