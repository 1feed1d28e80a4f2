"""The dossier as FollowTheMoney entities, one JSON object per line, so it can go into Aleph.

FollowTheMoney (https://followthemoney.tech) is the entity model of Aleph and OpenSanctions. Each
line is ``{"id", "schema", "properties": {name: [values]}}``:

- a source is an ``Article`` (``name``, ``title``, ``fileName``, ``publishedAt``, ``publisher``,
  ``sourceUrl``, ``bodyText``);
- an actor is a ``Person``, an ``Organization`` (organisations and groups) or an ``Address``
  (places; FtM has no place schema of its own) with its ``name`` and ``alias``es;
- an event is an ``Event`` with ``date`` (or ``startDate``/``endDate``), ``involved`` persons and
  organisations, ``addressEntity`` places, ``proof`` sources and its evidence sentences as
  ``description``;
- each actor's mentions in one source are one ``Mention`` (``document``, ``name`` = the surface
  forms, ``resolved`` = the actor when it is a person or organisation, ``detectedSchema``).

The analyst's tags are ``keywords`` and notes are ``notes``. Ids are the dossier's own stable ids
(mentions: ``m-`` and a hash of actor and source), so entities reference each other by them. Only
the curated view is written (hidden records stay out). Tests check every line against the
published schema's property lists.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import TYPE_CHECKING

import orjson

from dossier.store.bulk_export.tree import ExportTree
from dossier.store.partial_dates import is_partial_date
from dossier.store.records import Actor, Event, Source

if TYPE_CHECKING:
    from dossier.store.dossier import Dossier

FTM_FILE = "dossier.ftm.jsonl"
ACTOR_SCHEMA = {"person": "Person", "organization": "Organization", "group": "Organization", "place": "Address"}
"""The FtM schema of each actor kind."""
LEGAL_ENTITIES = frozenset({"Person", "Organization"})
"""The schemata an Event's ``involved`` and a Mention's ``resolved`` may point to (FtM ``LegalEntity``)."""

Entity = dict[str, object]
Tick = Callable[[], None]
"""Called once per record turned into entities (the caller counts and reports progress)."""


def ftm_size(dossier: Dossier) -> int:
    """How many records become entities (one step each)."""
    return len(dossier.sources) + len(dossier.actors) + len(dossier.events)


def _text(value: str | None) -> str:
    """Text JSON can carry as UTF-8 (a lone surrogate from a broken file becomes ``?``)."""
    return (value or "").encode("utf-8", "replace").decode("utf-8")


def _entity(entity_id: str, schema: str, properties: dict[str, list[str]]) -> Entity:
    """One entity, with empty values and empty properties left out."""
    cleaned = {name: [_text(v) for v in values if v] for name, values in properties.items()}
    return {"id": entity_id, "schema": schema, "properties": {name: values for name, values in cleaned.items() if values}}


def _dates(*values: str | None) -> list[str]:
    """The values that are ISO dates at some precision (FtM's date type), others dropped."""
    return [value for value in values if value and is_partial_date(value)]


def _curation(dossier: Dossier, record_id: str) -> dict[str, list[str]]:
    """The analyst's tags as ``keywords`` and note as ``notes``."""
    annotation = dossier.annotations(record_id)
    return {"keywords": list(annotation.tags), "notes": [annotation.note.strip()]}


def article(dossier: Dossier, source: Source) -> Entity:
    """A source as an FtM ``Article``."""
    file_name = PurePath(source.path).name if source.path else f"{source.id}.txt"
    return _entity(source.id, "Article", {
        "name": [source.title],
        "title": [source.title],
        "fileName": [file_name],
        "publishedAt": _dates(source.published),
        "publisher": [source.publisher or ""],
        "sourceUrl": [source.url or ""] if (source.url or "").startswith(("http://", "https://")) else [],
        "bodyText": [source.text],
        **_curation(dossier, source.id),
    })


def actor_entity(dossier: Dossier, actor: Actor) -> Entity:
    """An actor as an FtM ``Person``, ``Organization`` or ``Address``."""
    schema = ACTOR_SCHEMA.get(actor.kind, "Organization")
    properties = {"name": [actor.name], "alias": list(actor.aliases), **_curation(dossier, actor.id)}
    if schema == "Address":
        properties["full"] = [actor.name]
    return _entity(actor.id, schema, properties)


def mentions(dossier: Dossier, actor: Actor) -> Iterator[Entity]:
    """An actor's mentions as one FtM ``Mention`` per source, naming every surface form used there."""
    schema = ACTOR_SCHEMA.get(actor.kind, "Organization")
    forms: dict[str, dict[str, None]] = {}
    for span in actor.mentions:
        source = dossier.sources.get(span.source)
        if source is not None:
            forms.setdefault(span.source, {})[source.text[span.start : span.end]] = None
    for source_id, names in forms.items():
        digest = hashlib.sha256(f"{actor.id}\n{source_id}".encode("utf-8", "surrogatepass")).hexdigest()[:20]
        yield _entity(f"m-{digest}", "Mention", {
            "document": [source_id],
            "name": [" ".join(name.split()) for name in names],
            "resolved": [actor.id] if schema in LEGAL_ENTITIES else [],
            "detectedSchema": [schema],
        })


def event_entity(dossier: Dossier, event: Event) -> Entity:
    """An event as an FtM ``Event``: its dates, who was involved, where, and the sentences saying so."""
    schemata = {actor_id: ACTOR_SCHEMA.get(dossier.actors[actor_id].kind, "Organization")
                for actor_id in [*event.actors, *([event.place] if event.place else [])] if actor_id in dossier.actors}
    sentences = []
    for span in event.evidence:
        source = dossier.sources.get(span.source)
        if source is not None:
            sentences.append(" ".join(source.text[span.start : span.end].split()))
    ranged = event.until is not None
    return _entity(event.id, "Event", {
        "name": [event.title],
        "date": [] if ranged else _dates(event.date),
        "startDate": _dates(event.date) if ranged else [],
        "endDate": _dates(event.until),
        "involved": [actor_id for actor_id in event.actors if schemata.get(actor_id) in LEGAL_ENTITIES],
        "addressEntity": list(dict.fromkeys(actor_id for actor_id, schema in schemata.items() if schema == "Address")),
        "proof": list(dict.fromkeys(span.source for span in event.evidence if span.source in dossier.sources)),
        "description": ["\n".join(sentences)],
        "summary": [event.kind],
        **_curation(dossier, event.id),
    })


def entities(dossier: Dossier, tick: Tick) -> Iterator[Entity]:
    """Every FtM entity of the curated dossier: articles, actors and their mentions, events."""
    for source in dossier.sources.values():
        yield article(dossier, source)
        tick()
    for actor in dossier.actors.values():
        yield actor_entity(dossier, actor)
        yield from mentions(dossier, actor)
        tick()
    for event in dossier.events.values():
        yield event_entity(dossier, event)
        tick()


def write_ftm(dossier: Dossier, tree: ExportTree, tick: Tick) -> None:
    """Write every entity as one JSON line into ``tree``, line by line (the file is not held whole)."""
    tree.write_chunks(FTM_FILE, (orjson.dumps(entity) + b"\n" for entity in entities(dossier, tick)))
