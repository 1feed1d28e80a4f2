"""The main screen: what the user does on the panes (keys, links, history, search, export).

Widgets announce intent through their nested messages; each action here sets the state of
``PanesScreen`` (filters, selection, walk) and the panes follow it.
"""

from __future__ import annotations

from pathlib import Path
from time import monotonic
from typing import ClassVar

from textual import on
from textual.actions import parse
from textual.binding import Binding, BindingType
from textual.timer import Timer

from dossier.store.records import ACTOR_KINDS, Actor, Event, Source, Span
from dossier.tui.navigation import Pane, Place, Target, Walk
from dossier.tui.presenters import follow_candidates
from dossier.tui.sanitize import one_line
from dossier.tui.screens.choose import ChooseActor
from dossier.tui.screens.curating import CURATION_ACTIONS, CURATION_BINDINGS, CuratingScreen
from dossier.tui.screens.exporting import ExportAllFlow, ExportFlow
from dossier.tui.screens.help import HelpScreen, help_sections
from dossier.tui.screens.reviewing import ReviewFlow
from dossier.tui.screens.search import SearchOutcome, SearchScreen
from dossier.tui.screens.statements import StatementsScreen, statement_row
from dossier.tui.screens.viewing import ViewsFlow
from dossier.tui.widgets.detail import Detail
from dossier.tui.widgets.record_list import RecordList
from dossier.tui.widgets.source_view import SourceView

# Cursor moves closer together than this are a held key: select only once they pause.
KEY_REPEAT_SECONDS = 0.08
# Actions that need an open dossier (shown dimmed until it is).
DATA_ACTIONS = (
    frozenset({"export", "export_all", "preview", "search", "cycle_kind", "walk", "review", "timeline", "connections", "connect", "sources", "statements"})
    | CURATION_ACTIONS
)


