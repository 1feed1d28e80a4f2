"""Messages about opening the dossier, posted by the app's loader to the main screen.

Messages a widget sends are nested in that widget (``RecordList.Chosen``, ``Detail.LinkChosen``);
these come from no widget, so they live here, below every screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from dossier.tui.navigation import Pane
from dossier.tui.rows import Rows

if TYPE_CHECKING:  # the store's facade loads in the loader's thread, not before the first paint
    from dossier.store.dossier import Dossier

Listings = dict[tuple[Pane, str | None], Rows]
"""Prepared rows by (pane, filter): all actors (or one kind's), the whole timeline."""


@dataclass
class BuildProgress(Message):
    """The first-use build from the seeds advanced by one file (a newer one supersedes it)."""

    done: int
    total: int
    current: str

    def can_replace(self, message: Message) -> bool:
        """A queued progress report is stale once a later one arrives."""
        return isinstance(message, BuildProgress)


@dataclass
class DossierReady(Message):
    """The dossier is open (and built, if it had to be); the screen can fill its panes.

    ``listings`` holds the big lists built off the UI thread; ``first_source`` is shown first.
    """

    dossier: Dossier
    listings: Listings
    first_source: str | None


@dataclass
class DossierFailed(Message):
    """Opening or building the dossier failed; the reason is shown to the user.

    ``stale``: it was a newer version written by another process that could not be read; the
    version already shown stays.
    """

    reason: str
    stale: bool = False
