"""Where each source's sentences start, and which actors each sentence mentions: kept per source
so that counting an actor's connections does not re-read its 14,000 sources' text.

A source's text never changes under its id (ids come from the content hash), so its sentence
starts never go stale; a deleted source only leaves an unused entry. Which actors a sentence
mentions does change (a merge renames them), so those groups are kept with the mention entries
they were made from and remade when the source's entries differ. The split is the evidence
module's own sentence rule (``evidence.sentence_starts``), so a shared sentence is the one an
export quotes.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossier.store.record_map import SourceMap


MentionEntry = tuple[int, int, str]
"""One mention in a source as the mention index keeps it: ``(start, end, actor id)``."""


@dataclass(frozen=True, slots=True)
class SourceGroups:
    """The actors one source mentions, in all and per sentence, and the mention entries they come from."""

    entries: tuple[MentionEntry, ...]
    actors: frozenset[str]
    by_sentence: dict[int, frozenset[str]]
    """Sentence number (the position after its start in the source's sentence starts) -> its actors."""


class SentenceIndex:
    """Source id -> the offsets its sentences start at (the first is 0), made on first use or all at once."""

    def __init__(self, sources: SourceMap) -> None:
        """Split the sources of this map."""
        self._sources = sources
        self.split: dict[str, array[int]] = {}
        """The sources split so far (read it directly in hot loops; ``starts`` splits one on demand)."""
        self.groups: dict[str, SourceGroups] = {}
        self._lock = threading.Lock()

    def starts(self, source_id: str) -> Sequence[int]:
        """Where one source's sentences start, ascending."""
        found = self.split.get(source_id)
        if found is None:
            from dossier.store.evidence import sentence_starts  # loads on first use, not on open

            found = array("L", sentence_starts(self._sources.text(source_id)))
            with self._lock:
                self.split[source_id] = found
        return found

    def groups_of(self, source_id: str, entries: Sequence[MentionEntry]) -> SourceGroups:
        """The actors of a source and of each of its sentences, for its mention entries now."""
        key = tuple(entries)
        found = self.groups.get(source_id)
        if found is not None and found.entries == key:
            return found
        starts = self.starts(source_id)
        by_sentence: dict[int, set[str]] = {}
        for start, _end, actor_id in key:
            by_sentence.setdefault(bisect_right(starts, start), set()).add(actor_id)
        made = SourceGroups(key, frozenset(entry[2] for entry in key), {n: frozenset(a) for n, a in by_sentence.items()})
        self.groups[source_id] = made
        return made

    def build_all(self, mentions: Mapping[str, Sequence[MentionEntry]]) -> None:
        """Split every source and group its mentions now (in a worker, so the first connections
        query does not wait); ``mentions``: the mention index, source id -> entries."""
        for source_id in list(self._sources):
            self.groups_of(source_id, mentions.get(source_id, ()))
