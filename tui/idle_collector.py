"""Full passes of the cyclic garbage collector between keys, not in the middle of one.

Once the dossier's records are frozen (``gc.freeze()``), the objects the collector still scans
are the UI's: 30,000-60,000 drawn strips, their caches and Textual's messages. CPython makes a
full pass over them whenever a quarter of them is new since the last one, which a view's key
(about 7,000 new objects) reaches every second or third key; on the big heap of a full dossier
a pass costs 20-50 ms of CPU, so it landed in one key of two (measured on the timeline key of a
5,000-article dossier). The app raises CPython's own trigger tenfold, as a backstop for keys held
down, and makes the pass itself once it is due by CPython's count and no key or click came for a
moment: in the pause a person leaves between two keys.
"""

from __future__ import annotations

import gc
import time

CHECK_SECONDS = 0.05
"""How often the app looks whether a full pass is due and the user paused."""
QUIET_SECONDS = 0.1
"""How long since the last key or click counts as a pause."""
FULL_PASS_DUE = 10
"""Passes over the younger generation after which a full pass is due (CPython's own default)."""
BACKSTOP = 10 * FULL_PASS_DUE
"""CPython's trigger for a full pass while the app runs (keys held down never pause)."""


class IdleCollector:
    """Makes the collector's full passes in the user's pauses; CPython makes them only as a backstop."""

    def __init__(self) -> None:
        """Not yet in charge (``start``)."""
        self.last_input = time.monotonic()
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Take over the full passes (CPython's trigger raised to the backstop)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _full = self._thresholds
            gc.set_threshold(young, middle, BACKSTOP)

    def stop(self) -> None:
        """Give the full passes back to CPython as it was."""
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        """A key or a click came: not a pause."""
        self.last_input = time.monotonic()

    def collect_if_due(self) -> bool:
        """Make a full pass if one is due and the user paused; whether it was made."""
        if self._thresholds is None or not gc.isenabled() or gc.get_count()[2] < FULL_PASS_DUE:
            return False  # not in charge, or a bulk load paused collection, or not due
        if time.monotonic() - self.last_input < QUIET_SECONDS:
            return False
        gc.collect()
        return True
