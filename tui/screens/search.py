"""The search overlay: one query across actors (fuzzy), events (title, dates), notes and source text
(``tag:NAME`` lists the records carrying a tag).

Results update as you type: each keystroke restarts a short timer, and the search itself runs
in an exclusive thread worker that posts its results, so typing never waits on the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from dossier.store.records import Actor, Event, Record, Span, Statement
from dossier.tui.labels import actor_label, event_label, source_label
from dossier.tui.navigation import Target
from dossier.tui.sanitize import one_line

if TYPE_CHECKING:  # the store's search module loads with the dossier, not before the first paint
    from dossier.store.dossier import Dossier
    from dossier.store.search import SearchResults

LIMIT = 30

SearchOutcome = tuple[list[Target], int, str]


class SearchScreen(ModalScreen[SearchOutcome | None]):
    """Type to search; enter opens the highlighted hit (the best one by default)."""

    @dataclass
    class ResultsReady(Message):
        """Search results for one query, computed off the UI thread (None for an empty query)."""

        query: str
        results: SearchResults | None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "move(1)", "Next hit", show=False),
        Binding("up", "move(-1)", "Previous hit", show=False),
        Binding("enter", "open", "Open", priority=True),
    ]

    def __init__(self, dossier: Dossier) -> None:
        """Search this dossier."""
        super().__init__()
        self.dossier = dossier
        self.targets: list[Target] = []
        self.shown_query: str | None = None

    def compose(self) -> ComposeResult:
        """The query field, the grouped results and a hint."""
        with Vertical(classes="dialog search"):
            yield Label(Content("Search actors, events (title, 1979, 2007-05), notes, text · tag:NAME"), classes="dialog-title")
            yield Input(placeholder="type to search…", id="search-input")
            yield OptionList(id="search-results")
            yield Label(Content("↑/↓ choose · enter open · then n/N step through hits · esc close"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Start typing straight away."""
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        """Search on every keystroke: a query takes milliseconds, and a newer one supersedes it."""
        self._search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _search(self, query: str) -> None:
        """Search off the UI thread; results arrive as a message."""
        results = self.dossier.search(query, limit=LIMIT) if query.strip() else None
        self.post_message(self.ResultsReady(query, results))

    @on(Worker.StateChanged)
    def _search_failed(self, event: Worker.StateChanged) -> None:
        """Say so when a search fails instead of leaving stale results."""
        if event.state == WorkerState.ERROR:
            self.notify(one_line(f"Search failed: {event.worker.error}"), severity="error", markup=False)

    @on(ResultsReady)
    def _results_ready(self, message: ResultsReady) -> None:
        """Show results unless the query changed since they were asked for."""
        if message.query == self.query_one(Input).value:
            self._show(message.query, message.results)

    def _show(self, query: str, results: SearchResults | None) -> None:
        """Fill the list, grouped by kind, best first; remember the hits for n/N."""
        self.shown_query = query
        options = self.query_one(OptionList)
        self.targets = []
        rows: list[Option] = []
        if results is None:
            options.set_options(rows)
            return

        def group(title: str, count: int) -> None:
            """Add a group heading when the group has hits."""
            if count:
                rows.append(Option(Text(f"{title} ({count})", style="bold underline"), disabled=True))

        group("Actors", len(results.actors))
        for actor, _score in results.actors:
            rows.append(Option(actor_label(actor), id=str(len(self.targets))))
            self.targets.append(Target(actor.id))
        group("Events", len(results.events))
        for event, _score in results.events:
            rows.append(Option(event_label(event), id=str(len(self.targets))))
            self.targets.append(Target(event.id))
        group("Notes and tags", len(results.annotated))
        for record, why in results.annotated:
            rows.append(Option(annotated_label(record, why), id=str(len(self.targets))))
            self.targets.append(Target(record.id))
        group("Said", len(results.said))
        for statement in results.said:
            content = statement.content
            words = self.dossier.sources.text(content.source)[content.start : content.end]
            speaker = self.dossier.actors.get(statement.speaker) if statement.speaker else None
            rows.append(Option(said_label(speaker.name if speaker else statement.speaker_text, statement, words),
                               id=str(len(self.targets))))
            self.targets.append(Target(content.source, content))
        group("Source text", len(results.texts))
        for hit in results.texts:
            source = self.dossier.sources.get(hit.source_id)
            label = Text.assemble(
                (source_label(source).plain[:40] if source else hit.source_id, "dim"), "  ", one_line(hit.snippet)
            )
            rows.append(Option(label, id=str(len(self.targets))))
            self.targets.append(Target(hit.source_id, Span(hit.source_id, hit.start, hit.end)))
        if not rows:
            rows.append(Option(Text("No matches", style="italic"), disabled=True))
        options.set_options(rows)  # one relayout, not one for clearing and one for adding
        first = next((row for row, option in enumerate(rows) if not option.disabled), None)
        options.highlighted = first

    def action_move(self, step: int) -> None:
        """Move through the results while typing."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_open(self) -> None:
        """Open the highlighted hit; search now if the typed query has not been searched yet."""
        query = self.query_one(Input).value
        if not query.strip():
            return
        if query != self.shown_query:
            self._show(query, self.dossier.search(query, limit=LIMIT))
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.targets:
            self.notify("No matches", severity="warning", markup=False)
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id is None:
            return
        self.dismiss((self.targets, int(option.id), query))

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        """A click (or enter in the list) opens that hit."""
        if event.option.id is not None:
            self.dismiss((self.targets, int(event.option.id), self.shown_query or ""))


def annotated_label(record: Record, why: str) -> Text:
    """A record found by its note or a tag: its kind, its usual row label, and why it was found."""
    if isinstance(record, Actor):
        kind, label = "actor ", actor_label(record)
    elif isinstance(record, Event):
        kind, label = "event ", event_label(record)
    else:
        kind, label = "source", source_label(record)
    return Text.assemble((kind, "dim"), "  ", label, "  ", (one_line(why), "italic"))


SAID_WIDTH = 90
"""Characters of a statement shown in a search row (enter shows it in full in Source)."""


def said_label(speaker: str, statement: Statement, words: str) -> Text:
    """A statement found by its words: who said it (grouped: the list runs speaker by speaker), the verb, what."""
    said = one_line(words)
    if len(said) > SAID_WIDTH:
        said = said[: SAID_WIDTH - 1].rstrip() + "…"
    return Text.assemble(
        (one_line(speaker) or "unattributed", "bold"), " ", (one_line(statement.verb), "italic"), "  ",
        f"“{said}”" if statement.direct else said,
    )
