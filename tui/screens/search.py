"""The search overlay: one query across actors (fuzzy), events (title, dates), notes and source text
(``tag:NAME`` lists the records carrying a tag).

Results update as you type: each keystroke starts the search in an exclusive thread worker, which
labels the rows too and posts them, so typing never waits on the store; a query superseded by a
newer keystroke posts nothing. The rows go into a line-API list that draws only what shows.
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
from textual.widgets import Input, Label
from textual.worker import Worker, WorkerState, get_current_worker

from dossier.store.records import Actor, Event, Record, Span, Statement
from dossier.tui.labels import actor_label, event_label, named_actor_label, source_label
from dossier.tui.navigation import Target
from dossier.tui.sanitize import one_line
from dossier.tui.widgets.query_field import QueryField
from dossier.tui.widgets.result_list import ResultList, ResultRow

if TYPE_CHECKING:  # the store's search module loads with the dossier, not before the first paint
    from dossier.store.dossier import Dossier
    from dossier.store.search import SearchResults

LIMIT = 30

SearchOutcome = tuple[list[Target], int, str]


class SearchScreen(ModalScreen[SearchOutcome | None]):
    """Type to search; enter opens the highlighted hit (the best one by default)."""

    @dataclass
    class ResultsReady(Message):
        """The rows for one query, searched and labelled off the UI thread (none for an empty query)."""

        query: str
        rows: list[ResultRow]
        targets: list[Target]

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
            yield QueryField(placeholder="type to search…", id="search-input")
            yield ResultList(id="search-results")
            yield Label(Content("↑/↓ choose · enter open · then n/N step through hits · esc close"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Start typing straight away."""
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _query_changed(self, event: Input.Changed) -> None:
        """Search on every keystroke: a newer query supersedes the one still running."""
        self._search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _search(self, query: str) -> None:
        """Search and label the rows off the UI thread; a query superseded meanwhile posts nothing."""
        worker = get_current_worker()
        results = self.dossier.search(query, limit=LIMIT) if query.strip() else None
        if worker.is_cancelled:
            return
        rows, targets = result_rows(self.dossier, results)
        if not worker.is_cancelled:
            self.post_message(self.ResultsReady(query, rows, targets))

    @on(Worker.StateChanged)
    def _search_failed(self, event: Worker.StateChanged) -> None:
        """Say so when a search fails instead of leaving stale results."""
        if event.state == WorkerState.ERROR:
            self.notify(one_line(f"Search failed: {event.worker.error}"), severity="error", markup=False)

    @on(ResultsReady)
    def _results_ready(self, message: ResultsReady) -> None:
        """Show results unless the query changed since they were asked for."""
        if message.query == self.query_one(Input).value:
            self._show(message.query, message.rows, message.targets)

    def _show(self, query: str, rows: list[ResultRow], targets: list[Target]) -> None:
        """Show the rows, the cursor on the best hit; remember the hits for n/N."""
        self.shown_query = query
        self.targets = targets
        self.query_one(ResultList).set_rows(rows)

    def action_move(self, step: int) -> None:
        """Move through the results while typing."""
        self.query_one(ResultList).move(step)

    def action_open(self) -> None:
        """Open the highlighted hit; search now if the typed query has not been searched yet."""
        query = self.query_one(Input).value
        if not query.strip():
            return
        if query != self.shown_query:
            self._show(query, *result_rows(self.dossier, self.dossier.search(query, limit=LIMIT)))
        hit = self.query_one(ResultList).current_hit
        if hit is None:
            self.notify("No matches", severity="warning", markup=False)
            return
        self.dismiss((self.targets, hit, query))

    @on(ResultList.Chosen)
    def _clicked(self, event: ResultList.Chosen) -> None:
        """A click opens that hit."""
        self.dismiss((self.targets, event.hit, self.shown_query or ""))


def result_rows(dossier: Dossier, results: SearchResults | None) -> tuple[list[ResultRow], list[Target]]:
    """The rows of a query's results, grouped by kind under headings, best first, and the hit each row opens."""
    rows: list[ResultRow] = []
    targets: list[Target] = []
    if results is None:
        return rows, targets

    def group(title: str, count: int) -> None:
        """Add a group heading when the group has hits."""
        if count:
            rows.append(ResultRow(Text(f"{title} ({count})", style="bold underline")))

    def hit(label: Text, target: Target) -> None:
        """Add a row opening ``target``."""
        rows.append(ResultRow(label, len(targets)))
        targets.append(target)

    group("Actors", len(results.actor_ids))
    for actor_id, _score in results.actor_ids:
        name, kind, _mentions = dossier.actor_brief(actor_id)
        hit(named_actor_label(name, kind), Target(actor_id))
    group("Events", len(results.events))
    for event, _score in results.events:
        hit(event_label(event), Target(event.id))
    group("Notes and tags", len(results.annotated))
    for record, why in results.annotated:
        hit(annotated_label(record, why), Target(record.id))
    group("Said", len(results.said))
    for statement in results.said:
        content = statement.content
        words = dossier.sources.text(content.source)[content.start : content.end]
        speaker = statement.speaker
        name = dossier.actors.names(speaker)[0] if speaker is not None and speaker in dossier.actors else statement.speaker_text
        hit(said_label(name, statement, words), Target(content.source, content))
    group("Source text", len(results.texts))
    for text_hit in results.texts:
        source = dossier.sources.get(text_hit.source_id)
        label = Text.assemble(
            (source_label(source).plain[:40] if source else text_hit.source_id, "dim"), "  ", one_line(text_hit.snippet)
        )
        hit(label, Target(text_hit.source_id, Span(text_hit.source_id, text_hit.start, text_hit.end)))
    if not rows:
        rows.append(ResultRow(Text("No matches", style="italic")))
    return rows, targets


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
