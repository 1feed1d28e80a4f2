"""The main screen: Actors, Events and Source panes, the detail strip, and every link between them.

Widgets only announce intent (``tui.messages``); this screen owns the state (filters, the
selected record, the n/N walk, history) and reads the dossier through its indexes only.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import Any, overload

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Label, ProgressBar, Static
from textual.worker import Worker, WorkerState

from dossier.store.records import ACTOR_KINDS, Actor, Event, Source, Span
from dossier.tui.history import History, Place
from dossier.tui.labels import actor_label, actor_row, counted, date_label, event_label, event_row, source_label
from dossier.tui.messages import (
    BuildProgress,
    DossierFailed,
    DossierReady,
    LinkChosen,
    MentionChosen,
    RowChosen,
    RowHighlighted,
)
from dossier.tui.sanitize import one_line, plain
from dossier.tui.widgets.detail import MAX_LINKS, Detail
from dossier.tui.widgets.footer import KeyFooter
from dossier.tui.widgets.record_list import RecordList, Rows
from dossier.tui.widgets.source_view import SourceView

PANES = ("actors", "events", "source", "detail")
# Cursor moves closer together than this are a held key: select only once they pause.
KEY_REPEAT_SECONDS = 0.08


@dataclass(frozen=True, slots=True)
class Target:
    """One stop of an n/N walk: a record to open, or a span of source text to show."""

    record_id: str | None = None
    span: Span | None = None


class MentionWalk(Sequence[Target]):
    """An actor's mentions as n/N stops, each made when reached (top actors have 20,000)."""

    def __init__(self, spans: list[Span]) -> None:
        """Walk these spans in order."""
        self.spans = spans

    def __len__(self) -> int:
        return len(self.spans)

    @overload
    def __getitem__(self, index: int) -> Target: ...
    @overload
    def __getitem__(self, index: slice) -> list[Target]: ...
    def __getitem__(self, index: int | slice) -> Target | list[Target]:
        if isinstance(index, slice):
            return [Target(span=span) for span in self.spans[index]]
        return Target(span=self.spans[index])

    def position_of(self, span: Span) -> int | None:
        """Where a span is in the walk, if it is one of its stops."""
        return next((index for index, candidate in enumerate(self.spans) if candidate == span), None)


