"""Curated records computed from the machine's records and the folded edits (``state``).

Actors connected by merges and splits are derived together: every mention, name and role of
their machine records starts with its machine actor and follows the merges and splits in log
order to the actor it ends with. Names are then edited (rename, alias, unalias) and the kind
set. An event takes its machine record, its actors followed through merges (hidden ones
dropped), and the fields an edit set. Nothing here changes a record of the machine output.
"""

from __future__ import annotations

from collections.abc import Callable

from dossier.store.curation.operations import AddAlias, Merge, Rename, Split
from dossier.store.curation.state import CurationState, NameOp, Structural
from dossier.store.folding import fold
from dossier.store.record_map import ActorMap, EventMap, SourceMap
from dossier.store.records import Actor, Event, Role, Span
from dossier.store.schema import RawRecord


def _follow(owner: str, structural: list[Structural], moved_by: Callable[[Split], bool]) -> str:
    """The actor something first owned by ``owner`` ends with after these merges and splits;
    ``moved_by(split)`` says whether that split takes it along."""
    for op in structural:
        if isinstance(op, Merge):
            if owner in op.actors:
                owner = op.actors[0]
        elif owner == op.actor and moved_by(op):
            owner = op.into
    return owner


def _never(_op: Split) -> bool:
    """No split takes it along (a component of merges only)."""
    return False


class _Mover:
    """Answers whether a split takes a mention, a name or a role along (folded texts computed once)."""

    def __init__(self, sources: SourceMap) -> None:
        """A mover reading mention texts from ``sources``."""
        self._sources = sources
        self._aliases: dict[int, set[str]] = {}

    def aliases(self, op: Split) -> set[str]:
        """The folded aliases a split moves."""
        key = id(op)
        if key not in self._aliases:
            self._aliases[key] = {fold(alias) for alias in op.aliases}
        return self._aliases[key]

    def mention(self, span: Span) -> Callable[[Split], bool]:
        """Whether a split takes this mention: it is in one of its sources or spelled as one of its aliases."""

        def moved_by(op: Split) -> bool:
            """The test for one split."""
            if span.source in op.sources:
                return True
            if not op.aliases or span.source not in self._sources:
                return False
            return fold(self._sources.text(span.source)[span.start : span.end]) in self.aliases(op)

        return moved_by

    def name(self, name: str) -> Callable[[Split], bool]:
        """Whether a split takes this name: it is one of its aliases."""
        folded = fold(name)
        return lambda op: folded in self.aliases(op)

    @staticmethod
    def role(role: Role) -> Callable[[Split], bool]:
        """Whether a split takes this role: its evidence is in one of its sources."""
        return lambda op: role.evidence.source in op.sources


def derive_actors(
    members: list[str],
    state: CurationState,
    machine: ActorMap,
    sources: SourceMap,
) -> dict[str, Actor | None]:
    """The curated actor of every id in ``members`` (None for ids that are merged away, hidden or unknown).

    ``members`` must be exactly the actors connected by merges and splits (one of
    ``CurationState.components``, closed under ``CurationState.members``).
    """
    structural = state.structural_of(members[0]) if members else []
    # by id, so the names and mentions gathered come in one order however the members were found
    base: dict[str, Actor] = {actor_id: machine[actor_id] for actor_id in sorted(members) if actor_id in machine}
    mentions: dict[str, list[Span]] = {}
    names: dict[str, list[str]] = {}
    roles: dict[str, list[Role]] = {}
    mover = _Mover(sources)
    merges_only = all(isinstance(op, Merge) for op in structural)
    for actor_id, actor in base.items():
        if not structural:
            mentions[actor_id], names[actor_id], roles[actor_id] = actor.mentions, actor.aliases, actor.roles
            continue
        if merges_only:  # everything an actor has goes where the actor goes: no test per mention
            owner = _follow(actor_id, structural, _never)
            mentions.setdefault(owner, []).extend(actor.mentions)
            names.setdefault(owner, []).extend([actor.name, *actor.aliases])
            roles.setdefault(owner, []).extend(actor.roles)
            continue
        for span in actor.mentions:
            mentions.setdefault(_follow(actor_id, structural, mover.mention(span)), []).append(span)
        for name in [actor.name, *actor.aliases]:
            names.setdefault(_follow(actor_id, structural, mover.name(name)), []).append(name)
        for role in actor.roles:
            roles.setdefault(_follow(actor_id, structural, mover.role(role)), []).append(role)

    derived: dict[str, Actor | None] = {}
    for actor_id in members:
        if actor_id in state.forward or actor_id in state.hidden:
            derived[actor_id] = None
            continue
        if actor_id in base and not structural and actor_id not in state.name_ops and actor_id not in state.kinds:
            derived[actor_id] = base[actor_id]  # as the machine has it: shared, not copied
            continue
        if actor_id in base:
            name, kind = base[actor_id].name, base[actor_id].kind
        elif actor_id in state.created:
            name, kind = state.created[actor_id]
        else:
            derived[actor_id] = None
            continue
        name, aliases = _edited_names(name, names.get(actor_id, []), state.name_ops.get(actor_id, []))
        derived[actor_id] = Actor(
            id=actor_id,
            name=name,
            kind=state.kinds.get(actor_id, kind),
            aliases=aliases,
            roles=list(roles.get(actor_id, [])),
            mentions=list(mentions.get(actor_id, [])),
        )
    return derived