class MainScreen(CuratingScreen):
    """Three linked panes over one dossier, with history, search, export, preview and curation."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="Search actors, events, notes and source text (tag:NAME: a tag's records)"),
        Binding("n", "walk(1)", "Next", tooltip="Next search hit, or next mention of the selected actor"),
        Binding("N", "walk(-1)", "Prev", show=False, tooltip="Previous search hit or mention"),
        Binding("left_square_bracket,alt+left", "back", "Back", tooltip="Go back in history"),
        Binding("right_square_bracket,alt+right", "forward", "Fwd", tooltip="Go forward in history"),
        Binding("f", "cycle_kind", "Kind", tooltip="Show only persons, organizations, places, groups, or all"),
        Binding("e", "export", "Export", tooltip="Export the selected record as Markdown"),
        Binding("E", "export_all", "Export everything…", show=False, tooltip="Export the whole dossier: Markdown vault, graph, CSV tables or FollowTheMoney"),
        Binding("p", "preview", "Preview", tooltip="Preview the selected record's Markdown export"),
        Binding("V", "review", "Review queue", show=False, tooltip="Review likely duplicate actors: merge, not the same, or skip"),
        Binding("T", "timeline", "Timeline", show=False, tooltip="Chart the listed events (and the actor's mentions) over time"),
        Binding("c", "connections", "Connections", show=False, tooltip="Actors sharing events, sentences or sources with the selected actor"),
        Binding("C", "connect", "Connect two actors", show=False, tooltip="The shortest chains of shared events between the selected actor and another"),
        Binding("o", "sources", "Sources", show=False, tooltip="Browse the sources: sort by date or title, filter by publisher or read"),
        Binding("Q", "statements", "Said", show=False, tooltip="What the selected actor said, newest first (enter shows it in Source)"),
        Binding("escape", "clear_layer", "Clear", show=False, tooltip="Clear search hits, then the actor filter"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, priority=True),
        Binding("shift+tab", "cycle_pane(-1)", "Prev pane", show=False, priority=True),
        Binding("1", "focus_pane('actors')", "Actors", show=False),
        Binding("2", "focus_pane('events')", "Events", show=False),
        Binding("3", "focus_pane('source')", "Source", show=False),
        Binding("4", "focus_pane('detail')", "Detail", show=False),
        *CURATION_BINDINGS,
        Binding("question_mark,f1", "help", "Help", tooltip="List every key"),
    ]

    def __init__(self, db_path: Path, *, building: bool) -> None:
        """Show the dossier at ``db_path`` once the app has opened it (with build progress if ``building``)."""
        super().__init__(db_path, building=building)
        self._settling: Timer | None = None
        self._pending_highlight: tuple[Pane, str] | None = None
        self._last_highlight = 0.0
        self._review: ReviewFlow | None = None
        self.views = ViewsFlow(self, self.open_record, self.action_back)

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
        self.view_place = None  # a view left for this record stays in the place just recorded
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

    def _restore(self, place: Place) -> None:
        """Put the screen back as it was at a place."""
        self.kind_filter = place.kind_filter
        self.actor_filter = place.actor_filter
        self.date_filter = place.date_filter
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
        if place.view is not None:
            self.views.open(place.view)

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
        """Back/forward are shown dimmed when there is nowhere to go; data actions wait for data; no key
        of the screen acts while the inline prompt asks a question (its own keys do)."""
        if self.prompt_open:
            return False
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
        """Escape closes one layer: search hits, the mark filter (F), the time bucket, the actor filter, then the kind filter; never quits."""
        if self.walk.is_hits:
            actor = self.dossier.actors.get(self.actor_filter) if self.dossier and self.actor_filter else None
            self.walk = Walk()
            if self.dossier is not None and actor is not None:
                self.walk = Walk.of_mentions(self.dossier.mentions_of(actor.id), one_line(actor.name))
        elif self.mark_filter:
            self.mark_filter = None
        elif self.date_filter:
            self.date_filter = None
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

    def action_statements(self) -> None:
        """List what the selected actor (or the actor filtering the panes) said; enter follows one."""
        record = self.selected_record()
        actor_id = record.id if isinstance(record, Actor) else self.actor_filter
        if self.dossier is None or actor_id is None or actor_id not in self.dossier.actors:
            self.notify("Select an actor to see what they said", severity="warning", markup=False)
            return
        dossier = self.dossier
        statements = dossier.statements_of(actor_id)
        name = dossier.actors[actor_id].name
        if not statements:
            self.notify("No statements by " + one_line(name), markup=False)
            return
        rows = [
            statement_row(
                q,
                dossier.sources.text(q.content.source)[q.content.start : q.content.end],
                dossier.sources[q.content.source].title,
            )
            for q in statements
        ]

        def follow(index: int | None) -> None:
            """Show the chosen statement in Source; n/N then step through the others."""
            if index is None:
                return
            targets = [Target(span=q.content) for q in statements]
            self.walk = Walk(targets, f"statement of {one_line(name)}", is_hits=True, index=-1)
            self.action_walk(index + 1)
            self.action_focus_pane(Pane.SOURCE)

        self.app.push_screen(StatementsScreen(name, rows), follow)

    def action_export(self) -> None:
        """Ask where to export the selected record (default: exports/ beside the dossier)."""
        record = self.selected_record()
        if self.dossier is None or record is None:
            self.notify("Nothing selected to export", severity="warning", markup=False)
            return
        ExportFlow(self, self.dossier).start(record, self.db_path.parent / "exports")

    def action_export_all(self) -> None:
        """Ask where and how to export the whole dossier (default: vault/ beside the dossier), then export it."""
        if self.dossier is None:
            return
        if any(worker.group == "export-all" and worker.is_running for worker in self.workers):
            self.notify("An export of everything is already running", severity="warning", markup=False)
            return
        ExportAllFlow(self, self.dossier, self.edit_lock).start(self.db_path.parent / "vault")

    def action_preview(self) -> None:
        """Preview the selected record's Markdown export."""
        record = self.selected_record()
        if self.dossier is None or record is None:
            self.notify("Nothing selected to preview", severity="warning", markup=False)
            return
        from dossier.tui.screens.preview import PreviewScreen  # the Markdown widget loads on first use (~0.2 s)

        self.app.push_screen(PreviewScreen(self.dossier, record), self._open_chosen)

    def action_timeline(self) -> None:
        """Chart the listed events over time."""
        self.views.timeline()

    def action_connections(self) -> None:
        """Show who the selected actor is connected to, and through what."""
        self.views.connections()

    def action_connect(self) -> None:
        """Show how the selected actor and another are connected."""
        self.views.connect()

    def action_sources(self) -> None:
        """Browse the sources."""
        self.views.sources()

    def action_review(self) -> None:
        """Open the review queue of likely duplicate actors (skips are remembered while the app runs)."""
        if self.dossier is None:
            return
        if self._review is None or self._review.dossier is not self.dossier:
            self._review = ReviewFlow(self, self.dossier, self)
        self._review.start()

    def records_changed(self) -> None:
        """After a review decision: show the curated state (a merged record opens its survivor)."""
        self.show_curated(self.detail_record_id)

    def action_help(self) -> None:
        """Show the keys that are live now, by pane (dimmed ones count: the footer shows them too)."""

        def live(binding: Binding) -> bool:
            """Whether this screen offers the binding's action now."""
            _, name, parameters = parse(binding.action)
            return self.check_action(name, parameters) is not False

        self.app.push_screen(HelpScreen(help_sections(self.BINDINGS, live, self.app.BINDINGS)))
