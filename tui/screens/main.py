"""The main screen: Actors, Events and Source panes, the detail strip, and every link between them.

Widgets only announce intent (their nested messages); this screen owns the state. The kind
filter, the actor filter, the record Detail describes and the n/N walk are reactive: the lists,
the pane titles, Detail and the key footer follow them through watchers, so an action only sets
state. The dossier is opened by the app and arrives as ``DossierReady``.
"""

from __future__ import annotations

from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from dossier.store.records import ACTOR_KINDS, Actor, Event, Source, Span
from dossier.tui.labels import actor_row, event_row, source_label
from dossier.tui.messages import BuildProgress, DossierFailed, DossierReady, Listings
from dossier.tui.navigation import History, Pane, Place, Target, Walk
from dossier.tui.presenters import dossier_detail, follow_candidates, record_detail
from dossier.tui.rows import Rows
from dossier.tui.sanitize import one_line, plain
from dossier.tui.screens.choose import ChooseActor
from dossier.tui.screens.exporting import ExportFlow
from dossier.tui.screens.help import HelpScreen, help_sections
from dossier.tui.screens.search import SearchOutcome, SearchScreen
from dossier.tui.widgets.build_status import BuildStatus
from dossier.tui.widgets.detail import Detail
from dossier.tui.widgets.footer import KeyFooter
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

# Cursor moves closer together than this are a held key: select only once they pause.
KEY_REPEAT_SECONDS = 0.08
# The focusable widget of each pane.
PANE_WIDGETS = {Pane.ACTORS: "#actors", Pane.EVENTS: "#events", Pane.SOURCE: "#source", Pane.DETAIL: "#detail-links"}
# Actions that need an open dossier (shown dimmed until it is).
DATA_ACTIONS = frozenset({"export", "preview", "search", "cycle_kind", "walk"})


