"""The connections view: the actors one actor shares events, sentences and sources with, best first,
and under the cursor's connection its evidence (the shared events, the sentences, the sources).

``enter`` on a connection follows it to that actor; ``tab`` moves to the evidence, where ``enter``
opens the event, the sentence in its source, or the source. Computed in a worker by
``store.connections`` unless kept for the dossier as it is (then listed before the view is
painted, with the first connection's evidence: one paint, not three); the view closes with a
``ViewOutcome`` holding where it stood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from dossier.store.connections import Connection, Evidence, connections, evidence, kept_connections, kept_evidence
from dossier.store.records import Span
from dossier.tui.labels import actor_marker, counted, event_label, source_label
from dossier.tui.navigation import Pane, ViewOutcome, ViewPlace
from dossier.tui.rows import Rows
from dossier.tui.sanitize import one_line
from dossier.tui.widgets.record_list import RecordList

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

CONNECTIONS_SHOWN = 500
"""Connections listed (a top actor has thousands; the rest are counted)."""
EVIDENCE_SHOWN = 200
"""Evidence rows listed per kind under one connection."""
SENTENCE_CHARACTERS = 240
"""How much of a shared sentence an evidence row shows."""


def evidence_id(span: Span) -> str:
    """The row id of a shared sentence in the evidence list."""
    return f"{span.source}:{span.start}:{span.end}"


def sentence_row(dossier: Dossier, span: Span) -> Text:
    """A shared sentence as one row, from the source's text (never markup)."""
    text = dossier.sources.text(span.source)[span.start:span.end]
    return Text.assemble(("“", "dim"), one_line(" ".join(text.split()))[:SENTENCE_CHARACTERS], ("”", "dim"))


