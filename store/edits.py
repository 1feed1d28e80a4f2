"""Changing the records in memory: adding an extracted document, updating and deleting any record,
each applied to the record maps, the indexes and the list of changes the next save writes.

Every change also yields a replayable edit, so a change not yet saved can be applied again onto
a file another process saved meanwhile (``Dossier.reload``). An update replays as a rebase: only
the fields and list items it changed are applied to the newer record, so neither writer's work
is lost.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import TypeVar

from rapidfuzz import fuzz

from dossier.store.changes import PendingChanges
from dossier.store.drafts import ActorDraft, ExtractedDocument
from dossier.store.errors import RefNotFound
from dossier.store.indexes import Indexes
from dossier.store.merge_policy import (
    draft_keys,
    first_aliases,
    merge_target,
    new_actor_id,
    new_event_id,
    new_names,
    new_roles,
    new_statement_id,
    sha256_hex,
    source_id_for,
    winning_kind,
)
from dossier.store.names import match_keys
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import Actor, Event, Record, Role, Source, Statement
from dossier.store.schema import utc_now
from dossier.store.statements import StatementMap
from dossier.store.validation import check_actor_edit, check_document, check_event_edit, check_source_edit

R = TypeVar("R", Source, Actor, Event)
AnyRecord = TypeVar("AnyRecord", bound=Record)
SAME_HEADLINE = 90  # rapidfuzz token-set ratio above which two headlines of one day name one occurrence


@dataclass(frozen=True, slots=True)
class Update:
    """A pending update: the record before and after, to replay as a rebase onto a newer file."""

    before: Record
    after: Record


@dataclass(frozen=True, slots=True)
class Deletion:
    """A pending deletion of one record (its cascade is recomputed on replay)."""

    record_id: str


PendingEdit = ExtractedDocument | Update | Deletion
"""One change not yet saved, in the form it is replayed."""


class RecordEditor:
    """Applies additions, updates and deletions to one loaded dossier's records and indexes."""

    def __init__(
        self,
        maps: tuple[SourceMap, ActorMap, EventMap],
        indexes: Indexes,
        changes: PendingChanges,
        hashes: dict[str, str],
        statements: StatementMap | None = None,
    ) -> None:
        """An editor of these record maps, keeping ``indexes``, ``changes`` and the content ``hashes`` in step."""
        self.sources, self.actors, self.events = maps
        self.statements = statements if statements is not None else StatementMap()
        self.indexes = indexes
        self.changes = changes
        self.hashes = hashes
        self._by_date: dict[str, list[str]] | None = None  # event ids by date, for reports of one occurrence

    # ------------------------------------------------------------------ adding

    def add_document(self, extracted: ExtractedDocument) -> bool:
        """Add one extracted document, merging its actors into existing ones (see ``Dossier.add_document``)."""
        with self.indexes.lock:  # an index a worker is building sees all of the document or none
            return self._add_document(extracted)

    def _add_document(self, extracted: ExtractedDocument) -> bool:
        """Add one document while holding the index lock."""
        source = extracted.source
        text_hash = sha256_hex(source.text)
        content_hash = source.content_hash or text_hash
        source_id = source.id or source_id_for(text_hash)
        if content_hash in self.hashes or source_id in self.sources:
            return False
        check_document(extracted, source_id)

        self.sources.put(replace(source, id=source_id, content_hash=content_hash, added=source.added or utc_now()))
        self.changes.inserted("sources", source_id)
        self.hashes[content_hash] = source_id
        self.indexes.learn_source(source_id)

        actor_of_key = {draft.key: self._merge_actor(draft) for draft in extracted.actors}
        for draft in extracted.events:
            actors = list(dict.fromkeys(actor_of_key[key] for key in draft.actor_keys))
            reported = self._same_occurrence(draft.date, draft.kind, draft.title, actors, source_id)
            if reported is not None:  # another article's report of the same occurrence: one event, more evidence
                self._replace_event(
                    replace(
                        reported,
                        actors=list(dict.fromkeys([*reported.actors, *actors])),
                        evidence=[*reported.evidence, *(span for span in draft.evidence if span not in reported.evidence)],
                    )
                )
                continue
            event = Event(
                id=new_event_id(source_id, draft.evidence[0].start, self.events),
                date=draft.date,
                kind=draft.kind,
                title=draft.title,
                until=draft.until,
                actors=actors,
                place=actor_of_key[draft.place_key] if draft.place_key else None,
                evidence=list(draft.evidence),
                when=draft.when,
            )
            self.events.put(event)
            self.changes.inserted("events", event.id)
            self.indexes.learn_event(event.id)
            if self._by_date is not None and event.date:
                self._by_date.setdefault(event.date, []).append(event.id)
        for statement_draft in extracted.statements:
            statement = Statement(
                id=new_statement_id(source_id, statement_draft.content.start, self.statements),
                speaker=actor_of_key[statement_draft.speaker_key] if statement_draft.speaker_key else None,
                speaker_text=statement_draft.speaker_text,
                speaker_by=statement_draft.speaker_by,
                verb=statement_draft.verb,
                direct=statement_draft.direct,
                content=statement_draft.content,
                evidence=list(statement_draft.evidence),
                date=statement_draft.date,
                kind=statement_draft.kind,
            )
            self.statements.put(statement)
            self.changes.inserted("statements", statement.id)
        return True

    def _same_occurrence(
        self, date: str | None, kind: str, title: str, actors: list[str], source_id: str
    ) -> Event | None:
        """An event of another source reporting the same occurrence: the same date and kind, an actor in
        common and nearly the same headline (GDELT's lesson: reports are not events). Distinct events
        of the same shape ("Bank of Japan buys dollars" on two days) differ in date and stay apart."""
        if date is None or not actors:
            return None
        wanted = set(actors)
        for event_id in self._events_on(date):
            if event_id not in self.events:
                continue  # deleted since it was indexed
            links = self.events.links(event_id)
            if links.date != date or wanted.isdisjoint(links.actor_ids):
                continue
            event = self.events[event_id]
            if (
                event.kind == kind
                and all(span.source != source_id for span in event.evidence)
                and fuzz.token_set_ratio(event.title.casefold(), title.casefold()) >= SAME_HEADLINE
            ):
                return event
        return None

    def _events_on(self, date: str) -> list[str]:
        """The ids of the events with this date (indexed on first use, kept up as events are added)."""
        if self._by_date is None:
            self._by_date = {}
            for event_id in self.events:
                event_date = self.events.links(event_id).date
                if event_date:
                    self._by_date.setdefault(event_date, []).append(event_id)
        return self._by_date.get(date, [])

    def _merge_actor(self, draft: ActorDraft) -> str:
        """Merge a draft into the existing actor the merge policy picks, or create one; its id."""
        keys = draft_keys(draft)
        key_index = self.indexes.keys.get()

        def owner_of(key: str) -> str | None:
            """The actor new drafts under this key join: the first owning it."""
            owners = key_index.get(key)
            return owners[0] if owners else None

        actor_id = merge_target(draft, keys, owner_of)
        if actor_id is None:
            actor = Actor(
                id=new_actor_id(draft.name, self.actors),
                name=draft.name,
                kind=draft.kind,
                aliases=first_aliases(draft),
                roles=list(draft.roles),
                mentions=list(draft.mentions),
            )
            self.actors.put(actor)
            self.actors.set_match_keys(actor.id, keys)
            self.changes.inserted("actors", actor.id)
            self.indexes.learn_actor(actor.id)
            return actor.id
        self.indexes.actor_growing(actor_id)
        actor = self.actors[actor_id]
        actor.kind = winning_kind(actor.kind, len(actor.mentions), draft)
        names = new_names([actor.name, *actor.aliases], draft)
        actor.aliases.extend(names)
        actor.roles.extend(new_roles(actor.roles, draft))
        actor.mentions.extend(draft.mentions)
        self.actors.set_match_keys(actor_id, [*self.actors.match_keys_of(actor_id), *keys])
        self.changes.replaced("actors", actor_id)
        self.indexes.actor_grew(actor_id, draft.mentions, names, keys)
        return actor_id

    # ------------------------------------------------------------------ updating

    def update(self, record: Record) -> Update:
        """Replace the stored record having this record's id (see ``Dossier.update``)."""
        with self.indexes.lock:
            if isinstance(record, Source):
                before: Record = self._update_source(record)
            elif isinstance(record, Actor):
                before = self._update_actor(record)
            else:
                before = self._update_event(record)
        return Update(snapshot(before), snapshot(record))

    def _update_source(self, source: Source) -> Source:
        """Replace a source's metadata (title, date, publisher, place, path, url, furniture)."""
        stored = self._stored(self.sources, source.id)
        check_source_edit(source, stored)
        self.sources.put(source)
        self.changes.replaced("sources", source.id)
        return stored

    def _update_actor(self, actor: Actor) -> Actor:
        """Replace an actor (renamed, re-kinded, mentions split off...), re-indexing only it.

        It keeps every match key it had, so re-ingest still merges into it, and gains those of
        its new names.
        """
        stored = self._stored(self.actors, actor.id)
        check_actor_edit(actor, self._text_length)
        keys = self.actors.match_keys_of(actor.id)
        self.indexes.forget_actor(actor.id, keep_keys=True)
        self.actors.put(actor)
        name_keys = [key for name in [actor.name, *actor.aliases] for key in match_keys(name, actor.kind)]
        self.actors.set_match_keys(actor.id, [*keys, *name_keys])
        self.changes.replaced("actors", actor.id)
        self.indexes.learn_actor(actor.id)
        return stored

    def _update_event(self, event: Event) -> Event:
        """Replace an event (retitled, redated, relinked), moving it in the timeline."""
        stored = self._stored(self.events, event.id)
        check_event_edit(event, self._text_length, self.actors)
        self._replace_event(event)
        return stored

    def _replace_event(self, event: Event) -> None:
        """Swap an event for its new version in the map and the indexes."""
        self.indexes.forget_event(event.id)
        self.events.put(event)
        self.changes.replaced("events", event.id)
        self.indexes.learn_event(event.id)

    @staticmethod
    def _stored(records: Mapping[str, R], record_id: str) -> R:
        """The stored record with this id; ``RefNotFound`` if there is none."""
        if record_id not in records:
            raise RefNotFound(record_id)
        return records[record_id]

    def _text_length(self, source_id: str) -> int | None:
        """The length of a stored source's text, or None when there is no such source."""
        return len(self.sources.text(source_id)) if source_id in self.sources else None

    # ------------------------------------------------------------------ deleting

    def delete(self, record_id: str) -> list[str]:
        """Delete a source, actor or event and what depends on it (see ``Dossier.delete``); every id removed."""
        with self.indexes.lock:
            if record_id in self.sources:
                return self._delete_source(record_id)
            if record_id in self.actors:
                return self._delete_actor(record_id)
            if record_id in self.events:
                return self._delete_event(record_id)
        raise RefNotFound(record_id)

    def _delete_source(self, source_id: str) -> list[str]:
        """Remove a source, its events and the mentions and roles it gave actors."""
        removed = [source_id]
        for _, event_id in list(self.indexes.relations.get().by_source.get(source_id, ())):
            removed += self._delete_event(event_id)
        for statement_id in self.statements.ids_in(source_id):
            self.statements.remove(statement_id)
            self.changes.deleted("statements", statement_id)
            removed.append(statement_id)
        for actor_id in dict.fromkeys(entry[2] for entry in self.indexes.mentions.get().get(source_id, ())):
            actor = self.actors[actor_id]
            mentions = [span for span in actor.mentions if span.source != source_id]
            if not mentions and not self.indexes.relations.get().by_actor.get(actor_id):
                removed += self._delete_actor(actor_id)
                continue
            roles = [role for role in actor.roles if role.evidence.source != source_id]
            self.indexes.forget_actor(actor_id, keep_keys=True)
            self.actors.put(replace(actor, mentions=mentions, roles=roles))
            self.changes.replaced("actors", actor_id)
            self.indexes.learn_actor(actor_id)
        self.indexes.forget_source(source_id)
        self.hashes.pop(self.sources.content_hash(source_id), None)
        self.sources.remove(source_id)
        self.changes.deleted("sources", source_id)
        return removed

    def _delete_actor(self, actor_id: str) -> list[str]:
        """Remove an actor and unlink it from every event naming it (as an actor or the place)."""
        for event_id in list(self.indexes.relations.get().by_actor.get(actor_id, ())):
            event = self.events[event_id]
            actors = [other for other in event.actors if other != actor_id]
            place = None if event.place == actor_id else event.place
            self._replace_event(replace(event, actors=actors, place=place))
        for statement_id in self.statements.ids_by(actor_id):
            self.statements.put(replace(self.statements[statement_id], speaker=None))
            self.changes.replaced("statements", statement_id)
        self.indexes.forget_actor(actor_id)
        self.actors.remove(actor_id)
        self.changes.deleted("actors", actor_id)
        return [actor_id]

    def _delete_event(self, event_id: str) -> list[str]:
        """Remove one event."""
        self.indexes.forget_event(event_id)
        self.events.remove(event_id)
        self.changes.deleted("events", event_id)
        return [event_id]


