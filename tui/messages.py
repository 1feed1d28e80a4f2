"""Every message the dossier UI posts, as dataclasses: widgets state intent, the screen decides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class RowHighlighted(Message):
    """The cursor of a record list moved onto a record."""

    pane: str
    record_id: str


@dataclass
class RowChosen(Message):
    """The user pressed enter (or clicked) on a record in a list: follow it."""

    pane: str
    record_id: str


@dataclass
class MentionChosen(Message):
    """The user pressed enter on an actor mention in the source text."""

    actor_id: str


@dataclass
class LinkChosen(Message):
    """The user chose a record listed in the detail strip."""

    record_id: str


@dataclass
class BuildProgress(Message):
    """The first-start build from the seeds advanced by one file."""

    done: int
    total: int
    current: str


@dataclass
class DossierReady(Message):
    """The dossier is open (and built, if it had to be); the screen can fill its panes.

    ``listings`` holds the big lists (all actors, the whole timeline) built off the UI thread,
    keyed like ``MainScreen._listings``; ``first_source`` is the source to show first.
    """

    dossier: Any
    listings: dict[Any, Any]
    first_source: str | None


@dataclass
class DossierFailed(Message):
    """Opening or building the dossier failed; the reason is shown to the user."""

    reason: str


@dataclass
class SearchResultsReady(Message):
    """Search results for one query, computed off the UI thread."""

    query: str
    results: Any
