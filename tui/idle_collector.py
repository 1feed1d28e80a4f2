"""The cyclic garbage collector's passes made between keys, not in the middle of one.

Once the dossier's records are frozen (``gc.freeze()``), the objects the collector still scans
are the UI's: 30,000-60,000 drawn strips, their caches and Textual's messages. CPython makes a
full pass over them whenever a quarter of them is new since the last one, which a view's key
(about 7,000 new objects) reaches every second or third key; on the big heap of a full dossier
a pass costs 20-50 ms of CPU, so it landed in one key of two (measured on the timeline key of a
5,000-article dossier). The young passes add up too: an edit's key allocates enough for 14
(a rename) to 28 (a merge of the top actor, whose re-derived events survive into the older
generation) passes, 6-20 ms of its CPU at full size. The app raises CPython's triggers (young
fifty-fold, full tenfold) as a backstop for keys held down, and makes each pass itself once it is
due by CPython's own counts, no key or click came for a moment and the app is not busy with the
last one (an edit's worker, a repaint waiting): in the pause a person leaves between two keys.
A key whose work outlasts the moment (the top merge at full size) otherwise took a pass inside it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

CHECK_SECONDS = 0.05
"""How often the app looks whether a pass is due and the user paused."""
QUIET_SECONDS = 0.1
"""How long since the last key or click counts as a pause."""
YOUNG_PASS_DUE = 700
"""New objects after which a pass over the youngest generation is due (CPython's own default)."""
MIDDLE_PASS_DUE = 10
"""Young passes after which a pass over the middle generation is due (CPython's own default)."""
FULL_PASS_DUE = 10
"""Middle passes after which a full pass is due (CPython's own default)."""
YOUNG_BACKSTOP = 50 * YOUNG_PASS_DUE
"""CPython's trigger for a young pass while the app runs (keys held down never pause)."""
BACKSTOP = 10 * FULL_PASS_DUE
"""CPython's trigger for a full pass while the app runs."""


class IdleCollector:
    """Makes the collector's passes in the user's pauses; CPython makes them only as a backstop."""

    def __init__(self, busy: Callable[[], bool] = lambda: False) -> None:
        """Not yet in charge (``start``); ``busy`` says whether the app is still working on a key."""
        self.last_input = time.monotonic()
        self._busy = busy
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Take over the passes (CPython's young and full triggers raised to the backstops)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            _young, middle, _full = self._thresholds
            gc.set_threshold(YOUNG_BACKSTOP, middle, BACKSTOP)

    def stop(self) -> None:
        """Give the passes back to CPython as it was."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        """A key or a click came: not a pause."""
        self.last_input = time.monotonic()

    def collect_if_due(self) -> bool:
        """Make the oldest pass that is due, if the user paused and the app is idle; whether one was
        made (one per check: a long pause catches up check by check)."""
        if self._thresholds is None or not gc.isenabled():
            return False  # not in charge, or a bulk load paused collection
        young, middle, full = gc.get_count()
        if full >= FULL_PASS_DUE:
            generation = 2
        elif middle >= MIDDLE_PASS_DUE:
            generation = 1
        elif young >= YOUNG_PASS_DUE:
            generation = 0
        else:
            return False  # not due
        if time.monotonic() - self.last_input < QUIET_SECONDS or self._busy():
            return False
        gc.collect(generation)
        return True