class MainScreen(Screen[None]):
    """Three linked panes over one dossier, with history, search, export and preview."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]  # noqa: RUF012 (an instance attribute of Screen)

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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search actors, events and source text"),
        Binding("n", "walk(1)", "Next", tooltip="Next search hit, or next mention of the selected actor"),
        Binding("N", "walk(-1)", "Prev", show=False, tooltip="Previous search hit or mention"),
        Binding("left_square_bracket,alt+left", "back", "Back", tooltip="Go back in history"),
        Binding("right_square_bracket,alt+right", "forward", "Fwd", tooltip="Go forward in history"),
        Binding("f", "cycle_kind", "Kind", tooltip="Show only persons, organizations, places, groups, or all"),
        Binding("e", "export", "Export", tooltip="Export the selected record as Markdown"),
        Binding("p", "preview", "Preview", tooltip="Preview the selected record's Markdown export"),
        Binding("escape", "clear_layer", "Clear", show=False, tooltip="Clear search hits, then the actor filter"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True),
        Binding("shift+tab", "cycle_pane(-1)", "Prev pane", show=False, priority=True),
        Binding("1", "focus_pane('actors')", "Actors", show=False),
        Binding("2", "focus_pane('events')", "Events", show=False),
        Binding("3", "focus_pane('source')", "Source", show=False),
        Binding("4", "focus_pane('detail')", "Detail", show=False),
        Binding("question_mark,f1", "help", "Help", tooltip="List every key"),
    ]

    def __init__(self, db_path: Path, *, building: bool) -> None:
        """Show the dossier at ``db_path`` once the app has opened it (with build progress if ``building``)."""
        super().__init__()
        self.db_path = db_path
        self.building = building
        self.dossier: Dossier | None = None
        self.history = History()
        self.selected_event: str | None = None
        self._listings: Listings = {}
        self._settling: Timer | None = None
        self._pending_highlight: tuple[Pane, str] | None = None
        self._last_highlight = 0.0
        self._pane_titles: dict[str, tuple[str, tuple[object, ...]]] = {}

    # --- layout and opening ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, build progress, the three panes, the detail strip and the footer."""
        yield Header()
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
        sooner builds what it needs itself, under the store's index lock)."""
        import gc

        if self.dossier is not None:
            self.dossier.build_search_index()
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
        self.query_one("#building").display = False
        self.query_one(Detail).show(plain(f"Could not open {self.db_path}: {message.reason}", "bold red"), [])
        self.notify(one_line(message.reason), title="Could not open the dossier", severity="error", markup=False)

    @on(DossierReady)
    def _fill(self, message: DossierReady) -> None:
        """Show the opened dossier: header counts, actors by mentions, the whole timeline."""
        dossier = self.dossier = message.dossier
        self._listings = dict(message.listings)
        self.query_one("#building").display = False
        self.app.title = one_line(dossier.name)
        self.app.sub_title = f"{len(dossier.sources)} sources · {len(dossier.actors)} actors · {len(dossier.events)} events"
        actors, events = self.query_one("#actors", RecordList), self.query_one("#events", RecordList)
        actors.empty, events.empty = "No actors", "No events"
        actors.set_rows(self._actor_ids())
        events.set_rows(self._event_ids())
        self._title_events()
        self._show_detail(dossier_detail(dossier).summary, [])
        self._show_source(message.first_source, None)
        self.history.visit(self._place())
        self.refresh_bindings()  # data actions become available
        self.call_after_refresh(self._build_search_index)  # after the first paint, not competing with it

    # --- rows and titles -------------------------------------------------------------------

    def _actor_row(self, actor_id: str) -> Text:
        """Draw one Actors row."""
        if self.dossier is None or actor_id not in self.dossier.actors:
            return Text(actor_id)
        return actor_row(*self.dossier.actor_brief(actor_id))  # the record itself may hold 20,000 mentions

    def _event_row(self, event_id: str) -> Text:
        """Draw one Events row."""
        event = self.dossier.events.get(event_id) if self.dossier else None
        return event_row(event) if event else Text(event_id)

    def _actor_ids(self) -> Rows:
        """The Actors rows for the kind filter (all actors prepared when the dossier opened)."""
        key = (Pane.ACTORS, self.kind_filter)
        if key not in self._listings and self.dossier is not None:
            self._listings[key] = Rows(self.dossier.actor_ids_by_mentions(self.kind_filter))
        return self._listings.get(key, Rows(()))

    def _event_ids(self) -> Rows:
        """The Events rows: the whole timeline (prepared once), or one actor's events."""
        if self.actor_filter is None or self.dossier is None:
            return self._listings.get((Pane.EVENTS, None), Rows(()))
        return Rows(self.dossier.timeline_ids(self.actor_filter))

    def _title_actors(self) -> None:
        """The Actors title carries its number key and the kind filter."""
        self._set_title("#actors-pane", Content.assemble("1 Actors", (f" · {self.kind_filter}s" if self.kind_filter else "", "bold")))

    def _title_events(self) -> None:
        """The Events title names the actor whose events are listed."""
        title = Content("2 Events")
        if self.actor_filter and self.dossier and (actor := self.dossier.actors.get(self.actor_filter)):
            title = Content.assemble("2 Events of ", (one_line(actor.name), "bold"), ("  esc clears", "dim"))
        self._set_title("#events-pane", title)

    def _title_source(self) -> None:
        """The Source title says what n/N step through and where."""
        label = self.walk.label
        self._set_title("#source-pane", Content.assemble("3 Source", (f" · {label}" if label else "", "dim")))

    def _set_title(self, pane: str, title: Content) -> None:
        """Set a pane's border title only if it changed (setting one repaints the whole pane)."""
        shown = (title.plain, tuple(title.spans))
        if self._pane_titles.get(pane) != shown:
            self._pane_titles[pane] = shown
            self.query_one(pane).border_title = title

    # --- what follows the state ------------------------------------------------------------

    def watch_kind_filter(self) -> None:
        """List the actors of the kind, keeping the cursor's actor when listed."""
        actors = self.query_one("#actors", RecordList)
        actors.set_rows(self._actor_ids(), select=actors.current_id)
        self._title_actors()

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
            view = record_detail(self.dossier, record)
            self._show_detail(view.summary, view.links, view.total)

    def watch_walk(self) -> None:
        """The Source title follows the walk."""
        self._title_source()

    def _show_detail(self, summary: Content, links: list[tuple[str, Text]], total: int | None = None) -> None:
        """Put a summary and its links in Detail."""
        self.query_one(Detail).show(summary, links, total=total)

    # --- selection effects -----------------------------------------------------------------

    def _show_source(self, source_id: str | None, emphasis: Span | None) -> None:
        """Show a source with its metadata line and one span emphasised."""
        view = self.query_one(SourceView)
        source = self.dossier.sources.get(source_id) if self.dossier and source_id else None
        meta = self.query_one("#source-meta", Static)
        if self.dossier is None or source is None:
            view.show(None)
            meta.update(Content(""), layout=False)
            return
        if view.source is not source:
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

    # --- messages from the widgets ---------------------------------------------------------

    @on(RecordList.Highlighted)
    def _row_highlighted(self, message: RecordList.Highlighted) -> None:
        """Moving the cursor in a list selects that record; while keys repeat, only the cursor
        moves, and the record under it is selected once they pause (so holding j stays smooth)."""
        if self.dossier is None:
            return
        now = monotonic()
        repeating = now - self._last_highlight < KEY_REPEAT_SECONDS
        self._last_highlight = now
        self._pending_highlight = (message.record_list.pane, message.record_id)
        if self._settling is not None:
            self._settling.stop()
            self._settling = None
        if repeating:
            self._settling = self.set_timer(KEY_REPEAT_SECONDS, self.settle_highlight)
        else:
            self.settle_highlight()

    def settle_highlight(self) -> None:
        """Select the record a list's cursor rests on, if a held key left that to do (the app
        calls this before every action but the lists' cursor moves)."""
        if self._settling is not None:
            self._settling.stop()
            self._settling = None
        if self._pending_highlight is None:
            return
        pane, record_id = self._pending_highlight
        self._pending_highlight = None
        if pane == Pane.ACTORS:
            self._select_actor(record_id)
        else:
            self._select_event(record_id)

    @on(RecordList.Chosen)
    def _row_chosen(self, message: RecordList.Chosen) -> None:
        """Enter on an actor shows its events; enter on an event follows it to its actor."""
        if self.dossier is None:
            return
        self.settle_highlight()  # a click chooses without an action: select what the cursor rests on first
        if message.record_list.pane == Pane.ACTORS:
            self._select_actor(message.record_id)
            self.history.update(self._place())
            self.action_focus_pane(Pane.EVENTS)
            return
        event = self.dossier.events.get(message.record_id)
        if event is None:
            return
        candidates = follow_candidates(self.dossier, event)
        if not candidates:
            self.notify("This event names no actor", severity="warning", markup=False)
        elif len(candidates) == 1:
            self.open_record(candidates[0])
        else:
            actors = [self.dossier.actors[actor_id] for actor_id in candidates]
            self.app.push_screen(ChooseActor(actors), self._open_chosen)

    def _open_chosen(self, record_id: str | None) -> None:
        """Open the record picked in a dialog (an event's actor, a link in the preview), if any."""
        if record_id:
            self.open_record(record_id)

    @on(SourceView.MentionChosen)
    def _mention_chosen(self, message: SourceView.MentionChosen) -> None:
        """Enter on a mention in Source opens its actor."""
        self.open_record(message.actor_id)

    @on(Detail.LinkChosen)
    def _link_chosen(self, message: Detail.LinkChosen) -> None:
        """Open a record listed in Detail (a source opens at the filtered actor's mention)."""
        record = self.dossier.get(message.record_id) if self.dossier else None
        span = None
        if self.dossier is not None and isinstance(record, Source) and self.actor_filter:
            span = next((m for m in self.dossier.mentions_of(self.actor_filter) if m.source == record.id), None)
        self.open_record(message.record_id, span=span)

    # --- opening records and history -------------------------------------------------------

    def open_record(self, record_id: str, *, span: Span | None = None) -> None:
        """Go to any record as a new place in history (links, search, palette all come here)."""
        if self.dossier is None:
            return
        record = self.dossier.get(record_id)
        if record is None:
            self.notify("No record " + one_line(record_id), severity="warning", markup=False)
            return
        self.history.update(self._place())
        self._go(record, span)
        self.history.visit(self._place())
        self.refresh_bindings()  # back/forward are dimmed when there is nowhere to go

    def _go(self, record: Actor | Event | Source, span: Span | None) -> None:
        """Show a record in its pane, adjusting filters so that it is listed."""
        if isinstance(record, Actor):
            if self.kind_filter not in (None, record.kind):
                self.kind_filter = None
            self.query_one("#actors", RecordList).select(record.id)
            self._select_actor(record.id, span=span)
            self.action_focus_pane(Pane.ACTORS)
        elif isinstance(record, Event):
            events = self.query_one("#events", RecordList)
            if not events.select(record.id):
                self.actor_filter = None
                events.select(record.id)
            self._select_event(record.id, span=span)
            self.action_focus_pane(Pane.EVENTS)
        else:
            self._select_source(record, span)
            self.action_focus_pane(Pane.SOURCE)

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
        return Place(pane, record_id, self.actor_filter, self.kind_filter, self.query_one(SourceView).emphasis)

    def _restore(self, place: Place) -> None:
        """Put the screen back as it was at a place."""
        self.kind_filter = place.kind_filter
        self.actor_filter = place.actor_filter
        record = self.dossier.get(place.record_id) if self.dossier and place.record_id else None
        if isinstance(record, Actor):
            self.query_one("#actors", RecordList).select(record.id)
            self._select_actor(record.id, span=place.span)
        elif isinstance(record, Event):
            self.query_one("#events", RecordList).select(record.id)
            self._select_event(record.id, span=place.span)
        elif isinstance(record, Source):
            self._select_source(record, place.span)
        self.action_focus_pane(place.pane)
        self.refresh_bindings()  # back/forward are dimmed when there is nowhere to go

    def action_back(self) -> None:
        """Go back to the previous place."""
        self.history.update(self._place())
        place = self.history.back()
        if place is not None:
            self._restore(place)

    def action_forward(self) -> None:
        """Go forward again after going back."""
        self.history.update(self._place())
        place = self.history.forward()
        if place is not None:
            self._restore(place)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Back/forward are shown dimmed when there is nowhere to go; data actions wait for data."""
        if action == "back":
            return True if self.history.can_go_back else None
        if action == "forward":
            return True if self.history.can_go_forward else None
        if action in DATA_ACTIONS and self.dossier is None:
            return None
        return True

    # --- filters and the walk --------------------------------------------------------------

    def action_cycle_kind(self) -> None:
        """Cycle the Actors pane through person, organization, place, group and all."""
        order: list[str | None] = [*ACTOR_KINDS, None]
        self.kind_filter = order[(order.index(self.kind_filter) + 1) % len(order)]
        self.history.update(self._place())

    def action_clear_layer(self) -> None:
        """Escape closes one layer: search hits, then the actor filter, then the kind filter; never quits."""
        if self.walk.is_hits:
            actor = self.dossier.actors.get(self.actor_filter) if self.dossier and self.actor_filter else None
            self.walk = Walk()
            if self.dossier is not None and actor is not None:
                self.walk = Walk.of_mentions(self.dossier.mentions_of(actor.id), one_line(actor.name))
        elif self.actor_filter:
            self.actor_filter = None
        elif self.kind_filter:
            self.kind_filter = None
        self.history.update(self._place())

    def action_walk(self, step: int) -> None:
        """Step to the next (or previous) search hit or mention of the selected actor."""
        walk = self.walk
        if not walk:
            self.notify("Nothing to step through: select an actor or search with /", severity="warning", markup=False)
            return
        index = walk.next_index(step)
        target = walk.targets[index]
        if target.record_id:
            self.open_record(target.record_id, span=target.span)
        elif target.span is not None and walk.is_hits:
            self.history.update(self._place())
            self._show_source(target.span.source, target.span)
            self.history.visit(self._place())
            self.refresh_bindings()  # back/forward are dimmed when there is nowhere to go
        elif target.span is not None:
            self._show_source(target.span.source, target.span)
        self.walk = self.walk.at(index)

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
        """Focus one pane by name."""
        self.query_one(PANE_WIDGETS[Pane(pane)]).focus()

    def action_cycle_pane(self, step: int) -> None:
        """Move focus to the next (or previous) pane."""
        self.action_focus_pane((self._focused_pane() or Pane.ACTORS).step(step))

    # --- search, export, preview, help -----------------------------------------------------

    def action_search(self) -> None:
        """Open the search overlay."""
        if self.dossier is not None:
            self.app.push_screen(SearchScreen(self.dossier), self._search_done)

    def _search_done(self, outcome: SearchOutcome | None) -> None:
        """Open the hit chosen in the search overlay and let n/N walk the rest."""
        if not outcome:
            return
        targets, index, query = outcome
        target = targets[index]
        if target.record_id:
            self.open_record(target.record_id, span=target.span)
        self.set_search_walk(targets, query, index)

    def set_search_walk(self, targets: list[Target], query: str, index: int) -> None:
        """After a search: n/N step through its hits, starting at the one opened."""
        self.walk = Walk.of_hits(targets, one_line(query), index)

    def selected_record(self) -> Actor | Event | Source | None:
        """The record export and preview act on: the focused pane's (in Detail, the record described)."""
        if self.dossier is None:
            return None
        pane = self._focused_pane()
        if pane == Pane.SOURCE:
            return self.query_one(SourceView).source
        if pane == Pane.DETAIL:
            return self.dossier.get(self.detail_record_id) if self.detail_record_id else None
        record_id = self.query_one(PANE_WIDGETS[pane or Pane.ACTORS], RecordList).current_id
        return self.dossier.get(record_id) if record_id else None

    def action_export(self) -> None:
        """Ask where to export the selected record (default: exports/ beside the dossier)."""
        record = self.selected_record()
        if self.dossier is None or record is None:
            self.notify("Nothing selected to export", severity="warning", markup=False)
            return
        ExportFlow(self, self.dossier).start(record, self.db_path.parent / "exports")

    def action_preview(self) -> None:
        """Preview the selected record's Markdown export."""
        record = self.selected_record()
        if self.dossier is None or record is None:
            self.notify("Nothing selected to preview", severity="warning", markup=False)
            return
        from dossier.tui.screens.preview import PreviewScreen  # the Markdown widget loads on first use (~0.2 s)

        self.app.push_screen(PreviewScreen(self.dossier, record), self._open_chosen)

    def action_help(self) -> None:
        """Show the keys that are live now, by pane (dimmed ones count: the footer shows them too)."""

        def live(binding: Binding) -> bool:
            """Whether this screen offers the binding's action now."""
            _, name, parameters = parse(binding.action)
            return self.check_action(name, parameters) is not False

        self.app.push_screen(HelpScreen(help_sections(self.BINDINGS, live, self.app.BINDINGS)))