class ConnectionsScreen(Screen[ViewOutcome | None]):
    """One actor's connections, ranked, with the evidence of the one under the cursor."""

    DEFAULT_CSS = """
    ConnectionsScreen { align: center middle; }
    ConnectionsScreen > Vertical { width: 100%; height: 100%; border: round $accent; background: $surface; }
    ConnectionsScreen .view-title { height: 1; padding: 0 1; }
    ConnectionsScreen #connections { height: 1fr; }
    ConnectionsScreen #evidence { height: 1fr; border-top: solid $panel-lighten-2; }
    ConnectionsScreen #connections-keys { height: 1; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("tab,shift+tab", "switch", "Evidence", tooltip="Move between the connections and their evidence"),
        Binding("left_square_bracket", "back", "Back", show=False),
    ]

    def __init__(self, dossier: Dossier, place: ViewPlace) -> None:
        """The connections of ``place.subject[0]``, the cursor on ``place.cursor`` when reopened."""
        super().__init__()
        self.dossier = dossier
        self._generation = 0
        self._start(place)

    def _start(self, place: ViewPlace) -> None:
        """Forget what was listed; count the connections of ``place``'s actor."""
        self.place = place
        self.actor_id = place.subject[0]
        self.found: dict[str, Connection] = {}
        self.counted = False
        """Whether the connections have been counted and listed."""
        self.evidence: dict[str, tuple[str, Span | None]] = {}
        """Evidence row id -> the record it opens and the sentence to show in it (rows are drawn when seen)."""
        self._generation += 1

    def reopen(self, place: ViewPlace) -> None:
        """List another actor's connections (or the same again) in this screen, kept between openings
        so that opening the view costs no compose, stylesheet pass or resize: as a new screen would."""
        self._start(place)
        self.query_one("#connections-title", Static).update(self._counting_title(), layout=False)
        listing = self.query_one("#connections", RecordList)
        listing.set_rows(Rows(()), redraw=True)
        self.query_one("#evidence", RecordList).set_rows(Rows(()), redraw=True)
        listing.focus()
        self._count()

    def _actor_name(self) -> str:
        """The actor's name (its id if it is gone)."""
        return one_line(self.dossier.actor_brief(self.actor_id)[0]) if self.actor_id in self.dossier.actors else self.actor_id

    def _counting_title(self) -> Text:
        """The title while the connections are counted."""
        return Text.assemble("Connections of ", (self._actor_name(), "bold"), (" · counting…", "dim"))

    def compose(self) -> ComposeResult:
        """Title, the ranked connections, the evidence of the one under the cursor, the keys."""
        with Vertical():
            yield Static(self._counting_title(), id="connections-title", classes="view-title", markup=False)
            yield RecordList(Pane.ACTORS, self._connection_row, empty="No connections yet", id="connections")
            yield RecordList(Pane.DETAIL, self._evidence_row, empty="No evidence", id="evidence")
            yield Static(Text("enter follow · tab evidence · esc close  (events · sentences · sources)",
                              no_wrap=True, overflow="ellipsis"), id="connections-keys", markup=False)

    def on_mount(self) -> None:
        """Compute the connections off the UI thread."""
        self.query_one("#connections", RecordList).focus()
        self._count()

    def _count(self) -> None:
        """List the connections now when they are kept for the dossier as it is, else count them off the UI thread."""
        kept = kept_connections(self.dossier, self.actor_id, CONNECTIONS_SHOWN)
        if kept is None:
            self._compute(self._generation)
        else:
            self._show(*kept, self._generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="connections")
    def _compute(self, generation: int) -> None:
        """Rank the connections and gather the evidence of the one the cursor will be on, then list
        them on the UI thread (together: one paint)."""
        found, total = connections(self.dossier, self.actor_id, CONNECTIONS_SHOWN)
        if found:
            cursor = next((c.actor_id for c in found if c.actor_id == self.place.cursor), found[0].actor_id)
            evidence(self.dossier, self.actor_id, cursor)
        self.app.call_from_thread(self._show, found, total, generation)

    def _show(self, found: list[Connection], total: int, generation: int) -> None:
        """List the top connections, the cursor where it stood (unless reopened on another actor meanwhile)."""
        if generation != self._generation:
            return
        self.found = {c.actor_id: c for c in found}
        title = self.query_one("#connections-title", Static)
        more = f" · top {CONNECTIONS_SHOWN}" if total > CONNECTIONS_SHOWN else ""
        title.update(Text.assemble("Connections of ", (self._actor_name(), "bold"), (f" · {counted(total, 'actor')}{more}", "dim")),
                     layout=False)
        listing = self.query_one("#connections", RecordList)
        listing.set_rows(Rows(list(self.found)), select=self.place.cursor, redraw=True)
        self._show_evidence(listing.current_id)
        self.counted = True

    def _connection_row(self, actor_id: str) -> Text:
        """One connection: kind marker, name, then shared events · sentences · sources."""
        connection = self.found.get(actor_id)
        if connection is None or actor_id not in self.dossier.actors:
            return Text(actor_id)
        name, kind, _mentions = self.dossier.actor_brief(actor_id)
        counts = f"{connection.events:>4} ev {connection.sentences:>4} sent {connection.sources:>4} src"
        return Text.assemble(actor_marker(kind), " ", (counts, "dim"), "  ", one_line(name))

    def _evidence_row(self, row_id: str) -> Text:
        """One row of evidence, drawn when it comes into view: an event, a shared sentence or a source."""
        if row_id not in self.evidence:
            return Text(row_id)
        record_id, span = self.evidence[row_id]
        if span is not None:
            return sentence_row(self.dossier, span)
        if (event := self.dossier.events.get(record_id)) is not None:
            return Text.assemble(("event ", "dim"), event_label(event))
        if (source := self.dossier.sources.get(record_id)) is not None:
            return Text.assemble(("source ", "dim"), source_label(source))
        return Text(row_id)

    @on(RecordList.Highlighted, "#connections")
    def _connection_highlighted(self, message: RecordList.Highlighted) -> None:
        """Show the evidence of the connection under the cursor."""
        self._show_evidence(message.record_id)

    def _show_evidence(self, actor_id: str | None) -> None:
        """List a connection's shared events, sentences and sources now if they are kept, else gather
        them off the UI thread."""
        if actor_id is None or actor_id not in self.found:
            self._list_evidence(None, Evidence())
        elif (kept := kept_evidence(self.dossier, self.actor_id, actor_id)) is not None:
            self._list_evidence(actor_id, kept)
        else:
            self._gather_evidence(actor_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="evidence")
    def _gather_evidence(self, other: str) -> None:
        """What the actor and ``other`` share, then listed on the UI thread."""
        actor_id = self.actor_id
        shared = evidence(self.dossier, actor_id, other)
        self.app.call_from_thread(self._list_evidence, other, shared, actor_id)

    def _list_evidence(self, other: str | None, shared: Evidence, actor_id: str | None = None) -> None:
        """List the shared events, sentences and sources (if the cursor is still on ``other``, of the same actor)."""
        if other is not None and self.query_one("#connections", RecordList).current_id != other:
            return
        if actor_id is not None and actor_id != self.actor_id:
            return
        evidence: dict[str, tuple[str, Span | None]] = {}
        for event_id in shared.events[:EVIDENCE_SHOWN]:
            if event_id in self.dossier.events:
                evidence[event_id] = (event_id, None)
        for span in shared.sentences[:EVIDENCE_SHOWN]:
            evidence[evidence_id(span)] = (span.source, span)
        for source_id in shared.sources[:EVIDENCE_SHOWN]:
            if source_id in self.dossier.sources:
                evidence[source_id] = (source_id, None)
        self.evidence = evidence
        self.query_one("#evidence", RecordList).set_rows(Rows(list(evidence)), redraw=True)

    @on(RecordList.Chosen, "#connections")
    def _follow(self, message: RecordList.Chosen) -> None:
        """Follow a connection to its actor."""
        self.dismiss(ViewOutcome(self.current_place(), record_id=message.record_id))

    @on(RecordList.Chosen, "#evidence")
    def _open_evidence(self, message: RecordList.Chosen) -> None:
        """Open an event, a sentence in its source, or a source."""
        if message.record_id in self.evidence:
            record_id, span = self.evidence[message.record_id]
            self.dismiss(ViewOutcome(self.current_place(), record_id=record_id, span=span))

    def current_place(self) -> ViewPlace:
        """Where the view stands: its actor and the connection under the cursor."""
        return ViewPlace("connections", (self.actor_id,), self.query_one("#connections", RecordList).current_id)

    def action_switch(self) -> None:
        """Move focus between the connections and the evidence."""
        listing, evidence = self.query_one("#connections", RecordList), self.query_one("#evidence", RecordList)
        (evidence if listing.has_focus else listing).focus()

    def action_back(self) -> None:
        """Close and go back in the main screen's history."""
        self.dismiss(ViewOutcome(self.current_place(), back=True))
