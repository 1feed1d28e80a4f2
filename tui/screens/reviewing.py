"""The review flow of the main screen: open the queue, apply each decision in a worker, refresh, show the next.

Suggestions and both sides of each are computed in a worker thread (the rules read every
actor); an applied edit is saved before the queue moves on, and the main screen lists the
curated records again. Skips last for the session: the flow remembers them while the app runs.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING, Protocol

from textual.screen import Screen

from dossier.store.curation.evidence import actor_side
from dossier.store.curation.operations import Merge, Operation
from dossier.store.curation.review import suggestions
from dossier.store.records import Actor
from dossier.tui.sanitize import one_line
from dossier.tui.screens.review import ReviewItem, ReviewScreen

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

QUEUE_LENGTH = 50
"""How many suggestions one pass of the queue holds (the next pass computes more)."""


class Refreshable(Protocol):
    """A screen that lists the dossier's records and can list them again after an edit."""

    edit_lock: threading.Lock
    """Held while an edit is applied and saved, so that edits and re-reads of the file take turns."""

    def records_changed(self) -> None:
        """List the curated records again (an edit changed them)."""


class ReviewFlow:
    """Runs the review queue for one dossier on behalf of a screen (which lists records and shows notices)."""

    def __init__(self, screen: Screen[None], dossier: Dossier, refresh: Refreshable) -> None:
        """Review ``dossier``, opening the overlay from ``screen`` and telling ``refresh`` after each edit."""
        self.screen = screen
        self.dossier = dossier
        self.refresh = refresh
        self.skipped: set[frozenset[str]] = set()
        self.overlay: ReviewScreen | None = None

    def start(self) -> None:
        """Open the overlay (loading) and compute the queue in a worker."""
        self.overlay = ReviewScreen(self._decide)
        self.screen.app.push_screen(self.overlay, lambda _: self._closed())
        self._run(None)

    def _closed(self) -> None:
        """The overlay was closed: decisions still running report to the main screen only."""
        self.overlay = None

    def _decide(self, item: ReviewItem, operation: Operation | None) -> None:
        """Skip (remember the pair) or apply an operation in a worker, then show the refreshed queue."""
        if operation is None:
            self.skipped.add(item.suggestion.pair)
            return
        self._run(operation)

    def _run(self, operation: Operation | None) -> None:
        """Apply ``operation`` (if any) and compute the queue, in a worker thread."""
        self.screen.run_worker(
            partial(self._work, operation),
            name="review", group="review", thread=True, exclusive=True, exit_on_error=False,
        )

    def _work(self, operation: Operation | None) -> None:
        """In the worker: apply and save the edit, compute the queue, then hand both to the UI thread."""
        app = self.screen.app
        notice = None
        if operation is not None:
            try:
                with self.refresh.edit_lock:
                    self.dossier.apply(operation, reason="review queue")
            except (ValueError, OSError) as error:
                app.call_from_thread(self.screen.notify, one_line(f"Review: {error}"), severity="error", markup=False)
            else:
                notice = self._describe(operation)
        queue = self.queue()
        app.call_from_thread(self._show, queue, notice, operation is not None)

    def queue(self) -> list[ReviewItem]:
        """The suggestions now, without the skipped ones, each with both sides."""
        found = suggestions(self.dossier, limit=QUEUE_LENGTH, skip=self.skipped)
        return [ReviewItem(s, actor_side(self.dossier, s.first), actor_side(self.dossier, s.second)) for s in found]

    def _describe(self, operation: Operation) -> str:
        """What an applied decision did, in a sentence."""
        records = [self.dossier.machine_record(actor_id) for actor_id in operation.actor_ids()]
        names = [f"'{record.name}'" for record in records if isinstance(record, Actor)]
        if isinstance(operation, Merge):
            return f"Merged {', '.join(names[1:])} into {names[0]}."
        return f"Marked {' and '.join(names)} not the same."

    def _show(self, queue: list[ReviewItem], notice: str | None, changed: bool) -> None:
        """On the UI thread: list the records again after an edit, and show the queue if still open."""
        if changed:
            self.refresh.records_changed()
        if self.overlay is not None and self.overlay.is_attached:
            self.overlay.show(queue, notice)
        elif notice:
            self.screen.notify(one_line(notice), title="Review", markup=False)
