"""The per-source mention lists: for each source, ``(start, end, actor id)`` of every actor mention
in it, kept by offset, and the in-place updates that keep a merge of 20,000 mentions cheap."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import repeat

from dossier.store.record_map import ActorMap, MentionRow
from dossier.store.records import Span

MentionEntry = tuple[int, int, str]
"""One mention inside a known source: ``(start, end, actor id)``."""

MentionIndex = dict[str, list[MentionEntry]]
"""Source id -> its mention entries, by offset."""

MentionBatch = tuple[str, Sequence[Span]]
"""An actor id and mentions of it to take out of the index or put in."""


def build_mention_index(actors: ActorMap) -> MentionIndex:
    """Source id -> ``(start, end, actor id)`` of every actor mention in it, by offset."""
    index: dict[str, list[MentionEntry]] = defaultdict(list)
    for actor_id in actors:
        for source_id, start, end in actors.mention_rows(actor_id):
            index[source_id].append((start, end, actor_id))
    for entries in index.values():
        entries.sort()
    return dict(index)


def scan_mentions_in(actors: ActorMap, source_id: str) -> list[MentionEntry]:
    """One source's mentions by offset, read from every actor (before the mention index exists)."""
    return sorted(
        (start, end, actor_id)
        for actor_id in actors
        for source, start, end in actors.mention_rows(actor_id)
        if source == source_id
    )


def add_mentions(index: MentionIndex, actor_id: str, rows: Iterable[MentionRow]) -> None:
    """Put an actor's mentions into the per-source lists, keeping them by offset."""
    for source_id, start, end in rows:
        insort(index.setdefault(source_id, []), (start, end, actor_id))


def move_mentions(index: MentionIndex, removed: list[MentionBatch], added: list[MentionBatch]) -> None:
    """Re-index mentions that changed owner, came or went: ``removed`` are ``(actor id, mentions)``
    indexed now to take out, ``added`` those to put in. A mention in both (a merge moves 20,000
    mentions from one actor to another) has its entry's actor id replaced where it stands, found by
    bisection; only the rest is deleted or inserted. Mentions are paired by identity first (derived
    actors share the machine's ``Span`` objects), then by value."""
    leaving: dict[int, str] = {}  # id(mention) -> the actor it leaves; built in C, not per mention
    for actor_id, spans in removed:
        leaving.update(zip(map(id, spans), repeat(actor_id)))
    unpaired: list[tuple[Span, str]] = []
    take, lookup = leaving.pop, index.get
    for actor_id, spans in added:
        for span in spans:  # a tight loop: a merge runs it once per moved mention
            before = take(id(span), None)
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
            _replace_mention(index, span, before, actor_id)
    if not leaving and not unpaired:
        return  # every mention paired by identity (a merge, its undo)
    by_value: dict[MentionRow, list[str]] = {}
    for actor_id, spans in removed:
        for span in spans:
            if leaving.get(id(span)) == actor_id:  # each unpaired mention once, with the owner it leaves
                del leaving[id(span)]
                by_value.setdefault((span.source, span.start, span.end), []).append(actor_id)
    for span, actor_id in unpaired:
        owners = by_value.get((span.source, span.start, span.end))
        if owners:
            before_id = owners.pop()
            if before_id != actor_id:
                _replace_mention(index, span, before_id, actor_id)
        else:
            insort(index.setdefault(span.source, []), (span.start, span.end, actor_id))
    for (source_id, start, end), owners in by_value.items():
        for actor_id in owners:
            _delete_mention(index, Span(source_id, start, end), actor_id)


def _replace_mention(index: MentionIndex, span: Span, before: str, after: str) -> None:
    """Give one indexed mention another actor, in place while the list stays in order."""
    source_id, start, end = span.source, span.start, span.end
    entries = index.get(source_id)
    if entries is None:
        insort(index.setdefault(source_id, []), (start, end, after))
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


def _delete_mention(index: MentionIndex, span: Span, actor_id: str) -> None:
    """Take one indexed mention out (found by bisection)."""
    source_id, start, end = span.source, span.start, span.end
    entries = index.get(source_id)
    if entries is None:
        return
    entry = (start, end, actor_id)
    position = bisect_left(entries, entry)
    if position < len(entries) and entries[position] == entry:
        del entries[position]
