"""The views flow of the main screen: open the timeline, connections, chains and sources views,
and act on what they close with — a record to open, a time bucket to filter Events to, or back.

Each view is a modal screen that knows nothing of the main screen; this flow builds it from a
``ViewPlace`` (fresh, or one kept in history, so back/forward reopen a view where it stood) and
records that place in history before following the view's choice. The timeline, connections and
chains screens are made once and kept (installed in the app) while the dossier is the same:
reopening one costs a repaint, not a compose, a stylesheet pass and two resizes (about half of
opening the view at 160x48). A timeline whose dates are at hand is charted before the view is
shown, so opening it paints once rather than twice (an empty chart, then the chart).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.screen import Screen

from dossier.store.timeline import event_dates, kept_mention_dates, mention_dates
from dossier.tui.navigation import Pane, ViewOutcome, ViewPlace
from dossier.tui.presenters import keeps
from dossier.tui.sanitize import one_line
from dossier.tui.screens.chains import ChainsScreen, PickActor
from dossier.tui.screens.connections import ConnectionsScreen
from dossier.tui.screens.panes import PanesScreen
from dossier.tui.screens.sources import SourcesScreen
from dossier.tui.screens.timeline import TimelineData, TimelineScreen

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

OpenRecord = Callable[..., None]
"""The main screen's ``open_record(record_id, span=...)``: a new place in history."""
TIMELINES_KEPT = 16
"""Timelines kept for reopening (by subject, for one revision of the dossier)."""


def timeline_data(dossier: Dossier, subject: tuple[str, ...]) -> TimelineData:
    """The dates the timeline charts for a filter (actor id, mark filter, actor kind; "" for none):
    that actor's events and mentions, or the whole timeline's events, kept by the mark and kind."""
    actor_id, mark, kind = (*subject, "", "", "")[:3]
    event_ids = dossier.timeline_ids(actor_id or None) if not actor_id or actor_id in dossier.actors else []
    if mark and mark != "hidden":
        event_ids = [e for e in event_ids if keeps(dossier, mark, e)]
    if kind and not actor_id:
        event_ids = [e for e in event_ids
                     if any(a in dossier.actors and dossier.actors.kind(a) == kind for a in dossier.events.links(e).actor_ids)]
    name = one_line(dossier.actor_brief(actor_id)[0]) if actor_id in dossier.actors else "the whole dossier"
    title = " · ".join([name, *([f"{kind}s"] if kind and not actor_id else []), *([one_line(mark)] if mark else [])])
    mentions = mention_dates(dossier, actor_id) if actor_id in dossier.actors else None
    return TimelineData(title, event_dates(dossier, event_ids), mentions)


