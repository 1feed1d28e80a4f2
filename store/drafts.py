"""What ingest hands the store for one document, before actors get dossier-wide ids.

Ingest resolves names inside one document (surname -> full name, variants, roles);
the store then merges each draft actor into an existing actor sharing a match key
and a compatible kind, or creates a new one, and rewrites event links to actor ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dossier.store.records import Role, Source, Span


@dataclass(slots=True)
class ActorDraft:
    """One actor as one document knows it; ``key`` is unique within the document."""

    key: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    match_keys: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EventDraft:
    """One event from one sentence; actors and place refer to ``ActorDraft.key``."""

    date: str | None
    kind: str
    title: str
    until: str | None = None
    actor_keys: list[str] = field(default_factory=list)
    place_key: str | None = None
    evidence: list[Span] = field(default_factory=list)
    when: Span | None = None


@dataclass(slots=True)
class StatementDraft:
    """One statement from one document; ``speaker_key`` is an ``ActorDraft.key`` or None."""

    speaker_key: str | None
    speaker_text: str
    speaker_by: str | None
    verb: str
    direct: bool
    content: Span
    evidence: list[Span] = field(default_factory=list)
    date: str | None = None
    kind: str = "statement"


@dataclass(slots=True)
class ExtractedDocument:
    """A source ready to store, with the actors, events and statements extracted from it."""

    source: Source
    actors: list[ActorDraft] = field(default_factory=list)
    events: list[EventDraft] = field(default_factory=list)
    statements: list[StatementDraft] = field(default_factory=list)
