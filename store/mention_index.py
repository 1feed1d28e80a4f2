"""The per-source mention lists: for each source, ``(start, end, actor id)`` of every actor mention
in it, kept by offset, and the updates that keep an edit's cost near the size of what it changes.

A merge moves every mention of the merged actors to the survivor: the top actor of a full dossier
has 10,000 of them in as many sources. Rather than rewrite each entry, the index records that the
merged actor's entries now belong to the survivor (a *redirect*) and reads them so: a source that
holds redirected entries is resolved when it is read. Undoing the merge drops the redirect. Any
other change to a redirected actor's mentions (a split of the survivor, a hide) first writes the
redirected entries out as the survivor's, then moves entries one by one as before.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice, repeat
from operator import is_
from typing import TypeVar, overload

from dossier.store.record_map import ActorMap, MentionRow
from dossier.store.records import Span

T = TypeVar("T")

MentionEntry = tuple[int, int, str]
"""One mention inside a known source: ``(start, end, actor id)``."""

MentionBatch = tuple[str, Sequence[Span]]
"""An actor id and mentions of it to take out of the index or put in."""


@dataclass(frozen=True, slots=True)
class _Redirect:
    """A merged actor whose entries stay under its id and belong to ``into`` (maybe redirected in turn)."""

    into: str
    mentions: Sequence[Span]
    """The mentions its entries were made from (held, so that their ids stay theirs: an undo must
    bring back exactly these)."""
    sources: frozenset[str]
    """The sources holding its entries."""


class MentionIndex(Mapping[str, Sequence[MentionEntry]]):
    """Source id -> its mention entries by offset (read only: change it through its methods)."""

    __slots__ = ("_covered", "_final", "_generation", "_lists", "_redirects", "_resolutions")

    def __init__(self, lists: dict[str, list[MentionEntry]]) -> None:
        """An index over these per-source lists (each sorted), with no redirect."""
        self._lists = lists
        self._redirects: dict[str, _Redirect] = {}
        self._final: dict[str, str] = {}
        """Each redirected id -> the actor its entries belong to in the end (chains followed)."""
        self._covered: Counter[str] = Counter()
        """Source id -> how many redirected actors have entries in it (0 or absent: none)."""
        self._resolutions: dict[str, tuple[int, list[MentionEntry]]] = {}
        """Source id -> its entries resolved, with the generation they were resolved at (a merged
        actor's connections read its 14,000 sources again after every edit)."""
        self._generation = 0
        """Counts changes: a resolution made before the latest one is stale."""

    # ------------------------------------------------------------------ reading

    def __getitem__(self, source_id: str) -> Sequence[MentionEntry]:
        """One source's entries, redirected ids resolved (``KeyError`` for an unknown source)."""
        entries = self._lists[source_id]
        return self._resolution(source_id, entries) if self._covered.get(source_id) else entries

    @overload
    def get(self, source_id: str, /) -> Sequence[MentionEntry] | None: ...

    @overload
    def get(self, source_id: str, /, default: Sequence[MentionEntry] | T) -> Sequence[MentionEntry] | T: ...

    def get(self, source_id: str, /, default: object = None) -> object:
        """One source's entries, redirected ids resolved, else ``default`` (no exception: the hot path)."""
        entries = self._lists.get(source_id)
        if entries is None:
            return default
        return self._resolution(source_id, entries) if self._covered.get(source_id) else entries

    def __iter__(self) -> Iterator[str]:
        """The ids of the sources with entries."""
        return iter(self._lists)

    def __len__(self) -> int:
        """How many sources have entries."""
        return len(self._lists)

    @property
    def redirected(self) -> int:
        """How many merged actors are read through a redirect (for tests and the benchmark)."""
        return len(self._redirects)

    def _resolution(self, source_id: str, entries: list[MentionEntry]) -> list[MentionEntry]:
        """One source's entries with every redirected id replaced by its actor, by offset then id as
        a build sorts them; kept until the index changes (readers on other threads may read while
        an edit changes it: what they keep is stale once the change counts itself, after it)."""
        generation = self._generation
        kept = self._resolutions.get(source_id)
        if kept is not None and kept[0] == generation:
            return kept[1]
        final = self._final
        resolved = [entry if entry[2] not in final else (entry[0], entry[1], final[entry[2]]) for entry in entries]
        resolved.sort()  # only ties on one span can change places: nearly sorted, one linear pass
        self._resolutions[source_id] = (generation, resolved)
        return resolved

    def _changed(self) -> None:
        """Count a change made (after making it): every resolution kept is stale."""
        self._resolutions.clear()
        self._generation += 1

    # ------------------------------------------------------------------ changing

    def add(self, actor_id: str, rows: Iterable[MentionRow]) -> None:
        """Put an actor's mentions into the per-source lists, keeping them by offset."""
        lists = self._lists
        for source_id, start, end in rows:
            insort(lists.setdefault(source_id, []), (start, end, actor_id))
        self._changed()

    def drop_source(self, source_id: str) -> None:
        """Forget a source's entries (the source is being removed)."""
        self._lists.pop(source_id, None)
        self._changed()

    def drop_actor(self, actor_id: str, source_ids: Iterable[str]) -> None:
        """Take every entry of an actor out of these sources (its own and those redirected to it)."""
        self._write_out({actor_id})
        lists = self._lists
        for source_id in source_ids:
            entries = lists.get(source_id)
            if entries is not None:
                entries[:] = [entry for entry in entries if entry[2] != actor_id]
        self._changed()

    def move(self, removed: list[MentionBatch], added: list[MentionBatch]) -> None:
        """Re-index mentions that changed owner, came or went: ``removed`` are ``(actor id, mentions)``
        indexed now to take out, ``added`` those to put in.

        A merge (the merged actors' mentions all go to one actor, which keeps its own) becomes
        redirects, and its undo drops them, both without touching an entry. Anything else moves
        entries one by one (``_move_entries``) after writing out the redirects of the actors
        concerned.
        """
        if not (self._redirect_merge(removed, added) or self._undo_redirects(removed, added)):
            concerned = {actor_id for actor_id, _ in removed} | {actor_id for actor_id, _ in added}
            self._write_out(concerned)
            _move_entries(self._lists, removed, added)
        self._changed()

    # ------------------------------------------------------------------ redirects

    def _redirect_merge(self, removed: list[MentionBatch], added: list[MentionBatch]) -> bool:
        """Record a merge as redirects if that is what the change is: one actor gains exactly the
        mentions of the actors that go, each of them whole. Whether it was."""
        if len(added) != 1 or added[0][0] in self._redirects:
            return False
        into, spans = added[0]
        if not _concatenates(spans, removed) and _partition(spans, removed) is None:
            return False  # the mentions did not go whole from the removed actors to ``into``
        merged = [(actor_id, old) for actor_id, old in removed if actor_id != into]
        if not merged or any(actor_id in self._redirects for actor_id, _ in merged):
            return False
        for actor_id, old in merged:
            sources = frozenset({span.source for span in old})
            self._redirects[actor_id] = _Redirect(into, old, sources)
            self._covered.update(sources)
        self._follow_redirects()
        return True

    def _undo_redirects(self, removed: list[MentionBatch], added: list[MentionBatch]) -> bool:
        """Drop the redirects of a merge being undone if that is what the change is: one actor loses
        exactly the mentions of actors redirected to it, each the very mentions it was merged with.
        Whether it was."""
        if len(removed) != 1:
            return False
        into, spans = removed[0]
        parts = _partition(spans, added)
        back = [part for part in parts or () if part[0] != into]
        redirects = self._redirects
        if not back or any(
            actor_id not in redirects
            or redirects[actor_id].into != into
            or frozenset(map(identity, redirects[actor_id].mentions)) != ids
            for actor_id, _, ids in back
        ):
            return False
        for actor_id, _, _ in back:
            self._covered.subtract(redirects.pop(actor_id).sources)
        self._follow_redirects()
        return True

    def _write_out(self, actor_ids: Container[str]) -> None:
        """Replace the entries of every redirected actor that is one of ``actor_ids``, or whose
        entries end up with one of them, by entries of the actor they end up with, and drop their
        redirects."""
        for actor_id in [a for a, final in self._final.items() if a in actor_ids or final in actor_ids]:
            self._write_out_one(actor_id)

    def _write_out_one(self, actor_id: str) -> None:
        """Write one redirected actor's entries out as its final actor's; actors redirected to it
        are redirected to where it went."""
        redirect = self._redirects.pop(actor_id)
        final = self._final[actor_id]
        lists = self._lists
        for source_id in redirect.sources:
            entries = lists.get(source_id)
            if entries is not None:
                entries[:] = sorted(
                    (start, end, final if owner == actor_id else owner) for start, end, owner in entries
                )
        self._covered.subtract(redirect.sources)
        for other, kept in list(self._redirects.items()):
            if kept.into == actor_id:
                self._redirects[other] = replace(kept, into=redirect.into)
        self._follow_redirects()

    def _follow_redirects(self) -> None:
        """Recompute where each redirected actor's entries end up (a few ids: merges of merges)."""
        final: dict[str, str] = {}
        for actor_id in self._redirects:
            owner = actor_id
            while owner in self._redirects:
                owner = self._redirects[owner].into
            final[actor_id] = owner
        self._final = final


identity: Callable[[object], int] = object.__hash__
"""A mention's identity as an int, one-to-one while it lives: ``object``'s own hash, the object's
address rotated, whatever hash its class defines. ``id()`` gives the address itself, a multiple of
16 that crowds a set's slots: the sets of a top merge (14,590 mentions) took 3 ms to build instead of 1.4."""


def _concatenates(whole: Sequence[Span], batches: list[MentionBatch]) -> bool:
    """Whether ``whole`` is the mentions of the batches one batch after another, in some order, the
    very objects (compared in C): how a merge makes the survivor's mentions, told in a tenth of the
    time ``_partition``'s sets take for the top actor. Then the batches split ``whole`` exactly."""
    left = [spans for _, spans in batches if spans]
    if sum(map(len, left)) != len(whole):
        return False
    at = 0
    while left:
        found = next((index for index, spans in enumerate(left) if spans[0] is whole[at]), None)
        if found is None:
            return False
        batch = left.pop(found)
        if not all(map(is_, islice(whole, at, at + len(batch)), batch)):
            return False
        at += len(batch)
    return True


def _partition(whole: Sequence[Span], batches: list[MentionBatch]) -> list[tuple[str, Sequence[Span], frozenset[int]]] | None:
    """Each batch with the ``identity`` of its mentions if the batches split ``whole`` exactly (every
    mention of ``whole`` in one batch, no other, compared by identity in C), else None."""
    left = set(map(identity, whole))
    if len(left) != len(whole):
        return None
    parts = []
    for actor_id, spans in batches:
        ids = frozenset(map(identity, spans))
        if len(ids) != len(spans) or not ids <= left:
            return None
        left -= ids
        parts.append((actor_id, spans, ids))
    return parts if not left else None


def build_mention_index(actors: ActorMap) -> MentionIndex:
    """Source id -> ``(start, end, actor id)`` of every actor mention in it, by offset."""
    index: dict[str, list[MentionEntry]] = defaultdict(list)
    for actor_id in actors:
        for source_id, start, end in actors.mention_rows(actor_id):
            index[source_id].append((start, end, actor_id))
    for entries in index.values():
        entries.sort()
    return MentionIndex(dict(index))


def scan_mentions_in(actors: ActorMap, source_id: str) -> list[MentionEntry]:
    """One source's mentions by offset, read from every actor (before the mention index exists)."""
    return sorted(
        (start, end, actor_id)
        for actor_id in actors
        for source, start, end in actors.mention_rows(actor_id)
        if source == source_id
    )


def _move_entries(lists: dict[str, list[MentionEntry]], removed: list[MentionBatch], added: list[MentionBatch]) -> None:
    """Move entries one by one (no redirect concerns them): a mention in both ``removed`` and
    ``added`` has its entry's actor id replaced where it stands, found by bisection; only the rest
    is deleted or inserted. Mentions are paired by identity first (derived actors share the
    machine's ``Span`` objects), then by value."""
    leaving: dict[int, str] = {}  # identity(mention) -> the actor it leaves; built in C, not per mention
    for actor_id, spans in removed:
        leaving.update(zip(map(identity, spans), repeat(actor_id)))
    unpaired: list[tuple[Span, str]] = []
    take, lookup = leaving.pop, lists.get
    for actor_id, spans in added:
        for span in spans:  # a tight loop: a split runs it once per moved mention
            before = take(identity(span), None)
            if before is None:
                unpaired.append((span, actor_id))
                continue
            if before == actor_id:
                continue
            start, end = span.start, span.end
            entries = lookup(span.source)
            if entries is not None:
                old, new = (start, end, before), (start, end, actor_id)
                position = bisect_left(entries, old)
                last = len(entries) - 1
                if (
                    position <= last
                    and entries[position] == old
                    and (position == 0 or entries[position - 1] <= new)
                    and (position == last or new <= entries[position + 1])
                ):
                    entries[position] = new
                    continue
            # the rare tie broken by actor id, or a mention not indexed: slower, still right
            _replace_entry(lists, span, before, actor_id)
    if not leaving and not unpaired:
        return  # every mention paired by identity
    by_value: dict[MentionRow, list[str]] = {}
    for actor_id, spans in removed:
        for span in spans:
            if leaving.get(identity(span)) == actor_id:  # each unpaired mention once, with the owner it leaves
                del leaving[identity(span)]
                by_value.setdefault((span.source, span.start, span.end), []).append(actor_id)
    for span, actor_id in unpaired:
        owners = by_value.get((span.source, span.start, span.end))
        if owners:
            before_id = owners.pop()
            if before_id != actor_id:
                _replace_entry(lists, span, before_id, actor_id)
        else:
            insort(lists.setdefault(span.source, []), (span.start, span.end, actor_id))
    for (source_id, start, end), owners in by_value.items():
        for actor_id in owners:
            _delete_entry(lists, Span(source_id, start, end), actor_id)


def _replace_entry(lists: dict[str, list[MentionEntry]], span: Span, before: str, after: str) -> None:
    """Give one indexed mention another actor, in place while the list stays in order."""
    source_id, start, end = span.source, span.start, span.end
    entries = lists.get(source_id)
    if entries is None:
        insort(lists.setdefault(source_id, []), (start, end, after))
        return
    entry = (start, end, after)
    position = bisect_left(entries, (start, end, before))
    if position < len(entries) and entries[position] == (start, end, before):
        in_order = (position == 0 or entries[position - 1] <= entry) and (
            position + 1 == len(entries) or entry <= entries[position + 1]
        )
        if in_order:
            entries[position] = entry
            return
        del entries[position]
    insort(entries, entry)


def _delete_entry(lists: dict[str, list[MentionEntry]], span: Span, actor_id: str) -> None:
    """Take one indexed mention out (found by bisection)."""
    source_id, start, end = span.source, span.start, span.end
    entries = lists.get(source_id)
    if entries is None:
        return
    entry = (start, end, actor_id)
    position = bisect_left(entries, entry)
    if position < len(entries) and entries[position] == entry:
        del entries[position]