class ViewsFlow:
    """Opens the views over a panes screen and follows what they close with."""

    def __init__(self, screen: PanesScreen, open_record: OpenRecord, go_back: Callable[[], None]) -> None:
        """Open views over ``screen``; follow records with ``open_record``; go back with ``go_back``."""
        self.screen = screen
        self.open_record = open_record
        self.go_back = go_back
        self._kept: dict[str, TimelineScreen | ConnectionsScreen | ChainsScreen] = {}
        self._kept_for: Dossier | None = None
        self._timelines: dict[tuple[str, ...], tuple[int, TimelineData]] = {}
        """Timelines gathered before, by subject: the dossier's revision they were read at, the dates."""

    def timeline(self) -> None:
        """The timeline of what Events lists: the selected actor's, with the mark and kind filters."""
        screen = self.screen
        subject = (screen.actor_filter or "", screen.mark_filter or "", screen.kind_filter or "")
        self.open(ViewPlace("timeline", subject))

    def connections(self) -> None:
        """The connections of the selected actor."""
        actor_id = self._selected_actor()
        if actor_id is not None:
            self.open(ViewPlace("connections", (actor_id,)))

    def sources(self) -> None:
        """The list of sources."""
        self.open(ViewPlace("sources"))

    def connect(self) -> None:
        """Ask for a second actor, then show how the selected actor and it are connected."""
        first = self._selected_actor()
        dossier = self.screen.dossier
        if first is None or dossier is None:
            return
        question = f"Connect {one_line(dossier.actor_brief(first)[0])} with which actor?"

        def chosen(second: str | None) -> None:
            """Open the chains once the second actor is picked."""
            if second is not None:
                self.open(ViewPlace("chains", (first, second)))

        self.screen.app.push_screen(PickActor(dossier, question), chosen)

    def _selected_actor(self) -> str | None:
        """The actor whose events are listed (the selected one), or None after saying to select one."""
        actor_id = self.screen.actor_filter
        if actor_id is None:
            self.screen.notify("Select an actor first", severity="warning", markup=False)
        return actor_id

    def open(self, place: ViewPlace) -> None:
        """Open the view a place names (fresh, or from history where it stood)."""
        dossier = self.screen.dossier
        if dossier is None:
            return
        view = self._view(dossier, place)
        if view is not None:
            self.screen.view_place = place
            self.screen.app.push_screen(view, self._done)

    def _view(self, dossier: Dossier, place: ViewPlace) -> Screen[ViewOutcome | None] | None:
        """The screen of a view, at a place (a kept one reopened there, where there is one)."""
        if self._kept_for is not dossier:
            self._forget_kept()
            self._kept_for = dossier
        kept = self._kept.get(place.view)
        if place.view == "timeline":
            load = partial(self._gather_timeline, dossier, place.subject)
            data = self._timeline_at_hand(dossier, place.subject)
            if isinstance(kept, TimelineScreen):
                kept.reopen(load, place, data)
                return kept
            return self._keep(place.view, TimelineScreen(load, place, data))
        if place.view == "connections" and place.subject and place.subject[0] in dossier.actors:
            if isinstance(kept, ConnectionsScreen):
                kept.reopen(place)
                return kept
            return self._keep(place.view, ConnectionsScreen(dossier, place))
        if place.view == "chains" and all(a in dossier.actors for a in place.subject):
            if isinstance(kept, ChainsScreen):
                kept.reopen(place)
                return kept
            return self._keep(place.view, ChainsScreen(dossier, place))
        if place.view == "sources":
            return SourcesScreen(dossier, place)
        return None

    def _timeline_at_hand(self, dossier: Dossier, subject: tuple[str, ...]) -> TimelineData | None:
        """A timeline's dates when reading them costs less than painting the view twice: kept from an
        opening at this revision, or an actor's whose mentions' dates are kept (the selected actor's:
        Detail's sparkline read them, the Events pane sorted its events; 2 ms for the top actor of the
        full corpus); else None (gathered in the view's worker)."""
        kept = self._timelines.get(subject)
        if kept is not None and kept[0] == dossier.revision:
            return kept[1]
        actor_id = subject[0] if subject else ""
        if actor_id in dossier.actors and kept_mention_dates(dossier, actor_id) is not None:
            return self._gather_timeline(dossier, subject)
        return None

    def _gather_timeline(self, dossier: Dossier, subject: tuple[str, ...]) -> TimelineData:
        """A timeline's dates, kept for the dossier's revision (read first: a change meanwhile leaves them unused)."""
        revision = dossier.revision
        data = timeline_data(dossier, subject)
        if len(self._timelines) >= TIMELINES_KEPT:
            self._timelines.pop(next(iter(self._timelines)), None)
        self._timelines[subject] = (revision, data)
        return data

    def _keep(self, view: str, screen: TimelineScreen | ConnectionsScreen | ChainsScreen) -> Screen[ViewOutcome | None]:
        """Install a view's new screen in the app so that closing it keeps it for the next opening."""
        self.screen.app.install_screen(screen, f"view-{view}")
        self._kept[view] = screen
        return screen

    def _forget_kept(self) -> None:
        """Let the kept screens and timelines go (they read another dossier)."""
        self._timelines.clear()
        app = self.screen.app
        for view in list(self._kept):
            if self._kept[view] not in app.screen_stack:
                app.uninstall_screen(f"view-{view}")
            del self._kept[view]

    def _done(self, outcome: ViewOutcome | None) -> None:
        """Follow what the view closed with; the view's place goes into history first."""
        screen = self.screen
        if outcome is None or outcome.back:
            screen.view_place = None
            if outcome is not None:
                self.go_back()
            return
        screen.view_place = outcome.place
        if outcome.bucket is not None:
            self._filter_to(outcome.bucket)
        elif outcome.record_id is not None:
            self.open_record(outcome.record_id, span=outcome.span)  # it records the view's place as the one left
        screen.view_place = None

    def _filter_to(self, bucket: tuple[str, str]) -> None:
        """List only the events of one time bucket, as a new place in history."""
        screen = self.screen
        screen.history.update(screen.current_place())
        screen.view_place = None
        screen.date_filter = bucket
        screen.action_focus_pane(Pane.EVENTS)
        screen.history.visit(screen.current_place())
        screen.refresh_bindings()
