"""The main screen's view: its panes and their state, and what follows that state.

The kind filter, the actor filter, the record Detail describes and the n/N walk are reactive:
the lists, the pane titles, Detail and the key footer follow them through watchers, so the
main screen's actions (``screens.main``) only set state. The dossier is opened by the app and
arrives as ``DossierReady``.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from dossier.store.connections import keep_connections
from dossier.store.records import Actor, Event, Source, Span
from dossier.store.timeline import bucket_label, events_in_bucket
from dossier.tui.labels import actor_row, event_row, source_label
from dossier.tui.messages import BuildProgress, DossierFailed, DossierReady, Listings
from dossier.tui.navigation import History, Pane, Place, ViewPlace, Walk
from dossier.tui.presenters import DetailView, dossier_detail, keeps, record_detail, row_marks
from dossier.tui.rows import Rows
from dossier.tui.sanitize import one_line, plain
from dossier.tui.screens.connections import CONNECTIONS_SHOWN
from dossier.tui.widgets.build_status import BuildStatus
from dossier.tui.widgets.detail import Detail
from dossier.tui.widgets.footer import KeyFooter
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView
from dossier.tui.widgets.titles import SteadyHeader, retitle

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier
    from dossier.store.timeline import BucketSize

# The focusable widget of each pane.
CONNECTIONS_KEPT_AHEAD = 20
"""The most-mentioned actors whose connections are ranked in the background (the twentieth takes 10 ms)."""
PANE_WIDGETS = {Pane.ACTORS: "#actors", Pane.EVENTS: "#events", Pane.SOURCE: "#source", Pane.DETAIL: "#detail-links"}


class PanesScreen(Screen[None]):
    """The panes, Detail and the footer over one dossier, following the screen's state."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]

    # Textual repaints the whole screen when focus moves, but the widgets gaining and losing
    # focus repaint themselves (and their :focus-within panes restyle): following a link
    # moves focus, and the full repaint was the largest part of it (profiled).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    kind_filter: var[str | None] = var(None, init=False)
    """Only actors of this kind are listed (None: all)."""
    actor_filter: var[str | None] = var(None, init=False)
    """Only this actor's events are listed (None: the whole timeline)."""
    detail_record_id: var[str | None] = var(None, init=False, always_update=True)
    """The record Detail describes (set again to redraw it: its links' cursor returns to the top)."""
    walk: var[Walk] = var(Walk(), init=False)
    """What n/N step through, and where."""
    date_filter: var[tuple[str, str] | None] = var(None, init=False)
    """Only events dated in this time bucket are listed: (its first day, its size), chosen in the timeline."""
    mark_filter: var[str | None] = var(None, init=False)
    """Only records with this mark are listed: "starred", "unread", "tag:NAME", or "hidden" (the
    hidden actors and events, to bring one back); None: no such filter."""

    def __init__(self, db_path: Path, *, building: bool) -> None:
        """Show the dossier at ``db_path`` once the app has opened it (with build progress if ``building``)."""
        super().__init__()
        self.db_path = db_path
        self.building = building
        self.dossier: Dossier | None = None
        self.history = History()
        self.selected_event: str | None = None
        self.view_place: ViewPlace | None = None
        """The view (timeline, connections, sources) open over the panes, or being left for a record."""
        self._listings: Listings = {}
        self._pane_titles: dict[str, tuple[str, tuple[object, ...]]] = {}

    # --- layout and opening ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, build progress, the three panes, the detail strip and the footer."""
        yield SteadyHeader()
        yield BuildStatus(id="building")
        with Vertical(id="body"):
            with Vertical(id="actors-pane", classes="pane"):
                yield RecordList(Pane.ACTORS, self._actor_row, empty="Opening the dossier…", id="actors")
            with Vertical(id="events-pane", classes="pane"):
                yield RecordList(Pane.EVENTS, self._event_row, empty="Opening the dossier…", id="events")
            with Vertical(id="source-pane", classes="pane"):
                yield Static(Content(""), id="source-meta", markup=False)
                yield SourceView(id="source")
        yield Detail(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Show the build progress if building, title the panes and focus Actors."""
        self.query_one("#building").display = self.building
        self._title_actors()
        self._title_events()
        self._title_source()
        self._set_title("#detail", Content("4 Detail"))
        self.query_one("#actors", RecordList).focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def _build_search_index(self) -> None:
        """Build the search and relation indexes once the panes are painted (a query arriving
        sooner builds what it needs itself, under the store's index lock), then rank the
        connections of the most-mentioned actors, the only ones slow to count (0.5 s in all)."""
        if self.dossier is not None:
            self.dossier.build_search_index()
            keep_connections(self.dossier, self.dossier.actor_ids_by_mentions()[:CONNECTIONS_KEPT_AHEAD], CONNECTIONS_SHOWN)
        gc.freeze()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Any worker that fails (export, search index) is reported, never silently dropped."""
        if event.state == WorkerState.ERROR:
            self.notify(one_line(f"{event.worker.name} failed: {event.worker.error}"), severity="error", markup=False)

    @on(BuildProgress)
    def _show_build_progress(self, message: BuildProgress) -> None:
        """Advance the first-use progress bar."""
        self.query_one(BuildStatus).advance(message.done, message.total, message.current)

    @on(DossierFailed)
    def _show_failure(self, message: DossierFailed) -> None:
        """Say why the dossier could not be opened; the app stays up so the user can quit."""
        if message.stale and self.dossier is not None:
            self.notify(
                one_line(f"{message.reason}; still showing the version read before"),
                title="The dossier file changed but cannot be read",
                severity="warning",
                markup=False,
            )
            return
        self.query_one("#building").display = False
        self.query_one(Detail).show(plain(f"Could not open {self.db_path}: {message.reason}", "bold red"))
        self.notify(one_line(message.reason), title="Could not open the dossier", severity="error", markup=False)

    @on(DossierReady)
    def _fill(self, message: DossierReady) -> None:
        """Show the opened dossier: header counts, actors by mentions, the whole timeline."""
        dossier = self.dossier = message.dossier
        self._listings = dict(message.listings)
        self.query_one("#building").display = False
        self.app.title = one_line(dossier.name)
        self._show_counts(dossier)
        actors, events = self.query_one("#actors", RecordList), self.query_one("#events", RecordList)
        actors.empty, events.empty = "No actors", "No events"
        actors.set_rows(self._actor_ids())
        events.set_rows(self._event_ids())
        self._title_events()
        self._show_detail(dossier_detail(dossier))
        self._show_source(message.first_source, None)
        self.history.visit(self._place())
        self.refresh_bindings()  # data actions become available
        self.call_after_refresh(self._build_search_index)  # after the first paint, not competing with it

    # --- rows and titles -------------------------------------------------------------------

    def _actor_row(self, actor_id: str) -> Text:
        """Draw one Actors row."""
        if self.dossier is None:
            return Text(actor_id)
        if actor_id not in self.dossier.actors:  # a hidden actor, listed to bring it back
            hidden = self.dossier.machine_record(actor_id)
            return Text.assemble(("hidden ", "dim"), one_line(hidden.name)) if isinstance(hidden, Actor) else Text(actor_id)
        row = actor_row(*self.dossier.actor_brief(actor_id))  # the record itself may hold 20,000 mentions
        return row.append(row_marks(self.dossier, actor_id), "yellow")

    def _event_row(self, event_id: str) -> Text:
        """Draw one Events row."""
        event = self.dossier.events.get(event_id) if self.dossier else None
        if self.dossier is None or event is None:
            hidden = self.dossier.machine_record(event_id) if self.dossier else None  # listed to bring it back
            return Text.assemble(("hidden ", "dim"), event_row(hidden)) if isinstance(hidden, Event) else Text(event_id)
        return event_row(event).append(row_marks(self.dossier, event_id), "yellow")

    def _actor_ids(self) -> Rows:
        """The Actors rows for the kind filter (all actors prepared when the dossier opened)."""
        key = (Pane.ACTORS, self.kind_filter)
        if key not in self._listings and self.dossier is not None:
            self._listings[key] = Rows(self.dossier.actor_ids_by_mentions(self.kind_filter))
        rows = self._listings.get(key, Rows(()))
        if self.dossier is None or self.mark_filter is None:
            return rows
        if self.mark_filter == "hidden":
            hidden = self.dossier.curation.hidden_actors()
            return Rows([a.id for a in hidden if self.kind_filter in (None, a.kind)])
        return Rows([a for a in rows.ids if keeps(self.dossier, self.mark_filter, a)])

    def _event_ids(self) -> Rows:
        """The Events rows: the whole timeline (prepared once), or one actor's events."""
        if self.dossier is None:
            return Rows(())
        if self.actor_filter is None:
            if (Pane.EVENTS, None) not in self._listings:
                self._listings[Pane.EVENTS, None] = Rows(self.dossier.timeline_ids())
            rows = self._listings[Pane.EVENTS, None]
        else:
            rows = Rows(self.dossier.timeline_ids(self.actor_filter))
        if self.mark_filter == "hidden":
            return Rows([e.id for e in self.dossier.curation.hidden_events()])
        if self.mark_filter is not None:
            mark = self.mark_filter
            rows = Rows([e for e in rows.ids if keeps(self.dossier, mark, e)])
        if self.date_filter is not None:
            start, size = self.date_filter
            rows = Rows(events_in_bucket(self.dossier, rows.ids, date.fromisoformat(start), cast("BucketSize", size)))
        return rows

    def _title_actors(self) -> None:
        """The Actors title carries its number key and the kind filter."""
        mark = f" · {one_line(self.mark_filter)}" if self.mark_filter else ""
        kind = f" · {self.kind_filter}s" if self.kind_filter else ""
        self._set_title("#actors-pane", Content.assemble("1 Actors", (kind + mark, "bold")))

    def _title_events(self) -> None:
        """The Events title names the actor whose events are listed and the time bucket they are cut to."""
        title, filtered = Content("2 Events"), False
        if self.mark_filter == "hidden":
            title = Content.assemble("2 Events", (" · hidden", "bold"))
        elif self.actor_filter and self.dossier and (actor := self.dossier.actors.get(self.actor_filter)):
            title, filtered = Content.assemble("2 Events of ", (one_line(actor.name), "bold")), True
        if self.date_filter is not None:
            start, size = self.date_filter
            label = bucket_label(date.fromisoformat(start), cast("BucketSize", size))
            title, filtered = Content.assemble(title, " · ", (label, "bold yellow")), True
        if filtered:
            title = Content.assemble(title, ("  esc clears", "dim"))
        self._set_title("#events-pane", title)

    def _title_source(self) -> None:
        """The Source title says what n/N step through and where."""
        label = self.walk.label
        self._set_title("#source-pane", Content.assemble("3 Source", (f" · {label}" if label else "", "dim")))

    def _set_title(self, pane: str, title: Content) -> None:
        """Set a pane's border title only if it changed, redrawing only the border row it sits on."""
        shown = (title.plain, tuple(title.spans))
        if self._pane_titles.get(pane) != shown:
            self._pane_titles[pane] = shown
            retitle(self.query_one(pane), title)

    # --- what follows the state ------------------------------------------------------------

    def watch_kind_filter(self) -> None:
        """List the actors of the kind, keeping the cursor's actor when listed."""
        actors = self.query_one("#actors", RecordList)
        actors.set_rows(self._actor_ids(), select=actors.current_id)
        self._title_actors()

    def watch_mark_filter(self) -> None:
        """List only the records with the mark (or all again), keeping the cursors' records when listed."""
        actors, events = self.query_one("#actors", RecordList), self.query_one("#events", RecordList)
        actors.set_rows(self._actor_ids(), select=actors.current_id)
        events.set_rows(self._event_ids(), select=events.current_id)
        self._title_actors()
        self._title_events()

    def show_curated(
        self,
        record_id: str | None,
        *,
        actors_changed: bool = True,
        events_changed: bool = True,
        sources_changed: frozenset[str] | None = None,
        event_rows_changed: bool = True,
        rows_changed: frozenset[str] | None = None,
    ) -> None:
        """After an edit, undo or redo: relist, redraw and re-describe from the curated state, the
        cursor on ``record_id`` (a merged id opens its survivor) when given. The store updated its
        indexes per touched record; of the screen's cached listings only those of the pane whose
        records changed are rebuilt (an annotation changes neither: its rows are only redrawn), and
        the source shown is redrawn only when its mentions may have changed (``sources_changed``
        None) or it is among ``sources_changed``; the Events rows drawn are kept unless
        ``event_rows_changed`` (an event row shows only its event and its marks). ``rows_changed``,
        when given, names the only records whose rows may look different or come and go (a rename, a
        tag, a merge): the lists redraw just those rows, every other row kept as drawn."""
        dossier = self.dossier
        if dossier is None:
            return
        self._listings = {
            (pane, key): rows for (pane, key), rows in self._listings.items()
            if not (actors_changed and pane == Pane.ACTORS) and not (events_changed and pane == Pane.EVENTS)
        }
        record = dossier.get(record_id) if record_id else None
        actors, events = self.query_one("#actors", RecordList), self.query_one("#events", RecordList)
        if rows_changed is not None and not events_changed:
            events.forget_rows(rows_changed)  # the watcher below may relist them: these rows are drawn anew
        elif event_rows_changed or events_changed:
            events.clear_drawn()  # the watcher below may relist them: either way no row drawn before is kept
        filter_before = self.actor_filter
        if isinstance(record, Actor):
            self.actor_filter = record.id
        elif self.actor_filter is not None and self.actor_filter not in dossier.actors:
            survivor = dossier.get(self.actor_filter)
            self.actor_filter = survivor.id if isinstance(survivor, Actor) else None
        actor_cursor = record.id if isinstance(record, Actor) else actors.current_id
        if rows_changed is not None:
            actors.update_rows(self._actor_ids(), rows_changed, select=actor_cursor)
        else:
            actors.set_rows(self._actor_ids(), select=actor_cursor, redraw=True)
        if self.actor_filter == filter_before:  # else watch_actor_filter listed its events just now
            event_cursor = record.id if isinstance(record, Event) else events.current_id
            if rows_changed is not None and not events_changed:
                events.update_rows(self._event_ids(), (), select=event_cursor)
            else:
                events.set_rows(self._event_ids(), select=event_cursor)
        self._show_counts(dossier)
        self._title_events()
        shown = self.query_one(SourceView).source
        if shown is not None and (sources_changed is None or shown.id in sources_changed):
            self._show_source(shown.id, self.query_one(SourceView).emphasis, force=True)
        described = record or (dossier.get(self.detail_record_id) if self.detail_record_id else None)
        if described is None:
            self._show_detail(dossier_detail(dossier))
        self.detail_record_id = described.id if described is not None else None

    def watch_date_filter(self) -> None:
        """List only the events of the chosen time bucket (or all again), keeping the cursor's event."""
        events = self.query_one("#events", RecordList)
        events.set_rows(self._event_ids(), select=events.current_id)
        self._title_events()

    def watch_actor_filter(self, actor_id: str | None) -> None:
        """List the actor's events (or the timeline), keeping the selected event; clearing it ends its walk."""
        events = self.query_one("#events", RecordList)
        keep = self.selected_event if actor_id is not None else self.selected_event or events.current_id
        events.set_rows(self._event_ids(), select=keep)
        if actor_id is None and not self.walk.is_hits:
            self.walk = Walk()
        self._title_events()

    def watch_detail_record_id(self, record_id: str | None) -> None:
        """Describe the record in Detail."""
        record = self.dossier.get(record_id) if self.dossier and record_id else None
        if self.dossier is not None and record is not None:
            self._show_detail(record_detail(self.dossier, record))

    def watch_walk(self) -> None:
        """The Source title follows the walk."""
        self._title_source()

    def _show_detail(self, view: DetailView) -> None:
        """Put a record's summary and its links in Detail (labelled as they are drawn)."""
        self.query_one(Detail).show(view.summary, view.link_ids, view.label, total=view.total)

    # --- selection effects -----------------------------------------------------------------

    def _show_counts(self, dossier: Dossier) -> None:
        """Put the dossier's counts in the header's subtitle, drawn with the panes in one frame
        (the Header's own watcher would draw them in a frame of their own, after this one)."""
        self.app.sub_title = f"{len(dossier.sources)} sources · {len(dossier.actors)} actors · {len(dossier.events)} events"
        self.query_one(SteadyHeader).show_title()

    def _show_source(self, source_id: str | None, emphasis: Span | None, *, force: bool = False) -> None:
        """Show a source with its metadata line and one span emphasised (``force``: redraw its
        mentions even if it is the one shown, after an edit moved them)."""
        view = self.query_one(SourceView)
        source = self.dossier.sources.get(source_id) if self.dossier and source_id else None
        meta = self.query_one("#source-meta", Static)
        if self.dossier is None or source is None:
            view.show(None)
            meta.update(Content(""), layout=False)
            return
        if force or view.source is not source:
            mentions = self.dossier.mentions_in(source.id)
            kinds = {a: self.dossier.actor_brief(a)[1] for _, a in mentions if a in self.dossier.actors}
            view.show(source, mentions, kinds, emphasis)
            meta.update(Content.from_rich_text(source_label(source)).stylize("bold"), layout=False)
        else:
            view.emphasise(emphasis)

    def _select_actor(self, actor_id: str, *, span: Span | None = None) -> None:
        """Filter Events to the actor's events, walk its mentions from one shown in Source, describe it."""
        actor = self.dossier.actors.get(actor_id) if self.dossier else None
        if self.dossier is None or actor is None:
            return
        self.actor_filter = actor_id
        self.query_one("#actors", RecordList).set_marked(frozenset())
        mentions = self.dossier.mentions_of(actor_id)
        if not self.walk.is_hits:
            self.walk = Walk.of_mentions(mentions, one_line(actor.name))
        shown = span or (mentions[0] if mentions else None)
        if shown is not None:
            self._show_source(shown.source, shown)
            self.walk = self.walk.synced_to(shown)
        self.detail_record_id = actor.id

    def _select_event(self, event_id: str, *, span: Span | None = None) -> None:
        """Show the event's evidence in Source, mark its actors, and describe it."""
        event = self.dossier.events.get(event_id) if self.dossier else None
        if event is None:
            return
        self.selected_event = event_id
        marked = set(event.actors)
        if event.place:
            marked.add(event.place)
        self.query_one("#actors", RecordList).set_marked(frozenset(marked))
        shown = span or (event.evidence[0] if event.evidence else None)
        if shown is not None:
            self._show_source(shown.source, shown)
        self.detail_record_id = event.id

    def _select_source(self, source: Source, span: Span | None) -> None:
        """Show a source at a span and describe it."""
        self._show_source(source.id, span)
        self.detail_record_id = source.id

    # --- panes -----------------------------------------------------------------------------

    def _focused_pane(self) -> Pane | None:
        """The focused pane, if a pane has focus."""
        focused = self.focused
        if isinstance(focused, RecordList):  # the Detail links are a RecordList of pane DETAIL
            return focused.pane
        if isinstance(focused, SourceView):
            return Pane.SOURCE
        return None

    def action_focus_pane(self, pane: str) -> None:
        """Focus one pane by name, now: its focus styles are then drawn with the rest of the
        keypress (``Widget.focus`` moves focus after the next message, and repaints the widget
        even when it already has focus)."""
        widget = self.query_one(PANE_WIDGETS[Pane(pane)])
        if widget is not self.focused:
            self.set_focus(widget)

    def action_cycle_pane(self, step: int) -> None:
        """Move focus to the next (or previous) pane."""
        self.action_focus_pane((self._focused_pane() or Pane.ACTORS).step(step))

    def _place(self) -> Place:
        """Where the user is now, for history."""
        pane = self._focused_pane() or Pane.ACTORS
        record_id: str | None
        if pane in (Pane.ACTORS, Pane.EVENTS):
            record_id = self.query_one(PANE_WIDGETS[pane], RecordList).current_id
        elif pane == Pane.DETAIL:
            record_id = self.detail_record_id
        else:
            source = self.query_one(SourceView).source
            record_id = source.id if source else None
        emphasis = self.query_one(SourceView).emphasis
        return Place(pane, record_id, self.actor_filter, self.kind_filter, emphasis, self.date_filter, self.view_place)

    def current_place(self) -> Place:
        """Where the user is now (with the view open over the panes, if any), for history."""
        return self._place()