class MainScreen(Screen):
    """Three linked panes over one dossier, with history, search, export and preview."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]

    # Textual repaints the whole screen when focus moves, but the widgets gaining and losing
    # focus repaint themselves (and their :focus-within panes restyle): following a link
    # moves focus, and the full repaint was the largest part of it (profiled).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    BINDINGS = [
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

    def __init__(self, db_path: Path, *, build_from_seeds: bool) -> None:
        """Remember the dossier path; the dossier itself opens in a worker after mounting."""
        super().__init__()
        self.db_path = db_path
        self.build_from_seeds = build_from_seeds
        self.dossier: Any = None
        self.history = History()
        self.kind_filter: str | None = None
        self.actor_filter: str | None = None
        self.selected_event: str | None = None
        self.detail_record_id: str | None = None
        self.walk: Sequence[Target] = []
        self.walk_name = ""
        self.walk_is_hits = False
        self.walk_index = -1
        self._listings: dict[tuple[str, str | None], Rows] = {}
        self._settling: Timer | None = None
        self._pending_highlight: tuple[str, str] | None = None
        self._last_highlight = 0.0
        self._pane_titles: dict[str, tuple[str, tuple[Any, ...]]] = {}

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, build progress, the three panes, the detail strip and the footer."""
        yield Header()
        with Vertical(id="building"):
            yield Label(Content("Building the dossier from the seed articles…"), id="building-label")
            yield ProgressBar(id="building-progress", show_eta=False)
        with Vertical(id="body"):
            with Vertical(id="actors-pane", classes="pane"):
                yield RecordList("actors", self._actor_row, empty="Opening the dossier…", id="actors")
            with Vertical(id="events-pane", classes="pane"):
                yield RecordList("events", self._event_row, empty="Opening the dossier…", id="events")
            with Vertical(id="source-pane", classes="pane"):
                yield Static(Content(""), id="source-meta", markup=False)
                yield SourceView(id="source")
        yield Detail(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Focus Actors and start opening (or building) the dossier."""
        self.query_one("#building").display = self.build_from_seeds
        self._set_pane_titles()
        self.query_one("#actors", RecordList).focus()
        self.app.sub_title = "building…" if self.build_from_seeds else "opening…"
        self._open_dossier()

    # --- opening / building (off the UI thread) --------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open_dossier(self) -> None:
        """Open the dossier (building it from the seeds first when asked), warm its indexes, post it."""
        try:
            from dossier.store.dossier import Dossier

            if self.build_from_seeds:
                from dossier.first_use import build_seed_dossier
                from dossier.paths import seed_paths

                self.post_message(BuildProgress(0, len(seed_paths()), ""))
                dossier = build_seed_dossier(
                    self.db_path,
                    progress=lambda step: self.post_message(
                        BuildProgress(step.done, step.total, step.current.name if step.current else "")
                    ),
                )
            else:
                dossier = Dossier.open(self.db_path, create=False)
            # The records live as long as the app: keep the cyclic GC from rescanning them on
            # every allocation burst (with 150k events a full collection stalls a keypress).
            gc.freeze()
            listings = {
                ("actors", None): Rows(dossier.actor_ids_by_mentions()),
                ("events", None): Rows(dossier.timeline_ids()),
            }
            first_source = dossier.newest_source_id()
        except Exception as error:  # shown to the user; the app keeps running
            self.post_message(DossierFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(DossierReady(dossier, listings, first_source))

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def _build_search_index(self) -> None:
        """Build the search and relation indexes once the panes are painted (a query arriving
        sooner builds what it needs itself, under the store's index lock)."""
        self.dossier.build_search_index()
        gc.freeze()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """Any worker that fails (export, search index) is reported, never silently dropped."""
        if event.state == WorkerState.ERROR:
            self.notify(one_line(f"{event.worker.name} failed: {event.worker.error}"), severity="error", markup=False)

    @on(BuildProgress)
    def _show_build_progress(self, message: BuildProgress) -> None:
        """Advance the first-start progress bar and say what is happening."""
        self.query_one("#building-progress", ProgressBar).update(total=message.total, progress=message.done)
        label = self.query_one("#building-label", Label)
        if message.done == 0:
            label.update(Content(f"Building the dossier from {message.total} seed articles: loading the language model…"))
        else:
            label.update(Content.assemble(
                f"Building the dossier from the seed articles: {message.done}/{message.total} ", one_line(message.current)
            ))

    @on(DossierFailed)
    def _show_failure(self, message: DossierFailed) -> None:
        """Say why the dossier could not be opened; the app stays up so the user can quit."""
        self.query_one("#building").display = False
        self.query_one(Detail).show(plain(f"Could not open {self.db_path}: {message.reason}", "bold red"), [])
        self.notify(one_line(message.reason), title="Could not open the dossier", severity="error", markup=False)

    @on(DossierReady)
    def _fill(self, message: DossierReady) -> None:
        """Show the opened dossier: header counts, actors by mentions, the whole timeline."""
        self.dossier = message.dossier
        self._listings = dict(message.listings)
        self.query_one("#building").display = False
        self.app.title = one_line(self.dossier.name)
        self._update_counts()
        actors, events = self.query_one("#actors", RecordList), self.query_one("#events", RecordList)
        actors.empty, events.empty = "No actors", "No events"
        actors.set_rows(self._actor_ids())
        events.set_rows(self._event_ids())
        self._set_pane_titles()
        self.query_one(Detail).show(self._dossier_summary(), [])
        self._show_source(message.first_source, None)
        self.history.visit(self._place())
        self.refresh_bindings()  # data actions become available
        self.call_after_refresh(self._build_search_index)  # after the first paint, not competing with it

    def _update_counts(self) -> None:
        """Put the dossier's counts in the header's subtitle."""
        dossier = self.dossier
        self.app.sub_title = (
            f"{len(dossier.sources)} sources · {len(dossier.actors)} actors · {len(dossier.events)} events"
        )

    def _dossier_summary(self) -> Content:
        """What the detail strip says before anything is selected."""
        return Content.assemble(
            (one_line(self.dossier.name), "bold"),
            f"\n{len(self.dossier.sources)} sources, {len(self.dossier.actors)} actors, {len(self.dossier.events)} events",
            ("\nj/k move · enter open · / search · ? help", "dim"),
        )

    # --- rows ------------------------------------------------------------------------------

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
        key = ("actors", self.kind_filter)
        if key not in self._listings:
            self._listings[key] = Rows(self.dossier.actor_ids_by_mentions(self.kind_filter))
        return self._listings[key]

    def _event_ids(self) -> Rows:
        """The Events rows: the whole timeline (prepared once), or one actor's events."""
        if self.actor_filter is None:
            return self._listings[("events", None)]
        return Rows(self.dossier.timeline_ids(self.actor_filter))

    def _set_pane_titles(self) -> None:
        """Pane titles carry their number key and any filter (built as Content, never markup)."""
        self._set_title("#actors-pane", Content.assemble("1 Actors", (f" · {self.kind_filter}s" if self.kind_filter else "", "bold")))
        events_title = Content("2 Events")
        if self.actor_filter and self.dossier and (actor := self.dossier.actors.get(self.actor_filter)):
            events_title = Content.assemble(
                "2 Events of ", (one_line(actor.name), "bold"), ("  esc clears", "dim")
            )
        self._set_title("#events-pane", events_title)
        walk = self.walk_label
        self._set_title("#source-pane", Content.assemble("3 Source", (f" · {walk}" if walk else "", "dim")))
        self._set_title("#detail", Content("4 Detail"))

    def _set_title(self, pane: str, title: Content) -> None:
        """Set a pane's border title only if it changed (setting one repaints the whole pane)."""
        shown = (title.plain, tuple(title.spans))
        if self._pane_titles.get(pane) != shown:
            self._pane_titles[pane] = shown
            self.query_one(pane).border_title = title

    # --- selection effects -----------------------------------------------------------------

    def _kinds_in(self, source_id: str) -> tuple[list[tuple[Span, str]], dict[str, str]]:
        """A source's mentions and the kind of each mentioned actor, for colouring."""
        mentions = self.dossier.mentions_in(source_id)
        kinds = {actor_id: self.dossier.actor_brief(actor_id)[1] for _, actor_id in mentions if actor_id in self.dossier.actors}
        return mentions, kinds

    def _show_source(self, source_id: str | None, emphasis: Span | None) -> None:
        """Show a source with its metadata line and one span emphasised."""
        view = self.query_one(SourceView)
        source = self.dossier.sources.get(source_id) if source_id else None
        meta = self.query_one("#source-meta", Static)
        if source is None:
            view.show(None)
            meta.update(Content(""), layout=False)
            return
        if view.source is not source:
            mentions, kinds = self._kinds_in(source.id)
            view.show(source, mentions, kinds, emphasis)
            meta.update(Content.from_rich_text(source_label(source)).stylize("bold"), layout=False)
        else:
            view.emphasise(emphasis)

    def _select_actor(self, actor_id: str, *, span: Span | None = None) -> None:
        """Filter Events to the actor's events, show a mention in Source and the actor in Detail."""
        actor: Actor | None = self.dossier.actors.get(actor_id)
        if actor is None:
            return
        events = self.query_one("#events", RecordList)
        if self.actor_filter != actor_id:
            self.actor_filter = actor_id
            events.set_rows(self._event_ids(), select=self.selected_event)
        self.query_one("#actors", RecordList).set_marked(frozenset())
        mentions = self.dossier.mentions_of(actor_id)
        if not self.walk_is_hits:
            self._set_walk(MentionWalk(mentions), f"mention of {one_line(actor.name)}")
        shown = span or (mentions[0] if mentions else None)
        if shown is not None:
            self._show_source(shown.source, shown)
            self._sync_walk_to(shown)
        self._show_actor_detail(actor)
        self._set_pane_titles()

    def _select_event(self, event_id: str, *, span: Span | None = None) -> None:
        """Show the event's evidence in Source, mark its actors, and the event in Detail."""
        event: Event | None = self.dossier.events.get(event_id)
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
        self._show_event_detail(event)

    def _show_actor_detail(self, actor: Actor) -> None:
        """Detail for an actor: kind, counts, aliases, roles; its sources as links."""
        self.detail_record_id = actor.id
        sources = list(dict.fromkeys(span.source for span in actor.mentions))
        events = len(self.dossier.timeline_ids(actor.id))
        parts: list[Any] = [
            actor_label(actor),
            f"\n{counted(len(actor.mentions), 'mention')} in {counted(len(sources), 'source')} · {counted(events, 'event')}",
        ]
        aliases = [one_line(alias) for alias in actor.aliases if alias != actor.name]
        if aliases:
            parts += ["\naliases: ", ", ".join(aliases)]
        if actor.roles:
            roles = [one_line(role.role) + (f" ({one_line(role.date)})" if role.date else "") for role in actor.roles]
            parts += ["\nroles: ", "; ".join(dict.fromkeys(roles))]
        links = [(source_id, Text.assemble(("source ", "dim"), source_label(self.dossier.sources[source_id])))
                 for source_id in sources[:MAX_LINKS] if source_id in self.dossier.sources]
        summary = Content.assemble(*[Content.from_rich_text(p) if isinstance(p, Text) else p for p in parts])
        self.query_one(Detail).show(summary, links, total=len(sources))

    def _show_event_detail(self, event: Event) -> None:
        """Detail for an event: title, kind and date; its actors, place and source as links."""
        self.detail_record_id = event.id
        summary = Content.assemble(
            Content.from_rich_text(event_label(event)),
            f"\n{event.kind} · {date_label(event.date, event.until)}",
        )
        links: list[tuple[str, Text]] = []
        for actor_id in event.actors:
            if actor := self.dossier.actors.get(actor_id):
                links.append((actor_id, Text.assemble(("actor ", "dim"), actor_label(actor))))
        if event.place and (place := self.dossier.actors.get(event.place)):
            links.append((place.id, Text.assemble(("place ", "dim"), actor_label(place))))
        for span in event.evidence:
            if source := self.dossier.sources.get(span.source):
                links.append((source.id, Text.assemble(("source ", "dim"), source_label(source))))
        self.query_one(Detail).show(summary, links)

    def _show_source_detail(self, source: Source) -> None:
        """Detail for a source: title, publisher, date and counts; its actors as links."""
        self.detail_record_id = source.id
        actors = self.dossier.actors_in(source.id)
        summary = Content.assemble(
            Content.from_rich_text(source_label(source)).stylize("bold"),
            f"\n{counted(len(actors), 'actor')} · {counted(len(self.dossier.events_in(source.id)), 'event')}",
            ("\n" + one_line(source.url or source.path or ""), "dim"),
        )
        links = [(actor.id, Text.assemble(("actor ", "dim"), actor_label(actor))) for actor in actors[:MAX_LINKS]]
        self.query_one(Detail).show(summary, links, total=len(actors))

    # --- messages from the widgets ---------------------------------------------------------

    @on(RowHighlighted)
    def _row_highlighted(self, message: RowHighlighted) -> None:
        """Moving the cursor in a list selects that record; while keys repeat, only the cursor
        moves, and the record under it is selected once they pause (so holding j stays smooth)."""
        if self.dossier is None:
            return
        now = monotonic()
        repeating = now - self._last_highlight < KEY_REPEAT_SECONDS
        self._last_highlight = now
        self._pending_highlight = (message.pane, message.record_id)
        if self._settling is not None:
            self._settling.stop()
            self._settling = None
        if repeating:
            self._settling = self.set_timer(KEY_REPEAT_SECONDS, self._settle_highlight)
        else:
            self._settle_highlight()

    def _settle_highlight(self) -> None:
        """Select the record a list's cursor rests on, if that is still to do."""
        if self._settling is not None:
            self._settling.stop()
            self._settling = None
        if self._pending_highlight is None:
            return
        pane, record_id = self._pending_highlight
        self._pending_highlight = None
        if pane == "actors":
            self._select_actor(record_id)
        else:
            self._select_event(record_id)

    @on(RowChosen)
    def _row_chosen(self, message: RowChosen) -> None:
        """Enter on an actor shows its events; enter on an event follows it to its actor."""
        if self.dossier is None:
            return
        self._settle_highlight()  # what the cursor rests on is selected before following it
        if message.pane == "actors":
            self._select_actor(message.record_id)
            self.history.update(self._place())
            self.action_focus_pane("events")
            return
        event = self.dossier.events.get(message.record_id)
        if event is None:
            return
        candidates = [a for a in ([*event.actors] + ([event.place] if event.place else [])) if a in self.dossier.actors]
        candidates = list(dict.fromkeys(candidates))
        if not candidates:
            self.notify("This event names no actor", severity="warning", markup=False)
        elif len(candidates) == 1:
            self.open_record(candidates[0])
        else:
            from dossier.tui.screens.choose import ChooseActor

            actors = [self.dossier.actors[actor_id] for actor_id in candidates]
            self.app.push_screen(ChooseActor(actors), self._chosen_actor)

    def _chosen_actor(self, actor_id: str | None) -> None:
        """Open the actor picked from an event's actors."""
        if actor_id:
            self.open_record(actor_id)

    @on(MentionChosen)
    def _mention_chosen(self, message: MentionChosen) -> None:
        """Enter on a mention in Source opens its actor."""
        self.open_record(message.actor_id)

    @on(LinkChosen)
    def _link_chosen(self, message: LinkChosen) -> None:
        """Open a record listed in Detail (a source opens at the filtered actor's mention)."""
        record = self.dossier.get(message.record_id) if self.dossier else None
        span = None
        if isinstance(record, Source) and self.actor_filter:
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
                self._set_kind(None)
            self.query_one("#actors", RecordList).select(record.id)
            self._select_actor(record.id, span=span)
            self.action_focus_pane("actors")
        elif isinstance(record, Event):
            events = self.query_one("#events", RecordList)
            if not events.select(record.id):
                self._set_actor_filter(None)
                events.select(record.id)
            self._select_event(record.id, span=span)
            self.action_focus_pane("events")
        else:
            self._show_source(record.id, span)
            self._show_source_detail(record)
            self.action_focus_pane("source")

    def _place(self) -> Place:
        """Where the user is now, for history."""
        pane = self._focused_pane() or "actors"
        record_id: str | None = None
        if pane == "actors":
            record_id = self.query_one("#actors", RecordList).current_id
        elif pane == "events":
            record_id = self.query_one("#events", RecordList).current_id
        elif pane == "detail":
            record_id = self.detail_record_id
        else:
            source = self.query_one(SourceView).source
            record_id = source.id if source else None
        return Place(pane, record_id, self.actor_filter, self.kind_filter, self.query_one(SourceView).emphasis)

    def _restore(self, place: Place) -> None:
        """Put the screen back as it was at a place."""
        if place.kind_filter != self.kind_filter:
            self._set_kind(place.kind_filter)
        if place.actor_filter != self.actor_filter:
            self._set_actor_filter(place.actor_filter)
        record = self.dossier.get(place.record_id) if place.record_id else None
        if isinstance(record, Actor):
            self.query_one("#actors", RecordList).select(record.id)
            self._select_actor(record.id, span=place.span)
        elif isinstance(record, Event):
            self.query_one("#events", RecordList).select(record.id)
            self._select_event(record.id, span=place.span)
        elif isinstance(record, Source):
            self._show_source(record.id, place.span)
            self._show_source_detail(record)
        self.action_focus_pane(place.pane)
        self.refresh_bindings()  # back/forward are dimmed when there is nowhere to go

    def action_back(self) -> None:
        """Go back to the previous place."""
        self._settle_highlight()
        self.history.update(self._place())
        place = self.history.back()
        if place is not None:
            self._restore(place)

    def action_forward(self) -> None:
        """Go forward again after going back."""
        self._settle_highlight()
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
        if action in ("export", "preview", "search", "cycle_kind", "walk") and self.dossier is None:
            return None
        return True

    # --- filters ---------------------------------------------------------------------------

    def _set_kind(self, kind: str | None) -> None:
        """Show only actors of one kind (None: all), keeping the cursor's actor when listed."""
        self.kind_filter = kind
        actors = self.query_one("#actors", RecordList)
        actors.set_rows(self._actor_ids(), select=actors.current_id)
        self._set_pane_titles()

    def _set_actor_filter(self, actor_id: str | None) -> None:
        """Show one actor's events (None: the whole timeline)."""
        self.actor_filter = actor_id
        events = self.query_one("#events", RecordList)
        events.set_rows(self._event_ids(), select=self.selected_event or events.current_id)
        if actor_id is None and not self.walk_is_hits:
            self._set_walk([], "")
        self._set_pane_titles()

    def action_cycle_kind(self) -> None:
        """Cycle the Actors pane through person, organization, place, group and all."""
        self._settle_highlight()
        order: list[str | None] = [*ACTOR_KINDS, None]
        self._set_kind(order[(order.index(self.kind_filter) + 1) % len(order)])
        self.history.update(self._place())

    def action_clear_layer(self) -> None:
        """Escape closes one layer: search hits, then the actor filter, then the kind filter; never quits."""
        self._settle_highlight()
        if self.walk_is_hits:
            self._set_walk([], "")
            if self.actor_filter and (actor := self.dossier.actors.get(self.actor_filter)):
                mentions = self.dossier.mentions_of(actor.id)
                self._set_walk(MentionWalk(mentions), f"mention of {one_line(actor.name)}")
        elif self.actor_filter:
            self._set_actor_filter(None)
        elif self.kind_filter:
            self._set_kind(None)
        self.history.update(self._place())

    # --- the n/N walk ----------------------------------------------------------------------

    @property
    def walk_label(self) -> str:
        """What n/N step through and where in it the user is, for the Source pane title."""
        if not self.walk:
            return ""
        position = f"{self.walk_index + 1}/{len(self.walk)}" if self.walk_index >= 0 else str(len(self.walk))
        return f"{self.walk_name} {position} · n/N"

    def _set_walk(self, targets: Sequence[Target], name: str, *, hits: bool = False, index: int = -1) -> None:
        """Set what n/N step through."""
        self.walk = targets
        self.walk_name = name
        self.walk_is_hits = hits
        self.walk_index = index
        self._set_pane_titles()

    def _sync_walk_to(self, span: Span) -> None:
        """Point the walk at a mention shown by other means (selection, history)."""
        if isinstance(self.walk, MentionWalk):
            index = self.walk.position_of(span)
        else:
            index = next((i for i, t in enumerate(self.walk) if t.span == span and t.record_id is None), None)
        if index is not None:
            self.walk_index = index
            self._set_pane_titles()

    def set_search_walk(self, targets: list[Target], query: str, index: int) -> None:
        """After a search: n/N step through its hits, starting at the one opened."""
        self._set_walk(targets, f"hit for “{one_line(query)}”", hits=True, index=index)

    def action_walk(self, step: int) -> None:
        """Step to the next (or previous) search hit or mention of the selected actor."""
        self._settle_highlight()
        if not self.walk:
            self.notify("Nothing to step through: select an actor or search with /", severity="warning", markup=False)
            return
        index = (self.walk_index + step) % len(self.walk)
        target = self.walk[index]
        if target.record_id:
            self.open_record(target.record_id, span=target.span)
        elif target.span is not None and self.walk_is_hits:
            self.history.update(self._place())
            self._show_source(target.span.source, target.span)
            self.history.visit(self._place())
            self.refresh_bindings()  # back/forward are dimmed when there is nowhere to go
        elif target.span is not None:
            self._show_source(target.span.source, target.span)
        self.walk_index = index
        self._set_pane_titles()

    # --- panes -----------------------------------------------------------------------------

    def _focused_pane(self) -> str | None:
        """The name of the focused pane, if a pane has focus."""
        focused = self.focused
        if isinstance(focused, RecordList):  # the Detail links are a RecordList of pane "detail"
            return focused.pane
        if isinstance(focused, SourceView):
            return "source"
        return None

    def action_focus_pane(self, pane: str) -> None:
        """Focus one pane by name."""
        self._settle_highlight()
        target = {"actors": "#actors", "events": "#events", "source": "#source", "detail": "#detail-links"}[pane]
        self.query_one(target).focus()

    def action_cycle_pane(self, step: int) -> None:
        """Move focus to the next (or previous) pane."""
        self._settle_highlight()
        current = self._focused_pane() or "actors"
        self.action_focus_pane(PANES[(PANES.index(current) + step) % len(PANES)])

    # --- search, export, preview, help -----------------------------------------------------

    def action_search(self) -> None:
        """Open the search overlay."""
        self._settle_highlight()
        from dossier.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.dossier), self._search_done)

    def _search_done(self, outcome: Any) -> None:
        """Open the hit chosen in the search overlay and let n/N walk the rest."""
        if not outcome:
            return
        targets, index, query = outcome
        target = targets[index]
        self.open_record(target.record_id, span=target.span)
        self.set_search_walk(targets, query, index)

    def selected_record(self) -> Actor | Event | Source | None:
        """The record export and preview act on: the focused pane's (in Detail, the record described)."""
        pane = self._focused_pane()
        if pane == "source":
            return self.query_one(SourceView).source
        if pane == "detail":
            return self.dossier.get(self.detail_record_id) if self.detail_record_id else None
        if pane == "events":
            record_id = self.query_one("#events", RecordList).current_id
        else:
            record_id = self.query_one("#actors", RecordList).current_id
        return self.dossier.get(record_id) if record_id else None

    def action_export(self) -> None:
        """Ask where to export the selected record (default: exports/ beside the dossier)."""
        self._settle_highlight()
        record = self.selected_record()
        if record is None:
            self.notify("Nothing selected to export", severity="warning", markup=False)
            return
        from dossier.tui.screens.export import ExportPrompt

        default = self.db_path.parent / "exports"
        self.app.push_screen(ExportPrompt(str(default)), lambda answer: self._export_to(record, answer))

    def _export_to(self, record: Actor | Event | Source, answer: str | None, *, overwrite: bool = False) -> None:
        """Export to the answered folder or .md file (in a worker; exports of big actors take a while)."""
        if answer:
            self._write_export(record, Path(answer).expanduser(), overwrite)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _write_export(self, record: Actor | Event | Source, target: Path, overwrite: bool) -> None:
        """Write the export, asking before replacing a file and saying where it went."""
        from dossier.store.export import ExportExists, write_export

        try:
            written = write_export(self.dossier, record, target, overwrite=overwrite)
        except ExportExists as exists:
            self.app.call_from_thread(self._confirm_overwrite, record, target, exists.path)
            return
        except OSError as error:
            self.app.call_from_thread(
                self.notify, one_line(f"Export failed: {error}"), severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, one_line(f"Exported to {written}"), title="Export", markup=False)

    def _confirm_overwrite(self, record: Actor | Event | Source, target: Path, existing: Path) -> None:
        """Ask before replacing an existing export file; export again with overwrite if yes."""
        from dossier.tui.screens.export import ConfirmOverwrite

        self.app.push_screen(
            ConfirmOverwrite(existing), lambda yes: self._write_export(record, target, True) if yes else None
        )

    def action_preview(self) -> None:
        """Preview the selected record's Markdown export."""
        self._settle_highlight()
        record = self.selected_record()
        if record is None:
            self.notify("Nothing selected to preview", severity="warning", markup=False)
            return
        from dossier.tui.screens.preview import PreviewScreen

        self.app.push_screen(PreviewScreen(self.dossier, record), self._preview_done)

    def _preview_done(self, record_id: str | None) -> None:
        """Open the record whose link was followed in the preview, if any."""
        if record_id:
            self.open_record(record_id)

    def action_help(self) -> None:
        """Show every key, by pane."""
        from dossier.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