def _edited_names(name: str, owned: list[str], ops: list[NameOp]) -> tuple[str, list[str]]:
    """An actor's name and aliases: its own name, the names it ended up with, then its name edits in order."""
    aliases: list[str] = []
    seen = {fold(name)}
    for other in owned:
        if fold(other) not in seen:
            seen.add(fold(other))
            aliases.append(other)
    for op in ops:
        new = fold(op.name)
        if isinstance(op, Rename):
            if new != fold(name):
                aliases = [name, *(alias for alias in aliases if fold(alias) != new)]
                name = op.name
        elif isinstance(op, AddAlias):
            if new not in {fold(name), *map(fold, aliases)}:
                aliases.append(op.name)
        else:
            aliases = [alias for alias in aliases if fold(alias) != new]
    return name, aliases


def derive_event(event_id: str, state: CurationState, machine: EventMap, live: Callable[[str], bool]) -> Event | None:
    """The curated event (None when hidden or gone): machine fields, actors followed through merges,
    actors that are not ``live`` (hidden, gone) dropped, then the fields an edit set."""
    if event_id not in machine or event_id in state.hidden_events:
        return None
    event = machine[event_id]
    patch = state.event_patches.get(event_id)
    actor_ids = patch.actors if patch is not None and patch.actors is not None else event.actors
    actors = [a for a in dict.fromkeys(state.final(actor_id) for actor_id in actor_ids) if live(a)]
    place = state.final(event.place) if event.place else None
    if place is not None and not live(place):
        place = None
    if patch is None:
        if actors == event.actors and place == event.place:
            return event  # as the machine has it: shared, not copied
        # built directly, not by dataclasses.replace: a merge of the top actor re-derives 3,649 events
        return Event(event.id, event.date, event.kind, event.title, event.until, actors, place, list(event.evidence), event.when)
    return Event(
        id=event.id,
        title=patch.title if patch.title is not None else event.title,
        date=patch.date if patch.date is not None else event.date,
        until=None if patch.date is not None else event.until,
        kind=patch.kind if patch.kind is not None else event.kind,
        actors=actors,
        place=place,
        evidence=list(event.evidence),
        when=event.when,
    )


def derive_actor_json(actor_id: str, state: CurationState, raw: RawRecord) -> RawRecord | None:
    """The curated form of an actor no merge or split touches, as a JSON dict sharing the machine's
    mention rows and roles (None when hidden): opening a dossier then builds no record for it.
    Equal to the record ``derive_actors`` makes; match keys left out (they follow the names)."""
    if actor_id in state.hidden:
        return None
    name, aliases = _edited_names(raw["name"], list(raw.get("aliases", ())), state.name_ops.get(actor_id, []))
    derived = {key: value for key, value in raw.items() if key != "keys"}
    derived.update(name=name, aliases=aliases, kind=state.kinds.get(actor_id, raw["kind"]))
    return derived


def derive_event_json(event_id: str, state: CurationState, raw: RawRecord, live: Callable[[str], bool]) -> RawRecord | None:
    """The curated form of an event as a JSON dict sharing the machine's evidence (None when
    hidden): what ``derive_event`` makes, without building a record on open."""
    if event_id in state.hidden_events:
        return None
    patch = state.event_patches.get(event_id)
    actor_ids = patch.actors if patch is not None and patch.actors is not None else raw.get("actors", ())
    place = raw.get("place")
    place = state.final(place) if place else None
    derived = dict(raw)
    derived["actors"] = [a for a in dict.fromkeys(state.final(actor_id) for actor_id in actor_ids) if live(a)]
    derived["place"] = place if place is not None and live(place) else None
    if patch is not None:
        for key, value in (("title", patch.title), ("kind", patch.kind)):
            if value is not None:
                derived[key] = value
        if patch.date is not None:
            derived["date"], derived["until"] = patch.date, None
    return derived
