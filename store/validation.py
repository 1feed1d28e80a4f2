"""What the store refuses to take in: documents and edited records whose spans leave their text
or whose links point at records that do not exist (``ValueError``, changing nothing)."""

from __future__ import annotations

from collections.abc import Callable, Container

from dossier.store.drafts import ExtractedDocument
from dossier.store.records import Actor, Event, Role, Source, Span

TextLength = Callable[[str], int | None]
"""Source id -> the length of its text, or None when there is no such source."""


def check_document(extracted: ExtractedDocument, source_id: str) -> None:
    """Reject a document whose spans leave its text or whose events or statements link to unknown actors."""
    length = len(extracted.source.text)

    def check(span: Span, what: str) -> None:
        """Reject a span of another source or outside this text."""
        if span.source != source_id:
            raise ValueError(f"{what} points at source {span.source!r}, not {source_id!r}")
        _check_bounds(span, length, what)

    keys = set()
    for actor in extracted.actors:
        if actor.key in keys:
            raise ValueError(f"two actor drafts share the key {actor.key!r}")
        keys.add(actor.key)
        for span in actor.mentions:
            check(span, f"a mention of {actor.name!r}")
        for role in actor.roles:
            if not isinstance(role, Role):
                raise ValueError(f"a role of {actor.name!r} is not a Role")
            check(role.evidence, f"the role {role.role!r} of {actor.name!r}")
    for event in extracted.events:
        if not event.evidence:
            raise ValueError(f"the event {event.title!r} has no evidence span")
        for span in event.evidence:
            check(span, f"evidence of the event {event.title!r}")
        if event.when is not None:
            check(event.when, f"the date of the event {event.title!r}")
        for key in [*event.actor_keys, *([event.place_key] if event.place_key else [])]:
            if key not in keys:
                raise ValueError(f"the event {event.title!r} links to unknown actor {key!r}")
    for statement in extracted.statements:
        if not statement.evidence:
            raise ValueError("a statement has no evidence span")
        for span in [statement.content, *statement.evidence]:
            check(span, "a span of a statement")
        if statement.speaker_key is not None and statement.speaker_key not in keys:
            raise ValueError(f"a statement's speaker is the unknown actor {statement.speaker_key!r}")
    _check_furniture(extracted.source, length)


def check_source_edit(edited: Source, stored: Source) -> None:
    """Reject a source edit that changes its text or content hash (every span indexes that text)."""
    if edited.text != stored.text or edited.content_hash != stored.content_hash:
        raise ValueError(f"the text of source {edited.id!r} cannot change: its mentions and evidence index it")
    _check_furniture(edited, len(edited.text))


def check_actor_edit(actor: Actor, text_length: TextLength) -> None:
    """Reject an edited actor without a name, or with a mention or role outside a stored source."""
    if not actor.name.strip():
        raise ValueError(f"the actor {actor.id!r} needs a name")
    for span in actor.mentions:
        _check_span(span, text_length, f"a mention of {actor.name!r}")
    for role in actor.roles:
        _check_span(role.evidence, text_length, f"the role {role.role!r} of {actor.name!r}")


def check_event_edit(event: Event, text_length: TextLength, actor_ids: Container[str]) -> None:
    """Reject an edited event without evidence, with a span outside a stored source, or linking an unknown actor."""
    if not event.evidence:
        raise ValueError(f"the event {event.title!r} has no evidence span")
    for span in [*event.evidence, *([event.when] if event.when else [])]:
        _check_span(span, text_length, f"a span of the event {event.title!r}")
    for actor_id in [*event.actors, *([event.place] if event.place else [])]:
        if actor_id not in actor_ids:
            raise ValueError(f"the event {event.title!r} links to unknown actor {actor_id!r}")


def _check_span(span: Span, text_length: TextLength, what: str) -> None:
    """Reject a span whose source is unknown or whose offsets leave that source's text."""
    length = text_length(span.source)
    if length is None:
        raise ValueError(f"{what} points at unknown source {span.source!r}")
    _check_bounds(span, length, what)


def _check_bounds(span: Span, length: int, what: str) -> None:
    """Reject a span outside ``[0, length]``."""
    if not 0 <= span.start <= span.end <= length:
        raise ValueError(f"{what} [{span.start}:{span.end}] is outside the text (length {length})")


def _check_furniture(source: Source, length: int) -> None:
    """Reject furniture ranges outside the source's text."""
    for start, end in source.furniture:
        if not 0 <= start <= end <= length:
            raise ValueError(f"furniture [{start}:{end}] is outside the text (length {length})")
