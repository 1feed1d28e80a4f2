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
from dossier.store.curation.review import Suggestion, suggestions
from dossier.store.records import Actor
from dossier.tui.sanitize import one_line
from dossier.tui.screens.review import ReviewItem, ReviewScreen

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

QUEUE_LENGTH = 50
"""How many suggestions one pass of the queue holds (the next pass computes more)."""

FIRST_SHOWN = 3
"""How many suggestions are shown before the sides of the rest are read."""


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
        self.shown: list[ReviewItem] = []
        """The queue on screen (what is left of it is shown at once after a decision)."""
        self.generation = 0
        """Counts the workers started: only the newest one's queue is shown."""
        self._computed: tuple[object, object, list[ReviewItem]] | None = None
        """The last queue computed, with the curated view and state it was computed from."""

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
        self.generation += 1
        self.screen.run_worker(
            partial(self._work, operation, self.generation),
            name="review", group="review", thread=True, exclusive=True, exit_on_error=False,
        )

    def _work(self, operation: Operation | None, generation: int) -> None:
        """In the worker: apply and save the edit, show what is left of the queue at once, then the
        queue computed anew (the rules read every actor: seconds on a large dossier)."""
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
                left = [item for item in self.shown if not item.suggestion.pair & set(operation.actor_ids())]
                app.call_from_thread(self._show, left, notice, True, generation)
        curated = self.dossier.curation
        version = (curated, curated.state)  # both are replaced whenever an edit, undo or re-read changes records
        computed = self._computed
        if operation is None and computed is not None and computed[0] is version[0] and computed[1] is version[1]:
            app.call_from_thread(self._show, computed[2], None, False, generation)  # nothing changed since
            return
        try:
            found = suggestions(self.dossier, limit=QUEUE_LENGTH, skip=self.skipped)
            queue = [self._item(s) for s in found[:FIRST_SHOWN]]
            if operation is None:  # the first suggestions, while the rest of the queue is read
                app.call_from_thread(self._show, queue, None, False, generation)
            queue += [self._item(s) for s in found[FIRST_SHOWN:]]
        except (RuntimeError, LookupError):
            if generation != self.generation:
                return  # a newer decision changed the records this pass was reading: its queue counts
            raise
        self._computed = (*version, queue)
        app.call_from_thread(self._show, queue, None, False, generation)

    def _item(self, suggestion: Suggestion) -> ReviewItem:
        """A suggestion with both sides read from the dossier."""
        return ReviewItem(suggestion, actor_side(self.dossier, suggestion.first), actor_side(self.dossier, suggestion.second))

    def _describe(self, operation: Operation) -> str:
        """What an applied decision did, in a sentence."""
        records = [self.dossier.machine_record(actor_id) for actor_id in operation.actor_ids()]
        names = [f"'{record.name}'" for record in records if isinstance(record, Actor)]
        if isinstance(operation, Merge):
            return f"Merged {', '.join(names[1:])} into {names[0]}."
        return f"Marked {' and '.join(names)} not the same."

    def _show(self, queue: list[ReviewItem], notice: str | None, changed: bool, generation: int) -> None:
        """On the UI thread: list the records again after an edit, and show the queue if still open
        (a queue computed for an earlier decision is dropped; the suggestion on screen stays first)."""
        if changed:
            self.refresh.records_changed()
        if generation != self.generation:
            return
        overlay = self.overlay
        if overlay is not None and overlay.is_attached:
            current = overlay.current
            if notice is None and current is not None and not overlay.busy:
                pairs = [item.suggestion.pair for item in queue]
                if current.suggestion.pair in pairs:  # never swap the pair the analyst is reading
                    queue = [current, *(item for item in queue if item.suggestion.pair != current.suggestion.pair)]
                notice = overlay.notice
            queue = [item for item in queue if item.suggestion.pair not in self.skipped]
            self.shown = queue
            overlay.show(queue, notice)
        elif notice:
            self.screen.notify(one_line(notice), title="Review", markup=False)