def snapshot(record: AnyRecord) -> AnyRecord:
    """A copy of a record whose lists are its own (spans are immutable; roles are never changed in place)."""
    copied = copy.copy(record)
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, list):
            setattr(copied, f.name, list(value))
    return copied


def rebase(current: AnyRecord, before: AnyRecord, after: AnyRecord) -> AnyRecord:
    """``current`` with the change from ``before`` to ``after`` applied: changed values are taken,
    and lists lose the items the change removed and gain those it added (keeping any others)."""
    result = snapshot(current)
    for f in fields(current):
        old, new, now = getattr(before, f.name), getattr(after, f.name), getattr(current, f.name)
        if old == new:
            continue
        if isinstance(now, list) and isinstance(old, list) and isinstance(new, list):
            removed = {_item_key(item) for item in old} - {_item_key(item) for item in new}
            kept = [item for item in now if _item_key(item) not in removed]
            present = {_item_key(item) for item in kept}
            setattr(result, f.name, kept + [item for item in new if _item_key(item) not in present])
        else:
            setattr(result, f.name, new)
    return result


def _item_key(item: object) -> object:
    """A hashable identity for a list item (roles are mutable dataclasses: title, date and evidence)."""
    return (item.role, item.date, item.evidence) if isinstance(item, Role) else item
